variable "sendgrid_api_key" {
  type      = string
  sensitive = true
}

# The value is kept (sensitive) in the state and sent when it changes. TagoIO never returns it,
# so a change made outside Terraform cannot be detected.
resource "tagoio_secret" "sendgrid" {
  key   = "SENDGRID_API_KEY"
  value = var.sendgrid_api_key
  tags  = [{ key = "service", value = "mail" }]
}

# Terraform 1.11 and later: a write-only value is never stored in the plan or the state.
# Bump value_wo_version to send a new value.
resource "tagoio_secret" "twilio" {
  key              = "TWILIO_TOKEN"
  value_wo         = var.twilio_token
  value_wo_version = 1
}

variable "twilio_token" {
  type      = string
  sensitive = true
}
