data "tagoio_device" "boiler" {
  name = "Boiler room"
}

output "boiler_type" {
  value = data.tagoio_device.boiler.type
}
