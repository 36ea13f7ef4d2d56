package provider

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Dashboards and widgets made through the API import loss-free with generated configuration:
// a blueprint dashboard and an ordinary one holding blueprint settings (TagoIO keeps them on any
// dashboard), every blueprint selector and device behaviour, widgets of current and legacy types
// and of a type this provider does not know, every data query and device-list column with and
// without the optional fields, an empty label, a display with numbers in exponent form, and a
// widget that is not on the grid.
func TestAccDashboard_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	type list = []any
	slot := obj{"id": blueprintSlotID, "name": "machine", "label": "Machine", "type": "device",
		"conditions": list{obj{"key": "kind", "value": "press"}}, "filter_conditions": list{}}
	slot2 := obj{"id": blueprintSlot2ID, "name": "sensor", "type": "entity", "conditions": list{},
		"filter_conditions": list{obj{"type": "tag_match", "tag_key": "site", "blueprint_device": "machine"}}}
	blueprint := env.apiID("/dashboard", obj{"label": "tfacc-blueprint", "type": "blueprint", "visible": false,
		"tags": list{obj{"key": "team", "value": "ops"}}, "group_by": list{"team"},
		"tabs":              list{obj{"key": "1", "value": "Main"}, obj{"key": "2", "value": "Docs", "link": "https://example.com", "hidden": true}},
		"icon":              obj{"url": "https://example.com/i.svg", "color": "hsl(328, 89%, 47%)"},
		"blueprint_devices": list{slot, slot2}, "blueprint_device_behavior": "always", "blueprint_selector_behavior": "always_closed"})
	plain := env.apiID("/dashboard", obj{"label": "tfacc-plain-with-blueprint-settings",
		"blueprint_devices": list{slot}, "blueprint_device_behavior": "more_than_one", "blueprint_selector_behavior": "open"})
	// Every selector and device behaviour, on ordinary dashboards and on blueprints.
	var behaviourDashboards []string
	for i, selector := range blueprintSelectorBehaviors {
		kind := dashboardTypes[i%len(dashboardTypes)]
		behaviourDashboards = append(behaviourDashboards, env.apiID("/dashboard", obj{"label": "tfacc-behaviour-" + selector, "type": kind,
			"blueprint_devices": list{slot}, "blueprint_device_behavior": blueprintDeviceBehaviors[i%len(blueprintDeviceBehaviors)],
			"blueprint_selector_behavior": selector}))
	}
	device := env.apiID("/device", obj{"name": "tfacc-dash-device", "type": "mutable", "connector": httpsConnectorID, "network": httpNetworkID})
	analysis := env.apiID("/analysis", obj{"name": "tfacc-dash-analysis", "runtime": "node-rt2025"})

	widgets := []obj{
		{"label": "Temperature", "type": "line_chart", "realtime": true,
			"data": list{obj{"origin": device, "variables": list{"temp", "hum"}, "qty": 100, "query": "last_value", "timezone": "UTC",
				"bucket": device, "start_date": "1 day", "end_date": "2024-01-31T12:00:00Z", "overwrite": true}},
			"display": json.RawMessage(`{"max":1e21,"min":-2.5E-7,"big":12345678901234567890,"step":1.50,"nested":{"z":1,"a":[3e2]}}`)},
		{"label": "", "type": "display", "data": list{obj{"origin": blueprintSlotID, "variables": list{"status"}}}},
		{"label": "Old chart", "type": "chart", "display": obj{"chart_type": "spline"}},
		{"label": "Old table", "type": "table"},
		{"label": "Old input", "type": "input"},
		{"label": "Old media", "type": "media"},
		{"label": "Old layer", "type": "layer", "display": obj{"layer_type": "heat_map"}},
		{"label": "Custom", "type": "custom", "display": obj{"url": "https://example.com/w"}},
		{"label": "Hologram", "type": "hologram-3d"},
		{"label": "Devices", "type": "dynamic_table",
			"resource": list{obj{"type": "device", "filter": list{obj{"key": "kind", "value": "press"}}, "view": "tags.site", "editable": "name"}}},
	}
	// Every data query, each in an entry with and one without the other optional fields.
	var queried list
	for i, query := range widgetQueries {
		entry := obj{"origin": device, "variables": list{"temp"}, "query": query}
		if i%2 == 0 {
			entry["qty"], entry["timezone"], entry["bucket"] = i+1, "America/Sao_Paulo", device
			entry["start_date"], entry["end_date"], entry["overwrite"] = "2024-01-01T00:00:00Z", "1 hour", false
		}
		queried = append(queried, entry)
	}
	widgets = append(widgets, obj{"label": "Every query", "type": "multiple_lines_chart", "analysis_run": analysis, "data": queried},
		obj{"label": "Origin only", "type": "display", "data": list{obj{"origin": device}}})
	// Every device-list column, and tags./param. columns, editable or not.
	var columns list
	for _, view := range append(append([]string{}, widgetResourceViews...), "tags.site", "param.interval") {
		columns = append(columns, obj{"type": "device", "filter": list{}, "view": view})
	}
	columns = append(columns, obj{"type": "device", "filter": list{obj{"key": "kind", "value": ""}}, "view": "param.interval", "editable": "param.interval"},
		obj{"type": "device", "view": "tags.site", "editable": "tags.site"})
	widgets = append(widgets, obj{"label": "Every column", "type": "dynamic_table", "analysis_run": analysis, "resource": columns})
	for _, kind := range widgetTypes { // every type this provider knows, current and legacy
		widgets = append(widgets, obj{"label": "tfacc " + kind, "type": kind})
	}
	var targets []importTarget
	var arrangement list
	for i, w := range widgets {
		id := env.apiID("/dashboard/"+blueprint+"/widget/", w)
		targets = append(targets, importTarget{Type: "tagoio_dashboard_widget", Name: "w" + strconv.Itoa(i), ID: blueprint + "/" + id})
		if i != 1 { // the widget with an empty label is not on the grid
			arrangement = append(arrangement, obj{"widget_id": id, "x": i, "y": 0.5, "width": 2.3333333333333335, "height": 3, "tab": "1"})
		}
	}
	env.apiCall("PUT", "/dashboard/"+blueprint, obj{"arrangement": arrangement})
	targets = append(targets, importTarget{Type: "tagoio_dashboard", Name: "blueprint", ID: blueprint},
		importTarget{Type: "tagoio_dashboard", Name: "plain", ID: plain})
	objects := []apiObject{{Path: "/dashboard/" + blueprint}, {Path: "/dashboard/" + plain}}
	for i, id := range behaviourDashboards {
		targets = append(targets, importTarget{Type: "tagoio_dashboard", Name: "behaviour" + strconv.Itoa(i), ID: id})
		objects = append(objects, apiObject{Path: "/dashboard/" + id})
	}
	for _, tg := range targets[:len(widgets)] {
		objects = append(objects, apiObject{Path: "/dashboard/" + strings.Replace(tg.ID, "/", "/widget/", 1)})
	}
	res := env.importWithGeneratedConfig(targets, objects)

	// The unplaced widget has no position, and stays unplaced.
	unplaced := regexp.MustCompile(`(?s)resource "tagoio_dashboard_widget" "w1" \{.*?\n\}`).FindString(res.Generated)
	if !regexp.MustCompile(`position\s+= null`).MatchString(unplaced) {
		t.Errorf("the unplaced widget's generated configuration has a position:\n%s", unplaced)
	}
	// A widget type outside the known list plans with a warning naming the known ones.
	diagnostics := res.planDiagnostics(t)
	warned := false
	for _, d := range diagnostics {
		warned = warned || strings.Contains(d, `"hologram-3d", which is none of the values`) && strings.Contains(d, `"line_chart"`)
	}
	if !warned {
		t.Errorf("no warning about the unknown widget type among the plan's diagnostics:\n%s", strings.Join(diagnostics, "\n"))
	}
}
