# An entity's ID and schema, found by its name, for example for an analysis's environment.
data "tagoio_entity" "maintenance" {
  name = "Maintenance log"
}

output "maintenance_fields" {
  value = keys(data.tagoio_entity.maintenance.fields)
}
