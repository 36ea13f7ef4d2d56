data "tagoio_device_tokens" "boiler" {
  device_id = "6298fcc3e0b6840012b6abfa"
}

output "boiler_token_names" {
  value = data.tagoio_device_tokens.boiler.tokens[*].name
}
