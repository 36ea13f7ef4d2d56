package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const (
	dashboardAddr = "tagoio_dashboard.test"
	// A widget id that no Terraform resource owns, placed by hand on the test dashboard.
	handPlacedWidgetID = "62750cf1253eb800126aefc0"
	blueprintSlotID    = "68d2f3e0a6343f0009318e4c"
	blueprintSlot2ID   = "68d2f3e0a6343f0009318e4d"
)

func idOf(s *terraform.State, addr string) string {
	if rs, ok := s.RootModule().Resources[addr]; ok {
		return rs.Primary.ID
	}
	return ""
}

func kv(key, value string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact(key), "value": knownvalue.StringExact(value)})
}

func TestAccDashboard_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	sameID := statecheck.CompareValue(compare.ValuesSame())
	var id string

	created := env.config(`
resource "tagoio_dashboard" "test" {
  label    = "tfacc-Plant overview"
  tags     = [{ key = "site", value = "north" }, { key = "kind", value = "ops" }]
  group_by = ["site"]
  icon     = { url = "https://svg.internal.tago.io/factory.svg", color = "hsl(328, 89%%, 47%%)" }
  tabs = [
    { key = "1648142133869", value = "Main" },
    { key = "1648142564354", value = "Docs", link = "https://docs.example.com", hidden = true },
  ]
}`)
	updated := env.config(`
resource "tagoio_dashboard" "test" {
  label   = "tfacc-Plant overview (north)"
  visible = false
  tags    = [{ key = "site", value = "north" }]
  tabs    = [{ key = "1648142133869", value = "Overview" }]
}`)
	blueprint := env.config(`
resource "tagoio_dashboard" "test" {
  label   = "tfacc-Plant overview (north)"
  type    = "blueprint"
  visible = false
  tags    = [{ key = "site", value = "north" }]
  tabs    = [{ key = "1648142133869", value = "Overview" }]
  blueprint_devices = [
    {
      id         = %q
      name       = "sensor"
      label      = "Sensor"
      conditions = [{ key = "kind", value = "sensor" }]
    },
    {
      id   = %q
      name = "gateway"
      type = "device"
      filter_conditions = [{ tag_key = "site", blueprint_device = "sensor" }]
    },
  ]
  blueprint_device_behavior   = "always"
  blueprint_selector_behavior = "always_open"
}`, blueprintSlotID, blueprintSlot2ID)

	resource.ParallelTest(t, env.testCheckingGone("tagoio_dashboard", existsByID(env.client.Dashboards.Get), []resource.TestStep{
		{
			Config:           created,
			ConfigPlanChecks: plans(dashboardAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("type"), knownvalue.StringExact("dashboard")),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("visible"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{kv("site", "north"), kv("kind", "ops")})),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("group_by"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("site")})),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("icon").AtMapKey("color"), knownvalue.StringExact("hsl(328, 89%, 47%)")),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("tabs"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"key": knownvalue.StringExact("1648142133869"), "value": knownvalue.StringExact("Main"),
						"link": knownvalue.Null(), "hidden": knownvalue.Bool(false),
					}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"key": knownvalue.StringExact("1648142564354"), "value": knownvalue.StringExact("Docs"),
						"link": knownvalue.StringExact("https://docs.example.com"), "hidden": knownvalue.Bool(true),
					}),
				})),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("blueprint_devices"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("blueprint_device_behavior"), knownvalue.Null()),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				sameID.AddStateValue(dashboardAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				id = idOf(s, dashboardAddr)
				d, err := env.client.Dashboards.Get(ctx, id)
				if err != nil {
					return err
				}
				if d.Label != "tfacc-Plant overview" || len(d.Tabs) != 2 || d.Tabs[1].Hidden == nil || !*d.Tabs[1].Hidden ||
					d.Icon == nil || d.Icon.URL != "https://svg.internal.tago.io/factory.svg" || len(d.GroupBy) != 1 {
					t.Errorf("API dashboard = %+v", d)
				}
				return nil
			},
		},
		importVerifies(dashboardAddr),
		{
			// A widget placed by someone else: the dashboard's update must leave it where it is.
			PreConfig: func() {
				tab := "1648142133869"
				if err := env.client.Dashboards.SetArrangement(ctx, id, []client.ArrangementEntry{
					{WidgetID: handPlacedWidgetID, X: 2.666666666666667, Y: 7, Width: 2, Height: 5, Tab: &tab},
				}); err != nil {
					t.Fatal(err)
				}
			},
			Config:           updated,
			ConfigPlanChecks: plans(dashboardAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("label"), knownvalue.StringExact("tfacc-Plant overview (north)")),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("visible"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("icon"), knownvalue.Null()),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("group_by"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("tabs"), knownvalue.ListSizeExact(1)),
				sameID.AddStateValue(dashboardAddr, tfjsonpath.New("id")),
			},
			Check: apiHolds(recorded(&id), env.client.Dashboards.Get, func(d *client.Dashboard) error {
				if len(d.Arrangement) != 1 || d.Arrangement[0].WidgetID != handPlacedWidgetID || d.Arrangement[0].X != 2.666666666666667 {
					t.Errorf("the dashboard update changed the arrangement: %+v", d.Arrangement)
				}
				if d.Icon != nil && d.Icon.URL != "" {
					t.Errorf("API icon = %+v, want none", d.Icon)
				}
				return nil
			}),
		},
		{
			// TagoIO edits a dashboard's type in place.
			Config:           blueprint,
			ConfigPlanChecks: plans(dashboardAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("type"), knownvalue.StringExact("blueprint")),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("blueprint_devices"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(blueprintSlotID), "name": knownvalue.StringExact("sensor"),
						"label": knownvalue.StringExact("Sensor"), "type": knownvalue.StringExact("device"),
						"conditions":        knownvalue.ListExact([]knownvalue.Check{kv("kind", "sensor")}),
						"filter_conditions": knownvalue.ListSizeExact(0),
					}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(blueprintSlot2ID), "name": knownvalue.StringExact("gateway"),
						"label": knownvalue.Null(), "type": knownvalue.StringExact("device"),
						"conditions": knownvalue.ListSizeExact(0),
						"filter_conditions": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("tag_match"), "tag_key": knownvalue.StringExact("site"),
							"blueprint_device": knownvalue.StringExact("sensor"),
						})}),
					}),
				})),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("blueprint_selector_behavior"), knownvalue.StringExact("always_open")),
				sameID.AddStateValue(dashboardAddr, tfjsonpath.New("id")),
			},
			Check: apiHolds(recorded(&id), env.client.Dashboards.Get, func(d *client.Dashboard) error {
				if d.Type != "blueprint" || len(d.BlueprintDevices) != 2 || d.BlueprintDeviceBehavior == nil || *d.BlueprintDeviceBehavior != "always" {
					t.Errorf("API dashboard = %+v", d)
				}
				if len(d.Arrangement) != 1 {
					t.Errorf("the dashboard update changed the arrangement: %+v", d.Arrangement)
				}
				return nil
			}),
		},
		importVerifies(dashboardAddr),
		{
			// Clearing the blueprint settings sends nulls and empty lists.
			Config:           updated,
			ConfigPlanChecks: plans(dashboardAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("type"), knownvalue.StringExact("dashboard")),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("blueprint_devices"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("blueprint_device_behavior"), knownvalue.Null()),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("blueprint_selector_behavior"), knownvalue.Null()),
			},
		},
	}))
}

func TestAccDashboard_outOfBandChanges(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	cfg := env.config(`
resource "tagoio_dashboard" "test" {
  label = "tfacc-Boilers"
  tags  = [{ key = "site", value = "north" }]
  tabs  = [{ key = "1", value = "Main" }]
}`)
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_dashboard", existsByID(env.client.Dashboards.Get), []resource.TestStep{
		{
			Config: cfg,
			Check:  func(s *terraform.State) error { id = idOf(s, dashboardAddr); return nil },
		},
		{
			// Edited in the TagoIO admin: the plan shows the update back to the configuration.
			PreConfig: func() {
				label, tags := "Boilers (renamed by hand)", []client.Tag{{Key: "owner", Value: "ops"}}
				tabs := []client.DashboardTab{{Key: "1", Value: "Main"}, {Key: "2", Value: "Extra"}}
				if err := env.client.Dashboards.Update(ctx, id, client.DashboardUpdate{Label: &label, Tags: &tags, Tabs: &tabs}); err != nil {
					t.Fatal(err)
				}
			},
			Config: cfg,
			ConfigPlanChecks: plans(dashboardAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("label"), knownvalue.StringExact("tfacc-Boilers")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{kv("site", "north")})),
				statecheck.ExpectKnownValue(dashboardAddr, tfjsonpath.New("tabs"), knownvalue.ListSizeExact(1)),
			},
		},
		// Deleted in the TagoIO admin: the plan creates it again, without an error.
		recreatedAfterDelete(t, cfg, dashboardAddr, &id, func() error { return env.client.Dashboards.Delete(ctx, id) }),
	}))
}

func TestAccDashboard_invalidConfigFailsAtPlan(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	slot := func(id, name, extra string) string {
		return `{ id = "` + id + `", name = "` + name + `"` + extra + ` }`
	}
	cases := map[string]blockCase{
		"bad type":          {`type = "report"`, `value must be one\s+of`},
		"empty label":       {`label = ""`, `label string length must be at least 1`},
		"bad behavior":      {"type = \"blueprint\"\n blueprint_device_behavior = \"sometimes\"", `value must be one\s+of`},
		"bad selector":      {"type = \"blueprint\"\n blueprint_selector_behavior = \"ajar\"", `value must be one\s+of`},
		"duplicate tab key": {`tabs = [{ key = "1", value = "a" }, { key = "1", value = "b" }]`, `(?s)Duplicate key.*"1" is used by elements 0 and 1`},
		"bad icon url":      {`icon = { url = "factory.svg" }`, `absolute http:// or https:// URL`},
		"bad slot id":       {"type = \"blueprint\"\n blueprint_devices = [" + slot("slot-1", "s", "") + "]", `24 lowercase\s+hexadecimal`},
		"bad slot type":     {"type = \"blueprint\"\n blueprint_devices = [" + slot(blueprintSlotID, "s", `, type = "asset"`) + "]", `value must be one\s+of`},
		"duplicate slot name": {"type = \"blueprint\"\n blueprint_devices = [" + slot(blueprintSlotID, "s", "") + ", " +
			slot(blueprintSlot2ID, "s", "") + "]", `(?s)Duplicate name.*"s"`},
		"duplicate slot id": {"type = \"blueprint\"\n blueprint_devices = [" + slot(blueprintSlotID, "a", "") + ", " +
			slot(blueprintSlotID, "b", "") + "]", `(?s)Duplicate id`},
		"filter on unknown slot": {"type = \"blueprint\"\n blueprint_devices = [" +
			slot(blueprintSlotID, "a", `, filter_conditions = [{ tag_key = "site", blueprint_device = "ghost" }]`) + "]",
			`(?s)blueprint_device must be the name of another.*"ghost"`},
		"bad filter type": {"type = \"blueprint\"\n blueprint_devices = [" + slot(blueprintSlotID, "a", "") + ", " +
			slot(blueprintSlot2ID, "b", `, filter_conditions = [{ type = "tag_like", tag_key = "site", blueprint_device = "a" }]`) + "]",
			`value must be one\s+of`},
		"empty group_by": {`group_by = [""]`, `length must be at least 1`},
	}
	labelled := make(map[string]blockCase, len(cases))
	for name, tc := range cases {
		if !strings.Contains(tc.body, "label =") {
			tc.body = "label = \"x\"\n  " + tc.body
		}
		labelled[name] = tc
	}
	env.eachBlockFails(t, `resource "tagoio_dashboard" "test"`, true, labelled)
}
