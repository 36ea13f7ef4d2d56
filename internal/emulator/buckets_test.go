package emulator

import (
	"reflect"
	"strings"
	"testing"
)

// postBucket creates a legacy bucket and returns its id.
func postBucket(t testing.TB, e *Emulator, body map[string]any) string {
	t.Helper()
	var r map[string]string
	req(t, e, "POST", "/bucket", e.ProfileToken(), body).ok(t, 200, &r)
	if !isObjectID(r["bucket"]) || len(r) != 1 {
		t.Fatalf("create bucket result %v, want {bucket: id}", r)
	}
	return r["bucket"]
}

func TestLegacyBucketLifecycle(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	id := postBucket(t, e, map[string]any{
		"name": "My first bucket", "description": "Creating my first bucket", "visible": true,
		"tags": []map[string]string{{"key": "client", "value": "Francisco"}},
	})
	b := getMap(t, e, "/bucket/"+id)
	want := map[string]any{
		"id": id, "name": "My first bucket", "description": "Creating my first bucket", "visible": true,
		"tags": []any{map[string]any{"key": "client", "value": "Francisco"}}, "profile": e.ProfileID(),
		"type": "legacy", "data_retention": "forever", "data_retention_ignore": []any{}, "last_retention": nil,
	}
	for k, v := range want {
		if !reflect.DeepEqual(b[k], v) {
			t.Errorf("%s = %#v, want %#v", k, b[k], v)
		}
	}

	// partial edit: name and tags (replaced), description and visible untouched
	var msg string
	req(t, e, "PUT", "/bucket/"+id, tok, map[string]any{"name": "Renamed", "tags": []map[string]string{{"key": "client", "value": "Leonard"}}}).ok(t, 200, &msg)
	if msg != "Successfully Updated" {
		t.Fatalf("edit answered %q", msg)
	}
	b = getMap(t, e, "/bucket/"+id)
	if b["name"] != "Renamed" || b["description"] != "Creating my first bucket" || b["visible"] != true ||
		!reflect.DeepEqual(b["tags"], []any{map[string]any{"key": "client", "value": "Leonard"}}) {
		t.Fatalf("after partial edit %v", b)
	}
	req(t, e, "PUT", "/bucket/"+id, tok, map[string]any{"visible": false, "description": nil}).ok(t, 200, nil)
	if b = getMap(t, e, "/bucket/"+id); b["visible"] != false || b["description"] != nil {
		t.Fatalf("after second edit %v", b)
	}
	req(t, e, "PUT", "/bucket/"+id, tok, map[string]any{"name": ""}).fail(t, 400, "name is required")

	// a legacy bucket gets no data: no variables, no records
	if vars := getList(t, e, "/bucket/"+id+"/variable?amount=true"); len(vars) != 0 {
		t.Fatalf("variables of a legacy bucket %v", vars)
	}
	amount := -1
	req(t, e, "GET", "/bucket/"+id+"/data_amount", tok, nil).ok(t, 200, &amount)
	if amount != 0 {
		t.Fatalf("data_amount of a legacy bucket %d, want 0", amount)
	}

	req(t, e, "DELETE", "/bucket/"+id, tok, nil).ok(t, 200, &msg)
	if msg != "Successfully Removed" {
		t.Fatalf("delete answered %q", msg)
	}
	req(t, e, "GET", "/bucket/"+id, tok, nil).fail(t, 404, "Bucket not found")
	req(t, e, "GET", "/bucket/nope", tok, nil).fail(t, 400, "Invalid Bucket ID")
	req(t, e, "GET", "/bucket/"+id+"/variable", tok, nil).fail(t, 404, "Bucket not found")
	req(t, e, "GET", "/bucket/"+id+"/data_amount", tok, nil).fail(t, 404, "Bucket not found")
	req(t, e, "GET", "/bucket/nope/data_amount", tok, nil).fail(t, 400, "Invalid Bucket ID")
	req(t, e, "POST", "/bucket", tok, map[string]any{"description": "no name"}).fail(t, 400, "name is required")
	req(t, e, "POST", "/bucket", tok, map[string]any{"name": "x", "visible": "yes"}).fail(t, 400, "visible must be a boolean")
}

func TestLegacyBucketListAndDeviceVariables(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	for _, n := range []string{"beta", "alpha", "gamma"} {
		postBucket(t, e, map[string]any{"name": n, "visible": n != "gamma"})
	}
	l := getList(t, e, "/bucket")
	if got := pluck(l, "name"); !eqStrings(got, []string{"alpha", "beta", "gamma"}) || len(l[0]) != 2 {
		t.Fatalf("default list %v", l)
	}
	if got := pluck(getList(t, e, "/bucket?filter[visible]=false&fields=name,visible"), "name"); !eqStrings(got, []string{"gamma"}) {
		t.Fatalf("visible filter %v", got)
	}
	if got := pluck(getList(t, e, "/bucket?orderBy=name,desc&amount=1&page=2"), "name"); !eqStrings(got, []string{"beta"}) {
		t.Fatalf("page 2 desc %v", got)
	}
	// A device is its own bucket: its variables are listed; it is not a legacy bucket.
	dev := mkDevice(t, e, "d", nil)
	if vars := getList(t, e, "/bucket/"+dev.DeviceID+"/variable"); len(vars) != 0 {
		t.Fatalf("variables of a device without data %v", vars)
	}
	req(t, e, "POST", "/data", dev.Token, []map[string]any{
		{"variable": "temperature", "value": 21}, {"variable": "humidity", "value": 40}, {"variable": "temperature", "value": 22},
	}).ok(t, 200, nil)
	var amount int
	req(t, e, "GET", "/bucket/"+dev.DeviceID+"/data_amount", e.ProfileToken(), nil).ok(t, 200, &amount)
	if amount != 3 {
		t.Fatalf("data_amount of a device used as a bucket %d, want 3", amount)
	}
	vars := getList(t, e, "/bucket/"+dev.DeviceID+"/variable?amount=true&resolveOriginName=true")
	want := []map[string]any{
		{"variable": "humidity", "origin": dev.DeviceID, "amount": 1.0, "origin_name": "d"},
		{"variable": "temperature", "origin": dev.DeviceID, "amount": 2.0, "origin_name": "d"},
	}
	if !reflect.DeepEqual(vars, want) {
		t.Fatalf("device variables %v, want %v", vars, want)
	}
	if vars = getList(t, e, "/bucket/"+dev.DeviceID+"/variable"); len(vars) != 2 || len(vars[0]) != 2 {
		t.Fatalf("variables without amount/names %v", vars)
	}
	req(t, e, "GET", "/bucket/"+dev.DeviceID, e.ProfileToken(), nil).fail(t, 404, "Bucket not found")
	if l := getList(t, e, "/bucket"); len(l) != 3 {
		t.Fatalf("a device appeared among legacy buckets: %v", l)
	}
	// permissions
	read := e.AddProfileToken("read", nil)
	req(t, e, "GET", "/bucket", read, nil).ok(t, 200, nil)
	req(t, e, "POST", "/bucket", read, map[string]any{"name": "x"}).fail(t, 403, "Authorization Denied")
	req(t, e, "GET", "/bucket", dev.Token, nil).fail(t, 403, "Authorization Denied")
}

func TestLegacyBucketsDisabled(t *testing.T) {
	t.Parallel()
	e, err := New(Options{DisableLegacyBuckets: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	tok := e.ProfileToken()
	unknown := req(t, e, "GET", "/no-such-route", tok, nil).fail(t, 404, "Route not found")
	for _, c := range []struct{ method, path string }{
		{"GET", "/bucket"}, {"POST", "/bucket"}, {"GET", "/bucket/aaaaaaaaaaaaaaaaaaaaaaaa"},
		{"PUT", "/bucket/aaaaaaaaaaaaaaaaaaaaaaaa"}, {"DELETE", "/bucket/aaaaaaaaaaaaaaaaaaaaaaaa"},
		{"GET", "/bucket/aaaaaaaaaaaaaaaaaaaaaaaa/variable"},
	} {
		for _, token := range []string{tok, ""} { // like an unknown route, no token is needed for the 404
			r := req(t, e, c.method, c.path, token, map[string]any{"name": "x"}).fail(t, 404, "Route not found")
			want := strings.Replace(string(unknown.Raw), "GET /no-such-route", c.method+" "+c.path, 1)
			if string(r.Raw) != want || r.Header.Get("Allow") != "" {
				t.Fatalf("%s %s answered %s, an unknown route %s", c.method, c.path, r.Raw, want)
			}
		}
	}
	// the device routes, which replaced buckets, still answer
	req(t, e, "GET", "/device", tok, nil).ok(t, 200, nil)
}
