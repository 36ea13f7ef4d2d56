package provider

import (
	"regexp"
	"testing"
)

// Team members invited through the API import loss-free with generated configuration, one by
// e-mail address and one by account ID.
func TestAccProfileTeamMember_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	team := "/profile/" + env.profileID() + "/team"
	env.apiCall("POST", team, map[string]any{"email": "tfacc-by-email@example.com"})
	env.apiCall("POST", team, map[string]any{"email": "tfacc-by-id@example.com"})
	byID := ""
	members, err := env.client.Team.List(t.Context(), env.profileID())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		if m.Email == "tfacc-by-id@example.com" {
			byID = m.ID
		}
	}
	if byID == "" {
		t.Fatalf("the invitation is not listed: %v", members)
	}
	res := env.importWithGeneratedConfig(
		[]importTarget{
			{Type: "tagoio_profile_team_member", Name: "by_email", ID: "tfacc-by-email@example.com"},
			{Type: "tagoio_profile_team_member", Name: "by_id", ID: byID},
		},
		[]apiObject{{Path: team}})
	for _, email := range []string{"tfacc-by-email@example.com", "tfacc-by-id@example.com"} {
		if !regexp.MustCompile(`email\s*=\s*"` + regexp.QuoteMeta(email) + `"`).MatchString(res.Generated) {
			t.Errorf("generated configuration lacks email = %q:\n%s", email, res.Generated)
		}
	}
}
