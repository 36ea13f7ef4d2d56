import {
  to = tagoio_secret.sendgrid
  id = "6298fcc3e0b6840012b6ab01"
}
