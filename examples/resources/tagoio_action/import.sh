# An action is imported by its ID (24 hexadecimal characters).
terraform import tagoio_action.overheat 6298fcc3e0b6840012b6abfa
