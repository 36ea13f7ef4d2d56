# A table of maintenance records. Analyses and widgets read and write its records; Terraform
# manages its fields and indexes.
resource "tagoio_entity" "maintenance" {
  name = "Maintenance log"
  tags = [{ key = "site", value = "plant-a" }]

  fields = {
    machine = { type = "string", required = true }
    hours   = { type = "float" }
    done    = { type = "boolean" }
    details = { type = "json" }
    due     = { type = "timestamp" }
    # Renamed from "notes": TagoIO renames the field in place and keeps its values.
    remarks = { type = "text", renamed_from = "notes" }
  }

  # Filtering records needs an index over the filtered fields.
  indexes = {
    machine_idx = { fields = ["machine"] }
    due_idx     = { fields = ["machine", "due"] }
  }
}
