import {
  to = tagoio_profile_team_member.ops
  id = "ops-lead@example.com"
}
