data "tagoio_dashboard" "plant" {
  label = "Plant overview"
}

# Where each widget sits on the grid.
output "plant_arrangement" {
  value = data.tagoio_dashboard.plant.arrangement
}
