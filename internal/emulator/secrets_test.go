package emulator

import (
	"reflect"
	"strings"
	"testing"
)

// postSecret creates a secret with the profile token and returns its id.
func postSecret(t testing.TB, e *Emulator, key, value string, tags ...map[string]string) string {
	t.Helper()
	body := map[string]any{"key": key, "value": value}
	if tags != nil {
		body["tags"] = tags
	}
	var r map[string]string
	req(t, e, "POST", "/secrets", e.ProfileToken(), body).ok(t, 200, &r)
	if !isObjectID(r["id"]) || len(r) != 1 {
		t.Fatalf("create secret result %v", r)
	}
	return r["id"]
}

func TestSecretLifecycle(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	id := postSecret(t, e, "twilio_sid", "AC123", map[string]string{"key": "team", "value": "ops"})

	s := getMap(t, e, "/secrets/"+id)
	if _, ok := s["value"]; ok {
		t.Fatalf("secret info leaks the value: %v", s)
	}
	want := map[string]any{
		"id": id, "key": "TWILIO_SID", "value_length": 5.0,
		"tags": []any{map[string]any{"key": "team", "value": "ops"}},
	}
	for k, v := range want {
		if !reflect.DeepEqual(s[k], v) {
			t.Errorf("%s = %#v, want %#v", k, s[k], v)
		}
	}
	for _, k := range []string{"created_at", "updated_at"} {
		if str, _ := s[k].(string); !dateRe.MatchString(str) {
			t.Errorf("%s = %v", k, s[k])
		}
	}

	// value and tags change; tags are replaced; the key may be resent unchanged
	var msg string
	req(t, e, "PUT", "/secrets/"+id, tok, map[string]any{"key": "twilio_sid", "value": "a longer value", "tags": []map[string]string{{"key": "x", "value": "y"}}}).ok(t, 200, &msg)
	if msg != "Successfully Updated" {
		t.Fatalf("edit answered %q", msg)
	}
	s = getMap(t, e, "/secrets/"+id)
	if s["value_length"] != 14.0 || !reflect.DeepEqual(s["tags"], []any{map[string]any{"key": "x", "value": "y"}}) {
		t.Fatalf("after edit %v", s)
	}
	var stored *secretDoc
	_ = e.store.View(func(tx Tx) (err error) { stored, err = getDoc[secretDoc](tx, collSecrets, id); return err })
	if stored == nil || stored.Value != "a longer value" {
		t.Fatalf("stored value %+v", stored)
	}
	req(t, e, "PUT", "/secrets/"+id, tok, map[string]any{"key": "OTHER"}).fail(t, 400, "key cannot be changed")

	req(t, e, "DELETE", "/secrets/"+id, tok, nil).ok(t, 200, &msg)
	if msg != "Successfully Removed" {
		t.Fatalf("delete answered %q", msg)
	}
	req(t, e, "GET", "/secrets/"+id, tok, nil).fail(t, 404, "Secret not found")
	req(t, e, "DELETE", "/secrets/"+id, tok, nil).fail(t, 404, "Secret not found")
	req(t, e, "GET", "/secrets/xyz", tok, nil).fail(t, 400, "Invalid Secret ID")
	req(t, e, "PUT", "/secrets/"+id, tok, map[string]any{"value": "v"}).fail(t, 404, "Secret not found")
}

func TestSecretValidation(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	postSecret(t, e, "API_KEY", "v")
	cases := []struct {
		body map[string]any
		want string
	}{
		{map[string]any{"value": "v"}, "key is required"},
		{map[string]any{"key": "", "value": "v"}, "key is required"},
		{map[string]any{"key": "my-key", "value": "v"}, "letters, digits and underscores"},
		{map[string]any{"key": "my key", "value": "v"}, "letters, digits and underscores"},
		{map[string]any{"key": 5, "value": "v"}, "key must be a string"},
		{map[string]any{"key": "K"}, "value is required"},
		{map[string]any{"key": "K", "value": ""}, "value must be a non-empty string"},
		{map[string]any{"key": "K", "value": 5}, "value must be a string"},
		{map[string]any{"key": "K", "value": strings.Repeat("x", maxSecretValue+1)}, "value is too long"},
		{map[string]any{"key": "K", "value": "v", "tags": "x"}, "tags must be an array"},
		{map[string]any{"key": "api_key", "value": "v"}, "key API_KEY is already used"},
	}
	for _, c := range cases {
		req(t, e, "POST", "/secrets", tok, c.body).fail(t, 400, c.want)
	}
	postSecret(t, e, "K", strings.Repeat("x", maxSecretValue))
	if l := getList(t, e, "/secrets"); len(l) != 2 {
		t.Fatalf("refused creates left secrets behind: %v", l)
	}
}

func TestSecretListAndPermissions(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	for _, k := range []string{"b_key", "a_key", "c_key"} {
		postSecret(t, e, k, "value-"+k, map[string]string{"key": "group", "value": k[:1]})
	}
	l := getList(t, e, "/secrets")
	if got := pluck(l, "key"); !eqStrings(got, []string{"A_KEY", "B_KEY", "C_KEY"}) {
		t.Fatalf("default order %v", got)
	}
	if len(l[0]) != 2 || !isObjectID(as[string](t, l[0]["id"])) {
		t.Fatalf("default fields are id,key: %v", l[0])
	}
	full := getList(t, e, "/secrets?fields=id,key,value,value_length,tags&filter[key]=B*")
	if len(full) != 1 || full[0]["key"] != "B_KEY" || full[0]["value_length"] != 11.0 {
		t.Fatalf("filter by key %v", full)
	}
	if _, ok := full[0]["value"]; ok {
		t.Fatalf("list leaks the value: %v", full[0])
	}
	if got := pluck(getList(t, e, "/secrets?filter[tags][0][key]=group&filter[tags][0][value]=c"), "key"); !eqStrings(got, []string{"C_KEY"}) {
		t.Fatalf("tag filter %v", got)
	}
	if got := pluck(getList(t, e, "/secrets?orderBy=key,desc&amount=2&page=1"), "key"); !eqStrings(got, []string{"C_KEY", "B_KEY"}) {
		t.Fatalf("desc page %v", got)
	}

	read := e.AddProfileToken("read", nil)
	req(t, e, "GET", "/secrets", read, nil).ok(t, 200, nil)
	req(t, e, "POST", "/secrets", read, map[string]any{"key": "X", "value": "v"}).fail(t, 403, "Authorization Denied")
	dev := mkDevice(t, e, "d", nil)
	req(t, e, "GET", "/secrets", dev.Token, nil).fail(t, 403, "Authorization Denied")
	req(t, e, "GET", "/secrets", "", nil).fail(t, 401, "Invalid Token")
}
