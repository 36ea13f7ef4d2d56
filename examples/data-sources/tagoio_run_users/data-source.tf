# Every active user whose name starts with "Jane" and that is tagged role=operator.
data "tagoio_run_users" "operators" {
  name   = "Jane*"
  active = true
  tags   = [{ key = "role", value = "operator" }]
}

output "operator_emails" {
  value = [for u in data.tagoio_run_users.operators.users : u.email]
}
