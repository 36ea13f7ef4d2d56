package emulator

// OpenAPI contract test: the emulator's responses are validated against TagoIO's own
// OpenAPI 3.1 file (testdata/tagoio-openapi.yaml, a copy of
// specs/tagoio-api.yaml in github.com/tago-io/docs @ 4d74f10) with libopenapi-validator.
//
// Places where the file itself cannot judge the emulator, each skipped narrowly:
//
//  1. Nullable fields the spec types as plain "string" (it never says nullable). A new
//     device has description, last_input and (without a decoder) payload_decoder null,
//     and a never-expiring token's expire_time is null (docs/api-notes.md §8.3). Only the error
//     "got null, want string" at exactly those field paths is forgiven (knownNulls).
//  2. GET /device/token/{deviceID} and DELETE /device/token/{tokenID} are one path
//     shape with different parameter names; the validator's path lookup keeps only the
//     second, so the GET is validated by handing the validator that path item
//     explicitly (specPath). The GET has no response schema, so only the documented
//     status is checked by the spec; the body is checked by the handler tests.
//  3. POST /device documents result {deviceID, token}; the emulator emits
//     {device_id, bucket_id, token} (docs/api-notes.md §8.1). The schema requires no key and
//     allows extra ones, so it validates; the divergence is noted, not skipped.
//  4. POST /device/token documents expire_time only; the emulator adds expire_date
//     (docs/api-notes.md §8.2). Same situation as 3.
//  5. None of this slice's operations documents an error response. Error bodies are
//     validated against the error-response schema the spec gives elsewhere (POST
//     /profile/{profile_id}/backup/{backup_id}/download, 404), which is the API-wide
//     {status, message} envelope, plus stricter checks of our own.
//  6. Two operations document a wrong shape around a correct item: GET /dashboard
//     gives the list item array without the {status, result} envelope every response
//     has, and GET /run/users/{userID} types result as an array of UserInfo although
//     it is one user (the JS SDK reads an object). Those cases reshape the emulator's
//     body to the documented shape (reshape), so every field is still checked.

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	verrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

const specServer = "https://api.us-e1.tago.io"

var (
	specOnce      sync.Once
	specDoc       *v3.Document
	specValidator validator.Validator
	specErr       error
)

func loadSpec(t *testing.T) (*v3.Document, validator.Validator) {
	t.Helper()
	specOnce.Do(func() {
		raw, err := os.ReadFile("testdata/tagoio-openapi.yaml")
		if err != nil {
			specErr = err
			return
		}
		doc, err := libopenapi.NewDocument(raw)
		if err != nil {
			specErr = err
			return
		}
		model, err := doc.BuildV3Model()
		if err != nil {
			specErr = err
			return
		}
		specDoc = &model.Model
		specValidator = validator.NewValidatorFromV3Model(specDoc)
	})
	if specErr != nil {
		t.Fatalf("load OpenAPI spec: %v", specErr)
	}
	return specDoc, specValidator
}

// shapeOf turns "/device/{deviceID}/params" and "/device/{id}/params" into the same
// "/device/{}/params".
var paramSegRe = regexp.MustCompile(`\{[^}]*\}`)

func shapeOf(template string) string {
	return paramSegRe.ReplaceAllString(normalizePath(template), "{}")
}

type contractCase struct {
	name       string
	method     string
	path       string // concrete path and query
	token      string
	body       any
	wantStatus int
	specPath   string   // explicit spec template, when the validator's lookup collides
	knownNulls []string // field paths the spec types as string although null is legal
	// reshape adapts the body to a misdocumented shape (note 6).
	reshape func(t *testing.T, body []byte) []byte
	// wantMessage is part of the error message an error case must give (so that a 400 for
	// another reason does not pass).
	wantMessage string
	// sdkFields are response fields the spec lacks but the official SDK's type for the answer
	// documents ("$.result.rpm"); any other undocumented field fails (contract_fields_test.go).
	sdkFields []string
}

func TestOpenAPIContract(t *testing.T) {
	t.Parallel()
	doc, v := loadSpec(t)
	e := newEmu(t)
	tok := e.ProfileToken()

	decoder := "Y29uc29sZS5sb2coMSk="
	dev := mkDevice(t, e, "Contract", map[string]any{
		"tags":                 []map[string]string{{"key": "k", "value": "v"}},
		"configuration_params": []map[string]any{{"key": "p", "value": "1"}},
	})
	imm := mkDevice(t, e, "Contract immutable", map[string]any{
		"type": "immutable", "chunk_period": "month", "chunk_retention": 6, "description": "described", "payload_decoder": decoder,
	})
	victim := mkDevice(t, e, "Contract victim", nil)
	params := getList(t, e, "/device/"+dev.DeviceID+"/params")
	paramID := as[string](t, params[0]["id"])
	var expiring map[string]any
	req(t, e, "POST", "/device/token", tok, map[string]any{"device": victim.DeviceID, "name": "x", "expire_time": "1 day"}).ok(t, 201, &expiring)

	deviceNulls := []string{"$.result.description", "$.result.last_input", "$.result.payload_decoder"}
	// Documented by the official SDK's types, not by the OpenAPI file (contract_fields_test.go):
	// DeviceCreateResponse, DeviceInfo (and Device.info() for /info), TokenCreateResponse.
	sdkCreated := []string{"$.result.device_id", "$.result.bucket_id"}
	sdkDeviceInfo := []string{"$.result.bucket", "$.result.rpm", "$.result.chunk_period", "$.result.chunk_retention"}
	sdkInfo := append([]string{"$.result.description"}, sdkDeviceInfo...)
	sdkTokenCreated := []string{"$.result.expire_date"}
	cases := []contractCase{
		{name: "list devices", method: "GET", path: "/device", token: tok, wantStatus: 200},
		{name: "list devices all fields", method: "GET", path: "/device?fields=id,name,connector,network,tags&amount=5&page=1&orderBy=name,asc&filter[name]=Contract*", token: tok, wantStatus: 200},
		{name: "create device", method: "POST", path: "/device", token: tok, wantStatus: 201,
			body: map[string]any{"name": "New", "type": "mutable", "connector": ConnectorHTTPSID, "network": NetworkHTTPID}, sdkFields: sdkCreated},
		{name: "create immutable device", method: "POST", path: "/device", token: tok, wantStatus: 201,
			body: map[string]any{"name": "New imm", "type": "immutable", "connector": ConnectorHTTPSID, "network": NetworkHTTPID, "chunk_period": "quarter", "chunk_retention": 36}, sdkFields: sdkCreated},
		{name: "device info (fresh)", method: "GET", path: "/device/" + dev.DeviceID, token: tok, wantStatus: 200, knownNulls: deviceNulls, sdkFields: sdkDeviceInfo},
		{name: "device info (immutable, described)", method: "GET", path: "/device/" + imm.DeviceID, token: tok, wantStatus: 200, knownNulls: []string{"$.result.last_input"}, sdkFields: sdkDeviceInfo},
		{name: "edit device", method: "PUT", path: "/device/" + dev.DeviceID, token: tok, wantStatus: 200,
			body: map[string]any{"name": "Contract", "visible": true, "tags": []map[string]string{{"key": "my_tag_key", "value": "my_tag_value"}}}},
		{name: "data amount", method: "GET", path: "/device/" + dev.DeviceID + "/data_amount", token: tok, wantStatus: 200},
		{name: "list device tokens", method: "GET", path: "/device/token/" + dev.DeviceID, token: tok, wantStatus: 200, specPath: "/device/token/{deviceID}"},
		{name: "create token never", method: "POST", path: "/device/token", token: tok, wantStatus: 201,
			body:       map[string]any{"device": dev.DeviceID, "name": "Token #2", "permission": "full", "expire_time": "never"},
			knownNulls: []string{"$.result.expire_time"}, sdkFields: sdkTokenCreated},
		{name: "create token 3 hours", method: "POST", path: "/device/token", token: tok, wantStatus: 201,
			body: map[string]any{"device": dev.DeviceID, "name": "TestToken", "expire_time": "3 hours"}, sdkFields: sdkTokenCreated},
		{name: "delete token", method: "DELETE", path: "/device/token/" + as[string](t, expiring["token"]), token: tok, wantStatus: 200},
		{name: "list params", method: "GET", path: "/device/" + dev.DeviceID + "/params", token: tok, wantStatus: 200},
		{name: "list params sent_status", method: "GET", path: "/device/" + dev.DeviceID + "/params?sent_status=false", token: tok, wantStatus: 200},
		{name: "set params", method: "POST", path: "/device/" + dev.DeviceID + "/params", token: tok, wantStatus: 201,
			body: map[string]any{"id": paramID, "key": "updatedKey", "sent": false, "value": "updatedValue"}},
		{name: "device lists own params", method: "GET", path: "/device/params?sent_status=true", token: dev.Token, wantStatus: 200},
		{name: "device marks param", method: "PUT", path: "/device/params/" + paramID, token: dev.Token, wantStatus: 200},
		{name: "device info via /info (fresh)", method: "GET", path: "/info", token: dev.Token, wantStatus: 200, knownNulls: deviceNulls, sdkFields: sdkInfo},
		{name: "device info via /info (decoder)", method: "GET", path: "/info", token: imm.Token, wantStatus: 200, knownNulls: []string{"$.result.last_input"}, sdkFields: sdkInfo},
		{name: "delete param", method: "DELETE", path: "/device/" + dev.DeviceID + "/params/" + paramID, token: tok, wantStatus: 200},
		{name: "delete device", method: "DELETE", path: "/device/" + victim.DeviceID, token: tok, wantStatus: 200},
	}
	cases = append(cases, dashboardRunAMContractCases(t, e)...)
	cases = append(cases, accountContractCases(e)...)
	cases = append(cases, dataPlaneContractCases(t, e)...)
	cases = append(cases, ingestAccountContractCases(t, e)...)
	cases = append(cases, dictionaryContractCases(t, e)...)
	cases = append(cases, entityContractCases(t, e)...)
	cases = append(cases, filesContractCases(t, e)...)

	covered := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, httpReq := contractDo(t, e, tc)
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			raw, _ := io.ReadAll(resp.Body)
			if tc.reshape != nil {
				raw = tc.reshape(t, raw)
			}
			resp.Body = io.NopCloser(bytes.NewReader(raw))
			checkDocumentedFields(t, doc, e, tc, raw)
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
		rt, _, _ := e.router.match(tc.method, strings.SplitN(tc.path, "?", 2)[0])
		if rt != nil {
			covered[tc.method+" "+shapeOf(rt.Template)] = true
		}
	}

	// Every route of the emulator that the spec documents must have been exercised.
	specOps := map[string]bool{}
	for path, item := range doc.Paths.PathItems.FromOldest() {
		for method := range item.GetOperations().FromOldest() {
			specOps[strings.ToUpper(method)+" "+shapeOf(path)] = true
		}
	}
	var missing []string
	for _, rt := range e.router.routes {
		key := rt.Method + " " + shapeOf(rt.Template)
		if specOps[key] && !covered[key] && !strings.HasPrefix(key, "GET /{}") {
			missing = append(missing, rt.Key())
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("routes documented in the OpenAPI file but not exercised by the contract test: %v", missing)
	}
	if len(covered) < 15 {
		t.Errorf("only %d routes covered", len(covered))
	}
}

// TestOpenAPIErrorEnvelope validates error responses against the spec's own error
// schema (see note 5 at the top of the file).
func TestOpenAPIErrorEnvelope(t *testing.T) {
	t.Parallel()
	doc, _ := loadSpec(t)
	item := doc.Paths.PathItems.GetOrZero("/profile/{profile_id}/backup/{backup_id}/download")
	if item == nil || item.Post == nil {
		t.Fatal("spec lacks the backup download operation used for the error schema")
	}
	var schema *base.Schema
	if r := item.Post.Responses.Codes.GetOrZero("404"); r != nil {
		if mt := r.Content.GetOrZero("application/json"); mt != nil && mt.Schema != nil {
			schema = mt.Schema.Schema()
		}
	}
	if schema == nil || schema.Properties == nil || schema.Properties.GetOrZero("message") == nil {
		t.Fatal("spec error schema not found")
	}
	sv := schema_validation.NewSchemaValidator()

	e := newEmu(t)
	dev := mkDevice(t, e, "d", nil)
	read := e.AddProfileToken("read", nil)
	cases := []contractCase{
		{method: "GET", path: "/device/nope", token: e.ProfileToken(), wantStatus: 400},
		{method: "GET", path: "/device/aaaaaaaaaaaaaaaaaaaaaaaa", token: e.ProfileToken(), wantStatus: 404},
		{method: "POST", path: "/device", token: e.ProfileToken(), body: map[string]any{}, wantStatus: 400},
		{method: "POST", path: "/device", token: e.ProfileToken(), body: "{", wantStatus: 400},
		{method: "GET", path: "/device", token: "", wantStatus: 401},
		{method: "POST", path: "/device", token: read, body: map[string]any{}, wantStatus: 403},
		{method: "GET", path: "/device", token: dev.Token, wantStatus: 403},
		{method: "GET", path: "/nope", token: e.ProfileToken(), wantStatus: 404},
		{method: "PATCH", path: "/device", token: e.ProfileToken(), wantStatus: 405},
		// Negative paging values are refused, on every list.
		{method: "GET", path: "/device?amount=-1", token: e.ProfileToken(), wantStatus: 400, wantMessage: "must be 0 or greater"},
		{method: "GET", path: "/device?page=-5", token: e.ProfileToken(), wantStatus: 400, wantMessage: "must be 0 or greater"},
		{method: "GET", path: "/analysis?page=-1", token: e.ProfileToken(), wantStatus: 400, wantMessage: "must be 0 or greater"},
		{method: "GET", path: "/dashboard?amount=-20", token: e.ProfileToken(), wantStatus: 400, wantMessage: "must be 0 or greater"},
		{method: "GET", path: "/run/users?amount=-1", token: e.ProfileToken(), wantStatus: 400, wantMessage: "must be 0 or greater"},
	}
	// Oversized strings are refused wherever an object stores them.
	longName, longText := strings.Repeat("n", 101), strings.Repeat("d", 10_001)
	device := func(extra map[string]any) map[string]any {
		b := map[string]any{"name": "d", "connector": ConnectorHTTPSID, "network": NetworkHTTPID, "type": "mutable"}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"POST", "/device", device(map[string]any{"name": longName})},
		{"POST", "/device", device(map[string]any{"name": strings.Repeat("é", 101)})},
		{"POST", "/device", device(map[string]any{"description": longText})},
		{"POST", "/device", device(map[string]any{"tags": []map[string]string{{"key": longName, "value": "v"}}})},
		{"POST", "/device", device(map[string]any{"tags": []map[string]string{{"key": "k", "value": strings.Repeat("v", 1001)}}})},
		{"PUT", "/device/" + dev.DeviceID, map[string]any{"name": longName}},
		{"PUT", "/device/" + dev.DeviceID, map[string]any{"description": longText}},
		{"POST", "/analysis", map[string]any{"name": longName, "runtime": "node-rt2025"}},
		{"POST", "/dashboard", map[string]any{"label": longName}},
		{"POST", "/action", map[string]any{"name": longName, "type": "interval", "trigger": []map[string]any{{"interval": "5 minutes"}},
			"action": map[string]any{"type": "post", "url": "https://example.com"}}},
		{"POST", "/am", map[string]any{"name": longName, "targets": [][]string{{"run_user"}},
			"permissions": []map[string]any{{"effect": "allow", "action": []string{"access"}, "resource": []string{"dashboard"}}}}},
		{"POST", "/run/users", map[string]any{"name": longName, "email": "x@example.com", "password": "Secret-Password-1", "timezone": "UTC"}},
	} {
		cases = append(cases, contractCase{method: c.method, path: c.path, token: e.ProfileToken(), body: c.body, wantStatus: 400,
			wantMessage: "is too long"})
	}
	// Prove the schema has teeth before trusting it: a wrongly typed message fails.
	if ok, _ := sv.ValidateSchemaString(schema, `{"status":false,"message":5}`); ok {
		t.Fatal("the spec's error schema accepts a numeric message; it cannot check anything")
	}
	for _, tc := range cases {
		resp, _ := contractDo(t, e, tc)
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != tc.wantStatus {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, resp.StatusCode, tc.wantStatus)
		}
		if tc.wantMessage != "" && !strings.Contains(string(body), tc.wantMessage) {
			t.Errorf("%s %s: error %s does not say %q", tc.method, tc.path, body, tc.wantMessage)
		}
		if ok, errs := sv.ValidateSchemaBytes(schema, body); !ok {
			for _, msg := range unexpectedErrors(errs, nil) {
				t.Errorf("%s %s: %s", tc.method, tc.path, msg)
			}
		}
		if !regexp.MustCompile(`^\{"status":false,"message":"[^"]+"\}\n?$`).Match(body) {
			t.Errorf("%s %s: error body %s is not exactly {status:false, message}", tc.method, tc.path, body)
		}
	}
}

// contractDo runs tc against the emulator and returns the response as a client sees
// it, with a request addressed to the spec's server.
func contractDo(t *testing.T, e *Emulator, tc contractCase) (*http.Response, *http.Request) {
	t.Helper()
	var rd io.Reader
	switch b := tc.body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		rd = bytes.NewReader(mustJSON(t, b))
	}
	r := httptest.NewRequest(tc.method, tc.path, rd)
	if tc.token != "" {
		r.Header.Set("token", tc.token)
	}
	w := httptest.NewRecorder()
	e.Handler().ServeHTTP(w, r)
	resp := w.Result()
	httpReq, err := http.NewRequest(tc.method, specServer+tc.path, nil)
	if err != nil {
		t.Fatal(err)
	}
	httpReq.Header.Set("Content-Type", "application/json")
	resp.Request = httpReq
	return resp, httpReq
}

// unexpectedErrors drops the schema failures listed in knownNulls ("got null, want
// string" at exactly those paths) and renders the rest.
func unexpectedErrors(errs []*verrors.ValidationError, knownNulls []string) []string {
	allowed := map[string]bool{}
	for _, p := range knownNulls {
		allowed[p] = true
	}
	var out []string
	for _, ve := range errs {
		if len(ve.SchemaValidationErrors) == 0 {
			out = append(out, ve.Message+": "+ve.Reason)
			continue
		}
		for _, f := range ve.SchemaValidationErrors {
			if allowed[f.FieldPath] && strings.Contains(f.Reason, "got null, want string") {
				continue
			}
			out = append(out, ve.Message+": "+f.Error())
		}
	}
	return out
}

// dashboardRunAMContractCases covers dashboards, widgets, TagoRUN settings, Run users
// and access management.
func dashboardRunAMContractCases(t *testing.T, e *Emulator) []contractCase {
	tok := e.ProfileToken()
	dev := mkDevice(t, e, "Contract dashboard device", nil)
	dash := mkDashboard(t, e, "Contract dashboard", map[string]any{
		"tags":        []map[string]string{{"key": "vehicle", "value": "gas"}},
		"tabs":        []map[string]string{{"key": "1648142133869", "link": "", "value": "tab test"}},
		"icon":        map[string]string{"color": "hsl(328, 89%, 47%)", "url": "https://svg.internal.tago.io/x.svg"},
		"arrangement": []map[string]any{{"widget_id": "6230e84df5772600124c81e7", "x": 0.3333333333333333, "y": 7, "width": 2.3333333333333335, "height": 3, "tab": nil}},
	})
	victimDash := mkDashboard(t, e, "Contract victim", nil)
	widget := mkWidget(t, e, dash, map[string]any{
		"realtime": true, "analysis_run": nil,
		"data": []map[string]any{{"origin": dev.DeviceID, "query": "last_value", "variables": []string{"temperature"}}},
	})
	victimWidget := mkWidget(t, e, dash, map[string]any{"realtime": true})
	user := mkRunUser(t, e, "Contract user", "contract@example.com", map[string]any{
		"timezone": "America/New_York", "company": "Companyname", "phone": "+010001010011",
		"tags": []map[string]string{{"key": "user_type", "value": "enduser"}},
	})
	victimUser := mkRunUser(t, e, "Contract victim", "victim@example.com", nil)
	victimPolicy := mkPolicy(t, e, "Contract victim", nil)
	mkPolicy(t, e, "Contract policy", map[string]any{"tags": []map[string]string{{"key": "user", "value": "admin"}}})

	unwrap := func(t *testing.T, body []byte) []byte { // GET /dashboard: items without the envelope
		var env struct {
			Result json.RawMessage `json:"result"`
		}
		if err := json.Unmarshal(body, &env); err != nil || len(env.Result) == 0 || env.Result[0] != '[' {
			t.Fatalf("not an enveloped list: %s", body)
		}
		return env.Result
	}
	wrapResult := func(t *testing.T, body []byte) []byte { // GET /run/users/{id}: result as [user]
		var env struct {
			Status bool            `json:"status"`
			Result json.RawMessage `json:"result"`
		}
		if err := json.Unmarshal(body, &env); err != nil || len(env.Result) == 0 || env.Result[0] != '{' {
			t.Fatalf("not an enveloped object: %s", body)
		}
		return mustJSON(t, map[string]any{"status": env.Status, "result": []json.RawMessage{env.Result}})
	}
	widgetPath := "/dashboard/" + dash + "/widget/"
	return []contractCase{
		{name: "list dashboards", method: "GET", path: "/dashboard?fields[]=id&fields[]=label&fields[]=type&fields[]=tags&fields[]=visible&fields[]=created_at&fields[]=last_access&amount=5&page=1&orderBy=label,asc", token: tok, wantStatus: 200,
			reshape: unwrap, knownNulls: []string{"$[0].last_access", "$[1].last_access", "$[2].last_access"}},
		{name: "list dashboards (defaults)", method: "GET", path: "/dashboard", token: tok, wantStatus: 200,
			reshape: unwrap, knownNulls: []string{"$[0].last_access", "$[1].last_access", "$[2].last_access"}},
		{name: "create dashboard", method: "POST", path: "/dashboard", token: tok, wantStatus: 201, body: map[string]any{
			"group_by": []any{}, "icon": map[string]string{"color": "hsl(328, 89%, 47%)", "url": "https://svg.internal.tago.io/a.svg"},
			"label": "Tracker dashboard", "profile": e.ProfileID(), "tabs": []map[string]string{{"key": "1648142133869", "link": "", "value": "tab test"}},
			"tags": []map[string]string{{"key": "vehicle", "value": "gas"}}, "type": "dashboard", "visible": true,
		}},
		{name: "dashboard info", method: "GET", path: "/dashboard/" + dash, token: tok, wantStatus: 200, knownNulls: []string{"$.result.last_access"},
			sdkFields: []string{"$.result.shared"}}, // DashboardInfo
		{name: "edit dashboard", method: "PUT", path: "/dashboard/" + dash, token: tok, wantStatus: 200, body: map[string]any{
			"label": "Contract dashboard", "visible": true,
			"arrangement": []map[string]any{{"height": 3, "tab": nil, "widget_id": widget, "width": 2.33, "x": 0.33, "y": 7}},
		}},
		{name: "duplicate dashboard", method: "POST", path: "/dashboard/" + dash + "/duplicate", token: tok, wantStatus: 201,
			body: map[string]any{"setup": map[string]any{"is_configured": true, "config": []any{}}, "new_label": "Contract dashboard - Copy"}},
		{name: "dashboard public token", method: "GET", path: "/dashboard/" + dash + "/share/public?expire_time=1%20day", token: tok, wantStatus: 200},
		{name: "dashboard public token never", method: "GET", path: "/dashboard/" + dash + "/share/public?expire_time=never", token: tok, wantStatus: 200},
		{name: "dashboard related devices", method: "GET", path: "/dashboard/" + dash + "/devices", token: tok, wantStatus: 200,
			sdkFields: []string{"$.result[].bucket"}}, // DevicesRelated
		{name: "dashboard related analyses", method: "GET", path: "/dashboard/" + dash + "/analysis", token: tok, wantStatus: 200},
		{name: "create widget", method: "POST", path: "/dashboard/" + dash + "/widget", token: tok, wantStatus: 200, body: map[string]any{
			"analysis_run": nil, "display": map[string]any{"alias": "Ice Cream", "show_unit": true, "variable": "temperature"},
			"data":     []map[string]any{{"qty": 10, "origin": dev.DeviceID, "variables": []string{"temperature"}}},
			"resource": []any{}, "id": "68c9bab8fe8818000a7ec597", "label": "Temperature", "realtime": nil, "type": "card", "cache": nil,
		}},
		{name: "widget info", method: "GET", path: widgetPath + widget, token: tok, wantStatus: 200,
			sdkFields: []string{"$.result.display.variable"}}, // WidgetInfo.display is any
		{name: "edit widget", method: "PUT", path: widgetPath + widget, token: tok, wantStatus: 200, body: map[string]any{
			"display": map[string]any{"show_units": true, "show_variables": true}, "label": "Display #1", "realtime": true, "type": "card",
		}},
		{name: "widget token", method: "GET", path: widgetPath + widget + "/token", token: tok, wantStatus: 200},
		{name: "widget info with token", method: "GET", path: widgetPath + widget, token: tok, wantStatus: 200},
		{name: "delete widget", method: "DELETE", path: widgetPath + victimWidget, token: tok, wantStatus: 200},
		{name: "delete dashboard", method: "DELETE", path: "/dashboard/" + victimDash, token: tok, wantStatus: 200},

		{name: "run settings", method: "GET", path: "/run", token: tok, wantStatus: 200,
			sdkFields: []string{"$.result.anonymous_token", "$.result.signin_buttons"}}, // RunInfo
		{name: "edit run settings", method: "PUT", path: "/run", token: tok, wantStatus: 200,
			body: map[string]any{"active": true, "name": "My new RUN name", "profile": e.ProfileID(), "url": e.ProfileID() + ".run.tago.io"}},
		{name: "list run users", method: "GET", path: "/run/users?page=1&amount=5&orderBy=name,asc&fields[]=id&fields[]=name&fields[]=email&fields[]=active&fields[]=tags&fields[]=last_login&fields[]=created_at", token: tok, wantStatus: 200,
			knownNulls: []string{"$.result[0].last_login", "$.result[1].last_login", "$.result[2].last_login", "$.result[3].last_login", "$.result[4].last_login"}}, // never-logged-in users; other slices may add some
		{name: "create run user", method: "POST", path: "/run/users", token: tok, wantStatus: 200,
			body: map[string]any{"active": true, "email": "janedoe@mail.com", "name": "Jane Doe", "password": "Testing_01", "timezone": "New_York/America"}},
		{name: "run user info", method: "GET", path: "/run/users/" + user, token: tok, wantStatus: 200,
			reshape: wrapResult, knownNulls: []string{"$.result[0].last_login"}},
		{name: "edit run user", method: "PUT", path: "/run/users/" + user, token: tok, wantStatus: 200, body: map[string]any{
			"active": true, "company": "Companyname", "language": "en", "name": "runusername",
			"options": map[string]string{"date_format": "MM/DD/YYYY", "time_format": "12"}, "phone": "+010001010011",
			"tags": []map[string]string{{"key": "user_type", "value": "enduser"}}, "timezone": "America/New_York",
		}},
		{name: "login as run user", method: "GET", path: "/run/users/" + user + "/login?expire_time=3%20months", token: tok, wantStatus: 200,
			sdkFields: []string{"$.result.created_at", "$.result.expire_date"}}, // LoginResponseRun
		{name: "delete run user", method: "DELETE", path: "/run/users/" + victimUser, token: tok, wantStatus: 200},

		{name: "list policies", method: "GET", path: "/am?orderBy=created_at&fields[]=id&fields[]=name&fields[]=active&fields[]=profile&fields[]=created_at&fields[]=tags", token: tok, wantStatus: 200},
		{name: "create policy", method: "POST", path: "/am", token: tok, wantStatus: 201, body: map[string]any{
			"name": "Policy", "permissions": []any{amPerm("allow", []string{"edit", "delete", "create", "access"}, "device")},
			"targets": [][]string{{"analysis", "id", "68b5dd292ee817000af854dc"}}, "tags": []map[string]string{{"key": "user", "value": "admin"}}, "active": true,
		}},
		{name: "delete policy", method: "DELETE", path: "/am/" + victimPolicy, token: tok, wantStatus: 200},
	}
}
