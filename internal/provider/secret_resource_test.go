package provider

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
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

const secretAddr = "tagoio_secret.test"

// secretValueLength is what TagoIO says about the stored value: the only proof, through the
// API, that the value Terraform sent is the one stored.
func (e *accEnv) secretValueLength(t *testing.T, id string) int64 {
	t.Helper()
	s, err := e.client.Secrets.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if s.ValueLength == nil {
		t.Fatal("TagoIO returned no value_length")
	}
	return *s.ValueLength
}

func TestAccSecret_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	cfg := func(key, value, tags string) string {
		return env.config(`
resource "tagoio_secret" "test" {
  key   = %q
  value = %q
  tags  = [%s]
}`, key, value, tags)
	}
	created := cfg("TFACC_SENDGRID_API_KEY", "SG.first-value", `{ key = "team", value = "ops" }, { key = "team", value = "iot" }`)
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_secret", existsByID(env.client.Secrets.Get), []resource.TestStep{
		{
			Config: created,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("key"), knownvalue.StringExact("TFACC_SENDGRID_API_KEY")),
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value_length"), knownvalue.Int64Exact(int64(len("SG.first-value")))),
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("tags").AtSliceIndex(1).AtMapKey("value"), knownvalue.StringExact("iot")),
				statecheck.ExpectSensitiveValue(secretAddr, tfjsonpath.New("value")),
				sameID.AddStateValue(secretAddr, tfjsonpath.New("id")),
				differentID.AddStateValue(secretAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				id = s.RootModule().Resources[secretAddr].Primary.ID
				if n := env.secretValueLength(t, id); n != int64(len("SG.first-value")) {
					t.Errorf("TagoIO stores a value of %d characters", n)
				}
				return nil
			},
		},
		// TagoIO never returns the value: it is the one attribute an import cannot fill.
		importVerifies(secretAddr, "value"),
		{
			Config:           cfg("TFACC_SENDGRID_API_KEY", "SG.second, longer value", `{ key = "team", value = "ops" }`),
			ConfigPlanChecks: plans(secretAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value_length"), knownvalue.Int64Exact(int64(len("SG.second, longer value")))),
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("tags"), knownvalue.ListSizeExact(1)),
				sameID.AddStateValue(secretAddr, tfjsonpath.New("id")),
			},
		},
		{
			Config:           cfg("TFACC_SENDGRID_KEY", "SG.second, longer value", `{ key = "team", value = "ops" }`),
			ConfigPlanChecks: plans(secretAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("key"), knownvalue.StringExact("TFACC_SENDGRID_KEY")),
				differentID.AddStateValue(secretAddr, tfjsonpath.New("id")),
			},
			Check: func(*terraform.State) error {
				if _, err := env.client.Secrets.Get(context.Background(), id); !client.IsNotFound(err) {
					t.Errorf("the replaced secret still exists: %v", err)
				}
				return nil
			},
		},
	}))
}

func TestAccSecret_outOfBandChanges(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	cfg := env.config(`
resource "tagoio_secret" "test" {
  key   = "TFACC_SMTP_PASSWORD"
  value = "correct horse battery"
  tags  = [{ key = "owner", value = "ops" }]
}`)
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_secret", existsByID(env.client.Secrets.Get), []resource.TestStep{
		{Config: cfg, Check: recordID(secretAddr, &id)},
		{
			// Tags edited in the TagoIO admin: the plan puts them back.
			PreConfig: func() {
				tags := []client.Tag{{Key: "owner", Value: "someone else"}}
				if err := env.client.Secrets.Update(ctx, id, client.SecretUpdate{Tags: &tags}); err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg,
			ConfigPlanChecks: plans(secretAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("tags").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact("ops")),
			},
		},
		// Deleted in the TagoIO admin: the plan creates it again, without an error.
		recreatedAfterDelete(t, cfg, secretAddr, &id, func() error { return env.client.Secrets.Delete(ctx, id) }),
	}))
}

// An imported secret's value is unknown: setting it in the configuration adopts the secret
// with one update, after which the plan is empty.
func TestAccSecret_importThenAdoptValue(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	ctx := context.Background()
	id := env.madeID(env.client.Secrets.Create(ctx, client.SecretCreate{Key: "TFACC_LEGACY_TOKEN", Value: "made by hand"}))
	cfg := withImportBlock(env.config(`
resource "tagoio_secret" "test" {
  key   = "TFACC_LEGACY_TOKEN"
  value = "now managed by terraform"
}`), secretAddr, id)
	resource.Test(t, env.test(
		resource.TestStep{
			Config:           cfg,
			ConfigPlanChecks: plans(secretAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				if n := env.secretValueLength(t, id); n != int64(len("now managed by terraform")) {
					t.Errorf("the configured value was not sent: TagoIO stores %d characters", n)
				}
				return nil
			},
		},
	))
}

func TestAccSecret_invalidConfigFailsAtPlan(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	cases := map[string]blockCase{
		"lowercase key":  {`key = "api_key"` + "\n value = \"x\"", `uppercase letters, digits and underscores`},
		"key with space": {`key = "API KEY"` + "\n value = \"x\"", `uppercase letters, digits and underscores`},
		"no value":       {`key = "API_KEY"`, `Creating a secret needs its value`},
		"empty value":    {`key = "API_KEY"` + "\n value = \"\"", `UTF-8 character count must be between 1 and 2048`},
		"value too long": {`key = "API_KEY"` + "\n value = \"" + strings.Repeat("x", 2049) + "\"", `between 1 and 2048`},
		"version alone":  {`key = "API_KEY"` + "\n value = \"x\"\n value_wo_version = 1", `(?s)value_wo.*must be specified`},
		"empty tag key":  {`key = "API_KEY"` + "\n value = \"x\"\n tags = [{ key = \"\", value = \"v\" }]", `at least 1`},
	}
	env.eachBlockFails(t, "resource \"tagoio_secret\" \"test\"", true, cases)
	resource.Test(t, env.test(resource.TestStep{
		Config: withImportBlock(env.config(`
resource "tagoio_secret" "test" {
  key   = "TFACC_K"
  value = "x"
}`), secretAddr, "nope"),
		ExpectError: regexp.MustCompile(`(?s)Invalid secret import ID.*24 lowercase\s+hexadecimal`),
	}))
}

func TestAccSecret_writeOnlyValue(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	cfg := func(value string, version int) string {
		return env.config(`
resource "tagoio_secret" "test" {
  key              = "TFACC_TWILIO_TOKEN"
  value_wo         = %q
  value_wo_version = %d
}`, value, version)
	}
	resource.Test(t, withWriteOnly(env.testCheckingGone("tagoio_secret", existsByID(env.client.Secrets.Get), []resource.TestStep{
		{
			Config: cfg("write-only first", 1),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value"), knownvalue.Null()),
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value_length"), knownvalue.Int64Exact(int64(len("write-only first")))),
			},
		},
		// A new value alone changes nothing: the version is the trigger.
		plansNothing(cfg("write-only second, not sent", 1)),
		{
			Config:           cfg("write-only, version two", 2),
			ConfigPlanChecks: plans(secretAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value_length"), knownvalue.Int64Exact(int64(len("write-only, version two")))),
				statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value_wo"), knownvalue.Null()),
			},
		},
		// value_wo is never in the state at all
		importVerifies(secretAddr, "value_wo_version"),
	})))
	// Invalid combinations fail at plan time (in a case of their own: a failing last step
	// would also fail the destroy of the one above).
	resource.Test(t, withWriteOnly(env.test(
		resource.TestStep{
			Config: env.config(`
resource "tagoio_secret" "test" {
  key      = "TFACC_TWILIO_TOKEN"
  value    = "x"
  value_wo = "y"
  value_wo_version = 3
}`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)value_wo.*cannot be specified when.*value|Invalid Attribute Combination`),
		},
		resource.TestStep{
			Config:      env.config("resource \"tagoio_secret\" \"test\" {\n  key = \"TFACC_TWILIO_TOKEN\"\n  value_wo = \"y\"\n}"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)value_wo_version.*must be specified|Invalid Attribute Combination`),
		},
	)))
}

// recordingAPI forwards to an emulator and records every request body, so that a test can see
// what the provider sent on the wire.
type recordingAPI struct {
	mu     sync.Mutex
	bodies []string
}

func (r *recordingAPI) sent(method, pathPrefix string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, b := range r.bodies {
		if strings.HasPrefix(b, method+" "+pathPrefix) {
			out = append(out, b)
		}
	}
	return out
}

// The write-only path at the Go level, so that it runs on every CLI: Create and Update read
// value_wo from the configuration (it is null in the plan), send it, and keep it out of the state.
func TestSecretWriteOnly_sendsTheConfiguredValueAndNeverStoresIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	inProcessOnly(t, "a Go-level test against the emulator")
	e, err := emulator.New(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	rec := &recordingAPI{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		rec.mu.Lock()
		rec.bodies = append(rec.bodies, req.Method+" "+req.URL.Path+" "+string(body))
		rec.mu.Unlock()
		req.Body = io.NopCloser(strings.NewReader(string(body)))
		e.Handler().ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, Token: e.ProfileToken(), MaxRetries: 1, RetryWaitMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	r := &secretResource{client: c}
	var schemaResp fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &schemaResp)
	sch := schemaResp.Schema

	raw := func(m secretModel) tftypes.Value {
		state := tfsdk.State{Schema: sch, Raw: tftypes.NewValue(sch.Type().TerraformType(ctx), nil)}
		if diags := state.Set(ctx, &m); diags.HasError() {
			t.Fatal(diags)
		}
		return state.Raw
	}
	model := func(wo string, version int64) secretModel {
		m := secretModel{
			secretFields: secretFields{
				ID: types.StringUnknown(), Key: types.StringValue("WO_KEY"), Tags: tagsFromAPI(nil),
				ValueLength: types.Int64Unknown(), CreatedAt: types.StringUnknown(), UpdatedAt: types.StringUnknown(),
			},
			Value: types.StringNull(), ValueWO: types.StringNull(), ValueWOVersion: types.Int64Value(version),
			TagsAll:  tagsFromAPI(nil),
			Timeouts: timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)},
		}
		if wo != "" {
			m.ValueWO = types.StringValue(wo)
		}
		return m
	}

	const first = "first write-only value"
	configM := model(first, 1)
	planM := model("", 1) // Terraform never puts a write-only value in the plan
	createResp := &fwresource.CreateResponse{State: tfsdk.State{Schema: sch, Raw: tftypes.NewValue(sch.Type().TerraformType(ctx), nil)}}
	r.Create(ctx, fwresource.CreateRequest{
		Config: tfsdk.Config{Schema: sch, Raw: raw(configM)},
		Plan:   tfsdk.Plan{Schema: sch, Raw: raw(planM)},
	}, createResp)
	if createResp.Diagnostics.HasError() {
		t.Fatal(createResp.Diagnostics)
	}
	posts := rec.sent(http.MethodPost, "/secrets")
	if len(posts) != 1 || !strings.Contains(posts[0], `"value":"`+first+`"`) {
		t.Fatalf("POST /secrets bodies = %q, want the write-only value", posts)
	}
	var created secretModel
	createResp.State.Get(ctx, &created)
	if !created.ValueWO.IsNull() || !created.Value.IsNull() {
		t.Errorf("the state holds the value: value_wo=%v value=%v", created.ValueWO, created.Value)
	}
	if created.ValueLength.ValueInt64() != int64(len(first)) {
		t.Errorf("value_length = %v, want %d", created.ValueLength, len(first))
	}

	update := func(wo string, version int64) *fwresource.UpdateResponse {
		cfg, plan := model(wo, version), model("", version)
		cfg.secretFields, plan.secretFields = created.secretFields, created.secretFields
		plan.ValueLength, plan.UpdatedAt = types.Int64Unknown(), types.StringUnknown()
		resp := &fwresource.UpdateResponse{State: createResp.State}
		r.Update(ctx, fwresource.UpdateRequest{
			Config: tfsdk.Config{Schema: sch, Raw: raw(cfg)},
			Plan:   tfsdk.Plan{Schema: sch, Raw: raw(plan)},
			State:  createResp.State,
		}, resp)
		if resp.Diagnostics.HasError() {
			t.Fatal(resp.Diagnostics)
		}
		return resp
	}
	// Same version: the value is not sent, whatever value_wo says.
	update("ignored value", 1)
	for _, put := range rec.sent(http.MethodPut, "/secrets/") {
		t.Errorf("a PUT was sent without a version change: %s", put)
	}
	// A new version sends the configured value.
	const second = "second, longer write-only value"
	resp := update(second, 2)
	puts := rec.sent(http.MethodPut, "/secrets/")
	if len(puts) != 1 || !strings.Contains(puts[0], `"value":"`+second+`"`) {
		t.Fatalf("PUT bodies = %q, want the new write-only value", puts)
	}
	var updated secretModel
	resp.State.Get(ctx, &updated)
	if !updated.ValueWO.IsNull() || updated.ValueWOVersion.ValueInt64() != 2 || updated.ValueLength.ValueInt64() != int64(len(second)) {
		t.Errorf("state after update: value_wo=%v version=%v value_length=%v", updated.ValueWO, updated.ValueWOVersion, updated.ValueLength)
	}
}
