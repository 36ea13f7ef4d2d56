package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

const (
	widgetAddr = "tagoio_dashboard_widget.test"
	// Devices the widgets read; the API does not check that they exist.
	originA = "6238a3a27d792400139e5b47"
	originB = "62308e38de51960019697e76"
)

// newAccEnvWithLatency is newAccEnv against an emulator that delays every request, so that
// requests Terraform sends in parallel really overlap.
func newAccEnvWithLatency(t *testing.T, latency time.Duration) *accEnv {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	inProcessOnly(t, "added latency and request stats")
	server := emulator.NewTestServer(t, emulator.Options{Latency: latency})
	c, err := client.New(client.Config{BaseURL: server.URL, Token: server.Token, MaxRetries: 2, RetryWaitMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return &accEnv{t: t, server: server, client: c, apiURL: server.URL, token: server.Token}
}

func (e *accEnv) widgetExists(ctx context.Context, rs *terraform.ResourceState) (bool, error) {
	_, err := e.client.Widgets.Get(ctx, rs.Primary.Attributes["dashboard_id"], rs.Primary.ID)
	if client.IsNotFound(err) {
		return false, nil
	}
	return err == nil, err
}

// arrangement reads a dashboard's arrangement through the client, by widget id.
func (e *accEnv) arrangement(dashboardID string) (map[string][]client.ArrangementEntry, error) {
	d, err := e.client.Dashboards.Get(context.Background(), dashboardID)
	if err != nil {
		return nil, err
	}
	byWidget := map[string][]client.ArrangementEntry{}
	for _, entry := range d.Arrangement {
		byWidget[entry.WidgetID] = append(byWidget[entry.WidgetID], entry)
	}
	return byWidget, nil
}

// checkPlaced fails unless the widget has exactly one arrangement entry, at want.
func checkPlaced(byWidget map[string][]client.ArrangementEntry, widgetID string, want client.ArrangementEntry) error {
	entries := byWidget[widgetID]
	if len(entries) != 1 {
		return fmt.Errorf("widget %s has %d arrangement entries, want 1", widgetID, len(entries))
	}
	got := entries[0]
	tab := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	if got.X != want.X || got.Y != want.Y || got.Width != want.Width || got.Height != want.Height || tab(got.Tab) != tab(want.Tab) {
		return fmt.Errorf("widget %s is at x=%v y=%v w=%v h=%v tab=%s, want x=%v y=%v w=%v h=%v tab=%s", widgetID,
			got.X, got.Y, got.Width, got.Height, tab(got.Tab), want.X, want.Y, want.Width, want.Height, tab(want.Tab))
	}
	return nil
}

const widgetDashboardHCL = `
resource "tagoio_dashboard" "test" {
  label = "tfacc-Widgets"
  tabs = [
    { key = "1648142133869", value = "Main" },
    { key = "1648142564354", value = "Second" },
  ]
}
`

func TestAccDashboardWidget_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	sameID := statecheck.CompareValue(compare.ValuesSame())
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	var dashboardID, widgetID string
	mainTab := "1648142133869"

	created := env.config(widgetDashboardHCL+`
resource "tagoio_dashboard_widget" "test" {
  dashboard_id = tagoio_dashboard.test.id
  label        = "Temperature"
  type         = "card"
  realtime     = true
  data = [
    { origin = %q, variables = ["temperature", "humidity"], query = "last_value", qty = 10, overwrite = true },
    { origin = %q, variables = ["temperature"], start_date = "1 day", end_date = "2024-01-31T12:00:00Z", timezone = "America/Sao_Paulo" },
  ]
  display = jsonencode({
    show_unit = true
    variable  = "temperature"
    theme     = { color = { background = "hsl(210, 12%%, 12%%)", header = "hsl(210, 65%%, 60%%)" } }
  })
  position = { x = 0.3333333333333333, y = 7, width = 2.3333333333333335, height = 3, tab = %q }
}`, originA, originB, mainTab)

	// The same display, written by hand: other key order, other whitespace.
	reformatted := strings.Replace(created, `display = jsonencode({
    show_unit = true
    variable  = "temperature"
    theme     = { color = { background = "hsl(210, 12%, 12%)", header = "hsl(210, 65%, 60%)" } }
  })`, `display = <<-EOT
    {"theme": {"color": {"header": "hsl(210, 65%, 60%)",
                         "background": "hsl(210, 12%, 12%)"}},
     "variable": "temperature", "show_unit": true}
  EOT`, 1)
	if reformatted == created {
		t.Fatal("the reformatted configuration did not change the display")
	}

	updated := env.config(widgetDashboardHCL+`
resource "tagoio_dashboard_widget" "test" {
  dashboard_id = tagoio_dashboard.test.id
  label        = "Temperature (C)"
  type         = "card"
  data = [
    { origin = %q, variables = ["temperature"], query = "avg", start_date = "2024-01-01" },
  ]
  display  = jsonencode({ show_unit = false, variable = "temperature" })
  position = { x = 1, y = 0, width = 2, height = 4 }
}`, originA)

	replaced := env.config(widgetDashboardHCL + `
resource "tagoio_dashboard_widget" "test" {
  dashboard_id = tagoio_dashboard.test.id
  label        = "Devices"
  type         = "dynamic_table"
  resource = [
    { view = "name", filter = [{ key = "kind", value = "sensor" }] },
    { view = "tags.site", editable = "tags.site" },
  ]
  position = { x = 0, y = 0, width = 4, height = 6, tab = "1648142564354" }
}`)

	resource.ParallelTest(t, env.testCheckingGone("tagoio_dashboard_widget", env.widgetExists, []resource.TestStep{
		{
			Config:           created,
			ConfigPlanChecks: plans(widgetAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("realtime"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("analysis_run"), knownvalue.Null()),
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("data"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"origin": knownvalue.StringExact(originA), "variables": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("temperature"), knownvalue.StringExact("humidity")}),
						"query": knownvalue.StringExact("last_value"), "qty": knownvalue.Int64Exact(10), "overwrite": knownvalue.Bool(true),
						"timezone": knownvalue.Null(), "bucket": knownvalue.Null(), "start_date": knownvalue.Null(), "end_date": knownvalue.Null(),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"origin": knownvalue.StringExact(originB), "start_date": knownvalue.StringExact("1 day"),
						"end_date": knownvalue.StringExact("2024-01-31T12:00:00Z"), "timezone": knownvalue.StringExact("America/Sao_Paulo"),
						"qty": knownvalue.Null(), "query": knownvalue.Null(), "overwrite": knownvalue.Null(),
					}),
				})),
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("resource"), knownvalue.Null()),
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("position"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"x": knownvalue.Float64Exact(0.3333333333333333), "y": knownvalue.Float64Exact(7),
					"width": knownvalue.Float64Exact(2.3333333333333335), "height": knownvalue.Float64Exact(3),
					"tab": knownvalue.StringExact(mainTab),
				})),
				sameID.AddStateValue(widgetAddr, tfjsonpath.New("id")),
				differentID.AddStateValue(widgetAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				dashboardID, widgetID = idOf(s, dashboardAddr), idOf(s, widgetAddr)
				w, err := env.client.Widgets.Get(ctx, dashboardID, widgetID)
				if err != nil {
					return err
				}
				if w.Label != "Temperature" || w.Type != "card" || len(w.Data) != 2 || !strings.Contains(string(w.Display), `"background"`) {
					t.Errorf("API widget = %+v", w)
				}
				byWidget, err := env.arrangement(dashboardID)
				if err != nil {
					return err
				}
				return checkPlaced(byWidget, widgetID, client.ArrangementEntry{X: 0.3333333333333333, Y: 7, Width: 2.3333333333333335, Height: 3, Tab: &mainTab})
			},
		},
		plansNothing(reformatted),
		{
			ResourceName:      widgetAddr,
			ImportState:       true,
			ImportStateVerify: true,
			ImportStateIdFunc: func(s *terraform.State) (string, error) {
				return idOf(s, dashboardAddr) + "/" + idOf(s, widgetAddr), nil
			},
		},
		{
			Config:           updated,
			ConfigPlanChecks: plans(widgetAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("label"), knownvalue.StringExact("Temperature (C)")),
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("realtime"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("data"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("position").AtMapKey("tab"), knownvalue.Null()),
				sameID.AddStateValue(widgetAddr, tfjsonpath.New("id")),
			},
			Check: func(*terraform.State) error {
				w, err := env.client.Widgets.Get(ctx, dashboardID, widgetID)
				if err != nil {
					return err
				}
				if w.Label != "Temperature (C)" || (w.Realtime != nil && *w.Realtime) || len(w.Data) != 1 || *w.Data[0].Query != "avg" ||
					strings.Contains(string(w.Display), "background") {
					t.Errorf("API widget = %+v, display %s", w, w.Display)
				}
				byWidget, err := env.arrangement(dashboardID)
				if err != nil {
					return err
				}
				return checkPlaced(byWidget, widgetID, client.ArrangementEntry{X: 1, Y: 0, Width: 2, Height: 4})
			},
		},
		{
			// TagoIO cannot change a widget's type: a new widget takes the old one's place.
			Config:           replaced,
			ConfigPlanChecks: plans(widgetAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("resource"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"type": knownvalue.StringExact("device"), "filter": knownvalue.ListExact([]knownvalue.Check{kv("kind", "sensor")}),
						"view": knownvalue.StringExact("name"), "editable": knownvalue.Null(),
					}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"type": knownvalue.StringExact("device"), "filter": knownvalue.ListSizeExact(0),
						"view": knownvalue.StringExact("tags.site"), "editable": knownvalue.StringExact("tags.site"),
					}),
				})),
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("data"), knownvalue.Null()),
				differentID.AddStateValue(widgetAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				newID := idOf(s, widgetAddr)
				if _, err := env.client.Widgets.Get(ctx, dashboardID, widgetID); !client.IsNotFound(err) {
					t.Errorf("the replaced widget still exists (%v)", err)
				}
				byWidget, err := env.arrangement(dashboardID)
				if err != nil {
					return err
				}
				if len(byWidget[widgetID]) != 0 || len(byWidget) != 1 {
					t.Errorf("arrangement = %v, want only the new widget", byWidget)
				}
				second := "1648142564354"
				return checkPlaced(byWidget, newID, client.ArrangementEntry{X: 0, Y: 0, Width: 4, Height: 6, Tab: &second})
			},
		},
	}))
}

func TestAccDashboardWidget_outOfBandChanges(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	cfg := env.config(widgetDashboardHCL+`
resource "tagoio_dashboard_widget" "test" {
  dashboard_id = tagoio_dashboard.test.id
  label        = "Pressure"
  type         = "display"
  data         = [{ origin = %q, variables = ["pressure"] }]
  display      = jsonencode({ show_variables = true })
  position     = { x = 2.5, y = 1, width = 1.5, height = 2 }
}`, originA)
	var dashboardID, widgetID string
	want := client.ArrangementEntry{X: 2.5, Y: 1, Width: 1.5, Height: 2}
	handTab := "1648142564354"
	handPlaced := client.ArrangementEntry{WidgetID: handPlacedWidgetID, X: 0, Y: 3, Width: 4, Height: 2, Tab: &handTab}
	resource.ParallelTest(t, env.testCheckingGone("tagoio_dashboard_widget", env.widgetExists, []resource.TestStep{
		{
			Config: cfg,
			Check: func(s *terraform.State) error {
				dashboardID, widgetID = idOf(s, dashboardAddr), idOf(s, widgetAddr)
				return nil
			},
		},
		{
			// The widget's place removed by hand (and another widget placed by hand): the plan puts
			// the place back, and leaves the other widget's place alone.
			PreConfig: func() {
				if err := env.client.Dashboards.SetArrangement(ctx, dashboardID, []client.ArrangementEntry{handPlaced}); err != nil {
					t.Fatal(err)
				}
			},
			Config: cfg,
			ConfigPlanChecks: plans(widgetAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("position").AtMapKey("x"), knownvalue.Float64Exact(2.5)),
			),
			Check: func(*terraform.State) error {
				byWidget, err := env.arrangement(dashboardID)
				if err != nil {
					return err
				}
				if err := checkPlaced(byWidget, handPlacedWidgetID, handPlaced); err != nil {
					return err
				}
				return checkPlaced(byWidget, widgetID, want)
			},
		},
		{
			// Moved and edited by hand: the plan moves it back and restores the settings.
			PreConfig: func() {
				moved := want
				moved.WidgetID, moved.X = widgetID, 0
				if err := env.client.Dashboards.SetArrangement(ctx, dashboardID, []client.ArrangementEntry{handPlaced, moved}); err != nil {
					t.Fatal(err)
				}
				label := "Pressure (by hand)"
				if err := env.client.Widgets.Update(ctx, dashboardID, widgetID, client.WidgetUpdate{
					Label: &label, Display: []byte(`{"show_variables":false,"extra":1}`),
				}); err != nil {
					t.Fatal(err)
				}
			},
			Config: cfg,
			ConfigPlanChecks: plans(widgetAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("label"), knownvalue.StringExact("Pressure")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(widgetAddr, tfjsonpath.New("display"), knownvalue.StringExact(`{"show_variables":true}`)),
			},
			Check: func(*terraform.State) error {
				byWidget, err := env.arrangement(dashboardID)
				if err != nil {
					return err
				}
				if err := checkPlaced(byWidget, handPlacedWidgetID, handPlaced); err != nil {
					return err
				}
				return checkPlaced(byWidget, widgetID, want)
			},
		},
		{
			// Deleted by hand: the plan creates it again, without an error, at its place.
			PreConfig: func() {
				if err := env.client.Widgets.Delete(ctx, dashboardID, widgetID); err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg,
			ConfigPlanChecks: plans(widgetAddr, plancheck.ResourceActionCreate),
			Check: func(s *terraform.State) error {
				newID := idOf(s, widgetAddr)
				if newID == widgetID {
					t.Errorf("the widget was not created again")
				}
				byWidget, err := env.arrangement(dashboardID)
				if err != nil {
					return err
				}
				return checkPlaced(byWidget, newID, want)
			},
		},
		{
			// Its dashboard deleted by hand: both are planned for creation, without an error.
			PreConfig: func() {
				if err := env.client.Dashboards.Delete(ctx, dashboardID); err != nil {
					t.Fatal(err)
				}
			},
			Config: cfg,
			ConfigPlanChecks: plans(dashboardAddr, plancheck.ResourceActionCreate,
				plancheck.ExpectResourceAction(widgetAddr, plancheck.ResourceActionCreate),
			),
		},
	}))
}

// stateCheck is a ConfigStateCheck written as a function of the whole state. Unlike the legacy
// Check functions it supports for_each instances.
type stateCheck func(statecheck.CheckStateRequest) error

func (f stateCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if err := f(req); err != nil {
		resp.Error = err
	}
}

// stateIDs maps the id of every instance of a resource type to its address.
func stateIDs(req statecheck.CheckStateRequest, resourceType string) map[string]string {
	ids := map[string]string{}
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		return ids
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Type == resourceType && r.Mode == "managed" {
			id, _ := r.AttributeValues["id"].(string)
			ids[r.Address] = id
		}
	}
	return ids
}

// Terraform creates (and deletes) widgets in parallel, and every one of them rewrites the whole
// arrangement of the dashboard. With the emulator's latency the reads and writes of twenty
// widgets overlap: without the per-dashboard lock most places would be lost.
func TestAccDashboardWidget_parallelWidgetsKeepEveryPlace(t *testing.T) {
	t.Parallel()
	env := newAccEnvWithLatency(t, 20*time.Millisecond)
	const widgets = 20
	config := func(keep string) string {
		return env.config(`
resource "tagoio_dashboard" "test" {
  label = "tfacc-Twenty widgets"
}

locals {
  indexes = [for i in range(%d) : i if %s]
}

resource "tagoio_dashboard_widget" "grid" {
  for_each     = { for i in local.indexes : format("w%%02d", i) => i }
  dashboard_id = tagoio_dashboard.test.id
  label        = "Widget ${each.value}"
  type         = "card"
  data         = [{ origin = %q, variables = ["v${each.value}"] }]
  position = {
    x      = (each.value %% 4) * 2.5
    y      = floor(each.value / 4) * 3
    width  = 2.5
    height = 3 + each.value / 10
  }
}`, widgets, keep, originA)
	}
	// placeOf is the configured place of widget i.
	placeOf := func(i int) client.ArrangementEntry {
		return client.ArrangementEntry{X: float64(i%4) * 2.5, Y: float64(i/4) * 3, Width: 2.5, Height: 3 + float64(i)/10}
	}
	var dashboardID string
	// checkGrid asserts through the client that exactly the kept widgets are placed, each where
	// configured.
	checkGrid := func(kept func(int) bool) stateCheck {
		return func(s statecheck.CheckStateRequest) error {
			for _, id := range stateIDs(s, "tagoio_dashboard") {
				dashboardID = id
			}
			byWidget, err := env.arrangement(dashboardID)
			if err != nil {
				return err
			}
			ids := stateIDs(s, "tagoio_dashboard_widget")
			placed := 0
			var problems []string
			for i := 0; i < widgets; i++ {
				id, inState := ids[fmt.Sprintf(`tagoio_dashboard_widget.grid["w%02d"]`, i)]
				switch {
				case !kept(i) && inState:
					problems = append(problems, fmt.Sprintf("widget %d is still in the state", i))
				case !kept(i):
				case !inState:
					problems = append(problems, fmt.Sprintf("widget %d is not in the state", i))
				default:
					if err := checkPlaced(byWidget, id, placeOf(i)); err != nil {
						problems = append(problems, err.Error())
						continue
					}
					placed++
				}
			}
			total := 0
			for _, entries := range byWidget {
				total += len(entries)
			}
			if total != placed || len(problems) > 0 {
				return fmt.Errorf("%d of the arrangement's %d entries are right:\n%s", placed, total, strings.Join(problems, "\n"))
			}
			return nil
		}
	}
	stats := env.server.Emulator.Stats()
	routeCount := func(route string) int64 { return stats.Snapshot().ByRoute[route] }

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: stats.Reset,
				Config:    config("true"),
				ConfigStateChecks: []statecheck.StateCheck{
					checkGrid(func(int) bool { return true }),
					stateCheck(func(statecheck.CheckStateRequest) error {
						// Each create writes the arrangement once; nothing else writes it.
						if puts := routeCount("PUT /dashboard/{id}"); puts != widgets {
							return fmt.Errorf("%d arrangement writes, want %d (one per widget)", puts, widgets)
						}
						return nil
					}),
				},
			},
			{
				// A refresh reads the dashboard once for all its widgets: one GET per widget, plus one.
				PreConfig:        stats.Reset,
				Config:           config("true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{stateCheck(func(statecheck.CheckStateRequest) error {
					dashboardReads, widgetReads := routeCount("GET /dashboard/{id}"), routeCount("GET /dashboard/{dashID}/widget/{widgetID}")
					if dashboardReads == 0 || widgetReads != widgets*dashboardReads {
						return fmt.Errorf("refreshes read the dashboard %d times and widgets %d times, want %d widget reads per dashboard read",
							dashboardReads, widgetReads, widgets)
					}
					return nil
				})},
			},
			{
				// Deleting one widget leaves the other nineteen where they are.
				Config: config("i != 7"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(`tagoio_dashboard_widget.grid["w07"]`, plancheck.ResourceActionDestroy),
				}},
				ConfigStateChecks: []statecheck.StateCheck{checkGrid(func(i int) bool { return i != 7 })},
			},
			{
				// Deleting ten at once (in parallel) too.
				Config:            config("i != 7 && i >= 10"),
				ConfigStateChecks: []statecheck.StateCheck{checkGrid(func(i int) bool { return i != 7 && i >= 10 })},
			},
			{
				// And the rest. (This also ends the test without for_each instances in the state: the
				// post-test destroy reads the legacy state, which cannot hold them.)
				Config:            config("false"),
				ConfigStateChecks: []statecheck.StateCheck{checkGrid(func(int) bool { return false })},
			},
		},
	})
	// CheckDestroy needs the legacy state, which has no for_each instances: check here instead.
	if _, err := env.client.Dashboards.Get(context.Background(), dashboardID); !client.IsNotFound(err) {
		t.Errorf("dashboard %s still exists after destroy (%v)", dashboardID, err)
	}
}

func TestAccDashboardWidget_invalidConfigFailsAtPlan(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	const dashboardID = "6230e392f5772600124c81da"
	position := `position = { x = 0, y = 0, width = 1, height = 1 }`
	cases := map[string]blockCase{
		"empty type":          {`type = ""`, `type string length must be at least 1`},
		"negative x":          {`position = { x = -1, y = 0, width = 1, height = 1 }`, `(?s)position.x value must be at least\s+0`},
		"negative height":     {`position = { x = 0, y = 0, width = 1, height = -0.5 }`, `(?s)position.height value must be at\s+least 0`},
		"empty tab":           {`position = { x = 0, y = 0, width = 1, height = 1, tab = "" }`, `length must be at least 1`},
		"bad query":           {`data = [{ origin = "` + originA + `", query = "median" }]`, `(?s)query value must be one of`},
		"qty too large":       {`data = [{ origin = "` + originA + `", qty = 10001 }]`, `(?s)qty value must be between 1 and\s+10000`},
		"qty zero":            {`data = [{ origin = "` + originA + `", qty = 0 }]`, `(?s)qty value must be between 1 and\s+10000`},
		"bad origin":          {`data = [{ origin = "device-1" }]`, `24 lowercase\s+hexadecimal`},
		"bad start date":      {`data = [{ origin = "` + originA + `", start_date = "yesterday" }]`, `(?s)start_date must be an ISO-8601`},
		"empty variables":     {`data = [{ origin = "` + originA + `", variables = [] }]`, `(?s)variables list must contain at least 1`},
		"empty data":          {`data = []`, `(?s)data list must contain at least 1`},
		"bad analysis":        {`analysis_run = "run-me"`, `24 lowercase\s+hexadecimal`},
		"bad resource view":   {`resource = [{ view = "colour" }]`, `(?s)view.*must be tags.<key> or param.<key>`},
		"bad resource type":   {`resource = [{ type = "asset", view = "name" }]`, `(?s)type value must be one\s+of`},
		"bad editable":        {`resource = [{ view = "name", editable = "serial" }]`, `(?s)editable.*must be tags.<key> or param.<key>`},
		"bad display json":    {`display = "{not json"`, `(?s)Invalid JSON String Value`},
		"bad dashboard id":    {`dashboard_id = "dash"`, `24 lowercase\s+hexadecimal`},
		"bad end date format": {`data = [{ origin = "` + originA + `", end_date = "31/01/2024" }]`, `(?s)end_date must be an ISO-8601`},
	}
	complete := make(map[string]blockCase, len(cases))
	for name, tc := range cases {
		for attr, line := range map[string]string{
			"dashboard_id": `dashboard_id = "` + dashboardID + `"`, "label": `label = "x"`, "type": `type = "card"`,
		} {
			if !regexp.MustCompile(`(?m)^\s*` + attr + ` =`).MatchString(tc.body) { // set at the top level already
				tc.body += "\n  " + line
			}
		}
		if !strings.Contains(tc.body, "position") {
			tc.body += "\n  " + position
		}
		complete[name] = tc
	}
	env.eachBlockFails(t, `resource "tagoio_dashboard_widget" "test"`, true, complete)
}

func TestAccDashboardWidget_importIDErrors(t *testing.T) {
	env := newAccEnv(t)
	cfg := env.config(`
resource "tagoio_dashboard_widget" "test" {
  dashboard_id = "6230e392f5772600124c81da"
  label        = "x"
  type         = "card"
  position     = { x = 0, y = 0, width = 1, height = 1 }
}`)
	wantForm := `(?s)Expected\s+` + "`" + `<dashboard_id>/<widget_id>` + "`"
	resource.ParallelTest(t, env.test(failingImports(t, cfg, widgetAddr, map[string]importFailure{
		"widget id alone":   {"623c79da5a13360011819b1d", wantForm},
		"not ids":           {"dash/widget", wantForm},
		"no widget after /": {"6230e392f5772600124c81da/", wantForm},
	})...))
}
