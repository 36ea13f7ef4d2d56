# The TagoRUN settings are imported by the ID of the profile the provider's token belongs to
# (see the tagoio_account data source's profile_id). The theme options and e-mail templates to
# manage come from the configuration.
terraform import tagoio_run.portal 62ab4302ee089b00134f33ff
