package emulator

import (
	"net/http"
	"regexp"
	"strings"
)

// collRunCustomDomains holds each profile's TagoRUN custom domain, keyed by profile id.
const collRunCustomDomains = "run_custom_domains"

// runDNSRecord is one DNS record the custom domain needs (JS SDK CustomDomainDnsRecord). The
// emulator has no DNS to check, so status stays false and current_value (only returned when the
// DNS provider has the key) is never set.
type runDNSRecord struct {
	Status bool   `json:"status"`
	Type   string `json:"type"`
	Key    string `json:"key"`
	Value  string `json:"value"`
}

// runCustomDomainDoc is a stored custom domain (docs/api-notes.md §2.11, JS SDK
// CustomDomainResponse): exactly the fields the SDK types.
type runCustomDomainDoc struct {
	Active    bool         `json:"active"`
	Domain    string       `json:"domain"`
	Subdomain string       `json:"subdomain"`
	Email     string       `json:"email"`
	DNSSSL    runDNSRecord `json:"dns_ssl"`
	DNSPage   runDNSRecord `json:"dns_page"`
	DNSEmail1 runDNSRecord `json:"dns_email_1"`
	DNSEmail2 runDNSRecord `json:"dns_email_2"`
	DNSEmail3 runDNSRecord `json:"dns_email_3"`
	CreatedAt apiTime      `json:"created_at"`
}

// A domain is host labels with at least one dot; a subdomain is one label.
var (
	runDomainRe    = regexp.MustCompile(`^(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)
	runSubdomainRe = regexp.MustCompile(`^(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)
)

func (e *Emulator) registerRunCustomDomain(r *Router) {
	r.Handle("POST", "/run/customdomain/{profileID}", e.createRunCustomDomain, kindProfile)
	r.Handle("GET", "/run/customdomain/{profileID}", e.getRunCustomDomain, kindProfile)
	r.Handle("DELETE", "/run/customdomain/{profileID}", e.deleteRunCustomDomain, kindProfile)
	r.Handle("PUT", "/run/customdomain/regenerate/{profileID}", e.regenerateRunCustomDomain, kindProfile)
}

// ownProfile refuses a profile id other than the token's: a profile token reaches only its own
// profile's TagoRUN.
func (e *Emulator) ownProfile(c *Ctx) error {
	if c.Param("profileID") != e.profileID {
		return notFound("Profile not found")
	}
	return nil
}

// newRunDNSRecords are fresh records for host: a CNAME for the page, one for the certificate
// check, and three for the mail domain, with random values as TagoIO issues them.
func newRunDNSRecords(d *runCustomDomainDoc) {
	host := d.Subdomain + "." + d.Domain
	token := strings.ReplaceAll(newUUID(), "-", "")
	d.DNSSSL = runDNSRecord{Type: "CNAME", Key: "_acme-challenge." + host, Value: token[:16] + ".acme.tago.io"}
	d.DNSPage = runDNSRecord{Type: "CNAME", Key: host, Value: "run.tago.io"}
	d.DNSEmail1 = runDNSRecord{Type: "CNAME", Key: token[16:24] + "._domainkey." + d.Email, Value: token[16:24] + ".dkim.tago.io"}
	d.DNSEmail2 = runDNSRecord{Type: "TXT", Key: d.Email, Value: "v=spf1 include:mail.tago.io ~all"}
	d.DNSEmail3 = runDNSRecord{Type: "MX", Key: d.Email, Value: "10 feedback-smtp.tago.io"}
	d.Active = false
}

func (e *Emulator) createRunCustomDomain(c *Ctx) (int, any, error) {
	if err := e.ownProfile(c); err != nil {
		return 0, nil, err
	}
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	d := &runCustomDomainDoc{CreatedAt: apiTime(c.Now)}
	for _, f := range []struct {
		key string
		re  *regexp.Regexp
		to  *string
	}{{"domain", runDomainRe, &d.Domain}, {"subdomain", runSubdomainRe, &d.Subdomain}, {"email", runDomainRe, &d.Email}} {
		s, present, err := body.str(f.key)
		if err != nil {
			return 0, nil, err
		}
		if !present || !f.re.MatchString(s) {
			return 0, nil, badRequest("%s is required and must be a valid domain name", f.key)
		}
		*f.to = strings.ToLower(s)
	}
	newRunDNSRecords(d)
	err = e.store.Update(func(tx Tx) error {
		existing, err := getDoc[runCustomDomainDoc](tx, collRunCustomDomains, e.profileID)
		if err != nil {
			return err
		}
		if existing != nil {
			return badRequest("The TagoRUN already has a custom domain")
		}
		return putDoc(tx, collRunCustomDomains, e.profileID, d)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Custom domain successfully created", nil
}

func (e *Emulator) loadRunCustomDomain(tx Tx) (*runCustomDomainDoc, error) {
	d, err := getDoc[runCustomDomainDoc](tx, collRunCustomDomains, e.profileID)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, notFound("Custom domain not found")
	}
	return d, nil
}

func (e *Emulator) getRunCustomDomain(c *Ctx) (int, any, error) {
	if err := e.ownProfile(c); err != nil {
		return 0, nil, err
	}
	var d *runCustomDomainDoc
	if err := e.store.View(func(tx Tx) (err error) {
		d, err = e.loadRunCustomDomain(tx)
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, d, nil
}

func (e *Emulator) deleteRunCustomDomain(c *Ctx) (int, any, error) {
	if err := e.ownProfile(c); err != nil {
		return 0, nil, err
	}
	if err := e.store.Update(func(tx Tx) error {
		if _, err := e.loadRunCustomDomain(tx); err != nil {
			return err
		}
		return tx.Delete(collRunCustomDomains, e.profileID)
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

func (e *Emulator) regenerateRunCustomDomain(c *Ctx) (int, any, error) {
	if err := e.ownProfile(c); err != nil {
		return 0, nil, err
	}
	if err := e.store.Update(func(tx Tx) error {
		d, err := e.loadRunCustomDomain(tx)
		if err != nil {
			return err
		}
		newRunDNSRecords(d)
		return putDoc(tx, collRunCustomDomains, e.profileID, d)
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Custom domain successfully regenerated", nil
}
