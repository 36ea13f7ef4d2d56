package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const runAnonymousToken = "a1b2c3d4-anon-4000-8000-000000000abc"

// runSettings is a GET /run answer with settings the client does not type (signup_fields,
// integration, a template field, a security option) that an update must carry over unchanged.
func runSettings() map[string]any {
	return map[string]any{
		"profile": "62ab4302ee089b00134f33ff", "active": true, "name": "Fleet", "sub_title": "Machines",
		"url": "fleet.run.tago.io", "email_domain": nil, "signup_method": "default", "favicon": nil,
		"theme":           map[string]any{"primary": "#111", "auth_bg_opacity": 100, "auth_form_opacity": nil},
		"email_templates": map[string]any{"password_recover": map[string]any{"subject": "Reset", "value": "Hi", "lang": "en"}},
		"security":        map[string]any{"otp": map[string]any{"authenticator": false, "sms": false, "email": false}, "captcha": true},
		"sidebar_buttons": []any{map[string]any{"text": "Home", "href": "/", "iconUrl": "https://svg/h.svg", "color": "grey", "type": ""}},
		"signin_buttons":  []any{},
		"signup_fields":   []any{map[string]any{"name": "phone", "required": true}},
		"integration":     map[string]any{"google_analytics": "G-1"},
		"auth_token_ttl":  "3 months", "anonymous_token": runAnonymousToken,
	}
}

func TestRun_GetTypesTheSettingsAndMasksTheAnonymousToken(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.Method == http.MethodPut {
			fail(w, http.StatusBadRequest, "token "+runAnonymousToken+" is not allowed here")
			return
		}
		ok(w, runSettings())
	})
	c, logger := newTestClient(t, api.URL)
	ctx := context.Background()
	run, err := c.Run.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if run.Profile != "62ab4302ee089b00134f33ff" || *run.Name != "Fleet" || *run.AuthTokenTTL != "3 months" || run.EmailDomain != nil {
		t.Errorf("run = %+v", run)
	}
	if len(run.SidebarButtons) != 1 || *run.SidebarButtons[0].IconURL != "https://svg/h.svg" {
		t.Errorf("sidebar = %+v", run.SidebarButtons)
	}
	if run.Security == nil || run.Security.OTP == nil || run.Security.OTP.Email {
		t.Errorf("security = %+v", run.Security)
	}
	if got := run.ThemeStrings(); got["primary"] != "#111" || got["auth_bg_opacity"] != "100" || len(got) != 2 {
		t.Errorf("theme strings = %v (null values are left out)", got)
	}
	name := "x"
	err = c.Run.Update(ctx, client.RunUpdate{Name: &name})
	if err == nil || strings.Contains(err.Error(), runAnonymousToken) {
		t.Errorf("the anonymous token is not masked in errors: %v", err)
	}
	if strings.Contains(logger.String(), runAnonymousToken) {
		t.Errorf("the anonymous token reached a log line")
	}
}

func TestRun_UpdateMergesObjectsAndKeepsWhatItDoesNotManage(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.Method == http.MethodGet {
			ok(w, runSettings())
			return
		}
		ok(w, "TagoIO Run Successfully Updated")
	})
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	run, err := c.Run.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	title := "Fleet manager"
	update := client.RunUpdate{
		SubTitle:       &title,
		Theme:          run.MergedTheme(map[string]string{"auth_bg_opacity": "80", "navbar": "red"}),
		EmailTemplates: run.MergedEmailTemplates(map[string]client.RunEmailTemplate{"welcome_actived": {Subject: "Hello", Value: "Welcome"}}),
		Security:       run.MergedSecurity(client.RunOTP{Email: true}),
	}
	if err := c.Run.Update(ctx, update); err != nil {
		t.Fatal(err)
	}
	put := api.Requests()[1]
	if put.Method != http.MethodPut || put.Path != "/run" {
		t.Fatalf("request = %s %s", put.Method, put.Path)
	}
	var sent map[string]json.RawMessage
	if err := json.Unmarshal([]byte(put.Body), &sent); err != nil {
		t.Fatal(err)
	}
	for _, notSent := range []string{"name", "url", "sidebar_buttons", "signup_fields", "integration", "anonymous_token"} {
		if _, ok := sent[notSent]; ok {
			t.Errorf("%s was sent though it did not change: %s", notSent, put.Body)
		}
	}
	for field, want := range map[string]string{
		"theme":           `{"auth_bg_opacity":80,"auth_form_opacity":null,"navbar":"red","primary":"#111"}`,
		"email_templates": `{"password_recover":{"lang":"en","subject":"Reset","value":"Hi"},"welcome_actived":{"subject":"Hello","value":"Welcome"}}`,
		"security":        `{"captcha":true,"otp":{"authenticator":false,"sms":false,"email":true}}`,
		"sub_title":       `"Fleet manager"`,
	} {
		if got := string(sent[field]); got != want {
			t.Errorf("%s sent as %s, want %s", field, got, want)
		}
	}

	after, err := run.Apply(update)
	if err != nil {
		t.Fatal(err)
	}
	if *after.SubTitle != title || *after.Name != "Fleet" || !after.Security.OTP.Email || after.EmailTemplates["welcome_actived"].Subject != "Hello" ||
		after.EmailTemplates["password_recover"].Value != "Hi" || after.ThemeStrings()["auth_bg_opacity"] != "80" {
		t.Errorf("applied settings = %+v", after)
	}
	if *run.SubTitle != "Machines" {
		t.Error("Apply changed the settings it started from")
	}
	// A number not in its shortest form stays text, so that it reads back as configured.
	if got := run.MergedTheme(map[string]string{"auth_bg_opacity": "80.0"})["auth_bg_opacity"]; got != "80.0" {
		t.Errorf("auth_bg_opacity 80.0 sent as %#v, want the text", got)
	}
	if !(client.RunUpdate{}).IsEmpty() || update.IsEmpty() {
		t.Error("IsEmpty is wrong")
	}
}
