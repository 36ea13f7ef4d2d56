package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestAccDashboardWidgetDataSources(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	dashboardID := env.mkDashboard(client.DashboardCreate{Label: "tfacc-Read me", Type: "dashboard"})
	query, qty := "last_value", int64(5)
	gauge, err := env.client.Widgets.Create(ctx, dashboardID, client.WidgetCreate{
		Label: "Gauge", Type: "dial",
		Data:    []client.WidgetData{{Origin: originA, Variables: client.StringList{"pressure"}, Query: &query, Qty: &qty}},
		Display: []byte(`{"max": 10, "min": 0}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	table, err := env.client.Widgets.Create(ctx, dashboardID, client.WidgetCreate{
		Label: "Devices", Type: "dynamic_table",
		Resource: []client.WidgetResource{{Type: "device", Filter: []client.Tag{{Key: "kind", Value: "sensor"}}, View: "param.rate"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	unplaced, err := env.client.Widgets.Create(ctx, dashboardID, client.WidgetCreate{Label: "Not on the grid", Type: "note"})
	if err != nil {
		t.Fatal(err)
	}
	// The table first, the gauge second, and an entry left behind by a widget deleted by hand.
	if err := env.client.Dashboards.SetArrangement(ctx, dashboardID, []client.ArrangementEntry{
		{WidgetID: table.ID, X: 0, Y: 0, Width: 4, Height: 6},
		{WidgetID: handPlacedWidgetID, X: 0, Y: 6, Width: 1, Height: 1},
		{WidgetID: gauge.ID, X: 4, Y: 0, Width: 1.5, Height: 2},
	}); err != nil {
		t.Fatal(err)
	}

	resource.ParallelTest(t, env.test(resource.TestStep{
		Config: env.config(`
data "tagoio_dashboard_widget" "gauge" {
  dashboard_id = %q
  id           = %q
}

data "tagoio_dashboard_widget" "unplaced" {
  dashboard_id = %q
  id           = %q
}

data "tagoio_dashboard_widgets" "all" { dashboard_id = %q }`, dashboardID, gauge.ID, dashboardID, unplaced.ID, dashboardID),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.tagoio_dashboard_widget.gauge", tfjsonpath.New("label"), knownvalue.StringExact("Gauge")),
			statecheck.ExpectKnownValue("data.tagoio_dashboard_widget.gauge", tfjsonpath.New("type"), knownvalue.StringExact("dial")),
			statecheck.ExpectKnownValue("data.tagoio_dashboard_widget.gauge", tfjsonpath.New("display"), knownvalue.StringRegexp(regexp.MustCompile(`"max":\s*10`))),
			statecheck.ExpectKnownValue("data.tagoio_dashboard_widget.gauge", tfjsonpath.New("data"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"origin": knownvalue.StringExact(originA), "query": knownvalue.StringExact("last_value"), "qty": knownvalue.Int64Exact(5),
					"variables": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("pressure")}),
				}),
			})),
			statecheck.ExpectKnownValue("data.tagoio_dashboard_widget.gauge", tfjsonpath.New("position"), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"x": knownvalue.Float64Exact(4), "y": knownvalue.Float64Exact(0), "width": knownvalue.Float64Exact(1.5),
				"height": knownvalue.Float64Exact(2), "tab": knownvalue.Null(),
			})),
			statecheck.ExpectKnownValue("data.tagoio_dashboard_widget.unplaced", tfjsonpath.New("position"), knownvalue.Null()),
			statecheck.ExpectKnownValue("data.tagoio_dashboard_widgets.all", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact(table.ID), knownvalue.StringExact(gauge.ID),
			})),
			statecheck.ExpectKnownValue("data.tagoio_dashboard_widgets.all", tfjsonpath.New("widgets").AtSliceIndex(0).AtMapKey("resource"),
				knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"type": knownvalue.StringExact("device"), "filter": knownvalue.ListExact([]knownvalue.Check{kv("kind", "sensor")}),
					"view": knownvalue.StringExact("param.rate"), "editable": knownvalue.Null(),
				})})),
			statecheck.ExpectKnownValue("data.tagoio_dashboard_widgets.all", tfjsonpath.New("widgets").AtSliceIndex(1).AtMapKey("position").AtMapKey("width"),
				knownvalue.Float64Exact(1.5)),
		},
	}))
}

func TestAccDashboardWidgetDataSource_errors(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	dashboardID := env.mkDashboard(client.DashboardCreate{Label: "tfacc-Empty", Type: "dashboard"})
	cases := map[string]blockCase{
		"unknown widget":    {`dashboard_id = "` + dashboardID + `"` + "\n  id = \"623c79da5a13360011819b1d\"", `(?s)Error reading dashboard widget.*not found`},
		"missing dashboard": {`id = "623c79da5a13360011819b1d"`, `(?s)"dashboard_id" is required`},
		"bad id":            {`dashboard_id = "` + dashboardID + `"` + "\n  id = \"w1\"", `24 lowercase\s+hexadecimal`},
	}
	env.eachBlockFails(t, "data \"tagoio_dashboard_widget\" \"x\"", false, cases)
	resource.Test(t, env.test(resource.TestStep{
		Config:      env.config(`data "tagoio_dashboard_widgets" "x" { dashboard_id = "6298fcc3e0b6840012b6abfa" }`),
		ExpectError: regexp.MustCompile(`(?s)Error reading dashboard.*not found`),
	}))
}
