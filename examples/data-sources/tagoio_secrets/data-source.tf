data "tagoio_secrets" "mail" {
  key  = "SMTP_*"
  tags = [{ key = "service", value = "mail" }]
}

output "mail_secret_keys" {
  value = [for s in data.tagoio_secrets.mail.secrets : s.key]
}
