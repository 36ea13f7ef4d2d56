package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/dataplane"
	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestRecordsFromAPI(t *testing.T) {
	t.Parallel()
	at := time.Date(2024, 5, 1, 10, 0, 0, 500_000_000, time.UTC)
	list, diags := recordsFromAPI([]dataplane.Record{
		{ID: "6143842f561c4e00199f517b", Variable: "temperature", Value: 21.5, Unit: "°C", Group: "g1", Time: at,
			Location: &dataplane.Location{Lat: -23.5, Lng: -46.6}, Metadata: map[string]any{"b": 1.0, "a": "x"}},
		{ID: "6143842f561c4e00199f517c", Variable: "flag", Value: false, Time: at},
		{Value: 42.0, Time: at}, // the pseudo-record of a count
		{ID: "6143842f561c4e00199f517d", Variable: "empty", Metadata: map[string]any{}},
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	items := list.Elements()
	object := func(v attr.Value) map[string]attr.Value {
		obj, ok := v.(types.Object)
		if !ok {
			t.Fatalf("%s is not an object", v)
		}
		return obj.Attributes()
	}
	get := func(i int, name string) attr.Value { return object(items[i])[name] }
	want := []map[string]attr.Value{
		{"value": types.StringValue("21.5"), "value_type": types.StringValue("number"), "unit": types.StringValue("°C"),
			"group": types.StringValue("g1"), "time": types.StringValue("2024-05-01T10:00:00.500Z"),
			"metadata": types.StringValue(`{"a":"x","b":1}`)},
		{"value": types.StringValue("false"), "value_type": types.StringValue("boolean"), "unit": types.StringNull(), "location": types.ObjectNull(locationAttrTypes)},
		{"id": types.StringNull(), "variable": types.StringNull(), "value": types.StringValue("42"), "value_type": types.StringValue("number")},
		{"value": types.StringNull(), "value_type": types.StringNull(), "time": types.StringNull(), "metadata": types.StringNull()},
	}
	for i, attrs := range want {
		for name, v := range attrs {
			if got := get(i, name); !got.Equal(v) {
				t.Errorf("record %d %s = %s, want %s", i, name, got, v)
			}
		}
	}
	loc := object(get(0, "location"))
	if !loc["lat"].Equal(types.Float64Value(-23.5)) || !loc["lng"].Equal(types.Float64Value(-46.6)) {
		t.Errorf("location = %v", loc)
	}
}

func TestAccDeviceDataDataSource(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	ctx := context.Background()
	created, err := env.client.Devices.Create(ctx, client.DeviceCreate{Name: "tfacc-Data source device", Type: "mutable",
		Connector: httpsConnectorID, Network: httpNetworkID})
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	data, err := dataPlaneFor(env.client.WithToken(created.Token))
	if err != nil {
		t.Fatal(err)
	}
	dev := dataplane.NewDevice(data)
	added, err := dev.Insert(ctx,
		dataplane.Record{Variable: "temperature", Value: 21.5, Unit: "°C", Group: "morning", Time: base,
			Location: &dataplane.Location{Lat: -23.5, Lng: -46.6}, Metadata: map[string]any{"b": 1, "a": "x"}},
		dataplane.Record{Variable: "temperature", Value: 22, Unit: "°C", Group: "noon", Time: base.Add(2 * time.Hour)},
		dataplane.Record{Variable: "status", Value: "ok", Time: base.Add(time.Hour)},
		dataplane.Record{Variable: "flag", Value: true, Time: base.Add(time.Hour)},
	)
	if err != nil || added != 4 {
		t.Fatalf("insert: %d, %v", added, err)
	}
	records := tfjsonpath.New("records")
	config := env.config(`
data "tagoio_device_data" "temperature" {
  device_id = %[1]q
  variables = ["temperature"]
  qty       = 10
}

data "tagoio_device_data" "oldest" {
  device_id  = %[1]q
  variables  = ["temperature"]
  ordination = "ascending"
  qty        = 1
}

data "tagoio_device_data" "status" {
  device_id = %[1]q
  variables = ["status"]
  query     = "last_value"
}

data "tagoio_device_data" "flag" {
  device_id = %[1]q
  variables = ["flag"]
}

data "tagoio_device_data" "noon" {
  device_id = %[1]q
  groups    = ["noon"]
}

data "tagoio_device_data" "window" {
  device_id  = %[1]q
  start_date = "2024-05-01 10:30:00"
  end_date   = "2024-05-01T11:30:00Z"
}

data "tagoio_device_data" "count" {
  device_id  = %[1]q
  variables  = ["temperature"]
  query      = "count"
  start_date = "2024-04-01"
}`, created.ID)
	resource.Test(t, env.test(
		resource.TestStep{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.tagoio_device_data.temperature", records, knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"value": knownvalue.StringExact("22"), "value_type": knownvalue.StringExact("number"),
						"group": knownvalue.StringExact("noon"), "time": knownvalue.StringExact("2024-05-01T12:00:00.000Z"), "location": knownvalue.Null(),
						"metadata": knownvalue.Null()}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"value": knownvalue.StringExact("21.5"), "unit": knownvalue.StringExact("°C")}),
				})),
				statecheck.ExpectKnownValue("data.tagoio_device_data.oldest", records, knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`)), "variable": knownvalue.StringExact("temperature"),
						"value": knownvalue.StringExact("21.5"), "value_type": knownvalue.StringExact("number"), "unit": knownvalue.StringExact("°C"),
						"group": knownvalue.StringExact("morning"), "time": knownvalue.StringExact("2024-05-01T10:00:00.000Z"),
						"location": knownvalue.ObjectExact(map[string]knownvalue.Check{"lat": knownvalue.Float64Exact(-23.5), "lng": knownvalue.Float64Exact(-46.6)}),
						"metadata": knownvalue.StringExact(`{"a":"x","b":1}`),
					}),
				})),
				statecheck.ExpectKnownValue("data.tagoio_device_data.status", records, knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"value": knownvalue.StringExact("ok"), "value_type": knownvalue.StringExact("string")}),
				})),
				statecheck.ExpectKnownValue("data.tagoio_device_data.flag", records, knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"value": knownvalue.StringExact("true"), "value_type": knownvalue.StringExact("boolean")}),
				})),
				statecheck.ExpectKnownValue("data.tagoio_device_data.noon", records, knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"value": knownvalue.StringExact("22")}),
				})),
				statecheck.ExpectKnownValue("data.tagoio_device_data.window", records, knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.tagoio_device_data.count", records, knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"value": knownvalue.StringExact("2"), "value_type": knownvalue.StringExact("number")}),
				})),
			},
		},
		resource.TestStep{
			Config:            config,
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue("data.tagoio_device_data.temperature", records, knownvalue.ListSizeExact(2))},
		},
	))
}

func TestAccDeviceDataDataSource_planErrors(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	const id = "6298fcc3e0b6840012b6abfa"
	cases := map[string]blockCase{
		"qty zero":          {`qty = 0`, `between 1 and 10000`},
		"qty too large":     {`qty = 10001`, `between 1 and 10000`},
		"negative skip":     {`skip = -1`, `at least 0`},
		"ordination":        {`ordination = "asc"`, `(?s)value must be one of:.*"descending"`},
		"unknown query":     {`query = "latest"`, `(?s)value must be one of:.*"last_value"`},
		"bad date":          {`start_date = "yesterday"`, `(?s)start_date must\s+be\s+ISO-8601`},
		"bad interval":      {`interval = "fortnight"`, `(?s)value must be one of:.*"minute"`},
		"avg without start": {`query = "avg"`, `(?s)avg query\s+needs\s+start_date`},
		"aggregate without interval": {`
  query    = "aggregate"
  function = "avg"`, `(?s)aggregate query\s+needs\s+interval,\s+one\s+of\s+minute`},
		"conditional without value": {`
  query      = "conditional"
  start_date = "1 day"
  function   = "gt"`, `(?s)conditional query\s+needs\s+value`},
		"function without its query": {`function = "gt"`, `(?s)function is\s+only\s+used\s+by\s+aggregate`},
		"empty variable list":        {`variables = []`, `at least 1`},
	}
	for name, tc := range cases {
		cases[name] = blockCase{body: fmt.Sprintf("device_id = %q\n  %s", id, tc.body), want: tc.want}
	}
	cases["bad device id"] = blockCase{`device_id = "nope"`, `24 lowercase hexadecimal`}
	env.eachBlockFails(t, `data "tagoio_device_data" "x"`, true, cases)
}
