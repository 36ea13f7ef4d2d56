package emulator

import (
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

var dateRe = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)

func TestDeviceCreateAndInfo(t *testing.T) {
	e := newEmu(t)
	c := mkDevice(t, e, "Test", nil)
	if !isObjectID(c.DeviceID) || c.BucketID != c.DeviceID {
		t.Fatalf("create result %+v", c)
	}
	if !regexp.MustCompile(`^[0-9a-f-]{36}$`).MatchString(c.Token) {
		t.Fatalf("token %q is not a UUID", c.Token)
	}
	d := getMap(t, e, "/device/"+c.DeviceID)
	for _, k := range []string{"id", "name", "description", "active", "visible", "profile", "type", "connector",
		"network", "payload_decoder", "tags", "bucket", "serie_number", "connector_parse", "parse_function",
		"rpm", "last_input", "last_output", "inspected_at", "last_retention", "created_at", "updated_at"} {
		if _, ok := d[k]; !ok {
			t.Errorf("DeviceInfo lacks %q", k)
		}
	}
	for _, k := range []string{"chunk_period", "chunk_retention", "mutable_variable_regex"} {
		if _, ok := d[k]; ok {
			t.Errorf("mutable DeviceInfo has %q", k)
		}
	}
	want := map[string]any{
		"id": c.DeviceID, "name": "Test", "description": nil, "active": true, "visible": true,
		"profile": e.ProfileID(), "type": "mutable", "connector": ConnectorHTTPSID, "network": NetworkHTTPID,
		"payload_decoder": nil, "tags": []any{}, "rpm": nil, "last_input": nil,
		"bucket": map[string]any{"id": c.DeviceID, "name": "Test"},
	}
	for k, v := range want {
		if !reflect.DeepEqual(d[k], v) {
			t.Errorf("%s = %#v, want %#v", k, d[k], v)
		}
	}
	for _, k := range []string{"created_at", "updated_at"} {
		if s, _ := d[k].(string); !dateRe.MatchString(s) {
			t.Errorf("%s = %v, not an ISO date with ms", k, d[k])
		}
	}
	// default token
	toks := getList(t, e, "/device/token/"+c.DeviceID+"?fields=token,name,permission,expire_time")
	if len(toks) != 1 || toks[0]["token"] != c.Token || toks[0]["name"] != "Default" ||
		toks[0]["permission"] != "full" || toks[0]["expire_time"] != nil {
		t.Fatalf("default token %v", toks)
	}
	// data_amount
	var n float64
	req(t, e, "GET", "/device/"+c.DeviceID+"/data_amount", e.ProfileToken(), nil).ok(t, 200, &n)
	if n != 0 {
		t.Fatalf("data_amount %v", n)
	}
}

func TestDeviceTypes(t *testing.T) {
	e := newEmu(t)
	imm := mkDevice(t, e, "imm", map[string]any{"type": "immutable", "chunk_period": "month", "chunk_retention": 12})
	d := getMap(t, e, "/device/"+imm.DeviceID)
	if d["type"] != "immutable" || d["chunk_period"] != "month" || d["chunk_retention"] != 12.0 {
		t.Fatalf("immutable %v", d)
	}
	if _, ok := d["mutable_variable_regex"]; ok {
		t.Fatal("immutable has mutable_variable_regex")
	}
	hyb := mkDevice(t, e, "hyb", map[string]any{"type": "hybrid", "chunk_period": "day", "chunk_retention": 31, "mutable_variable_regex": "^cfg_"})
	d = getMap(t, e, "/device/"+hyb.DeviceID)
	if d["type"] != "hybrid" || d["mutable_variable_regex"] != "^cfg_" || d["chunk_retention"] != 31.0 {
		t.Fatalf("hybrid %v", d)
	}
	// type omitted: mutable (docs/api-notes.md §8.4 decision)
	var c created
	req(t, e, "POST", "/device", e.ProfileToken(), map[string]any{"name": "x", "connector": ConnectorHTTPSID, "network": NetworkHTTPID}).ok(t, 201, &c)
	if d := getMap(t, e, "/device/"+c.DeviceID); d["type"] != "mutable" {
		t.Fatalf("default type %v", d["type"])
	}
	// legacy accepted
	leg := mkDevice(t, e, "leg", map[string]any{"type": "legacy"})
	if d := getMap(t, e, "/device/"+leg.DeviceID); d["type"] != "legacy" || d["data_retention"] != "forever" {
		t.Fatalf("legacy %v", d)
	}
}

func TestDeviceCreateValidation(t *testing.T) {
	e := newEmu(t)
	base := func(kv ...any) map[string]any {
		m := map[string]any{"name": "d", "connector": ConnectorHTTPSID, "network": NetworkHTTPID}
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == "<del>" {
				delete(m, as[string](t, kv[i]))
				continue
			}
			m[as[string](t, kv[i])] = kv[i+1]
		}
		return m
	}
	manyTags := make([]map[string]string, 31)
	for i := range manyTags {
		manyTags[i] = map[string]string{"key": fmt.Sprint("k", i), "value": "v"}
	}
	tests := []struct {
		name string
		body any
		want string
	}{
		{"no name", base("name", "<del>"), "name"},
		{"empty name", base("name", "  "), "name"},
		{"name not string", base("name", 12), "name must be a string"},
		{"bad type", base("type", "weird"), "type must be one of"},
		{"immutable without period", base("type", "immutable", "chunk_retention", 1), "chunk_period is required"},
		{"immutable bad period", base("type", "immutable", "chunk_period", "year", "chunk_retention", 1), "chunk_period must be one of"},
		{"immutable without retention", base("type", "immutable", "chunk_period", "day"), "chunk_retention is required"},
		{"retention day > 31", base("type", "immutable", "chunk_period", "day", "chunk_retention", 32), "between 0 and 31"},
		{"retention week > 26", base("type", "immutable", "chunk_period", "week", "chunk_retention", 27), "between 0 and 26"},
		{"retention month > 36", base("type", "immutable", "chunk_period", "month", "chunk_retention", 37), "between 0 and 36"},
		{"retention quarter > 36", base("type", "immutable", "chunk_period", "quarter", "chunk_retention", 37), "between 0 and 36"},
		{"retention negative", base("type", "immutable", "chunk_period", "month", "chunk_retention", -1), "between 0 and 36"},
		{"retention fractional", base("type", "immutable", "chunk_period", "month", "chunk_retention", 1.5), "chunk_retention must be an integer"},
		{"retention string", base("type", "immutable", "chunk_period", "month", "chunk_retention", "3"), "chunk_retention must be an integer"},
		{"hybrid without regex", base("type", "hybrid", "chunk_period", "day", "chunk_retention", 1), "mutable_variable_regex is required"},
		{"hybrid bad regex", base("type", "hybrid", "chunk_period", "day", "chunk_retention", 1, "mutable_variable_regex", "(["), "not a valid regular expression"},
		{"hybrid match-all regex", base("type", "hybrid", "chunk_period", "day", "chunk_retention", 1, "mutable_variable_regex", ".*"), "must not match every variable"},
		{"no connector", base("connector", "<del>"), "connector is required"},
		{"no network", base("network", "<del>"), "network is required"},
		{"bad connector id", base("connector", "abc"), "Invalid Connector ID"},
		{"bad network id", base("network", "abc"), "Invalid Network ID"},
		{"unknown connector", base("connector", "aaaaaaaaaaaaaaaaaaaaaaaa"), "Connector not found"},
		{"unknown network", base("network", "aaaaaaaaaaaaaaaaaaaaaaaa"), "Network not found"},
		{"network not of connector", base("network", NetworkMQTTID), "not supported by connector"},
		{"serie_number required", base("connector", ConnectorLoRaWANID, "network", NetworkLoRaWANID), "serie_number is required by the network LoRaWAN"},
		{"tags not array", base("tags", "x"), "tags must be an array"},
		{"tag value not string", base("tags", []any{map[string]any{"key": "a", "value": 1}}), "tags[0].value must be a string"},
		{"tag without key", base("tags", []any{map[string]any{"value": "v"}}), "tags[0].key"},
		{"31 tags", base("tags", manyTags), "at most 30 tags"},
		{"payload_decoder not base64", base("payload_decoder", "not base64!!"), "payload_decoder must be a base64"},
		{"payload_decoder number", base("payload_decoder", 5), "payload_decoder must be a base64"},
		{"active not bool", base("active", "yes"), "active must be a boolean"},
		{"description number", base("description", 3), "description must be a string or null"},
		{"params not array", base("configuration_params", "x"), "configuration_params must be an array"},
		{"param without key", base("configuration_params", []any{map[string]any{"value": "v"}}), "params[0].key"},
		{"body array", []any{1}, "expected a JSON object"},
		{"malformed JSON", `{"name":`, "Invalid JSON body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req(t, e, "POST", "/device", e.ProfileToken(), tt.body).fail(t, 400, tt.want)
		})
	}
	// nothing was created by the failures
	if l := getList(t, e, "/device"); len(l) != 0 {
		t.Fatalf("failed creates left devices: %v", l)
	}
	// but the boundary values pass
	mkDevice(t, e, "ok30", map[string]any{"tags": manyTags[:30]})
	mkDevice(t, e, "ok-lora", map[string]any{"connector": ConnectorLoRaWANID, "network": NetworkLoRaWANID, "serie_number": "70B3D57ED0000001"})
	mkDevice(t, e, "ok-q36", map[string]any{"type": "immutable", "chunk_period": "quarter", "chunk_retention": 36})
	mkDevice(t, e, "ok-d0", map[string]any{"type": "immutable", "chunk_period": "day", "chunk_retention": 0, "unknown_key": true})
}

func TestDeviceEdit(t *testing.T) {
	e := newEmu(t)
	c := mkDevice(t, e, "dev", map[string]any{"tags": []map[string]string{{"key": "a", "value": "1"}, {"key": "b", "value": "2"}}, "description": "first"})
	before := getMap(t, e, "/device/"+c.DeviceID)
	time.Sleep(2 * time.Millisecond)
	var msg string
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{
		"name": "renamed", "tags": []map[string]string{{"key": "c", "value": "3"}}, "active": false,
	}).ok(t, 200, &msg)
	if msg != "Successfully Updated" {
		t.Fatalf("PUT result %q", msg)
	}
	after := getMap(t, e, "/device/"+c.DeviceID)
	if after["name"] != "renamed" || after["active"] != false || after["description"] != "first" || after["visible"] != true {
		t.Fatalf("partial edit %v", after)
	}
	if !reflect.DeepEqual(after["tags"], []any{map[string]any{"key": "c", "value": "3"}}) {
		t.Fatalf("tags not replaced: %v", after["tags"])
	}
	if after["updated_at"] == before["updated_at"] || after["created_at"] != before["created_at"] {
		t.Fatalf("timestamps: before %v/%v after %v/%v", before["created_at"], before["updated_at"], after["created_at"], after["updated_at"])
	}
	// empty tags and null description
	req(t, e, "PUT", "/device/"+c.DeviceID+"/", e.ProfileToken(), map[string]any{"tags": []any{}, "description": nil}).ok(t, 200, nil)
	after = getMap(t, e, "/device/"+c.DeviceID)
	if !reflect.DeepEqual(after["tags"], []any{}) || after["description"] != nil {
		t.Fatalf("clear: %v %v", after["tags"], after["description"])
	}
	// payload decoder
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"payload_decoder": "Y29uc29sZS5sb2coMSk="}).ok(t, 200, nil)
	if d := getMap(t, e, "/device/"+c.DeviceID); d["payload_decoder"] != "Y29uc29sZS5sb2coMSk=" {
		t.Fatalf("payload_decoder %v", d["payload_decoder"])
	}

	// type is not editable; sending the same value is harmless
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"type": "immutable"}).fail(t, 400, "type cannot be changed")
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"type": "mutable"}).ok(t, 200, nil)
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"name": ""}).fail(t, 400, "name")

	// connector/network: together, and only without tokens
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"connector": ConnectorMQTTID}).fail(t, 400, "must be sent together")
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"connector": ConnectorMQTTID, "network": NetworkMQTTID}).fail(t, 400, "delete its tokens first")
	// same pair again is not a change
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"connector": ConnectorHTTPSID, "network": NetworkHTTPID}).ok(t, 200, nil)
	req(t, e, "DELETE", "/device/token/"+c.Token, e.ProfileToken(), nil).ok(t, 200, nil)
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"connector": ConnectorMQTTID, "network": NetworkHTTPID}).fail(t, 400, "not supported by connector")
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"connector": ConnectorLoRaWANID, "network": NetworkLoRaWANID}).fail(t, 400, "serie_number is required")
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"connector": ConnectorMQTTID, "network": NetworkMQTTID}).ok(t, 200, nil)
	if d := getMap(t, e, "/device/"+c.DeviceID); d["connector"] != ConnectorMQTTID || d["network"] != NetworkMQTTID {
		t.Fatalf("connector change %v", d)
	}
	// a failed PUT changes nothing
	if d := getMap(t, e, "/device/"+c.DeviceID); d["name"] != "renamed" {
		t.Fatalf("name %v", d["name"])
	}
}

func TestDeviceEditChunks(t *testing.T) {
	e := newEmu(t)
	c := mkDevice(t, e, "imm", map[string]any{"type": "immutable", "chunk_period": "week", "chunk_retention": 4})
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"chunk_retention": 26}).ok(t, 200, nil)
	if d := getMap(t, e, "/device/"+c.DeviceID); d["chunk_retention"] != 26.0 {
		t.Fatalf("chunk_retention %v", d["chunk_retention"])
	}
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"chunk_retention": 27}).fail(t, 400, "between 0 and 26")
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"chunk_period": "month"}).fail(t, 400, "chunk_period cannot be changed")
	req(t, e, "PUT", "/device/"+c.DeviceID, e.ProfileToken(), map[string]any{"chunk_period": "week"}).ok(t, 200, nil)
	h := mkDevice(t, e, "hyb", map[string]any{"type": "hybrid", "chunk_period": "day", "chunk_retention": 1, "mutable_variable_regex": "^a"})
	req(t, e, "PUT", "/device/"+h.DeviceID, e.ProfileToken(), map[string]any{"mutable_variable_regex": "^b"}).ok(t, 200, nil)
	req(t, e, "PUT", "/device/"+h.DeviceID, e.ProfileToken(), map[string]any{"mutable_variable_regex": "("}).fail(t, 400, "mutable_variable_regex")
	if d := getMap(t, e, "/device/"+h.DeviceID); d["mutable_variable_regex"] != "^b" {
		t.Fatalf("regex %v", d["mutable_variable_regex"])
	}
}

func TestDeviceIDsAndNotFound(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	for _, m := range []string{"GET", "PUT", "DELETE"} {
		req(t, e, m, "/device/not-an-id", tok, map[string]any{}).fail(t, 400, "Invalid Device ID")
		req(t, e, m, "/device/aaaaaaaaaaaaaaaaaaaaaaaa", tok, map[string]any{}).fail(t, 404, "Device not found")
	}
	req(t, e, "GET", "/device/AAAAAAAAAAAAAAAAAAAAAAAA", tok, nil).fail(t, 400, "Invalid Device ID")
	req(t, e, "GET", "/device/aaaaaaaaaaaaaaaaaaaaaaaa/data_amount", tok, nil).fail(t, 404, "Device not found")
	req(t, e, "GET", "/device/x/data_amount", tok, nil).fail(t, 400, "Invalid Device ID")
}

func TestDeviceDeleteCascades(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	c := mkDevice(t, e, "doomed", map[string]any{"configuration_params": []map[string]any{{"key": "a", "value": "1", "sent": false}}})
	other := mkDevice(t, e, "survivor", map[string]any{"configuration_params": []map[string]any{{"key": "b", "value": "2"}}})
	var extra map[string]any
	req(t, e, "POST", "/device/token", tok, map[string]any{"device": c.DeviceID, "name": "second", "permission": "read"}).ok(t, 201, &extra)
	var msg string
	req(t, e, "DELETE", "/device/"+c.DeviceID, tok, nil).ok(t, 200, &msg)
	if msg != "Successfully Removed" {
		t.Fatalf("delete result %q", msg)
	}
	req(t, e, "GET", "/device/"+c.DeviceID, tok, nil).fail(t, 404, "Device not found")
	// its tokens no longer authenticate
	req(t, e, "GET", "/info", c.Token, nil).fail(t, 401, "Invalid Token")
	req(t, e, "GET", "/info", as[string](t, extra["token"]), nil).fail(t, 401, "Invalid Token")
	// nothing of it left in the store, the other device intact
	_ = e.store.View(func(tx Tx) error {
		toks, _ := listDocs[tokenDoc](tx, collTokens, func(t *tokenDoc) bool { return t.DeviceID == c.DeviceID })
		params, _ := listDocs[paramDoc](tx, collParams, func(p *paramDoc) bool { return p.DeviceID == c.DeviceID })
		if len(toks) != 0 || len(params) != 0 {
			t.Errorf("cascade left %d tokens, %d params", len(toks), len(params))
		}
		return nil
	})
	if p := getList(t, e, "/device/"+other.DeviceID+"/params"); len(p) != 1 {
		t.Fatalf("other device params %v", p)
	}
	req(t, e, "GET", "/info", other.Token, nil).ok(t, 200, nil)
	req(t, e, "DELETE", "/device/"+c.DeviceID, tok, nil).fail(t, 404, "Device not found")
}

func TestDeviceList(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	mkDevice(t, e, "Temperature A", map[string]any{"tags": []map[string]string{{"key": "type", "value": "sensor"}, {"key": "site", "value": "north"}}})
	mkDevice(t, e, "temperature b", map[string]any{"tags": []map[string]string{{"key": "type", "value": "sensor"}}, "visible": false})
	mkDevice(t, e, "Humidity", map[string]any{"tags": []map[string]string{{"key": "type", "value": "actuator"}}, "active": false})
	mkDevice(t, e, "Pressure", map[string]any{"type": "immutable", "chunk_period": "day", "chunk_retention": 3, "connector": ConnectorMQTTID, "network": NetworkMQTTID})

	// default: name,asc (case-insensitive), default fields
	l := getList(t, e, "/device")
	if got := pluck(l, "name"); !eqStrings(got, []string{"Humidity", "Pressure", "Temperature A", "temperature b"}) {
		t.Fatalf("default order %v", got)
	}
	keys := make([]string, 0)
	for k := range l[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if !eqStrings(keys, []string{"connector", "id", "name", "network", "tags"}) {
		t.Fatalf("default fields %v", keys)
	}

	cases := []struct {
		query string
		want  []string
	}{
		{"filter[name]=Humidity", []string{"Humidity"}},
		{"filter[name]=humidity", []string{"Humidity"}},
		{"filter[name]=Temp*", []string{"Temperature A", "temperature b"}},
		{"filter%5Bname%5D=%2Aure%2A", []string{"Pressure", "Temperature A", "temperature b"}},
		{"filter[name]=Temp", nil},
		{"filter[visible]=false", []string{"temperature b"}},
		{"filter[visible]=False", []string{"temperature b"}},
		{"filter[active]=false", []string{"Humidity"}},
		{"filter[active]=True", []string{"Pressure", "Temperature A", "temperature b"}},
		{"filter[type]=immutable", []string{"Pressure"}},
		{"filter[connector]=" + ConnectorMQTTID, []string{"Pressure"}},
		{"filter[network]=" + NetworkHTTPID, []string{"Humidity", "Temperature A", "temperature b"}},
		{"filter[tags][0][key]=type&filter[tags][0][value]=sensor", []string{"Temperature A", "temperature b"}},
		{"filter[tags][0][key]=site", []string{"Temperature A"}},
		{"filter[tags][0][key]=type&filter[tags][1][key]=site&filter[tags][1][value]=north", []string{"Temperature A"}},
		{"filter[tags][0][key]=type&filter[tags][0][value]=nope", nil},
		{"filter[tags][][key]=type&filter[tags][][value]=actuator", []string{"Humidity"}},
		{"filter[created_at]=1%20day", []string{"Humidity", "Pressure", "Temperature A", "temperature b"}},
		{"filter[created_at]=" + formatTime(time.Now().Add(time.Hour)), nil},
		{"filter[updated_at]=2000-01-01T00:00:00.000Z", []string{"Humidity", "Pressure", "Temperature A", "temperature b"}},
		{"filter[unknown]=x", []string{"Humidity", "Pressure", "Temperature A", "temperature b"}},
		{"orderBy=name,desc", []string{"temperature b", "Temperature A", "Pressure", "Humidity"}},
		{"orderBy[0]=name&orderBy[1]=desc", []string{"temperature b", "Temperature A", "Pressure", "Humidity"}},
		{"orderBy=created_at,asc", []string{"Temperature A", "temperature b", "Humidity", "Pressure"}},
		{"orderBy=created_at,desc", []string{"Pressure", "Humidity", "temperature b", "Temperature A"}},
		{"orderBy=active,asc&filter[name]=*u*", []string{"Humidity", "Temperature A", "temperature b", "Pressure"}}, // ties: creation order
		{"amount=2", []string{"Humidity", "Pressure"}},
		{"amount=2&page=2", []string{"Temperature A", "temperature b"}},
		{"amount=2&page=3", nil},
		{"amount=3&page=0", []string{"Humidity", "Pressure", "Temperature A"}},
		{"amount=0", []string{"Humidity", "Pressure", "Temperature A", "temperature b"}},
		{"amount=99999", []string{"Humidity", "Pressure", "Temperature A", "temperature b"}},
	}
	for _, tc := range cases {
		l := getList(t, e, "/device?fields=name&"+tc.query)
		if got := pluck(l, "name"); !eqStrings(got, tc.want) && (len(got) != 0 || len(tc.want) != 0) {
			t.Errorf("%s: got %v, want %v", tc.query, got, tc.want)
		}
	}
	// created_at ordering relies on distinct creation instants; verify the assumption.
	if l := getList(t, e, "/device?fields=created_at&orderBy=created_at,asc"); len(l) != 4 {
		t.Fatal("created_at list")
	}

	// fields in every encoding; id always included; unknown ignored
	for _, q := range []string{"fields[]=name&fields[]=type", "fields[0]=name&fields[1]=type", "fields=name&fields=type", "fields=name,type", "fields=name&fields=type&fields=bogus"} {
		l := getList(t, e, "/device?"+q)
		for _, it := range l {
			if len(it) != 3 || it["id"] == nil || it["name"] == nil || it["type"] == nil {
				t.Fatalf("%s: item %v", q, it)
			}
		}
	}
	// list bucket is a plain id; resolveBucketName adds the name
	l = getList(t, e, "/device?fields=bucket&filter[name]=Humidity&resolveBucketName=true&resolveConnectorName=true")
	if len(l) != 1 || l[0]["bucket"] != l[0]["id"] || l[0]["bucket_name"] != "Humidity" || l[0]["connector_name"] != "Custom HTTPS" {
		t.Fatalf("resolve flags %v", l)
	}
	// an empty page is [] (not null), and absurd pages are just empty
	for _, q := range []string{"filter[name]=nothing", "page=9223372036854775807", "page=99999999999&amount=10000"} {
		if r := req(t, e, "GET", "/device?"+q, tok, nil); r.Code != 200 || string(r.Result) != "[]" {
			t.Fatalf("%s: %d %s", q, r.Code, r.Raw)
		}
	}
	// bad inputs
	req(t, e, "GET", "/device?page=x", tok, nil).fail(t, 400, "page")
	req(t, e, "GET", "/device?page=99999999999999999999", tok, nil).fail(t, 400, "page")
	req(t, e, "GET", "/device?filter[active]=maybe", tok, nil).fail(t, 400, "filter[active]")
	req(t, e, "GET", "/device?filter[created_at]=whenever", tok, nil).fail(t, 400, "filter[created_at]")
}

func TestDeviceListSerialAndPagingStability(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	a := mkDevice(t, e, "lora", map[string]any{"connector": ConnectorLoRaWANID, "network": NetworkLoRaWANID, "serie_number": "ABC123"})
	b := mkDevice(t, e, "http", nil)
	req(t, e, "POST", "/device/token", tok, map[string]any{"device": b.DeviceID, "name": "t", "serie_number": "SER-9"}).ok(t, 201, nil)
	if l := getList(t, e, "/device?serial=ABC123"); len(l) != 1 || l[0]["id"] != a.DeviceID {
		t.Fatalf("serial on device %v", l)
	}
	if l := getList(t, e, "/device?serial=SER-9"); len(l) != 1 || l[0]["id"] != b.DeviceID {
		t.Fatalf("serial on token %v", l)
	}
	// equal sort keys page without duplicates or gaps
	for i := range 25 {
		mkDevice(t, e, "same", map[string]any{"description": fmt.Sprint(i)})
	}
	seen := map[string]bool{}
	for page := 1; page <= 3; page++ {
		for _, it := range getList(t, e, fmt.Sprintf("/device?filter[name]=same&amount=10&page=%d", page)) {
			id := as[string](t, it["id"])
			if seen[id] {
				t.Fatalf("duplicate %s across pages", id)
			}
			seen[id] = true
		}
	}
	if len(seen) != 25 {
		t.Fatalf("paged %d of 25", len(seen))
	}
}

func TestDeviceTrailingSlashAndHEAD(t *testing.T) {
	e := newEmu(t)
	c := mkDevice(t, e, "x", nil)
	getList(t, e, "/device/")
	getMap(t, e, "/device/"+c.DeviceID+"/")
	r := req(t, e, "HEAD", "/device/"+c.DeviceID, e.ProfileToken(), nil)
	if r.Code != 200 || len(r.Raw) != 0 && !strings.HasPrefix(string(r.Raw), "{") {
		t.Fatalf("HEAD %d %q", r.Code, r.Raw)
	}
	var cr created
	req(t, e, "POST", "/device/", e.ProfileToken(), map[string]any{"name": "y", "connector": ConnectorHTTPSID, "network": NetworkHTTPID}).ok(t, http.StatusCreated, &cr)
}
