data "tagoio_dashboard" "plant" {
  label = "Plant overview"
}

# The widgets on the dashboard's grid, in arrangement order.
data "tagoio_dashboard_widgets" "plant" {
  dashboard_id = data.tagoio_dashboard.plant.id
}

output "plant_widget_labels" {
  value = [for w in data.tagoio_dashboard_widgets.plant.widgets : w.label]
}
