# A device token is imported as <device_id>/<token name> when the name is unique on the device,
# or by its resource ID, <device_id>/<first 16 hex characters of the SHA-256 of the token value>,
# which works whatever the name (tokens sharing a name have only that one; the tagoio_device_tokens
# data source lists it as id). A token value never appears in an import ID. expire_time is the
# absolute expiry TagoIO lists; middleware is not returned by the API and is adopted from the
# configuration on the next apply without a replacement.
terraform import tagoio_device_token.gateway 6298fcc3e0b6840012b6abfa/gateway
terraform import tagoio_device_token.twin 6298fcc3e0b6840012b6abfa/3f2a9c4e1b7d8e06
