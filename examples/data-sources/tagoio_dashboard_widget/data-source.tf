data "tagoio_dashboard_widget" "temperature" {
  dashboard_id = "6230e392f5772600124c81da"
  id           = "623c79da5a13360011819b1d"
}

output "temperature_widget_display" {
  value = jsondecode(data.tagoio_dashboard_widget.temperature.display)
}
