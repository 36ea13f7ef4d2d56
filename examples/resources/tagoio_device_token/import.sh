# A device token is imported as <device_id>/<token name> (names must be unique on the device):
# a token value never appears in an import ID. expire_time and middleware are not returned by
# the API, so they are adopted from the configuration on the next apply without a replacement.
terraform import tagoio_device_token.gateway 6298fcc3e0b6840012b6abfa/gateway
