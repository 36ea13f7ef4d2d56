package provider

import (
	"context"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const accessAddr = "tagoio_access_management.test"

func permissionCheck(effect string, actions []string, resource ...string) knownvalue.Check {
	actionChecks := make([]knownvalue.Check, 0, len(actions))
	for _, a := range actions {
		actionChecks = append(actionChecks, knownvalue.StringExact(a))
	}
	resourceChecks := make([]knownvalue.Check, 0, len(resource))
	for _, r := range resource {
		resourceChecks = append(resourceChecks, knownvalue.StringExact(r))
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"effect":   knownvalue.StringExact(effect),
		"action":   knownvalue.SetExact(actionChecks),
		"resource": knownvalue.ListExact(resourceChecks),
	})
}

// The configuration lists deny before allow, the API answers allow before deny: no plan ever
// shows that difference, and reordering the configuration plans nothing either.
func TestAccAccessManagement_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	const analysisID = "6299f0b1c72f2f00181d8b3c"

	created := env.config(`
resource "tagoio_access_management" "test" {
  name = "tfacc-Sensors for operators"
  targets = [
    ["run_user", "tag_match", "company"],
    ["analysis", "id", %q],
  ]
  permissions = [
    {
      effect   = "deny"
      action   = ["delete", "edit"]
      resource = ["device", "tag.key", "type", "tag.value", "gateway"]
    },
    {
      effect   = "allow"
      action   = ["get_data", "access"]
      resource = ["device", "tag.key", "type", "tag.value", "sensor"]
    },
    {
      effect   = "allow"
      action   = ["access"]
      resource = ["dashboard"]
    },
  ]
  tags = [{ key = "team", value = "ops" }]
}`, analysisID)

	// The same rules, allow first and actions in another order: nothing to change.
	reordered := env.config(`
resource "tagoio_access_management" "test" {
  name = "tfacc-Sensors for operators"
  targets = [
    ["run_user", "tag_match", "company"],
    ["analysis", "id", %q],
  ]
  permissions = [
    {
      effect   = "allow"
      action   = ["access"]
      resource = ["dashboard"]
    },
    {
      effect   = "allow"
      action   = ["access", "get_data"]
      resource = ["device", "tag.key", "type", "tag.value", "sensor"]
    },
    {
      effect   = "deny"
      action   = ["edit", "delete"]
      resource = ["device", "tag.key", "type", "tag.value", "gateway"]
    },
  ]
  tags = [{ key = "team", value = "ops" }]
}`, analysisID)

	updated := env.config(`
resource "tagoio_access_management" "test" {
  name    = "tfacc-Sensors for viewers"
  active  = false
  targets = [["run_user"]]
  permissions = [
    {
      effect   = "deny"
      action   = ["send_data"]
      resource = ["device"]
    },
    {
      effect   = "allow"
      action   = ["access", "arrangement"]
      resource = ["dashboard", "id", %q]
    },
  ]
}`, analysisID)

	resource.ParallelTest(t, env.testCheckingGone("tagoio_access_management", existsByID(env.client.AccessManagement.Get), []resource.TestStep{
		{
			Config:           created,
			ConfigPlanChecks: plans(accessAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accessAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(accessAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(accessAddr, tfjsonpath.New("targets"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("run_user"), knownvalue.StringExact("tag_match"), knownvalue.StringExact("company")}),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("analysis"), knownvalue.StringExact("id"), knownvalue.StringExact(analysisID)}),
				})),
				statecheck.ExpectKnownValue(accessAddr, tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
					permissionCheck("deny", []string{"delete", "edit"}, "device", "tag.key", "type", "tag.value", "gateway"),
					permissionCheck("allow", []string{"access", "get_data"}, "device", "tag.key", "type", "tag.value", "sensor"),
					permissionCheck("allow", []string{"access"}, "dashboard"),
				})),
				statecheck.ExpectKnownValue(accessAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				sameID.AddStateValue(accessAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				// The API holds all three rules, and answers them allow before deny.
				p, err := env.client.AccessManagement.Get(context.Background(), idOf(s, accessAddr))
				if err != nil {
					return err
				}
				effects := make([]string, 0, len(p.Permissions))
				for _, perm := range p.Permissions {
					effects = append(effects, perm.Effect)
				}
				if !reflect.DeepEqual(effects, []string{"allow", "allow", "deny"}) || len(p.Targets) != 2 || p.Tags[0].Value != "ops" {
					t.Errorf("API policy = %+v", p)
				}
				return nil
			},
		},
		plansNothing(reordered),
		importVerifies(accessAddr),
		{
			Config:           updated,
			ConfigPlanChecks: plans(accessAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accessAddr, tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Sensors for viewers")),
				statecheck.ExpectKnownValue(accessAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(accessAddr, tfjsonpath.New("tags"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(accessAddr, tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
					permissionCheck("deny", []string{"send_data"}, "device"),
					permissionCheck("allow", []string{"access", "arrangement"}, "dashboard", "id", analysisID),
				})),
				sameID.AddStateValue(accessAddr, tfjsonpath.New("id")),
			},
			Check: apiHolds(idInState(accessAddr), env.client.AccessManagement.Get, func(p *client.AccessPolicy) error {
				if p.Active || len(p.Permissions) != 2 || !reflect.DeepEqual(p.Targets, [][]string{{"run_user"}}) {
					t.Errorf("API policy = %+v", p)
				}
				return nil
			}),
		},
	}))
}

func TestAccAccessManagement_outOfBandChanges(t *testing.T) {
	env := newAccEnv(t)
	cfg := env.config(`
resource "tagoio_access_management" "test" {
  name    = "tfacc-Analyses read devices"
  targets = [["analysis"]]
  permissions = [{
    effect   = "allow"
    action   = ["access", "get_data"]
    resource = ["device"]
  }]
}`)
	var id string
	ctx := context.Background()
	resource.ParallelTest(t, env.testCheckingGone("tagoio_access_management", existsByID(env.client.AccessManagement.Get), []resource.TestStep{
		{Config: cfg, Check: recordID(accessAddr, &id)},
		{
			// Edited in the TagoIO admin: the plan shows the update back to the configuration.
			PreConfig: func() {
				perms := []client.AccessPermission{{Effect: "allow", Action: []string{"access", "get_data", "send_data"}, Resource: []string{"device"}}}
				if err := env.client.AccessManagement.Update(ctx, id, client.AccessPolicyUpdate{Permissions: &perms}); err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg,
			ConfigPlanChecks: plans(accessAddr, plancheck.ResourceActionUpdate),
			Check: apiHolds(recorded(&id), env.client.AccessManagement.Get, func(p *client.AccessPolicy) error {
				if got := slices.Sorted(slices.Values(p.Permissions[0].Action)); !reflect.DeepEqual(got, []string{"access", "get_data"}) {
					t.Errorf("the update did not reach the API: %+v", p.Permissions)
				}
				return nil
			}),
		},
		// Deleted in the TagoIO admin: the plan creates it again, without an error.
		recreatedAfterDelete(t, cfg, accessAddr, &id, func() error { return env.client.AccessManagement.Delete(ctx, id) }),
	}))
}

func TestAccAccessManagement_invalidConfigFailsAtPlan(t *testing.T) {
	env := newAccEnv(t)
	permission := func(effect, actions, resource string) string {
		return "[{\n effect = " + effect + "\n action = " + actions + "\n resource = " + resource + "\n }]"
	}
	good := permission(`"allow"`, `["access"]`, `["device"]`)
	cases := map[string]struct{ targets, permissions, want string }{
		"unknown target kind": {`[["device"]]`, good, `(?s)targets.*must start with one of run_user, analysis`},
		"target form":         {`[["run_user", "name", "x"]]`, good, `(?s)must have one of the forms`},
		"target id":           {`[["analysis", "id", "not-an-id"]]`, good, `id that is not a TagoIO ID`},
		"target path":         {`[["run_user", "path", "/x"]]`, good, `must have one of the forms`},
		"target too long":     {`[["run_user", "tag.key", "a", "tag.value", "b", "c"]]`, good, `must have one of the forms`},
		"no targets":          {`[]`, good, `(?s)targets.*at least 1`},
		"bad effect":          {`[["run_user"]]`, permission(`"denied"`, `["access"]`, `["device"]`), `(?s)effect.*value must be one of`},
		"unknown resource":    {`[["run_user"]]`, permission(`"allow"`, `["access"]`, `["gadget"]`), `(?s)must start with one of access_management, account,`},
		"unknown action": {`[["run_user"]]`, permission(`"allow"`, `["access", "fly"]`, `["device"]`),
			`(?s)Action "fly" does not exist for resource\s+"device".*get_data.*import_data`},
		"action of another resource": {`[["run_user"]]`, permission(`"allow"`, `["arrangement"]`, `["device"]`), `Action "arrangement" does not exist`},
		"no actions":                 {`[["run_user"]]`, permission(`"allow"`, `[]`, `["device"]`), `(?s)action.*at least 1`},
		"path on a device":           {`[["run_user"]]`, permission(`"allow"`, `["access"]`, `["device", "path", "/x"]`), `must have one of the forms`},
	}
	failures := make(map[string]planFailure, len(cases))
	for name, tc := range cases {
		failures[name] = planFailure{config: env.config(`
resource "tagoio_access_management" "test" {
  name        = "tfacc-x"
  targets     = %s
  permissions = %s
}`, tc.targets, tc.permissions), want: tc.want}
	}
	env.eachFails(t, true, failures)
}

// The validators at the Go level, for the shapes the acceptance test does not spell out.
func TestAccessTupleValidator(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	resourceTuple := accessTupleValidator{what: "resource", kinds: accessResources(), pathKind: "file"}
	targetTuple := accessTupleValidator{what: "target", kinds: accessTargetKinds}
	cases := []struct {
		v     accessTupleValidator
		tuple []string
		want  string // "" when valid
	}{
		{targetTuple, []string{"run_user"}, ""},
		{targetTuple, []string{"analysis", "tag.key", "k", "tag.value", "v"}, ""},
		{targetTuple, []string{"analysis", "tag.key", "k", "tag.val", "v"}, "forms"},
		{targetTuple, []string{"analysis", "id"}, "forms"},
		{targetTuple, []string{}, "must not be empty"},
		{resourceTuple, []string{"file", "path", "/reports/"}, ""},
		{resourceTuple, []string{"device", "id", "6299f0b1c72f2f00181d8b3c"}, ""},
		{resourceTuple, []string{"device", "tag_match", "site"}, ""},
		{resourceTuple, []string{"run_user"}, ""},
	}
	for _, tc := range cases {
		elems := make([]attr.Value, 0, len(tc.tuple))
		for _, s := range tc.tuple {
			elems = append(elems, types.StringValue(s))
		}
		resp := &validator.ListResponse{}
		tc.v.ValidateList(ctx, validator.ListRequest{Path: path.Root("x"), ConfigValue: types.ListValueMust(types.StringType, elems)}, resp)
		switch {
		case tc.want == "" && resp.Diagnostics.HasError():
			t.Errorf("%v: unexpected error %v", tc.tuple, resp.Diagnostics)
		case tc.want != "" && (!resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), tc.want)):
			t.Errorf("%v: diagnostics %v, want one containing %q", tc.tuple, resp.Diagnostics, tc.want)
		}
	}
	// An element unknown at plan time is checked later, not refused.
	resp := &validator.ListResponse{}
	unknown := types.ListValueMust(types.StringType, []attr.Value{types.StringValue("analysis"), types.StringValue("id"), types.StringUnknown()})
	targetTuple.ValidateList(ctx, validator.ListRequest{Path: path.Root("x"), ConfigValue: unknown}, resp)
	if resp.Diagnostics.HasError() {
		t.Errorf("an unknown id was refused: %v", resp.Diagnostics)
	}
}

// The API's order (allow before deny, actions in any order) maps to the same set as the
// configuration's, and what is sent is allow before deny.
func TestAccessPolicy_permissionsIgnoreOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var fromConfig, fromAPI accessPolicyModel
	fromConfig.accessPolicyFields.fromAPI(&client.AccessPolicy{Permissions: []client.AccessPermission{
		{Effect: "deny", Action: []string{"edit", "delete"}, Resource: []string{"device"}},
		{Effect: "allow", Action: []string{"access"}, Resource: []string{"dashboard"}},
	}})
	fromAPI.accessPolicyFields.fromAPI(&client.AccessPolicy{Permissions: []client.AccessPermission{
		{Effect: "allow", Action: []string{"access", "access"}, Resource: []string{"dashboard"}},
		{Effect: "deny", Action: []string{"delete", "edit"}, Resource: []string{"device"}},
		{Effect: "deny", Action: []string{"edit", "delete"}, Resource: []string{"device"}}, // a duplicate written elsewhere
	}})
	if !fromConfig.Permissions.Equal(fromAPI.Permissions) {
		t.Errorf("permissions differ:\n%v\n%v", fromConfig.Permissions, fromAPI.Permissions)
	}
	var diags = fromConfig.Permissions.ElementsAs(ctx, &[]accessPermissionModel{}, false)
	if diags.HasError() {
		t.Fatal(diags)
	}
	sent := fromConfig.permissionsToAPI(ctx, &diags)
	if len(sent) != 2 || sent[0].Effect != "allow" || sent[1].Effect != "deny" {
		t.Errorf("sent %+v, want allow before deny", sent)
	}
}
