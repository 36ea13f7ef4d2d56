# Run users tagged "company" see the devices and dashboards carrying the same company tag, may
# read their data, and may never delete a device. The order of the permissions does not matter:
# TagoIO evaluates every allow before every deny.
resource "tagoio_access_management" "customers" {
  name = "Customers see their own devices"

  targets = [
    ["run_user", "tag_match", "company"],
  ]

  permissions = [
    {
      effect   = "deny"
      action   = ["delete"]
      resource = ["device"]
    },
    {
      effect   = "allow"
      action   = ["access", "get_data"]
      resource = ["device", "tag_match", "company"]
    },
    {
      effect   = "allow"
      action   = ["access"]
      resource = ["dashboard", "tag_match", "company"]
    },
  ]

  tags = [{ key = "managed_by", value = "terraform" }]
}

# An analysis that may read and write the data of sensors only.
resource "tagoio_access_management" "reporting" {
  name    = "Reporting analysis"
  targets = [["analysis", "id", "6299f0b1c72f2f00181d8b3c"]]

  permissions = [{
    effect   = "allow"
    action   = ["access", "get_data", "send_data"]
    resource = ["device", "tag.key", "type", "tag.value", "sensor"]
  }]
}
