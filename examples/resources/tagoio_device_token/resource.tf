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
