package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccAccountDataSource(t *testing.T) {
	env := newAccEnv(t)
	account, err := env.client.Account.Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	profile, err := env.client.Account.CurrentProfile(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	const addr = "data.tagoio_account.current"
	resource.ParallelTest(t, env.test(resource.TestStep{
		Config: env.config(`data "tagoio_account" "current" {}`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(account.ID)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("email"), knownvalue.StringExact(account.Email)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(account.Name)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("profile_id"), knownvalue.StringExact(profile.ID)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("profile_name"), knownvalue.NotNull()),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("plan"), knownvalue.NotNull()),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
		},
	}))
}
