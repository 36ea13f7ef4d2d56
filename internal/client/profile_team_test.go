package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const (
	teamProfileID = "63ea6bd581db210009ff8f1a"
	teamMemberID  = "63ea6bd581db210009ff8f1b"
)

// The invitation is answered with a text; the member's id comes from the team list, found by
// the address without regard to case.
func TestTeam_InviteThenGetByEmail(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.Method == http.MethodPost {
			ok(w, "User invited")
			return
		}
		ok(w, []map[string]any{
			{"id": "63ea6bd581db210009ff8f1c", "email": "other@example.com", "name": "other", "active": true, "created_at": "2026-01-01T00:00:00Z"},
			{"id": teamMemberID, "email": "ana@example.com", "name": "Ana", "active": false, "created_at": "2026-01-01T00:00:00Z"},
		})
	})
	c, _ := newTestClient(t, api.URL)
	adopted, err := c.Team.Invite(context.Background(), teamProfileID, "Ana@Example.com")
	if err != nil || adopted != "" {
		t.Fatalf("invite = %q, %v", adopted, err)
	}
	m, err := c.Team.GetByEmail(context.Background(), teamProfileID, "Ana@Example.com")
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != teamMemberID || m.Active {
		t.Errorf("member = %+v, want %s, pending", m, teamMemberID)
	}
	reqs := api.Requests()
	if reqs[0].Method != http.MethodPost || reqs[0].Path != "/profile/"+teamProfileID+"/team" || reqs[0].Body != `{"email":"Ana@Example.com"}` {
		t.Errorf("invite = %s %s %s", reqs[0].Method, reqs[0].Path, reqs[0].Body)
	}
}

// A refused invitation of an address a member already holds names that member.
func TestTeam_InviteOfAMemberIsAConflictNamingIt(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.Method == http.MethodPost {
			fail(w, http.StatusBadRequest, "ana@example.com is already a member")
			return
		}
		ok(w, []map[string]any{{"id": teamMemberID, "email": "ana@example.com", "name": "Ana", "active": true, "created_at": "2026-01-01T00:00:00Z"}})
	})
	c, _ := newTestClient(t, api.URL)
	_, err := c.Team.Invite(context.Background(), teamProfileID, "ANA@example.com")
	var conflict *client.ConflictError
	if !errors.As(err, &conflict) || conflict.ExistingID != teamMemberID || conflict.Field != "email" {
		t.Fatalf("err = %v, want a ConflictError naming %s", err, teamMemberID)
	}
}

func TestTeam_GetOfAMissingMemberIsNotFound(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) { ok(w, []any{}) })
	c, _ := newTestClient(t, api.URL)
	_, err := c.Team.Get(context.Background(), teamProfileID, teamMemberID)
	if !client.IsNotFound(err) {
		t.Fatalf("err = %v, want not found", err)
	}
}
