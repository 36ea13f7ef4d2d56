variable "operator_password" {
  type      = string
  sensitive = true
}

# With Terraform 1.11 or later the password is write-only: it is sent to TagoIO but never stored
# in the plan or the state. Increment password_wo_version to send a new one.
resource "tagoio_run_user" "operator" {
  name                = "Jane Doe"
  email               = "jane@example.com"
  password_wo         = var.operator_password
  password_wo_version = 1
  timezone            = "America/New_York"
  company             = "ACME"
  language            = "en"
  active              = true

  tags = [
    { key = "role", value = "operator" },
    { key = "company", value = "acme" },
  ]

  options = {
    decimal_separator  = "."
    thousand_separator = ","
    date_format        = "MM/DD/YYYY"
    time_format        = "12"
  }
}

# With older Terraform versions use password: it is kept in the state (marked sensitive).
resource "tagoio_run_user" "viewer" {
  name     = "John Roe"
  email    = "john@example.com"
  password = var.operator_password
  timezone = "UTC"
}
