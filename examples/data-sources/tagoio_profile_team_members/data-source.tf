# Who the profile is shared with, and whose invitation is still pending.
data "tagoio_profile_team_members" "team" {}

output "pending_invitations" {
  value = [for m in data.tagoio_profile_team_members.team.members : m.email if !m.active]
}
