package emulator

import (
	"testing"
	"time"
)

func TestRunDefaults(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	run := getMap(t, e, "/run")

	for k, want := range map[string]any{
		"profile": e.ProfileID(), "url": e.ProfileID() + ".run.tago.io", "active": true,
		"signup_method": "default", "sso_saml_active": false, "auth_token_ttl": "3 months",
		"dictionary": nil, "email_domain": nil, "favicon": nil, "logo": nil, "signup_logo": nil,
	} {
		if run[k] != want {
			t.Errorf("%s = %#v, want %#v", k, run[k], want)
		}
	}
	if as[string](t, run["name"]) == "" {
		t.Error("a default Run has a name")
	}
	if _, ok := run["sub_title"].(string); !ok {
		t.Errorf("sub_title %#v", run["sub_title"])
	}
	for _, k := range []string{"sidebar_buttons", "signin_buttons", "signup_fields"} {
		if _, ok := run[k].([]any); !ok {
			t.Errorf("%s is %#v, want an array", k, run[k])
		}
	}
	for _, k := range []string{"theme", "integration", "feature_devicewifisetup", "feature_geolocation", "logo_options", "signup_logo_options"} {
		if _, ok := run[k].(map[string]any); !ok {
			t.Errorf("%s is %#v, want an object", k, run[k])
		}
	}
	if !matchesJSON(t, run["security"], `{"otp":{"authenticator":false,"sms":false,"email":false}}`) {
		t.Errorf("security %v", run["security"])
	}
	templates := as[map[string]any](t, run["email_templates"])
	for _, k := range []string{"password_recover", "welcome_actived", "welcome_adminconfirm", "welcome_autoconfirm"} {
		tpl := as[map[string]any](t, templates[k])
		if as[string](t, tpl["subject"]) == "" || as[string](t, tpl["value"]) == "" {
			t.Errorf("email template %s: %v", k, tpl)
		}
	}
	if _, err := time.Parse(timeLayout, as[string](t, run["created_at"])); err != nil {
		t.Errorf("created_at %v", run["created_at"])
	}
	// The default Run is created once: the anonymous token is stable.
	if len(as[string](t, run["anonymous_token"])) != 36 || getMap(t, e, "/run")["anonymous_token"] != run["anonymous_token"] {
		t.Errorf("anonymous_token changes between reads")
	}
}

func TestRunEditReplacesTopLevelValues(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	before := getMap(t, e, "/run")

	var msg string
	req(t, e, "PUT", "/run", e.ProfileToken(), map[string]any{
		"name": "Acme Portal", "theme": map[string]any{"primary": "red", "auth_bg_opacity": 50},
		"security":        map[string]any{"otp": map[string]bool{"authenticator": true, "sms": false, "email": true}},
		"signin_buttons":  []map[string]string{{"label": "Help", "type": "link", "url": "https://help.example"}},
		"signup_fields":   []map[string]any{{"name": "company", "placeholder": "Company", "required": true, "type": "text"}},
		"profile":         "aaaaaaaaaaaaaaaaaaaaaaaa", // read-only: ignored
		"anonymous_token": "stolen",                   // read-only: ignored
		"unknown_key":     1,                          // unknown: ignored
	}).ok(t, 200, &msg)
	if msg != "TagoIO Run Successfully Updated" {
		t.Fatalf("PUT result %q", msg)
	}
	run := getMap(t, e, "/run")
	if run["name"] != "Acme Portal" || run["sub_title"] != before["sub_title"] || run["url"] != before["url"] {
		t.Errorf("name/sub_title/url: %v %v %v", run["name"], run["sub_title"], run["url"])
	}
	if !matchesJSON(t, run["theme"], `{"primary":"red","auth_bg_opacity":50}`) {
		t.Errorf("theme merged instead of replaced: %v", run["theme"])
	}
	if !matchesJSON(t, run["security"], `{"otp":{"authenticator":true,"sms":false,"email":true}}`) {
		t.Errorf("security %v", run["security"])
	}
	if !matchesJSON(t, run["signin_buttons"], `[{"label":"Help","type":"link","url":"https://help.example"}]`) {
		t.Errorf("signin_buttons %v", run["signin_buttons"])
	}
	if run["profile"] != e.ProfileID() || run["anonymous_token"] != before["anonymous_token"] {
		t.Errorf("read-only keys changed: profile %v anonymous_token %v", run["profile"], run["anonymous_token"])
	}
	if _, ok := run["unknown_key"]; ok {
		t.Errorf("unknown key stored")
	}
	if run["created_at"] != before["created_at"] {
		t.Errorf("created_at changed")
	}
	if !matchesJSON(t, run["email_templates"], string(mustJSON(t, before["email_templates"]))) {
		t.Errorf("email_templates changed by a PUT without them")
	}
	// A PUT before any GET works on the default Run too.
	e2 := newEmu(t)
	req(t, e2, "PUT", "/run", e2.ProfileToken(), map[string]any{"sub_title": "Hello"}).ok(t, 200, nil)
	if r := getMap(t, e2, "/run"); r["sub_title"] != "Hello" || r["url"] != e2.ProfileID()+".run.tago.io" {
		t.Errorf("PUT on a fresh profile: %v", r)
	}
}

func TestRunValidation(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	before := getMap(t, e, "/run")
	bad := []struct {
		body map[string]any
		want string
	}{
		{map[string]any{"name": ""}, "name must be a non-empty string"},
		{map[string]any{"url": 5}, "url must be a non-empty string"},
		{map[string]any{"active": "yes"}, "active must be a boolean"},
		{map[string]any{"sub_title": nil}, "sub_title must be a string"},
		{map[string]any{"logo": 5}, "logo must be a string or null"},
		{map[string]any{"dictionary": "abc"}, "dictionary must be an ID"},
		{map[string]any{"auth_token_ttl": "forever"}, "auth_token_ttl must be a relative time"},
		{map[string]any{"theme": []any{}}, "theme must be an object"},
		{map[string]any{"theme": map[string]any{"primary": map[string]any{}}}, "theme.primary must be a string, a number or null"},
		{map[string]any{"security": map[string]any{"otp": map[string]any{"sms": "no"}}}, "security.otp.sms must be a boolean"},
		{map[string]any{"security": map[string]any{"otp": 1}}, "security.otp must be an object"},
		{map[string]any{"email_templates": map[string]any{"welcome": map[string]any{"subject": 1}}}, "email_templates.welcome.subject must be a string"},
		{map[string]any{"email_templates": map[string]any{"welcome": "hi"}}, "email_templates.welcome must be an object"},
		{map[string]any{"signin_buttons": []map[string]string{{"label": "x", "type": "button"}}}, `signin_buttons[0].type must be "link"`},
		{map[string]any{"sidebar_buttons": []any{1}}, "sidebar_buttons[0] must be an object"},
		{map[string]any{"sidebar_buttons": []any{map[string]any{"text": "Home", "isInNewLine": "y"}}}, "sidebar_buttons[0].isInNewLine must be a boolean"},
		{map[string]any{"signup_fields": []any{map[string]any{"name": "a", "required": "y"}}}, "signup_fields[0].required must be a boolean"},
		{map[string]any{"feature_geolocation": 5}, "feature_geolocation must be an object or null"},
		{map[string]any{"integration": "x"}, "integration must be an object"},
	}
	for _, b := range bad {
		req(t, e, "PUT", "/run", e.ProfileToken(), b.body).fail(t, 400, b.want)
	}
	// Several errors at once: the message names the first key in sorted order.
	req(t, e, "PUT", "/run", e.ProfileToken(), map[string]any{"url": "", "active": "x", "name": ""}).fail(t, 400, "active must be a boolean")
	if after := getMap(t, e, "/run"); after["updated_at"] != before["updated_at"] || after["name"] != before["name"] {
		t.Fatalf("rejected PUTs changed the Run")
	}
	req(t, e, "PUT", "/run", e.ProfileToken(), map[string]any{"feature_geolocation": nil, "dictionary": "aaaaaaaaaaaaaaaaaaaaaaaa"}).ok(t, 200, nil)
	if r := getMap(t, e, "/run"); r["feature_geolocation"] != nil || r["dictionary"] != "aaaaaaaaaaaaaaaaaaaaaaaa" {
		t.Fatalf("nullable fields: %v %v", r["feature_geolocation"], r["dictionary"])
	}
}

func TestRunPermissions(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	read := e.AddProfileToken("read", nil)
	dev := mkDevice(t, e, "d", nil)
	req(t, e, "GET", "/run", read, nil).ok(t, 200, nil)
	req(t, e, "PUT", "/run", read, map[string]any{"name": "x"}).fail(t, 403, msgDenied)
	req(t, e, "GET", "/run", dev.Token, nil).fail(t, 403, msgDenied)
}
