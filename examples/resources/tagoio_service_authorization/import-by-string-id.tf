import {
  to = tagoio_service_authorization.network_server
  id = "LoRaWAN network server"
}
