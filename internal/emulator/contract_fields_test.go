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

// sdkDocumentedFields are the fields, at every depth, of answers the OpenAPI file does not
// document, written from the official SDK's type for each answer (@tago-io/sdk): AnalysisInfo,
// ActionInfo (with every member of the ActionTriggerType and ActionTypeParams unions), SecretsInfo
// DeviceTokenData and ProfileTeam. A path is relative to the result object; "[]" steps into a list's items,
// "*" stands for any key of a map whose keys are data, and a trailing ".**" documents anything
// below (Record<string, any>).
var sdkDocumentedFields = map[string][]string{
	"GET /analysis/{id}": {"id", "name", "description", "interval", "run_on", "file_name", "runtime", "active", "profile",
		"variables", "variables[].key", "variables[].value", "tags", "tags[].key", "tags[].value", "token", "last_run",
		"created_at", "updated_at", "locked_at", "console", "version",
		"versions", "versions.*", "versions.*.file_name", "versions.*.created_at", "versions.*.created_by"},
	"GET /action/{id}": {"id", "name", "profile", "active", "tags", "tags[].key", "tags[].value", "description", "lock", "type",
		"trigger", "trigger[].resource", "trigger[].when", "trigger[].tag_key", "trigger[].tag_value", "trigger[].interval",
		"trigger[].timezone", "trigger[].cron", "trigger[].device", "trigger[].variable", "trigger[].is", "trigger[].value",
		"trigger[].value.center", "trigger[].value.radius", "trigger[].value.coordinates",
		"trigger[].second_value", "trigger[].value_type", "trigger[].unlock", "trigger[].service_or_resource",
		"trigger[].condition", "trigger[].condition_value",
		"action", "action.type", "action.script", "action.message", "action.subject", "action.run_user", "action.to",
		"action.bucket", "action.payload", "action.topic", "action.headers", "action.headers.**", "action.url",
		"action.from", "action.twilio_sid", "action.twilio_token", "action.content_variables",
		"action.content_variables[].name", "action.content_variables[].value", "action.content_sid",
		"action.sendgrid_api_key", "action.smtp_secret", "action.sqs_secret", "action.batch_enabled",
		"trigger_when_unlock", "last_triggered", "updated_at", "created_at"},
	"GET /secrets/{id}": {"id", "key", "tags", "tags[].key", "tags[].value", "value_length", "created_at", "updated_at"},
	"GET /device/token/{deviceID}": {"token", "device_id", "network_id", "name", "permission", "serie_number",
		"last_authorization", "expire_time", "created_at"},
	// ConnectorInfo; NetworkInfo (its dates are among NetworkQuery's fields). A parameter's
	// options are any[] in the SDK: their shape is free.
	"GET /integration/connector/{id}": {"id", "name", "description", "logo_url", "networks", "public",
		"device_parameters", "device_parameters[].name", "device_parameters[].label", "device_parameters[].type",
		"device_parameters[].default", "device_parameters[].default.**", "device_parameters[].group",
		"device_parameters[].options", "device_parameters[].options[].**",
		"payload_encoder", "payload_decoder", "install_text", "install_end_text", "device_annotation", "created_at", "updated_at"},
	"GET /integration/network/{id}": {"id", "name", "description", "logo_url", "icon_url", "banner_url",
		"device_parameters", "device_parameters[].name", "device_parameters[].label", "device_parameters[].type",
		"device_parameters[].default", "device_parameters[].default.**", "device_parameters[].group",
		"device_parameters[].options", "device_parameters[].options[].**",
		"middleware_endpoint", "payload_encoder", "payload_decoder", "public", "documentation_url",
		"serial_number", "serial_number.mask", "serial_number.label", "serial_number.image", "serial_number.case",
		"serial_number.help", "serial_number.required", "require_devices_access", "created_at", "updated_at"},
	"GET /profile/{id}/team": {"active", "created_at", "email", "id", "name"},
}

// sdkUndocumentedFields lists the paths of v (relative to the result object) that no pattern of
// documented matches.
func sdkUndocumentedFields(v any, documented []string) []string {
	var out []string
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch v := v.(type) {
		case map[string]any:
			for key, child := range v {
				childPath := key
				if path != "" {
					childPath = path + "." + key
				}
				if !sdkDocuments(documented, childPath) {
					out = append(out, childPath)
					continue
				}
				walk(child, childPath)
			}
		case []any:
			for _, item := range v {
				walk(item, path+"[]")
			}
		}
	}
	walk(v, "")
	sort.Strings(out)
	return dedupe(out)
}

// sdkDocuments reports whether one of patterns documents the field at path.
func sdkDocuments(patterns []string, path string) bool {
	for _, p := range patterns {
		if sdkPatternMatches(strings.Split(p, "."), strings.Split(path, ".")) {
			return true
		}
	}
	return false
}

func sdkPatternMatches(pattern, path []string) bool {
	for i, want := range pattern {
		switch {
		case want == "**":
			return i < len(path)
		case i == len(path):
			return false
		case want != path[i] && (want != "*" || strings.HasSuffix(path[i], "[]")):
			return false
		}
	}
	return len(pattern) == len(path)
}

func TestSDKUndocumentedFields_CatchesNestedKeys(t *testing.T) {
	t.Parallel()
	patterns := []string{"a", "a[].b", "m", "m.*", "m.*.x", "h", "h.**"}
	v := map[string]any{
		"a": []any{map[string]any{"b": 1, "extra": 2}},
		"m": map[string]any{"v1": map[string]any{"x": 1, "y": 2}},
		"h": map[string]any{"free": map[string]any{"deep": 1}},
		"z": 1,
	}
	got := strings.Join(sdkUndocumentedFields(v, patterns), ",")
	if want := "a[].extra,m.v1.y,z"; got != want {
		t.Errorf("undocumented = %s, want %s", got, want)
	}
}

// TestSDKDocumentedFields holds the routes the OpenAPI file lacks to the SDK's types, at every
// depth: every trigger family and action kind the SDK types, tags, variables and token fields.
func TestSDKDocumentedFields(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	dev := mkDevice(t, e, "SDK fields", map[string]any{"serie_number": "SN-1"})
	tags := []map[string]string{{"key": "k", "value": "v"}, {"key": "k", "value": "ü"}}
	var analysis, secret map[string]any
	req(t, e, "POST", "/analysis", tok, map[string]any{"name": "SDK fields", "runtime": "node-rt2025",
		"variables": []map[string]string{{"key": "K", "value": "V"}}, "tags": tags}).ok(t, 200, &analysis)
	req(t, e, "POST", "/secrets", tok, map[string]any{"key": "SDK_FIELDS", "value": "v", "tags": tags}).ok(t, 200, &secret)
	sid := as[string](t, secret["id"])
	req(t, e, "POST", "/device/token", tok, map[string]any{"device": dev.DeviceID, "name": "SDK fields", "permission": "full",
		"serie_number": "SN-2", "expire_time": "never"}).ok(t, 201, nil)
	req(t, e, "POST", "/profile/"+e.ProfileID()+"/team", tok, map[string]any{"email": "sdk-fields@example.com"}).ok(t, 200, nil)
	var network, connector map[string]any
	req(t, e, "POST", "/integration/network", tok, map[string]any{"name": "SDK fields", "banner_url": "https://example.com/b.png",
		"serial_number": map[string]any{"required": true, "label": "EUI", "mask": "HHHH", "image": "https://example.com/i.png", "case": "upper", "help": "h"},
		"device_parameters": []map[string]any{{"name": "p", "label": "P", "type": "dropdown", "group": "main", "default": "a",
			"options": []map[string]any{{"label": "A", "value": "a"}}}}}).ok(t, 200, &network)
	req(t, e, "POST", "/integration/connector", tok, map[string]any{"name": "SDK fields", "networks": []any{network["network"]},
		"device_parameters": []map[string]any{{"name": "p", "type": "text", "label": "P", "group": "advanced", "default": "x"}}}).ok(t, 200, &connector)
	paths := map[string][]string{
		"GET /analysis/{id}":              {"/analysis/" + as[string](t, analysis["id"])},
		"GET /secrets/{id}":               {"/secrets/" + sid},
		"GET /device/token/{deviceID}":    {"/device/token/" + dev.DeviceID},
		"GET /integration/connector/{id}": {"/integration/connector/" + as[string](t, connector["connector"])},
		"GET /integration/network/{id}":   {"/integration/network/" + as[string](t, network["network"])},
		"GET /profile/{id}/team":          {"/profile/" + e.ProfileID() + "/team"},
	}
	triggers := map[string][]any{
		"condition":          {conditionTrigger()},
		"resource":           {map[string]any{"resource": "device", "when": "create", "tag_key": "k", "tag_value": "v"}},
		"interval":           {map[string]any{"interval": "5 minutes"}},
		"schedule":           {map[string]any{"timezone": "America/Sao_Paulo", "cron": "0 * * * *"}},
		"usage_alert":        {map[string]any{"service_or_resource": "input", "condition": ">", "condition_value": 80}},
		"condition_geofence": geofence(map[string]any{"center": []float64{-78.6, 35.7}, "radius": 1.5}),
	}
	actions := []map[string]any{
		scriptAction,
		{"type": "notification", "subject": "s", "message": "m"},
		{"type": "notification_run", "subject": "s", "message": "m", "run_user": someDeviceID},
		{"type": "email", "to": "a@b.c", "subject": "s", "message": "m"},
		{"type": "sms", "to": "+5511999999999", "message": "m"},
		{"type": "mqtt", "topic": "t", "payload": "$VALUE$", "bucket": someDeviceID},
		{"type": "post", "url": "https://example.com/hook", "headers": map[string]any{"X-Key": "1", "X-Nested": map[string]any{"a": 1}}},
		{"type": "sms-twilio", "to": "+1", "from": "+2", "message": "m", "twilio_sid": sid, "twilio_token": sid},
		{"type": "whatsapp-twilio", "to": "+1", "from": "+2", "twilio_sid": sid, "twilio_token": sid, "content_sid": "HX1",
			"content_variables": []map[string]string{{"name": "1", "value": "v"}}},
		{"type": "email-sendgrid", "to": "a@b.c", "from": "b@c.d", "subject": "s", "message": "m", "sendgrid_api_key": sid},
		{"type": "email-smtp", "to": "a@b.c", "from": "b@c.d", "subject": "s", "message": "m", "smtp_secret": sid},
		{"type": "queue-sqs", "sqs_secret": sid, "batch_enabled": true},
	}
	families := []string{"condition", "resource", "interval", "schedule", "usage_alert", "condition_geofence"}
	for i, action := range actions {
		family := families[i%len(families)]
		id := postAction(t, e, map[string]any{"name": "SDK fields " + as[string](t, action["type"]), "type": family,
			"trigger": triggers[family], "action": action, "tags": tags, "description": "d"})
		paths["GET /action/{id}"] = append(paths["GET /action/{id}"], "/action/"+id)
	}
	for route, routePaths := range paths {
		for _, path := range routePaths {
			r := req(t, e, "GET", path, tok, nil)
			var result any
			r.ok(t, 200, &result)
			objects := []any{result}
			if items, ok := result.([]any); ok {
				objects = items
			}
			if len(objects) == 0 {
				t.Errorf("%s: empty answer, nothing checked", path)
			}
			for _, o := range objects {
				for _, f := range sdkUndocumentedFields(o, sdkDocumentedFields[route]) {
					t.Errorf("%s (%s): undocumented field %q (not in the SDK's type for this answer)", route, path, f)
				}
			}
		}
	}
}
