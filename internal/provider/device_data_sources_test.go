package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestAccDeviceDataSources(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	mk := func(name, deviceType string, tags ...client.Tag) string {
		in := client.DeviceCreate{Name: name, Type: deviceType, Connector: httpsConnectorID, Network: httpNetworkID, Tags: tags}
		if deviceType == "immutable" {
			in.ChunkPeriod, in.ChunkRetention = ptr("month"), ptr(int64(3))
		}
		d, err := env.client.Devices.Create(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return d.ID
	}
	north := mk("tfacc-Sensor north", "mutable", client.Tag{Key: "site", Value: "north"})
	south := mk("tfacc-Sensor south", "immutable", client.Tag{Key: "site", Value: "south"})
	mk("tfacc-Sensor* literal", "mutable")
	mk("tfacc-Pump", "mutable", client.Tag{Key: "site", Value: "north"})
	if _, err := env.client.DeviceTokens.Create(ctx, client.DeviceTokenCreate{Device: north, Name: "extra", Permission: "read"}); err != nil {
		t.Fatal(err)
	}
	if err := env.client.Devices.SaveParams(ctx, south, []client.DeviceParam{{Key: "rate", Value: "5"}}); err != nil {
		t.Fatal(err)
	}
	sameAsSouth := statecheck.CompareValue(compare.ValuesSame())

	resource.ParallelTest(t, env.test(
		resource.TestStep{
			Config: env.config(`
data "tagoio_device" "by_id" { id = %q }
data "tagoio_device" "by_name" { name = "tfacc-Sensor south" }
data "tagoio_devices" "sensors" { name = "tfacc-Sensor*" }
data "tagoio_devices" "north" { tags = [{ key = "site", value = "north" }] }
data "tagoio_devices" "immutable" { type = "immutable" }
data "tagoio_device_tokens" "north" { device_id = %q }
data "tagoio_connector" "https" { name = "Custom HTTPS" }
data "tagoio_network" "http" { id = %q }`, south, north, httpNetworkID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.tagoio_device.by_id", tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Sensor south")),
				statecheck.ExpectKnownValue("data.tagoio_device.by_id", tfjsonpath.New("chunk_period"), knownvalue.StringExact("month")),
				statecheck.ExpectKnownValue("data.tagoio_device.by_id", tfjsonpath.New("configuration_params").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact("5")),
				sameAsSouth.AddStateValue("data.tagoio_device.by_id", tfjsonpath.New("id")),
				sameAsSouth.AddStateValue("data.tagoio_device.by_name", tfjsonpath.New("id")),
				statecheck.ExpectKnownValue("data.tagoio_devices.sensors", tfjsonpath.New("ids"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue("data.tagoio_devices.north", tfjsonpath.New("devices"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("tfacc-Pump")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("tfacc-Sensor north")}),
				})),
				statecheck.ExpectKnownValue("data.tagoio_devices.immutable", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(south)})),
				statecheck.ExpectKnownValue("data.tagoio_device_tokens.north", tfjsonpath.New("tokens"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectSensitiveValue("data.tagoio_device_tokens.north", tfjsonpath.New("tokens").AtSliceIndex(0).AtMapKey("token")),
				statecheck.ExpectKnownValue("data.tagoio_connector.https", tfjsonpath.New("id"), knownvalue.StringExact(httpsConnectorID)),
				statecheck.ExpectKnownValue("data.tagoio_connector.https", tfjsonpath.New("networks"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(httpNetworkID)})),
				statecheck.ExpectKnownValue("data.tagoio_network.http", tfjsonpath.New("name"), knownvalue.StringExact("HTTP")),
			},
		},
	))
}

func TestAccDeviceDataSource_lookupErrors(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := env.client.Devices.Create(ctx, client.DeviceCreate{Name: "tfacc-Twin", Type: "mutable", Connector: httpsConnectorID, Network: httpNetworkID}); err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string]blockCase{
		"ambiguous name": {`name = "tfacc-Twin"`, `2 devices have name "tfacc-Twin"`},
		"no match":       {`name = "Nobody"`, `No device has name "Nobody"`},
		"both id and name": {`
  id   = "6298fcc3e0b6840012b6abfa"
  name = "tfacc-Twin"`, `(?s)only one of.*id.*name|Invalid Attribute Combination`},
		"bad id": {`id = "not-an-id"`, `24 lowercase hexadecimal`},
	}
	env.eachBlockFails(t, "data \"tagoio_device\" \"x\"", false, cases)
}
