import {
  to = tagoio_connector.temperature_sensor
  id = "63ea6bd581db210009ff8f2a"
}
