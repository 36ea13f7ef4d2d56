package emulator

import (
	"testing"
)

func TestRouterSpecificity(t *testing.T) {
	t.Parallel()
	r := &Router{}
	h := func(*Ctx) (int, any, error) { return 200, nil, nil }
	r.Handle("GET", "/device/{id}", h, kindProfile)
	r.Handle("GET", "/device/params", h, kindDevice)
	r.Handle("GET", "/device/{id}/params", h, kindProfile)
	r.Handle("GET", "/device/token/{deviceID}", h, kindProfile)
	r.Handle("DELETE", "/device/token/{token}", h, kindProfile)
	r.Handle("GET", "/device/{id}/data_amount", h, kindProfile)
	r.Handle("POST", "/device/", h, kindProfile)
	tests := []struct {
		method, path, want string
		params             map[string]string
	}{
		{"GET", "/device/params", "/device/params", nil},
		{"GET", "/device/abc", "/device/{id}", map[string]string{"id": "abc"}},
		{"GET", "/device/token/params", "/device/token/{deviceID}", map[string]string{"deviceID": "params"}},
		{"GET", "/device/abc/params", "/device/{id}/params", map[string]string{"id": "abc"}},
		{"DELETE", "/device/token/xyz", "/device/token/{token}", map[string]string{"token": "xyz"}},
		{"GET", "/device/token/data_amount", "/device/token/{deviceID}", map[string]string{"deviceID": "data_amount"}},
		{"HEAD", "/device/abc", "/device/{id}", map[string]string{"id": "abc"}},
		{"POST", "/device", "/device", nil},
	}
	for _, tt := range tests {
		rt, params, _ := r.match(tt.method, tt.path)
		if rt == nil || rt.Template != tt.want {
			t.Errorf("%s %s matched %v, want %s", tt.method, tt.path, rt, tt.want)
			continue
		}
		for k, v := range tt.params {
			if params[k] != v {
				t.Errorf("%s %s param %s=%q", tt.method, tt.path, k, params[k])
			}
		}
	}
	rt, _, allowed := r.match("PATCH", "/device/abc")
	if rt != nil || len(allowed) != 1 || allowed[0] != "GET" {
		t.Fatalf("405 info: %v %v", rt, allowed)
	}
	rt, _, allowed = r.match("GET", "/nope")
	if rt != nil || len(allowed) != 0 {
		t.Fatalf("404 info: %v %v", rt, allowed)
	}
	// DELETE /device/params falls through to the parameter route of that method
	r.Handle("DELETE", "/device/{id}", h, kindProfile)
	if rt, params, _ := r.match("DELETE", "/device/params"); rt == nil || rt.Template != "/device/{id}" || params["id"] != "params" {
		t.Fatalf("method-specific fallback: %v", rt)
	}
}

func TestUnknownRouteAndMethod(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	req(t, e, "GET", "/nope", e.ProfileToken(), nil).fail(t, 404, "Route not found")
	req(t, e, "GET", "/nope", "", nil).fail(t, 404, "Route not found")
	r := req(t, e, "PATCH", "/device", e.ProfileToken(), nil).fail(t, 405, "not allowed")
	if r.Header.Get("Allow") != "GET, POST" {
		t.Fatalf("Allow %q", r.Header.Get("Allow"))
	}
	req(t, e, "POST", "/status", "", nil).fail(t, 405, "not allowed")
}

func TestStatusAnonymous(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	var v map[string]string
	req(t, e, "GET", "/status", "", nil).ok(t, 200, &v)
	if v["version"] == "" {
		t.Fatalf("status %v", v)
	}
	req(t, e, "GET", "/status/", "garbage-token", nil).ok(t, 200, nil)
}
