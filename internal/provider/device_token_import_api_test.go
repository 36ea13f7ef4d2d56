package provider

import (
	"context"
	"strings"
	"testing"
)

// Tokens made through the API, with every permission (deny included), a serial number and a
// verification code, absolute and relative expiries, and two tokens sharing a name, import
// loss-free with generated configuration: the verification code (generated as `null # sensitive`)
// does not replace the token, the expiry comes from the token list, and the tokens sharing a name
// import by their ID.
func TestAccDeviceToken_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	device := env.apiID("/device", map[string]any{
		"name": "tfacc-token-device", "type": "immutable", "chunk_period": "month", "chunk_retention": 1,
		"connector": httpsConnectorID, "network": httpNetworkID,
	})
	token := func(body map[string]any) {
		body["device"] = device
		env.apiCall("POST", "/device/token", body)
	}
	for _, permission := range tokenPermissions {
		token(map[string]any{"name": "tfacc-" + permission, "permission": permission})
	}
	token(map[string]any{"name": "tfacc-lora", "permission": "full", "serie_number": "A1B2C3", "verification_code": "s3cret", "expire_time": "2031-02-03T04:05:06.000Z"})
	token(map[string]any{"name": "tfacc-relative", "permission": "write", "expire_time": "3 months"})
	token(map[string]any{"name": "tfacc-dup", "permission": "read"})
	token(map[string]any{"name": "tfacc-dup", "permission": "write"})

	listed, err := env.client.DeviceTokens.List(context.Background(), device)
	if err != nil {
		t.Fatal(err)
	}
	var targets []importTarget
	var expiries []string
	for i, tok := range listed {
		id := device + "/" + tok.Name
		if tok.Name == "tfacc-dup" || tok.Name == "tfacc-default" {
			id = deviceTokenID(device, tok.Token) // a name shared by two tokens is no import ID
		}
		if tok.Name == "tfacc-default" {
			continue // the device's own token stays unmanaged here
		}
		targets = append(targets, importTarget{Type: "tagoio_device_token", Name: "t" + string(rune('a'+i)), ID: id})
		if tok.ExpireTime != nil && *tok.ExpireTime != "" {
			expiries = append(expiries, *tok.ExpireTime)
		}
	}
	if len(expiries) != 2 {
		t.Fatalf("the token list shows %d expiries, want 2: %+v", len(expiries), listed)
	}
	res := env.importWithGeneratedConfig(targets, []apiObject{
		{Path: "/device/token/" + device, Query: fieldsQuery("name", "token", "permission", "serie_number", "verification_code", "expire_time", "created_at")},
	})
	for _, expiry := range expiries {
		if !strings.Contains(res.Generated, `expire_time       = "`+expiry+`"`) {
			t.Errorf("the generated configuration has no expire_time %q:\n%s", expiry, res.Generated)
		}
	}
	if !strings.Contains(res.Generated, `permission        = "deny"`) {
		t.Errorf("no deny token in the generated configuration:\n%s", res.Generated)
	}
	// The token made with "3 months" adopts that spelling of its expiry without a replacement.
	for _, expiry := range expiries {
		if strings.HasPrefix(expiry, "2031-") {
			continue
		}
		edited := strings.Replace(res.Generated, `"`+expiry+`"`, `"3 months"`, 1)
		if out := res.planAfterEdit(t, edited); !strings.Contains(out, "0 to add, 1 to change, 0 to destroy") {
			t.Errorf("a relative expire_time on an imported token does not plan an in-place update:\n%s", out)
		}
	}
}
