package emulator

import (
	"strings"
	"testing"
)

func TestServiceAuthorizationLifecycle(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	var made map[string]any
	req(t, e, "POST", "/serviceauth", tok, map[string]any{"name": "Billing", "verification_code": "abc123"}).ok(t, 200, &made)
	token := as[string](t, made["token"])
	if !strings.HasPrefix(token, "at") || made["additional_parameters"] != "abc123" || made["name"] != "Billing" {
		t.Fatalf("create = %v", made)
	}
	req(t, e, "POST", "/serviceauth", tok, map[string]any{"name": "x", "permission": "admin"}).fail(t, 400, "permission")
	req(t, e, "POST", "/serviceauth", tok, map[string]any{}).fail(t, 400, "name")
	l := getList(t, e, "/serviceauth?fields=name,token,permission,verification_code")
	if len(l) != 1 || l[0]["token"] != token || l[0]["permission"] != "full" || l[0]["verification_code"] != "abc123" {
		t.Fatalf("list = %v", l)
	}
	req(t, e, "PUT", "/serviceauth/"+token, tok, map[string]any{"verification_code": nil}).ok(t, 200, nil)
	if l = getList(t, e, "/serviceauth?fields=token,verification_code"); l[0]["verification_code"] != nil {
		t.Fatalf("the code was not cleared: %v", l)
	}
	req(t, e, "DELETE", "/serviceauth/"+token, tok, nil).ok(t, 200, nil)
	req(t, e, "DELETE", "/serviceauth/"+token, tok, nil).fail(t, 404, "not found")
}
