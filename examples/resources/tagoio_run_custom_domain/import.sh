# The custom domain is imported by the ID of the profile the provider's token belongs to (see the
# tagoio_account data source's profile_id).
terraform import tagoio_run_custom_domain.portal 62ab4302ee089b00134f33ff
