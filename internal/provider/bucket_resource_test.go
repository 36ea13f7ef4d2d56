package provider

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

const bucketAddr = "tagoio_bucket.test"

// requireLegacyBuckets skips a test in live mode when the API no longer serves /bucket (today's
// TagoIO answers 404 there; the emulator serves legacy buckets unless told not to).
func (e *accEnv) requireLegacyBuckets() {
	e.t.Helper()
	if e.server != nil {
		return
	}
	if _, err := e.client.Buckets.List(context.Background(), client.ListOptions{}); client.IsNotFound(err) {
		e.t.Skip("live mode: this API serves no legacy /bucket routes")
	}
}

// newEmulatorEnvWith is newEmulatorEnv with emulator options (a TagoIO without legacy buckets).
func newEmulatorEnvWith(t *testing.T, opts emulator.Options) *accEnv {
	t.Helper()
	inProcessOnly(t, "emulator options")
	server := emulator.NewTestServer(t, opts)
	c, err := client.New(client.Config{BaseURL: server.URL, Token: server.Token, MaxRetries: 2, RetryWaitMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return &accEnv{t: t, server: server, client: c, apiURL: server.URL, token: server.Token}
}

func TestAccBucket_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	env.requireLegacyBuckets()
	ctx := context.Background()
	sameID := statecheck.CompareValue(compare.ValuesSame())
	created := env.config(`
resource "tagoio_bucket" "test" {
  name        = "tfacc-Plant 1 (legacy)"
  description = "Kept from the original SDK"
  tags        = [{ key = "plant", value = "1" }, { key = "plant", value = "one" }]
}`)
	updated := env.config(`
resource "tagoio_bucket" "test" {
  name    = "tfacc-Plant 1"
  visible = false
  tags    = [{ key = "plant", value = "1" }]
}`)
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_bucket", existsByID(env.client.Buckets.Get), []resource.TestStep{
		{
			Config: created,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("visible"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("description"), knownvalue.StringExact("Kept from the original SDK")),
				statecheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("tags").AtSliceIndex(1).AtMapKey("value"), knownvalue.StringExact("one")),
				statecheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				sameID.AddStateValue(bucketAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				id = s.RootModule().Resources[bucketAddr].Primary.ID
				b, err := env.client.Buckets.Get(ctx, id)
				if err != nil {
					return err
				}
				if b.Name != "tfacc-Plant 1 (legacy)" || len(b.Tags) != 2 {
					t.Errorf("API bucket = %+v", b)
				}
				return nil
			},
		},
		importVerifies(bucketAddr),
		{
			Config:           updated,
			ConfigPlanChecks: plans(bucketAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Plant 1")),
				statecheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("description"), knownvalue.Null()),
				statecheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("visible"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("tags"), knownvalue.ListSizeExact(1)),
				sameID.AddStateValue(bucketAddr, tfjsonpath.New("id")),
			},
		},
		{
			// Renamed by hand: the plan renames it back.
			PreConfig: func() {
				name := "Renamed by hand"
				if err := env.client.Buckets.Update(ctx, id, client.BucketUpdate{Name: &name}); err != nil {
					t.Fatal(err)
				}
			},
			Config: updated,
			ConfigPlanChecks: plans(bucketAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Plant 1")),
			),
		},
		// Deleted by hand (a well-formed id the API answers "Bucket not found" for): the
		// bucket leaves the state and the plan creates it again, without an error.
		recreatedAfterDelete(t, updated, bucketAddr, &id, func() error { return env.client.Buckets.Delete(ctx, id) }),
	}))
}

// A TagoIO that no longer serves /bucket fails in plain words, not as a "bucket not found".
func TestAccBucket_legacyRoutesRemoved(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	env := newEmulatorEnvWith(t, emulator.Options{DisableLegacyBuckets: true})
	plainWords := regexp.MustCompile(`(?s)TagoIO no longer serves standalone buckets.*use\s+a\s+tagoio_device.*its\s+type`)
	resource.ParallelTest(t, env.test(
		resource.TestStep{
			Config:      env.config(`resource "tagoio_bucket" "test" { name = "Old" }`),
			ExpectError: plainWords,
		},
		resource.TestStep{
			Config:      env.config(`data "tagoio_buckets" "all" {}`),
			ExpectError: plainWords,
		},
		resource.TestStep{
			Config:      env.config(`data "tagoio_bucket" "x" { id = "6298fcc3e0b6840012b6abfa" }`),
			ExpectError: regexp.MustCompile(`(?s)TagoIO no longer serves standalone buckets.*no\s+device\s+has\s+id\s+6298fcc3e0b6840012b6abfa`),
		},
	))
}

// Refreshing a bucket in the state: a removed route is an error in plain words that keeps the
// bucket in the state, while an unknown bucket on a TagoIO that serves buckets leaves the state
// with a warning. Checked at the Go level: terraform-plugin-testing cannot see warnings.
func TestBucketRead_removedRoutesAreNotAMissingBucket(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	read := func(env *accEnv) *fwresource.ReadResponse {
		r := &bucketResource{client: env.client}
		var schemaResp fwresource.SchemaResponse
		r.Schema(ctx, fwresource.SchemaRequest{}, &schemaResp)
		m := bucketModel{
			bucketFields: bucketFields{
				ID: types.StringValue("6298fcc3e0b6840012b6abfa"), Name: types.StringValue("Old"), Description: types.StringNull(),
				Visible: types.BoolValue(true), Tags: tagsFromAPI(nil), CreatedAt: types.StringNull(), UpdatedAt: types.StringNull(),
			},
			TagsAll:  tagsFromAPI(nil),
			Timeouts: timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)},
		}
		state := tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil)}
		if diags := state.Set(ctx, &m); diags.HasError() {
			t.Fatal(diags)
		}
		resp := &fwresource.ReadResponse{State: state}
		r.Read(ctx, fwresource.ReadRequest{State: state}, resp)
		return resp
	}

	gone := read(newEmulatorEnvWith(t, emulator.Options{DisableLegacyBuckets: true}))
	if !gone.Diagnostics.HasError() || gone.State.Raw.IsNull() {
		t.Fatalf("removed routes: diagnostics %v, state removed %v; want an error and the bucket kept", gone.Diagnostics, gone.State.Raw.IsNull())
	}
	if detail := gone.Diagnostics.Errors()[0].Detail(); !strings.Contains(detail, "TagoIO no longer serves standalone buckets") ||
		!strings.Contains(detail, "use a tagoio_device") {
		t.Errorf("error detail = %q", detail)
	}

	missing := read(newEmulatorEnv(t))
	if missing.Diagnostics.HasError() || !missing.State.Raw.IsNull() {
		t.Fatalf("unknown bucket: diagnostics %v, state removed %v; want a warning and the bucket removed", missing.Diagnostics, missing.State.Raw.IsNull())
	}
	if w := missing.Diagnostics.Warnings(); len(w) != 1 || !strings.Contains(w[0].Detail(), "was not found") {
		t.Errorf("warnings = %v", w)
	}
}

func TestAccBucket_invalidConfigFailsAtPlan(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	cases := map[string]blockCase{
		"empty name":        {`name = ""`, `name string length must be between 1 and 100`},
		"empty description": {"name = \"x\"\n description = \"\"", `description string length must be at least 1`},
		"empty tag key":     {"name = \"x\"\n tags = [{ key = \"\", value = \"v\" }]", `at least 1`},
	}
	env.eachBlockFails(t, "resource \"tagoio_bucket\" \"test\"", true, cases)
	resource.Test(t, env.test(resource.TestStep{
		Config: withImportBlock(env.config(`
resource "tagoio_bucket" "test" {
  name = "tfacc-x"
}`), bucketAddr, "not-an-id"),
		ExpectError: regexp.MustCompile(`(?s)Invalid bucket import ID.*24 lowercase\s+hexadecimal`),
	}))
}
