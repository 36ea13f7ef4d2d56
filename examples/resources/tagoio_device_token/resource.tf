resource "tagoio_device" "boiler" {
  name      = "Boiler room"
  type      = "mutable"
  connector = "62333bd36977fc001a2990c8" # Custom HTTPS
  network   = "62336c32ab6e0d0012e06c04"
}

resource "tagoio_device_token" "gateway" {
  device_id   = tagoio_device.boiler.id
  name        = "gateway"
  permission  = "write"
  expire_time = "3 months"
}

output "gateway_token" {
  value     = tagoio_device_token.gateway.token
  sensitive = true
}
