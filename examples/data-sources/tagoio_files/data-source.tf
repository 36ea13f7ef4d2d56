# Every file under /reports, in its sub-folders too.
data "tagoio_files" "reports" {
  folder = "/reports"
}

output "public_reports" {
  value = [for f in data.tagoio_files.reports.files : f.path if f.public]
}
