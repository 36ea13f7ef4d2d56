import {
  to = tagoio_dashboard.plant
  id = "6230e392f5772600124c81da"
}
