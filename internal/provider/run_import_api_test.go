package provider

import (
	"context"
	"testing"
)

// The TagoRUN settings, edited through the API, import loss-free with generated configuration.
func TestAccRun_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	type obj = map[string]any
	env.apiCall("PUT", "/run", obj{
		"name": "tfacc-run", "sub_title": "Fleet", "url": "tfacc-fleet.run.tago.io", "signup_method": "default",
		"favicon": "https://example.com/f.ico", "auth_token_ttl": "3 months",
		"sidebar_buttons": []obj{{"text": "Home", "href": "/", "color": "#fff", "type": "link", "value": "/", "is_in_new_line": true}},
		"signin_buttons":  []obj{{"label": "Help", "url": "https://example.com/help", "type": "link"}},
		"security":        obj{"otp": obj{"authenticator": true, "sms": false, "email": true}},
	})
	profile, err := env.client.Run.Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	env.importWithGeneratedConfig([]importTarget{{Type: "tagoio_run", Name: "run", ID: profile.Profile}}, []apiObject{{Path: "/run"}})
}
