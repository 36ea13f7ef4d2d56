package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// words matches a phrase however Terraform wraps it: a space matches any run of whitespace.
func words(phrase string) string {
	return strings.ReplaceAll(regexp.QuoteMeta(phrase), " ", `\s+`)
}

// TestAccPermissions_tokensThatCannotManageTheAccount gives the provider a token that may not
// create a device: a read-only profile token, a device token, an analysis token, an expired
// profile token and an unknown one. Each apply fails with an error that names the token kind
// the provider needs, and nothing is created.
func TestAccPermissions_tokensThatCannotManageTheAccount(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.requireEmulator("profile tokens of each permission, minted behind the API's back")
	ctx := context.Background()
	dev, err := env.client.Devices.Create(ctx, client.DeviceCreate{Name: "tfacc-Owner of the device token", Type: "mutable",
		Connector: httpsConnectorID, Network: httpNetworkID})
	if err != nil {
		t.Fatal(err)
	}
	analysis, err := env.client.Analyses.Create(ctx, client.AnalysisCreate{Name: "tfacc-Owner of the analysis token", Runtime: ptr("node-rt2025")})
	if err != nil {
		t.Fatal(err)
	}
	expired := time.Now().Add(-time.Hour)

	denied := `(?s)Error creating device.*answered 403.*` + words(`needs a profile (account) token with "full" permission`)
	unauthorized := `(?s)Error creating device.*answered 401.*` + words(`The token is unknown or expired. Use a valid profile (account) token with "full" permission`)
	cases := []struct {
		name, token, want string
	}{
		{"read-only profile token", env.server.Emulator.AddProfileToken("read", nil), denied + `.*` + words(`"read" tokens can only read`)},
		{"write-only profile token used to read", env.server.Emulator.AddProfileToken("write", nil), ""},
		{"device token", dev.Token, denied + `.*` + words("device and analysis tokens cannot manage the account")},
		{"analysis token", analysis.Token, denied + `.*` + words("device and analysis tokens cannot manage the account")},
		{"expired profile token", env.server.Emulator.AddProfileToken("full", &expired), unauthorized},
		{"unknown token", "p-00000000-0000-4000-8000-000000000000", unauthorized},
	}
	for _, c := range cases {
		if c.token == "" {
			t.Fatalf("%s: the emulator gave no token", c.name)
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := env.deviceCount(t)
			cfg := providerBlock(env.apiURL, c.token) + fmt.Sprintf(`
resource "tagoio_device" "denied" {
  name      = "tfacc-Denied"
  type      = "mutable"
  connector = %q
  network   = %q
}`, httpsConnectorID, httpNetworkID)
			want := c.want
			if want == "" {
				// A write token creates the device, then may not read it back: the read fails with
				// the same advice, and the device is kept in the state rather than orphaned, so the
				// destroy that ends the test (which a write token may do) removes it.
				want = `(?s)Error reading device.*answered 403.*` + words(`needs a profile (account) token with "full" permission`) +
					`.*` + words(`"write" tokens can only change`)
			}
			// Serial: each case counts the devices of the emulator the cases share.
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: cfg, ExpectError: regexp.MustCompile(want)}},
			})
			if after := env.deviceCount(t); after != before {
				t.Errorf("%d devices after the denied apply and the destroy, want %d", after, before)
			}
		})
	}
}

// A data source read with an unknown token fails the plan with the same advice.
func TestAccPermissions_unknownTokenFailsThePlan(t *testing.T) {
	env := newAccEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlock(env.apiURL, "p-00000000-0000-4000-8000-000000000000") + `data "tagoio_account" "me" {}`,
			ExpectError: regexp.MustCompile(`(?s)answered 401.*` + words(`Use a valid profile (account) token with "full" permission`)),
		}},
	})
}

func (e *accEnv) deviceCount(t *testing.T) int {
	t.Helper()
	devices, err := e.client.Devices.List(context.Background(), client.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return len(devices)
}
