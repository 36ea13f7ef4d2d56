package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	verrors "github.com/pb33f/libopenapi-validator/errors"
)

// dpRecord is a data record as a client decodes it.
type dpRecord struct {
	ID        string          `json:"id"`
	Device    string          `json:"device"`
	Origin    string          `json:"origin"`
	Variable  string          `json:"variable"`
	Value     json.RawMessage `json:"value"`
	Unit      *string         `json:"unit"`
	Group     string          `json:"group"`
	Serie     string          `json:"serie"`
	Location  *geoPoint       `json:"location"`
	Metadata  json.RawMessage `json:"metadata"`
	Time      string          `json:"time"`
	CreatedAt string          `json:"created_at"`
}

// dpPost sends data with a device token and asserts "<n> Data Added".
func dpPost(t *testing.T, e *Emulator, token string, body any, n int) {
	t.Helper()
	var s string
	req(t, e, "POST", "/data", token, body).ok(t, 200, &s)
	if want := fmt.Sprintf("%d Data Added", n); s != want {
		t.Fatalf("insert answered %q, want %q", s, want)
	}
}

// dpGet reads /data with a device token and a raw query string.
func dpGet(t *testing.T, e *Emulator, token, query string) []dpRecord {
	t.Helper()
	var out []dpRecord
	req(t, e, "GET", "/data?"+query, token, nil).ok(t, 200, &out)
	return out
}

func dpVars(recs []dpRecord) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Variable
	}
	return out
}

func dpValues(recs []dpRecord) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = string(r.Value)
	}
	return out
}

func mkTyped(t *testing.T, e *Emulator, typ string, extra map[string]any) created {
	t.Helper()
	body := map[string]any{"type": typ}
	if typ != typeMutable {
		body["chunk_period"], body["chunk_retention"] = "day", 2
	}
	for k, v := range extra {
		body[k] = v
	}
	return mkDevice(t, e, typ+" device", body)
}

func TestInsertAndRead(t *testing.T) {
	e := newEmu(t)
	dev := mkDevice(t, e, "d", nil)
	before := nowTime()
	dpPost(t, e, dev.Token, []map[string]any{
		{"variable": "Temperature", "value": 21.5, "unit": "°C", "metadata": map[string]any{"color": "red"}, "location": map[string]any{"lat": 35.77, "lng": -78.67}},
		{"variable": "label", "value": "16"},
		{"variable": "on", "value": true, "location": map[string]any{"type": "Point", "coordinates": []float64{-74.0, 40.7}}},
		{"variable": "big", "value": 12345678901},
	}, 4)
	after := nowTime()

	recs := dpGet(t, e, dev.Token, "qty=10&ordination=ascending")
	if len(recs) != 4 {
		t.Fatalf("got %d records: %+v", len(recs), recs)
	}
	byVar := map[string]dpRecord{}
	for _, r := range recs {
		byVar[r.Variable] = r
	}
	temp, ok := byVar["temperature"]
	if !ok {
		t.Fatalf("variable not lowercased: %v", dpVars(recs))
	}
	// value types are preserved: number, string "16", boolean, big integer verbatim
	if string(temp.Value) != "21.5" || string(byVar["label"].Value) != `"16"` || string(byVar["on"].Value) != "true" || string(byVar["big"].Value) != "12345678901" {
		t.Fatalf("values changed: %v", dpValues(recs))
	}
	if temp.Unit == nil || *temp.Unit != "°C" || string(temp.Metadata) != `{"color":"red"}` {
		t.Fatalf("unit/metadata: %+v", temp)
	}
	// {lat,lng} and GeoJSON both come back as GeoJSON [lng, lat]
	if temp.Location == nil || temp.Location.Type != "Point" || temp.Location.Coordinates != [2]float64{-78.67, 35.77} {
		t.Fatalf("location %+v", temp.Location)
	}
	if l := byVar["on"].Location; l == nil || l.Coordinates != [2]float64{-74.0, 40.7} {
		t.Fatalf("geojson location %+v", l)
	}
	if byVar["label"].Location != nil || byVar["label"].Unit != nil {
		t.Fatalf("absent fields must stay absent: %+v", byVar["label"])
	}
	// one auto group shared by the whole request, a 24-hex id
	if !isObjectID(temp.Group) {
		t.Fatalf("group %q", temp.Group)
	}
	for _, r := range recs {
		if r.Group != temp.Group || r.Device != dev.DeviceID || !isObjectID(r.ID) {
			t.Fatalf("record %+v: group/device/id", r)
		}
		// default time is the server's receive time; created_at is always there
		tm, err := time.Parse(timeLayout, r.Time)
		if err != nil || tm.Before(before) || tm.After(after) || r.CreatedAt != r.Time {
			t.Fatalf("time %q created_at %q not in [%v, %v]", r.Time, r.CreatedAt, before, after)
		}
	}
	// a second request gets another group
	dpPost(t, e, dev.Token, map[string]any{"variable": "x", "value": 1}, 1)
	if x := dpGet(t, e, dev.Token, "variable=x"); len(x) != 1 || x[0].Group == temp.Group {
		t.Fatalf("second request shares the first one's group: %+v", x)
	}
	// a group or serie sent is kept (serie is the old alias); origin is ignored
	dpPost(t, e, dev.Token, []map[string]any{
		{"variable": "g", "value": 1, "group": "mine"},
		{"variable": "g", "value": 2, "serie": "old", "origin": "aaaaaaaaaaaaaaaaaaaaaaaa"},
	}, 2)
	g := dpGet(t, e, dev.Token, "variable=g&ordination=asc")
	if len(g) != 2 || g[0].Group != "mine" || g[1].Group != "old" || g[1].Device != dev.DeviceID {
		t.Fatalf("group/serie/origin: %+v", g)
	}
	if n := e.deviceDataCount(dev.DeviceID); n != 7 {
		t.Fatalf("index holds %d records, want 7", n)
	}
}

func TestInsertTimeFormats(t *testing.T) {
	e := newEmu(t)
	dev := mkDevice(t, e, "d", nil)
	want := "2021-09-16T17:51:43.000Z"
	for i, tm := range []any{
		"2021-09-16T17:51:43Z", "2021-09-16T17:51:43.000Z", "2021-09-16 17:51:43", "2021-09-16T14:51:43-03:00",
		1631814703, 1631814703000, "1631814703", "1631814703000",
	} {
		v := fmt.Sprintf("v%d", i)
		dpPost(t, e, dev.Token, map[string]any{"variable": v, "value": i, "time": tm}, 1)
		got := dpGet(t, e, dev.Token, "variable="+v)
		if len(got) != 1 || got[0].Time != want {
			t.Errorf("time %v stored as %+v, want %s", tm, got, want)
		}
	}
	// milliseconds survive
	dpPost(t, e, dev.Token, map[string]any{"variable": "ms", "time": "2021-09-16T17:51:43.672Z"}, 1)
	if got := dpGet(t, e, dev.Token, "variable=ms"); got[0].Time != "2021-09-16T17:51:43.672Z" || got[0].Value != nil {
		t.Fatalf("ms time / absent value: %+v", got)
	}
}

func TestInsertValidation(t *testing.T) {
	e := newEmu(t)
	dev := mkDevice(t, e, "d", nil)
	cases := []struct {
		name string
		body any
		want string
	}{
		{"no variable", map[string]any{"value": 1}, "data[0].variable is required"},
		{"empty variable", map[string]any{"variable": ""}, "data[0].variable is required"},
		{"variable not a string", map[string]any{"variable": 5}, "data[0].variable is required"},
		{"variable too long", map[string]any{"variable": strings.Repeat("a", 101)}, "at most 100 characters"},
		{"value object", map[string]any{"variable": "a", "value": map[string]any{"x": 1}}, "data[0].value must be a string, a number or a boolean"},
		{"value array", map[string]any{"variable": "a", "value": []int{1}}, "data[0].value must be"},
		{"value too big", map[string]any{"variable": "a", "value": strings.Repeat("x", 6*1024)}, "at most 6 kB"},
		{"unit too long", map[string]any{"variable": "a", "unit": strings.Repeat("u", 26)}, "data[0].unit must be at most 25"},
		{"unit not string", map[string]any{"variable": "a", "unit": 5}, "data[0].unit must be a string"},
		{"group too long", map[string]any{"variable": "a", "group": strings.Repeat("g", 101)}, "data[0].group must be at most 100"},
		{"metadata not object", map[string]any{"variable": "a", "metadata": "x"}, "data[0].metadata must be an object"},
		{"metadata too big", map[string]any{"variable": "a", "metadata": map[string]string{"k": strings.Repeat("m", 10*1024)}}, "at most 10 kB"},
		{"bad time", map[string]any{"variable": "a", "time": "yesterday-ish"}, "data[0].time must be"},
		{"bad location", map[string]any{"variable": "a", "location": map[string]any{"lat": 1}}, "data[0].location must be"},
		{"location out of range", map[string]any{"variable": "a", "location": map[string]any{"lat": 91, "lng": 0}}, "out of range"},
		{"second item bad", []map[string]any{{"variable": "ok"}, {"variable": "bad.name"}}, "data[1].variable"},
		{"not json", "{", "Invalid JSON body"},
		{"array of scalars", "[1,2]", "every array item must be a JSON object"},
	}
	for _, ch := range forbiddenVariableChars {
		cases = append(cases, struct {
			name string
			body any
			want string
		}{"forbidden " + string(ch), map[string]any{"variable": "a" + string(ch) + "b"}, "must not contain"})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req(t, e, "POST", "/data", dev.Token, tc.body).fail(t, 400, tc.want)
		})
	}
	// A failing batch stores nothing (all or nothing).
	if n := e.deviceDataCount(dev.DeviceID); n != 0 {
		t.Fatalf("%d records stored by failing requests", n)
	}
	// Exactly 6 kB minus the quotes is fine; underscores and digits are fine.
	dpPost(t, e, dev.Token, map[string]any{"variable": "ok_1", "value": strings.Repeat("x", 6*1024-2)}, 1)
	// An empty array adds nothing and is not an error.
	dpPost(t, e, dev.Token, []any{}, 0)
}

func TestInsertBodyLimit(t *testing.T) {
	e := newEmu(t)
	dev := mkDevice(t, e, "d", nil)
	var items []map[string]any
	for len(mustJSON(t, items)) <= maxInsertBody {
		items = append(items, map[string]any{"variable": "v", "value": strings.Repeat("x", 1000)})
	}
	req(t, e, "POST", "/data", dev.Token, items).fail(t, 413, "200 kB")
	if n := e.deviceDataCount(dev.DeviceID); n != 0 {
		t.Fatalf("stored %d", n)
	}
	// just under the limit passes
	dpPost(t, e, dev.Token, items[:len(items)-2], len(items)-2)
}

func TestInsertTextPlainPayload(t *testing.T) {
	e := newEmu(t)
	dev := mkDevice(t, e, "d", nil)
	var s string
	req(t, e, "POST", "/data", "", "temperature:23.5,humidity:45.2", "token: "+dev.Token, "Content-Type: text/plain; charset=utf-8").ok(t, 200, &s)
	if s != "1 Data Added" {
		t.Fatalf("answer %q", s)
	}
	got := dpGet(t, e, dev.Token, "variable=payload")
	if len(got) != 1 || string(got[0].Value) != `"temperature:23.5,humidity:45.2"` {
		t.Fatalf("raw payload %+v", got)
	}
}

func TestDeviceBookkeeping(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	dev := mkDevice(t, e, "d", nil)
	other := mkDevice(t, e, "other", nil)
	if getMap(t, e, "/device/"+dev.DeviceID)["last_input"] != nil {
		t.Fatal("fresh device has a last_input")
	}
	dpPost(t, e, dev.Token, []map[string]any{{"variable": "a"}, {"variable": "b"}, {"variable": "c"}}, 3)
	dpPost(t, e, other.Token, map[string]any{"variable": "a"}, 1)
	info := getMap(t, e, "/device/"+dev.DeviceID)
	if li, _ := info["last_input"].(string); li == "" {
		t.Fatalf("last_input not set: %v", info)
	}
	var amount int
	req(t, e, "GET", "/device/"+dev.DeviceID+"/data_amount", tok, nil).ok(t, 200, &amount)
	if amount != 3 {
		t.Fatalf("data_amount %d, want 3", amount)
	}
	// devices do not see each other's data
	if got := dpGet(t, e, other.Token, ""); len(got) != 1 || got[0].Device != other.DeviceID {
		t.Fatalf("other device sees %+v", got)
	}
	// delete cascades: the records leave the store and the index
	req(t, e, "DELETE", "/device/"+dev.DeviceID, tok, nil).ok(t, 200, nil)
	if n := e.deviceDataCount(dev.DeviceID); n != 0 {
		t.Fatalf("index keeps %d records of a deleted device", n)
	}
	stored := 0
	_ = e.store.View(func(tx Tx) error {
		return tx.ForEach(collData, func(id string, _ []byte) error {
			if strings.HasPrefix(id, dev.DeviceID+"/") {
				stored++
			}
			return nil
		})
	})
	if stored != 0 {
		t.Fatalf("store keeps %d records of a deleted device", stored)
	}
	if n := e.deviceDataCount(other.DeviceID); n != 1 {
		t.Fatalf("the other device lost data: %d", n)
	}
}

func TestInactiveDeviceCannotWrite(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	dev := mkDevice(t, e, "d", nil)
	dpPost(t, e, dev.Token, map[string]any{"variable": "a", "value": 1}, 1)
	id := dpGet(t, e, dev.Token, "")[0].ID
	req(t, e, "PUT", "/device/"+dev.DeviceID, tok, map[string]any{"active": false}).ok(t, 200, nil)
	req(t, e, "POST", "/data", dev.Token, map[string]any{"variable": "a"}).fail(t, 400, "Device is deactivated")
	req(t, e, "PUT", "/data", dev.Token, []map[string]any{{"id": id, "value": 2}}).fail(t, 400, "Device is deactivated")
	req(t, e, "DELETE", "/data", dev.Token, nil).fail(t, 400, "Device is deactivated")
	// reads still work, and so does the profile token
	if got := dpGet(t, e, dev.Token, ""); len(got) != 1 {
		t.Fatalf("read %+v", got)
	}
	var s string
	req(t, e, "POST", "/device/"+dev.DeviceID+"/data", tok, map[string]any{"variable": "b"}).ok(t, 200, &s)
	if s != "1 Data Added" {
		t.Fatal(s)
	}
}

func TestDataPermissionsAndProfileRoute(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	dev := mkDevice(t, e, "d", nil)
	var readTok map[string]any
	req(t, e, "POST", "/device/token", tok, map[string]any{"device": dev.DeviceID, "name": "r", "permission": "read"}).ok(t, 201, &readTok)
	rt := as[string](t, readTok["token"])
	req(t, e, "POST", "/data", rt, map[string]any{"variable": "a"}).fail(t, 403, msgDenied)
	req(t, e, "GET", "/data", rt, nil).ok(t, 200, nil)
	// the device token cannot use the profile route, the profile token not /data
	req(t, e, "GET", "/device/"+dev.DeviceID+"/data", dev.Token, nil).fail(t, 403, msgDenied)
	req(t, e, "GET", "/data", tok, nil).fail(t, 403, msgDenied)
	req(t, e, "GET", "/data", "", nil).fail(t, 401, msgInvalidToken)

	base := "/device/" + dev.DeviceID + "/data"
	var s string
	req(t, e, "POST", base, tok, []map[string]any{{"variable": "a", "value": 1}, {"variable": "a", "value": 2}}).ok(t, 200, &s)
	if s != "2 Data Added" {
		t.Fatal(s)
	}
	var recs []dpRecord
	req(t, e, "GET", base+"?variables=a&ordination=ascending", tok, nil).ok(t, 200, &recs)
	if len(recs) != 2 || string(recs[0].Value) != "1" {
		t.Fatalf("profile read %+v", recs)
	}
	req(t, e, "PUT", base, tok, map[string]any{"id": recs[0].ID, "value": 10}).ok(t, 200, &s)
	if s != "1 item(s) updated" {
		t.Fatal(s)
	}
	req(t, e, "DELETE", base+"?ids="+recs[1].ID, tok, nil).ok(t, 200, &s)
	if s != "1 Data Removed" {
		t.Fatal(s)
	}
	// the device token sees what the profile token did
	if got := dpGet(t, e, dev.Token, ""); len(got) != 1 || string(got[0].Value) != "10" {
		t.Fatalf("after profile edits %+v", got)
	}
	req(t, e, "GET", "/device/aaaaaaaaaaaaaaaaaaaaaaaa/data", tok, nil).fail(t, 404, "Device not found")
	req(t, e, "POST", "/device/nope/data", tok, map[string]any{"variable": "a"}).fail(t, 400, "Invalid Device ID")
}

func TestEditData(t *testing.T) {
	e := newEmu(t)
	dev := mkDevice(t, e, "d", nil)
	dpPost(t, e, dev.Token, []map[string]any{
		{"variable": "a", "value": 1, "unit": "C", "time": "2024-01-01T00:00:00Z"},
		{"variable": "a", "value": 2, "time": "2024-01-02T00:00:00Z"},
	}, 2)
	recs := dpGet(t, e, dev.Token, "ordination=asc")
	first, second := recs[0], recs[1]
	var s string
	// one object or an array; only the sent fields change; time moves the record
	req(t, e, "PUT", "/data", dev.Token, []map[string]any{
		{"id": first.ID, "value": "one", "metadata": map[string]any{"old_value": 1}, "time": "2024-01-03T00:00:00Z", "location": map[string]any{"lat": 1, "lng": 2}},
		{"id": "aaaaaaaaaaaaaaaaaaaaaaaa", "value": 5}, // not this device's: skipped
		{"id": second.ID, "group": "g2", "serie": "ignored-because-group-wins", "unit": nil},
	}).ok(t, 200, &s)
	if s != "2 item(s) updated" {
		t.Fatalf("answer %q", s)
	}
	recs = dpGet(t, e, dev.Token, "ordination=asc")
	if len(recs) != 2 || recs[1].ID != first.ID || recs[0].ID != second.ID {
		t.Fatalf("edited time did not reorder: %+v", recs)
	}
	a := recs[1]
	if string(a.Value) != `"one"` || a.Unit == nil || *a.Unit != "C" || string(a.Metadata) != `{"old_value":1}` ||
		a.Time != "2024-01-03T00:00:00.000Z" || a.Location == nil || a.Group != first.Group || a.CreatedAt != first.CreatedAt {
		t.Fatalf("edited record %+v", a)
	}
	if b := recs[0]; b.Group != "g2" || b.Unit != nil || string(b.Value) != "2" {
		t.Fatalf("second record %+v", b)
	}
	// the same id twice in one request: both edits apply, counted twice
	req(t, e, "PUT", "/data", dev.Token, []map[string]any{{"id": first.ID, "value": 7}, {"id": first.ID, "unit": "K"}}).ok(t, 200, &s)
	if got := dpGet(t, e, dev.Token, "ids="+first.ID); len(got) != 1 || string(got[0].Value) != "7" || *got[0].Unit != "K" {
		t.Fatalf("double edit %+v (%s)", got, s)
	}
	if n := e.deviceDataCount(dev.DeviceID); n != 2 {
		t.Fatalf("edits changed the record count to %d", n)
	}
	req(t, e, "PUT", "/data", dev.Token, []map[string]any{{"value": 1}}).fail(t, 400, "data[0].id is required")
	req(t, e, "PUT", "/data", dev.Token, []map[string]any{{"id": first.ID, "value": []int{1}}}).fail(t, 400, "data[0].value")
}

func TestDeleteData(t *testing.T) {
	e := newEmu(t)
	dev := mkDevice(t, e, "d", nil)
	var items []map[string]any
	for i := range 20 {
		items = append(items, map[string]any{
			"variable": []string{"a", "b"}[i%2], "value": i, "group": fmt.Sprintf("g%d", i%3),
			"time": time.Date(2024, 1, 1, 0, i, 0, 0, time.UTC).Format(time.RFC3339),
		})
	}
	dpPost(t, e, dev.Token, items, 20)
	del := func(query string, want int) {
		t.Helper()
		var s string
		path := "/data"
		if query != "" {
			path += "?" + query
		}
		req(t, e, "DELETE", path, dev.Token, nil).ok(t, 200, &s)
		if s != fmt.Sprintf("%d Data Removed", want) {
			t.Fatalf("DELETE %s: %q, want %d removed", query, s, want)
		}
	}
	// no parameter: the newest record only (query=last_item)
	del("", 1)
	if got := dpGet(t, e, dev.Token, "qty=1"); string(got[0].Value) != "18" {
		t.Fatalf("newest after default delete: %+v", got)
	}
	// by ids (any encoding), by variable with qty, by group, by value, by date range
	recs := dpGet(t, e, dev.Token, "variables=b&qty=2") // values 17, 15
	del("ids[0]="+recs[0].ID+"&ids[1]="+recs[1].ID, 2)
	del("variables=a&qty=2", 2) // 18, 16
	del("groups=g0&variable=a", 3)
	del("values=13", 1)
	del("start_date=2024-01-01T00:00:00Z&end_date=2024-01-01T00:02:00Z", 2) // 1 and 2 (0 went with g0)
	left := dpGet(t, e, dev.Token, "qty=100&ordination=asc")
	if got := strings.Join(dpValues(left), ","); got != "3,4,5,7,8,9,10,11,14" {
		t.Fatalf("left after deletes: %s", got)
	}
	// qty defaults to 15 once any parameter is given
	dpPost(t, e, dev.Token, func() []map[string]any {
		var more []map[string]any
		for range 20 {
			more = append(more, map[string]any{"variable": "c"})
		}
		return more
	}(), 20)
	del("variables=c", 15)
	del("variables=c&qty=10000", 5)
	req(t, e, "DELETE", "/data?query=count", dev.Token, nil).fail(t, 400, "query=count cannot be used to remove data")
	req(t, e, "DELETE", "/data?qty=0", dev.Token, nil).fail(t, 400, "qty must be")
}

func TestDeleteDataLegacyRoute(t *testing.T) {
	e := newEmu(t)
	dev := mkDevice(t, e, "d", nil)
	dpPost(t, e, dev.Token, []map[string]any{{"variable": "t", "value": 1}, {"variable": "t", "value": 2}, {"variable": "t", "value": 3}, {"variable": "u"}}, 4)
	var s string
	req(t, e, "DELETE", "/data/T?qty=2", dev.Token, nil).ok(t, 200, &s)
	if s != "2 Data Removed" {
		t.Fatal(s)
	}
	left := dpGet(t, e, dev.Token, "variable=t")
	if len(left) != 1 || string(left[0].Value) != "1" {
		t.Fatalf("left %+v", left)
	}
	req(t, e, "DELETE", "/data/"+left[0].ID, dev.Token, nil).ok(t, 200, &s)
	if s != "1 Data Removed" || e.deviceDataCount(dev.DeviceID) != 1 {
		t.Fatalf("by id: %q, %d left", s, e.deviceDataCount(dev.DeviceID))
	}
}

func TestImmutableDevice(t *testing.T) {
	e := newEmu(t)
	dev := mkTyped(t, e, typeImmutable, nil) // day chunks, retention 2
	now := time.Now().UTC()
	today := chunkStart(now, "day")
	dpPost(t, e, dev.Token, []map[string]any{
		{"variable": "a", "value": 1},
		{"variable": "a", "value": 2, "time": today.AddDate(0, 0, -2).Format(time.RFC3339)}, // first instant of the window
	}, 2)
	for _, tm := range []time.Time{today.AddDate(0, 0, -2).Add(-time.Millisecond), today.AddDate(0, 0, 1)} {
		r := req(t, e, "POST", "/data", dev.Token, map[string]any{"variable": "a", "time": tm.Format(time.RFC3339Nano)}).fail(t, 400, "Time must be between ")
		wantRange := formatTime(today.AddDate(0, 0, -2)) + " and " + formatTime(today.AddDate(0, 0, 1).Add(-time.Millisecond))
		if !strings.Contains(*r.Message, wantRange) {
			t.Fatalf("message %q does not name the window %s", *r.Message, wantRange)
		}
	}
	id := dpGet(t, e, dev.Token, "")[0].ID
	req(t, e, "PUT", "/data", dev.Token, []map[string]any{{"id": id, "value": 3}}).fail(t, 400, "immutable device cannot be edited")
	req(t, e, "DELETE", "/data?ids="+id, dev.Token, nil).fail(t, 400, "immutable device cannot be removed")
	req(t, e, "DELETE", "/data", dev.Token, nil).fail(t, 400, "immutable")
	if n := e.deviceDataCount(dev.DeviceID); n != 2 {
		t.Fatalf("immutable device holds %d", n)
	}
	// no cap on the immutable side
	e.data.mutableLimit = 1
	dpPost(t, e, dev.Token, []map[string]any{{"variable": "b"}, {"variable": "b"}}, 2)
}

func TestMutableCap(t *testing.T) {
	e := newEmu(t)
	e.data.mutableLimit = 5
	dev := mkDevice(t, e, "d", nil)
	dpPost(t, e, dev.Token, []map[string]any{{"variable": "a"}, {"variable": "a"}, {"variable": "a"}}, 3)
	req(t, e, "POST", "/data", dev.Token, []map[string]any{{"variable": "a"}, {"variable": "a"}, {"variable": "a"}}).
		fail(t, 400, "at most 5 records (it has 3, this request adds 3)")
	dpPost(t, e, dev.Token, []map[string]any{{"variable": "a"}, {"variable": "a"}}, 2)
	req(t, e, "POST", "/data", dev.Token, map[string]any{"variable": "a"}).fail(t, 400, "Data limit reached")
	// room again after a delete
	req(t, e, "DELETE", "/data", dev.Token, nil).ok(t, 200, nil)
	dpPost(t, e, dev.Token, map[string]any{"variable": "a"}, 1)
	if maxMutableRecords != 50000 || newDataIndex().mutableLimit != 50000 {
		t.Fatal("the real cap is 50000")
	}
}

func TestHybridDevice(t *testing.T) {
	e := newEmu(t)
	e.data.mutableLimit = 3
	dev := mkTyped(t, e, typeHybrid, map[string]any{"mutable_variable_regex": "^status"})
	old := chunkStart(time.Now(), "day").AddDate(0, 0, -10).Format(time.RFC3339)
	// the immutable side keeps its window, the mutable side takes any time
	req(t, e, "POST", "/data", dev.Token, map[string]any{"variable": "temp", "time": old}).fail(t, 400, "Time must be between")
	dpPost(t, e, dev.Token, []map[string]any{
		{"variable": "temp", "value": 1}, {"variable": "temp", "value": 2},
		{"variable": "status", "value": "ok", "time": old}, {"variable": "status_led", "value": "on"},
	}, 4)
	// the cap counts only the mutable side (2 of 3 used, the 2 temps do not count)
	dpPost(t, e, dev.Token, []map[string]any{{"variable": "status", "value": "x"}, {"variable": "temp", "value": 3}}, 2)
	req(t, e, "POST", "/data", dev.Token, map[string]any{"variable": "status"}).fail(t, 400, "Data limit reached")

	temp := dpGet(t, e, dev.Token, "variable=temp&qty=1")[0]
	status := dpGet(t, e, dev.Token, "variable=status&qty=1")[0]
	var s string
	req(t, e, "PUT", "/data", dev.Token, []map[string]any{{"id": status.ID, "value": "edited"}}).ok(t, 200, &s)
	if s != "1 item(s) updated" {
		t.Fatal(s)
	}
	req(t, e, "PUT", "/data", dev.Token, []map[string]any{{"id": temp.ID, "value": 9}}).fail(t, 400, "immutable side")
	req(t, e, "DELETE", "/data?variables=temp", dev.Token, nil).fail(t, 400, "immutable side")
	req(t, e, "DELETE", "/data?ids="+temp.ID, dev.Token, nil).fail(t, 400, "immutable side")
	// an open delete removes only mutable records
	req(t, e, "DELETE", "/data?qty=100", dev.Token, nil).ok(t, 200, &s)
	if s != "3 Data Removed" {
		t.Fatalf("open delete: %q", s)
	}
	if left := dpGet(t, e, dev.Token, "qty=100"); len(left) != 3 || strings.Join(dpVars(left), ",") != "temp,temp,temp" {
		t.Fatalf("left %v", dpVars(left))
	}
}

// TestEmptyDevice: POST /device/{id}/empty (docs/api-notes.md §2.3, the JS SDK's
// emptyDeviceData) removes every record of any device type, immutable included, and
// only that device's; a hybrid device may name one side with route.
func TestEmptyDevice(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	imm := mkTyped(t, e, typeImmutable, nil)
	mut := mkDevice(t, e, "kept", nil)
	dpPost(t, e, imm.Token, []map[string]any{{"variable": "a", "value": 1}, {"variable": "b", "value": 2}}, 2)
	dpPost(t, e, mut.Token, map[string]any{"variable": "a", "value": 1}, 1)
	var s string
	req(t, e, "POST", "/device/"+imm.DeviceID+"/empty", tok, nil).ok(t, 200, &s)
	if s != "Data Successfully Removed" {
		t.Fatalf("empty answered %q", s)
	}
	if n := e.deviceDataCount(imm.DeviceID); n != 0 || len(dpGet(t, e, imm.Token, "qty=100")) != 0 {
		t.Fatalf("the emptied device still holds %d records", n)
	}
	if n := e.deviceDataCount(mut.DeviceID); n != 1 {
		t.Fatalf("another device lost its records: %d left", n)
	}
	dpPost(t, e, imm.Token, map[string]any{"variable": "a", "value": 3}, 1) // usable afterwards

	hyb := mkTyped(t, e, typeHybrid, map[string]any{"mutable_variable_regex": "^status"})
	dpPost(t, e, hyb.Token, []map[string]any{{"variable": "temp", "value": 1}, {"variable": "status", "value": "ok"}}, 2)
	req(t, e, "POST", "/device/"+hyb.DeviceID+"/empty", tok, map[string]any{"route": "mutable"}).ok(t, 200, nil)
	if left := dpGet(t, e, hyb.Token, "qty=10"); strings.Join(dpVars(left), ",") != "temp" {
		t.Fatalf("route mutable left %v", dpVars(left))
	}
	req(t, e, "POST", "/device/"+hyb.DeviceID+"/empty", tok, map[string]any{"route": "sideways"}).fail(t, 400, "route")
	req(t, e, "POST", "/device/"+hyb.DeviceID+"/empty", tok, nil).ok(t, 200, nil)
	if n := e.deviceDataCount(hyb.DeviceID); n != 0 {
		t.Fatalf("no route empties both sides, %d left", n)
	}

	req(t, e, "POST", "/device/000000000000000000000000/empty", tok, nil).fail(t, 404, "Device not found")
	req(t, e, "POST", "/device/"+mut.DeviceID+"/empty", mut.Token, nil).fail(t, 403, "Authorization Denied") // a device token cannot
}

func TestDataPersistsAcrossRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	e, err := New(Options{DataPath: path})
	if err != nil {
		t.Fatal(err)
	}
	dev := mkDevice(t, e, "d", nil)
	dpPost(t, e, dev.Token, []map[string]any{
		{"variable": "a", "value": 1, "time": "2024-01-01T00:00:00Z"},
		{"variable": "a", "value": 2, "time": "2024-01-02T00:00:00Z"},
		{"variable": "b", "value": "x", "location": map[string]any{"lat": 1, "lng": 2}},
	}, 3)
	before := dpGet(t, e, dev.Token, "qty=10")
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	e2, err := New(Options{DataPath: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e2.Close() })
	after := dpGet(t, e2, dev.Token, "qty=10")
	if string(mustJSON(t, before)) != string(mustJSON(t, after)) {
		t.Fatalf("data changed across restart:\n%s\n%s", mustJSON(t, before), mustJSON(t, after))
	}
	// the rebuilt index answers the per-variable query in order
	if got := dpGet(t, e2, dev.Token, "variable=a&qty=1"); len(got) != 1 || string(got[0].Value) != "2" {
		t.Fatalf("newest a after restart %+v", got)
	}
	var amount int
	req(t, e2, "GET", "/device/"+dev.DeviceID+"/data_amount", e2.ProfileToken(), nil).ok(t, 200, &amount)
	if amount != 3 {
		t.Fatalf("amount after restart %d", amount)
	}
}

// TestInsertManyThroughHTTP inserts 20k records in requests of 1000 (the JS SDK's
// streaming chunk) and reads the newest back: the batch path stays correct at size.
func TestInsertManyThroughHTTP(t *testing.T) {
	e := newEmu(t)
	dev := mkDevice(t, e, "d", nil)
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for batch := range 20 {
		items := make([]map[string]any, 1000)
		for i := range items {
			n := batch*1000 + i
			items[i] = map[string]any{"variable": []string{"x", "y"}[n%2], "value": n, "time": base.Add(time.Duration(n) * time.Second).Format(time.RFC3339)}
		}
		dpPost(t, e, dev.Token, items, 1000)
	}
	if got := dpGet(t, e, dev.Token, "variable=x&qty=3"); strings.Join(dpValues(got), ",") != "19998,19996,19994" {
		t.Fatalf("newest x: %v", dpValues(got))
	}
	var count int
	req(t, e, "GET", "/data?variable=y&query=count", dev.Token, nil).ok(t, 200, &count)
	if count != 10000 {
		t.Fatalf("count y = %d", count)
	}
}

// dataPlaneContractCases are the OpenAPI contract cases of this slice's documented
// routes (device data, run notifications, the anonymous profile-token mint), for
// TestOpenAPIContract (append them to its cases) and TestDataPlaneOpenAPIContract.
//
// Two spec details shape them: GET /device/{deviceID}/data types value as a string
// while GET /data types it as a number (the API preserves either), so each route is
// fed the type its own schema names; and GET /run/notification/{userID} shares its
// path shape with PUT/DELETE /run/notification/{notificationID}, so it names its
// spec path (as note 2 of contract_test.go). count/avg/sum answer a bare number,
// which the spec's array-only schema does not describe; they are tested by the
// handler tests instead.
func dataPlaneContractCases(t *testing.T, e *Emulator) []contractCase {
	t.Helper()
	tok := e.ProfileToken()
	dev := mkDevice(t, e, "Contract data device", nil)
	dpPost(t, e, dev.Token, []map[string]any{
		{"variable": "temperature", "value": -12.67, "unit": "°C", "location": map[string]any{"lat": 35.770723, "lng": -78.677328}},
		{"variable": "temperature", "value": 20, "unit": "°C", "group": "1631814703672"},
	}, 2)
	recs := dpGet(t, e, dev.Token, "variable=temperature")
	other := mkDevice(t, e, "Contract data device 2", nil)
	req(t, e, "POST", "/device/"+other.DeviceID+"/data", tok, []map[string]any{
		{"variable": "temperature", "value": "16", "unit": "C", "location": map[string]any{"type": "Point", "coordinates": []float64{-77.757328, 36.68072299999999}}},
		{"variable": "test", "value": "10", "unit": "C"},
	}).ok(t, 200, nil)
	otherRecs := dpGet(t, e, other.Token, "qty=10")
	user := dpRunUser(t, e)
	var runNote map[string]string
	req(t, e, "POST", "/run/notification", tok, map[string]any{"run_user": user, "title": "Low Temperature", "message": "m"}).ok(t, 200, &runNote)
	dpath := "/device/" + other.DeviceID + "/data"
	return []contractCase{
		{name: "send data", method: "POST", path: "/data", token: dev.Token, wantStatus: 200,
			body: []map[string]any{{"variable": "location", "value": "TagoIO Headquarters", "location": map[string]any{"lat": 35.770723, "lng": -78.677328}}}},
		{name: "get data", method: "GET", path: "/data?variables=temperature&qty=20&details=true&ordination=descending", token: dev.Token, wantStatus: 200},
		{name: "get data last_location", method: "GET", path: "/data?query=last_location&variables=temperature", token: dev.Token, wantStatus: 200},
		{name: "edit data", method: "PUT", path: "/data", token: dev.Token, wantStatus: 200,
			body: []map[string]any{{"id": recs[0].ID, "value": 27, "metadata": map[string]any{"color": "blue"}}}},
		{name: "delete data", method: "DELETE", path: "/data?ids=" + recs[1].ID, token: dev.Token, wantStatus: 200},
		{name: "device data get", method: "GET", path: dpath + "?qty=10&end_date=2099-01-01T00:00:00Z", token: tok, wantStatus: 200},
		{name: "device data send", method: "POST", path: dpath, token: tok, wantStatus: 200,
			body: map[string]any{"variable": "temperature", "value": "17", "unit": "C"}},
		{name: "device data edit", method: "PUT", path: dpath, token: tok, wantStatus: 200,
			body: map[string]any{"id": otherRecs[0].ID, "value": "20"}},
		{name: "device data delete", method: "DELETE", path: dpath + "?variables=test&qty=1", token: tok, wantStatus: 200},
		{name: "run notification create", method: "POST", path: "/run/notification", token: tok, wantStatus: 200,
			body: map[string]any{"run_user": user, "title": "Low Temperature", "message": "The temperature is lower than 18ºC.",
				"buttons":         []map[string]any{{"id": "btn_1249384", "label": "Acknowledge", "color": "green", "analysis": "5515de2676ab4e3211109e41c"}},
				"buttons_enabled": true, "buttons_autodisable": true}},
		{name: "run notification list", method: "GET", path: "/run/notification/" + user, token: tok, wantStatus: 200, specPath: "/run/notification/{userID}"},
		{name: "run notification edit", method: "PUT", path: "/run/notification/" + runNote["id"], token: tok, wantStatus: 200,
			body: map[string]any{"read": true, "title": "new notification title"}},
		{name: "run notification delete", method: "DELETE", path: "/run/notification/" + runNote["id"], token: tok, wantStatus: 200},
		{name: "device empty", method: "POST", path: "/device/" + other.DeviceID + "/empty", token: tok, wantStatus: 200},
		{name: "profile token mint", method: "POST", path: "/account/profile/token", wantStatus: 200,
			body: map[string]any{"email": e.AccountEmail(), "password": e.AccountPassword(), "name": "newtoken", "profile_id": e.ProfileID()}},
	}
}

// TestDataPlaneOpenAPIContract validates this slice's documented routes against the
// OpenAPI file on its own (TestOpenAPIContract runs the same cases once appended).
func TestDataPlaneOpenAPIContract(t *testing.T) {
	doc, v := loadSpec(t)
	e := newEmu(t)
	for _, tc := range dataPlaneContractCases(t, e) {
		t.Run(tc.name, func(t *testing.T) {
			resp, httpReq := contractDo(t, e, tc)
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			var errs []*verrors.ValidationError
			if tc.specPath != "" {
				item := doc.Paths.PathItems.GetOrZero(tc.specPath)
				if item == nil {
					t.Fatalf("spec has no path %s", tc.specPath)
				}
				_, errs = v.GetResponseBodyValidator().ValidateResponseBodyWithPathItem(httpReq, resp, item, tc.specPath)
			} else {
				_, errs = v.ValidateHttpResponse(httpReq, resp)
			}
			for _, msg := range unexpectedErrors(errs, tc.knownNulls) {
				t.Error(msg)
			}
		})
	}
	// Prove the validator judges these routes: a number where the device route's
	// schema says string must fail.
	bad := httptest.NewRecorder()
	bad.Header().Set("Content-Type", "application/json")
	bad.WriteHeader(200)
	_, _ = bad.WriteString(`{"status":true,"result":[{"id":"x","variable":"t","value":16,"time":"2023-09-20T14:26:44.918Z"}]}`)
	resp := bad.Result()
	httpReq, _ := http.NewRequest("GET", specServer+"/device/6307b0b1b41f1b001a45c7e3/data", nil)
	resp.Request = httpReq
	if ok, _ := v.ValidateHttpResponse(httpReq, resp); ok {
		t.Fatal("the spec accepts a numeric value on GET /device/{id}/data; these cases check nothing")
	}
}
