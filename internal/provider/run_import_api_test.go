package provider

import (
	"context"
	"testing"
)

// The TagoRUN settings, every one the resource has set through the API (a theme and an e-mail
// template among them, which an import does not manage), import loss-free with generated
// configuration.
func TestAccRun_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.keepRunSettings()
	dictionary := env.apiID("/dictionary", obj{"name": "tfacc-run-dictionary", "slug": "TFACCRUN", "fallback": "en-US"})
	env.apiCall("PUT", "/run", obj{
		"dictionary": dictionary,
		"active":     true, "name": "tfacc-run", "sub_title": "Fleet", "url": "tfacc-fleet.run.tago.io", "email_domain": "mail.example.com",
		"signup_method": "default", "favicon": "https://example.com/f.ico", "logo": "https://example.com/logo.png",
		"signup_logo": "https://example.com/signup.png", "auth_token_ttl": "3 months",
		"sidebar_buttons": []obj{
			{"text": "Home", "href": "/", "color": "#fff", "iconUrl": "https://example.com/home.svg", "type": "link", "value": "/", "isInNewLine": true},
			{"text": "Fleet", "href": "6298fcc3e0b6840012b6ab02", "type": "dashboard", "value": "6298fcc3e0b6840012b6ab02", "isInNewLine": false},
			{"text": "Bare", "href": "users"},
		},
		"signin_buttons": []obj{{"label": "Help", "url": "https://example.com/help", "type": "link"}},
		"signup_fields": []obj{
			{"name": "company", "placeholder": "Your company", "type": "text", "required": true},
			{"name": "fleet_size", "placeholder": "", "type": "number", "required": false},
			{"name": "bare", "required": false},
		},
		"security": obj{"otp": obj{"authenticator": true, "sms": false, "email": true}},
		// Not imported (the configuration says which to manage), so the import apply must leave them.
		"theme":           obj{"primary": "hsl(0, 0%, 10%)", "auth_bg_opacity": 0.5},
		"email_templates": obj{"welcome_autoconfirm": obj{"subject": "Welcome", "value": "Hello $name$"}},
	})
	profile, err := env.client.Run.Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	env.importWithGeneratedConfig([]importTarget{{Type: "tagoio_run", Name: "run", ID: profile.Profile}}, []apiObject{{Path: "/run"}})
}
