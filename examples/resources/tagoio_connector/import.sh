# A custom connector is imported by its ID.
terraform import tagoio_connector.temperature_sensor 63ea6bd581db210009ff8f2a
