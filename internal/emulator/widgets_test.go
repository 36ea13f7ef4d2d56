package emulator

import (
	"testing"
)

// mkWidget creates a card widget on a dashboard with the given extra body fields.
func mkWidget(t testing.TB, e *Emulator, dashID string, extra map[string]any) string {
	t.Helper()
	body := map[string]any{"label": "Temperature", "type": "card", "display": map[string]any{"variable": "temperature"}}
	for k, v := range extra {
		body[k] = v
	}
	var r struct {
		Widget string `json:"widget"`
	}
	req(t, e, "POST", "/dashboard/"+dashID+"/widget/", e.ProfileToken(), body).ok(t, 200, &r)
	if !isObjectID(r.Widget) {
		t.Fatalf("create widget returned id %q", r.Widget)
	}
	return r.Widget
}

func widgetPath(dashID, widgetID string) string {
	return "/dashboard/" + dashID + "/widget/" + widgetID
}

func TestWidgetCreateAndInfo(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	dash := mkDashboard(t, e, "d", nil)
	analysis := newObjectID()
	body := map[string]any{
		"label": "Temperature", "type": "card", "realtime": true, "analysis_run": analysis,
		"data": []map[string]any{
			{"origin": "68c9baabb24379000ab1c8cc", "qty": 10, "variables": []string{"temperature"}, "query": "last_value"},
			{"origin": "68c9baabb24379000ab1c8cd", "variables": []string{"humidity"}, "timezone": "UTC", "overwrite": false},
		},
		"resource": []map[string]any{{"type": "device", "filter": []map[string]string{{"key": "site", "value": "north"}}, "view": "tags.site", "editable": "name"}},
		"display":  map[string]any{"show_unit": true, "header_buttons": []any{}, "theme": map[string]any{"color": map[string]string{"header": "hsl(210, 65%, 60%)"}}},
		"id":       "ignored", "dashboard": "ignored",
	}
	// The SDK posts to ".../widget/" (trailing slash); both forms are one route.
	var r struct {
		Widget string `json:"widget"`
	}
	req(t, e, "POST", "/dashboard/"+dash+"/widget/", e.ProfileToken(), body).ok(t, 200, &r)
	w := getMap(t, e, widgetPath(dash, r.Widget))
	want := map[string]any{
		"id": r.Widget, "dashboard": dash, "label": "Temperature", "type": "card", "realtime": true,
		"analysis_run": analysis, "data": body["data"], "resource": body["resource"], "display": body["display"], "token": nil,
	}
	for k, v := range want {
		if !matchesJSON(t, w[k], string(mustJSON(t, v))) {
			t.Errorf("%s = %#v, want %s", k, w[k], mustJSON(t, v))
		}
	}
	if len(w) != len(want) {
		t.Errorf("WidgetInfo keys %v", w)
	}

	// A minimal widget gets empty collections and nulls, not missing keys.
	req(t, e, "POST", "/dashboard/"+dash+"/widget", e.ProfileToken(), map[string]any{"type": "card"}).ok(t, 200, &r)
	w = getMap(t, e, widgetPath(dash, r.Widget))
	for k, v := range map[string]string{"data": `[]`, "resource": `[]`, "display": `{}`, "realtime": `null`, "analysis_run": `null`, "token": `null`} {
		if !matchesJSON(t, w[k], v) {
			t.Errorf("minimal widget %s = %#v, want %s", k, w[k], v)
		}
	}
}

func TestWidgetValidation(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	dash := mkDashboard(t, e, "d", nil)
	path := "/dashboard/" + dash + "/widget"
	bad := []struct {
		body map[string]any
		want string
	}{
		{map[string]any{"label": "x"}, "type is required"},
		{map[string]any{"type": 3}, "type must be a string"},
		{map[string]any{"type": "card", "label": 3}, "label must be a string"},
		{map[string]any{"type": "card", "realtime": "yes"}, "realtime must be a boolean or null"},
		{map[string]any{"type": "card", "analysis_run": "abc"}, "analysis_run must be an analysis ID"},
		{map[string]any{"type": "card", "analysis_run": 5}, "analysis_run must be an analysis ID"},
		{map[string]any{"type": "card", "display": []any{}}, "display must be an object"},
		{map[string]any{"type": "card", "data": map[string]any{}}, "data must be an array"},
		{map[string]any{"type": "card", "data": []any{"x"}}, "data[0] must be an object"},
		{map[string]any{"type": "card", "data": []any{map[string]any{"variables": []string{"t"}}}}, "data[0].origin is required"},
		{map[string]any{"type": "card", "data": []any{map[string]any{"origin": "o", "variables": "t"}}}, "data[0].variables must be an array of strings"},
		{map[string]any{"type": "card", "data": []any{map[string]any{"origin": "o", "qty": 0}}}, "data[0].qty must be at least 1"},
		{map[string]any{"type": "card", "data": []any{map[string]any{"origin": "o", "qty": 1.5}}}, "data[0].qty must be an integer"},
		{map[string]any{"type": "card", "data": []any{map[string]any{"origin": "o"}, map[string]any{"origin": "o", "query": "median"}}}, "data[1].query must be one of: min, max"},
		{map[string]any{"type": "card", "resource": []any{map[string]any{"type": "entity"}}}, `resource[0].type must be "device"`},
		{map[string]any{"type": "card", "resource": []any{map[string]any{"type": "device", "view": 1}}}, "resource[0].view must be a string"},
	}
	for _, b := range bad {
		req(t, e, "POST", path, e.ProfileToken(), b.body).fail(t, 400, b.want)
	}
	for _, q := range widgetQueries {
		req(t, e, "POST", path, e.ProfileToken(), map[string]any{"type": "card", "data": []any{map[string]any{"origin": "o", "query": q}}}).ok(t, 200, nil)
	}
}

func TestWidgetEditReplacesEachTopLevelField(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	dash := mkDashboard(t, e, "d", nil)
	analysis := newObjectID()
	id := mkWidget(t, e, dash, map[string]any{
		"display":      map[string]any{"alias": "Ice", "theme": map[string]any{"color": map[string]string{"header": "red", "text": "white"}}},
		"data":         []map[string]any{{"origin": "a", "variables": []string{"t"}}, {"origin": "b", "variables": []string{"h"}}},
		"analysis_run": analysis, "realtime": true,
	})

	var msg string
	req(t, e, "PUT", widgetPath(dash, id), tok, map[string]any{
		"display": map[string]any{"theme": map[string]any{"color": map[string]string{"header": "blue"}}},
		"data":    []map[string]any{{"origin": "c", "variables": []string{"p"}}},
		// analysis_run resent: it stays.
		"analysis_run": analysis,
	}).ok(t, 200, &msg)
	if msg != "Successfully Updated" {
		t.Fatalf("PUT result %q", msg)
	}
	w := getMap(t, e, widgetPath(dash, id))
	if !matchesJSON(t, w["display"], `{"theme":{"color":{"header":"blue"}}}`) {
		t.Errorf("display merged instead of replaced: %v", w["display"])
	}
	if !matchesJSON(t, w["data"], `[{"origin":"c","variables":["p"]}]`) {
		t.Errorf("data merged instead of replaced: %v", w["data"])
	}
	if w["analysis_run"] != analysis || w["label"] != "Temperature" || w["realtime"] != true {
		t.Errorf("fields absent from the PUT changed: %v", w)
	}

	// A PUT without analysis_run detaches it; the rest stays.
	req(t, e, "PUT", widgetPath(dash, id), tok, map[string]any{"label": "Renamed"}).ok(t, 200, nil)
	w = getMap(t, e, widgetPath(dash, id))
	if w["analysis_run"] != nil || w["label"] != "Renamed" || !matchesJSON(t, w["data"], `[{"origin":"c","variables":["p"]}]`) {
		t.Errorf("after label-only PUT: %v", w)
	}

	// type is immutable; repeating it is fine. realtime can be cleared with null.
	req(t, e, "PUT", widgetPath(dash, id), tok, map[string]any{"type": "display"}).fail(t, 400, "type cannot be changed")
	req(t, e, "PUT", widgetPath(dash, id), tok, map[string]any{"type": "card", "realtime": nil}).ok(t, 200, nil)
	if w = getMap(t, e, widgetPath(dash, id)); w["type"] != "card" || w["realtime"] != nil {
		t.Errorf("after type/realtime PUT: %v", w)
	}
}

func TestWidgetArrangementIndependence(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	dash := mkDashboard(t, e, "d", nil)
	id := mkWidget(t, e, dash, nil)
	if arr := getMap(t, e, "/dashboard/"+dash)["arrangement"]; !matchesJSON(t, arr, `[]`) {
		t.Fatalf("creating a widget changed the arrangement: %v", arr)
	}
	place := []map[string]any{{"widget_id": id, "x": 0, "y": 0, "width": 2, "height": 3, "tab": nil}}
	req(t, e, "PUT", "/dashboard/"+dash, tok, map[string]any{"arrangement": place}).ok(t, 200, nil)

	var msg string
	req(t, e, "DELETE", widgetPath(dash, id), tok, nil).ok(t, 200, &msg)
	if msg != "Successfully Removed" {
		t.Fatalf("delete result %q", msg)
	}
	req(t, e, "GET", widgetPath(dash, id), tok, nil).fail(t, 404, "Widget not found")
	if arr := getMap(t, e, "/dashboard/"+dash)["arrangement"]; !matchesJSON(t, arr, string(mustJSON(t, place))) {
		t.Fatalf("deleting a widget changed the arrangement: %v", arr)
	}
}

func TestWidgetLimitPerDashboard(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	dash := mkDashboard(t, e, "full", nil)
	var last string
	for range maxWidgetsPerDashboard {
		last = mkWidget(t, e, dash, nil)
	}
	path := "/dashboard/" + dash + "/widget"
	req(t, e, "POST", path, e.ProfileToken(), map[string]any{"type": "card"}).fail(t, 400, "at most 100 widgets")
	// The limit is per dashboard, and deleting a widget frees a place.
	mkWidget(t, e, mkDashboard(t, e, "other", nil), nil)
	req(t, e, "DELETE", widgetPath(dash, last), e.ProfileToken(), nil).ok(t, 200, nil)
	mkWidget(t, e, dash, nil)
	req(t, e, "POST", path, e.ProfileToken(), map[string]any{"type": "card"}).fail(t, 400, "at most 100 widgets")
}

func TestWidgetIDErrors(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	dash := mkDashboard(t, e, "d", nil)
	other := mkDashboard(t, e, "o", nil)
	foreign := mkWidget(t, e, other, nil)
	unknownDash := "aaaaaaaaaaaaaaaaaaaaaaaa"

	req(t, e, "POST", "/dashboard/"+unknownDash+"/widget", tok, map[string]any{"type": "card"}).fail(t, 404, "Dashboard not found")
	req(t, e, "POST", "/dashboard/zz/widget", tok, map[string]any{"type": "card"}).fail(t, 400, "Invalid Dashboard ID")
	for _, m := range []string{"GET", "PUT", "DELETE"} {
		req(t, e, m, widgetPath(dash, "zz"), tok, map[string]any{}).fail(t, 400, "Invalid Widget ID")
		req(t, e, m, widgetPath(dash, unknownDash), tok, map[string]any{}).fail(t, 404, "Widget not found")
		// A widget of another dashboard is not found under this one.
		req(t, e, m, widgetPath(dash, foreign), tok, map[string]any{}).fail(t, 404, "Widget not found")
		req(t, e, m, widgetPath(unknownDash, foreign), tok, map[string]any{}).fail(t, 404, "Dashboard not found")
	}
	req(t, e, "GET", widgetPath(dash, foreign)+"/token", tok, nil).fail(t, 404, "Widget not found")
	if w := getMap(t, e, widgetPath(other, foreign)); w["dashboard"] != other {
		t.Fatalf("foreign widget changed: %v", w)
	}
}

func TestWidgetToken(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	dash := mkDashboard(t, e, "d", nil)
	id := mkWidget(t, e, dash, nil)
	var a, b struct {
		WidgetToken string `json:"widget_token"`
	}
	req(t, e, "GET", widgetPath(dash, id)+"/token", e.ProfileToken(), nil).ok(t, 200, &a)
	req(t, e, "GET", widgetPath(dash, id)+"/token", e.ProfileToken(), nil).ok(t, 200, &b)
	if len(a.WidgetToken) != 36 || a.WidgetToken == b.WidgetToken {
		t.Fatalf("widget tokens %q %q: want a new UUID each call", a.WidgetToken, b.WidgetToken)
	}
	if got := getMap(t, e, widgetPath(dash, id))["token"]; got != b.WidgetToken {
		t.Fatalf("widget info token %v, want the last one issued %q", got, b.WidgetToken)
	}
	// Widget tokens are not API tokens.
	req(t, e, "GET", "/dashboard", b.WidgetToken, nil).fail(t, 401, msgInvalidToken)
}
