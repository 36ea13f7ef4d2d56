package client_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const customDomainProfile = "62ab4302ee089b00134f33ff"

func customDomainAnswer() map[string]any {
	record := func(typ, key, value string) map[string]any {
		return map[string]any{"status": false, "type": typ, "key": key, "value": value}
	}
	return map[string]any{
		"active": false, "domain": "example.com", "subdomain": "portal", "email": "example.com",
		"dns_ssl":     map[string]any{"status": true, "type": "CNAME", "key": "_acme.portal.example.com", "value": "x.acme", "current_value": "x.acme"},
		"dns_page":    record("CNAME", "portal.example.com", "run.tago.io"),
		"dns_email_1": record("CNAME", "k._domainkey.example.com", "k.dkim"), "dns_email_2": record("TXT", "example.com", "v=spf1"),
		"dns_email_3": record("MX", "example.com", "10 mx"), "created_at": "2026-01-02T03:04:05.000Z",
	}
}

func TestRunCustomDomain_RoutesAndTypes(t *testing.T) {
	t.Parallel()
	var seen []string
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		seen = append(seen, r.Method+" "+r.URL.Path+" "+body)
		if r.Method == http.MethodGet {
			ok(w, customDomainAnswer())
			return
		}
		ok(w, "done")
	})
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	if err := c.RunCustomDomain.Create(ctx, customDomainProfile, client.RunCustomDomainCreate{Domain: "example.com", Subdomain: "portal", Email: "example.com"}); err != nil {
		t.Fatal(err)
	}
	d, err := c.RunCustomDomain.Get(ctx, customDomainProfile)
	if err != nil {
		t.Fatal(err)
	}
	if d.Subdomain != "portal" || !d.DNSSSL.Status || d.DNSSSL.CurrentValue == nil || *d.DNSSSL.CurrentValue != "x.acme" ||
		d.DNSPage.CurrentValue != nil || d.DNSEmail3.Type != "MX" || d.CreatedAt == "" {
		t.Errorf("custom domain = %+v", d)
	}
	if err := c.RunCustomDomain.Regenerate(ctx, customDomainProfile); err != nil {
		t.Fatal(err)
	}
	if err := c.RunCustomDomain.Delete(ctx, customDomainProfile); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"POST /run/customdomain/" + customDomainProfile + ` {"domain":"example.com","subdomain":"portal","email":"example.com"}`,
		"GET /run/customdomain/" + customDomainProfile + " ",
		"PUT /run/customdomain/regenerate/" + customDomainProfile + " ",
		"DELETE /run/customdomain/" + customDomainProfile + " ",
	}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
}

// A POST whose answer was lost is resolved by reading the custom domain, never sent twice; an
// API refusal is returned as it is.
func TestRunCustomDomain_CreateResolvesALostAnswer(t *testing.T) {
	t.Parallel()
	var posts atomic.Int32
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch r.Method {
		case http.MethodPost:
			posts.Add(1)
			dropConnection(t, w) // processed, answer lost
		case http.MethodGet:
			ok(w, customDomainAnswer())
		}
	})
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	in := client.RunCustomDomainCreate{Domain: "example.com", Subdomain: "portal", Email: "example.com"}
	if err := c.RunCustomDomain.Create(ctx, customDomainProfile, in); err != nil {
		t.Fatalf("a lost answer for a create that happened: %v", err)
	}
	if n := posts.Load(); n != 1 {
		t.Errorf("POST sent %d times, want 1", n)
	}
	other := in
	other.Subdomain = "fleet"
	if err := c.RunCustomDomain.Create(ctx, customDomainProfile, other); err == nil {
		t.Error("a lost answer while another custom domain is set must fail")
	}

	refused := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		fail(w, http.StatusBadRequest, "The TagoRUN already has a custom domain")
	})
	c2, _ := newTestClient(t, refused.URL)
	err := c2.RunCustomDomain.Create(ctx, customDomainProfile, in)
	if err == nil || !strings.Contains(err.Error(), "already has a custom domain") {
		t.Errorf("refusal = %v", err)
	}
}
