resource "tagoio_dashboard" "plant" {
  label = "Plant overview"
  tabs  = [{ key = "main", value = "Overview" }]
}

resource "tagoio_device" "boiler" {
  name      = "Boiler room"
  type      = "mutable"
  connector = "62333bd36977fc001a2990c8"
  network   = "62336c32ab6e0d0012e06c04"
}

resource "tagoio_dashboard_widget" "temperature" {
  dashboard_id = tagoio_dashboard.plant.id
  label        = "Temperature"
  type         = "card"
  realtime     = true

  data = [
    { origin = tagoio_device.boiler.id, variables = ["temperature"], query = "last_value", qty = 10 },
  ]

  # Type-specific settings; key order and whitespace never show as a change.
  display = jsonencode({
    variable   = "temperature"
    show_unit  = true
    max_points = 10
  })

  # Grid units; fractions such as 2.3333333333333335 are fine.
  position = { x = 0, y = 0, width = 2, height = 3, tab = "main" }
}

# Widgets of one dashboard can be created in parallel (count, for_each): the provider
# serializes their edits of the dashboard's arrangement, so every widget keeps its place.
resource "tagoio_dashboard_widget" "rooms" {
  for_each     = toset(["kitchen", "hall", "office"])
  dashboard_id = tagoio_dashboard.plant.id
  label        = "Temperature (${each.key})"
  type         = "display"
  data         = [{ origin = tagoio_device.boiler.id, variables = ["temperature_${each.key}"] }]
  position     = { x = 2 + index(["kitchen", "hall", "office"], each.key) * 1.5, y = 0, width = 1.5, height = 3, tab = "main" }
}
