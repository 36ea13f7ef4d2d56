package provider

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tago-io/terraform-provider-tagoio/dataplane"
	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// The public catalog IDs of a plain HTTP(S) device (docs/api-notes.md §2.3).
const (
	httpsConnectorID = "62333bd36977fc001a2990c8"
	httpNetworkID    = "62336c32ab6e0d0012e06c04"
)

var protoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"tagoio": providerserver.NewProtocol6WithError(New("test")()),
}

// accEnv is one acceptance test's world: an API (by default an in-process emulator; in live
// mode the API named by the environment), the provider pointed at it the way a user points it
// with api_url, and a client for out-of-band changes and CheckDestroy.
type accEnv struct {
	t      *testing.T
	server *emulator.Server // nil in live mode: only the public API is there
	client *client.Client
	apiURL string
	token  string
}

// testPrefix starts the name of every object a test creates, so that a sweeper can find what a
// failed run left in a live account (secret keys, which are upper case, use testSecretPrefix).
const (
	testPrefix       = "tfacc-"
	testSecretPrefix = "TFACC_"
)

// envLive switches live mode on (make testacc-live): the acceptance tests run against the API
// named by TAGOIO_TOKEN and TAGOIO_API or TAGOIO_REGION, with no in-process emulator.
const envLive = "TAGOIO_ACC_LIVE"

func liveMode() bool { return os.Getenv(envLive) != "" }

func newAccEnv(t *testing.T) *accEnv {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	if liveMode() {
		c, url, token, err := liveClient()
		if err != nil {
			t.Fatal(err)
		}
		// Live tests share one account and run one per process (scripts/testacc-live.sh): each
		// starts and ends with no test object in it, so that what one test made (or a failed
		// one left) never shows up in another's lists.
		sweepAll(t, c)
		t.Cleanup(func() { sweepAll(t, c) })
		return &accEnv{t: t, client: c, apiURL: url, token: token}
	}
	return newEmulatorEnv(t)
}

// liveClient is a client for the API that live mode and the sweepers run against.
func liveClient() (*client.Client, string, string, error) {
	token := os.Getenv(envToken)
	if token == "" {
		return nil, "", "", fmt.Errorf("live mode needs %s (and %s or %s)", envToken, envAPI, envRegion)
	}
	ep, err := resolveEndpoint("", "", os.Getenv(envRegion), os.Getenv(envAPI))
	if err != nil {
		return nil, "", "", err
	}
	c, err := client.New(client.Config{BaseURL: ep.url, Token: token})
	return c, ep.url, token, err
}

// requireEmulator skips a test in live mode: it needs something only the in-process emulator
// gives (fault injection, request stats, tokens minted behind the API's back).
func (e *accEnv) requireEmulator(why string) {
	e.t.Helper()
	if e.server == nil {
		e.t.Skipf("live mode: needs the in-process emulator (%s)", why)
	}
}

// accountSettings serialises, in live mode, the tests that change what an account has once (its
// Run settings): parallel tests on one account would overwrite each other.
var accountSettings sync.Mutex

// Call it after t.Parallel: a paused test holding the lock would deadlock the parallel slots.
func (e *accEnv) lockAccountSettings() {
	if e.server == nil {
		accountSettings.Lock()
		e.t.Cleanup(accountSettings.Unlock)
	}
}

// keepRunSettings is lockAccountSettings for a test that changes the account's TagoRUN, a
// singleton that destroying only forgets: it puts every writable setting back when the test
// ends, so that in live mode (one account for the whole suite) the next test starts from the
// settings the account had, not from what this test left.
func (e *accEnv) keepRunSettings() {
	e.lockAccountSettings()
	before := e.apiCall("GET", "/run", nil)
	e.t.Cleanup(func() {
		restore := map[string]any{}
		for _, key := range []string{"active", "name", "sub_title", "url", "email_domain", "signup_method", "favicon",
			"logo", "signup_logo", "auth_token_ttl", "dictionary", "theme", "email_templates", "security",
			"sidebar_buttons", "signin_buttons", "signup_fields"} {
			if v, ok := before[key]; ok {
				restore[key] = v
			}
		}
		if _, ok := before["dictionary"]; !ok {
			restore["dictionary"] = nil
		}
		e.apiCall("PUT", "/run", restore)
	})
}

// inProcessOnly skips, in live mode, a test that builds its own emulator.
func inProcessOnly(t *testing.T, why string) {
	t.Helper()
	if liveMode() {
		t.Skipf("live mode: runs against its own in-process emulator (%s)", why)
	}
}

// newEmulatorEnv is the same world for Go-level tests that run without Terraform.
func newEmulatorEnv(t *testing.T) *accEnv {
	t.Helper()
	inProcessOnly(t, "a Go-level test of the provider against the emulator")
	server := emulator.NewTestServer(t, emulator.Options{})
	c, err := client.New(client.Config{BaseURL: server.URL, Token: server.Token, MaxRetries: 2, RetryWaitMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return &accEnv{t: t, server: server, client: c, apiURL: server.URL, token: server.Token}
}

// config prefixes a test configuration with the provider block.
func (e *accEnv) config(hcl string, args ...any) string {
	return fmt.Sprintf("provider \"tagoio\" {\n  api_url = %q\n  token   = %q\n}\n\n", e.apiURL, e.token) +
		fmt.Sprintf(hcl, args...)
}

func (e *accEnv) test(steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{ProtoV6ProviderFactories: protoV6ProviderFactories, Steps: steps}
}

// checkGone is a CheckDestroy: every object of the type must be gone from the API.
func (e *accEnv) checkGone(resourceType string, exists func(ctx context.Context, rs *terraform.ResourceState) (bool, error)) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for name, rs := range s.RootModule().Resources {
			if rs.Type != resourceType {
				continue
			}
			found, err := exists(context.Background(), rs)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if found {
				return fmt.Errorf("%s (%s) still exists after destroy", name, rs.Primary.ID)
			}
		}
		return nil
	}
}

// deviceIDOf reads the test device's id from state, for out-of-band changes in PreConfig.
func deviceIDOf(s *terraform.State) string {
	if rs, ok := s.RootModule().Resources[deviceAddr]; ok {
		return rs.Primary.ID
	}
	return ""
}

// dataPlane is the public data-plane client on the test's API and profile token, for data a
// test puts into objects (entity records, device data) the way a user's program would.
func (e *accEnv) dataPlane() *dataplane.Client {
	e.t.Helper()
	dp, err := dataPlaneFor(e.client)
	if err != nil {
		e.t.Fatal(err)
	}
	return dp
}
