# The quickstart of the README: a device, a token for it, and outputs.
# `make demo` applies it against the tagoio-emulator; point it at TagoIO by setting
# TAGOIO_TOKEN (and TAGOIO_REGION or TAGOIO_API) instead.
terraform {
  required_providers {
    tagoio = {
      source = "tago-io/tagoio"
    }
  }
}

provider "tagoio" {}

data "tagoio_connector" "https" {
  name = "Custom HTTPS"
}

resource "tagoio_device" "thermometer" {
  name      = "Quickstart thermometer"
  type      = "mutable"
  connector = data.tagoio_connector.https.id
  network   = data.tagoio_connector.https.networks[0]
  tags = [
    { key = "project", value = "quickstart" },
  ]
}

resource "tagoio_device_token" "firmware" {
  device_id   = tagoio_device.thermometer.id
  name        = "firmware"
  permission  = "write"
  expire_time = "never"
}

output "device_id" {
  value = tagoio_device.thermometer.id
}

output "firmware_token" {
  value     = tagoio_device_token.firmware.token
  sensitive = true
}
