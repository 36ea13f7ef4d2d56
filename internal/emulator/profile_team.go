package emulator

import (
	"net/http"
	"strings"
)

// collProfileTeam holds the profile's team members (docs/api-notes.md §2.2a), keyed by the
// member's account id.
const collProfileTeam = "profile_team"

// teamMemberDoc is a team member: another TagoIO account the profile is shared with. The API
// has no per-member permissions: a member reaches everything in the profile except billing,
// allocation and the audit log. Active is false while the invitation is pending.
type teamMemberDoc struct {
	ID        string  `json:"id"` // the member's account id
	Email     string  `json:"email"`
	Name      string  `json:"name"`
	Active    bool    `json:"active"`
	CreatedAt apiTime `json:"created_at"`
	// Invitation is the token of the link the invitation e-mail carries (accept/decline); it
	// is never answered by the management routes.
	Invitation string `json:"invitation,omitempty"`
}

// teamMemberRecord is ProfileTeam (JS profile.types.ts): exactly its five fields.
func teamMemberRecord(m *teamMemberDoc) record {
	return record{"id": m.ID, "email": m.Email, "name": m.Name, "active": m.Active, "created_at": m.CreatedAt}
}

func (e *Emulator) registerProfileTeam(r *Router) {
	r.Handle("GET", "/profile/{id}/team", e.listTeamMembers, kindProfile)
	r.Handle("POST", "/profile/{id}/team", e.inviteTeamMember, kindProfile)
	r.Handle("DELETE", "/profile/{id}/team/{accountId}", e.removeTeamMember, kindProfile)
	// The links of the invitation e-mail: anonymous, the token is the proof.
	r.Handle("GET", "/profile/team/accept/{token}", e.acceptTeamInvitation, anonymous)
	r.Handle("GET", "/profile/team/decline/{token}", e.declineTeamInvitation, anonymous)
}

// checkTeamProfileID accepts only the emulated profile's id: "current" is documented for
// GET /profile/{id} alone.
func (e *Emulator) checkTeamProfileID(id string) error {
	if id == e.profileID {
		return nil
	}
	if !isObjectID(id) {
		return badRequest("Invalid Profile ID")
	}
	return notFound("Profile not found")
}

func (e *Emulator) listTeamMembers(c *Ctx) (int, any, error) {
	if err := e.checkTeamProfileID(c.Param("id")); err != nil {
		return 0, nil, err
	}
	var docs []*teamMemberDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[teamMemberDoc](tx, collProfileTeam, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	out := make([]record, 0, len(docs))
	for _, m := range docs {
		out = append(out, teamMemberRecord(m))
	}
	return http.StatusOK, out, nil
}

// inviteTeamMember invites an account by e-mail. The member is listed at once, inactive until
// the invitation is accepted. The emulator has no other accounts, so it makes up the invitee's
// account: a new id, and the e-mail's local part as its name.
func (e *Emulator) inviteTeamMember(c *Ctx) (int, any, error) {
	if err := e.checkTeamProfileID(c.Param("id")); err != nil {
		return 0, nil, err
	}
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	email, present, err := body.str("email")
	email = strings.TrimSpace(email)
	if err != nil || !present || !runUserEmailRe.MatchString(email) {
		return 0, nil, badRequest("email is required and must be an email address")
	}
	if strings.EqualFold(email, e.AccountEmail()) {
		return 0, nil, badRequest("The profile owner cannot be invited to its own team")
	}
	m := &teamMemberDoc{
		ID: newObjectID(), Email: email, Name: strings.SplitN(email, "@", 2)[0],
		CreatedAt: apiTime(c.Now), Invitation: newUUID(),
	}
	err = e.store.Update(func(tx Tx) error {
		taken, err := listDocs[teamMemberDoc](tx, collProfileTeam, func(o *teamMemberDoc) bool { return strings.EqualFold(o.Email, email) })
		if err != nil {
			return err
		}
		if len(taken) > 0 {
			return badRequest("%s is already a member of this profile's team", email)
		}
		return putDoc(tx, collProfileTeam, m.ID, m)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "User invited", nil
}

func (e *Emulator) removeTeamMember(c *Ctx) (int, any, error) {
	if err := e.checkTeamProfileID(c.Param("id")); err != nil {
		return 0, nil, err
	}
	id := c.Param("accountId")
	if !isObjectID(id) {
		return 0, nil, badRequest("Invalid Account ID")
	}
	err := e.store.Update(func(tx Tx) error {
		m, err := getDoc[teamMemberDoc](tx, collProfileTeam, id)
		if err != nil {
			return err
		}
		if m == nil {
			return notFound("Account not found")
		}
		return tx.Delete(collProfileTeam, id)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Account Successfully Removed", nil
}

// answerTeamInvitation finds the pending invitation with token and applies answer to it.
func (e *Emulator) answerTeamInvitation(token string, answer func(tx Tx, m *teamMemberDoc) error) error {
	return e.store.Update(func(tx Tx) error {
		found, err := listDocs[teamMemberDoc](tx, collProfileTeam, func(m *teamMemberDoc) bool {
			return token != "" && m.Invitation == token
		})
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return notFound("Invitation not found")
		}
		return answer(tx, found[0])
	})
}

func (e *Emulator) acceptTeamInvitation(c *Ctx) (int, any, error) {
	err := e.answerTeamInvitation(c.Param("token"), func(tx Tx, m *teamMemberDoc) error {
		m.Active, m.Invitation = true, ""
		return putDoc(tx, collProfileTeam, m.ID, m)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Invitation accepted", nil
}

func (e *Emulator) declineTeamInvitation(c *Ctx) (int, any, error) {
	err := e.answerTeamInvitation(c.Param("token"), func(tx Tx, m *teamMemberDoc) error {
		return tx.Delete(collProfileTeam, m.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Invitation declined", nil
}

// serveTeamInvitations answers GET /_emulator/team-invitations: the pending invitations.
func (e *Emulator) serveTeamInvitations(w http.ResponseWriter) {
	out := []record{}
	err := e.store.View(func(tx Tx) error {
		pending, err := listDocs[teamMemberDoc](tx, collProfileTeam, func(m *teamMemberDoc) bool { return m.Invitation != "" })
		for _, m := range pending {
			out = append(out, record{"email": m.Email, "token": m.Invitation})
		}
		return err
	})
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// TeamInvitation returns the token of the pending invitation of email (what the invitation
// e-mail's accept and decline links carry), for tests and tools; ok is false when email has
// no pending invitation.
func (e *Emulator) TeamInvitation(email string) (token string, ok bool) {
	_ = e.store.View(func(tx Tx) error {
		found, err := listDocs[teamMemberDoc](tx, collProfileTeam, func(m *teamMemberDoc) bool {
			return strings.EqualFold(m.Email, email) && m.Invitation != ""
		})
		if err == nil && len(found) > 0 {
			token, ok = found[0].Invitation, true
		}
		return err
	})
	return token, ok
}
