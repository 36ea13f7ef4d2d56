# A device's id is also its bucket id: this reads the device's storage (data amount, variables).
data "tagoio_bucket" "meter" {
  id = "6298fcc3e0b6840012b6abfa"
}

output "meter_variables" {
  value = data.tagoio_bucket.meter.variables
}

# A legacy standalone bucket, by name.
data "tagoio_bucket" "archive" {
  name = "Plant 1 archive"
}
