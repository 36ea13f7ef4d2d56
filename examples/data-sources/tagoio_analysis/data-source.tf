data "tagoio_analysis" "worker" {
  name = "Local worker"
}

output "worker_token" {
  value     = data.tagoio_analysis.worker.token
  sensitive = true
}
