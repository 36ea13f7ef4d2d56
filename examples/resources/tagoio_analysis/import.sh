# An analysis is imported by its ID (24 hexadecimal characters). The import downloads its script
# into source, so a configuration with the same file() shows no change.
terraform import tagoio_analysis.report 6298fcc3e0b6840012b6abfa
