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

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// Sign-up fields and the dictionary: set in order, read back by the data source, an out-of-band edit shows as an
// update, and a configuration that stops listing them leaves them on the server.
func TestAccRun_signupFields(t *testing.T) {
	t.Parallel() // before lockAccountSettings: a paused test must not hold the lock
	env := newAccEnv(t)
	env.keepRunSettings()
	ctx := context.Background()
	dictionary := `
resource "tagoio_dictionary" "run" {
  name      = "tfacc-run-dictionary"
  slug      = "TFACCRUNSIGNUP"
  fallback  = "en-US"
  languages = { "en-US" = { expressions = { WELCOME = "Welcome" } } }
}
`
	withFields := env.config("%s"+`
resource "tagoio_run" "test" {
  name       = "tfacc-signup"
  dictionary = tagoio_dictionary.run.id
  signup_fields = [
    { name = "company", placeholder = "Your company", type = "text", required = true },
    { name = "fleet_size", type = "number" },
  ]
}

data "tagoio_run" "current" {
  depends_on = [tagoio_run.test]
}`, dictionary)
	withoutFields := env.config("%s"+`
resource "tagoio_run" "test" {
  name = "tfacc-signup"
}`, dictionary)
	apiFields := func() []client.RunSignupField {
		run, err := env.client.Run.Get(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return run.SignupFields
	}
	wantTwo := func() error {
		got := apiFields()
		if len(got) != 2 || got[0].Name != "company" || !got[0].Required || got[0].Placeholder == nil || *got[0].Placeholder != "Your company" ||
			got[1].Name != "fleet_size" || got[1].Required || got[1].Type == nil || *got[1].Type != "number" {
			return fmt.Errorf("API sign-up fields = %+v", got)
		}
		return nil
	}
	dictionaryIsSet := func(s *terraform.State) error {
		run, err := env.client.Run.Get(ctx)
		if err != nil {
			return err
		}
		want := s.RootModule().Resources["tagoio_dictionary.run"].Primary.ID
		if run.Dictionary == nil || *run.Dictionary != want {
			return fmt.Errorf("TagoRUN dictionary %v, want %s", run.Dictionary, want)
		}
		return nil
	}
	field := tfjsonpath.New("signup_fields")
	resource.Test(t, env.test( // t.Parallel above: ParallelTest would call it twice
		resource.TestStep{
			Config: withFields,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runAddr, field.AtSliceIndex(0).AtMapKey("required"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(runAddr, field.AtSliceIndex(1).AtMapKey("required"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(runAddr, field.AtSliceIndex(1).AtMapKey("placeholder"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.tagoio_run.current", field.AtSliceIndex(0).AtMapKey("placeholder"), knownvalue.StringExact("Your company")),
				statecheck.ExpectKnownValue("data.tagoio_run.current", field.AtSliceIndex(1).AtMapKey("type"), knownvalue.StringExact("number")),
			},
			Check: resource.ComposeTestCheckFunc(func(*terraform.State) error { return wantTwo() }, dictionaryIsSet),
		},
		resource.TestStep{
			// Someone drops a field in the TagoIO admin: the plan puts it back.
			PreConfig: func() {
				one := apiFields()[:1]
				if err := env.client.Run.Update(ctx, client.RunUpdate{SignupFields: &one}); err != nil {
					t.Fatal(err)
				}
			},
			Config: withFields,
			ConfigPlanChecks: plans(runAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(runAddr, field, knownvalue.ListSizeExact(2)),
			),
			Check: func(*terraform.State) error { return wantTwo() },
		},
		resource.TestStep{
			// No longer configured: nothing is sent, the fields stay.
			Config:           withoutFields,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            resource.ComposeTestCheckFunc(func(*terraform.State) error { return wantTwo() }, dictionaryIsSet),
		},
	))
}
