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

// mkDashboard creates a dashboard through the client, for data source tests.
func (e *accEnv) mkDashboard(in client.DashboardCreate) string {
	e.t.Helper()
	id, err := e.client.Dashboards.Create(context.Background(), in)
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

func TestAccDashboardDataSources(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	tab := "1648142133869"
	north := env.mkDashboard(client.DashboardCreate{
		Label: "tfacc-Plant north", Type: "dashboard", Tags: []client.Tag{{Key: "site", Value: "north"}},
		Tabs: []client.DashboardTab{{Key: tab, Value: "Main"}}, GroupBy: []string{"site"},
		Icon: &client.DashboardIcon{URL: "https://svg.internal.tago.io/factory.svg"},
	})
	south := env.mkDashboard(client.DashboardCreate{
		Label: "tfacc-Plant south", Type: "blueprint", Tags: []client.Tag{{Key: "site", Value: "south"}},
		BlueprintDevices: []client.BlueprintDevice{{ID: blueprintSlotID, Name: "sensor", Conditions: []client.BlueprintCondition{{Key: "kind", Value: "sensor"}}}},
	})
	env.mkDashboard(client.DashboardCreate{Label: "tfacc-Plant* literal", Type: "dashboard"})
	office := env.mkDashboard(client.DashboardCreate{Label: "tfacc-Office", Type: "dashboard", Tags: []client.Tag{{Key: "site", Value: "north"}}})
	if err := env.client.Dashboards.SetArrangement(ctx, north, []client.ArrangementEntry{
		{WidgetID: handPlacedWidgetID, X: 0.5, Y: 1, Width: 2.3333333333333335, Height: 3, Tab: &tab},
	}); err != nil {
		t.Fatal(err)
	}
	sameAsSouth := statecheck.CompareValue(compare.ValuesSame())

	resource.ParallelTest(t, env.test(resource.TestStep{
		Config: env.config(`
data "tagoio_dashboard" "by_id" { id = %q }
data "tagoio_dashboard" "by_label" { label = "tfacc-Plant south" }
data "tagoio_dashboard" "south" { id = %q }
data "tagoio_dashboards" "plants" { label = "tfacc-Plant*" }
data "tagoio_dashboards" "north" { tags = [{ key = "site", value = "north" }] }
data "tagoio_dashboards" "blueprints" { type = "blueprint" }
data "tagoio_dashboards" "any_site" { tags = [{ key = "site" }] }`, north, south),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.tagoio_dashboard.by_id", tfjsonpath.New("label"), knownvalue.StringExact("tfacc-Plant north")),
			statecheck.ExpectKnownValue("data.tagoio_dashboard.by_id", tfjsonpath.New("type"), knownvalue.StringExact("dashboard")),
			statecheck.ExpectKnownValue("data.tagoio_dashboard.by_id", tfjsonpath.New("group_by"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("site")})),
			statecheck.ExpectKnownValue("data.tagoio_dashboard.by_id", tfjsonpath.New("icon").AtMapKey("url"), knownvalue.StringExact("https://svg.internal.tago.io/factory.svg")),
			statecheck.ExpectKnownValue("data.tagoio_dashboard.by_id", tfjsonpath.New("tabs").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact("Main")),
			statecheck.ExpectKnownValue("data.tagoio_dashboard.by_id", tfjsonpath.New("arrangement"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"widget_id": knownvalue.StringExact(handPlacedWidgetID), "x": knownvalue.Float64Exact(0.5), "y": knownvalue.Float64Exact(1),
					"width": knownvalue.Float64Exact(2.3333333333333335), "height": knownvalue.Float64Exact(3), "tab": knownvalue.StringExact(tab),
				}),
			})),
			sameAsSouth.AddStateValue("data.tagoio_dashboard.by_label", tfjsonpath.New("id")),
			sameAsSouth.AddStateValue("data.tagoio_dashboard.south", tfjsonpath.New("id")),
			statecheck.ExpectKnownValue("data.tagoio_dashboard.south", tfjsonpath.New("blueprint_devices").AtSliceIndex(0).AtMapKey("conditions"),
				knownvalue.ListExact([]knownvalue.Check{kv("kind", "sensor")})),
			statecheck.ExpectKnownValue("data.tagoio_dashboard.south", tfjsonpath.New("arrangement"), knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownValue("data.tagoio_dashboards.plants", tfjsonpath.New("ids"), knownvalue.ListSizeExact(3)),
			statecheck.ExpectKnownValue("data.tagoio_dashboards.north", tfjsonpath.New("dashboards"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": knownvalue.StringExact(office), "label": knownvalue.StringExact("tfacc-Office"), "type": knownvalue.StringExact("dashboard"),
					"visible": knownvalue.Bool(true), "tags": knownvalue.ListExact([]knownvalue.Check{kv("site", "north")}),
					"created_at": knownvalue.NotNull(),
				}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(north), "label": knownvalue.StringExact("tfacc-Plant north")}),
			})),
			statecheck.ExpectKnownValue("data.tagoio_dashboards.blueprints", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(south)})),
			statecheck.ExpectKnownValue("data.tagoio_dashboards.any_site", tfjsonpath.New("ids"), knownvalue.ListSizeExact(3)),
		},
	}))
}

func TestAccDashboardDataSource_lookupErrors(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	for i := 0; i < 2; i++ {
		env.mkDashboard(client.DashboardCreate{Label: "tfacc-Twin", Type: "dashboard"})
	}
	cases := map[string]blockCase{
		"ambiguous label": {`label = "tfacc-Twin"`, `2 dashboards have label "tfacc-Twin"`},
		"no match":        {`label = "Nobody"`, `No dashboard has label "Nobody"`},
		"both id and label": {`
  id    = "6298fcc3e0b6840012b6abfa"
  label = "tfacc-Twin"`, `(?s)only one of.*id.*label|Invalid Attribute Combination`},
		"neither":    {``, `(?s)one of.*id.*label|Invalid Attribute Combination`},
		"bad id":     {`id = "not-an-id"`, `24 lowercase\s+hexadecimal`},
		"unknown id": {`id = "6298fcc3e0b6840012b6abfa"`, `(?s)Error reading dashboard.*not found`},
	}
	env.eachBlockFails(t, "data \"tagoio_dashboard\" \"x\"", false, cases)
}
