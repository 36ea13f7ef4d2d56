# Every device whose name starts with "Sensor" and that is tagged site=north.
data "tagoio_devices" "north_sensors" {
  name = "Sensor*"
  tags = [{ key = "site", value = "north" }]
}

output "north_sensor_ids" {
  value = data.tagoio_devices.north_sensors.ids
}
