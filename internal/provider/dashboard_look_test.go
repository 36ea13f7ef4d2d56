package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// theme, background and setup are free-form JSON: sent as configured, read back, imported, and
// left as TagoIO has them when not configured.
func TestAccDashboard_themeBackgroundSetup(t *testing.T) {
	env := newAccEnv(t)
	cfg := func(color string) string {
		return env.config(`
resource "tagoio_dashboard" "test" {
  label      = "tfacc-look"
  theme      = jsonencode({ color = { primary = %q }, font = "Roboto" })
  background = jsonencode({ image = "https://example.com/bg.png", opacity = 0.5 })
  setup      = jsonencode({ devices = [], notes = "ops" })
}`, color)
	}
	inAPI := func(field, want string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			d, err := env.client.Dashboards.Get(context.Background(), s.RootModule().Resources[dashboardAddr].Primary.ID)
			if err != nil {
				return err
			}
			raw := map[string]json.RawMessage{"theme": d.Theme, "background": d.Background, "setup": d.Setup}[field]
			var got, wanted any
			if err := json.Unmarshal(raw, &got); err != nil {
				return fmt.Errorf("%s %s: %w", field, raw, err)
			}
			if err := json.Unmarshal([]byte(want), &wanted); err != nil {
				return err
			}
			if !reflect.DeepEqual(got, wanted) {
				return fmt.Errorf("API %s = %s, want %s", field, raw, want)
			}
			return nil
		}
	}
	resource.ParallelTest(t, env.testCheckingGone("tagoio_dashboard", existsByID(env.client.Dashboards.Get), []resource.TestStep{
		{
			Config: cfg("#112233"),
			Check: resource.ComposeTestCheckFunc(
				inAPI("theme", `{"color":{"primary":"#112233"},"font":"Roboto"}`),
				inAPI("background", `{"image":"https://example.com/bg.png","opacity":0.5}`),
				inAPI("setup", `{"devices":[],"notes":"ops"}`),
			),
		},
		importVerifies(dashboardAddr),
		{
			Config:           cfg("#445566"),
			ConfigPlanChecks: plans(dashboardAddr, plancheck.ResourceActionUpdate),
			Check: resource.ComposeTestCheckFunc(
				inAPI("theme", `{"color":{"primary":"#445566"},"font":"Roboto"}`),
				inAPI("setup", `{"devices":[],"notes":"ops"}`),
			),
		},
		{
			// Not configured any more: the dashboard keeps what TagoIO has.
			Config: env.config(`
resource "tagoio_dashboard" "test" {
  label = "tfacc-look"
}`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            inAPI("background", `{"image":"https://example.com/bg.png","opacity":0.5}`),
		},
	}))
}
