# A legacy bucket is imported by its ID.
terraform import tagoio_bucket.archive 6298fcc3e0b6840012b6ab02
