# By exact name or by id; the result holds the targets and permissions.
data "tagoio_access_management" "customers" {
  name = "Customers see their own devices"
}

output "customer_targets" {
  value = data.tagoio_access_management.customers.targets
}
