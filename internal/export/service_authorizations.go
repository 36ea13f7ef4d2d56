package export

import (
	"context"
	"fmt"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// readServiceAuthorizations lists the service authorizations. They are imported by name, so
// authorizations sharing a name are left out with a warning.
func (r *reader) readServiceAuthorizations(ctx context.Context, acc *account) error {
	listed, err := r.c.ServiceAuthorizations.List(ctx, client.ListOptions{})
	if err != nil {
		return fmt.Errorf("listing service authorizations: %w", err)
	}
	byName := map[string]int{}
	for _, a := range listed {
		byName[a.Name]++
	}
	for _, name := range sortedKeys(byName) {
		if n := byName[name]; n > 1 {
			r.warn("%d service authorizations are named %q: they are imported by name, so none of them is exported", n, name)
		}
	}
	for _, a := range listed {
		if byName[a.Name] == 1 {
			acc.serviceAuthorizations = append(acc.serviceAuthorizations, a)
		}
	}
	r.progress.add(len(acc.serviceAuthorizations))
	r.progress.done(len(acc.serviceAuthorizations), "service authorizations")
	return nil
}

func (b *builder) serviceAuthorization(x client.ServiceAuthorization) resourceBlock {
	var a attrs
	a.set("name", str(x.Name))
	if x.Permission != "" && x.Permission != "full" {
		a.set("permission", str(x.Permission))
	}
	var comments []string
	if x.VerificationCode != nil && *x.VerificationCode != "" {
		a.set("verification_code", str(*x.VerificationCode))
		comments = append(comments, "verification_code is sensitive: move it to a variable before committing this file.")
	}
	return resourceBlock{kind: kindServiceAuthorization, name: b.names[kindServiceAuthorization][x.Name], importID: x.Name,
		comments: comments, attrs: a}
}
