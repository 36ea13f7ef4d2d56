# The newest 10 temperature records of a device.
data "tagoio_device_data" "recent" {
  device_id = "6298fcc3e0b6840012b6abfa"
  variables = ["temperature"]
  qty       = 10
}

# The last value of each variable, and how many records arrived in the last day.
data "tagoio_device_data" "last" {
  device_id = "6298fcc3e0b6840012b6abfa"
  variables = ["temperature", "humidity"]
  query     = "last_value"
}

data "tagoio_device_data" "count_today" {
  device_id  = "6298fcc3e0b6840012b6abfa"
  query      = "count"
  start_date = "1 day"
}

output "latest_temperature" {
  # value is text with its type in value_type; tonumber() gives the number back.
  value = tonumber(data.tagoio_device_data.recent.records[0].value)
}

output "records_today" {
  value = tonumber(data.tagoio_device_data.count_today.records[0].value)
}
