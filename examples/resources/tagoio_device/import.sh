# A device is imported by its ID. Its default token is not imported (TagoIO does not say which
# token was the default); manage tokens with tagoio_device_token.
terraform import tagoio_device.boiler 6298fcc3e0b6840012b6abfa
