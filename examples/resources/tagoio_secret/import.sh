# A secret is imported by its ID. TagoIO never returns the value: set value (or value_wo and
# value_wo_version) in the configuration, and the first apply sends it, which adopts the secret.
terraform import tagoio_secret.sendgrid 6298fcc3e0b6840012b6ab01
