package provider

import (
	"context"
	"encoding/base64"
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

const connectorAddr = "tagoio_connector.test"

// A connector on its own network and on TagoIO's HTTP network; a device uses both.
func TestAccConnector_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	sameID := statecheck.CompareValue(compare.ValuesSame())
	cfg := func(connector string) string {
		return env.config(`
resource "tagoio_network" "own" {
  name = "tfacc-connector-network"
}

data "tagoio_network" "http" {
  name = "HTTP"
}

resource "tagoio_connector" "test" {
%s
}

data "tagoio_connector" "by_id" {
  id = tagoio_connector.test.id
}

data "tagoio_network" "own_by_name" {
  name = tagoio_network.own.name
}

resource "tagoio_device" "uses" {
  name      = "tfacc-connector-device"
  type      = "mutable"
  connector = tagoio_connector.test.id
  network   = tagoio_network.own.id
}`, connector)
	}
	full := cfg(`
  name              = "tfacc-connector ✓"
  description       = "Sensors of the plant"
  logo_url          = "https://example.com/logo.png"
  networks          = [tagoio_network.own.id, data.tagoio_network.http.id]
  payload_decoder   = "const x = payload.find(p => p.variable === 'raw');"
  payload_encoder   = "ZW5jb2Rlcg=="
  install_text      = "Plug it in."
  install_end_text  = "Done."
  device_annotation = "Rack 4"
  device_parameters = [{ name = "interval", type = "number", default = "60", group = "main", label = "Interval" }]`)
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_connector", existsByID(env.client.Connectors.Get), []resource.TestStep{
		{
			Config: full,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(connectorAddr, tfjsonpath.New("public"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(connectorAddr, tfjsonpath.New("networks"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue(connectorAddr, tfjsonpath.New("name"), knownvalue.StringExact("tfacc-connector ✓")),
				// The data sources read custom ones too, the decoder as its source.
				statecheck.ExpectKnownValue("data.tagoio_connector.by_id", tfjsonpath.New("payload_decoder"),
					knownvalue.StringExact("const x = payload.find(p => p.variable === 'raw');")),
				statecheck.ExpectKnownValue("data.tagoio_connector.by_id", tfjsonpath.New("device_annotation"), knownvalue.StringExact("Rack 4")),
				statecheck.ExpectKnownValue("data.tagoio_network.own_by_name", tfjsonpath.New("public"), knownvalue.Bool(false)),
				sameID.AddStateValue(connectorAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				id = s.RootModule().Resources[connectorAddr].Primary.ID
				c, err := env.client.Connectors.Get(ctx, id)
				if err != nil {
					return err
				}
				wantDecoder := base64.StdEncoding.EncodeToString([]byte("const x = payload.find(p => p.variable === 'raw');"))
				if c.PayloadDecoder == nil || *c.PayloadDecoder != wantDecoder || len(c.Networks) != 2 ||
					c.Networks[0] != s.RootModule().Resources["tagoio_network.own"].Primary.ID || c.DeviceAnnotation == nil ||
					len(c.DeviceParameters) != 1 || string(c.DeviceParameters[0].Default) != "60" {
					t.Errorf("TagoIO holds %+v", c)
				}
				return nil
			},
		},
		importVerifies(connectorAddr),
		{
			// One network fewer, no decoder, a new name: in place, cleared on the server.
			Config: cfg(`
  name     = "tfacc-connector-renamed"
  networks = [tagoio_network.own.id]`),
			ConfigPlanChecks: plans(connectorAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(connectorAddr, tfjsonpath.New("payload_decoder"), knownvalue.Null()),
				sameID.AddStateValue(connectorAddr, tfjsonpath.New("id")),
			},
			Check: apiHolds(recorded(&id), env.client.Connectors.Get, func(c *client.Connector) error {
				if c.Name != "tfacc-connector-renamed" || c.PayloadDecoder != nil || c.InstallText != nil || len(c.Networks) != 1 ||
					len(c.DeviceParameters) != 0 {
					t.Errorf("TagoIO still holds %+v", c)
				}
				return nil
			}),
		},
		{
			// Networks edited in the TagoIO admin: the plan puts them back.
			PreConfig: func() {
				if err := env.client.Connectors.Update(ctx, id, client.ConnectorUpdate{ConnectorSettings: client.ConnectorSettings{
					Networks: &[]string{}}}); err != nil {
					t.Fatal(err)
				}
			},
			Config: cfg(`
  name     = "tfacc-connector-renamed"
  networks = [tagoio_network.own.id]`),
			ConfigPlanChecks: plans(connectorAddr, plancheck.ResourceActionUpdate),
		},
	}))
}

// Deleted in the TagoIO admin: the plan creates it again, without an error.
func TestAccConnector_outOfBandDelete(t *testing.T) {
	env := newAccEnv(t)
	cfg := env.config(`
resource "tagoio_connector" "test" {
  name = "tfacc-connector-oob"
}`)
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_connector", existsByID(env.client.Connectors.Get), []resource.TestStep{
		{Config: cfg, Check: recordID(connectorAddr, &id)},
		{
			PreConfig: func() {
				if err := env.client.Connectors.Delete(context.Background(), id); err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg,
			ConfigPlanChecks: plans(connectorAddr, plancheck.ResourceActionCreate),
		},
	}))
}
