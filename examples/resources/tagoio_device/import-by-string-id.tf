import {
  to = tagoio_device.boiler
  id = "6298fcc3e0b6840012b6abfa"
}
