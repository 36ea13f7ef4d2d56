package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// env is a decoded response.
type env struct {
	Code    int
	Header  http.Header
	Raw     []byte
	Status  *bool           `json:"status"`
	Result  json.RawMessage `json:"result"`
	Message *string         `json:"message"`
}

// newEmu returns an in-memory emulator closed at the end of the test.
func newEmu(t testing.TB) *Emulator {
	t.Helper()
	e, err := New(Options{})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = e.Close() })
	return e
}

// req is one request to the handler. body may be a string (sent verbatim) or a value
// (JSON-encoded). headers are "Name: value" strings; with none, the token goes in the
// "token" header.
func req(t testing.TB, e *Emulator, method, path, token string, body any, headers ...string) env {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("marshal body: %v", err)
		}
		rd = bytes.NewReader(buf)
	}
	r := httptest.NewRequest(method, path, rd)
	if rd != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if len(headers) == 0 && token != "" {
		r.Header.Set("token", token)
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ":")
		r.Header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	w := httptest.NewRecorder()
	e.Handler().ServeHTTP(w, r)
	out := env{Code: w.Code, Header: w.Header(), Raw: w.Body.Bytes()}
	if method != http.MethodHead {
		if err := json.Unmarshal(out.Raw, &out); err != nil {
			t.Fatalf("%s %s: response is not JSON: %v: %q", method, path, err, out.Raw)
		}
		if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Fatalf("%s %s: content type %q", method, path, ct)
		}
	}
	return out
}

// ok asserts a success envelope with the given status code and decodes result into v.
func (r env) ok(t testing.TB, code int, v any) {
	t.Helper()
	if r.Code != code || r.Status == nil || !*r.Status {
		t.Fatalf("want %d status:true, got %d %s", code, r.Code, r.Raw)
	}
	if r.Message != nil {
		t.Fatalf("success with a message: %s", r.Raw)
	}
	if v != nil {
		if err := json.Unmarshal(r.Result, v); err != nil {
			t.Fatalf("decode result: %v: %s", err, r.Result)
		}
	}
}

// fail asserts an error envelope with the given code whose message contains want.
func (r env) fail(t testing.TB, code int, want string) env {
	t.Helper()
	if r.Code != code || r.Status == nil || *r.Status || r.Message == nil {
		t.Fatalf("want %d status:false with message, got %d %s", code, r.Code, r.Raw)
	}
	if !strings.Contains(*r.Message, want) {
		t.Fatalf("message %q does not contain %q", *r.Message, want)
	}
	if r.Result != nil {
		t.Fatalf("error envelope carries a result: %s", r.Raw)
	}
	return r
}

type created struct {
	DeviceID string `json:"device_id"`
	BucketID string `json:"bucket_id"`
	Token    string `json:"token"`
}

// mkDevice creates a device with the given extra body fields over a valid HTTP one.
func mkDevice(t testing.TB, e *Emulator, name string, extra map[string]any) created {
	t.Helper()
	body := map[string]any{"name": name, "connector": ConnectorHTTPSID, "network": NetworkHTTPID, "type": "mutable"}
	for k, v := range extra {
		body[k] = v
	}
	var c created
	req(t, e, "POST", "/device", e.ProfileToken(), body).ok(t, 201, &c)
	return c
}

// getMap fetches a path with the profile token and decodes result as an object.
func getMap(t testing.TB, e *Emulator, path string) map[string]any {
	t.Helper()
	var m map[string]any
	req(t, e, "GET", path, e.ProfileToken(), nil).ok(t, 200, &m)
	return m
}

// getList fetches a path with the profile token and decodes result as an array.
func getList(t testing.TB, e *Emulator, path string) []map[string]any {
	t.Helper()
	var l []map[string]any
	req(t, e, "GET", path, e.ProfileToken(), nil).ok(t, 200, &l)
	return l
}

// names extracts a key from each item.
func pluck(items []map[string]any, key string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, _ := it[key].(string)
		out = append(out, s)
	}
	return out
}

func eqStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// as is a checked type assertion that fails the test.
func as[T any](t testing.TB, v any) T {
	t.Helper()
	x, ok := v.(T)
	if !ok {
		t.Fatalf("value %#v is a %T, not the expected type", v, v)
	}
	return x
}
