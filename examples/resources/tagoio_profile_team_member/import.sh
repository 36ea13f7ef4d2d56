# A team member is imported by e-mail address or by the member's account ID.
terraform import tagoio_profile_team_member.ops "ops-lead@example.com"
terraform import tagoio_profile_team_member.ops 6298fcc3e0b6840012b6abfa
