# Legacy: standalone buckets exist only on accounts from before 2022. New configurations use a
# tagoio_device, which is its own data storage.
resource "tagoio_bucket" "archive" {
  name        = "Plant 1 archive"
  description = "Data kept from the original SDK"
  visible     = false
  tags        = [{ key = "plant", value = "1" }]
}
