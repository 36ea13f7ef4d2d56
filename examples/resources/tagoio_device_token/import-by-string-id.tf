import {
  to = tagoio_device_token.gateway
  id = "6298fcc3e0b6840012b6abfa/gateway"
}
