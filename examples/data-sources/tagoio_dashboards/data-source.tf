# Every blueprint dashboard whose label starts with "Plant" and that is tagged site=building-a.
data "tagoio_dashboards" "plants" {
  label = "Plant*"
  type  = "blueprint"
  tags  = [{ key = "site", value = "building-a" }]
}

output "plant_dashboard_ids" {
  value = data.tagoio_dashboards.plants.ids
}
