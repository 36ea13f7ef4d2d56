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

func TestAccAccessManagementDataSources(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	mk := func(name string, tags ...client.Tag) string {
		return env.madeID(env.client.AccessManagement.Create(ctx, client.AccessPolicyCreate{
			Name: name, Active: true, Tags: tags,
			Targets: [][]string{{"run_user", "tag_match", "company"}},
			Permissions: []client.AccessPermission{
				{Effect: "deny", Action: []string{"delete"}, Resource: []string{"device"}},
				{Effect: "allow", Action: []string{"access"}, Resource: []string{"device"}},
			},
		}))
	}
	readers := mk("tfacc-Readers", client.Tag{Key: "team", Value: "ops"})
	writers := mk("tfacc-Readers and writers", client.Tag{Key: "team", Value: "dev"})
	mk("tfacc-Admins", client.Tag{Key: "team", Value: "ops"})
	sameAsReaders := statecheck.CompareValue(compare.ValuesSame())

	resource.ParallelTest(t, env.test(resource.TestStep{
		Config: env.config(`
data "tagoio_access_management" "by_id" { id = %q }
data "tagoio_access_management" "by_name" { name = "tfacc-Readers" }
data "tagoio_access_managements" "readers" { name = "tfacc-Readers*" }
data "tagoio_access_managements" "ops" { tags = [{ key = "team", value = "ops" }] }

data "tagoio_access_managements" "all" {}`, readers),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.tagoio_access_management.by_id", tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Readers")),
			statecheck.ExpectKnownValue("data.tagoio_access_management.by_id", tfjsonpath.New("targets"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("run_user"), knownvalue.StringExact("tag_match"), knownvalue.StringExact("company")}),
			})),
			statecheck.ExpectKnownValue("data.tagoio_access_management.by_id", tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
				permissionCheck("allow", []string{"access"}, "device"),
				permissionCheck("deny", []string{"delete"}, "device"),
			})),
			sameAsReaders.AddStateValue("data.tagoio_access_management.by_id", tfjsonpath.New("id")),
			sameAsReaders.AddStateValue("data.tagoio_access_management.by_name", tfjsonpath.New("id")),
			statecheck.ExpectKnownValue("data.tagoio_access_managements.readers", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact(readers), knownvalue.StringExact(writers),
			})),
			statecheck.ExpectKnownValue("data.tagoio_access_managements.ops", tfjsonpath.New("policies"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("tfacc-Admins"), "active": knownvalue.Bool(true)}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("tfacc-Readers")}),
			})),
			statecheck.ExpectKnownValue("data.tagoio_access_managements.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(3)),
		},
	}))
}

func TestAccAccessManagementDataSource_lookupErrors(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := env.client.AccessManagement.Create(ctx, client.AccessPolicyCreate{
			Name: "tfacc-Twin", Active: true, Targets: [][]string{{"analysis"}},
			Permissions: []client.AccessPermission{{Effect: "allow", Action: []string{"access"}, Resource: []string{"device"}}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string]blockCase{
		"ambiguous name": {`name = "tfacc-Twin"`, `2 access management policies have name "tfacc-Twin"`},
		"no match":       {`name = "Nobody"`, `No access management policy has name "Nobody"`},
		"bad id":         {`id = "nope"`, `24 lowercase hexadecimal`},
	}
	env.eachBlockFails(t, "data \"tagoio_access_management\" \"x\"", false, cases)
}
