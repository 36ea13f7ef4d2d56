package export

import (
	"context"
	"fmt"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// runCustomDomain is the TagoRUN custom domain with the profile it belongs to (its import ID).
type runCustomDomain struct {
	client.RunCustomDomain
	profileID string
}

// readRunCustomDomain reads the profile's TagoRUN custom domain; a profile without one has
// nothing to export.
func (r *reader) readRunCustomDomain(ctx context.Context, acc *account) error {
	profile, err := r.c.Account.CurrentProfile(ctx)
	if err != nil {
		return fmt.Errorf("reading the profile: %w", err)
	}
	d, err := r.c.RunCustomDomain.Get(ctx, profile.ID)
	if client.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading the TagoRUN custom domain: %w", err)
	}
	acc.runCustomDomain = &runCustomDomain{RunCustomDomain: *d, profileID: profile.ID}
	r.progress.add(1)
	r.progress.done(1, "run custom domain")
	return nil
}

func (b *builder) runCustomDomain(x *runCustomDomain) resourceBlock {
	var a attrs
	a.set("domain", str(x.Domain))
	a.set("subdomain", str(x.Subdomain))
	a.set("email", str(x.Email))
	return resourceBlock{kind: kindRunCustomDomain, name: "this", importID: x.profileID, attrs: a}
}
