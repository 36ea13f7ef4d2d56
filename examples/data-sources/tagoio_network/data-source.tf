data "tagoio_network" "http" {
  name = "HTTP"
}
