import {
  to = tagoio_run.portal
  id = "62ab4302ee089b00134f33ff"
}
