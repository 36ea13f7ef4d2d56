# Every policy whose name starts with "Customers" and that is tagged managed_by=terraform.
data "tagoio_access_managements" "customers" {
  name = "Customers*"
  tags = [{ key = "managed_by", value = "terraform" }]
}

output "customer_policy_ids" {
  value = data.tagoio_access_managements.customers.ids
}
