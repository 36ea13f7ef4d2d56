package client_test

import (
	"context"
	"net/http"
	"testing"
)

func TestAccount_GetAndCurrentProfile(t *testing.T) {
	t.Parallel()
	profile := map[string]any{"id": "61fac4d9a5c9f40012a5ff92", "account": "612ea05e3cc0780012715215", "name": "Main", "created_at": "2022-02-02T16:44:09.134Z"}
	wrapped := true
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch r.URL.Path {
		case "/account":
			ok(w, map[string]any{"id": "612ea05e3cc0780012715215", "name": "Ana", "email": "ana@example.com", "company": "ACME",
				"timezone": "America/Sao_Paulo", "language": "en", "plan": "starter", "active": true, "blocked": false,
				"stripe_id": "cus_x", "options": map[string]any{"decimal_separator": ","}, "created_at": "2021-08-31T21:34:22.107Z"})
		case "/profile/current":
			if wrapped {
				ok(w, map[string]any{"info": profile, "allocation": map[string]any{}, "account_plan": "starter"})
			} else {
				ok(w, profile)
			}
		}
	})
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	a, err := c.Account.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a.Email != "ana@example.com" || *a.Company != "ACME" || *a.Plan != "starter" || *a.Options.DecimalSeparator != "," || !*a.Active {
		t.Errorf("account = %+v", a)
	}
	p, err := c.Account.CurrentProfile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "61fac4d9a5c9f40012a5ff92" || p.Name != "Main" || p.AccountPlan != "starter" {
		t.Errorf("profile = %+v", p)
	}
	wrapped = false
	p, err = c.Account.CurrentProfile(ctx)
	if err != nil || p.ID != "61fac4d9a5c9f40012a5ff92" || p.Name != "Main" {
		t.Errorf("flat profile = %+v, %v", p, err)
	}
}
