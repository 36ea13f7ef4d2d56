# Share the profile with a colleague's TagoIO account. The invitation is e-mailed; `active`
# turns true once it is accepted. A team member reaches everything in the profile except
# billing, resource allocation and the audit log: TagoIO has no finer permissions for members.
resource "tagoio_profile_team_member" "ops" {
  email = "ops-lead@example.com"
}

output "ops_lead_has_accepted" {
  value = tagoio_profile_team_member.ops.active
}
