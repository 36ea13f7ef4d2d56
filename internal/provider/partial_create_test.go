package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// A partial create: the API created the object, then the read that follows failed. The state
// must already hold what a refresh and a destroy need, so that the next apply converges (the
// object, tainted, is replaced: never a second copy next to it) and destroy removes it.

// lifecycleCase is one resource type and the configuration it needs, for the partial-create and
// the out-of-band delete tests (which apply every case's configuration together: configOfAll).
type lifecycleCase struct {
	name string
	addr string // the resource under test
	// config is the HCL after the provider block.
	config string
	// readBack is the route of the read that follows the create (method, template).
	readBack [2]string
	// readBackSkip is how many requests to readBack the create sends before the write (a
	// file's existence check), which the injected failure lets through.
	readBackSkip int
	// keyedByPath: the id is the object's path, which a re-created object has again.
	keyedByPath bool
	// profileID: the object's id is the profile's, so the one created again has the same id.
	profileID bool
	// deleteOutOfBand deletes the object through the API, as someone in the TagoIO admin would.
	deleteOutOfBand func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error
}

func lifecycleCases() []lifecycleCase {
	device := fmt.Sprintf(`
resource "tagoio_device" "test" {
  name      = "tfacc-partial-device"
  type      = "mutable"
  connector = %q
  network   = %q
  serie_number = "SN-0001"
}`, httpsConnectorID, httpNetworkID)
	dashboard := `
resource "tagoio_dashboard" "test" {
  label = "tfacc-partial-dashboard"
  tabs  = [{ key = "1648142133869", value = "Main" }]
}`
	return []lifecycleCase{
		{
			name: "device", addr: deviceAddr, config: device, readBack: [2]string{"GET", "/device/{id}"},
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Devices.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			name: "device token", addr: tokenAddr, readBack: [2]string{"GET", "/device/token/{deviceID}"},
			config: device + `
resource "tagoio_device_token" "test" {
  device_id  = tagoio_device.test.id
  name       = "tfacc-partial-token"
  permission = "full"
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.DeviceTokens.Delete(ctx, rs.Primary.Attributes["token"])
			},
		},
		{
			name: "action", addr: actionAddr, readBack: [2]string{"GET", "/action/{id}"},
			config: `
resource "tagoio_action" "test" {
  name    = "tfacc-partial-action"
  type    = "interval"
  trigger = [{ interval = "5 minutes" }]
  action  = { type = "post", url = "https://hooks.example.com/tago" }
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Actions.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			name: "analysis", addr: analysisAddr, readBack: [2]string{"GET", "/analysis/{id}"},
			config: `
resource "tagoio_analysis" "test" {
  name    = "tfacc-partial-analysis"
  runtime = "node-rt2025"
  source  = "console.log('hello');\n"
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Analyses.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			name: "dashboard", addr: dashboardAddr, config: dashboard, readBack: [2]string{"GET", "/dashboard/{id}"},
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Dashboards.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			name: "dashboard widget", addr: widgetAddr, readBack: [2]string{"GET", "/dashboard/{dashID}/widget/{widgetID}"},
			config: dashboard + fmt.Sprintf(`
resource "tagoio_dashboard_widget" "test" {
  dashboard_id = tagoio_dashboard.test.id
  label        = "tfacc-partial-widget"
  type         = "card"
  data         = [{ origin = %q, variables = ["temperature"] }]
  display      = jsonencode({ variable = "temperature" })
  position     = { x = 0, y = 0, width = 2, height = 4 }
}`, originA),
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Widgets.Delete(ctx, rs.Primary.Attributes["dashboard_id"], rs.Primary.ID)
			},
		},
		{
			name: "run user", addr: runUserAddr, readBack: [2]string{"GET", "/run/users/{id}"},
			config: `
resource "tagoio_run_user" "test" {
  name     = "tfacc-partial-user"
  email    = "tfacc-partial@example.com"
  password = "Partial-Password-1"
  timezone = "UTC"
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.RunUsers.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			name: "access management", addr: accessAddr, readBack: [2]string{"GET", "/am/{id}"},
			config: `
resource "tagoio_access_management" "test" {
  name    = "tfacc-partial-policy"
  targets = [["run_user"]]
  permissions = [{ effect = "allow", action = ["access"], resource = ["dashboard"] }]
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.AccessManagement.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			name: "secret", addr: secretAddr, readBack: [2]string{"GET", "/secrets/{id}"},
			config: `
resource "tagoio_secret" "test" {
  key   = "TFACC_PARTIAL_SECRET"
  value = "partial-value"
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Secrets.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			name: "bucket", addr: bucketAddr, readBack: [2]string{"GET", "/bucket/{id}"},
			config: `
resource "tagoio_bucket" "test" {
  name = "tfacc-partial-bucket"
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Buckets.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			name: "dictionary", addr: dictionaryAddr, readBack: [2]string{"GET", "/dictionary/{id}"},
			config: `
resource "tagoio_dictionary" "test" {
  name      = "tfacc-partial-dictionary"
  slug      = "TFACCPARTIAL"
  fallback  = "en-US"
  languages = { "en-US" = { expressions = { HELLO = "Hello" } } }
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Dictionaries.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			name: "entity", addr: entityAddr, readBack: [2]string{"GET", "/entity/{id}"},
			config: `
resource "tagoio_entity" "test" {
  name    = "tfacc-partial-entity"
  fields  = { customer = { type = "string", required = true } }
  indexes = { by_customer = { fields = ["customer"] } }
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Entities.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			name: "connector", addr: connectorAddr, readBack: [2]string{"GET", "/integration/connector/{id}"},
			config: `
resource "tagoio_connector" "test" {
  name            = "tfacc-partial-connector"
  payload_decoder = "payload = [];"
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Connectors.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			name: "network", addr: networkAddr, readBack: [2]string{"GET", "/integration/network/{id}"},
			config: `
resource "tagoio_network" "test" {
  name          = "tfacc-partial-network"
  serial_number = { required = true, label = "EUI" }
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Networks.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			// One per profile, so the replacement can never leave a second one next to it.
			name: "run custom domain", addr: runCustomDomainAddr, profileID: true, readBack: [2]string{"GET", "/run/customdomain/{profileID}"},
			config: `
resource "tagoio_run_custom_domain" "test" {
  domain    = "example.com"
  subdomain = "tfacc-partial"
  email     = "example.com"
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.RunCustomDomain.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			// TagoIO has no route that reads one authorization: the read-back is the list.
			name: "service authorization", addr: serviceAuthAddr, readBack: [2]string{"GET", "/serviceauth"},
			config: `
resource "tagoio_service_authorization" "test" {
  name       = "tfacc-partial-serviceauth"
  permission = "read"
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.ServiceAuthorizations.Delete(ctx, rs.Primary.Attributes["token"])
			},
		},
		{
			// A file is read from its folder's list, which the create also reads first to make
			// sure no file is at the path.
			name: "file", addr: fileAddr, readBack: [2]string{"GET", "/files"}, readBackSkip: 1, keyedByPath: true,
			config: `
resource "tagoio_file" "test" {
  path    = "/tfacc-partial/file.txt"
  content = "partial"
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Files.Delete(ctx, rs.Primary.ID)
			},
		},
		{
			// The invitation answers no id: the read-back is the team list, and until it succeeds
			// the state's id is the e-mail address.
			name: "profile team member", addr: teamMemberAddr, readBack: [2]string{"GET", "/profile/{id}/team"},
			config: `
resource "tagoio_profile_team_member" "test" {
  email = "tfacc-partial@example.com"
}`,
			deleteOutOfBand: func(ctx context.Context, c *client.Client, rs *terraform.ResourceState) error {
				return c.Team.Delete(ctx, rs.Primary.Attributes["profile_id"], rs.Primary.ID)
			},
		},
	}
}

// newAccEnvWithOptions is newAccEnv against an emulator started with opts.
func newAccEnvWithOptions(t *testing.T, opts emulator.Options) *accEnv {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	inProcessOnly(t, "its own emulator with options (fault injection, not-found status)")
	server := emulator.NewTestServer(t, opts)
	c, err := client.New(client.Config{BaseURL: server.URL, Token: server.Token, MaxRetries: 2, RetryWaitMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return &accEnv{t: t, server: server, client: c, apiURL: server.URL, token: server.Token}
}

// configNoRetries is config with a provider that never retries: one injected failure is one
// failed call.
func (e *accEnv) configNoRetries(hcl string) string {
	return fmt.Sprintf("provider \"tagoio\" {\n  api_url     = %q\n  token       = %q\n  max_retries = 0\n}\n", e.apiURL, e.token) + hcl
}

// inventoryMatchesState checks that the account holds exactly the objects the state holds: no
// orphan, no duplicate, nothing missing. Widgets, which the API cannot list, are found through
// their dashboard's arrangement; buckets are listed on their own.
func (e *accEnv) inventoryMatchesState(s *terraform.State) error {
	ctx := context.Background()
	inv, err := listAccount(ctx, e.client)
	if err != nil {
		return err
	}
	inState := idsInState(s)
	for _, kind := range []string{"tagoio_device", "device token", "tagoio_action", "tagoio_analysis", "tagoio_dashboard",
		"tagoio_run_user", "tagoio_access_management", "tagoio_secret", "tagoio_dictionary", "tagoio_entity",
		"tagoio_service_authorization", "tagoio_connector", "tagoio_network", "tagoio_file", "tagoio_profile_team_member", "tagoio_run_custom_domain"} {
		if err := sameIDs(kind, inv[kind], inState[kind]); err != nil {
			return err
		}
	}
	buckets, err := e.client.Buckets.List(ctx, client.ListOptions{})
	if err != nil {
		return err
	}
	listed := map[string]string{}
	for _, b := range buckets {
		if b.Type == "legacy" {
			listed[b.ID] = b.Name
		}
	}
	if err := sameIDs("tagoio_bucket", listed, inState["tagoio_bucket"]); err != nil {
		return err
	}
	for id := range inState["tagoio_dashboard"] {
		byWidget, err := e.arrangement(id)
		if err != nil {
			return err
		}
		widgets := map[string]string{}
		for w := range byWidget {
			// The arrangement may still name a widget deleted on its own: only live ones count.
			_, err := e.client.Widgets.Get(ctx, id, w)
			if client.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			widgets[w] = "widget"
		}
		if err := sameIDs("tagoio_dashboard_widget", widgets, inState["tagoio_dashboard_widget"]); err != nil {
			return err
		}
	}
	return nil
}

// accountEmpty is a CheckDestroy: nothing a lifecycle case creates is left in the account.
func (e *accEnv) accountEmpty(s *terraform.State) error {
	return e.inventoryMatchesState(&terraform.State{Modules: []*terraform.ModuleState{{Path: []string{"root"}, Resources: map[string]*terraform.ResourceState{}}}})
}

// Every lifecycle case's create loses its read-back in one apply, so that one Terraform working
// directory serves them all; the objects others hang on (a token's device, a widget's
// dashboard) lose theirs in a configuration of their own, since a failed create stops the
// creates that depend on it.
func TestAccPartialCreate_readBackFailsThenApplyConvergesAndDestroyRemoves(t *testing.T) {
	t.Parallel()
	dependants, holders := splitByHolding(lifecycleCases())
	for name, group := range map[string][]lifecycleCase{"dependants and the rest": dependants, "objects others hang on": holders} {
		t.Run(name, func(t *testing.T) {
			env := newAccEnvWithOptions(t, emulator.Options{})
			cfg := env.configNoRetries(configOfAll(group))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				CheckDestroy:             env.accountEmpty,
				Steps: []resource.TestStep{
					{
						// Each create succeeds; the read that follows it fails.
						PreConfig: func() {
							for _, tc := range group {
								env.server.Emulator.FailAfter(tc.readBack[0], tc.readBack[1], tc.readBackSkip, 1)
							}
						},
						Config:      cfg,
						ExpectError: regexp.MustCompile(`(?i)error reading`),
					},
					{
						// The next apply refreshes the partial state (so it is refreshable), and
						// replaces each tainted object: never a second copy next to it.
						PreConfig: func() {
							faults := env.server.Emulator.Stats().Snapshot().FaultsByRoute
							for _, tc := range group {
								if got := faults[tc.readBack[0]+" "+tc.readBack[1]]; got != 1 {
									t.Fatalf("the %s's read-back failure was injected %d times, want 1", tc.name, got)
								}
							}
						},
						Config:           cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: eachPlanned(group, plancheck.ResourceActionDestroyBeforeCreate)},
						// Converged: terraform-plugin-testing's own plans after this step must be empty.
						Check: env.inventoryMatchesState,
					},
				},
			})
		})
	}
}

// splitByHolding parts the cases into the objects others hang on (another case's configuration
// contains the whole of theirs, as a device token's holds its device) and the rest.
func splitByHolding(cases []lifecycleCase) (rest, holders []lifecycleCase) {
	for _, c := range cases {
		held := false
		for _, other := range cases {
			held = held || (other.name != c.name && strings.Contains(other.config, c.config))
		}
		if held {
			holders = append(holders, c)
		} else {
			rest = append(rest, c)
		}
	}
	return rest, holders
}

// eachPlanned expects the plan to take action on every case's resource.
func eachPlanned(cases []lifecycleCase, action plancheck.ResourceActionType) []plancheck.PlanCheck {
	checks := make([]plancheck.PlanCheck, 0, len(cases))
	for _, c := range cases {
		checks = append(checks, plancheck.ExpectResourceAction(c.addr, action))
	}
	return checks
}

// configOfAll is the cases' configurations in one, each object once: a case whose configuration
// is part of another's (the device of a device token's) comes with that one.
func configOfAll(cases []lifecycleCase) string {
	rest, _ := splitByHolding(cases)
	var all strings.Builder
	for _, c := range rest {
		all.WriteString(c.config + "\n")
	}
	return all.String()
}
