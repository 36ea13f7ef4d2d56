# By e-mail (compared without regard to case) or by id.
data "tagoio_run_user" "jane" {
  email = "jane@example.com"
}

output "jane_last_login" {
  value = data.tagoio_run_user.jane.last_login
}
