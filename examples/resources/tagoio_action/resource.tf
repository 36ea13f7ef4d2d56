data "tagoio_device" "boiler" {
  name = "Boiler room"
}

resource "tagoio_analysis" "alarm" {
  name    = "Boiler alarm"
  runtime = "node-rt2025"
  source  = file("${path.module}/alarm.js")
}

# Runs the analysis when the temperature goes above 80; locked until it drops below 70.
resource "tagoio_action" "overheat" {
  name = "Boiler overheat"
  type = "condition"
  lock = true
  trigger = [
    { device = data.tagoio_device.boiler.id, variable = "temperature", is = ">", value = "80", value_type = "number" },
    { device = data.tagoio_device.boiler.id, variable = "temperature", is = "<", value = "70", value_type = "number", unlock = true },
  ]
  action = {
    type   = "script"
    script = [tagoio_analysis.alarm.id]
  }
  tags = [{ key = "site", value = "building-a" }]
}

# Posts to a webhook every weekday at 08:00 in São Paulo. Header values are sensitive.
resource "tagoio_action" "daily_webhook" {
  name    = "Daily webhook"
  type    = "schedule"
  trigger = [{ cron = "0 8 * * 1-5", timezone = "America/Sao_Paulo" }]
  action = {
    type    = "post"
    url     = "https://hooks.example.com/tagoio"
    headers = { Authorization = "Bearer ${var.webhook_token}" }
  }
}

# E-mails when the device leaves a 500 m circle around the depot.
resource "tagoio_action" "left_depot" {
  name = "Left the depot"
  type = "condition_geofence"
  trigger = [{
    device   = data.tagoio_device.boiler.id
    variable = "location"
    is       = "OUT"
    geofence = { center = [-46.6333, -23.5505], radius = 0.5 }
  }]
  action = {
    type    = "email"
    to      = "ops@example.com"
    subject = "$DEVICE$ left the depot"
    message = "Last position: $LOCATION$ at $TIME$"
  }
}

variable "webhook_token" {
  type      = string
  sensitive = true
}
