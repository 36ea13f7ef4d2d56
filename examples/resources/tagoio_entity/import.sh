# An entity is imported by its ID, with its fields and indexes (its records are data and stay as
# they are).
terraform import tagoio_entity.maintenance 672a64b91807cd0008baa4d5
