package emulator

import (
	"strings"
	"testing"
)

func amPerm(effect string, action []string, resource ...string) map[string]any {
	return map[string]any{"effect": effect, "action": action, "resource": resource}
}

// mkPolicy creates a policy with the given extra body fields over a valid one.
func mkPolicy(t testing.TB, e *Emulator, name string, extra map[string]any) string {
	t.Helper()
	body := map[string]any{
		"name": name, "active": true, "targets": [][]string{{"run_user"}},
		"permissions": []any{amPerm("allow", []string{"access"}, "device")},
	}
	for k, v := range extra {
		body[k] = v
	}
	var r struct {
		AmID string `json:"am_id"`
	}
	req(t, e, "POST", "/am", e.ProfileToken(), body).ok(t, 201, &r)
	if !isObjectID(r.AmID) {
		t.Fatalf("create policy returned id %q", r.AmID)
	}
	return r.AmID
}

func TestPolicyCreateAndInfo(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	deny1 := amPerm("deny", []string{"delete"}, "device", "id", "6299f0b1c72f2f00181d8b3c")
	allow1 := amPerm("allow", []string{"access", "get_data"}, "device", "tag.key", "type", "tag.value", "sensor")
	deny2 := amPerm("deny", []string{"arrangement"}, "dashboard")
	allow2 := amPerm("allow", []string{"access"}, "run_user")
	id := mkPolicy(t, e, "Analysis can read sensors", map[string]any{
		"targets":     [][]string{{"analysis", "id", "6299f0b1c72f2f00181d8b3c"}, {"run_user", "tag.key", "k", "tag.value", "v", "extra", "more"}},
		"permissions": []any{deny1, allow1, deny2, allow2},
		"tags":        []map[string]string{{"key": "type", "value": "admin"}},
		"profile":     "aaaaaaaaaaaaaaaaaaaaaaaa", // ignored
	})
	p := getMap(t, e, "/am/"+id)
	want := map[string]any{
		"id": id, "profile": e.ProfileID(), "name": "Analysis can read sensors", "active": true,
		"tags": []map[string]string{{"key": "type", "value": "admin"}},
		// Tuples longer than five are truncated.
		"targets": [][]string{{"analysis", "id", "6299f0b1c72f2f00181d8b3c"}, {"run_user", "tag.key", "k", "tag.value", "v"}},
		// Allow before deny, each group in written order.
		"permissions": []any{allow1, allow2, deny1, deny2},
	}
	for k, v := range want {
		if !matchesJSON(t, p[k], string(mustJSON(t, v))) {
			t.Errorf("%s = %#v, want %s", k, p[k], mustJSON(t, v))
		}
	}
	if len(p) != len(want)+2 { // + created_at, updated_at
		t.Errorf("policy keys: %v", p)
	}

}

func TestPolicyValidation(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	valid := func(over map[string]any) map[string]any {
		b := map[string]any{"name": "p", "targets": [][]string{{"run_user"}}, "permissions": []any{amPerm("allow", []string{"access"}, "device")}}
		for k, v := range over {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}
	tooMany := make([]map[string]string, 31)
	for i := range tooMany {
		tooMany[i] = map[string]string{"key": "k", "value": "v"}
	}
	bad := []struct {
		body map[string]any
		want string
	}{
		{valid(map[string]any{"name": nil}), "name is required"},
		{valid(map[string]any{"active": "yes"}), "active must be a boolean"},
		{valid(map[string]any{"tags": tooMany}), "at most 30 tags"},
		{valid(map[string]any{"targets": nil}), "targets is required"},
		{valid(map[string]any{"targets": [][]string{}}), "non-empty array"},
		{valid(map[string]any{"targets": "run_user"}), "targets is required"},
		{valid(map[string]any{"targets": []any{[]any{"run_user", 5}}}), "targets is required"},
		{valid(map[string]any{"targets": [][]string{{"run_user"}, {"device"}}}), `targets[1][0] must be one of: run_user, analysis (got "device")`},
		{valid(map[string]any{"targets": [][]string{{}}}), `targets[0][0] must be one of: run_user, analysis (got "")`},
		{valid(map[string]any{"permissions": nil}), "permissions is required"},
		{valid(map[string]any{"permissions": []any{"x"}}), "permissions[0] must be an object"},
		{valid(map[string]any{"permissions": []any{amPerm("denied", []string{"access"}, "device")}}), "permissions[0].effect must be one of: allow, deny"},
		{valid(map[string]any{"permissions": []any{amPerm("allow", []string{"access"})}}), "permissions[0].resource is required"},
		{valid(map[string]any{"permissions": []any{amPerm("allow", []string{"access"}, "bucket")}}), `permissions[0].resource: unknown resource "bucket"`},
		{valid(map[string]any{"permissions": []any{amPerm("allow", nil, "device")}}), "permissions[0].action is required"},
		{valid(map[string]any{"permissions": []any{amPerm("allow", []string{"access"}, "device"), amPerm("allow", []string{"access", "fly"}, "device")}}), `permissions[1].action: unknown action "fly" for resource "device"`},
		{valid(map[string]any{"permissions": []any{amPerm("allow", []string{"arrangement"}, "device")}}), `unknown action "arrangement" for resource "device"`},
	}
	for _, b := range bad {
		req(t, e, "POST", "/am", e.ProfileToken(), b.body).fail(t, 400, b.want)
	}
	if l := getList(t, e, "/am"); len(l) != 0 {
		t.Fatalf("rejected creates left policies: %v", l)
	}
	// Every catalogued action is accepted for its resource; an empty rule list is legal.
	for res, actions := range amActions {
		mkPolicy(t, e, "all "+res, map[string]any{"permissions": []any{amPerm("deny", actions, res)}})
	}
	mkPolicy(t, e, "empty", map[string]any{"permissions": []any{}, "targets": [][]string{{"analysis"}}})
}

// Arity and separator words are not checked, resource tuples are truncated like
// targets, and an omitted active means true.
func TestPolicyDefaultsAndTruncation(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	id := mkPolicy(t, e, "loose", map[string]any{
		"targets":     [][]string{{"run_user", "id"}},
		"permissions": []any{amPerm("allow", []string{"access"}, "file", "path", "/a", "x", "y", "z")},
	})
	p := getMap(t, e, "/am/"+id)
	if !matchesJSON(t, p["targets"], `[["run_user","id"]]`) || !matchesJSON(t, p["permissions"], `[{"effect":"allow","action":["access"],"resource":["file","path","/a","x","y"]}]`) {
		t.Fatalf("targets %v permissions %v", p["targets"], p["permissions"])
	}
	var r struct {
		AmID string `json:"am_id"`
	}
	req(t, e, "POST", "/am", e.ProfileToken(), map[string]any{"name": "no active", "targets": [][]string{{"analysis"}}, "permissions": []any{}}).ok(t, 201, &r)
	if p := getMap(t, e, "/am/"+r.AmID); p["active"] != true || !matchesJSON(t, p["tags"], `[]`) {
		t.Fatalf("defaults: %v", p)
	}
}

func TestPolicyEditReplacesNotMerges(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	id := mkPolicy(t, e, "p", map[string]any{
		"targets":     [][]string{{"run_user"}, {"analysis", "id", "6299f0b1c72f2f00181d8b3c"}},
		"permissions": []any{amPerm("allow", []string{"access"}, "device"), amPerm("allow", []string{"access"}, "dashboard")},
	})
	var msg string
	req(t, e, "PUT", "/am/"+id, tok, map[string]any{"permissions": []any{amPerm("deny", []string{"edit"}, "entity")}}).ok(t, 200, &msg)
	if msg != "Access Management Successfully Updated" {
		t.Fatalf("PUT result %q", msg)
	}
	p := getMap(t, e, "/am/"+id)
	if !matchesJSON(t, p["permissions"], `[{"effect":"deny","action":["edit"],"resource":["entity"]}]`) {
		t.Fatalf("permissions merged instead of replaced: %v", p["permissions"])
	}
	if len(as[[]any](t, p["targets"])) != 2 {
		t.Fatalf("targets changed by a PUT without them: %v", p["targets"])
	}
	req(t, e, "PUT", "/am/"+id, tok, map[string]any{"targets": [][]string{{"analysis"}}}).ok(t, 200, nil)
	req(t, e, "PUT", "/am/"+id, tok, map[string]any{"name": "renamed", "active": false}).ok(t, 200, nil)
	p = getMap(t, e, "/am/"+id)
	if !matchesJSON(t, p["targets"], `[["analysis"]]`) || len(as[[]any](t, p["permissions"])) != 1 || p["name"] != "renamed" || p["active"] != false {
		t.Fatalf("after PUTs: %v", p)
	}
	// A rejected PUT changes nothing; an empty targets list is refused on PUT too.
	req(t, e, "PUT", "/am/"+id, tok, map[string]any{"name": "x", "targets": [][]string{}}).fail(t, 400, "targets")
	req(t, e, "PUT", "/am/"+id, tok, map[string]any{"name": "x", "permissions": []any{amPerm("allow", []string{"nope"}, "sql")}}).fail(t, 400, `unknown action "nope" for resource "sql"`)
	if p := getMap(t, e, "/am/"+id); p["name"] != "renamed" {
		t.Fatalf("rejected PUT applied: %v", p)
	}
}

func TestPolicyList(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	mkPolicy(t, e, "beta", map[string]any{"tags": []map[string]string{{"key": "team", "value": "ops"}}})
	mkPolicy(t, e, "Alpha", map[string]any{"active": false})

	r := req(t, e, "GET", "/am", e.ProfileToken(), nil)
	var l []map[string]any
	r.ok(t, 200, &l)
	if got := pluck(l, "name"); !eqStrings(got, []string{"Alpha", "beta"}) {
		t.Fatalf("default order %v", got)
	}
	if len(l[0]) != 3 || l[0]["tags"] == nil || !isObjectID(as[string](t, l[0]["id"])) {
		t.Fatalf("default fields id, name, tags: %v", l[0])
	}
	// Never permissions or targets, whatever fields asks.
	r = req(t, e, "GET", "/am?fields[]=id&fields[]=name&fields[]=permissions&fields[]=targets&fields[]=active&fields[]=profile&fields[]=created_at", e.ProfileToken(), nil)
	r.ok(t, 200, &l)
	if strings.Contains(string(r.Raw), "permissions") || strings.Contains(string(r.Raw), "targets") {
		t.Fatalf("list leaks rules: %s", r.Raw)
	}
	if l[0]["active"] != false || l[0]["profile"] != e.ProfileID() || l[0]["created_at"] == nil {
		t.Fatalf("requested fields: %v", l[0])
	}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"filter[active]=true", []string{"beta"}},
		{"filter[name]=al*", []string{"Alpha"}},
		{"filter[tags][0][key]=team", []string{"beta"}},
		{"orderBy=name,desc", []string{"beta", "Alpha"}},
	} {
		if got := pluck(getList(t, e, "/am?"+c.query), "name"); !eqStrings(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.query, got, c.want)
		}
	}
}

func TestPolicyDeleteAndIDErrors(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	id := mkPolicy(t, e, "p", nil)
	other := mkPolicy(t, e, "q", nil)
	var msg string
	req(t, e, "DELETE", "/am/"+id, tok, nil).ok(t, 200, &msg)
	if msg != "Successfully Removed" {
		t.Fatalf("delete result %q", msg)
	}
	for _, m := range []string{"GET", "PUT", "DELETE"} {
		req(t, e, m, "/am/"+id, tok, map[string]any{}).fail(t, 404, "Access Management not found")
		req(t, e, m, "/am/xyz", tok, map[string]any{}).fail(t, 400, "Invalid Access Management ID")
	}
	if l := getList(t, e, "/am"); len(l) != 1 || l[0]["id"] != other {
		t.Fatalf("after delete: %v", l)
	}
	read := e.AddProfileToken("read", nil)
	req(t, e, "DELETE", "/am/"+other, read, nil).fail(t, 403, msgDenied)
	dev := mkDevice(t, e, "d", nil)
	req(t, e, "GET", "/am", dev.Token, nil).fail(t, 403, msgDenied)
}
