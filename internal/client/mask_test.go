package client_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const deviceToken = "5a16405f-b32c-4c91-ae39-cbb2caba18d8"

func TestMasker_String(t *testing.T) {
	t.Parallel()
	m := client.NewMasker("p-secret-token-1", "short") // "short" is under the minimum length
	got := m.String("token p-secret-token-1 and short and p-secret-token-1x")
	if strings.Contains(got, "p-secret-token-1") {
		t.Errorf("secret not masked: %q", got)
	}
	if !strings.Contains(got, "short") || !strings.Contains(got, client.MaskPlaceholder) {
		t.Errorf("unexpected masking: %q", got)
	}
}

func TestMasker_BodyLearnsSecretKeys(t *testing.T) {
	t.Parallel()
	m := client.NewMasker()
	body := `{"status":true,"result":[{"name":"a","token":"` + deviceToken + `"},{"password": "hunter2hunter2"}]}`
	got := m.Body([]byte(body))
	for _, secret := range []string{deviceToken, "hunter2hunter2"} {
		if strings.Contains(got, secret) {
			t.Errorf("body still holds %q: %s", secret, got)
		}
	}
	if !strings.Contains(got, `"name":"a"`) {
		t.Errorf("masked too much: %s", got)
	}
	// Learned: the token is now masked anywhere, e.g. in a URL.
	if got := m.String("/device/token/" + deviceToken); strings.Contains(got, deviceToken) {
		t.Errorf("learned token not masked in a path: %q", got)
	}
}

// Serial: it switches masking off for the whole process (SetMaskingForTest).
func TestMasking_LogsAndErrorsNeverHoldTokens(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch r.Method {
		case http.MethodGet:
			ok(w, []map[string]any{{"token": deviceToken, "name": "Default", "permission": "full"}})
		default:
			// The API echoes the token in its error text.
			fail(w, 400, "Token "+deviceToken+" cannot be removed by "+r.Header.Get("token"))
		}
	})
	c, logger := newTestClient(t, api.URL)
	ctx := context.Background()
	if _, err := c.DeviceTokens.List(ctx, "6298fcc3e0b6840012b6abfa"); err != nil {
		t.Fatal(err)
	}
	err := c.DeviceTokens.Delete(ctx, deviceToken)
	if err == nil {
		t.Fatal("want an error")
	}
	for name, text := range map[string]string{"log": logger.String(), "error": err.Error()} {
		for _, secret := range []string{deviceToken, testToken} {
			if strings.Contains(text, secret) {
				t.Errorf("%s holds a secret %q:\n%s", name, secret, text)
			}
		}
	}
	// Positive control: the log does show the request and the mask placeholder.
	if log := logger.String(); !strings.Contains(log, "/device/token/"+client.MaskPlaceholder) || !strings.Contains(log, "6298fcc3e0b6840012b6abfa") {
		t.Errorf("log lacks the masked path or the device id:\n%s", log)
	}

	client.SetMaskingForTest(false)
	defer client.SetMaskingForTest(true)
	err = c.DeviceTokens.Delete(ctx, deviceToken)
	if err == nil || !strings.Contains(err.Error(), deviceToken) {
		t.Errorf("with masking off the token should show (the test hook works): %v", err)
	}
}

func TestMasking_RequestBodySecrets(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) { ok(w, "ok") })
	c, logger := newTestClient(t, api.URL)
	body := map[string]any{"name": "user", "password": "correct-horse-battery", "verification_code": "vc-123456"}
	if err := c.Do(context.Background(), client.Request{Method: http.MethodPost, Path: "/run/users", Body: body}, nil); err != nil {
		t.Fatal(err)
	}
	log := logger.String()
	for _, secret := range []string{"correct-horse-battery", "vc-123456", testToken} {
		if strings.Contains(log, secret) {
			t.Errorf("log holds %q:\n%s", secret, log)
		}
	}
	if !strings.Contains(log, `"name":"user"`) {
		t.Errorf("request body was not logged at all:\n%s", log)
	}
}

func TestMasking_SensitiveCallsNeverLogBodies(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		ok(w, map[string]any{"headers": map[string]string{"X-Api-Key": "header-secret-9f8e7d"}})
	})
	c, logger := newTestClient(t, api.URL)
	body := map[string]any{"variables": []map[string]string{{"key": "API_KEY", "value": "env-secret-1a2b3c"}}}
	if err := c.Do(context.Background(), client.Request{Method: http.MethodPost, Path: "/analysis", Body: body, Sensitive: true}, nil); err != nil {
		t.Fatal(err)
	}
	log := logger.String()
	for _, secret := range []string{"header-secret-9f8e7d", "env-secret-1a2b3c"} {
		if strings.Contains(log, secret) {
			t.Errorf("log holds %q:\n%s", secret, log)
		}
	}
	if !strings.Contains(log, "sensitive") {
		t.Errorf("the body lines should say the body was withheld:\n%s", log)
	}
	// Control: the same call without the flag logs the bodies.
	if err := c.Do(context.Background(), client.Request{Method: http.MethodPost, Path: "/analysis", Body: body}, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logger.String(), "env-secret-1a2b3c") {
		t.Error("control: a normal call's body should be logged")
	}
}
