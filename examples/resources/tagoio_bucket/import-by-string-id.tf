import {
  to = tagoio_bucket.archive
  id = "6298fcc3e0b6840012b6ab02"
}
