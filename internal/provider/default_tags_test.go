package provider

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// configWithDefaultTags is config with the provider's default_tags set to defaults (HCL map body).
func (e *accEnv) configWithDefaultTags(defaults, hcl string, args ...any) string {
	return fmt.Sprintf("provider \"tagoio\" {\n  api_url      = %q\n  token        = %q\n  default_tags = %s\n}\n\n", e.apiURL, e.token, defaults) +
		fmt.Sprintf(hcl, args...)
}

func tagList(pairs ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		checks = append(checks, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"key": knownvalue.StringExact(pairs[i]), "value": knownvalue.StringExact(pairs[i+1]),
		}))
	}
	return knownvalue.ListExact(checks)
}

func apiTags(pairs ...string) []client.Tag {
	tags := []client.Tag{}
	for i := 0; i+1 < len(pairs); i += 2 {
		tags = append(tags, client.Tag{Key: pairs[i], Value: pairs[i+1]})
	}
	return tags
}

// deviceTagsAre checks the tags TagoIO has on the state's device.
func (e *accEnv) deviceTagsAre(addr string, want ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		d, err := e.client.Devices.Get(context.Background(), rs.Primary.ID)
		if err != nil {
			return err
		}
		if got := append([]client.Tag{}, d.Tags...); !reflect.DeepEqual(got, apiTags(want...)) {
			return fmt.Errorf("TagoIO has tags %v, want %v", got, apiTags(want...))
		}
		return nil
	}
}

const defaultTagsDeviceHCL = `
resource "tagoio_device" "test" {
  name      = "tfacc-Default tags"
  type      = "mutable"
  connector = %q
  network   = %q
  tags      = [{ key = "env", value = "dev" }, { key = "site", value = "north" }]
}`

// TestAccDefaultTags_device: a resource tag wins over a default tag with the same key; the
// merged list is tags_all; removing a default tag from the provider removes it from the device;
// a default tag removed outside Terraform plans its re-add; tags stays what the resource sets.
func TestAccDefaultTags_device(t *testing.T) {
	e := newAccEnv(t)
	const addr = "tagoio_device.test"
	var deviceID string
	removeOwnerOutOfBand := func() {
		if err := e.client.Devices.Update(context.Background(), deviceID, client.DeviceUpdate{
			Tags: &[]client.Tag{{Key: "env", Value: "dev"}, {Key: "site", Value: "north"}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             e.checkGone("tagoio_device", existsByID(e.client.Devices.Get)),
		Steps: []resource.TestStep{
			{ // override: env = "dev" from the resource wins over the default env = "prod"
				Config: e.configWithDefaultTags(`{ env = "prod", team = "iot" }`, defaultTagsDeviceHCL, httpsConnectorID, httpNetworkID),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("tags_all"), tagList("env", "dev", "site", "north", "team", "iot")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), tagList("env", "dev", "site", "north")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags_all"), tagList("env", "dev", "site", "north", "team", "iot")),
				},
				Check: resource.ComposeTestCheckFunc(e.deviceTagsAre(addr, "env", "dev", "site", "north", "team", "iot"),
					func(s *terraform.State) error { deviceID = s.RootModule().Resources[addr].Primary.ID; return nil }),
			},
			{ // a default tag removed from the provider: removed from the device, in place
				Config: e.configWithDefaultTags(`{ env = "prod" }`, defaultTagsDeviceHCL, httpsConnectorID, httpNetworkID),
				ConfigPlanChecks: plans(addr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("tags_all"), tagList("env", "dev", "site", "north")),
				),
				Check: e.deviceTagsAre(addr, "env", "dev", "site", "north"),
			},
			{ // a default tag added
				Config:           e.configWithDefaultTags(`{ env = "prod", owner = "ops" }`, defaultTagsDeviceHCL, httpsConnectorID, httpNetworkID),
				ConfigPlanChecks: plans(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), tagList("env", "dev", "site", "north")),
				},
				Check: e.deviceTagsAre(addr, "env", "dev", "site", "north", "owner", "ops"),
			},
			{ // drift: the default tag removed outside Terraform is planned back, tags unchanged
				PreConfig: removeOwnerOutOfBand,
				Config:    e.configWithDefaultTags(`{ env = "prod", owner = "ops" }`, defaultTagsDeviceHCL, httpsConnectorID, httpNetworkID),
				ConfigPlanChecks: plans(addr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), tagList("env", "dev", "site", "north")),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("tags_all"), tagList("env", "dev", "site", "north", "owner", "ops")),
				),
				Check: e.deviceTagsAre(addr, "env", "dev", "site", "north", "owner", "ops"),
			},
			{ // default_tags gone: the device keeps only its own tags
				Config:           e.config(defaultTagsDeviceHCL, httpsConnectorID, httpNetworkID),
				ConfigPlanChecks: plans(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags_all"), tagList("env", "dev", "site", "north")),
				},
				Check: e.deviceTagsAre(addr, "env", "dev", "site", "north"),
			},
		},
	})
}

// TestAccDefaultTags_importedDevice: a device made through the API that already carries the
// default tags imports with a plan that only imports: its tags are the ones that are not
// defaults, nothing changes on TagoIO, and the next plan is empty.
func TestAccDefaultTags_importedDevice(t *testing.T) {
	e := newAccEnv(t)
	const addr = "tagoio_device.imported"
	device, err := e.client.Devices.Create(context.Background(), client.DeviceCreate{
		Name: "tfacc-Imported with defaults", Type: "mutable", Connector: httpsConnectorID, Network: httpNetworkID,
		Tags: apiTags("site", "south", "env", "prod"),
	})
	if err != nil {
		t.Fatal(err)
	}
	config := e.configWithDefaultTags(`{ env = "prod" }`, `
import {
  to = tagoio_device.imported
  id = %[1]q
}

resource "tagoio_device" "imported" {
  name      = "tfacc-Imported with defaults"
  type      = "mutable"
  connector = %[2]q
  network   = %[3]q
  tags      = [{ key = "site", value = "south" }]
}`, device.ID, httpsConnectorID, httpNetworkID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           config,
				ConfigPlanChecks: plans(addr, plancheck.ResourceActionNoop),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), tagList("site", "south")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags_all"), tagList("site", "south", "env", "prod")),
				},
				Check: e.deviceTagsAre(addr, "site", "south", "env", "prod"),
			},
		},
	})
}

const defaultTagsEveryResourceHCL = `
resource "tagoio_access_management" "test" {
  name        = "tfacc-Default tags policy"
  targets     = [["analysis"]]
  permissions = [{ effect = "allow", action = ["access"], resource = ["device"] }]
  tags        = [{ key = "env", value = "dev" }]
}

resource "tagoio_action" "test" {
  name    = "tfacc-Default tags action"
  type    = "interval"
  active  = false
  trigger = [{ interval = "5 minutes" }]
  action  = { type = "notification", subject = "Tick", message = "tick" }
  tags    = [{ key = "env", value = "dev" }]
}

resource "tagoio_analysis" "test" {
  name    = "tfacc-Default tags analysis"
  runtime = "node-rt2025"
  tags    = [{ key = "env", value = "dev" }]
}

resource "tagoio_dashboard" "test" {
  label = "tfacc-Default tags dashboard"
  tags  = [{ key = "env", value = "dev" }]
}

resource "tagoio_run_user" "test" {
  name     = "tfacc-Default Tags"
  email    = "tfacc-default-tags@example.com"
  password = "First-Password-1"
  timezone = "UTC"
  tags     = [{ key = "env", value = "dev" }]
}

resource "tagoio_secret" "test" {
  key   = "TFACC_DEFAULT_TAGS"
  value = "first"
  tags  = [{ key = "env", value = "dev" }]
}

resource "tagoio_entity" "test" {
  name   = "tfacc-default_tags"
  fields = {}
  tags   = [{ key = "env", value = "dev" }]
}
`

// TestAccDefaultTags_everyResourceWithTags: every resource with tags (the device above; legacy
// buckets share the same code and are left out so that this test also runs live) merges the
// default tags into tags_all, and removing a default tag updates each of them in place.
func TestAccDefaultTags_everyResourceWithTags(t *testing.T) {
	e := newAccEnv(t)
	addrs := []string{"tagoio_access_management.test", "tagoio_action.test", "tagoio_analysis.test", "tagoio_dashboard.test",
		"tagoio_run_user.test", "tagoio_secret.test", "tagoio_entity.test"}
	stateChecks := func(all knownvalue.Check) []statecheck.StateCheck {
		var checks []statecheck.StateCheck
		for _, addr := range addrs {
			checks = append(checks,
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), tagList("env", "dev")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags_all"), all))
		}
		return checks
	}
	var updates []plancheck.PlanCheck
	for _, addr := range addrs {
		updates = append(updates, plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            e.configWithDefaultTags(`{ env = "prod", team = "iot" }`, defaultTagsEveryResourceHCL),
				ConfigStateChecks: stateChecks(tagList("env", "dev", "team", "iot")),
			},
			{
				Config:            e.configWithDefaultTags(`{ env = "prod" }`, defaultTagsEveryResourceHCL),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: updates},
				ConfigStateChecks: stateChecks(tagList("env", "dev")),
			},
		},
	})
}

func TestTagDefaults_mergeAndSplit(t *testing.T) {
	t.Parallel()
	defaults := tagDefaults(apiTags("env", "prod", "team", "iot"))
	// Own tags first in their order (a repeated key included), then the defaults they leave.
	if got, want := defaults.merge(apiTags("site", "a", "env", "dev", "site", "b")), apiTags("site", "a", "env", "dev", "site", "b", "team", "iot"); !reflect.DeepEqual(got, want) {
		t.Errorf("merge = %v, want %v", got, want)
	}
	if got := tagDefaults(nil).merge(nil); len(got) != 0 {
		t.Errorf("merge of nothing = %v", got)
	}
	for _, tc := range []struct {
		name      string
		api       []client.Tag
		prior     types.List
		wantOwn   []client.Tag
		wantTotal int
	}{
		{"import: tags equal to a default are the default's", apiTags("site", "a", "env", "prod", "team", "iot"), types.ListNull(tagObjectType), apiTags("site", "a"), 3},
		{"a default value changed outside Terraform is the resource's own (plans its removal)", apiTags("team", "other"), types.ListNull(tagObjectType), apiTags("team", "other"), 1},
		{"the resource sets a default tag itself: it stays its own", apiTags("env", "prod"), tagsFromAPI(apiTags("env", "prod")), apiTags("env", "prod"), 1},
		{"a default tag missing on TagoIO leaves own tags as they are", apiTags("env", "dev"), tagsFromAPI(apiTags("env", "dev")), apiTags("env", "dev"), 1},
	} {
		own, all := defaults.split(tc.api, tc.prior)
		if !own.Equal(tagsFromAPI(tc.wantOwn)) {
			t.Errorf("%s: tags = %v, want %v", tc.name, own, tc.wantOwn)
		}
		if !all.Equal(tagsFromAPI(tc.api)) || len(all.Elements()) != tc.wantTotal {
			t.Errorf("%s: tags_all = %v, want what TagoIO has", tc.name, all)
		}
	}
}

// TestAccDefaultTags_invalidConfigFailsAtPlan: an empty default tag key is refused at plan time.
func TestAccDefaultTags_invalidConfigFailsAtPlan(t *testing.T) {
	e := newAccEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      e.configWithDefaultTags(`{ "" = "x" }`, `resource "tagoio_dashboard" "test" { label = "tfacc-x" }`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Invalid Attribute Value[\s\S]*default_tags`),
		}},
	})
}
