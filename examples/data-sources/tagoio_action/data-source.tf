data "tagoio_action" "overheat" {
  name = "Boiler overheat"
}

output "overheat_analyses" {
  value = data.tagoio_action.overheat.action.script
}
