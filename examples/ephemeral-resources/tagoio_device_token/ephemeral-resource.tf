# Terraform >= 1.10. The token exists only while Terraform runs: it is created when the plan or
# the apply needs it, deleted when that run is done with it, and never written to state or plan.
ephemeral "tagoio_device_token" "provisioning" {
  device_id   = tagoio_device.boiler.id
  name        = "terraform-provisioning"
  permission  = "write"
  expire_time = "15 minutes" # in case Terraform is killed before it deletes the token
}

resource "tagoio_device" "boiler" {
  name      = "Boiler room"
  type      = "mutable"
  connector = "62333bd36977fc001a2990c8" # Custom HTTPS
  network   = "62336c32ab6e0d0012e06c04"
}

# Provisioners accept ephemeral values: send the device's first record with the short-lived token.
resource "terraform_data" "first_record" {
  triggers_replace = [tagoio_device.boiler.id]

  provisioner "local-exec" {
    command = "curl -sf -X POST https://api.tago.io/data -H \"Authorization: $DEVICE_TOKEN\" -H 'Content-Type: application/json' -d '{\"variable\":\"commissioned\",\"value\":true}'"
    environment = {
      DEVICE_TOKEN = ephemeral.tagoio_device_token.provisioning.token
    }
  }
}
