# A custom network is imported by its ID.
terraform import tagoio_network.plant_lns 63ea6bd581db210009ff8f3b
