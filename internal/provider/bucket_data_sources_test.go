package provider

import (
	"context"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestAccBucketDataSources(t *testing.T) {
	env := newAccEnv(t)
	env.requireLegacyBuckets()
	ctx := context.Background()
	device, err := env.client.Devices.Create(ctx, client.DeviceCreate{
		Name: "tfacc-Meter 7", Type: "mutable", Connector: httpsConnectorID, Network: httpNetworkID,
		Tags: []client.Tag{{Key: "site", Value: "north"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	data := []map[string]any{
		{"variable": "temperature", "value": 21.5}, {"variable": "humidity", "value": 40}, {"variable": "temperature", "value": 22},
	}
	if err := env.client.Do(ctx, client.Request{Method: http.MethodPost, Path: "/device/" + device.ID + "/data", Body: data}, nil); err != nil {
		t.Fatal(err)
	}
	hidden := false
	legacyID := env.madeID(env.client.Buckets.Create(ctx, client.BucketCreate{
		Name: "tfacc-Plant archive", Visible: &hidden, Tags: []client.Tag{{Key: "site", Value: "south"}},
	}))
	if _, err := env.client.Buckets.Create(ctx, client.BucketCreate{Name: "tfacc-Plant backup"}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.client.Buckets.Create(ctx, client.BucketCreate{Name: "tfacc-Other"}); err != nil {
		t.Fatal(err)
	}

	resource.ParallelTest(t, env.test(resource.TestStep{
		Config: env.config(`
data "tagoio_bucket" "device" { id = %q }
data "tagoio_bucket" "device_by_name" { name = "tfacc-Meter 7" }
data "tagoio_bucket" "legacy" { id = %q }
data "tagoio_bucket" "legacy_by_name" { name = "tfacc-Plant archive" }
data "tagoio_buckets" "plants" { name = "tfacc-Plant*" }
data "tagoio_buckets" "hidden" { visible = false }
data "tagoio_buckets" "south" { tags = [{ key = "site", value = "south" }] }`, device.ID, legacyID),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.tagoio_bucket.device", tfjsonpath.New("kind"), knownvalue.StringExact("device")),
			statecheck.ExpectKnownValue("data.tagoio_bucket.device", tfjsonpath.New("type"), knownvalue.StringExact("mutable")),
			statecheck.ExpectKnownValue("data.tagoio_bucket.device", tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Meter 7")),
			statecheck.ExpectKnownValue("data.tagoio_bucket.device", tfjsonpath.New("data_amount"), knownvalue.Int64Exact(3)),
			statecheck.ExpectKnownValue("data.tagoio_bucket.device", tfjsonpath.New("variables"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("humidity"), knownvalue.StringExact("temperature"),
			})),
			statecheck.ExpectKnownValue("data.tagoio_bucket.device", tfjsonpath.New("tags").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact("north")),
			statecheck.ExpectKnownValue("data.tagoio_bucket.device_by_name", tfjsonpath.New("id"), knownvalue.StringExact(device.ID)),
			statecheck.ExpectKnownValue("data.tagoio_bucket.legacy", tfjsonpath.New("kind"), knownvalue.StringExact("legacy")),
			statecheck.ExpectKnownValue("data.tagoio_bucket.legacy", tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Plant archive")),
			statecheck.ExpectKnownValue("data.tagoio_bucket.legacy", tfjsonpath.New("visible"), knownvalue.Bool(false)),
			statecheck.ExpectKnownValue("data.tagoio_bucket.legacy", tfjsonpath.New("variables"), knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownValue("data.tagoio_bucket.legacy", tfjsonpath.New("data_amount"), knownvalue.Int64Exact(0)),
			statecheck.ExpectKnownValue("data.tagoio_bucket.legacy_by_name", tfjsonpath.New("id"), knownvalue.StringExact(legacyID)),
			statecheck.ExpectKnownValue("data.tagoio_buckets.plants", tfjsonpath.New("buckets"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("tfacc-Plant archive")}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("tfacc-Plant backup")}),
			})),
			statecheck.ExpectKnownValue("data.tagoio_buckets.hidden", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(legacyID)})),
			statecheck.ExpectKnownValue("data.tagoio_buckets.south", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(legacyID)})),
		},
	}))
}

func TestAccBucketDataSource_lookupErrors(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.requireLegacyBuckets()
	cases := map[string]blockCase{
		"unknown id":       {`id = "6298fcc3e0b6840012b6abfa"`, `No bucket has id "6298fcc3e0b6840012b6abfa"`},
		"unknown name":     {`name = "Nothing"`, `No bucket has name "Nothing"`},
		"both id and name": {"id = \"6298fcc3e0b6840012b6abfa\"\n name = \"x\"", `Invalid Attribute Combination`},
		"bad id":           {`id = "x"`, `24 lowercase hexadecimal`},
	}
	env.eachBlockFails(t, "data \"tagoio_bucket\" \"x\"", false, cases)
}
