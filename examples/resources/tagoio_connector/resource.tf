# A custom connector for the plant's temperature sensors, on the plant's own network or plain
# HTTP; its decoder is plain JavaScript (the provider base64-encodes it for the API).
data "tagoio_network" "http" {
  name = "HTTP"
}

resource "tagoio_network" "plant_lns" {
  name          = "Plant LoRaWAN server"
  serial_number = { required = true, label = "Device EUI" }
}

resource "tagoio_connector" "temperature_sensor" {
  name              = "Plant temperature sensor"
  description       = "Decodes the sensors' 4-byte payloads"
  networks          = [tagoio_network.plant_lns.id, data.tagoio_network.http.id]
  payload_decoder   = file("${path.module}/decoder.js")
  install_text      = "Scan the QR code on the sensor's lid."
  device_annotation = "Replace the battery every two years."

  device_parameters = [
    { name = "interval", label = "Report interval (s)", type = "number", default = "60", group = "main" },
    { name = "unit", type = "dropdown", options = ["C", "F"], default = "C" },
  ]
}

resource "tagoio_device" "sensor_1" {
  name      = "Sensor 1"
  type      = "immutable"
  connector = tagoio_connector.temperature_sensor.id
  network   = tagoio_network.plant_lns.id

  chunk_period    = "month"
  chunk_retention = 12
  serie_number    = "70B3D57ED0000001"
}
