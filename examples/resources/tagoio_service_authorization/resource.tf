# A token for an external service (here a network server) to call TagoIO with.
resource "tagoio_service_authorization" "network_server" {
  name              = "LoRaWAN network server"
  permission        = "write"
  verification_code = var.network_server_code
}

variable "network_server_code" {
  type      = string
  sensitive = true
}

# Hand the token to the service's own configuration; it is sensitive in the plan and the state.
output "network_server_token" {
  value     = tagoio_service_authorization.network_server.token
  sensitive = true
}
