import {
  to = tagoio_action.overheat
  id = "6298fcc3e0b6840012b6abfa"
}
