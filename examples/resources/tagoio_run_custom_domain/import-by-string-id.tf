import {
  to = tagoio_run_custom_domain.portal
  id = "62ab4302ee089b00134f33ff"
}
