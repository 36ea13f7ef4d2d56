package emulator

import (
	"bytes"
	"testing"
	"time"
)

const testRunUserPassword = "Testing_01"

// mkRunUser creates a Run user with the given extra body fields over a valid one.
func mkRunUser(t testing.TB, e *Emulator, name, email string, extra map[string]any) string {
	t.Helper()
	body := map[string]any{"name": name, "email": email, "password": testRunUserPassword}
	for k, v := range extra {
		body[k] = v
	}
	var r struct {
		User string `json:"user"`
	}
	req(t, e, "POST", "/run/users", e.ProfileToken(), body).ok(t, 200, &r)
	if !isObjectID(r.User) {
		t.Fatalf("create run user returned id %q", r.User)
	}
	return r.User
}

// assertNoPassword fails if a raw response mentions the password or its hash.
func assertNoPassword(t *testing.T, raw []byte, hash string) {
	t.Helper()
	for _, secret := range []string{"password", testRunUserPassword, hash} {
		if secret != "" && bytes.Contains(raw, []byte(secret)) {
			t.Fatalf("response leaks %q: %s", secret, raw)
		}
	}
}

func TestRunUserCreateAndInfo(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	id := mkRunUser(t, e, "Jane Doe", "jane@example.com", map[string]any{
		"timezone": "America/New_York", "company": "Acme", "language": "pt-br",
		"tags":    []map[string]string{{"key": "user_type", "value": "enduser"}},
		"options": map[string]string{"decimal_separator": ",", "thousand_separator": ".", "date_format": "MM/DD/YYYY", "time_format": "12"},
	})
	r := req(t, e, "GET", "/run/users/"+id, e.ProfileToken(), nil)
	var u map[string]any
	r.ok(t, 200, &u)
	assertNoPassword(t, r.Raw, runUserPasswordHash(testRunUserPassword))
	want := map[string]any{
		"id": id, "profile": e.ProfileID(), "name": "Jane Doe", "email": "jane@example.com",
		"timezone": "America/New_York", "company": "Acme", "phone": nil, "language": "pt-br",
		"tags": []map[string]string{{"key": "user_type", "value": "enduser"}}, "active": false,
		"newsletter": nil, "last_login": nil,
		"options": map[string]string{"decimal_separator": ",", "thousand_separator": ".", "date_format": "MM/DD/YYYY", "time_format": "12"},
		"otp":     map[string]bool{"authenticator": false, "sms": false, "email": false},
	}
	for k, v := range want {
		if !matchesJSON(t, u[k], string(mustJSON(t, v))) {
			t.Errorf("%s = %#v, want %s", k, u[k], mustJSON(t, v))
		}
	}
	if len(u) != len(want)+2 { // + created_at, updated_at
		t.Errorf("UserInfo keys: %v", u)
	}

	// The minimal OAS body (no timezone): UTC, English, inactive, empty options.
	minimal := mkRunUser(t, e, "Min", "min@example.com", nil)
	m := getMap(t, e, "/run/users/"+minimal)
	if m["timezone"] != "UTC" || m["language"] != "en" || m["active"] != false || !matchesJSON(t, m["options"], `{}`) || !matchesJSON(t, m["tags"], `[]`) {
		t.Errorf("defaults: %v", m)
	}
	mkRunUser(t, e, "Active", "on@example.com", map[string]any{"active": true})
	if l := getList(t, e, "/run/users?fields[]=name&filter[active]=true"); len(l) != 1 || l[0]["name"] != "Active" {
		t.Errorf("active user: %v", l)
	}
}

func TestRunUserValidation(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	mkRunUser(t, e, "Jane", "Jane@Example.com", nil)
	valid := func(over map[string]any) map[string]any {
		b := map[string]any{"name": "N", "email": "n@example.com", "password": testRunUserPassword}
		for k, v := range over {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}
	tooMany := make([]map[string]string, 31)
	for i := range tooMany {
		tooMany[i] = map[string]string{"key": "k", "value": "v"}
	}
	bad := []struct {
		body map[string]any
		want string
	}{
		{valid(map[string]any{"name": nil}), "name is required"},
		{valid(map[string]any{"email": nil}), "email is required"},
		{valid(map[string]any{"email": "not-an-email"}), "email is required and must be an email address"},
		{valid(map[string]any{"password": nil}), "password is required and must have at least 8 characters"},
		{valid(map[string]any{"password": "1234567"}), "at least 8 characters"},
		{valid(map[string]any{"email": "jane@example.COM"}), "already in use"},
		{valid(map[string]any{"timezone": 3}), "timezone must be a string"},
		{valid(map[string]any{"company": 3}), "company must be a string or null"},
		{valid(map[string]any{"active": "yes"}), "active must be a boolean"},
		{valid(map[string]any{"tags": tooMany}), "at most 30 tags"},
		{valid(map[string]any{"options": "x"}), "options must be an object"},
		{valid(map[string]any{"options": map[string]any{"time_format": "13"}}), `options.time_format must be "12" or "24"`},
		{valid(map[string]any{"options": map[string]any{"date_format": 1}}), "options.date_format must be a string"},
	}
	for _, b := range bad {
		req(t, e, "POST", "/run/users", e.ProfileToken(), b.body).fail(t, 400, b.want)
	}
	if l := getList(t, e, "/run/users"); len(l) != 1 {
		t.Fatalf("rejected creates left users: %v", l)
	}
	mkRunUser(t, e, "Eight", "eight@example.com", map[string]any{"password": "12345678"})
}

func TestRunUserEdit(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	id := mkRunUser(t, e, "Jane", "jane@example.com", map[string]any{
		"tags":    []map[string]string{{"key": "a", "value": "1"}, {"key": "b", "value": "2"}},
		"options": map[string]string{"date_format": "DD-MM-YYYY", "time_format": "24"},
		"phone":   "+100",
	})
	storedHash := func() string {
		var u *runUserDoc
		if err := e.store.View(func(tx Tx) (err error) { u, err = getDoc[runUserDoc](tx, collRunUsers, id); return err }); err != nil || u == nil {
			t.Fatalf("load run user: %v", err)
		}
		return u.PasswordHash
	}
	oldHash := storedHash()

	req(t, e, "PUT", "/run/users/"+id, tok, map[string]any{"email": "other@example.com"}).fail(t, 400, "email cannot be changed")
	req(t, e, "PUT", "/run/users/"+id, tok, map[string]any{"password": "short"}).fail(t, 400, "at least 8 characters")
	var msg string
	req(t, e, "PUT", "/run/users/"+id, tok, map[string]any{
		"email": "jane@example.com", "name": "Jane Roe", "password": "N3w-password",
		"tags": []map[string]string{{"key": "c", "value": "3"}}, "options": map[string]string{"time_format": "12"},
		"active": true, "phone": nil,
	}).ok(t, 200, &msg)
	if msg != "TagoIO Run User Successfully Updated" {
		t.Fatalf("PUT result %q", msg)
	}
	if h := storedHash(); h == oldHash || h != runUserPasswordHash("N3w-password") {
		t.Fatalf("password not changed")
	}
	r := req(t, e, "GET", "/run/users/"+id, tok, nil)
	var u map[string]any
	r.ok(t, 200, &u)
	assertNoPassword(t, r.Raw, storedHash())
	if u["name"] != "Jane Roe" || u["email"] != "jane@example.com" || u["active"] != true || u["phone"] != nil {
		t.Errorf("after PUT: %v", u)
	}
	if !matchesJSON(t, u["tags"], `[{"key":"c","value":"3"}]`) || !matchesJSON(t, u["options"], `{"time_format":"12"}`) {
		t.Errorf("tags/options merged instead of replaced: %v %v", u["tags"], u["options"])
	}
}

func TestRunUserList(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	mkRunUser(t, e, "bob", "bob@example.com", map[string]any{"tags": []map[string]string{{"key": "role", "value": "op"}}})
	mkRunUser(t, e, "Alice", "alice@example.com", map[string]any{"active": true})
	mkRunUser(t, e, "carol", "carol@corp.com", nil)

	l := getList(t, e, "/run/users")
	if got := pluck(l, "name"); !eqStrings(got, []string{"Alice", "bob", "carol"}) {
		t.Fatalf("default order %v", got)
	}
	if len(l[0]) != 2 || !isObjectID(as[string](t, l[0]["id"])) {
		t.Fatalf("default fields are id and name: %v", l[0])
	}
	r := req(t, e, "GET", "/run/users?fields[]=id&fields[]=name&fields[]=email&fields[]=password&fields[]=password_hash", e.ProfileToken(), nil)
	r.ok(t, 200, &l)
	assertNoPassword(t, r.Raw, runUserPasswordHash(testRunUserPassword))
	if len(l) != 3 || l[0]["email"] != "alice@example.com" {
		t.Fatalf("fields: %v", l)
	}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"filter[email]=*@example.com", []string{"Alice", "bob"}},
		{"filter[active]=false", []string{"bob", "carol"}},
		{"filter[tags][0][key]=role&filter[tags][0][value]=op", []string{"bob"}},
		{"filter[name]=CAROL", []string{"carol"}},
		{"orderBy=name,desc&amount=1", []string{"carol"}},
	} {
		if got := pluck(getList(t, e, "/run/users?"+c.query), "name"); !eqStrings(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.query, got, c.want)
		}
	}
}

func TestRunUserLoginAndDelete(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	id := mkRunUser(t, e, "Jane", "jane@example.com", nil)
	keep := mkRunUser(t, e, "Keep", "keep@example.com", nil)

	var r map[string]any
	req(t, e, "GET", "/run/users/"+id+"/login", tok, nil).ok(t, 200, &r)
	for _, k := range []string{"token", "name", "run_user", "expire_date", "expire_time", "created_at"} {
		if _, ok := r[k]; !ok {
			t.Fatalf("login result lacks %q: %v", k, r)
		}
	}
	exp, err := time.Parse(timeLayout, as[string](t, r["expire_date"]))
	if err != nil || r["expire_time"] != r["expire_date"] || r["run_user"] != id || len(as[string](t, r["token"])) != 36 {
		t.Fatalf("login result %v (%v)", r, err)
	}
	if d := time.Until(exp); d < 7*time.Hour || d > 9*time.Hour {
		t.Fatalf("default login expiry in %v, want 8 hours", d)
	}
	// A run-user token is no API token.
	req(t, e, "GET", "/run/users", as[string](t, r["token"]), nil).fail(t, 401, msgInvalidToken)

	req(t, e, "GET", "/run/users/"+id+"/login?expire_time=3%20months", tok, nil).ok(t, 200, &r)
	if exp, _ := time.Parse(timeLayout, as[string](t, r["expire_time"])); time.Until(exp) < 80*24*time.Hour {
		t.Fatalf("3 months login expires at %v", exp)
	}
	req(t, e, "GET", "/run/users/"+id+"/login?expire_time=never", tok, nil).ok(t, 200, &r)
	if r["expire_time"] != nil || r["expire_date"] != nil {
		t.Fatalf("never login %v", r)
	}
	req(t, e, "GET", "/run/users/"+keep+"/login", tok, nil).ok(t, 200, nil)
	req(t, e, "GET", "/run/users/"+id+"/login?expire_time=later", tok, nil).fail(t, 400, "expire_time")

	countTokens := func(user string) int {
		var n int
		if err := e.store.View(func(tx Tx) error {
			toks, err := listDocs[runUserTokenDoc](tx, collRunUserTokens, func(t *runUserTokenDoc) bool { return t.RunUser == user })
			n = len(toks)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if countTokens(id) != 3 || countTokens(keep) != 1 {
		t.Fatalf("tokens before delete: %d, %d", countTokens(id), countTokens(keep))
	}
	var msg string
	req(t, e, "DELETE", "/run/users/"+id, tok, nil).ok(t, 200, &msg)
	if msg != "Successfully Removed" {
		t.Fatalf("delete result %q", msg)
	}
	if countTokens(id) != 0 || countTokens(keep) != 1 {
		t.Fatalf("tokens after delete: %d, %d", countTokens(id), countTokens(keep))
	}
	// The email is free again.
	mkRunUser(t, e, "Jane again", "jane@example.com", nil)
}

func TestRunUserIDErrors(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	for _, r := range []struct{ method, suffix string }{{"GET", ""}, {"PUT", ""}, {"DELETE", ""}, {"GET", "/login"}} {
		req(t, e, r.method, "/run/users/nope"+r.suffix, tok, map[string]any{}).fail(t, 400, "Invalid Run User ID")
		req(t, e, r.method, "/run/users/aaaaaaaaaaaaaaaaaaaaaaaa"+r.suffix, tok, map[string]any{}).fail(t, 404, "Run User not found")
	}
	read := e.AddProfileToken("read", nil)
	req(t, e, "POST", "/run/users", read, map[string]any{"name": "x"}).fail(t, 403, msgDenied)
	req(t, e, "GET", "/run/users", read, nil).ok(t, 200, nil)
}

func TestRunUserNewsletterAndShowLastUpdatedAt(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	var created map[string]any
	req(t, e, "POST", "/run/users", tok, map[string]any{
		"name": "N", "email": "n@example.com", "password": "Password-1", "timezone": "UTC",
		"newsletter": true, "options": map[string]any{"show_last_updated_at": "menu"},
	}).ok(t, 200, &created)
	id := as[string](t, created["user"])
	u := getMap(t, e, "/run/users/"+id)
	if u["newsletter"] != true || as[map[string]any](t, u["options"])["show_last_updated_at"] != "menu" {
		t.Fatalf("user %v", u)
	}
	req(t, e, "PUT", "/run/users/"+id, tok, map[string]any{"newsletter": false}).ok(t, 200, nil)
	if u := getMap(t, e, "/run/users/"+id); u["newsletter"] != false {
		t.Fatalf("newsletter after edit = %v", u["newsletter"])
	}
	req(t, e, "PUT", "/run/users/"+id, tok, map[string]any{"newsletter": "yes"}).fail(t, 400, "newsletter")
	req(t, e, "PUT", "/run/users/"+id, tok, map[string]any{"options": map[string]any{"show_last_updated_at": 1}}).fail(t, 400, "show_last_updated_at")
}
