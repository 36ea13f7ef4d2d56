# Every external Python analysis tagged team=ops.
data "tagoio_analyses" "ops_workers" {
  run_on  = "external"
  runtime = "python-rt2025"
  tags    = [{ key = "team", value = "ops" }]
}

output "ops_worker_ids" {
  value = data.tagoio_analyses.ops_workers.ids
}
