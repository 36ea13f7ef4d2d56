package emulator

import "testing"

func TestEntityLifecycle(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	var made struct {
		ID string `json:"id"`
	}
	req(t, e, "POST", "/entity", tok, map[string]any{
		"name": "Orders",
		"schema": map[string]any{
			"amount":   map[string]any{"type": "float", "required": true},
			"customer": map[string]any{"action": "create", "type": "string"},
		},
		"index": map[string]any{"customer_idx": map[string]any{"fields": []string{"customer"}}},
		"tags":  []map[string]string{{"key": "team", "value": "sales"}},
	}).ok(t, 200, &made)
	id := made.ID
	info := getMap(t, e, "/entity/"+id)
	schema := as[map[string]any](t, info["schema"])
	if len(schema) != 5 || as[map[string]any](t, schema["amount"])["required"] != true || as[map[string]any](t, schema["id"])["type"] != "uuid" {
		t.Fatalf("schema = %v", schema)
	}
	if idx := as[map[string]any](t, info["index"]); len(idx) != 4 || idx["customer_idx"] == nil {
		t.Fatalf("index = %v", idx)
	}

	// Field by field: rename, update required, create, delete; an index follows a rename.
	req(t, e, "PUT", "/entity/"+id+"/schema", tok, map[string]any{"schema": map[string]any{
		"customer": map[string]any{"action": "rename", "new_name": "client"},
		"amount":   map[string]any{"action": "update", "required": false},
		"paid":     map[string]any{"action": "create", "type": "boolean", "required": false},
	}}).ok(t, 200, nil)
	info = getMap(t, e, "/entity/"+id)
	schema = as[map[string]any](t, info["schema"])
	if schema["customer"] != nil || schema["client"] == nil || as[map[string]any](t, schema["amount"])["required"] != false || schema["paid"] == nil {
		t.Fatalf("schema after edits = %v", schema)
	}
	if f := as[map[string]any](t, as[map[string]any](t, info["index"])["customer_idx"])["fields"]; as[[]any](t, f)[0] != "client" {
		t.Fatalf("the index does not follow the rename: %v", f)
	}
	// Refused changes change nothing.
	req(t, e, "PUT", "/entity/"+id+"/schema", tok, map[string]any{"schema": map[string]any{"client": map[string]any{"action": "delete"}}}).fail(t, 400, "customer_idx")
	req(t, e, "PUT", "/entity/"+id+"/schema", tok, map[string]any{"schema": map[string]any{"x": map[string]any{"type": "decimal"}}}).fail(t, 400, "type")
	req(t, e, "PUT", "/entity/"+id+"/schema", tok, map[string]any{"schema": map[string]any{"id": map[string]any{"action": "delete"}}}).fail(t, 400, "built-in")

	// Data: insert, find by an indexed field, edit, delete.
	req(t, e, "POST", "/entity/"+id+"/data", tok, []map[string]any{{"amount": 10.5, "client": "acme"}, {"amount": 3, "client": "globex"}}).ok(t, 200, nil)
	req(t, e, "POST", "/entity/"+id+"/data", tok, map[string]any{"amount": "ten"}).fail(t, 400, "amount")
	req(t, e, "POST", "/entity/"+id+"/data", tok, map[string]any{"nope": 1}).fail(t, 400, "nope")
	found := getList(t, e, "/entity/"+id+"/data?filter[client]=acme&index=customer_idx")
	if len(found) != 1 || found[0]["amount"] != 10.5 || found[0]["paid"] != nil {
		t.Fatalf("found = %v", found)
	}
	req(t, e, "GET", "/entity/"+id+"/data?filter[client]=acme", tok, nil).fail(t, 400, "index")
	rid := as[string](t, found[0]["id"])
	req(t, e, "PUT", "/entity/"+id+"/data", tok, map[string]any{"id": rid, "paid": true}).ok(t, 200, nil)
	ordered := getList(t, e, "/entity/"+id+"/data?orderBy=amount,asc")
	if len(ordered) != 2 || ordered[0]["client"] != "globex" || ordered[1]["paid"] != true {
		t.Fatalf("ordered = %v", ordered)
	}
	req(t, e, "DELETE", "/entity/"+id+"/data", tok, map[string]any{"ids": []string{rid}}).ok(t, 200, nil)
	var amount int
	req(t, e, "GET", "/entity/"+id+"/data_amount", tok, nil).ok(t, 200, &amount)
	if amount != 1 {
		t.Fatalf("amount = %d", amount)
	}
	req(t, e, "PUT", "/entity/"+id, tok, map[string]any{"name": "Orders 2", "tags": []any{}}).ok(t, 200, nil)
	if l := getList(t, e, "/entity?filter[name]=Orders*&fields=id,name,tags"); len(l) != 1 || l[0]["name"] != "Orders 2" {
		t.Fatalf("list = %v", l)
	}
	req(t, e, "DELETE", "/entity/"+id, tok, nil).ok(t, 200, nil)
	req(t, e, "GET", "/entity/"+id, tok, nil).fail(t, 404, "not found")
}

// entityContractCases exercise the entity routes for TestOpenAPIContract.
func entityContractCases(t *testing.T, e *Emulator) []contractCase {
	t.Helper()
	tok := e.ProfileToken()
	var made struct {
		ID string `json:"id"`
	}
	req(t, e, "POST", "/entity", tok, map[string]any{"name": "Contract", "schema": map[string]any{
		"charge_amount": map[string]any{"type": "int"}, "note": map[string]any{"type": "string"}},
		"index": map[string]any{"index_charge_amount": map[string]any{"fields": []string{"charge_amount"}}}}).ok(t, 200, &made)
	id := made.ID
	req(t, e, "POST", "/entity/"+id+"/data", tok, []map[string]any{{"charge_amount": 5}, {"charge_amount": 6}}).ok(t, 200, nil)
	records := getList(t, e, "/entity/"+id+"/data")
	first, second := as[string](t, records[0]["id"]), as[string](t, records[1]["id"])
	return []contractCase{
		{name: "list entities", method: "GET", path: "/entity?fields=id,name,profile,tags,created_at,updated_at", token: tok, wantStatus: 200},
		{name: "create entity", method: "POST", path: "/entity", token: tok, wantStatus: 200, body: map[string]any{
			"name": "Control Entity", "schema": map[string]any{"charge_amount": map[string]any{"required": false, "type": "int"}},
			"tags": []map[string]string{{"key": "active", "value": "yes"}}}},
		{name: "entity info", method: "GET", path: "/entity/" + id, token: tok, wantStatus: 200, knownNulls: []string{"$.result.payload_decoder"},
			sdkFields: []string{"$.result.schema.*", "$.result.index.*"}}, // keyed by the entity's own field and index names
		{name: "edit entity", method: "PUT", path: "/entity/" + id, token: tok, wantStatus: 200, body: map[string]any{"name": "Updated Entity"}},
		{name: "edit entity schema", method: "PUT", path: "/entity/" + id + "/schema", token: tok, wantStatus: 200,
			body: map[string]any{"schema": map[string]any{"note": map[string]any{"action": "delete"}}}},
		{name: "entity data amount", method: "GET", path: "/entity/" + id + "/data_amount", token: tok, wantStatus: 200},
		{name: "get entity data", method: "GET", path: "/entity/" + id + "/data?index=index_charge_amount&filter[charge_amount]=5", token: tok, wantStatus: 200},
		{name: "add entity data", method: "POST", path: "/entity/" + id + "/data", token: tok, wantStatus: 200, body: map[string]any{"charge_amount": 7}},
		{name: "edit entity data", method: "PUT", path: "/entity/" + id + "/data", token: tok, wantStatus: 200, body: map[string]any{"id": first, "charge_amount": 8}},
		{name: "delete entity data", method: "DELETE", path: "/entity/" + id + "/data", token: tok, wantStatus: 200, body: map[string]any{"ids": []string{second}}},
		{name: "delete entity", method: "DELETE", path: "/entity/" + id, token: tok, wantStatus: 200},
	}
}

// Records follow the schema: a renamed field keeps its values, a deleted one loses them.
func TestEntitySchemaChangesCarryTheRecords(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	var made struct {
		ID string `json:"id"`
	}
	req(t, e, "POST", "/entity", tok, map[string]any{"name": "T", "schema": map[string]any{
		"a": map[string]any{"type": "string"}, "b": map[string]any{"type": "int"}}}).ok(t, 200, &made)
	req(t, e, "POST", "/entity/"+made.ID+"/data", tok, map[string]any{"a": "kept", "b": 1}).ok(t, 200, nil)
	req(t, e, "PUT", "/entity/"+made.ID+"/schema", tok, map[string]any{"schema": map[string]any{
		"a": map[string]any{"action": "rename", "new_name": "c"}, "b": map[string]any{"action": "delete"}}}).ok(t, 200, nil)
	got := getList(t, e, "/entity/"+made.ID+"/data")
	if len(got) != 1 || got[0]["c"] != "kept" || got[0]["a"] != nil {
		t.Fatalf("records = %v", got)
	}
	if _, has := got[0]["b"]; has {
		t.Fatalf("the deleted field is still returned: %v", got)
	}
}
