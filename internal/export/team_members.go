package export

import (
	"context"
	"fmt"
	"strings"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// readTeamMembers lists the team of the token's profile, pending invitations included.
func (r *reader) readTeamMembers(ctx context.Context, acc *account) error {
	profile, err := r.c.Account.CurrentProfile(ctx)
	if err != nil {
		return fmt.Errorf("reading the profile: %w", err)
	}
	members, err := r.c.Team.List(ctx, profile.ID)
	if err != nil {
		return fmt.Errorf("listing team members: %w", err)
	}
	acc.teamMembers = members
	r.progress.add(len(members))
	r.progress.done(len(members), "team members")
	return nil
}

// teamMember is imported by the member's account ID; a pending invitation says so, since
// applying the configuration does not make the invitee accept it.
func (b *builder) teamMember(x client.TeamMember) resourceBlock {
	var a attrs
	a.set("email", str(x.Email))
	var comments []string
	if !x.Active {
		comments = append(comments, "The invitation of "+x.Email+" is still pending.")
	}
	return resourceBlock{kind: kindTeamMember, name: b.names[kindTeamMember][x.ID], importID: x.ID, comments: comments, attrs: a}
}

// teamMemberLabel names a member after the address's local part.
func teamMemberLabel(m client.TeamMember) string {
	local, _, _ := strings.Cut(m.Email, "@")
	return local
}
