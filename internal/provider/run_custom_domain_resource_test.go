package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const runCustomDomainAddr = "tagoio_run_custom_domain.test"

// runCustomDomainHCL is the configuration, formatted with the subdomain.
const runCustomDomainHCL = `
resource "tagoio_run_custom_domain" "test" {
  domain    = "example.com"
  subdomain = %q
  email     = "example.com"
}`

func TestAccRunCustomDomain_lifecycle(t *testing.T) {
	t.Parallel() // before lockAccountSettings: a paused test must not hold the lock
	env := newAccEnv(t)
	env.lockAccountSettings() // one custom domain per profile
	ctx := context.Background()
	profile, err := env.client.Account.CurrentProfile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	apiDomain := func() (*client.RunCustomDomain, error) { return env.client.RunCustomDomain.Get(ctx, profile.ID) }
	// The state holds the records the API answers, value for value.
	stateMatchesAPI := func(s *terraform.State) error {
		d, err := apiDomain()
		if err != nil {
			return err
		}
		attrs := s.RootModule().Resources[runCustomDomainAddr].Primary.Attributes
		for name, rec := range map[string]client.RunCustomDomainDNSRecord{"dns_ssl": d.DNSSSL, "dns_page": d.DNSPage,
			"dns_email_1": d.DNSEmail1, "dns_email_2": d.DNSEmail2, "dns_email_3": d.DNSEmail3} {
			if attrs[name+".key"] != rec.Key || attrs[name+".value"] != rec.Value || attrs[name+".type"] != rec.Type || rec.Value == "" {
				return fmt.Errorf("%s: state %s=%s (%s), API %+v", name, attrs[name+".key"], attrs[name+".value"], attrs[name+".type"], rec)
			}
		}
		if attrs["subdomain"] != d.Subdomain || attrs["active"] != fmt.Sprint(d.Active) {
			return fmt.Errorf("state subdomain %s active %s, API %+v", attrs["subdomain"], attrs["active"], d)
		}
		return nil
	}
	var firstSSL string
	resource.Test(t, resource.TestCase{ // t.Parallel above: ParallelTest would call it twice
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if _, err := apiDomain(); !client.IsNotFound(err) {
				return fmt.Errorf("custom domain still there after destroy (err %v)", err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: env.config(runCustomDomainHCL, "tfacc-portal"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(runCustomDomainAddr, tfjsonpath.New("id"), knownvalue.StringExact(profile.ID)),
					statecheck.ExpectKnownValue(runCustomDomainAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(runCustomDomainAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				},
				Check: resource.ComposeTestCheckFunc(stateMatchesAPI, func(s *terraform.State) error {
					firstSSL = s.RootModule().Resources[runCustomDomainAddr].Primary.Attributes["dns_ssl.value"]
					return nil
				}),
			},
			importVerifies(runCustomDomainAddr),
			{
				// Regenerated in the TagoIO admin: a refresh shows the new records, nothing to change.
				PreConfig: func() {
					if err := env.client.RunCustomDomain.Regenerate(ctx, profile.ID); err != nil {
						t.Fatal(err)
					}
				},
				Config:           env.config(runCustomDomainHCL, "tfacc-portal"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeTestCheckFunc(stateMatchesAPI, func(s *terraform.State) error {
					if s.RootModule().Resources[runCustomDomainAddr].Primary.Attributes["dns_ssl.value"] == firstSSL {
						return fmt.Errorf("the regenerated certificate record did not reach the state")
					}
					return nil
				}),
			},
			{
				// TagoIO cannot edit a custom domain: a new subdomain replaces it.
				Config:           env.config(runCustomDomainHCL, "tfacc-fleet"),
				ConfigPlanChecks: plans(runCustomDomainAddr, plancheck.ResourceActionDestroyBeforeCreate),
				Check:            stateMatchesAPI,
			},
			{
				// Set to another domain outside Terraform: the plan replaces it with the configured one.
				PreConfig: func() {
					if err := env.client.RunCustomDomain.Delete(ctx, profile.ID); err != nil {
						t.Fatal(err)
					}
					if err := env.client.RunCustomDomain.Create(ctx, profile.ID, client.RunCustomDomainCreate{
						Domain: "example.org", Subdomain: "tfacc-other", Email: "example.org",
					}); err != nil {
						t.Fatal(err)
					}
				},
				Config:           env.config(runCustomDomainHCL, "tfacc-fleet"),
				ConfigPlanChecks: plans(runCustomDomainAddr, plancheck.ResourceActionDestroyBeforeCreate),
				Check:            stateMatchesAPI,
			},
			{
				// Deleted outside Terraform: the plan creates it again, no error.
				PreConfig: func() {
					if err := env.client.RunCustomDomain.Delete(ctx, profile.ID); err != nil {
						t.Fatal(err)
					}
				},
				Config:           env.config(runCustomDomainHCL, "tfacc-fleet"),
				ConfigPlanChecks: plans(runCustomDomainAddr, plancheck.ResourceActionCreate),
				Check:            stateMatchesAPI,
			},
		},
	})
}

func TestAccRunCustomDomain_invalidImportID(t *testing.T) {
	env := newAccEnv(t)
	resource.ParallelTest(t, env.test(resource.TestStep{
		Config: env.config(`
import {
  to = tagoio_run_custom_domain.test
  id = "portal.example.com"
}
`+runCustomDomainHCL, "tfacc-portal"),
		ExpectError: regexp.MustCompile(`(?s)Invalid TagoRUN custom domain import ID.*profile`),
	}))
}

// A custom domain set through the API imports with generated configuration: the plan only
// imports, the apply changes nothing, the next plan is empty.
func TestAccRunCustomDomain_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.lockAccountSettings()
	profile, err := env.client.Account.CurrentProfile(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	path := "/run/customdomain/" + profile.ID
	env.apiCall("POST", path, map[string]any{"domain": "example.com", "subdomain": "tfacc-imported", "email": "tfacc-imported.example.com"})
	t.Cleanup(func() { _ = env.client.RunCustomDomain.Delete(context.Background(), profile.ID) })
	env.importWithGeneratedConfig([]importTarget{{Type: "tagoio_run_custom_domain", Name: "imported", ID: profile.ID}}, []apiObject{{Path: path}})
}

// addRunCustomDomain adds the profile's custom domain, if it has one, to an account inventory
// (listAccount): its id is the profile's, its name its subdomain.
func addRunCustomDomain(ctx context.Context, c *client.Client, add func(kind, id, name string)) error {
	profile, err := c.Account.CurrentProfile(ctx)
	if err != nil {
		return fmt.Errorf("reading the profile: %w", err)
	}
	d, err := c.RunCustomDomain.Get(ctx, profile.ID)
	if client.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading the TagoRUN custom domain: %w", err)
	}
	add("tagoio_run_custom_domain", profile.ID, d.Subdomain)
	return nil
}

// The data source reads the custom domain made through the API, and says so when there is none.
func TestAccRunCustomDomain_dataSource(t *testing.T) {
	t.Parallel() // before lockAccountSettings: a paused test must not hold the lock
	env := newAccEnv(t)
	env.lockAccountSettings()
	ctx := context.Background()
	profile, err := env.client.Account.CurrentProfile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const ds = "data.tagoio_run_custom_domain.current"
	cfg := env.config(`data "tagoio_run_custom_domain" "current" {}`)
	resource.Test(t, env.test( // t.Parallel above: ParallelTest would call it twice
		resource.TestStep{
			Config:      cfg,
			ExpectError: regexp.MustCompile(`(?i)error reading TagoRUN custom domain`),
		},
		resource.TestStep{
			PreConfig: func() {
				if err := env.client.RunCustomDomain.Create(ctx, profile.ID, client.RunCustomDomainCreate{
					Domain: "example.com", Subdomain: "tfacc-ds", Email: "tfacc-ds.example.com",
				}); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = env.client.RunCustomDomain.Delete(context.Background(), profile.ID) })
			},
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.StringExact(profile.ID)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("subdomain"), knownvalue.StringExact("tfacc-ds")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("email"), knownvalue.StringExact("tfacc-ds.example.com")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("active"), knownvalue.Bool(false)),
			},
			Check: func(s *terraform.State) error {
				d, err := env.client.RunCustomDomain.Get(ctx, profile.ID)
				if err != nil {
					return err
				}
				if got := s.RootModule().Resources[ds].Primary.Attributes["dns_page.value"]; got != d.DNSPage.Value || got == "" {
					return fmt.Errorf("dns_page.value %q, API %q", got, d.DNSPage.Value)
				}
				return nil
			},
		},
	))
}
