package emulator

import (
	"testing"
	"time"
)

func TestDeviceTokenCreate(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	c := mkDevice(t, e, "d", nil)

	var r map[string]any
	req(t, e, "POST", "/device/token", tok, map[string]any{"device": c.DeviceID, "name": "never", "permission": "full", "expire_time": "never"}).ok(t, 201, &r)
	for _, k := range []string{"token", "expire_date", "expire_time", "permission"} {
		if _, ok := r[k]; !ok {
			t.Fatalf("create result lacks %q: %v", k, r)
		}
	}
	if r["expire_date"] != nil || r["expire_time"] != nil || r["permission"] != "full" {
		t.Fatalf("never token %v", r)
	}

	before := time.Now()
	req(t, e, "POST", "/device/token", tok, map[string]any{"device": c.DeviceID, "name": "3h", "permission": "read", "expire_time": "3 hours"}).ok(t, 201, &r)
	exp, err := time.Parse(timeLayout, as[string](t, r["expire_time"]))
	if err != nil || r["expire_date"] != r["expire_time"] {
		t.Fatalf("expire %v %v", r, err)
	}
	if d := exp.Sub(before); d < 3*time.Hour-time.Second || d > 3*time.Hour+time.Minute {
		t.Fatalf("3 hours became %v", d)
	}
	req(t, e, "POST", "/device/token", tok, map[string]any{"device": c.DeviceID, "name": "iso", "expire_time": "2099-01-02T03:04:05.000Z", "serie_number": "SN1", "verification_code": "VC"}).ok(t, 201, &r)
	if r["expire_time"] != "2099-01-02T03:04:05.000Z" || r["permission"] != "full" {
		t.Fatalf("iso token %v", r)
	}
	for _, unit := range []string{"1 minute", "2 minutes", "1 hour", "1 day", "2 weeks", "1 month", "1 quarter", "2 years"} {
		req(t, e, "POST", "/device/token", tok, map[string]any{"device": c.DeviceID, "name": unit, "expire_time": unit}).ok(t, 201, nil)
	}

	bad := []struct {
		body map[string]any
		code int
		want string
	}{
		{map[string]any{"name": "x"}, 400, "device is required"},
		{map[string]any{"device": "zz", "name": "x"}, 400, "Invalid Device ID"},
		{map[string]any{"device": "aaaaaaaaaaaaaaaaaaaaaaaa", "name": "x"}, 404, "Device not found"},
		{map[string]any{"device": c.DeviceID}, 400, "name is required"},
		{map[string]any{"device": c.DeviceID, "name": "x", "permission": "admin"}, 400, "permission must be one of"},
		{map[string]any{"device": c.DeviceID, "name": "x", "expire_time": "tomorrow"}, 400, "expire_time"},
		{map[string]any{"device": c.DeviceID, "name": "x", "expire_time": 5}, 400, "expire_time"},
		{map[string]any{"device": c.DeviceID, "name": "x", "serie_number": 5}, 400, "serie_number"},
	}
	for _, b := range bad {
		req(t, e, "POST", "/device/token", tok, b.body).fail(t, b.code, b.want)
	}
	req(t, e, "POST", "/device/token", tok, map[string]any{"device": c.DeviceID, "name": "deny", "permission": "deny"}).ok(t, 201, nil)
}

func TestDeviceTokenList(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	c := mkDevice(t, e, "d", nil)
	other := mkDevice(t, e, "o", nil)
	for _, n := range []string{"alpha", "beta", "gamma"} {
		awaitNextTimestamp() // distinct created_at
		req(t, e, "POST", "/device/token", tok, map[string]any{"device": c.DeviceID, "name": n, "permission": "read", "serie_number": "S-" + n}).ok(t, 201, nil)
	}
	// defaults: fields name,token,permission; orderBy created_at,desc
	l := getList(t, e, "/device/token/"+c.DeviceID)
	if got := pluck(l, "name"); !eqStrings(got, []string{"gamma", "beta", "alpha", "Default"}) {
		t.Fatalf("default order %v", got)
	}
	if len(l[0]) != 3 || l[0]["token"] == nil || l[0]["permission"] != "read" {
		t.Fatalf("default fields %v", l[0])
	}
	full := getList(t, e, "/device/token/"+c.DeviceID+"?fields[]=token&fields[]=name&fields[]=permission&fields[]=serie_number&fields[]=last_authorization&fields[]=verification_code&fields[]=expire_time&fields[]=created_at&fields[]=device_id&fields[]=type&filter[name]=beta")
	if len(full) != 1 {
		t.Fatalf("filter: %v", full)
	}
	it := full[0]
	if it["serie_number"] != "S-beta" || it["device_id"] != c.DeviceID || it["type"] != "device" ||
		it["expire_time"] != nil || it["verification_code"] != nil || it["last_authorization"] != nil || len(it) != 10 {
		t.Fatalf("full item %v", it)
	}
	if got := pluck(getList(t, e, "/device/token/"+c.DeviceID+"?orderBy=name,asc"), "name"); !eqStrings(got, []string{"alpha", "beta", "Default", "gamma"}) {
		t.Fatalf("by name %v", got)
	}
	if got := pluck(getList(t, e, "/device/token/"+c.DeviceID+"?amount=2&page=2"), "name"); !eqStrings(got, []string{"alpha", "Default"}) {
		t.Fatalf("page 2 %v", got)
	}
	if got := pluck(getList(t, e, "/device/token/"+c.DeviceID+"?filter[name]=*a*"), "name"); !eqStrings(got, []string{"gamma", "beta", "alpha", "Default"}) {
		t.Fatalf("wildcard %v", got)
	}
	if l := getList(t, e, "/device/token/"+other.DeviceID); len(l) != 1 || l[0]["name"] != "Default" {
		t.Fatalf("other device %v", l)
	}
	req(t, e, "GET", "/device/token/nope", tok, nil).fail(t, 400, "Invalid Device ID")
	req(t, e, "GET", "/device/token/aaaaaaaaaaaaaaaaaaaaaaaa", tok, nil).fail(t, 404, "Device not found")
}

func TestDeviceTokenDelete(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	c := mkDevice(t, e, "d", nil)
	var msg string
	req(t, e, "DELETE", "/device/token/"+c.Token, tok, nil).ok(t, 200, &msg)
	if msg != "Token Successfully Removed" {
		t.Fatalf("delete %q", msg)
	}
	req(t, e, "GET", "/info", c.Token, nil).fail(t, 401, "Invalid Token")
	req(t, e, "DELETE", "/device/token/"+c.Token, tok, nil).fail(t, 404, "Token not found")
	// a profile token is not a device token
	req(t, e, "DELETE", "/device/token/"+tok, tok, nil).fail(t, 404, "Token not found")
	if r := req(t, e, "GET", "/device/token/"+c.DeviceID, tok, nil); string(r.Result) != "[]" {
		t.Fatalf("tokens left: %s", r.Raw)
	}
	if r := req(t, e, "GET", "/device/"+c.DeviceID+"/params", tok, nil); string(r.Result) != "[]" {
		t.Fatalf("params of a bare device: %s", r.Raw)
	}
	if r := req(t, e, "GET", "/device/params", mkDevice(t, e, "bare", nil).Token, nil); string(r.Result) != "[]" {
		t.Fatalf("own params of a bare device: %s", r.Raw)
	}
}
