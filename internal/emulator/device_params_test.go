package emulator

import (
	"reflect"
	"testing"
)

func TestDeviceParamsProfile(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	c := mkDevice(t, e, "d", map[string]any{"configuration_params": []map[string]any{{"key": "first", "value": "1", "sent": true}}})
	path := "/device/" + c.DeviceID + "/params"

	var msg string
	req(t, e, "POST", path, tok, map[string]any{"key": "second", "value": "2"}).ok(t, 201, &msg)
	if msg != "Params Successfully Updated" {
		t.Fatalf("result %q", msg)
	}
	req(t, e, "POST", path+"/", tok, []map[string]any{{"key": "third", "value": "3", "sent": false}, {"key": "fourth", "value": 4}}).ok(t, 201, nil)
	l := getList(t, e, path)
	if got := pluck(l, "key"); !eqStrings(got, []string{"first", "second", "third", "fourth"}) {
		t.Fatalf("creation order %v", got)
	}
	if !reflect.DeepEqual(l[0], map[string]any{"id": l[0]["id"], "key": "first", "value": "1", "sent": true}) || !isObjectID(as[string](t, l[0]["id"])) {
		t.Fatalf("item shape %v", l[0])
	}
	if l[3]["value"] != "4" || l[1]["sent"] != false {
		t.Fatalf("coercion/defaults %v %v", l[3], l[1])
	}
	if got := pluck(getList(t, e, path+"?sent_status=true"), "key"); !eqStrings(got, []string{"first"}) {
		t.Fatalf("sent_status=true %v", got)
	}
	if got := pluck(getList(t, e, path+"?sent_status=False"), "key"); !eqStrings(got, []string{"second", "third", "fourth"}) {
		t.Fatalf("sent_status=False %v", got)
	}

	// edit by id (partial), in an array with a create
	id := as[string](t, l[1]["id"])
	req(t, e, "POST", path, tok, []map[string]any{{"id": id, "value": "two", "sent": true}, {"key": "fifth", "value": "5"}}).ok(t, 201, nil)
	l = getList(t, e, path)
	if l[1]["key"] != "second" || l[1]["value"] != "two" || l[1]["sent"] != true || len(l) != 5 {
		t.Fatalf("edit %v", l)
	}
	// errors (and atomicity: the create next to a bad edit is not kept)
	req(t, e, "POST", path, tok, []map[string]any{{"key": "sixth"}, {"id": "aaaaaaaaaaaaaaaaaaaaaaaa", "value": "x"}}).fail(t, 404, "Param not found")
	req(t, e, "POST", path, tok, map[string]any{"id": "bad", "value": "x"}).fail(t, 400, "Invalid Param ID")
	req(t, e, "POST", path, tok, map[string]any{"value": "x"}).fail(t, 400, "key")
	req(t, e, "POST", path, tok, map[string]any{"key": "k", "value": map[string]any{}}).fail(t, 400, "value must be a string")
	req(t, e, "POST", path, tok, map[string]any{"key": "k", "sent": "yes"}).fail(t, 400, "sent must be a boolean")
	req(t, e, "POST", path, tok, "[1,2]").fail(t, 400, "JSON object")
	req(t, e, "POST", path, tok, "{").fail(t, 400, "Invalid JSON body")
	if l := getList(t, e, path); len(l) != 5 {
		t.Fatalf("failed posts changed params: %v", pluck(l, "key"))
	}
	// a param of another device cannot be edited or deleted through this one
	o := mkDevice(t, e, "o", nil)
	req(t, e, "POST", "/device/"+o.DeviceID+"/params", tok, map[string]any{"id": id, "value": "hijack"}).fail(t, 404, "Param not found")
	req(t, e, "DELETE", "/device/"+o.DeviceID+"/params/"+id, tok, nil).fail(t, 404, "Param not found")

	req(t, e, "DELETE", path+"/"+id, tok, nil).ok(t, 200, &msg)
	if msg != "Successfully Removed" {
		t.Fatalf("delete %q", msg)
	}
	req(t, e, "DELETE", path+"/"+id, tok, nil).fail(t, 404, "Param not found")
	req(t, e, "DELETE", path+"/zz", tok, nil).fail(t, 400, "Invalid Param ID")
	req(t, e, "GET", "/device/zz/params", tok, nil).fail(t, 400, "Invalid Device ID")
	req(t, e, "GET", "/device/aaaaaaaaaaaaaaaaaaaaaaaa/params", tok, nil).fail(t, 404, "Device not found")
}

func TestDeviceParamsWithDeviceToken(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	c := mkDevice(t, e, "d", map[string]any{"configuration_params": []map[string]any{{"key": "a", "value": "1"}, {"key": "b", "value": "2"}}})
	o := mkDevice(t, e, "o", map[string]any{"configuration_params": []map[string]any{{"key": "z", "value": "9"}}})
	var l []map[string]any
	req(t, e, "GET", "/device/params", c.Token, nil).ok(t, 200, &l)
	if got := pluck(l, "key"); !eqStrings(got, []string{"a", "b"}) {
		t.Fatalf("own params %v", got)
	}
	var msg string
	req(t, e, "PUT", "/device/params/"+as[string](t, l[0]["id"]), c.Token, map[string]any{"sent": true}).ok(t, 200, &msg)
	if msg != "Params Successfully Updated" {
		t.Fatalf("result %q", msg)
	}
	req(t, e, "PUT", "/device/params/"+as[string](t, l[1]["id"])+"/", c.Token, nil).ok(t, 200, nil) // no body = mark sent
	req(t, e, "GET", "/device/params?sent_status=false", c.Token, nil).ok(t, 200, &l)
	if len(l) != 0 {
		t.Fatalf("unsent after marking %v", l)
	}
	req(t, e, "GET", "/device/params?sent_status=true", c.Token, nil).ok(t, 200, &l)
	if len(l) != 2 {
		t.Fatalf("sent %v", l)
	}
	// another device's param is invisible to this token
	oid := as[string](t, getList(t, e, "/device/"+o.DeviceID+"/params")[0]["id"])
	req(t, e, "PUT", "/device/params/"+oid, c.Token, nil).fail(t, 404, "Param not found")
	req(t, e, "PUT", "/device/params/bad", c.Token, nil).fail(t, 400, "Invalid Param ID")
	req(t, e, "PUT", "/device/params/"+oid, c.Token, `{"sent":"x"}`).fail(t, 400, "sent must be a boolean")
}
