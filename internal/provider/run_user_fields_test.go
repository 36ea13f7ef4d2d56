package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccRunUser_newsletterAndShowLastUpdatedAt(t *testing.T) {
	env := newAccEnv(t)
	cfg := func(newsletter bool, place string) string {
		return env.config(`
resource "tagoio_run_user" "test" {
  name       = "tfacc-reader"
  email      = "tfacc-reader@example.com"
  password   = "Reader-Password-1"
  timezone   = "UTC"
  newsletter = %t
  options    = { show_last_updated_at = %q }
}`, newsletter, place)
	}
	inAPI := func(wantNewsletter bool, wantPlace string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			u, err := env.client.RunUsers.Get(context.Background(), s.RootModule().Resources[runUserAddr].Primary.ID)
			if err != nil {
				return err
			}
			if u.Newsletter == nil || *u.Newsletter != wantNewsletter {
				return fmt.Errorf("API newsletter = %v, want %t", u.Newsletter, wantNewsletter)
			}
			if u.Options == nil || u.Options.ShowLastUpdatedAt == nil || *u.Options.ShowLastUpdatedAt != wantPlace {
				return fmt.Errorf("API options = %+v, want show_last_updated_at %q", u.Options, wantPlace)
			}
			return nil
		}
	}
	resource.ParallelTest(t, env.testCheckingGone("tagoio_run_user", existsByID(env.client.RunUsers.Get), []resource.TestStep{
		{
			Config: cfg(true, "menu"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("newsletter"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("options").AtMapKey("show_last_updated_at"), knownvalue.StringExact("menu")),
			},
			Check: inAPI(true, "menu"),
		},
		// TagoIO never returns it
		importVerifies(runUserAddr, "password"),
		{
			Config:           cfg(false, "footer"),
			ConfigPlanChecks: plans(runUserAddr, plancheck.ResourceActionUpdate),
			Check:            inAPI(false, "footer"),
		},
	}))
}
