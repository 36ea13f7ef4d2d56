package provider

import (
	"context"
	"encoding/base64"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const networkAddr = "tagoio_network.test"

func TestAccNetwork_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	sameID := statecheck.CompareValue(compare.ValuesSame())
	full := env.config(`
resource "tagoio_network" "test" {
  name                   = "tfacc-network"
  description            = "LoRaWAN through our own server"
  icon_url               = "https://example.com/icon.png"
  middleware_endpoint    = "mw.example.com"
  payload_decoder        = "payload.push({ variable: 'ok', value: 1 });"
  require_devices_access = true
  serial_number = {
    required = true
    label    = "Device EUI"
    mask     = "xxxxxxxxxxxxxxxx"
    case     = "upper"
  }
  device_parameters = [
    { name = "port", label = "Port", type = "number", default = "8080", group = "main" },
    { name = "mode", type = "dropdown", options = ["a", "b"], default = "a" },
    { name = "on", type = "switch", default = "true" },
  ]
}`)
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_network", existsByID(env.client.Networks.Get), []resource.TestStep{
		{
			Config: full,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(networkAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(networkAddr, tfjsonpath.New("public"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(networkAddr, tfjsonpath.New("serial_number").AtMapKey("label"), knownvalue.StringExact("Device EUI")),
				statecheck.ExpectKnownValue(networkAddr, tfjsonpath.New("device_parameters").AtSliceIndex(0).AtMapKey("default"), knownvalue.StringExact("8080")),
				sameID.AddStateValue(networkAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				id = s.RootModule().Resources[networkAddr].Primary.ID
				n, err := env.client.Networks.Get(ctx, id)
				if err != nil {
					return err
				}
				if n.PayloadDecoder == nil || *n.PayloadDecoder != base64.StdEncoding.EncodeToString([]byte("payload.push({ variable: 'ok', value: 1 });")) {
					t.Errorf("TagoIO holds payload_decoder %v, want the base64 of the source", n.PayloadDecoder)
				}
				if len(n.DeviceParameters) != 3 || string(n.DeviceParameters[0].Default) != "8080" || string(n.DeviceParameters[2].Default) != "true" ||
					string(n.DeviceParameters[1].Default) != `"a"` {
					t.Errorf("TagoIO holds device parameters %+v: a number and a switch default must be typed", n.DeviceParameters)
				}
				if !n.RequireDevicesAccess || n.SerialNumber == nil || !n.SerialNumber.Required {
					t.Errorf("TagoIO holds %+v", n)
				}
				return nil
			},
		},
		{
			ResourceName: networkAddr, ImportState: true, ImportStateVerify: true,
		},
		{
			// The same through an import block: the plan only imports.
			Config: full, ResourceName: networkAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(networkAddr, plancheck.ResourceActionNoop),
			}},
		},
		{
			// Everything optional removed: edited in place, and cleared on the server.
			Config: env.config(`
resource "tagoio_network" "test" {
  name = "tfacc-network-renamed"
}`),
			ConfigPlanChecks: plans(networkAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(networkAddr, tfjsonpath.New("serial_number"), knownvalue.Null()),
				statecheck.ExpectKnownValue(networkAddr, tfjsonpath.New("device_parameters"), knownvalue.Null()),
				sameID.AddStateValue(networkAddr, tfjsonpath.New("id")),
			},
			Check: apiHolds(recorded(&id), env.client.Networks.Get, func(n *client.Network) error {
				if n.Name != "tfacc-network-renamed" || n.PayloadDecoder != nil || n.Description != nil || len(n.DeviceParameters) != 0 ||
					n.RequireDevicesAccess || n.SerialNumber.Required || n.SerialNumber.Label != nil {
					t.Errorf("TagoIO still holds %+v (serial number %+v)", n, n.SerialNumber)
				}
				return nil
			}),
		},
		{
			// Edited in the TagoIO admin: the plan puts it back.
			PreConfig: func() {
				desc := "edited by hand"
				if err := env.client.Networks.Update(ctx, id, client.NetworkUpdate{NetworkSettings: client.NetworkSettings{Description: &desc}}); err != nil {
					t.Fatal(err)
				}
			},
			Config: env.config(`
resource "tagoio_network" "test" {
  name = "tfacc-network-renamed"
}`),
			ConfigPlanChecks: plans(networkAddr, plancheck.ResourceActionUpdate),
		},
		// Deleted in the TagoIO admin: the plan creates it again, without an error.
		recreatedAfterDelete(t, env.config(`
resource "tagoio_network" "test" {
  name = "tfacc-network-renamed"
}`), networkAddr, &id, func() error { return env.client.Networks.Delete(ctx, id) }),
	}))
}
