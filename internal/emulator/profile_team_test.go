package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestProfileTeamLifecycle(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	team := "/profile/" + e.ProfileID() + "/team"
	var answer string
	req(t, e, "POST", team, tok, map[string]any{"email": "Ana@Example.com"}).ok(t, 200, &answer)
	if answer != "User invited" {
		t.Fatalf("invite answered %q", answer)
	}
	members := getList(t, e, team)
	if len(members) != 1 || members[0]["email"] != "Ana@Example.com" || members[0]["active"] != false || len(members[0]) != 5 {
		t.Fatalf("a pending invitation is listed inactive with ProfileTeam's five fields: %v", members)
	}
	id := as[string](t, members[0]["id"])
	if !isObjectID(id) {
		t.Fatalf("member id %q", id)
	}

	// Bad input answers 400 naming the problem and stores nothing.
	req(t, e, "POST", team, tok, map[string]any{"email": "not-an-email"}).fail(t, 400, "email")
	req(t, e, "POST", team, tok, map[string]any{}).fail(t, 400, "email")
	req(t, e, "POST", team, tok, map[string]any{"email": "ana@example.COM"}).fail(t, 400, "already a member")
	req(t, e, "POST", team, tok, map[string]any{"email": e.AccountEmail()}).fail(t, 400, "owner")
	req(t, e, "POST", "/profile/current/team", tok, map[string]any{"email": "b@example.com"}).fail(t, 400, "Profile ID")
	req(t, e, "GET", "/profile/"+newObjectID()+"/team", tok, nil).fail(t, 404, "Profile not found")
	if n := len(getList(t, e, team)); n != 1 {
		t.Fatalf("refused invitations were stored: %d members", n)
	}

	// Accepting the invitation makes the member active; the link works once.
	invitation, ok := e.TeamInvitation("ana@example.com")
	if !ok {
		t.Fatal("no pending invitation")
	}
	req(t, e, "GET", "/profile/team/accept/"+invitation, "", nil).ok(t, 200, nil)
	if m := getList(t, e, team); m[0]["active"] != true || m[0]["id"] != id {
		t.Fatalf("after accepting: %v", m)
	}
	req(t, e, "GET", "/profile/team/accept/"+invitation, "", nil).fail(t, 404, "Invitation")

	// A declined invitation leaves the team.
	req(t, e, "POST", team, tok, map[string]any{"email": "bo@example.com"}).ok(t, 200, nil)
	declined, _ := e.TeamInvitation("bo@example.com")
	req(t, e, "GET", "/profile/team/decline/"+declined, "", nil).ok(t, 200, nil)
	if n := len(getList(t, e, team)); n != 1 {
		t.Fatalf("a declined invitation stays listed: %d members", n)
	}

	req(t, e, "DELETE", team+"/not-an-id", tok, nil).fail(t, 400, "Account ID")
	req(t, e, "DELETE", team+"/"+id, tok, nil).ok(t, 200, &answer)
	if answer != "Account Successfully Removed" {
		t.Fatalf("remove answered %q", answer)
	}
	req(t, e, "DELETE", team+"/"+id, tok, nil).fail(t, 404, "not found")
	if n := len(getList(t, e, team)); n != 0 {
		t.Fatalf("removed member still listed")
	}
}

// GET /_emulator/team-invitations lists the pending invitations' tokens, for tools that accept
// an invitation the way its e-mail's link would.
func TestTeamInvitationsHelper(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	req(t, e, "POST", "/profile/"+e.ProfileID()+"/team", e.ProfileToken(), map[string]any{"email": "ana@example.com"}).ok(t, 200, nil)
	rec := httptest.NewRecorder()
	e.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/_emulator/team-invitations", nil))
	var got []map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("status %d, body %s", rec.Code, rec.Body)
	}
	token, _ := e.TeamInvitation("ana@example.com")
	if len(got) != 1 || got[0]["email"] != "ana@example.com" || got[0]["token"] != token || token == "" {
		t.Fatalf("invitations = %v, want ana's token %q", got, token)
	}
}
