package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// RunCustomDomainDNSRecord is one DNS record the custom domain needs at the DNS provider
// (docs/api-notes.md §2.11, JS SDK CustomDomainDnsRecord): Status says whether TagoIO found it
// with the expected value; CurrentValue is what the DNS provider has under Key, when it has one.
type RunCustomDomainDNSRecord struct {
	Status       bool    `json:"status"`
	Type         string  `json:"type"`
	Key          string  `json:"key"`
	Value        string  `json:"value"`
	CurrentValue *string `json:"current_value"`
}

// RunCustomDomain is the TagoRUN custom domain as GET /run/customdomain/{profileID} returns it
// (JS SDK CustomDomainResponse). Active is true once every record checks out.
type RunCustomDomain struct {
	Active    bool                     `json:"active"`
	Domain    string                   `json:"domain"`
	Subdomain string                   `json:"subdomain"`
	Email     string                   `json:"email"`
	DNSSSL    RunCustomDomainDNSRecord `json:"dns_ssl"`
	DNSPage   RunCustomDomainDNSRecord `json:"dns_page"`
	DNSEmail1 RunCustomDomainDNSRecord `json:"dns_email_1"`
	DNSEmail2 RunCustomDomainDNSRecord `json:"dns_email_2"`
	DNSEmail3 RunCustomDomainDNSRecord `json:"dns_email_3"`
	CreatedAt string                   `json:"created_at"`
}

// RunCustomDomainCreate is the POST /run/customdomain/{profileID} body (JS SDK CustomDomainCreate):
// for portal.example.com, domain "example.com" and subdomain "portal".
type RunCustomDomainCreate struct {
	Domain    string `json:"domain"`
	Subdomain string `json:"subdomain"`
	Email     string `json:"email"`
}

// RunCustomDomainService is /run/customdomain (one custom domain per profile's TagoRUN).
type RunCustomDomainService struct{ c *Client }

func runCustomDomainPath(profileID string) string {
	return "/run/customdomain/" + url.PathEscape(profileID)
}

// Create sets the profile's custom domain. A POST whose answer was lost (not an API refusal) is
// resolved by reading the custom domain: when it is the one asked for, the create happened.
func (s *RunCustomDomainService) Create(ctx context.Context, profileID string, in RunCustomDomainCreate) error {
	err := s.c.Do(ctx, Request{Method: http.MethodPost, Path: runCustomDomainPath(profileID), Body: in}, nil)
	var apiErr *APIError
	if err == nil || (errors.As(err, &apiErr) && apiErr.StatusCode < 500) {
		return err
	}
	if got, getErr := s.Get(ctx, profileID); getErr == nil && got.Domain == in.Domain && got.Subdomain == in.Subdomain && got.Email == in.Email {
		return nil
	}
	return err
}

// Get reads the profile's custom domain; a profile without one reads as not found.
func (s *RunCustomDomainService) Get(ctx context.Context, profileID string) (*RunCustomDomain, error) {
	var out RunCustomDomain
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: runCustomDomainPath(profileID)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete removes the profile's custom domain.
func (s *RunCustomDomainService) Delete(ctx context.Context, profileID string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: runCustomDomainPath(profileID)}, nil)
}

// Regenerate asks TagoIO for new DNS records for the profile's custom domain.
func (s *RunCustomDomainService) Regenerate(ctx context.Context, profileID string) error {
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: "/run/customdomain/regenerate/" + url.PathEscape(profileID)}, nil)
}
