# A private LoRaWAN network server: its devices are identified by their DevEUI, and its
# decoder (plain JavaScript in a file next to this one) runs on every payload it forwards.
resource "tagoio_network" "plant_lns" {
  name                = "Plant LoRaWAN server"
  description         = "Our own network server in the plant"
  middleware_endpoint = "lns.plant.example.com"
  payload_decoder     = file("${path.module}/network-decoder.js")

  serial_number = {
    required = true
    label    = "Device EUI"
    mask     = "xxxxxxxxxxxxxxxx"
    case     = "upper"
  }

  device_parameters = [
    { name = "app_key", label = "Application key", type = "text", group = "main" },
  ]
}
