# A service authorization is imported by its name (its token is the secret it holds).
terraform import tagoio_service_authorization.network_server "LoRaWAN network server"
