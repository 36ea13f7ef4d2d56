package provider

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

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

// accEnv is one acceptance test's world: an in-process emulator, the provider pointed at it the
// way a user points it with api_url, and a client for out-of-band changes and CheckDestroy.
type accEnv struct {
	t      *testing.T
	server *emulator.Server
	client *client.Client
}

func newAccEnv(t *testing.T) *accEnv {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	return newEmulatorEnv(t)
}

// newEmulatorEnv is the same world for Go-level tests that run without Terraform.
func newEmulatorEnv(t *testing.T) *accEnv {
	t.Helper()
	server := emulator.NewTestServer(t, emulator.Options{})
	c, err := client.New(client.Config{BaseURL: server.URL, Token: server.Token, MaxRetries: 2, RetryWaitMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return &accEnv{t: t, server: server, client: c}
}

// config prefixes a test configuration with the provider block.
func (e *accEnv) config(hcl string, args ...any) string {
	return fmt.Sprintf("provider \"tagoio\" {\n  api_url = %q\n  token   = %q\n}\n\n", e.server.URL, e.server.Token) +
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
