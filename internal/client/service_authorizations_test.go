package client_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// The token and the verification code never reach a log line: not from the create's answer, not
// from a list, not from a later path.
func TestServiceAuthorizations_NeverLogTheTokenOrTheCode(t *testing.T) {
	const token = "at0123456789abcdef0123456789abcdef"
	const code = "middleware-check-code"
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch r.Method {
		case http.MethodPost:
			ok(w, map[string]any{"token": token, "name": "Billing", "profile": "p1", "additional_parameters": code})
		case http.MethodGet:
			ok(w, []map[string]any{{"token": token, "name": "Billing", "permission": "full", "verification_code": code}})
		default:
			ok(w, "Token Successfully Removed")
		}
	})
	c, logger := newTestClient(t, api.URL)
	ctx := context.Background()
	v := code
	got, err := c.ServiceAuthorizations.Create(ctx, client.ServiceAuthorizationCreate{Name: "Billing", VerificationCode: &v})
	if err != nil || got != token {
		t.Fatalf("create = %q, %v", got, err)
	}
	a, err := c.ServiceAuthorizations.Get(ctx, token)
	if err != nil || a.Name != "Billing" || a.VerificationCode == nil || *a.VerificationCode != code {
		t.Fatalf("get = %+v, %v", a, err)
	}
	if err := c.ServiceAuthorizations.SetVerificationCode(ctx, token, ""); err != nil {
		t.Fatal(err)
	}
	if err := c.ServiceAuthorizations.Delete(ctx, token); err != nil {
		t.Fatal(err)
	}
	reqs := api.Requests()
	if reqs[2].Body != `{"verification_code":null}` || reqs[3].Path != "/serviceauth/"+token {
		t.Errorf("edit body %s, delete path %s", reqs[2].Body, reqs[3].Path)
	}
	logs := logger.String()
	if logs == "" {
		t.Fatal("nothing was logged: the test proves nothing")
	}
	if strings.Contains(logs, token) || strings.Contains(logs, code) {
		t.Errorf("a secret reached the logs:\n%s", logs)
	}
	if _, err := c.ServiceAuthorizations.Get(ctx, "at-unknown-token-0000"); !client.IsNotFound(err) {
		t.Errorf("an unknown token must be not found, got %v", err)
	}
}
