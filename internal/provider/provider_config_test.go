package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestResolveEndpoint(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name                                 string
		cfgRegion, cfgURL, envRegion, envURL string
		wantURL, wantSource                  string
		wantErr                              bool
	}{
		{name: "default", wantURL: "https://api.tago.io", wantSource: "default region us-e1"},
		{name: "config region", cfgRegion: "eu-w1", wantURL: "https://api.eu-w1.tago.io", wantSource: "region"},
		{name: "config url", cfgURL: "http://127.0.0.1:8080", wantURL: "http://127.0.0.1:8080", wantSource: "api_url"},
		{name: "env url", envURL: "https://api.abc.tagoio.net", wantURL: "https://api.abc.tagoio.net", wantSource: "TAGOIO_API"},
		{name: "env region", envRegion: "eu-w1", wantURL: "https://api.eu-w1.tago.io", wantSource: "TAGOIO_REGION"},
		{name: "config region beats env url", cfgRegion: "us-e1", envURL: "http://x", wantURL: "https://api.tago.io", wantSource: "region"},
		{name: "config url beats env region", cfgURL: "http://x", envRegion: "eu-w1", wantURL: "http://x", wantSource: "api_url"},
		{name: "env url beats env region", envURL: "http://x", envRegion: "eu-w1", wantURL: "http://x", wantSource: "TAGOIO_API"},
		{name: "bad env region", envRegion: "mars-1", wantErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := resolveEndpoint(tc.cfgRegion, tc.cfgURL, tc.envRegion, tc.envURL)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("want an error, got %+v", got)
				}
				return
			}
			if err != nil || got.url != tc.wantURL || got.source != tc.wantSource {
				t.Errorf("got %+v, %v; want %s from %s", got, err, tc.wantURL, tc.wantSource)
			}
		})
	}
}

const connectorLookup = `
data "tagoio_connector" "https" {
  id = "62333bd36977fc001a2990c8"
}`

// Serial: it sets TAGOIO_* with t.Setenv, which changes the whole process (incompatible with t.Parallel).
func TestAccProvider_configuration(t *testing.T) {
	env := newAccEnv(t)
	t.Setenv(envRegion, "")

	t.Run("environment only", func(t *testing.T) {
		t.Setenv(envToken, env.token)
		t.Setenv(envAPI, env.apiURL)
		resource.Test(t, env.test(resource.TestStep{
			Config: "provider \"tagoio\" {}\n" + connectorLookup,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.tagoio_connector.https", tfjsonpath.New("name"), knownvalue.StringExact("Custom HTTPS")),
			},
		}))
	})

	t.Run("configuration beats the environment", func(t *testing.T) {
		t.Setenv(envToken, "p-not-a-valid-token")
		t.Setenv(envAPI, "http://127.0.0.1:1") // nothing listens there
		resource.Test(t, env.test(resource.TestStep{Config: env.config(connectorLookup)}))
	})

	t.Run("missing token names the variable", func(t *testing.T) {
		t.Setenv(envToken, "")
		resource.Test(t, env.test(resource.TestStep{
			Config:      fmt.Sprintf("provider \"tagoio\" {\n  api_url = %q\n}\n%s", env.apiURL, connectorLookup),
			ExpectError: regexp.MustCompile(`(?s)Missing TagoIO token.*TAGOIO_TOKEN`),
		}))
	})

	// A CI variable that is empty by mistake must not point Terraform at the environment's account.
	for _, tc := range []struct{ name, line, attr string }{
		{"empty token does not fall back to the environment", `token = ""`, "token"},
		{"blank token does not fall back to the environment", `token = "  "`, "token"},
		{"empty api_url does not fall back to the environment", `api_url = ""`, "api_url"},
		{"empty region does not fall back to the environment", `region = ""`, "region"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inProcessOnly(t, "counts the requests that reach the emulator")
			t.Setenv(envToken, env.server.Token)
			t.Setenv(envAPI, env.server.URL)
			before := env.server.Emulator.Stats().Snapshot().Total
			resource.Test(t, env.test(resource.TestStep{
				Config:      fmt.Sprintf("provider \"tagoio\" {\n  %s\n}\n%s", tc.line, connectorLookup),
				ExpectError: regexp.MustCompile(`(?s)` + tc.attr + `.*must\s+not\s+be\s+empty\s+or\s+blank`),
			}))
			if n := env.server.Emulator.Stats().Snapshot().Total - before; n != 0 {
				t.Errorf("%d requests reached the API with a blank %s", n, tc.attr)
			}
		})
	}

	t.Run("region and api_url conflict", func(t *testing.T) {
		resource.Test(t, env.test(resource.TestStep{
			Config: fmt.Sprintf("provider \"tagoio\" {\n  token = %q\n  api_url = %q\n  region = \"eu-w1\"\n}\n%s",
				env.token, env.apiURL, connectorLookup),
			ExpectError: regexp.MustCompile(`"api_url" cannot be specified when "region" is specified`),
		}))
	})

	t.Run("unknown region value", func(t *testing.T) {
		resource.Test(t, env.test(resource.TestStep{
			Config:      fmt.Sprintf("provider \"tagoio\" {\n  token = %q\n  region = \"mars-1\"\n}\n%s", env.token, connectorLookup),
			ExpectError: regexp.MustCompile(`(?s)region.*us-e1.*eu-w1`),
		}))
	})

	t.Run("value unknown at plan time", func(t *testing.T) {
		resource.Test(t, env.test(resource.TestStep{
			Config: fmt.Sprintf(`
resource "terraform_data" "later" {
  input = %q
}

provider "tagoio" {
  api_url = %q
  token   = terraform_data.later.output
}
%s`, env.token, env.apiURL, connectorLookup),
			ExpectError: regexp.MustCompile(`(?s)Unknown TagoIO provider token.*TAGOIO_TOKEN`),
		}))
	})

	t.Run("wrong token is a clear 401", func(t *testing.T) {
		resource.Test(t, env.test(resource.TestStep{
			Config:      fmt.Sprintf("provider \"tagoio\" {\n  token = \"p-00000000-0000-4000-8000-000000000000\"\n  api_url = %q\n}\n%s", env.apiURL, connectorLookup),
			ExpectError: regexp.MustCompile(`(?s)401.*unknown or expired`),
		}))
	})

	t.Run("bad request_timeout", func(t *testing.T) {
		resource.Test(t, env.test(resource.TestStep{
			Config: fmt.Sprintf("provider \"tagoio\" {\n  token = %q\n  api_url = %q\n  request_timeout = \"soon\"\n}\n%s",
				env.token, env.apiURL, connectorLookup),
			ExpectError: regexp.MustCompile(`request_timeout`),
		}))
	})
}
