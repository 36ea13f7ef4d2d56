# Every inactive schedule action whose name starts with "Report", tagged site=north.
data "tagoio_actions" "paused_reports" {
  name   = "Report*"
  type   = "schedule"
  active = false
  tags   = [{ key = "site", value = "north" }]
}

output "paused_report_ids" {
  value = data.tagoio_actions.paused_reports.ids
}
