package emulator

// The emulator is no kinder than the API: every field of a response must be documented, by
// TagoIO's OpenAPI response schema for the route or by the official SDK's TypeScript type for that
// response (then listed in the case's sdkFields). A client that reads a field neither documents
// would work against the emulator and fail against TagoIO.

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// responseSchema is the documented JSON schema of an operation's answer with status, or nil when
// the spec gives none.
func responseSchema(doc *v3.Document, specPath, method string, status int) *base.Schema {
	item := doc.Paths.PathItems.GetOrZero(specPath)
	if item == nil {
		return nil
	}
	op := item.GetOperations().GetOrZero(strings.ToLower(method))
	if op == nil || op.Responses == nil {
		return nil
	}
	resp := op.Responses.Codes.GetOrZero(fmt.Sprint(status))
	if resp == nil {
		resp = op.Responses.Default
	}
	if resp == nil || resp.Content == nil {
		return nil
	}
	mt := resp.Content.GetOrZero("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Schema()
}

// specPathFor is the spec's template for an emulator route template ("/device/{id}" matches
// "/device/{deviceID}").
func specPathFor(doc *v3.Document, method, template string) string {
	want := shapeOf(template)
	for p, item := range doc.Paths.PathItems.FromOldest() {
		if shapeOf(p) == want && item.GetOperations().GetOrZero(strings.ToLower(method)) != nil {
			return p
		}
	}
	return ""
}

// schemaProperties is every property a schema documents, through allOf/oneOf/anyOf; ok is false
// for a free-form object (no property listed), which documents any key.
func schemaProperties(s *base.Schema) (props map[string]*base.Schema, ok bool) {
	props = map[string]*base.Schema{}
	var walk func(s *base.Schema)
	walk = func(s *base.Schema) {
		if s == nil {
			return
		}
		if s.Properties != nil {
			for name, p := range s.Properties.FromOldest() {
				props[name] = p.Schema()
			}
		}
		for _, group := range [][]*base.SchemaProxy{s.AllOf, s.OneOf, s.AnyOf} {
			for _, sub := range group {
				walk(sub.Schema())
			}
		}
	}
	walk(s)
	return props, len(props) > 0
}

// additionalPropertiesSchema says whether a schema (through allOf/oneOf/anyOf) documents keys
// beyond its properties (`additionalProperties`: a schema, or true), and their schema if it has one.
func additionalPropertiesSchema(s *base.Schema) (*base.Schema, bool) {
	if s == nil {
		return nil, false
	}
	if ap := s.AdditionalProperties; ap != nil {
		if ap.IsA() {
			return ap.A.Schema(), true
		}
		if ap.B {
			return nil, true
		}
	}
	for _, group := range [][]*base.SchemaProxy{s.AllOf, s.OneOf, s.AnyOf} {
		for _, sub := range group {
			if extra, open := additionalPropertiesSchema(sub.Schema()); open {
				return extra, true
			}
		}
	}
	return nil, false
}

// itemsSchema is the schema of an array's items, through allOf/oneOf/anyOf.
func itemsSchema(s *base.Schema) *base.Schema {
	if s == nil {
		return nil
	}
	if s.Items != nil && s.Items.IsA() {
		return s.Items.A.Schema()
	}
	for _, group := range [][]*base.SchemaProxy{s.AllOf, s.OneOf, s.AnyOf} {
		for _, sub := range group {
			if items := itemsSchema(sub.Schema()); items != nil {
				return items
			}
		}
	}
	return nil
}

// undocumentedFields lists the paths of body ("$.result.serie_number", "$.result[].id") that
// schema does not document and allowed (fields the SDK's type documents) does not list.
func undocumentedFields(schema *base.Schema, body []byte, allowed []string) ([]string, error) {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, err
	}
	ok := map[string]bool{}
	for _, p := range allowed {
		ok[p] = true
	}
	var out []string
	var walk func(s *base.Schema, v any, path string)
	walk = func(s *base.Schema, v any, path string) {
		switch v := v.(type) {
		case map[string]any:
			props, documented := schemaProperties(s)
			for key, child := range v {
				childPath := path + "." + key
				if ok[childPath] || ok[path+".*"] { // ".*": a map whose keys are data
					continue
				}
				if !documented {
					if s == nil { // a parent documented the key but not its shape: neither do we
						continue
					}
					continue // a free-form object documents any key
				}
				ps, known := props[key]
				if !known {
					if extra, open := additionalPropertiesSchema(s); open {
						walk(extra, child, childPath) // a map: any key, in the documented shape
						continue
					}
					out = append(out, childPath)
					continue
				}
				walk(ps, child, childPath)
			}
		case []any:
			items := itemsSchema(s)
			for _, item := range v {
				walk(items, item, path+"[]")
			}
		}
	}
	walk(schema, v, "$")
	sort.Strings(out)
	return dedupe(out), nil
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func TestUndocumentedFields_CatchesAnExtraKey(t *testing.T) {
	doc, _ := loadSpec(t)
	schema := responseSchema(doc, "/device/{deviceID}", "GET", 200)
	if schema == nil {
		t.Fatal("the spec documents no answer for GET /device/{deviceID}")
	}
	got, err := undocumentedFields(schema, []byte(`{"status":true,"result":{"id":"x","name":"n","serie_number":"SN","tags":[{"key":"k","value":"v","extra":1}]}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"$.result.serie_number", "$.result.tags[].extra"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("undocumented = %v, want %v", got, want)
	}
	got, _ = undocumentedFields(schema, []byte(`{"status":true,"result":{"id":"x","serie_number":"SN"}}`), []string{"$.result.serie_number"})
	if len(got) != 0 {
		t.Errorf("an allowed field was reported: %v", got)
	}
}

// checkDocumentedFields fails the case for every field of the answer that neither the spec's
// response schema nor tc.sdkFields documents.
func checkDocumentedFields(t *testing.T, doc *v3.Document, e *Emulator, tc contractCase, body []byte) {
	t.Helper()
	specPath := tc.specPath
	if specPath == "" {
		rt, _, _ := e.router.match(tc.method, strings.SplitN(tc.path, "?", 2)[0])
		if rt == nil {
			t.Fatalf("no emulator route for %s %s", tc.method, tc.path)
		}
		specPath = specPathFor(doc, tc.method, rt.Template)
	}
	schema := responseSchema(doc, specPath, tc.method, tc.wantStatus)
	if schema == nil {
		return // no documented body (see note 2): the handler tests check it
	}
	extra, err := undocumentedFields(schema, body, tc.sdkFields)
	if err != nil {
		t.Fatalf("answer is not JSON: %v", err)
	}
	for _, f := range extra {
		t.Errorf("undocumented field %s: neither the OpenAPI response schema nor the SDK's type has it", f)
	}
}

// sdkDocumentedFields are the top-level fields of answers the OpenAPI file does not document,
// written from the official SDK's type for each answer (@tago-io/sdk): AnalysisInfo, ActionInfo,
// SecretsInfo, DeviceTokenData and ProfileTeam.
var sdkDocumentedFields = map[string][]string{
	"GET /analysis/{id}": {"id", "name", "description", "interval", "run_on", "file_name", "runtime", "active", "profile",
		"variables", "tags", "token", "last_run", "created_at", "updated_at", "locked_at", "console", "version", "versions"},
	"GET /action/{id}": {"id", "name", "profile", "active", "tags", "description", "lock", "type", "trigger", "action",
		"trigger_when_unlock", "last_triggered", "updated_at", "created_at"},
	"GET /secrets/{id}": {"id", "key", "tags", "value_length", "created_at", "updated_at"},
	"GET /device/token/{deviceID}": {"token", "device_id", "network_id", "name", "permission", "serie_number",
		"last_authorization", "expire_time", "created_at"},
	"GET /profile/{id}/team": {"active", "created_at", "email", "id", "name"},
}

// TestSDKDocumentedFields holds the routes the OpenAPI file lacks to the SDK's types.
func TestSDKDocumentedFields(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	dev := mkDevice(t, e, "SDK fields", map[string]any{"serie_number": "SN-1"})
	var analysis, action, secret map[string]any
	req(t, e, "POST", "/analysis", tok, map[string]any{"name": "SDK fields", "runtime": "node-rt2025",
		"variables": []map[string]string{{"key": "K", "value": "V"}}, "tags": []map[string]string{{"key": "k", "value": "v"}}}).ok(t, 200, &analysis)
	req(t, e, "POST", "/action", tok, map[string]any{"name": "SDK fields", "type": "interval",
		"trigger": []map[string]any{{"interval": "5 minutes"}}, "action": map[string]any{"type": "post", "url": "https://example.com"}}).ok(t, 200, &action)
	req(t, e, "POST", "/secrets", tok, map[string]any{"key": "SDK_FIELDS", "value": "v"}).ok(t, 200, &secret)
	req(t, e, "POST", "/profile/"+e.ProfileID()+"/team", tok, map[string]any{"email": "sdk-fields@example.com"}).ok(t, 200, nil)
	paths := map[string]string{
		"GET /analysis/{id}":           "/analysis/" + as[string](t, analysis["id"]),
		"GET /action/{id}":             "/action/" + as[string](t, action["action"]),
		"GET /secrets/{id}":            "/secrets/" + as[string](t, secret["id"]),
		"GET /device/token/{deviceID}": "/device/token/" + dev.DeviceID,
		"GET /profile/{id}/team":       "/profile/" + e.ProfileID() + "/team",
	}
	for route, path := range paths {
		documented := map[string]bool{}
		for _, f := range sdkDocumentedFields[route] {
			documented[f] = true
		}
		r := req(t, e, "GET", path, tok, nil)
		var result any
		r.ok(t, 200, &result)
		objects := []any{result}
		if items, ok := result.([]any); ok {
			objects = items
		}
		for _, o := range objects {
			for key := range as[map[string]any](t, o) {
				if !documented[key] {
					t.Errorf("%s: undocumented field %q (not in the SDK's type for this answer)", route, key)
				}
			}
		}
	}
}
