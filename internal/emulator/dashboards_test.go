package emulator

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// mkDashboard creates a dashboard with the given extra body fields over {label}.
func mkDashboard(t testing.TB, e *Emulator, label string, extra map[string]any) string {
	t.Helper()
	body := map[string]any{"label": label}
	for k, v := range extra {
		body[k] = v
	}
	var r struct {
		Dashboard string `json:"dashboard"`
	}
	req(t, e, "POST", "/dashboard", e.ProfileToken(), body).ok(t, 201, &r)
	if !isObjectID(r.Dashboard) {
		t.Fatalf("create dashboard returned id %q", r.Dashboard)
	}
	return r.Dashboard
}

// matchesJSON compares a decoded JSON value with the JSON encoding of want.
func matchesJSON(t testing.TB, got any, want string) bool {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want %s: %v", want, err)
	}
	return reflect.DeepEqual(got, w)
}

func TestDashboardCreateDefaults(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	id := mkDashboard(t, e, "Plant", nil)
	d := getMap(t, e, "/dashboard/"+id)

	want := map[string]string{
		"id": `"` + id + `"`, "label": `"Plant"`, "type": `"dashboard"`, "visible": `true`,
		"tags": `[]`, "arrangement": `[]`, "tabs": `[]`,
		"group_by": `[]`, "icon": `{}`, "background": `{}`, "theme": `null`, "setup": `{}`,
		"blueprint_devices": `[]`, "blueprint_device_behavior": `null`,
		"blueprint_selector_behavior": `null`, "shared": `null`, "last_access": `null`,
	}
	for k, v := range want {
		if !matchesJSON(t, d[k], v) {
			t.Errorf("%s = %#v, want %s", k, d[k], v)
		}
	}
	created, err := time.Parse(timeLayout, as[string](t, d["created_at"]))
	if err != nil || d["updated_at"] != d["created_at"] || time.Since(created) > time.Minute {
		t.Errorf("created_at %v updated_at %v (%v)", d["created_at"], d["updated_at"], err)
	}
	if _, listed := d["profile"]; listed {
		t.Error("DashboardInfo has profile, which only the list documents")
	}
	if len(d) != len(want)+2 {
		t.Errorf("DashboardInfo has %d keys, want %d: %v", len(d), len(want)+2, d)
	}
}

func TestDashboardCreateFullRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	body := map[string]any{
		"type": "blueprint", "visible": false,
		"tags":        []map[string]string{{"key": "site", "value": "north"}},
		"arrangement": []map[string]any{{"widget_id": "6230e84df5772600124c81e7", "x": 0.3333333333333333, "y": 7, "width": 2.3333333333333335, "height": 3, "tab": nil}},
		"tabs":        []map[string]any{{"key": "1648142133869", "value": "tab test", "link": "", "hidden": nil}},
		"group_by":    []string{"site"},
		"icon":        map[string]string{"url": "https://svg.internal.tago.io/x.svg", "color": "hsl(328, 89%, 47%)"},
		"background":  map[string]any{"color": "#fff"},
		"theme":       map[string]any{"color": "dark"},
		"setup":       map[string]any{"is_configured": true},
		"blueprint_devices": []map[string]any{{
			"id": "68d2f3e0a6343f0009318e4c", "name": "sensor", "type": "device",
			"conditions":        []map[string]string{{"key": "is_sensor", "value": "true"}},
			"filter_conditions": []map[string]string{{"type": "tag_match", "tag_key": "location", "blueprint_device": "customer"}},
		}},
		"blueprint_device_behavior":   "always",
		"blueprint_selector_behavior": "always_open",
	}
	id := mkDashboard(t, e, "Blueprint", body)
	d := getMap(t, e, "/dashboard/"+id)
	for k, v := range body {
		if !matchesJSON(t, d[k], string(mustJSON(t, v))) {
			t.Errorf("%s = %#v, want %s", k, d[k], mustJSON(t, v))
		}
	}
	// Fractional positions survive bit for bit.
	a := as[map[string]any](t, as[[]any](t, d["arrangement"])[0])
	if a["width"] != 2.3333333333333335 || a["x"] != 0.3333333333333333 {
		t.Errorf("arrangement numbers %v", a)
	}
}

func TestDashboardValidation(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	tooMany := make([]map[string]string, 31)
	for i := range tooMany {
		tooMany[i] = map[string]string{"key": "k", "value": "v"}
	}
	item := func(over map[string]any) map[string]any {
		a := map[string]any{"widget_id": "6230e84df5772600124c81e7", "x": 0, "y": 0, "width": 1, "height": 1}
		for k, v := range over {
			a[k] = v
		}
		return a
	}
	bad := []struct {
		body map[string]any
		want string
	}{
		{map[string]any{}, "label is required"},
		{map[string]any{"label": "  "}, "label is required"},
		{map[string]any{"label": 5}, "label must be a string"},
		{map[string]any{"label": "d", "type": "board"}, "type must be one of: dashboard, blueprint"},
		{map[string]any{"label": "d", "visible": "yes"}, "visible must be a boolean"},
		{map[string]any{"label": "d", "tags": tooMany}, "at most 30 tags"},
		{map[string]any{"label": "d", "tabs": []map[string]string{{"key": "a", "value": "A"}, {"key": "a", "value": "B"}}}, `duplicate key "a"`},
		{map[string]any{"label": "d", "tabs": []map[string]string{{"value": "A"}}}, "tabs[0].key is required"},
		{map[string]any{"label": "d", "tabs": []map[string]any{{"key": "a", "value": 1}}}, "tabs[0].value must be a string"},
		{map[string]any{"label": "d", "tabs": []map[string]any{{"key": "a", "hidden": "no"}}}, "tabs[0].hidden must be a boolean"},
		{map[string]any{"label": "d", "tabs": map[string]any{}}, "tabs must be an array"},
		{map[string]any{"label": "d", "arrangement": []any{5}}, "arrangement[0] must be an object"},
		{map[string]any{"label": "d", "arrangement": []any{item(map[string]any{"widget_id": ""})}}, "arrangement[0].widget_id is required"},
		{map[string]any{"label": "d", "arrangement": []any{item(nil), item(map[string]any{"width": -1})}}, "arrangement[1].width is required and must be a non-negative number"},
		{map[string]any{"label": "d", "arrangement": []any{item(map[string]any{"x": "0"})}}, "arrangement[0].x"},
		{map[string]any{"label": "d", "arrangement": []any{map[string]any{"widget_id": "w", "x": 0, "y": 0, "width": 1}}}, "arrangement[0].height is required"},
		{map[string]any{"label": "d", "arrangement": []any{item(map[string]any{"tab": 7})}}, "arrangement[0].tab must be a string or null"},
		{map[string]any{"label": "d", "arrangement": nil}, "arrangement must be an array"},
		{map[string]any{"label": "d", "icon": "x"}, "icon must be an object"},
		{map[string]any{"label": "d", "icon": map[string]any{"url": 3}}, "icon.url must be a string"},
		{map[string]any{"label": "d", "group_by": "site"}, "group_by must be an array"},
		{map[string]any{"label": "d", "blueprint_device_behavior": "sometimes"}, "blueprint_device_behavior must be one of: more_than_one, always"},
		{map[string]any{"label": "d", "blueprint_selector_behavior": "ajar"}, "blueprint_selector_behavior must be one of: open, closed, always_open, always_closed"},
		{map[string]any{"label": "d", "blueprint_devices": []any{"x"}}, "blueprint_devices[0] must be an object"},
		{map[string]any{"label": "d", "blueprint_devices": []any{map[string]any{"name": "s", "type": "bucket"}}}, "blueprint_devices[0].type must be one of: device, entity"},
		{map[string]any{"label": "d", "blueprint_devices": []any{map[string]any{"conditions": []any{map[string]any{"value": "v"}}}}}, "blueprint_devices[0].conditions[0].key"},
		{map[string]any{"label": "d", "blueprint_devices": []any{map[string]any{"filter_conditions": []any{map[string]any{"tag_key": 1}}}}}, "blueprint_devices[0].filter_conditions[0].tag_key must be a string"},
	}
	for _, b := range bad {
		req(t, e, "POST", "/dashboard", tok, b.body).fail(t, 400, b.want)
	}
	if l := getList(t, e, "/dashboard"); len(l) != 0 {
		t.Fatalf("rejected creates left dashboards behind: %v", l)
	}
	// The same rules apply on PUT, and a rejected PUT changes nothing.
	id := mkDashboard(t, e, "d", map[string]any{"tabs": []map[string]string{{"key": "a", "value": "A"}}})
	req(t, e, "PUT", "/dashboard/"+id, tok, map[string]any{"label": "new", "tabs": []map[string]string{{"key": "b"}, {"key": "b"}}}).fail(t, 400, `duplicate key "b"`)
	d := getMap(t, e, "/dashboard/"+id)
	if d["label"] != "d" || !matchesJSON(t, d["tabs"], `[{"key":"a","value":"A"}]`) {
		t.Fatalf("rejected PUT changed the dashboard: %v", d)
	}
	// Null behaviours clear them.
	req(t, e, "PUT", "/dashboard/"+id, tok, map[string]any{"blueprint_device_behavior": "more_than_one"}).ok(t, 200, nil)
	req(t, e, "PUT", "/dashboard/"+id, tok, map[string]any{"blueprint_device_behavior": nil}).ok(t, 200, nil)
	if d := getMap(t, e, "/dashboard/"+id); d["blueprint_device_behavior"] != nil {
		t.Fatalf("null did not clear blueprint_device_behavior: %v", d["blueprint_device_behavior"])
	}
}

func TestDashboardEditReplacesNotMerges(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	a := map[string]any{"widget_id": "aaaaaaaaaaaaaaaaaaaaaaaa", "x": 0, "y": 0, "width": 1, "height": 2, "tab": "t1"}
	b := map[string]any{"widget_id": "bbbbbbbbbbbbbbbbbbbbbbbb", "x": 1, "y": 0, "width": 1, "height": 2, "tab": "t2"}
	c := map[string]any{"widget_id": "cccccccccccccccccccccccc", "x": 0.5, "y": 3, "width": 2.5, "height": 1, "tab": nil}
	id := mkDashboard(t, e, "d", map[string]any{
		"arrangement": []any{a, b},
		"tabs":        []map[string]string{{"key": "t1", "value": "One"}, {"key": "t2", "value": "Two"}},
		"icon":        map[string]string{"url": "u", "color": "red"},
		"tags":        []map[string]string{{"key": "k1", "value": "v1"}, {"key": "k2", "value": "v2"}},
	})
	before := getMap(t, e, "/dashboard/"+id)

	var msg string
	req(t, e, "PUT", "/dashboard/"+id, tok, map[string]any{"arrangement": []any{c}}).ok(t, 200, &msg)
	if msg != "Successfully Updated" {
		t.Fatalf("PUT result %q", msg)
	}
	d := getMap(t, e, "/dashboard/"+id)
	if !matchesJSON(t, d["arrangement"], string(mustJSON(t, []any{c}))) {
		t.Fatalf("arrangement merged instead of replaced: %v", d["arrangement"])
	}
	if !reflect.DeepEqual(d["tabs"], before["tabs"]) || d["label"] != "d" {
		t.Fatalf("PUT of arrangement touched other fields: %v", d)
	}
	updated, _ := time.Parse(timeLayout, as[string](t, d["updated_at"]))
	created, _ := time.Parse(timeLayout, as[string](t, d["created_at"]))
	if updated.Before(created) || d["created_at"] != before["created_at"] {
		t.Fatalf("timestamps created %v updated %v", d["created_at"], d["updated_at"])
	}

	req(t, e, "PUT", "/dashboard/"+id, tok, map[string]any{"tabs": []map[string]string{{"key": "t3", "value": "Three"}}}).ok(t, 200, nil)
	req(t, e, "PUT", "/dashboard/"+id, tok, map[string]any{"icon": map[string]string{"url": "v"}}).ok(t, 200, nil)
	req(t, e, "PUT", "/dashboard/"+id, tok, map[string]any{"tags": []map[string]string{{"key": "k3", "value": "v3"}}}).ok(t, 200, nil)
	d = getMap(t, e, "/dashboard/"+id)
	if !matchesJSON(t, d["tabs"], `[{"key":"t3","value":"Three"}]`) {
		t.Errorf("tabs merged: %v", d["tabs"])
	}
	if !matchesJSON(t, d["icon"], `{"url":"v"}`) {
		t.Errorf("icon merged: %v", d["icon"])
	}
	if !matchesJSON(t, d["tags"], `[{"key":"k3","value":"v3"}]`) {
		t.Errorf("tags merged: %v", d["tags"])
	}
	if !matchesJSON(t, d["arrangement"], string(mustJSON(t, []any{c}))) {
		t.Errorf("arrangement changed by a PUT without it: %v", d["arrangement"])
	}

	// A label-only PUT leaves every collection alone; an empty arrangement clears.
	req(t, e, "PUT", "/dashboard/"+id, tok, map[string]any{"label": "renamed", "type": "blueprint"}).ok(t, 200, nil)
	d = getMap(t, e, "/dashboard/"+id)
	if d["label"] != "renamed" || d["type"] != "blueprint" || len(as[[]any](t, d["arrangement"])) != 1 {
		t.Fatalf("label PUT: %v", d)
	}
	req(t, e, "PUT", "/dashboard/"+id, tok, map[string]any{"arrangement": []any{}}).ok(t, 200, nil)
	if d := getMap(t, e, "/dashboard/"+id); !matchesJSON(t, d["arrangement"], `[]`) {
		t.Fatalf("empty arrangement did not clear: %v", d["arrangement"])
	}
}

func TestDashboardArrangementAcceptsUnknownWidget(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	id := mkDashboard(t, e, "d", nil)
	ghost := map[string]any{"widget_id": "dddddddddddddddddddddddd", "x": 0, "y": 0, "width": 1, "height": 1}
	req(t, e, "PUT", "/dashboard/"+id, e.ProfileToken(), map[string]any{"arrangement": []any{ghost}}).ok(t, 200, nil)
	arr := as[[]any](t, getMap(t, e, "/dashboard/"+id)["arrangement"])
	if len(arr) != 1 || as[map[string]any](t, arr[0])["widget_id"] != "dddddddddddddddddddddddd" {
		t.Fatalf("arrangement %v", arr)
	}
}

func TestDashboardIDErrors(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	unknown := "aaaaaaaaaaaaaaaaaaaaaaaa"
	for _, r := range []struct{ method, suffix string }{
		{"GET", ""}, {"PUT", ""}, {"DELETE", ""}, {"POST", "/duplicate"},
		{"GET", "/share/public"}, {"GET", "/devices"}, {"GET", "/analysis"},
	} {
		req(t, e, r.method, "/dashboard/nope"+r.suffix, tok, map[string]any{}).fail(t, 400, "Invalid Dashboard ID")
		req(t, e, r.method, "/dashboard/"+unknown+r.suffix, tok, map[string]any{}).fail(t, 404, "Dashboard not found")
	}
}

func TestDashboardList(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	mkDashboard(t, e, "beta", map[string]any{"tags": []map[string]string{{"key": "site", "value": "north"}}})
	mkDashboard(t, e, "Alpha", map[string]any{"visible": false})
	mkDashboard(t, e, "gamma", map[string]any{"type": "blueprint", "tags": []map[string]string{{"key": "site", "value": "south"}}})

	// No query at all: label ascending (case-insensitive), the OAS list item keys.
	l := getList(t, e, "/dashboard")
	if got := pluck(l, "label"); !eqStrings(got, []string{"Alpha", "beta", "gamma"}) {
		t.Fatalf("default order %v", got)
	}
	for _, k := range []string{"id", "label", "type", "visible", "tags", "profile", "group_by", "icon", "tabs", "created_at", "last_access"} {
		if _, ok := l[0][k]; !ok {
			t.Errorf("default list item lacks %q: %v", k, l[0])
		}
	}
	if _, ok := l[0]["arrangement"]; ok {
		t.Errorf("default list item carries the arrangement: %v", l[0])
	}

	// What the JS SDK sends by default: fields [id, name] in indices form. A
	// dashboard's "name" is its label (the SDK documents [{id, label, ...}] for this
	// request): each item is exactly {id, label}, never a "name" key.
	l = getList(t, e, "/dashboard?page=1&amount=20&fields%5B0%5D=id&fields%5B1%5D=name&orderBy=label%2Casc")
	if len(l) != 3 || len(l[0]) != 2 || !isObjectID(as[string](t, l[0]["id"])) || l[0]["label"] != "Alpha" {
		t.Fatalf("SDK default fields: want {id, label} items, got %v", l)
	}

	for _, c := range []struct {
		query string
		want  []string
	}{
		{"filter[label]=*a*", []string{"Alpha", "beta", "gamma"}},
		{"filter[label]=GAM*", []string{"gamma"}},
		{"filter[type]=blueprint", []string{"gamma"}},
		{"filter[visible]=false", []string{"Alpha"}},
		{"filter[tags][0][key]=site&filter[tags][0][value]=north", []string{"beta"}},
		{"filter[tags][0][key]=site", []string{"beta", "gamma"}},
		{"orderBy=label,desc", []string{"gamma", "beta", "Alpha"}},
		{"orderBy=name,desc", []string{"gamma", "beta", "Alpha"}}, // DashboardQuery allows "name"
		{"filter[name]=gam*", []string{"gamma"}},
		{"amount=2&page=2", []string{"gamma"}},
	} {
		got := pluck(getList(t, e, "/dashboard?fields[]=label&"+c.query), "label")
		if !eqStrings(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.query, got, c.want)
		}
	}
}

func TestDashboardDeleteCascadesWidgets(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	keep := mkDashboard(t, e, "keep", nil)
	gone := mkDashboard(t, e, "gone", nil)
	kept := mkWidget(t, e, keep, nil)
	mkWidget(t, e, gone, nil)
	mkWidget(t, e, gone, nil)

	var msg string
	req(t, e, "DELETE", "/dashboard/"+gone, e.ProfileToken(), nil).ok(t, 200, &msg)
	if msg != "Successfully Removed" {
		t.Fatalf("delete result %q", msg)
	}
	req(t, e, "GET", "/dashboard/"+gone, e.ProfileToken(), nil).fail(t, 404, "Dashboard not found")
	var left []*widgetDoc
	if err := e.store.View(func(tx Tx) (err error) {
		left, err = listDocs[widgetDoc](tx, collWidgets, nil)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].ID != kept {
		t.Fatalf("widgets left after deleting their dashboard: %+v", left)
	}
}

func TestDashboardDuplicate(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	src := mkDashboard(t, e, "Ice Cream", map[string]any{"tabs": []map[string]string{{"key": "t", "value": "T"}}})
	w1 := mkWidget(t, e, src, map[string]any{"label": "one"})
	w2 := mkWidget(t, e, src, map[string]any{"label": "two"})
	arr := []map[string]any{
		{"widget_id": w1, "x": 0, "y": 0, "width": 1, "height": 1, "tab": "t"},
		{"widget_id": w2, "x": 1, "y": 0, "width": 1, "height": 1, "tab": "t"},
	}
	req(t, e, "PUT", "/dashboard/"+src, tok, map[string]any{"arrangement": arr}).ok(t, 200, nil)

	var r struct {
		DashboardID string `json:"dashboard_id"`
		Message     string `json:"message"`
	}
	req(t, e, "POST", "/dashboard/"+src+"/duplicate", tok, map[string]any{"new_label": "Ice Cream - Copy 2", "setup": map[string]any{"is_configured": true}}).ok(t, 201, &r)
	if !isObjectID(r.DashboardID) || r.DashboardID == src || r.Message != "Copy sent" {
		t.Fatalf("duplicate result %+v", r)
	}
	cp := getMap(t, e, "/dashboard/"+r.DashboardID)
	if cp["label"] != "Ice Cream - Copy 2" || !matchesJSON(t, cp["setup"], `{"is_configured":true}`) || !matchesJSON(t, cp["tabs"], `[{"key":"t","value":"T"}]`) {
		t.Fatalf("copy %v", cp)
	}
	// The copy's arrangement points at the copy's own widgets, which exist.
	for i, it := range as[[]any](t, cp["arrangement"]) {
		wid := as[string](t, as[map[string]any](t, it)["widget_id"])
		if wid == w1 || wid == w2 {
			t.Fatalf("copy's arrangement[%d] still points at the source widget", i)
		}
		w := getMap(t, e, "/dashboard/"+r.DashboardID+"/widget/"+wid)
		if want := []string{"one", "two"}[i]; w["label"] != want || w["dashboard"] != r.DashboardID {
			t.Fatalf("copied widget %v", w)
		}
	}
	// The source is untouched; without new_label the copy is "<label> - Copy".
	if s := getMap(t, e, "/dashboard/"+src); !matchesJSON(t, s["arrangement"], string(mustJSON(t, arr))) {
		t.Fatalf("source arrangement changed: %v", s["arrangement"])
	}
	req(t, e, "POST", "/dashboard/"+src+"/duplicate", tok, nil).ok(t, 201, &r)
	if got := getMap(t, e, "/dashboard/"+r.DashboardID)["label"]; got != "Ice Cream - Copy" {
		t.Fatalf("default copy label %v", got)
	}
}

func TestDashboardPublicToken(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	id := mkDashboard(t, e, "d", nil)
	var r map[string]any
	req(t, e, "GET", "/dashboard/"+id+"/share/public", e.ProfileToken(), nil).ok(t, 200, &r)
	if r["expire_time"] != "never" || len(as[string](t, r["token"])) != 36 {
		t.Fatalf("default public token %v", r)
	}
	first := r["token"]
	req(t, e, "GET", "/dashboard/"+id+"/share/public?expire_time=1%20day", e.ProfileToken(), nil).ok(t, 200, &r)
	exp, err := time.Parse(timeLayout, as[string](t, r["expire_time"]))
	if err != nil || r["token"] == first {
		t.Fatalf("1 day token %v (%v)", r, err)
	}
	if d := time.Until(exp); d < 23*time.Hour || d > 25*time.Hour {
		t.Fatalf("1 day expires in %v", d)
	}
	req(t, e, "GET", "/dashboard/"+id+"/share/public?expire_time=someday", e.ProfileToken(), nil).fail(t, 400, "expire_time")
}

func TestDashboardRelatedDevicesAndAnalyses(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	dev := mkDevice(t, e, "Freezer", nil)
	other := mkDevice(t, e, "Unused", nil)
	id := mkDashboard(t, e, "d", nil)
	analysisID, missingAnalysis := newObjectID(), newObjectID()
	if err := e.store.Update(func(tx Tx) error {
		return putDoc(tx, collAnalyses, analysisID, map[string]any{"id": analysisID, "name": "Report"})
	}); err != nil {
		t.Fatal(err)
	}
	data := func(origins ...string) []map[string]any {
		out := []map[string]any{}
		for _, o := range origins {
			out = append(out, map[string]any{"origin": o, "variables": []string{"temperature"}})
		}
		return out
	}
	mkWidget(t, e, id, map[string]any{"data": data(dev.DeviceID, "bbbbbbbbbbbbbbbbbbbbbbbb"), "analysis_run": analysisID})
	mkWidget(t, e, id, map[string]any{"data": data(dev.DeviceID), "analysis_run": missingAnalysis})
	mkWidget(t, e, mkDashboard(t, e, "elsewhere", nil), map[string]any{"data": data(other.DeviceID)})

	devs := getList(t, e, "/dashboard/"+id+"/devices")
	if len(devs) != 1 || devs[0]["id"] != dev.DeviceID || devs[0]["name"] != "Freezer" || devs[0]["bucket"] != dev.DeviceID {
		t.Fatalf("related devices %v", devs)
	}
	an := getList(t, e, "/dashboard/"+id+"/analysis")
	if len(an) != 1 || an[0]["id"] != analysisID || an[0]["name"] != "Report" {
		t.Fatalf("related analyses %v", an)
	}
	empty := mkDashboard(t, e, "empty", nil)
	if l := getList(t, e, "/dashboard/"+empty+"/devices"); l == nil || len(l) != 0 {
		t.Fatalf("empty dashboard devices %v", l)
	}
}

func TestDashboardPermissions(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	id := mkDashboard(t, e, "d", nil)
	read, write := e.AddProfileToken("read", nil), e.AddProfileToken("write", nil)
	dev := mkDevice(t, e, "dev", nil)

	req(t, e, "GET", "/dashboard/"+id, read, nil).ok(t, 200, nil)
	req(t, e, "POST", "/dashboard", read, map[string]any{"label": "x"}).fail(t, 403, msgDenied)
	req(t, e, "PUT", "/dashboard/"+id, write, map[string]any{"label": "w"}).ok(t, 200, nil)
	req(t, e, "GET", "/dashboard", write, nil).fail(t, 403, msgDenied)
	req(t, e, "GET", "/dashboard", dev.Token, nil).fail(t, 403, msgDenied)
	req(t, e, "GET", "/dashboard", "", nil).fail(t, 401, msgInvalidToken)
	if got := getMap(t, e, "/dashboard/"+id)["label"]; got != "w" {
		t.Fatalf("label %v", got)
	}
}

// TestDashboardRunAMPersistence: dashboards, widgets, the Run, Run users and policies
// survive a restart on the bbolt store unchanged.
func TestDashboardRunAMPersistence(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.db")
	e, err := New(Options{DataPath: path})
	if err != nil {
		t.Fatal(err)
	}
	dash := mkDashboard(t, e, "kept", map[string]any{"tabs": []map[string]string{{"key": "t", "value": "T"}}, "theme": nil})
	widget := mkWidget(t, e, dash, map[string]any{"data": []map[string]any{{"origin": "o", "qty": 3}}})
	req(t, e, "PUT", "/dashboard/"+dash, e.ProfileToken(), map[string]any{"arrangement": []map[string]any{{"widget_id": widget, "x": 0.5, "y": 0, "width": 1, "height": 1}}}).ok(t, 200, nil)
	req(t, e, "PUT", "/run", e.ProfileToken(), map[string]any{"theme": map[string]any{"primary": "red"}}).ok(t, 200, nil)
	user := mkRunUser(t, e, "u", "u@example.com", nil)
	policy := mkPolicy(t, e, "p", map[string]any{"permissions": []any{amPerm("deny", []string{"edit"}, "device"), amPerm("allow", []string{"access"}, "device")}})
	paths := []string{"/dashboard/" + dash, widgetPath(dash, widget), "/run", "/run/users/" + user, "/am/" + policy}
	before := map[string][]byte{}
	for _, p := range paths {
		before[p] = mustJSON(t, getMap(t, e, p))
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	e2, err := New(Options{DataPath: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e2.Close() })
	for _, p := range paths {
		if after := mustJSON(t, getMap(t, e2, p)); !bytes.Equal(after, before[p]) {
			t.Errorf("%s changed across restart:\n%s\n%s", p, before[p], after)
		}
	}
}
