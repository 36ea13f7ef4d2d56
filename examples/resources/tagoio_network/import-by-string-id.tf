import {
  to = tagoio_network.plant_lns
  id = "63ea6bd581db210009ff8f3b"
}
