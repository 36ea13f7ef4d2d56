package emulator

import (
	"testing"
)

// The custom domain routes (docs/api-notes.md §2.11; the OpenAPI file has none, so the SDK's
// CustomDomainResponse is the contract): create, read with exactly the SDK's fields, one per
// profile, regenerate issues new records, delete, and unknown profile or missing domain answer
// not found.
func TestRunCustomDomainLifecycle(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	path := "/run/customdomain/" + e.ProfileID()

	req(t, e, "GET", path, tok, nil).fail(t, 404, "Custom domain not found")
	req(t, e, "POST", path, tok, map[string]any{"domain": "example.com", "subdomain": "portal"}).fail(t, 400, "email")
	req(t, e, "POST", path, tok, map[string]any{"domain": "example", "subdomain": "portal", "email": "example.com"}).fail(t, 400, "domain")
	req(t, e, "POST", path, tok, map[string]any{"domain": "example.com", "subdomain": "a.b", "email": "example.com"}).fail(t, 400, "subdomain")
	req(t, e, "POST", "/run/customdomain/aaaaaaaaaaaaaaaaaaaaaaaa", tok,
		map[string]any{"domain": "example.com", "subdomain": "portal", "email": "example.com"}).fail(t, 404, "Profile not found")

	var msg string
	req(t, e, "POST", path, tok, map[string]any{"domain": "example.com", "subdomain": "portal", "email": "portal.example.com"}).ok(t, 200, &msg)
	req(t, e, "POST", path, tok, map[string]any{"domain": "other.com", "subdomain": "x", "email": "other.com"}).fail(t, 400, "already has a custom domain")

	got := getMap(t, e, path)
	sdkFields := map[string]bool{"active": true, "domain": true, "subdomain": true, "email": true, "dns_ssl": true, "dns_page": true,
		"dns_email_1": true, "dns_email_2": true, "dns_email_3": true, "created_at": true}
	for k := range got {
		if !sdkFields[k] {
			t.Errorf("undocumented field %q (not in the SDK's CustomDomainResponse)", k)
		}
	}
	for k := range sdkFields {
		if _, ok := got[k]; !ok {
			t.Errorf("field %q missing", k)
		}
	}
	recordFields := map[string]bool{"status": true, "type": true, "key": true, "value": true, "current_value": true}
	for _, k := range []string{"dns_ssl", "dns_page", "dns_email_1", "dns_email_2", "dns_email_3"} {
		rec := as[map[string]any](t, got[k])
		for f := range rec {
			if !recordFields[f] {
				t.Errorf("%s: undocumented field %q (not in CustomDomainDnsRecord)", k, f)
			}
		}
		if rec["status"] != false || as[string](t, rec["key"]) == "" || as[string](t, rec["value"]) == "" {
			t.Errorf("%s = %v", k, rec)
		}
	}
	if got["active"] != false || got["domain"] != "example.com" || got["subdomain"] != "portal" || got["email"] != "portal.example.com" {
		t.Errorf("custom domain = %v", got)
	}

	req(t, e, "PUT", "/run/customdomain/regenerate/"+e.ProfileID(), tok, nil).ok(t, 200, &msg)
	again := getMap(t, e, path)
	if as[map[string]any](t, again["dns_ssl"])["value"] == as[map[string]any](t, got["dns_ssl"])["value"] {
		t.Errorf("regenerate kept the certificate record's value %v", again["dns_ssl"])
	}
	if again["domain"] != "example.com" || again["created_at"] != got["created_at"] {
		t.Errorf("regenerate changed the domain: %v", again)
	}

	req(t, e, "DELETE", path, tok, nil).ok(t, 200, &msg)
	req(t, e, "GET", path, tok, nil).fail(t, 404, "Custom domain not found")
	req(t, e, "DELETE", path, tok, nil).fail(t, 404, "Custom domain not found")
	req(t, e, "PUT", "/run/customdomain/regenerate/"+e.ProfileID(), tok, nil).fail(t, 404, "Custom domain not found")
}
