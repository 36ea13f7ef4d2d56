package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const runAddr = "tagoio_run.test"

func TestAccRun_lifecycle(t *testing.T) {
	t.Parallel() // before lockAccountSettings: a paused test must not hold the lock
	env := newAccEnv(t)
	env.keepRunSettings()
	ctx := context.Background()
	profile, err := env.client.Account.CurrentProfile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	profileID := profile.ID
	before, err := env.client.Run.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	created := env.config(`
resource "tagoio_run" "test" {
  name           = "Fleet portal"
  sub_title      = "Machines"
  auth_token_ttl = "12 hours"
  theme = {
    primary         = "#0a0a0a"
    auth_bg_opacity = "80"
  }
  email_templates = {
    welcome_actived = { subject = "Hello $name$", value = "Welcome aboard!" }
  }
  security = { otp = { authenticator = true, sms = false, email = true } }
  sidebar_buttons = [
    { text = "Home", href = "/", color = "grey" },
    { text = "Users", href = "users", is_in_new_line = true },
  ]
  signin_buttons = [{ label = "Help", url = "https://help.example.com" }]
}`)
	updated := env.config(`
resource "tagoio_run" "test" {
  name = "Fleet portal 2"
  theme = {
    primary = "#ff0000"
  }
  email_templates = {
    welcome_actived = { subject = "Hello $name$", value = "Welcome aboard!" }
  }
}`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		// Destroying only forgets: the TagoRUN keeps the settings last applied.
		CheckDestroy: func(*terraform.State) error {
			run, err := env.client.Run.Get(ctx)
			if err != nil {
				return err
			}
			if *run.Name != "Fleet portal 2" || *run.SubTitle != "Machines" {
				return fmt.Errorf("destroy changed the TagoRUN: name %q, sub_title %q", *run.Name, *run.SubTitle)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: created,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("id"), knownvalue.StringExact(profileID)),
					statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("name"), knownvalue.StringExact("Fleet portal")),
					statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("url"), knownvalue.StringExact(*before.URL)),
					statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("theme"), knownvalue.MapExact(map[string]knownvalue.Check{
						"primary": knownvalue.StringExact("#0a0a0a"), "auth_bg_opacity": knownvalue.StringExact("80"),
					})),
					statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("email_templates"), knownvalue.MapSizeExact(1)),
					statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("signin_buttons").AtSliceIndex(0).AtMapKey("type"), knownvalue.StringExact("link")),
					statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("sidebar_buttons").AtSliceIndex(1).AtMapKey("is_in_new_line"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("security").AtMapKey("otp").AtMapKey("email"), knownvalue.Bool(true)),
					sameID.AddStateValue(runAddr, tfjsonpath.New("id")),
				},
				Check: func(*terraform.State) error {
					run, err := env.client.Run.Get(ctx)
					if err != nil {
						return err
					}
					// What Terraform does not manage is untouched.
					if run.Theme["navbar"] != before.Theme["navbar"] || run.Theme["navbar"] == nil {
						t.Errorf("unmanaged theme option navbar changed: %v -> %v", before.Theme["navbar"], run.Theme["navbar"])
					}
					if _, isNumber := run.Theme["auth_bg_opacity"].(float64); !isNumber {
						t.Errorf("auth_bg_opacity was sent as %T, want the API's number", run.Theme["auth_bg_opacity"])
					}
					if run.EmailTemplates["password_recover"] != before.EmailTemplates["password_recover"] {
						t.Errorf("unmanaged template password_recover changed: %+v", run.EmailTemplates["password_recover"])
					}
					if run.EmailTemplates["welcome_actived"].Subject != "Hello $name$" || *run.AuthTokenTTL != "12 hours" {
						t.Errorf("API settings = %+v", run)
					}
					return nil
				},
			},
			// An import cannot know which theme options and templates the configuration manages.
			importVerifies(runAddr, "theme", "email_templates"),
			{
				Config:           updated,
				ConfigPlanChecks: plans(runAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("name"), knownvalue.StringExact("Fleet portal 2")),
					// No longer configured: kept as it is, in TagoIO and in the state.
					statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("sub_title"), knownvalue.StringExact("Machines")),
					statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("sidebar_buttons"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("theme"), knownvalue.MapExact(map[string]knownvalue.Check{
						"primary": knownvalue.StringExact("#ff0000"),
					})),
					sameID.AddStateValue(runAddr, tfjsonpath.New("id")),
				},
				Check: func(*terraform.State) error {
					run, err := env.client.Run.Get(ctx)
					if err != nil {
						return err
					}
					if got := run.ThemeStrings()["auth_bg_opacity"]; got != "80" {
						t.Errorf("an option removed from the configuration was changed: auth_bg_opacity = %q", got)
					}
					return nil
				},
			},
			{
				// Edited in the TagoIO admin: the plan puts the managed settings back.
				PreConfig: func() {
					name := "Renamed by hand"
					theme := before.MergedTheme(map[string]string{"primary": "#123456"})
					if err := env.client.Run.Update(ctx, client.RunUpdate{Name: &name, Theme: theme}); err != nil {
						t.Fatal(err)
					}
				},
				Config: updated,
				ConfigPlanChecks: plans(runAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(runAddr, tfjsonpath.New("name"), knownvalue.StringExact("Fleet portal 2")),
					plancheck.ExpectKnownValue(runAddr, tfjsonpath.New("theme").AtMapKey("primary"), knownvalue.StringExact("#ff0000")),
				),
			},
		},
	})
}

// Settings that are not configured never produce a plan, even when they change in TagoIO; the
// data source shows every setting.
func TestAccRun_unconfiguredSettingsAndDataSource(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.keepRunSettings()
	ctx := context.Background()
	profile, err := env.client.Account.CurrentProfile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	profileID := profile.ID
	cfg := env.config(`
resource "tagoio_run" "test" {
  name = "Minimal"
}

data "tagoio_run" "current" {
  depends_on = [tagoio_run.test]
}`)
	resource.Test(t, env.test(
		resource.TestStep{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.tagoio_run.current", tfjsonpath.New("name"), knownvalue.StringExact("Minimal")),
				statecheck.ExpectKnownValue("data.tagoio_run.current", tfjsonpath.New("id"), knownvalue.StringExact(profileID)),
				statecheck.ExpectKnownValue("data.tagoio_run.current", tfjsonpath.New("theme").AtMapKey("auth_bg_opacity"), knownvalue.StringExact("100")),
				statecheck.ExpectKnownValue("data.tagoio_run.current", tfjsonpath.New("email_templates").AtMapKey("password_recover").AtMapKey("subject"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("data.tagoio_run.current", tfjsonpath.New("sidebar_buttons").AtSliceIndex(0).AtMapKey("text"), knownvalue.StringExact("Home")),
				statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("theme"), knownvalue.Null()),
			},
		},
		resource.TestStep{
			PreConfig: func() {
				sub, ttl := "Changed elsewhere", "1 day"
				if err := env.client.Run.Update(ctx, client.RunUpdate{SubTitle: &sub, AuthTokenTTL: &ttl}); err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runAddr, tfjsonpath.New("sub_title"), knownvalue.StringExact("Changed elsewhere")),
			},
		},
	))
}

func TestAccRun_invalidConfigFailsAtPlan(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	cases := map[string]blockCase{
		"uppercase url":     {`url = "Fleet.run.tago.io"`, `lowercase host name`},
		"bad ttl":           {`auth_token_ttl = "forever"`, `must be "<number> <unit>"`},
		"signin type":       {`signin_buttons = [{ label = "x", url = "https://x.io", type = "button" }]`, `value must be one of: \["link"\]`},
		"favicon not a url": {`favicon = "favicon.ico"`, `absolute http:// or https:// URL`},
		"empty theme":       {`theme = {}`, `map must contain at least 1`},
		"empty name":        {`name = ""`, `at least 1`},
		"otp incomplete":    {`security = { otp = { email = true } }`, `(?s)Incorrect attribute value type|attributes? .*required`},
	}
	env.eachBlockFails(t, "resource \"tagoio_run\" \"test\"", true, cases)
	resource.Test(t, env.test(resource.TestStep{
		Config: withImportBlock(env.config(`
resource "tagoio_run" "test" {}`), runAddr, "6298fcc3e0b6840012b6abfa"),
		ExpectError: regexp.MustCompile(`(?s)Invalid TagoRUN settings import ID.*profile\s+the\s+provider's\s+token\s+belongs\s+to`),
	}))
}
