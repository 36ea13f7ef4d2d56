package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// conflictCase is a create that conflicts with an object Terraform did not record (left by an
// interrupted apply, or made by hand), on a value the API keeps unique.
type conflictCase struct {
	name         string
	resourceType string
	existing     func(ctx context.Context, c *client.Client) (string, error) // creates the object through the API
	config       string                                                      // the resource body, %s-free
}

func conflictCases() []conflictCase {
	return []conflictCase{
		{
			name:         "secret key",
			resourceType: "tagoio_secret",
			existing: func(ctx context.Context, c *client.Client) (string, error) {
				return c.Secrets.Create(ctx, client.SecretCreate{Key: "TFACC_CONFLICT", Value: "left behind"})
			},
			config: "  key   = \"TFACC_CONFLICT\"\n  value = \"from terraform\"\n",
		},
		{
			name:         "run user email",
			resourceType: "tagoio_run_user",
			existing: func(ctx context.Context, c *client.Client) (string, error) {
				return c.RunUsers.Create(ctx, client.RunUserCreate{Name: "tfacc-left-behind", Email: "tfacc-conflict@example.com",
					Password: "Left-Behind-Pass-1", Timezone: "UTC"})
			},
			config: "  name     = \"tfacc-conflict\"\n  email    = \"tfacc-conflict@example.com\"\n  timezone = \"UTC\"\n" +
				"  password = \"Terraform-Pass-1\"\n",
		},
		{
			name:         "dictionary slug",
			resourceType: "tagoio_dictionary",
			existing: func(ctx context.Context, c *client.Client) (string, error) {
				return c.Dictionaries.Create(ctx, client.DictionaryCreate{Name: "tfacc-left-behind", Slug: "TFACCCONFLICT", Fallback: "en-US"})
			},
			config: "  name     = \"tfacc-conflict\"\n  slug     = \"TFACCCONFLICT\"\n  fallback = \"en-US\"\n" +
				"  languages = { \"en-US\" = { expressions = { TITLE = \"Plant\" } } }\n",
		},
		{
			name:         "profile team member email",
			resourceType: "tagoio_profile_team_member",
			existing: func(ctx context.Context, c *client.Client) (string, error) {
				profile, err := c.Account.CurrentProfile(ctx)
				if err != nil {
					return "", err
				}
				if _, err := c.Team.Invite(ctx, profile.ID, "tfacc-conflict@example.com"); err != nil {
					return "", err
				}
				m, err := c.Team.GetByEmail(ctx, profile.ID, "tfacc-conflict@example.com")
				if err != nil {
					return "", err
				}
				return m.ID, nil
			},
			config: "  email = \"tfacc-conflict@example.com\"\n",
		},
	}
}

// TestAccConflict_namesTheExistingObjectAndTheImportBlock: a create refused because another
// object holds its unique key fails with that object's id and the import block that adopts it;
// the block, used as given, adopts that very object.
func TestAccConflict_namesTheExistingObjectAndTheImportBlock(t *testing.T) {
	for _, tc := range conflictCases() {
		t.Run(tc.name, func(t *testing.T) {
			env := newAccEnv(t)
			id, err := tc.existing(t.Context(), env.client)
			if err != nil {
				t.Fatal(err)
			}
			addr := tc.resourceType + ".adopt"
			body := "resource \"" + tc.resourceType + "\" \"adopt\" {\n" + tc.config + "}\n"
			importBlock := "import {\n  to = " + tc.resourceType + ".NAME\n  id = \"" + id + "\"\n}"
			words := func(s string) string { return strings.ReplaceAll(regexp.QuoteMeta(s), " ", `\s+`) }
			blockPattern := strings.ReplaceAll(regexp.QuoteMeta(importBlock), "\n", `\s*`)
			blockPattern = strings.ReplaceAll(blockPattern, " ", `\s+`)
			// Live mode shares one account and sweeps it around every test, so the cases run one
			// after the other there (a parallel case's sweep would delete the other's object).
			runTest := resource.ParallelTest
			if liveMode() {
				runTest = resource.Test
			}
			runTest(t, env.test(
				resource.TestStep{
					Config:      env.config("%s", body),
					ExpectError: regexp.MustCompile(`(?s)` + words("already exists (ID "+id+")") + `.*` + blockPattern),
				},
				resource.TestStep{
					// The block from the error, with NAME replaced, adopts the existing object.
					Config: env.config("%s", strings.Replace(importBlock, "NAME", "adopt", 1)+"\n\n"+body),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					},
				},
			))
		})
	}
}
