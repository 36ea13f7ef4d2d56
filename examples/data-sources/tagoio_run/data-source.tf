data "tagoio_run" "current" {}

output "run_url" {
  value = "https://${data.tagoio_run.current.url}"
}
