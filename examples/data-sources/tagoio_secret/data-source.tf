# A secret's ID, to pass to an action; the value is never returned.
data "tagoio_secret" "smtp" {
  key = "SMTP_PASSWORD"
}

output "smtp_secret_id" {
  value = data.tagoio_secret.smtp.id
}
