# The custom domain of the profile's TagoRUN, and whether TagoIO found its DNS records.
data "tagoio_run_custom_domain" "current" {}

output "run_custom_domain_active" {
  value = data.tagoio_run_custom_domain.current.active
}
