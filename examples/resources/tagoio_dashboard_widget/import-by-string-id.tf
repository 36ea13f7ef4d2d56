import {
  to = tagoio_dashboard_widget.temperature
  id = "6230e392f5772600124c81da/623c79da5a13360011819b1d"
}
