package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// convergenceFaults are the rates: 10% 429, 5% 503 (refused before processing), 3% 500
// and 3% dropped answers (processed, then the answer is lost).
func convergenceFaults(seed uint64) emulator.FaultOptions {
	return emulator.FaultOptions{Rate429: 0.10, Rate503: 0.05, Rate500: 0.03, RateDrop: 0.03, Seed: seed}
}

// convergenceCounts is how many of each resource the configuration declares.
var convergenceCounts = map[string]int{
	"tagoio_device":            25,
	"tagoio_device_token":      15,
	"tagoio_action":            10,
	"tagoio_analysis":          10,
	"tagoio_secret":            10,
	"tagoio_run_user":          10,
	"tagoio_access_management": 10,
	"tagoio_dashboard":         5,
	"tagoio_dashboard_widget":  10, // two per dashboard
}

// convergenceConfig is >= 100 mixed resources, generated with count.
func convergenceConfig(url, token string) string {
	c := convergenceCounts
	return providerBlock(url, token) + fmt.Sprintf(`
resource "tagoio_device" "d" {
  count     = %d
  name      = "tfacc-conv-device-${count.index}"
  type      = "mutable"
  connector = %q
  network   = %q
  tags      = [{ key = "batch", value = "convergence" }]
  configuration_params = count.index %% 5 == 0 ? [{ key = "interval", value = "30" }] : null
}

resource "tagoio_device_token" "t" {
  count      = %d
  device_id  = tagoio_device.d[count.index].id
  name       = "conv-token-${count.index}"
  permission = "full"
}

resource "tagoio_action" "a" {
  count   = %d
  name    = "tfacc-conv-action-${count.index}"
  type    = "interval"
  trigger = [{ interval = "5 minutes" }]
  action = {
    type    = "post"
    url     = "https://hooks.example.com/tago"
    headers = { Authorization = "Bearer conv-hook-${count.index}-secret" }
  }
}

resource "tagoio_analysis" "an" {
  count       = %d
  name        = "tfacc-conv-analysis-${count.index}"
  runtime     = "node-rt2025"
  environment = { API_KEY = "conv-env-${count.index}-secret" }
  source      = count.index %% 2 == 0 ? "console.log(${count.index});\n" : null
}

resource "tagoio_secret" "s" {
  count = %d
  key   = "TFACC_CONV_SECRET_${count.index}"
  value = "conv-secret-value-${count.index}"
}

resource "tagoio_run_user" "u" {
  count    = %d
  name     = "tfacc-Conv User ${count.index}"
  email    = "tfacc-conv-user-${count.index}@example.com"
  password = "Conv-Password-${count.index}"
  timezone = "UTC"
}

resource "tagoio_access_management" "p" {
  count       = %d
  name        = "tfacc-conv-policy-${count.index}"
  targets     = [["run_user"]]
  permissions = [{ effect = "allow", action = ["access"], resource = ["dashboard"] }]
}

resource "tagoio_dashboard" "db" {
  count = %d
  label = "tfacc-conv-dashboard-${count.index}"
  tabs  = [{ key = "1", value = "Main" }]
}

resource "tagoio_dashboard_widget" "w" {
  count        = %d
  dashboard_id = tagoio_dashboard.db[floor(count.index / 2)].id
  label        = "conv-widget-${count.index}"
  type         = "card"
  data         = [{ origin = tagoio_device.d[count.index].id, variables = ["temperature"] }]
  display      = jsonencode({ variable = "temperature" })
  position     = { x = (count.index %% 2) * 4, y = 0, width = 4, height = 3 }
}
`, c["tagoio_device"], httpsConnectorID, httpNetworkID, c["tagoio_device_token"], c["tagoio_action"], c["tagoio_analysis"],
		c["tagoio_secret"], c["tagoio_run_user"], c["tagoio_access_management"], c["tagoio_dashboard"], c["tagoio_dashboard_widget"])
}

// The reliability runs test the client and the provider, not the CLI: they are not named
// TestAcc, so that the acceptance matrix (older CLIs) does not run them again.

// TestReliability_convergesUnderFaults applies over 100 mixed resources while the emulator
// refuses 15% of requests and loses the answer of 6% after processing them. The apply, the
// plan after it and the destroy must finish without an error; afterwards the API holds exactly
// the objects in the state (no duplicate, no orphan), and after the destroy the account is as
// it was before.
func TestReliability_convergesUnderFaults(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	ctx := context.Background()
	srv := newSwitchableEmulator(t, emulator.Options{})
	// The checks use a client of their own, with faults switched off.
	c, err := client.New(client.Config{BaseURL: srv.URL, Token: srv.Token, MaxRetries: 2, RetryWaitMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	before, err := listAccount(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	srv.reopen(emulator.Options{Faults: convergenceFaults(1)})

	total := 0
	for _, n := range convergenceCounts {
		total += n
	}
	if total < 100 {
		t.Fatalf("the configuration declares %d resources, want at least 100", total)
	}
	start := time.Now()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: convergenceConfig(srv.URL, srv.Token),
			Check: func(s *terraform.State) error {
				t.Logf("apply under faults took %s", time.Since(start).Round(time.Millisecond))
				applyStats := srv.reopen(emulator.Options{}) // faults off for the checks
				if err := checkFaultsHitPOSTs(t, applyStats); err != nil {
					return err
				}
				if err := checkStateMatchesAPI(ctx, c, s, total); err != nil {
					return err
				}
				// The plan after the apply and the destroy run under faults again.
				srv.reopen(emulator.Options{Faults: convergenceFaults(2)})
				return nil
			},
		}},
		CheckDestroy: func(*terraform.State) error {
			destroyStats := srv.reopen(emulator.Options{})
			t.Logf("plan and destroy under faults: %d requests, %d faults injected", destroyStats.Total, sum(destroyStats.FaultsByRoute))
			after, err := listAccount(ctx, c)
			if err != nil {
				return err
			}
			return sameInventory(before, after)
		},
	})
}

// checkFaultsHitPOSTs proves that the run was faulty where it matters: creates were refused
// and lost.
func checkFaultsHitPOSTs(t *testing.T, stats emulator.StatsSnapshot) error {
	t.Helper()
	var posts []string
	for route, n := range stats.FaultsByRoute {
		if strings.HasPrefix(route, "POST ") {
			posts = append(posts, fmt.Sprintf("%s: %d", route, n))
		}
	}
	sort.Strings(posts)
	t.Logf("apply under faults: %d requests, %d faults injected; on POST routes: %s", stats.Total, sum(stats.FaultsByRoute), strings.Join(posts, ", "))
	if len(posts) < 3 {
		return fmt.Errorf("faults hit %d POST routes (%v), want several: the run did not test ambiguous creates", len(posts), posts)
	}
	if stats.FaultsByRoute["POST /device"] == 0 {
		return fmt.Errorf("no fault hit POST /device: %v", stats.FaultsByRoute)
	}
	return nil
}

// checkStateMatchesAPI lists every kind and compares it with the state.
func checkStateMatchesAPI(ctx context.Context, c *client.Client, s *terraform.State, wantResources int) error {
	inState := idsInState(s)
	got := 0
	for kind := range convergenceCounts {
		if len(inState[kind]) != convergenceCounts[kind] {
			return fmt.Errorf("%s: %d in the state, want %d", kind, len(inState[kind]), convergenceCounts[kind])
		}
		got += len(inState[kind])
	}
	if got != wantResources {
		return fmt.Errorf("%d resources in the state, want %d", got, wantResources)
	}
	inv, err := listAccount(ctx, c)
	if err != nil {
		return err
	}
	for kind, listed := range inv {
		if err := sameIDs(kind, listed, inState[kind]); err != nil {
			return err
		}
		if err := duplicateNames(kind, listed); err != nil && kind != "device token" {
			return err
		}
	}
	for kind := range inState {
		// Widgets cannot be listed; device tokens are compared by value, under "device token".
		if _, listable := inv[kind]; !listable && kind != "tagoio_dashboard_widget" && kind != "tagoio_device_token" {
			return fmt.Errorf("%s: %d in the state, none listed by the API", kind, len(inState[kind]))
		}
	}
	return checkWidgets(ctx, c, s)
}

// checkWidgets checks the one kind the API cannot list: every widget in the state exists, and
// every dashboard's arrangement places exactly the widgets the state holds for it.
func checkWidgets(ctx context.Context, c *client.Client, s *terraform.State) error {
	placed := map[string]map[string]bool{} // dashboard -> widget ids in the state
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "tagoio_dashboard_widget" {
			continue
		}
		dash := rs.Primary.Attributes["dashboard_id"]
		if _, err := c.Widgets.Get(ctx, dash, rs.Primary.ID); err != nil {
			return fmt.Errorf("widget %s of dashboard %s: %w", rs.Primary.ID, dash, err)
		}
		if placed[dash] == nil {
			placed[dash] = map[string]bool{}
		}
		placed[dash][rs.Primary.ID] = true
	}
	for dash, want := range placed {
		d, err := c.Dashboards.Get(ctx, dash)
		if err != nil {
			return err
		}
		got := map[string]string{}
		for _, e := range d.Arrangement {
			if _, dup := got[e.WidgetID]; dup {
				return fmt.Errorf("dashboard %s places widget %s twice", dash, e.WidgetID)
			}
			got[e.WidgetID] = e.WidgetID
		}
		if err := sameIDs("arrangement of dashboard "+dash, got, want); err != nil {
			return err
		}
	}
	return nil
}

// sameInventory compares two listings of the account kind by kind.
func sameInventory(before, after accountInventory) error {
	kinds := map[string]bool{}
	for k := range before {
		kinds[k] = true
	}
	for k := range after {
		kinds[k] = true
	}
	for kind := range kinds {
		want := map[string]bool{}
		for id := range before[kind] {
			want[id] = true
		}
		if err := sameIDs(kind+" after destroy", after[kind], want); err != nil {
			return err
		}
	}
	return nil
}

func sum(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

// Every retry stops at the resource's timeout. The emulator's rate-limit clock is frozen two
// seconds before its window resets, after the window's ten device creates were spent: every
// POST /device is answered 429 with "Retry-After: 2", for ever. Under a 4s create timeout the
// client sends the POST, waits the 2s, sends it again, and then gives up, since a second wait
// would outlive the timeout: exactly two POSTs, and the rate-limit error. (Without the bound it
// would retry ten times.)
func TestReliability_retriesStopAtTheTimeout(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	frozen := time.Date(2026, 1, 5, 10, 0, 58, 0, time.UTC)
	inProcessOnly(t, "a frozen rate-limit clock")
	server := emulator.NewTestServer(t, emulator.Options{RateLimitPlan: "free", Clock: func() time.Time { return frozen }})
	c, err := client.New(client.Config{BaseURL: server.URL, Token: server.Token})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 { // the free plan's device creates for this window
		if _, err := c.Devices.Create(context.Background(), client.DeviceCreate{
			Name: fmt.Sprintf("tfacc-window-filler-%d", i), Type: "mutable", Connector: httpsConnectorID, Network: httpNetworkID,
		}); err != nil {
			t.Fatal(err)
		}
	}
	before := server.Emulator.Stats().Snapshot().ByRoute["POST /device"]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(server.URL, server.Token) + fmt.Sprintf(`
resource "tagoio_device" "test" {
  name      = "tfacc-never-created"
  type      = "mutable"
  connector = %q
  network   = %q
  timeouts {
    create = "4s"
  }
}`, httpsConnectorID, httpNetworkID),
			ExpectError: regexp.MustCompile(`(?s)Error creating device.*answered\s+429`),
		}},
	})
	if posts := server.Emulator.Stats().Snapshot().ByRoute["POST /device"] - before; posts != 2 {
		t.Errorf("the provider sent POST /device %d times under a 4s timeout and a 2s Retry-After, want 2", posts)
	}
}

// Every resource takes a timeouts block with create, update and delete: the bound that no retry
// or rate-limit wait outlives (withTimeout).
func TestEveryResourceHasTimeouts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	resources := New("test")().Resources(ctx)
	if len(resources) < 11 {
		t.Fatalf("the provider has %d resources, want the 11 it documents", len(resources))
	}
	for _, newResource := range resources {
		r := newResource()
		var meta fwresource.MetadataResponse
		r.Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "tagoio"}, &meta)
		var resp fwresource.SchemaResponse
		r.Schema(ctx, fwresource.SchemaRequest{}, &resp)
		block, ok := resp.Schema.Blocks["timeouts"]
		if !ok {
			t.Errorf("%s has no timeouts block", meta.TypeName)
			continue
		}
		attrs := block.GetNestedObject().GetAttributes()
		for _, op := range []string{"create", "read", "update", "delete"} {
			if _, ok := attrs[op]; !ok {
				t.Errorf("%s: the timeouts block has no %s", meta.TypeName, op)
			}
		}
	}
}
