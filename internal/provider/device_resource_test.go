package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

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
)

const deviceAddr = "tagoio_device.test"

func TestAccDevice_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	differentID := statecheck.CompareValue(compare.ValuesDiffer())

	created := env.config(`
resource "tagoio_device" "test" {
  name        = "tfacc-Boiler room"
  type        = "mutable"
  connector   = %q
  network     = %q
  description = "Gas boiler"
  serie_number = "AB87392C17CA"
  payload_decoder = "function decode(p) { return p; }"
  tags = [
    { key = "site", value = "north" },
    { key = "floor", value = "2" },
    { key = "site", value = "backup" },
  ]
  configuration_params = [
    { key = "interval", value = "60" },
    { key = "unit", value = "celsius" },
  ]
}`, httpsConnectorID, httpNetworkID)

	updated := env.config(`
resource "tagoio_device" "test" {
  name    = "tfacc-Boiler room (east)"
  type    = "mutable"
  connector = %q
  network   = %q
  active  = false
  tags    = [{ key = "site", value = "east" }]
  configuration_params = [
    { key = "interval", value = "30" },
  ]
}`, httpsConnectorID, httpNetworkID)

	replaced := env.config(`
resource "tagoio_device" "test" {
  name    = "tfacc-Boiler room (east)"
  type    = "immutable"
  connector = %q
  network   = %q
  active  = false
  chunk_period    = "month"
  chunk_retention = 12
  tags    = [{ key = "site", value = "east" }]
  configuration_params = [
    { key = "interval", value = "30" },
  ]
}`, httpsConnectorID, httpNetworkID)

	resource.ParallelTest(t, env.testCheckingGone("tagoio_device", existsByID(env.client.Devices.Get), []resource.TestStep{
		{
			Config: created,
			ConfigPlanChecks: plans(deviceAddr, plancheck.ResourceActionCreate,
				plancheck.ExpectUnknownValue(deviceAddr, tfjsonpath.New("token")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("token"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("description"), knownvalue.StringExact("Gas boiler")),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("payload_decoder"), knownvalue.StringExact("function decode(p) { return p; }")),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact("site"), "value": knownvalue.StringExact("north")}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact("floor"), "value": knownvalue.StringExact("2")}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact("site"), "value": knownvalue.StringExact("backup")}),
				})),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("configuration_params").AtSliceIndex(1).AtMapKey("sent"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				sameID.AddStateValue(deviceAddr, tfjsonpath.New("id")),
				differentID.AddStateValue(deviceAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				// The provider must not only record the tags: the API must hold them.
				d, err := env.client.Devices.Get(context.Background(), deviceIDOf(s))
				if err != nil {
					return err
				}
				if len(d.Tags) != 3 || d.Tags[2].Value != "backup" {
					t.Errorf("API tags = %+v", d.Tags)
				}
				return nil
			},
		},
		// The default token is only known at creation; TagoIO never returns serie_number.
		importVerifies(deviceAddr, "token", "serie_number"),
		{
			Config:           updated,
			ConfigPlanChecks: plans(deviceAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Boiler room (east)")),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("description"), knownvalue.Null()),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("serie_number"), knownvalue.Null()),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("payload_decoder"), knownvalue.Null()),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("tags"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("configuration_params"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"key": knownvalue.StringExact("interval"), "value": knownvalue.StringExact("30"), "sent": knownvalue.Bool(false),
					}),
				})),
				statecheck.ExpectSensitiveValue(deviceAddr, tfjsonpath.New("token")),
				sameID.AddStateValue(deviceAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				params, err := env.client.Devices.ListParams(context.Background(), deviceIDOf(s))
				if err != nil {
					return err
				}
				if len(params) != 1 || params[0].Value != "30" {
					t.Errorf("API params = %+v, want only interval=30", params)
				}
				return nil
			},
		},
		{
			Config:           replaced,
			ConfigPlanChecks: plans(deviceAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("type"), knownvalue.StringExact("immutable")),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("chunk_retention"), knownvalue.Int64Exact(12)),
				differentID.AddStateValue(deviceAddr, tfjsonpath.New("id")),
			},
		},
		{
			Config:           strings.Replace(replaced, "chunk_retention = 12", "chunk_retention = 24", 1),
			ConfigPlanChecks: plans(deviceAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("chunk_retention"), knownvalue.Int64Exact(24)),
			},
		},
	}))
}

func TestAccDevice_outOfBandChanges(t *testing.T) {
	env := newAccEnv(t)
	cfg := env.config(`
resource "tagoio_device" "test" {
  name      = "tfacc-Pump"
  type      = "mutable"
  connector = %q
  network   = %q
  tags      = [{ key = "site", value = "north" }]
  configuration_params = [{ key = "mode", value = "auto" }]
}`, httpsConnectorID, httpNetworkID)
	var id string
	ctx := context.Background()
	resource.ParallelTest(t, env.testCheckingGone("tagoio_device", existsByID(env.client.Devices.Get), []resource.TestStep{
		{Config: cfg, Check: recordID(deviceAddr, &id)},
		{
			// Edited in the TagoIO admin: the plan shows the update back to the configuration.
			PreConfig: func() {
				name, tags := "Pump (renamed by hand)", []client.Tag{{Key: "owner", Value: "ops"}}
				if err := env.client.Devices.Update(ctx, id, client.DeviceUpdate{Name: &name, Tags: &tags}); err != nil {
					t.Fatal(err)
				}
				params, err := env.client.Devices.ListParams(ctx, id)
				if err != nil || len(params) != 1 {
					t.Fatalf("params %v: %v", params, err)
				}
				params[0].Value = "manual"
				if err := env.client.Devices.SaveParams(ctx, id, params); err != nil {
					t.Fatal(err)
				}
			},
			Config: cfg,
			ConfigPlanChecks: plans(deviceAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Pump")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("configuration_params").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact("auto")),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("tags").AtSliceIndex(0).AtMapKey("key"), knownvalue.StringExact("site")),
			},
		},
		// Deleted in the TagoIO admin: the plan creates it again, without an error.
		recreatedAfterDelete(t, cfg, deviceAddr, &id, func() error { return env.client.Devices.Delete(ctx, id) }),
	}))
}

// A device tagged by another client (repeated keys, its own order) imports with an empty plan.
func TestAccDevice_importForeignDevice(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	ctx := context.Background()
	created, err := env.client.Devices.Create(ctx, client.DeviceCreate{
		Name: "tfacc-Made by hand", Type: "immutable", Connector: httpsConnectorID, Network: httpNetworkID,
		ChunkPeriod: ptr("week"), ChunkRetention: ptr(int64(4)),
		Tags:                []client.Tag{{Key: "zone", Value: "b"}, {Key: "alpha", Value: "1"}, {Key: "zone", Value: "a"}},
		ConfigurationParams: []client.DeviceParam{{Key: "k", Value: "v"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := withImportBlock(env.config(`
resource "tagoio_device" "test" {
  name            = "tfacc-Made by hand"
  type            = "immutable"
  connector       = %q
  network         = %q
  chunk_period    = "week"
  chunk_retention = 4
  tags = [
    { key = "zone", value = "b" },
    { key = "alpha", value = "1" },
    { key = "zone", value = "a" },
  ]
  configuration_params = [{ key = "k", value = "v" }]
}`, httpsConnectorID, httpNetworkID), deviceAddr, created.ID)
	resource.Test(t, env.test(
		resource.TestStep{
			Config:           cfg,
			ConfigPlanChecks: plans(deviceAddr, plancheck.ResourceActionNoop),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("token"), knownvalue.Null()),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("tags").AtSliceIndex(2).AtMapKey("value"), knownvalue.StringExact("a")),
			},
		},
	))
}

func TestAccDevice_invalidConfigFailsAtPlan(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	cases := map[string]blockCase{
		"bad type":             {`type = "volatile"`, `value must be one of`},
		"missing chunk period": {`type = "immutable"`, `needs chunk_period`},
		"retention too long":   {"type = \"immutable\"\n chunk_period = \"week\"\n chunk_retention = 27", `between 0 and 26`},
		"chunk on mutable":     {"type = \"mutable\"\n chunk_period = \"day\"", `applies only to immutable and hybrid`},
		"hybrid without regex": {"type = \"hybrid\"\n chunk_period = \"day\"\n chunk_retention = 1", `needs mutable_variable_regex`},
		"empty description":    {"type = \"mutable\"\n description = \"\"", `description string length must be at least 1`},
	}
	tooManyTags := make([]string, 31)
	for i := range tooManyTags {
		tooManyTags[i] = `{ key = "k", value = "v" }`
	}
	cases["too many tags"] = blockCase{"type = \"mutable\"\n  tags = [" + strings.Join(tooManyTags, ",") + "]", `(?s)tags.*at most 30`}
	for name, tc := range cases {
		cases[name] = blockCase{body: fmt.Sprintf("name      = \"tfacc-x\"\n  connector = %q\n  network   = %q\n  %s", httpsConnectorID, httpNetworkID, tc.body), want: tc.want}
	}
	env.eachBlockFails(t, `resource "tagoio_device" "test"`, true, cases)
}

// The replacement warning is checked at the Go level: terraform-plugin-testing cannot see warnings.
func TestDeviceModifyPlan_warnsThatReplacementDeletesData(t *testing.T) {
	t.Parallel()
	env := newEmulatorEnv(t)
	ctx := context.Background()
	created, err := env.client.Devices.Create(ctx, client.DeviceCreate{
		Name: "tfacc-Has data", Type: "mutable", Connector: httpsConnectorID, Network: httpNetworkID,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := &deviceResource{client: env.client}
	var schemaResp fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &schemaResp)

	model := func(deviceType string, chunked bool) deviceModel {
		m := deviceModel{
			deviceFields: deviceFields{
				ID: types.StringValue(created.ID), Name: types.StringValue("tfacc-Has data"), Type: types.StringValue(deviceType),
				Connector: types.StringValue(httpsConnectorID), Network: types.StringValue(httpNetworkID),
				Active: types.BoolValue(true), Visible: types.BoolValue(true), Tags: tagsFromAPI(nil),
				RPM: types.ObjectNull(deviceRPMAttrTypes),
			},
			TagsAll:             tagsFromAPI(nil),
			ConnectorParse:      types.BoolValue(false),
			ConfigurationParams: types.ListNull(types.ObjectType{AttrTypes: deviceParamAttrTypes}),
			Token:               types.StringNull(),
			Timeouts:            timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)},
		}
		if chunked {
			m.ChunkPeriod, m.ChunkRetention = types.StringValue("day"), types.Int64Value(1)
		}
		return m
	}
	toRaw := func(m deviceModel) tftypes.Value {
		state := tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil)}
		if diags := state.Set(ctx, &m); diags.HasError() {
			t.Fatal(diags)
		}
		return state.Raw
	}
	plan := func(m deviceModel) (*fwresource.ModifyPlanResponse, fwresource.ModifyPlanRequest) {
		req := fwresource.ModifyPlanRequest{
			State: tfsdk.State{Schema: schemaResp.Schema, Raw: toRaw(model("mutable", false))},
			Plan:  tfsdk.Plan{Schema: schemaResp.Schema, Raw: toRaw(m)},
		}
		return &fwresource.ModifyPlanResponse{Plan: req.Plan}, req
	}

	resp, req := plan(model("immutable", true))
	r.ModifyPlan(ctx, req, resp)
	warnings := resp.Diagnostics.Warnings()
	if len(warnings) != 1 {
		t.Fatalf("warnings = %v, want one", resp.Diagnostics)
	}
	detail := warnings[0].Detail()
	for _, want := range []string{"type, chunk_period", created.ID, "its 0 data records", "deletes"} {
		if !strings.Contains(detail, want) {
			t.Errorf("warning %q does not mention %q", detail, want)
		}
	}

	// An in-place change warns about nothing.
	renamed := model("mutable", false)
	renamed.Name = types.StringValue("Renamed")
	resp, req = plan(renamed)
	r.ModifyPlan(ctx, req, resp)
	if len(resp.Diagnostics) != 0 {
		t.Errorf("in-place rename produced diagnostics: %v", resp.Diagnostics)
	}
}

func ptr[T any](v T) *T { return &v }
