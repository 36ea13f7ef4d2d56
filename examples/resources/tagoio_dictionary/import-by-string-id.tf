import {
  to = tagoio_dictionary.plant
  id = "63ea6bd581db210009ff8f1d"
}
