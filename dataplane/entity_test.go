package dataplane

import (
	"context"
	"strings"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// Entity records against the emulator: insert, find by an indexed field with order and fields,
// edit, delete, amount; the schema's checks come back as errors.
func TestEntitiesAgainstEmulator(t *testing.T) {
	env := newEmulatorEnv(t)
	ctx := context.Background()
	str, flt, boolean := "string", "float", "boolean"
	yes := true
	id, err := env.c.Entities.Create(ctx, client.EntityCreate{Name: "Orders", Schema: map[string]client.EntityFieldChange{
		"client": {Action: "create", Type: &str, Required: &yes}, "amount": {Action: "create", Type: &flt},
		"paid": {Action: "create", Type: &boolean}},
		Index: map[string]client.EntityIndexChange{"client_idx": {Action: "create", Fields: []string{"client"}}}})
	if err != nil {
		t.Fatal(err)
	}
	ents := NewEntities(env.dp)
	if msg, err := ents.Insert(ctx, id, EntityRecord{"client": "acme", "amount": 10.0}, EntityRecord{"client": "acme", "amount": 2.0},
		EntityRecord{"client": "globex", "amount": 7.0}); err != nil || msg != "3 Data Added" {
		t.Fatalf("insert: %q, %v", msg, err)
	}
	if _, err := ents.Insert(ctx, id, EntityRecord{"amount": 1.0}); err == nil || !strings.Contains(err.Error(), "client") {
		t.Fatalf("a record without its required field must fail naming it: %v", err)
	}
	if _, err := ents.Find(ctx, id, EntityQuery{Filter: map[string]string{"client": "acme"}}); err == nil {
		t.Fatal("a filter without an index must fail before any request")
	}
	acme, err := ents.Find(ctx, id, EntityQuery{Filter: map[string]string{"client": "acme"}, Index: "client_idx", OrderBy: "amount,asc", Fields: []string{"amount"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(acme) != 2 || acme[0]["amount"] != 2.0 || acme[1]["amount"] != 10.0 || acme[0]["client"] != nil {
		t.Fatalf("acme = %v", acme)
	}
	first, _ := acme[0]["id"].(string)
	if _, err := ents.Edit(ctx, id, EntityRecord{"id": first, "paid": true}); err != nil {
		t.Fatal(err)
	}
	paged, err := ents.Find(ctx, id, EntityQuery{Amount: 1, OrderBy: "amount,asc"})
	if err != nil {
		t.Fatal(err)
	}
	if len(paged) != 3 || paged[0]["paid"] != true {
		t.Fatalf("every page, edited record first = %v", paged)
	}
	if msg, err := ents.Delete(ctx, id, first); err != nil || msg != "1 item(s) deleted" {
		t.Fatalf("delete: %q, %v", msg, err)
	}
	if n, err := ents.Amount(ctx, id); err != nil || n != 2 {
		t.Fatalf("amount = %d, %v", n, err)
	}
}
