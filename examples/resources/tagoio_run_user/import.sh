# A run user is imported by its ID (24 hexadecimal characters). TagoIO never returns the
# password: an imported user needs neither password nor password_wo in the configuration.
terraform import tagoio_run_user.operator 62b086df27ce4d0012be6bac
