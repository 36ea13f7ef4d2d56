data "tagoio_connector" "https" {
  name = "Custom HTTPS"
}

resource "tagoio_device" "boiler" {
  name      = "Boiler room"
  type      = "mutable"
  connector = data.tagoio_connector.https.id
  network   = data.tagoio_connector.https.networks[0]

  description = "Gas boiler, building A"
  tags = [
    { key = "site", value = "building-a" },
    { key = "kind", value = "boiler" },
  ]

  configuration_params = [
    { key = "report_interval", value = "60" },
  ]
}

# Immutable storage keeps data in chunks and drops old chunks after the retention.
resource "tagoio_device" "meter" {
  name            = "Energy meter"
  type            = "immutable"
  connector       = "62333bd36977fc001a2990c8"
  network         = "62336c32ab6e0d0012e06c04"
  chunk_period    = "month"
  chunk_retention = 12
  payload_decoder = file("${path.module}/decoder.js")
}
