package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestAccRunUserDataSources(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	mk := func(name, email string, active bool, tags ...client.Tag) string {
		return env.madeID(env.client.RunUsers.Create(ctx, client.RunUserCreate{
			Name: name, Email: email, Password: "Some-Password-1", Timezone: "America/New_York", Company: ptr("ACME"),
			Active: &active, Tags: tags, Options: &client.RunUserOptions{TimeFormat: ptr("12")},
		}))
	}
	jane := mk("tfacc-Jane Roe", "tfacc-jane@example.com", true, client.Tag{Key: "role", Value: "admin"})
	john := mk("tfacc-John Roe", "tfacc-john@example.com", false, client.Tag{Key: "role", Value: "viewer"})
	mk("tfacc-Ada", "tfacc-ada@example.com", true, client.Tag{Key: "role", Value: "admin"})
	sameAsJane := statecheck.CompareValue(compare.ValuesSame())

	resource.ParallelTest(t, env.test(resource.TestStep{
		Config: env.config(`
data "tagoio_run_user" "by_id" { id = %q }
data "tagoio_run_user" "by_email" { email = "TFACC-JANE@example.com" }
data "tagoio_run_users" "roes" { name = "*Roe" }

data "tagoio_run_users" "active_admins" {
  active = true
  tags   = [{ key = "role", value = "admin" }]
}

data "tagoio_run_users" "john" { email = "tfacc-john@example.com" }
data "tagoio_run_users" "inactive" { active = false }`, jane),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.tagoio_run_user.by_id", tfjsonpath.New("email"), knownvalue.StringExact("tfacc-jane@example.com")),
			statecheck.ExpectKnownValue("data.tagoio_run_user.by_id", tfjsonpath.New("timezone"), knownvalue.StringExact("America/New_York")),
			statecheck.ExpectKnownValue("data.tagoio_run_user.by_id", tfjsonpath.New("company"), knownvalue.StringExact("ACME")),
			statecheck.ExpectKnownValue("data.tagoio_run_user.by_id", tfjsonpath.New("options").AtMapKey("time_format"), knownvalue.StringExact("12")),
			statecheck.ExpectKnownValue("data.tagoio_run_user.by_id", tfjsonpath.New("last_login"), knownvalue.Null()),
			statecheck.ExpectKnownValue("data.tagoio_run_user.by_email", tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Jane Roe")),
			// The configured spelling is kept; the lookup ignores case.
			statecheck.ExpectKnownValue("data.tagoio_run_user.by_email", tfjsonpath.New("email"), knownvalue.StringExact("TFACC-JANE@example.com")),
			sameAsJane.AddStateValue("data.tagoio_run_user.by_id", tfjsonpath.New("id")),
			sameAsJane.AddStateValue("data.tagoio_run_user.by_email", tfjsonpath.New("id")),
			statecheck.ExpectKnownValue("data.tagoio_run_users.roes", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact(jane), knownvalue.StringExact(john),
			})),
			statecheck.ExpectKnownValue("data.tagoio_run_users.active_admins", tfjsonpath.New("users"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("tfacc-Ada"), "active": knownvalue.Bool(true)}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("tfacc-Jane Roe"), "email": knownvalue.StringExact("tfacc-jane@example.com")}),
			})),
			statecheck.ExpectKnownValue("data.tagoio_run_users.john", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(john)})),
			statecheck.ExpectKnownValue("data.tagoio_run_users.inactive", tfjsonpath.New("users"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"id": knownvalue.StringExact(john), "timezone": knownvalue.StringExact("America/New_York"),
					"tags": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"key": knownvalue.StringExact("role"), "value": knownvalue.StringExact("viewer"),
					})}),
				}),
			})),
		},
	}))
}

func TestAccRunUserDataSource_lookupErrors(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	cases := map[string]blockCase{
		"no match": {`email = "nobody@example.com"`, `No run user has email "nobody@example.com"`},
		"both id and email": {`
  id    = "6298fcc3e0b6840012b6abfa"
  email = "x@example.com"`, `(?s)only one of.*id.*email|Invalid Attribute Combination`},
		"neither":    {``, `(?s)one of.*id.*email|Invalid Attribute Combination`},
		"bad id":     {`id = "nope"`, `24 lowercase hexadecimal`},
		"unknown id": {`id = "6298fcc3e0b6840012b6abfa"`, `(?s)Error reading run user.*6298fcc3e0b6840012b6abfa`},
	}
	env.eachBlockFails(t, "data \"tagoio_run_user\" \"x\"", false, cases)
}
