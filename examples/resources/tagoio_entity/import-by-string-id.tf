import {
  to = tagoio_entity.maintenance
  id = "672a64b91807cd0008baa4d5"
}
