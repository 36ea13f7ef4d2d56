package client

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// TeamMember is a member of a profile's team (JS SDK ProfileTeam, docs/api-notes.md §2.2a):
// another TagoIO account the profile is shared with. ID is the member's account id. Active is
// false while the invitation is pending and true once the invitee accepted it.
type TeamMember struct {
	ID        string `json:"id"`
	Email     string `json:"email"`
	Name      string `json:"name"`
	Active    bool   `json:"active"`
	CreatedAt string `json:"created_at"`
}

// TeamService is /profile/{id}/team. Every call names the profile: the token's own profile
// (AccountService.CurrentProfile) is the only one a profile token manages.
type TeamService struct{ c *Client }

func teamPath(profileID string) string { return "/profile/" + url.PathEscape(profileID) + "/team" }

// Invite shares the profile with the account holding email. The API answers the invitation
// with a text, not an id: read the member's id with GetByEmail. E-mail addresses are unique in a
// team, so a create refused because a member already holds the address is reported as a
// ConflictError naming that member, and an invitation whose answer was lost is recognised by its
// address; adoptedID is then the member found.
func (s *TeamService) Invite(ctx context.Context, profileID, email string) (adoptedID string, err error) {
	lookup := func(ctx context.Context) ([]candidate, error) {
		members, err := s.List(ctx, profileID)
		if err != nil {
			return nil, err
		}
		out := make([]candidate, 0, len(members))
		for _, m := range members {
			name := m.Email
			if strings.EqualFold(name, email) { // the API may store the address in another case
				name = email
			}
			out = append(out, candidate{ID: m.ID, Name: name, CreatedAt: m.CreatedAt})
		}
		return out, nil
	}
	return s.c.create(ctx, createSpec{
		kind:      "profile team member",
		name:      email,
		uniqueKey: "email",
		req:       Request{Method: http.MethodPost, Path: teamPath(profileID), Body: map[string]string{"email": email}},
		lookup:    lookup,
	}, nil)
}

// List lists the profile's team members, pending invitations included.
func (s *TeamService) List(ctx context.Context, profileID string) ([]TeamMember, error) {
	var out []TeamMember
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: teamPath(profileID)}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Get reads one member from the team list (the API has no route for one member); a member
// the list lacks is a not-found APIError.
func (s *TeamService) Get(ctx context.Context, profileID, id string) (*TeamMember, error) {
	return s.find(ctx, profileID, "member "+id, func(m TeamMember) bool { return m.ID == id })
}

// GetByEmail reads the member with this e-mail address (compared without case).
func (s *TeamService) GetByEmail(ctx context.Context, profileID, email string) (*TeamMember, error) {
	return s.find(ctx, profileID, "member "+email, func(m TeamMember) bool { return strings.EqualFold(m.Email, email) })
}

func (s *TeamService) find(ctx context.Context, profileID, what string, match func(TeamMember) bool) (*TeamMember, error) {
	members, err := s.List(ctx, profileID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if match(m) {
			return &m, nil
		}
	}
	return nil, &APIError{StatusCode: http.StatusNotFound, Message: "Team " + what + " not found", Method: http.MethodGet, Path: teamPath(profileID)}
}

// Delete removes a member (or withdraws a pending invitation) by the member's account id.
func (s *TeamService) Delete(ctx context.Context, profileID, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: teamPath(profileID) + "/" + url.PathEscape(id)}, nil)
}
