package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
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
)

const analysisAddr = "tagoio_analysis.test"

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

const (
	scriptV1 = "const { Analysis } = require(\"@tago-io/sdk\");\nAnalysis.use(async (context) => context.log(\"v1\"));\n"
	scriptV2 = "const { Analysis } = require(\"@tago-io/sdk\");\nAnalysis.use(async (context) => context.log(\"v2\"));\n"
)

// analysisConfig writes a tagoio_analysis whose source is given through a heredoc, as file() would.
func analysisConfig(env *accEnv, body, source string) string {
	return env.config(`
resource "tagoio_analysis" "test" {
%s
  source = <<-EOT
%sEOT
}`, body, indent(source))
}

func indent(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "")
}

// apiScript downloads the analysis script through the client, to check what the API holds.
func (e *accEnv) apiScript(id string) string {
	e.t.Helper()
	script, err := e.client.Analyses.DownloadScript(context.Background(), id, "")
	if err != nil {
		e.t.Fatalf("downloading the script of %s: %v", id, err)
	}
	return string(script)
}

func TestAccAnalysis_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	sameToken := statecheck.CompareValue(compare.ValuesSame())
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	differentToken := statecheck.CompareValue(compare.ValuesDiffer())

	created := analysisConfig(env, `
  name        = "My first analysis"
  description = "Creating my first analysis"
  runtime     = "node-rt2025"
  interval    = "1 minute"
  environment = { max_battery = "3100", API_KEY = "k-0123456789abcdef" }
  tags        = [{ key = "client", value = "Mark" }]`, scriptV1)

	updated := analysisConfig(env, `
  name        = "Battery report"
  runtime     = "node-rt2025"
  active      = false
  environment = { max_battery = "3000" }`, scriptV2)

	external := analysisConfig(env, `
  name        = "Battery report"
  runtime     = "node-rt2025"
  run_on      = "external"
  active      = false
  environment = { max_battery = "3000" }`, scriptV2)

	replaced := analysisConfig(env, `
  name        = "Battery report"
  runtime     = "python-rt2025"
  run_on      = "external"
  active      = false
  environment = { max_battery = "3000" }`, "print('v3')\n")

	resource.ParallelTest(t, env.testCheckingGone("tagoio_analysis", existsByID(env.client.Analyses.Get), []resource.TestStep{
		{
			Config: created,
			ConfigPlanChecks: plans(analysisAddr, plancheck.ResourceActionCreate,
				plancheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("source_sha256"), knownvalue.StringExact(sha256Hex(scriptV1))),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("run_on"), knownvalue.StringExact("tago")),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("interval"), knownvalue.StringExact("1 minute")),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("environment"), knownvalue.MapExact(map[string]knownvalue.Check{
					"max_battery": knownvalue.StringExact("3100"), "API_KEY": knownvalue.StringExact("k-0123456789abcdef"),
				})),
				statecheck.ExpectSensitiveValue(analysisAddr, tfjsonpath.New("environment")),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("token"), knownvalue.StringRegexp(regexp.MustCompile(`.{16,}`))),
				statecheck.ExpectSensitiveValue(analysisAddr, tfjsonpath.New("token")),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("source"), knownvalue.StringExact(scriptV1)),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("source_sha256"), knownvalue.StringExact(sha256Hex(scriptV1))),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("version"), knownvalue.NotNull()),
				sameID.AddStateValue(analysisAddr, tfjsonpath.New("id")),
				sameToken.AddStateValue(analysisAddr, tfjsonpath.New("token")),
				differentID.AddStateValue(analysisAddr, tfjsonpath.New("id")),
				differentToken.AddStateValue(analysisAddr, tfjsonpath.New("token")),
			},
			Check: apiHolds(idInState(analysisAddr), env.client.Analyses.Get, func(a *client.Analysis) error {
				if a.Runtime == nil || *a.Runtime != "node-rt2025" || len(a.Variables) != 2 || len(a.Tags) != 1 {
					t.Errorf("API analysis = %+v", a)
				}
				if got := env.apiScript(a.ID); got != scriptV1 {
					t.Errorf("API script = %q, want the configured source", got)
				}
				return nil
			}),
		},
		// The import downloads the script, so source round-trips too.
		importVerifies(analysisAddr),
		{
			Config: updated,
			ConfigPlanChecks: plans(analysisAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectUnknownValue(analysisAddr, tfjsonpath.New("version")),
				plancheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("source_sha256"), knownvalue.StringExact(sha256Hex(scriptV2))),
				plancheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("token"), knownvalue.NotNull()), // run_on unchanged: same token
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("name"), knownvalue.StringExact("Battery report")),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("description"), knownvalue.Null()),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("interval"), knownvalue.Null()),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("tags"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("environment"), knownvalue.MapExact(map[string]knownvalue.Check{
					"max_battery": knownvalue.StringExact("3000"),
				})),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("source"), knownvalue.StringExact(scriptV2)),
				sameID.AddStateValue(analysisAddr, tfjsonpath.New("id")),
				sameToken.AddStateValue(analysisAddr, tfjsonpath.New("token")),
			},
			Check: apiHolds(idInState(analysisAddr), env.client.Analyses.Get, func(a *client.Analysis) error {
				if !client.IsIntervalNever(a.Interval) || len(a.Variables) != 1 || a.Variables[0].Value != "3000" {
					t.Errorf("API analysis = %+v", a)
				}
				if got := env.apiScript(a.ID); got != scriptV2 {
					t.Errorf("API script = %q, want the new source", got)
				}
				return nil
			}),
		},
		{
			// A new run_on: TagoIO issues a new token, so the plan cannot know it.
			Config: external,
			ConfigPlanChecks: plans(analysisAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectUnknownValue(analysisAddr, tfjsonpath.New("token")),
				plancheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("source"), knownvalue.StringExact(scriptV2)),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("run_on"), knownvalue.StringExact("external")),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("token"), knownvalue.NotNull()),
				sameID.AddStateValue(analysisAddr, tfjsonpath.New("id")),
				differentToken.AddStateValue(analysisAddr, tfjsonpath.New("token")),
			},
		},
		{
			// TagoIO cannot change the runtime: the analysis is replaced.
			Config:           replaced,
			ConfigPlanChecks: plans(analysisAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("runtime"), knownvalue.StringExact("python-rt2025")),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("source"), knownvalue.StringExact("print('v3')\n")),
				differentID.AddStateValue(analysisAddr, tfjsonpath.New("id")),
			},
		},
	}))
}

func TestAccAnalysis_outOfBandChanges(t *testing.T) {
	env := newAccEnv(t)
	cfg := analysisConfig(env, `
  name        = "Watchdog"
  runtime     = "node-rt2025"
  interval    = "5 minutes"
  environment = { LEVEL = "warn" }`, scriptV1)
	var id string
	ctx := context.Background()
	resource.ParallelTest(t, env.testCheckingGone("tagoio_analysis", existsByID(env.client.Analyses.Get), []resource.TestStep{
		{Config: cfg, Check: recordID(analysisAddr, &id)},
		{
			// The script was edited in the TagoIO admin: the refresh downloads it and the plan
			// uploads the configured source again.
			PreConfig: func() {
				err := env.client.Analyses.UploadScript(ctx, id, client.ScriptUpload{
					Content: []byte("console.log('edited by hand');\n"), FileName: "script.js", Language: "node-rt2025"})
				if err != nil {
					t.Fatal(err)
				}
			},
			Config: cfg,
			ConfigPlanChecks: plans(analysisAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("source"), knownvalue.StringExact(scriptV1)),
			),
			Check: func(s *terraform.State) error {
				if got := env.apiScript(id); got != scriptV1 {
					t.Errorf("API script after the fix = %q", got)
				}
				return nil
			},
		},
		{
			// Settings edited in the admin: the plan sets them back.
			PreConfig: func() {
				name, interval := "Watchdog (edited)", "1 hour"
				vars := []client.AnalysisVariable{{Key: "LEVEL", Value: "debug"}, {Key: "EXTRA", Value: "1"}}
				if err := env.client.Analyses.Update(ctx, id, client.AnalysisUpdate{Name: &name, Interval: &interval, Variables: &vars}); err != nil {
					t.Fatal(err)
				}
			},
			Config: cfg,
			ConfigPlanChecks: plans(analysisAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("name"), knownvalue.StringExact("Watchdog")),
				plancheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("interval"), knownvalue.StringExact("5 minutes")),
				plancheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("environment"), knownvalue.MapExact(map[string]knownvalue.Check{
					"LEVEL": knownvalue.StringExact("warn"),
				})),
			),
		},
		// Deleted in the admin: the plan creates it again, without an error.
		recreatedAfterDelete(t, cfg, analysisAddr, &id, func() error { return env.client.Analyses.Delete(ctx, id) }),
	}))
}

// An analysis without source leaves the script unmanaged: nothing is uploaded, and a script
// uploaded elsewhere shows up in source without a plan.
func TestAccAnalysis_unmanagedSource(t *testing.T) {
	env := newAccEnv(t)
	cfg := env.config(`
resource "tagoio_analysis" "test" {
  name    = "tfacc-Runs elsewhere"
  runtime = "python-rt2025"
  run_on  = "external"
}`)
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_analysis", existsByID(env.client.Analyses.Get), []resource.TestStep{
		{
			Config: cfg,
			Check:  recordID(analysisAddr, &id),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("source"), knownvalue.Null()),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("source_sha256"), knownvalue.Null()),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("version"), knownvalue.Null()),
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("token"), knownvalue.NotNull()),
			},
		},
		{
			PreConfig: func() {
				err := env.client.Analyses.UploadScript(context.Background(), id, client.ScriptUpload{
					Content: []byte("print('hello')\n"), FileName: "script.py", Language: "python-rt2025"})
				if err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(analysisAddr, tfjsonpath.New("source"), knownvalue.StringExact("print('hello')\n")),
			},
		},
		importVerifies(analysisAddr),
	}))
}

func TestAccAnalysis_invalidConfigFailsAtPlan(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	vars := make([]string, 21)
	for i := range vars {
		vars[i] = fmt.Sprintf("V%d = \"x\"", i)
	}
	cases := map[string]blockCase{
		"no runtime":         {``, `"runtime" is required`},
		"bad runtime":        {`runtime = "cobol"`, `value must be one of`},
		"bad run_on":         {"runtime = \"node-rt2025\"\n  run_on = \"cloud\"", `value must be one of`},
		"interval too short": {"runtime = \"node-rt2025\"\n  interval = \"30 seconds\"", `at least 1 minute`},
		"interval never":     {"runtime = \"node-rt2025\"\n  interval = \"Never\"", `at least 1 minute`},
		"too many variables": {"runtime = \"node-rt2025\"\n  environment = { " + strings.Join(vars, ", ") + " }", `(?s)environment.*at most 20`},
		"empty variable key": {"runtime = \"node-rt2025\"\n  environment = { \"\" = \"x\" }", `string length must be at least 1`},
		"empty source":       {"runtime = \"node-rt2025\"\n  source = \"\"", `source string length must be at least 1`},
		"empty description":  {"runtime = \"node-rt2025\"\n  description = \"\"", `description string length must be at least 1`},
	}
	env.eachBlockFails(t, `resource "tagoio_analysis" "test"`, true, namedAndWrapped(cases))
}

// A refresh of an analysis whose script did not change is one GET; a script changed elsewhere
// costs the download too. Checked at the Go level, where the requests can be counted.
func TestAnalysisRead_requestBudget(t *testing.T) {
	t.Parallel()
	env := newEmulatorEnv(t)
	ctx := context.Background()
	runtime := "node-rt2025"
	created, err := env.client.Analyses.Create(ctx, client.AnalysisCreate{Name: "tfacc-Budget", Runtime: &runtime})
	if err != nil {
		t.Fatal(err)
	}
	upload := func(src string) {
		if err := env.client.Analyses.UploadScript(ctx, created.ID, client.ScriptUpload{Content: []byte(src), FileName: "script.js", Language: runtime}); err != nil {
			t.Fatal(err)
		}
	}
	upload(scriptV1)
	r := &analysisResource{client: env.client}
	var schemaResp fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &schemaResp)

	// The state an apply would leave: read the analysis once, as Read does after an import.
	state := tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil)}
	seed := analysisModel{Timeouts: timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)}}
	seed.ID = types.StringValue(created.ID)
	seed.Environment = types.MapNull(types.StringType)
	seed.Tags, seed.TagsAll = tagsFromAPI(nil), tagsFromAPI(nil)
	if diags := state.Set(ctx, &seed); diags.HasError() {
		t.Fatal(diags)
	}
	read := func(state tfsdk.State) (tfsdk.State, int64, int64) {
		stats := env.server.Emulator.Stats()
		stats.Reset()
		resp := &fwresource.ReadResponse{State: state}
		r.Read(ctx, fwresource.ReadRequest{State: state}, resp)
		if resp.Diagnostics.HasError() {
			t.Fatal(resp.Diagnostics)
		}
		snap := stats.Snapshot()
		return resp.State, snap.Total, snap.ByRoute["GET /analysis/{id}/download"]
	}

	state, _, downloads := read(state)
	if downloads != 1 {
		t.Errorf("first read (no version known): %d downloads, want 1", downloads)
	}
	var m analysisModel
	state.Get(ctx, &m)
	if m.Source.ValueString() != scriptV1 || m.SourceSHA256.ValueString() != sha256Hex(scriptV1) {
		t.Errorf("source = %q, sha = %s", m.Source.ValueString(), m.SourceSHA256.ValueString())
	}

	state, total, downloads := read(state)
	if total != 1 || downloads != 0 {
		t.Errorf("refresh of an unchanged analysis: %d requests (%d downloads), want exactly 1 GET", total, downloads)
	}

	upload(scriptV2)
	state, _, downloads = read(state)
	state.Get(ctx, &m)
	if downloads != 1 || m.Source.ValueString() != scriptV2 {
		t.Errorf("after an upload elsewhere: %d downloads, source %q; want the new script", downloads, m.Source.ValueString())
	}
}

// Creating an analysis with a script costs the create request, one upload and one read.
func TestAnalysisCreate_requestBudget(t *testing.T) {
	t.Parallel()
	env := newEmulatorEnv(t)
	ctx := context.Background()
	r := &analysisResource{client: env.client}
	var schemaResp fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &schemaResp)

	planned := analysisModel{Timeouts: timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)}}
	planned.ID, planned.Token, planned.Version = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	planned.CreatedAt, planned.UpdatedAt = types.StringUnknown(), types.StringUnknown()
	planned.Name, planned.Runtime, planned.RunOn = types.StringValue("tfacc-Budget"), types.StringValue("node-rt2025"), types.StringValue("tago")
	planned.Active = types.BoolValue(true)
	planned.Environment = types.MapValueMust(types.StringType, map[string]attr.Value{"K": types.StringValue("v")})
	planned.Tags, planned.TagsAll = tagsFromAPI(nil), types.ListUnknown(tagObjectType)
	planned.Source = types.StringValue(scriptV1)
	planned.SourceSHA256 = types.StringValue(sha256Hex(scriptV1))
	plan := tfsdk.Plan{Schema: schemaResp.Schema, Raw: tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil)}
	if diags := plan.Set(ctx, &planned); diags.HasError() {
		t.Fatal(diags)
	}

	stats := env.server.Emulator.Stats()
	stats.Reset()
	resp := &fwresource.CreateResponse{State: tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil)}}
	r.Create(ctx, fwresource.CreateRequest{Plan: plan}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	snap := stats.Snapshot()
	want := map[string]int64{"POST /analysis": 1, "POST /analysis/{id}/upload": 1, "GET /analysis/{id}": 1}
	for route, n := range want {
		if snap.ByRoute[route] != n {
			t.Errorf("%s: %d requests, want %d", route, snap.ByRoute[route], n)
		}
	}
	if snap.Total != 3 {
		t.Errorf("create made %d requests (%v), want 3", snap.Total, snap.ByRoute)
	}
	var got analysisModel
	resp.State.Get(ctx, &got)
	if got.Source.ValueString() != scriptV1 || got.Version.IsNull() || got.Token.IsNull() {
		t.Errorf("state after create: source %q, version %s, token null %v", got.Source.ValueString(), got.Version, got.Token.IsNull())
	}
}
