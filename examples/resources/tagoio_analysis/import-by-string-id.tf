import {
  to = tagoio_analysis.report
  id = "6298fcc3e0b6840012b6abfa"
}
