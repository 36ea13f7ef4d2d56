package emulator

import (
	"sort"
	"strings"
	"testing"
	"time"
)

func TestProfileTokens(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok, pid := e.ProfileToken(), e.ProfileID()
	creds := map[string]any{"email": "ADMIN@tagoio-emulator.local", "password": DefaultAccountPassword}
	mk := func(extra map[string]any) map[string]any {
		t.Helper()
		body := map[string]any{}
		for k, v := range creds {
			body[k] = v
		}
		for k, v := range extra {
			body[k] = v
		}
		var res map[string]any
		req(t, e, "POST", "/profile/"+pid+"/token", tok, body).ok(t, 200, &res)
		return res
	}
	readRes := mk(map[string]any{"name": "reader", "permission": "read", "expire_time": "1 day"})
	reader := as[string](t, readRes["token"])
	if !strings.HasPrefix(reader, "p-") || len(reader) != 38 || readRes["permission"] != "read" || readRes["expire_date"] == nil || readRes["expire_date"] != readRes["expire_time"] {
		t.Fatalf("create answered %v", readRes)
	}
	full := as[string](t, mk(map[string]any{"name": "full", "expire_time": "never"})["token"])

	// read may GET but not write; full may both
	req(t, e, "GET", "/device", reader, nil).ok(t, 200, nil)
	req(t, e, "POST", "/device", reader, map[string]any{}).fail(t, 403, msgDenied)
	mkDevice(t, e, "by full token", nil)
	req(t, e, "GET", "/device", full, nil).ok(t, 200, nil)
	// an expired token is refused
	expired := as[string](t, mk(map[string]any{"name": "old", "expire_time": time.Now().Add(-time.Hour).Format(time.RFC3339)})["token"])
	req(t, e, "GET", "/device", expired, nil).fail(t, 401, msgInvalidToken)

	list := getList(t, e, "/profile/"+pid+"/token")
	names := pluck(list, "name")
	sort.Strings(names)
	if len(list) != 4 || len(list[0]) != 3 || list[0]["token"] == nil || strings.Join(names, ",") != "Emulator profile token,full,old,reader" {
		t.Fatalf("default list (fields name,token,permission): %v", list)
	}
	byTime := getList(t, e, "/profile/"+pid+"/token?fields=created_at")
	for i := 1; i < len(byTime); i++ {
		if as[string](t, byTime[i-1]["created_at"]) < as[string](t, byTime[i]["created_at"]) {
			t.Fatalf("not ordered by created_at desc: %v", byTime)
		}
	}
	all := getList(t, e, "/profile/current/token?fields=name,type,expire_time,ref_id&filter[permission]=read")
	if len(all) != 1 || all[0]["type"] != "profile" || all[0]["ref_id"] != pid || all[0]["expire_time"] == nil {
		t.Fatalf("filtered list %v", all)
	}
	if l := getList(t, e, "/account/profile/token"); len(l) != 4 {
		t.Fatalf("legacy list %v", l)
	}

	// credentials are required and checked
	req(t, e, "POST", "/profile/"+pid+"/token", tok, map[string]any{"name": "x", "email": creds["email"], "password": "wrong"}).fail(t, 401, "Invalid credentials")
	req(t, e, "POST", "/profile/"+pid+"/token", tok, map[string]any{"name": "x", "email": "someone@else", "password": DefaultAccountPassword}).fail(t, 401, "Invalid credentials")
	req(t, e, "POST", "/profile/"+pid+"/token", tok, map[string]any{"name": "x"}).fail(t, 400, "email and password are required")
	req(t, e, "POST", "/profile/"+pid+"/token", tok, map[string]any{"email": creds["email"], "password": creds["password"]}).fail(t, 400, "name is required")
	req(t, e, "POST", "/profile/"+pid+"/token", tok, map[string]any{"name": "x", "permission": "admin", "email": creds["email"], "password": creds["password"]}).fail(t, 400, "permission must be")
	req(t, e, "POST", "/profile/aaaaaaaaaaaaaaaaaaaaaaaa/token", tok, map[string]any{"name": "x"}).fail(t, 404, "Profile not found")
	req(t, e, "GET", "/profile/nope/token", tok, nil).fail(t, 400, "Invalid Profile ID")
	req(t, e, "POST", "/profile/"+pid+"/token", reader, map[string]any{"name": "x"}).fail(t, 403, msgDenied)

	var s string
	req(t, e, "DELETE", "/profile/"+pid+"/token/"+reader, tok, nil).ok(t, 200, &s)
	if s != "Token Successfully Removed" {
		t.Fatal(s)
	}
	req(t, e, "GET", "/device", reader, nil).fail(t, 401, msgInvalidToken)
	req(t, e, "DELETE", "/profile/"+pid+"/token/"+reader, tok, nil).fail(t, 404, "Token not found")
	dev := mkDevice(t, e, "d", nil)
	req(t, e, "DELETE", "/profile/"+pid+"/token/"+dev.Token, tok, nil).fail(t, 404, "Token not found") // not a profile token
	req(t, e, "DELETE", "/account/profile/token/"+expired, tok, nil).ok(t, 200, nil)
	if l := getList(t, e, "/profile/"+pid+"/token"); len(l) != 2 {
		t.Fatalf("after deletes %v", l)
	}
}

func TestAnonymousProfileTokenMint(t *testing.T) {
	t.Parallel()
	e, err := New(Options{AccountPassword: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	if e.AccountPassword() != "s3cret" || newEmu(t).AccountPassword() != DefaultAccountPassword {
		t.Fatal("AccountPassword option/default")
	}
	body := map[string]any{"profile_id": e.ProfileID(), "email": e.AccountEmail(), "password": "s3cret", "name": "ci"}
	var res map[string]any
	req(t, e, "POST", "/account/profile/token", "", body).ok(t, 200, &res)
	minted := as[string](t, res["token"])
	if res["name"] != "ci" || res["permission"] != "full" || res["profile"] != e.ProfileID() {
		t.Fatalf("mint answered %v", res)
	}
	req(t, e, "POST", "/device", minted, map[string]any{"name": "x", "connector": ConnectorHTTPSID, "network": NetworkHTTPID}).ok(t, 201, nil)
	body["password"] = DefaultAccountPassword
	req(t, e, "POST", "/account/profile/token", "", body).fail(t, 401, "Invalid credentials")
	body["password"], body["profile_id"] = "s3cret", "aaaaaaaaaaaaaaaaaaaaaaaa"
	req(t, e, "POST", "/account/profile/token", "", body).fail(t, 404, "Profile not found")
	delete(body, "profile_id")
	req(t, e, "POST", "/account/profile/token", "", body).fail(t, 400, "profile_id is required")
}
