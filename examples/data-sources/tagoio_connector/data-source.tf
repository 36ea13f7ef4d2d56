data "tagoio_connector" "https" {
  name = "Custom HTTPS"
}
