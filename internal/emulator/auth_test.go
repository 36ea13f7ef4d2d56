package emulator

import (
	"net/http/httptest"
	"testing"
	"time"
)

func TestTokenHeaders(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	for _, h := range []string{
		"token: " + tok, "Token: " + tok, "TOKEN: " + tok, "Device-Token: " + tok, "Account-Token: " + tok,
		"Profile-Token: " + tok, "Analysis-Token: " + tok, "Middleware-Token: " + tok,
		"Authorization: " + tok, "Authorization: Bearer " + tok, "Authorization: bearer " + tok,
	} {
		r := req(t, e, "GET", "/device", "", nil, h)
		if r.Code != 200 {
			t.Errorf("header %q: %d %s", h, r.Code, r.Raw)
		}
	}
	req(t, e, "GET", "/device?token="+tok, "", nil).ok(t, 200, nil)
	req(t, e, "GET", "/device", "", nil).fail(t, 401, "Invalid Token")
	req(t, e, "GET", "/device", "p-00000000-0000-4000-8000-000000000000", nil).fail(t, 401, "Invalid Token")
	req(t, e, "GET", "/device", "", nil, "Authorization: Bearer ").fail(t, 401, "Invalid Token")
}

func TestTokenKindByLookupNotHeader(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	c := mkDevice(t, e, "d", nil)
	// a device token in the Profile-Token header is still a device token
	req(t, e, "GET", "/device", "", nil, "Profile-Token: "+c.Token).fail(t, 403, "Authorization Denied")
	req(t, e, "GET", "/info", "", nil, "Profile-Token: "+c.Token).ok(t, 200, nil)
	// and a profile token in Device-Token is a profile token
	req(t, e, "GET", "/device", "", nil, "Device-Token: "+e.ProfileToken()).ok(t, 200, nil)
}

func TestProfilePermissions(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	c := mkDevice(t, e, "d", nil)
	read := e.AddProfileToken("read", nil)
	write := e.AddProfileToken("write", nil)
	full := e.AddProfileToken("full", nil)
	deny := e.AddProfileToken("deny", nil)
	past := time.Now().Add(-time.Minute)
	future := time.Now().Add(time.Hour)
	expired := e.AddProfileToken("full", &past)
	notYet := e.AddProfileToken("full", &future)
	body := map[string]any{"name": "n", "connector": ConnectorHTTPSID, "network": NetworkHTTPID}

	req(t, e, "GET", "/device", read, nil).ok(t, 200, nil)
	req(t, e, "GET", "/device/"+c.DeviceID, read, nil).ok(t, 200, nil)
	req(t, e, "HEAD", "/device", read, nil)
	req(t, e, "POST", "/device", read, body).fail(t, 403, "Authorization Denied")
	req(t, e, "PUT", "/device/"+c.DeviceID, read, map[string]any{"name": "x"}).fail(t, 403, "Authorization Denied")
	req(t, e, "DELETE", "/device/"+c.DeviceID, read, nil).fail(t, 403, "Authorization Denied")

	req(t, e, "GET", "/device", write, nil).fail(t, 403, "Authorization Denied")
	req(t, e, "GET", "/device/"+c.DeviceID, write, nil).fail(t, 403, "Authorization Denied")
	req(t, e, "POST", "/device", write, body).ok(t, 201, nil)
	req(t, e, "PUT", "/device/"+c.DeviceID, write, map[string]any{"name": "x"}).ok(t, 200, nil)

	req(t, e, "GET", "/device", full, nil).ok(t, 200, nil)
	req(t, e, "POST", "/device", full, body).ok(t, 201, nil)
	req(t, e, "GET", "/device", deny, nil).fail(t, 403, "Authorization Denied")
	req(t, e, "POST", "/device", deny, body).fail(t, 403, "Authorization Denied")

	req(t, e, "GET", "/device", expired, nil).fail(t, 401, "Invalid Token")
	req(t, e, "GET", "/device", notYet, nil).ok(t, 200, nil)

	// auth is checked before validation and before existence
	req(t, e, "GET", "/device/not-an-id", "nope", nil).fail(t, 401, "Invalid Token")
	req(t, e, "POST", "/device", read, "{bad json").fail(t, 403, "Authorization Denied")
}

func TestDeviceTokenReach(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	c := mkDevice(t, e, "d", nil)
	tok := c.Token
	req(t, e, "GET", "/info", tok, nil).ok(t, 200, nil)
	req(t, e, "GET", "/device/params", tok, nil).ok(t, 200, nil)
	for _, r := range []struct{ method, path string }{
		{"GET", "/device"}, {"POST", "/device"}, {"GET", "/device/" + c.DeviceID}, {"PUT", "/device/" + c.DeviceID},
		{"DELETE", "/device/" + c.DeviceID}, {"GET", "/device/token/" + c.DeviceID}, {"POST", "/device/token"},
		{"GET", "/device/" + c.DeviceID + "/params"}, {"GET", "/integration/connector"},
	} {
		req(t, e, r.method, r.path, tok, map[string]any{}).fail(t, 403, "Authorization Denied")
	}
	// profile tokens cannot use the device-token routes
	req(t, e, "GET", "/info", e.ProfileToken(), nil).fail(t, 403, "Authorization Denied")
	req(t, e, "GET", "/device/params", e.ProfileToken(), nil).fail(t, 403, "Authorization Denied")

	// a read device token may GET /info but not mark params; a write one the reverse
	var rt, wt map[string]any
	req(t, e, "POST", "/device/token", e.ProfileToken(), map[string]any{"device": c.DeviceID, "name": "r", "permission": "read"}).ok(t, 201, &rt)
	req(t, e, "POST", "/device/token", e.ProfileToken(), map[string]any{"device": c.DeviceID, "name": "w", "permission": "write"}).ok(t, 201, &wt)
	req(t, e, "POST", "/device/"+c.DeviceID+"/params", e.ProfileToken(), map[string]any{"key": "k", "value": "v"}).ok(t, 201, nil)
	pid := as[string](t, getList(t, e, "/device/"+c.DeviceID+"/params")[0]["id"])
	req(t, e, "GET", "/info", as[string](t, rt["token"]), nil).ok(t, 200, nil)
	req(t, e, "PUT", "/device/params/"+pid, as[string](t, rt["token"]), nil).fail(t, 403, "Authorization Denied")
	req(t, e, "GET", "/info", as[string](t, wt["token"]), nil).fail(t, 403, "Authorization Denied")
	req(t, e, "PUT", "/device/params/"+pid, as[string](t, wt["token"]), nil).ok(t, 200, nil)

	// an expired device token is rejected
	var xt map[string]any
	req(t, e, "POST", "/device/token", e.ProfileToken(), map[string]any{"device": c.DeviceID, "name": "x", "expire_time": "2001-01-01T00:00:00.000Z"}).ok(t, 201, &xt)
	req(t, e, "GET", "/info", as[string](t, xt["token"]), nil).fail(t, 401, "Invalid Token")
}

func TestLastAuthorization(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	c := mkDevice(t, e, "d", nil)
	l := getList(t, e, "/device/token/"+c.DeviceID+"?fields=last_authorization")
	if l[0]["last_authorization"] != nil {
		t.Fatalf("fresh token last_authorization %v", l[0]["last_authorization"])
	}
	req(t, e, "GET", "/info", c.Token, nil).ok(t, 200, nil)
	l = getList(t, e, "/device/token/"+c.DeviceID+"?fields=last_authorization")
	if s, _ := l[0]["last_authorization"].(string); !dateRe.MatchString(s) {
		t.Fatalf("last_authorization after use %v", l[0]["last_authorization"])
	}
}

func TestExtractTokenOrder(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest("GET", "/x?token=fromquery", nil)
	if got := extractToken(r, ParseQuery(r.URL.RawQuery)); got != "fromquery" {
		t.Fatalf("query token %q", got)
	}
	r.Header.Set("Authorization", "Bearer fromheader")
	if got := extractToken(r, ParseQuery(r.URL.RawQuery)); got != "fromheader" {
		t.Fatalf("header wins: %q", got)
	}
}
