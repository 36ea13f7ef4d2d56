resource "tagoio_dashboard" "plant" {
  label    = "Plant overview"
  tags     = [{ key = "site", value = "building-a" }]
  group_by = ["site"]
  icon     = { url = "https://svg.internal.tago.io/factory.svg", color = "hsl(328, 89%, 47%)" }

  # Widgets are placed on a tab by its key (see tagoio_dashboard_widget's position.tab).
  tabs = [
    { key = "main", value = "Overview" },
    { key = "energy", value = "Energy" },
  ]
}

# A blueprint dashboard: one dashboard for every device that fits a slot. Widgets whose data
# origin is a slot's id show the data of the device picked in the selector.
resource "tagoio_dashboard" "sensor" {
  label = "Sensor detail"
  type  = "blueprint"

  blueprint_devices = [
    {
      id         = "68d2f3e0a6343f0009318e4c" # chosen by you; widgets refer to the slot by it
      name       = "sensor"
      label      = "Sensor"
      conditions = [{ key = "kind", value = "sensor" }]
    },
    {
      id                = "68d2f3e0a6343f0009318e4d"
      name              = "gateway"
      filter_conditions = [{ tag_key = "site", blueprint_device = "sensor" }]
    },
  ]
  blueprint_device_behavior   = "always"
  blueprint_selector_behavior = "open"
}
