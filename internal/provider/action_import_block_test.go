package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// An action with decimal numbers that have no exact float64 form (a geofence centre, a usage
// limit) imported with an import block (what tagoio-export writes) must plan as a plain import:
// the configuration holds -46.63 exactly while the API's answer is the nearest float64, and that
// difference alone once made the plan show an update.
func TestAccAction_importBlockWithDecimals(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	fx := env.actionFixtures()
	cfg := env.config(`
resource "tagoio_action" "fence" {
  name = "tfacc-Leaves the plant"
  type = "condition_geofence"
  trigger = [{ device = %[1]q, variable = "location", is = "OUT", geofence = { center = [-46.63, -23.55], radius = 0.1 } }]
  action = { type = "sms", to = "+5511999999999", message = "left" }
}

resource "tagoio_action" "usage" {
  name = "tfacc-SMS usage"
  type = "usage_alert"
  trigger = [{ service_or_resource = "sms", condition = ">", condition_value = 0.3 }]
  action = { type = "notification", subject = "Usage", message = "$VALUE$" }
}`, fx.device)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("tagoio_action.fence", tfjsonpath.New("trigger").AtSliceIndex(0).AtMapKey("geofence").AtMapKey("center"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.Float64Exact(-46.63), knownvalue.Float64Exact(-23.55)})),
					statecheck.ExpectKnownValue("tagoio_action.usage", tfjsonpath.New("trigger").AtSliceIndex(0).AtMapKey("condition_value"),
						knownvalue.Float64Exact(0.3)),
				},
			},
			// The import block plan must be a no-op import (the testing framework fails on an update).
			{Config: cfg, ResourceName: "tagoio_action.fence", ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{Config: cfg, ResourceName: "tagoio_action.usage", ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		},
	})
}
