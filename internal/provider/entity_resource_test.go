package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/dataplane"
	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const entityAddr = "tagoio_entity.test"

func TestAccEntity_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	sameID := statecheck.CompareValue(compare.ValuesSame())
	entities := dataplane.NewEntities(env.dataPlane())
	created := env.config(`
resource "tagoio_entity" "test" {
  name = "tfacc-orders"
  tags = [{ key = "team", value = "sales" }]
  fields = {
    customer   = { type = "string", required = true }
    amount     = { type = "float" }
    quantity   = { type = "int" }
    notes      = { type = "text" }
    paid       = { type = "boolean" }
    extra      = { type = "json" }
    due        = { type = "timestamp" }
    ref        = { type = "uuid" }
  }
  indexes = {
    customer_idx = { fields = ["customer"] }
  }
}`)
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_entity", existsByID(env.client.Entities.Get), []resource.TestStep{
		{
			Config: created,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(entityAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(entityAddr, tfjsonpath.New("fields"), knownvalue.MapSizeExact(8)),
				statecheck.ExpectKnownValue(entityAddr, tfjsonpath.New("fields").AtMapKey("customer").AtMapKey("required"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(entityAddr, tfjsonpath.New("fields").AtMapKey("amount").AtMapKey("required"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(entityAddr, tfjsonpath.New("indexes"), knownvalue.MapSizeExact(1)),
				sameID.AddStateValue(entityAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				id = s.RootModule().Resources[entityAddr].Primary.ID
				e, err := env.client.Entities.Get(ctx, id)
				if err != nil {
					return err
				}
				if e.Schema["due"].Type != "timestamp" || len(e.Schema) != 11 {
					t.Errorf("TagoIO holds schema %v", e.Schema)
				}
				// A record, to prove that the rename below keeps the data.
				_, err = entities.Insert(ctx, id, dataplane.EntityRecord{"customer": "acme", "amount": 12.5})
				return err
			},
		},
		importVerifies(entityAddr),
		{
			// customer renamed to client (data kept), amount now required, notes removed, a field
			// added, the index moved to the renamed field and another added: all in place.
			Config: env.config(`
resource "tagoio_entity" "test" {
  name = "tfacc-orders-2"
  fields = {
    client   = { type = "string", required = true, renamed_from = "customer" }
    amount   = { type = "float", required = true }
    quantity = { type = "int" }
    paid     = { type = "boolean" }
    extra    = { type = "json" }
    due      = { type = "timestamp" }
    ref      = { type = "uuid" }
    region   = { type = "string" }
  }
  indexes = {
    customer_idx = { fields = ["client"] }
    region_idx   = { fields = ["region", "due"] }
  }
}`),
			ConfigPlanChecks: plans(entityAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(entityAddr, tfjsonpath.New("fields").AtMapKey("client").AtMapKey("renamed_from"), knownvalue.StringExact("customer")),
				statecheck.ExpectKnownValue(entityAddr, tfjsonpath.New("fields").AtMapKey("amount").AtMapKey("required"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(entityAddr, tfjsonpath.New("indexes").AtMapKey("region_idx").AtMapKey("fields"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("region"), knownvalue.StringExact("due")})),
				statecheck.ExpectKnownValue(entityAddr, tfjsonpath.New("tags"), knownvalue.ListSizeExact(0)),
				sameID.AddStateValue(entityAddr, tfjsonpath.New("id")),
			},
			Check: func(*terraform.State) error {
				records, err := entities.Find(ctx, id, dataplane.EntityQuery{Filter: map[string]string{"client": "acme"}, Index: "customer_idx"})
				if err != nil {
					return err
				}
				if len(records) != 1 || records[0]["amount"] != 12.5 {
					t.Errorf("the renamed field lost its data: %v", records)
				}
				return nil
			},
		},
		{
			// A field's type cannot change: the plan says so, before any request.
			Config: env.config(`
resource "tagoio_entity" "test" {
  name   = "tfacc-orders-2"
  fields = { client = { type = "text", required = true } }
}`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)cannot change the type of field\s+client`),
		},
	}))
}

func TestAccEntity_outOfBandChanges(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	cfg := env.config(`
resource "tagoio_entity" "test" {
  name   = "tfacc-oob"
  fields = { serial = { type = "string" } }
}`)
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_entity", existsByID(env.client.Entities.Get), []resource.TestStep{
		{Config: cfg, Check: recordID(entityAddr, &id)},
		{
			// A field added in the TagoIO admin: the plan removes it again.
			PreConfig: func() {
				typ := "int"
				if err := env.client.Entities.EditSchema(ctx, id, client.EntitySchemaEdit{Schema: map[string]client.EntityFieldChange{
					"added_by_hand": {Action: "create", Type: &typ}}}); err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg,
			ConfigPlanChecks: plans(entityAddr, plancheck.ResourceActionUpdate),
			Check: apiHolds(recorded(&id), env.client.Entities.Get, func(e *client.Entity) error {
				if _, ok := e.Schema["added_by_hand"]; ok {
					t.Error("the field added outside Terraform is still there")
				}
				return nil
			}),
		},
		recreatedAfterDelete(t, cfg, entityAddr, &id, func() error { return env.client.Entities.Delete(ctx, id) }),
	}))
}

// An entity made through the API, with records, is adopted by an import block: the plan only
// imports, apply changes nothing, the next plan is empty, the data source finds it by name.
func TestAccEntity_importBlockOfAPIObject(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	str, flt := "string", "float"
	yes := true
	id := env.madeID(env.client.Entities.Create(ctx, client.EntityCreate{Name: "tfacc-handmade", Schema: map[string]client.EntityFieldChange{
		"sku": {Action: "create", Type: &str, Required: &yes}, "price": {Action: "create", Type: &flt}},
		Index: map[string]client.EntityIndexChange{"sku_idx": {Action: "create", Fields: []string{"sku"}}}}))
	if _, err := dataplane.NewEntities(env.dataPlane()).Insert(ctx, id, dataplane.EntityRecord{"sku": "A-1", "price": 3.5}); err != nil {
		t.Fatal(err)
	}
	before, err := env.client.Entities.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	cfg := env.config(`
resource "tagoio_entity" "test" {
  name    = "tfacc-handmade"
  fields  = { sku = { type = "string", required = true }, price = { type = "float" } }
  indexes = { sku_idx = { fields = ["sku"] } }
}

data "tagoio_entity" "by_name" {
  name = tagoio_entity.test.name
}`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, ResourceName: entityAddr, ImportStateId: id, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{
				Config:           withImportBlock(cfg, entityAddr, id),
				ConfigPlanChecks: plans(entityAddr, plancheck.ResourceActionNoop),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tagoio_entity.by_name", tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue("data.tagoio_entity.by_name", tfjsonpath.New("fields").AtMapKey("sku").AtMapKey("required"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					after, err := env.client.Entities.Get(ctx, id)
					if err != nil {
						return err
					}
					if after.UpdatedAt != before.UpdatedAt {
						t.Errorf("the import changed the entity on the server (updated_at %s -> %s)", before.UpdatedAt, after.UpdatedAt)
					}
					return nil
				},
			},
			plansNothing(cfg),
		},
	})
}
