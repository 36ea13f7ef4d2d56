package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// tagoio_run's create adopts the singleton: one GET /run, one PUT /run, and the state is built
// from the GET's answer with the PUT applied (no read after the write). So the create has no
// read-back to lose; what can fail half-way is the read before the write, or the write itself
// (refused, or done by the server with its answer lost). In each case the create saves no
// state at all (there is nothing Terraform could not refresh or forget), the next apply adopts
// the settings again and converges, and destroy forgets them without changing them.
func TestAccRunPartialCreate_failureHalfWaySavesNoStateThenApplyConverges(t *testing.T) {
	const config = `
resource "tagoio_run" "test" {
  name      = "tfacc-partial-run"
  sub_title = "Partial"
  security  = { otp = { authenticator = true, sms = false, email = true } }
}`
	cases := []struct {
		name string
		fail [2]string
		// writeLanded applies the configured settings through the API before the retry, as a
		// server that saved the write whose answer was lost would have them.
		writeLanded bool
	}{
		{name: "read before the write fails", fail: [2]string{"GET", "/run"}},
		{name: "write fails", fail: [2]string{"PUT", "/run"}},
		{name: "write saved but its answer lost", fail: [2]string{"PUT", "/run"}, writeLanded: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := newAccEnvWithOptions(t, emulator.Options{})
			ctx := context.Background()
			before, err := env.client.Run.Get(ctx)
			if err != nil {
				t.Fatal(err)
			}
			cfg := env.configNoRetries(config)
			runIs := func(name, subTitle string, authenticator bool) error {
				run, err := env.client.Run.Get(ctx)
				if err != nil {
					return err
				}
				if *run.Name != name || *run.SubTitle != subTitle || run.Security.OTP.Authenticator != authenticator {
					return fmt.Errorf("TagoRUN name %q, sub_title %q, otp.authenticator %v; want %q, %q, %v",
						*run.Name, *run.SubTitle, run.Security.OTP.Authenticator, name, subTitle, authenticator)
				}
				return nil
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				// Destroy only forgets: the settings applied stay.
				CheckDestroy: func(*terraform.State) error { return runIs("tfacc-partial-run", "Partial", true) },
				Steps: []resource.TestStep{
					{
						PreConfig:   func() { env.server.Emulator.FailNext(tc.fail[0], tc.fail[1], 1) },
						Config:      cfg,
						ExpectError: regexp.MustCompile(`(?i)error (reading|updating)`),
					},
					{
						// Nothing was saved (the plan creates: no tainted object to replace), and a
						// refused write left the settings as they were.
						PreConfig: func() {
							if got := env.server.Emulator.Stats().Snapshot().FaultsByRoute[tc.fail[0]+" "+tc.fail[1]]; got != 1 {
								t.Fatalf("the failure was injected %d times, want 1", got)
							}
							if err := runIs(*before.Name, *before.SubTitle, before.Security.OTP.Authenticator); err != nil {
								t.Fatalf("after the failed create: %v", err)
							}
							if !tc.writeLanded {
								return
							}
							name, sub := "tfacc-partial-run", "Partial"
							security := client.RunSecurity{OTP: &client.RunOTP{Authenticator: true, Email: true}}
							landed := client.RunUpdate{Name: &name, SubTitle: &sub, Security: map[string]any{"otp": security.OTP}}
							if err := env.client.Run.Update(ctx, landed); err != nil {
								t.Fatal(err)
							}
						},
						Config:           cfg,
						ConfigPlanChecks: plans(runAddr, plancheck.ResourceActionCreate),
						Check:            func(*terraform.State) error { return runIs("tfacc-partial-run", "Partial", true) },
					},
				},
			})
		})
	}
}
