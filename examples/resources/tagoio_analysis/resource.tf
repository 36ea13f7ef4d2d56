resource "tagoio_analysis" "report" {
  name        = "Battery report"
  description = "Sends the weekly battery report"
  runtime     = "node-rt2025"
  interval    = "1 week"
  source      = file("${path.module}/report.js")

  environment = {
    REPORT_EMAIL = "ops@example.com"
    MAX_BATTERY  = "3100"
  }
  tags = [{ key = "analysis_type", value = "report" }]
}

# An analysis that runs on your own machine: it authenticates with its token.
resource "tagoio_analysis" "worker" {
  name    = "Local worker"
  runtime = "python-rt2025"
  run_on  = "external"
}

output "worker_token" {
  value     = tagoio_analysis.worker.token
  sensitive = true
}
