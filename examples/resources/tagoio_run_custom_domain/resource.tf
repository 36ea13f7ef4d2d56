# The TagoRUN at portal.example.com, its e-mails sent from example.com. TagoIO answers with the
# DNS records to create at the DNS provider; the custom domain is active once it finds them all.
resource "tagoio_run_custom_domain" "portal" {
  domain    = "example.com"
  subdomain = "portal"
  email     = "example.com"
}

# The records to create, for a DNS provider's resources.
output "run_dns_records" {
  value = {
    for name, record in {
      ssl     = tagoio_run_custom_domain.portal.dns_ssl
      page    = tagoio_run_custom_domain.portal.dns_page
      email_1 = tagoio_run_custom_domain.portal.dns_email_1
      email_2 = tagoio_run_custom_domain.portal.dns_email_2
      email_3 = tagoio_run_custom_domain.portal.dns_email_3
    } : name => { type = record.type, name = record.key, value = record.value }
  }
}
