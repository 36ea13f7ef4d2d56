# Legacy standalone buckets; devices are listed by tagoio_devices.
data "tagoio_buckets" "plants" {
  name    = "Plant*"
  visible = false
}

output "plant_bucket_ids" {
  value = data.tagoio_buckets.plants.ids
}
