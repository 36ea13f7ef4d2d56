package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// serie_number, connector_parse and parse_function are sent, never read back (GET /device/{id}
// does not return them): the state keeps the configured values, import leaves them null, and the
// data source reads the serial number from the device's tokens. rpm is read back like any field.
func TestAccDevice_createOnlyFieldsAndRPM(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	cfg := func(rpm string) string {
		return env.config(`
resource "tagoio_device" "test" {
  name            = "tfacc-lora-node"
  type            = "mutable"
  connector       = %q
  network         = %q
  serie_number    = "70B3D57ED0001234"
  connector_parse = true
  parse_function  = "function parse(p) { return p; }"
  %s
}

data "tagoio_device" "read" {
  id = tagoio_device.test.id
}`, httpsConnectorID, httpNetworkID, rpm)
	}
	limited := cfg(`rpm = { data_input = 120 }`)
	apiRPM := func(s *terraform.State) (string, error) {
		d, err := env.client.Devices.Get(ctx, deviceIDOf(s))
		if err != nil || d.RPM == nil {
			return "null", err
		}
		in, out := "null", "null"
		if d.RPM.DataInput != nil {
			in = fmt.Sprint(*d.RPM.DataInput)
		}
		if d.RPM.DataOutput != nil {
			out = fmt.Sprint(*d.RPM.DataOutput)
		}
		return in + "/" + out, nil
	}
	wantAPIRPM := func(want string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			got, err := apiRPM(s)
			if err != nil {
				return err
			}
			if got != want {
				return fmt.Errorf("API rpm = %s, want %s", got, want)
			}
			return nil
		}
	}
	resource.ParallelTest(t, env.testCheckingGone("tagoio_device", existsByID(env.client.Devices.Get), []resource.TestStep{
		{
			Config: limited,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("serie_number"), knownvalue.StringExact("70B3D57ED0001234")),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("connector_parse"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("parse_function"), knownvalue.StringExact("function parse(p) { return p; }")),
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("rpm"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"data_input": knownvalue.Int64Exact(120), "data_output": knownvalue.Null(),
				})),
				// The data source finds the serial number where the API lists it: on the tokens.
				statecheck.ExpectKnownValue("data.tagoio_device.read", tfjsonpath.New("serie_number"), knownvalue.StringExact("70B3D57ED0001234")),
				statecheck.ExpectKnownValue("data.tagoio_device.read", tfjsonpath.New("rpm").AtMapKey("data_input"), knownvalue.Int64Exact(120)),
			},
			Check: wantAPIRPM("120/null"),
		},
		// Never returned by TagoIO: an import cannot know them (the schema says so).
		importVerifies(deviceAddr, "token", "serie_number", "connector_parse", "parse_function"),
		{
			Config:           cfg(`rpm = { data_output = 30 }`),
			ConfigPlanChecks: plans(deviceAddr, plancheck.ResourceActionUpdate),
			Check:            wantAPIRPM("null/30"),
		},
		{
			Config:           cfg(""),
			ConfigPlanChecks: plans(deviceAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(deviceAddr, tfjsonpath.New("rpm"), knownvalue.Null()),
			},
			Check: wantAPIRPM("null"),
		},
	}))
}
