package emulator

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const someDeviceID = "6299f0b1c72f2f00181d8b3c"

// scriptAction is a valid action payload running one analysis.
var scriptAction = map[string]any{"type": "script", "script": []string{"6299f0b1c72f2f00181d8b3d"}}

// conditionTrigger is a valid condition trigger item.
func conditionTrigger() map[string]any {
	return map[string]any{"device": someDeviceID, "variable": "temperature", "is": ">", "value": "30", "value_type": "number", "unlock": false}
}

// postAction creates an action from body and returns its id.
func postAction(t testing.TB, e *Emulator, body map[string]any) string {
	t.Helper()
	var r map[string]string
	req(t, e, "POST", "/action", e.ProfileToken(), body).ok(t, 200, &r)
	if !isObjectID(r["action"]) || len(r) != 1 {
		t.Fatalf("create action result %v, want {action: id}", r)
	}
	return r["action"]
}

func TestActionLifecycle(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	id := postAction(t, e, map[string]any{
		"name": "High temp", "type": "condition", "trigger": []any{conditionTrigger()},
		"action": scriptAction, "tags": []map[string]string{{"key": "k", "value": "v"}},
	})
	a := getMap(t, e, "/action/"+id)
	want := map[string]any{
		"id": id, "name": "High temp", "description": nil, "active": true, "lock": false,
		"type": "condition", "trigger_when_unlock": false, "profile": e.ProfileID(), "last_triggered": nil,
		"tags":    []any{map[string]any{"key": "k", "value": "v"}},
		"trigger": []any{map[string]any{"device": someDeviceID, "variable": "temperature", "is": ">", "value": "30", "value_type": "number", "unlock": false}},
		"action":  map[string]any{"type": "script", "script": []any{"6299f0b1c72f2f00181d8b3d"}},
	}
	for k, v := range want {
		if !reflect.DeepEqual(a[k], v) {
			t.Errorf("%s = %#v, want %#v", k, a[k], v)
		}
	}
	for _, k := range []string{"created_at", "updated_at"} {
		if s, _ := a[k].(string); !dateRe.MatchString(s) {
			t.Errorf("%s = %v", k, a[k])
		}
	}

	// partial edit: trigger and action are replaced wholesale, the rest is kept
	var msg string
	newTrigger := []any{map[string]any{"device": someDeviceID, "variable": "humidity", "is": "><", "value": "10", "second_value": "20", "value_type": "number"}}
	req(t, e, "PUT", "/action/"+id, tok, map[string]any{
		"trigger": newTrigger, "action": map[string]any{"type": "notification", "subject": "Hot", "message": "$VALUE$"},
		"description": "described", "lock": true,
	}).ok(t, 200, &msg)
	if msg != "Successfully Updated" {
		t.Fatalf("edit answered %q", msg)
	}
	a = getMap(t, e, "/action/"+id)
	if a["name"] != "High temp" || a["description"] != "described" || a["lock"] != true || a["active"] != true {
		t.Fatalf("scalars after edit %v", a)
	}
	if got := mustJSON(t, a["trigger"]); string(got) != `[{"device":"6299f0b1c72f2f00181d8b3c","is":"\u003e\u003c","second_value":"20","value":"10","value_type":"number","variable":"humidity"}]` {
		t.Fatalf("trigger not replaced: %s", got)
	}
	if !reflect.DeepEqual(a["action"], map[string]any{"type": "notification", "subject": "Hot", "message": "$VALUE$"}) {
		t.Fatalf("action not replaced: %v", a["action"])
	}
	// a type change re-validates the stored trigger
	req(t, e, "PUT", "/action/"+id, tok, map[string]any{"type": "interval"}).fail(t, 400, "trigger[0].interval")
	req(t, e, "PUT", "/action/"+id, tok, map[string]any{"type": "interval", "trigger": []any{map[string]any{"interval": "5 minutes"}}}).ok(t, 200, nil)
	if a = getMap(t, e, "/action/"+id); a["type"] != "interval" {
		t.Fatalf("type after edit %v", a["type"])
	}

	req(t, e, "DELETE", "/action/"+id, tok, nil).ok(t, 200, &msg)
	if msg != "Successfully Removed" {
		t.Fatalf("delete answered %q", msg)
	}
	req(t, e, "GET", "/action/"+id, tok, nil).fail(t, 404, "Action not found")
	req(t, e, "PUT", "/action/"+id, tok, map[string]any{"name": "x"}).fail(t, 404, "Action not found")
	req(t, e, "DELETE", "/action/"+id, tok, nil).fail(t, 404, "Action not found")
	req(t, e, "GET", "/action/123", tok, nil).fail(t, 400, "Invalid Action ID")
}

func TestActionTriggerValidation(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	cond := func(change map[string]any) []any {
		it := conditionTrigger()
		for k, v := range change {
			if v == nil {
				delete(it, k)
			} else {
				it[k] = v
			}
		}
		return []any{it}
	}
	square := [][]float64{{0, 0}, {0, 1}, {1, 1}, {1, 0}}
	cases := []struct {
		name    string
		typ     any
		trigger any
		want    string // "" = accepted
	}{
		{"unknown type", "when_set", cond(nil), "type must be one of: condition, resource, interval, schedule, usage_alert, condition_geofence, mqtt_topic"},
		{"no type", nil, cond(nil), "type is required"},
		{"no trigger", "condition", nil, "trigger is required"},
		{"empty trigger", "condition", []any{}, "at least one item"},
		{"trigger object", "condition", map[string]any{}, "trigger must be an array"},
		{"trigger item not object", "condition", []any{"x"}, "trigger[0] must be an object"},
		{"condition ok", "condition", cond(nil), ""},
		{"condition by tag", "condition", cond(map[string]any{"device": nil, "tag_key": "type", "tag_value": "sensor"}), ""},
		{"condition bad device", "condition", cond(map[string]any{"device": "abc"}), "trigger[0].device must be a 24-character hexadecimal ID"},
		{"condition no variable", "condition", cond(map[string]any{"variable": ""}), "trigger[0].variable is required"},
		{"condition bad is", "condition", cond(map[string]any{"is": ">="}), "trigger[0].is must be one of: < > = ! >< *"},
		{"condition bad value_type", "condition", cond(map[string]any{"value_type": "int"}), "trigger[0].value_type must be one of: string number boolean *"},
		{"condition no value", "condition", cond(map[string]any{"value": nil}), "trigger[0].value is required"},
		{"condition empty value", "condition", cond(map[string]any{"value": ""}), "trigger[0].value must not be empty"},
		{"condition any needs no value", "condition", cond(map[string]any{"is": "*", "value": nil, "value_type": "*"}), ""},
		{"condition between without second", "condition", cond(map[string]any{"is": "><"}), "trigger[0].second_value is required"},
		{"condition not numeric", "condition", cond(map[string]any{"value": "hot"}), "trigger[0].value must be numeric"},
		{"condition number value", "condition", cond(map[string]any{"value": 30}), ""},
		{"condition bad unlock", "condition", cond(map[string]any{"unlock": "no"}), "trigger[0].unlock must be a boolean"},
		{"condition only unlock", "condition", cond(map[string]any{"unlock": true}), "at least one item without unlock"},
		{"condition set and reset", "condition", append(cond(nil), map[string]any{"device": someDeviceID, "variable": "temperature", "is": "<", "value": "25", "value_type": "number", "unlock": true}), ""},
		{"resource ok", "resource", []any{map[string]any{"resource": "device", "when": "create", "tag_key": "k", "tag_value": "v"}}, ""},
		{"resource bad kind", "resource", []any{map[string]any{"resource": "widget", "when": "create"}}, "trigger[0].resource must be one of: device bucket file"},
		{"resource bad when", "resource", []any{map[string]any{"resource": "device", "when": "edit"}}, "trigger[0].when must be one of: create update delete"},
		{"interval ok", "interval", []any{map[string]any{"interval": "1 minute"}}, ""},
		{"interval hours", "interval", []any{map[string]any{"interval": "2 hours"}}, ""},
		{"interval too short", "interval", []any{map[string]any{"interval": "30 seconds"}}, "trigger[0].interval must be a relative time of at least 1 minute"},
		{"interval zero", "interval", []any{map[string]any{"interval": "0 minutes"}}, "at least 1 minute"},
		{"interval garbage", "interval", []any{map[string]any{"interval": "often"}}, "at least 1 minute"},
		{"schedule ok", "schedule", []any{map[string]any{"cron": "0 8 * * 1-5", "timezone": "America/New_York"}}, ""},
		{"schedule steps and names", "schedule", []any{map[string]any{"cron": "*/15 0-6,22 1 JAN-MAR sun", "timezone": "UTC"}}, ""},
		{"schedule 6 fields", "schedule", []any{map[string]any{"cron": "0 0 8 * * *", "timezone": "UTC"}}, "trigger[0].cron is not a valid 5-field cron expression: want 5 fields, got 6"},
		{"schedule bad minute", "schedule", []any{map[string]any{"cron": "60 8 * * *", "timezone": "UTC"}}, "minute field"},
		{"schedule backwards", "schedule", []any{map[string]any{"cron": "0 9-8 * * *", "timezone": "UTC"}}, "runs backwards"},
		{"schedule bad step", "schedule", []any{map[string]any{"cron": "*/0 * * * *", "timezone": "UTC"}}, "bad step"},
		{"schedule bad timezone", "schedule", []any{map[string]any{"cron": "0 8 * * *", "timezone": "Mars/Olympus"}}, "trigger[0].timezone must be an IANA time zone"},
		{"schedule no timezone", "schedule", []any{map[string]any{"cron": "0 8 * * *"}}, "trigger[0].timezone"},
		{"usage ok", "usage_alert", []any{map[string]any{"service_or_resource": "input", "condition": ">", "condition_value": 80}}, ""},
		{"usage bad service", "usage_alert", []any{map[string]any{"service_or_resource": "cpu", "condition": ">", "condition_value": 80}}, "trigger[0].service_or_resource must be one of"},
		{"usage bad condition", "usage_alert", []any{map[string]any{"service_or_resource": "sms", "condition": "<", "condition_value": 80}}, "trigger[0].condition must be one of: = >"},
		{"usage string value", "usage_alert", []any{map[string]any{"service_or_resource": "sms", "condition": "=", "condition_value": "80"}}, "trigger[0].condition_value must be a number"},
		{"usage too many", "usage_alert", repeatItem(map[string]any{"service_or_resource": "sms", "condition": "=", "condition_value": 1}, 11), "at most 10 usage alert conditions"},
		{"usage ten", "usage_alert", repeatItem(map[string]any{"service_or_resource": "sms", "condition": "=", "condition_value": 1}, 10), ""},
		{"geofence circle", "condition_geofence", geofence(map[string]any{"center": []float64{-78.6, 35.7}, "radius": 1.5}), ""},
		{"geofence polygon open", "condition_geofence", geofence(map[string]any{"coordinates": square}), ""},
		{"geofence polygon closed", "condition_geofence", geofence(map[string]any{"coordinates": append(square, square[0])}), ""},
		{"geofence bad is", "condition_geofence", []any{map[string]any{"device": someDeviceID, "variable": "location", "is": "INSIDE", "value": map[string]any{"center": []float64{0, 0}, "radius": 1}}}, "trigger[0].is must be one of: IN OUT"},
		{"geofence no value", "condition_geofence", []any{map[string]any{"device": someDeviceID, "variable": "location", "is": "IN"}}, "trigger[0].value must be"},
		{"geofence radius zero", "condition_geofence", geofence(map[string]any{"center": []float64{0, 0}, "radius": 0}), "trigger[0].value.radius must be a positive number"},
		{"geofence center out of range", "condition_geofence", geofence(map[string]any{"center": []float64{0, 95}, "radius": 1}), "trigger[0].value.center must be [longitude, latitude]"},
		{"geofence both", "condition_geofence", geofence(map[string]any{"center": []float64{0, 0}, "radius": 1, "coordinates": square}), "has both a circle"},
		{"geofence two points", "condition_geofence", geofence(map[string]any{"coordinates": [][]float64{{0, 0}, {1, 1}, {0, 0}}}), "at least 3 distinct points"},
		{"geofence collinear", "condition_geofence", geofence(map[string]any{"coordinates": [][]float64{{0, 0}, {1, 1}, {2, 2}}}), "does not enclose an area"},
		{"geofence bow tie", "condition_geofence", geofence(map[string]any{"coordinates": [][]float64{{0, 0}, {1, 1}, {1, 0}, {0, 1}}}), "crosses itself"},
		{"geofence bad point", "condition_geofence", geofence(map[string]any{"coordinates": [][]float64{{0, 0}, {1}, {1, 0}}}), "trigger[0].value.coordinates[1] must be [longitude, latitude]"},
		{"mqtt omitted", "mqtt_topic", nil, ""},
		{"mqtt empty", "mqtt_topic", []any{}, ""},
		{"mqtt topic rows", "mqtt_topic", []any{map[string]any{"topic": "sensors/+", "tag_key": "type", "tag_value": "gw"}}, ""},
		{"mqtt topic alone", "mqtt_topic", []any{map[string]any{"topic": "sensors/+"}}, "trigger[0].tag_key is required"},
	}
	for _, c := range cases {
		body := map[string]any{"name": c.name, "action": scriptAction}
		if c.typ != nil {
			body["type"] = c.typ
		}
		if c.trigger != nil {
			body["trigger"] = c.trigger
		}
		r := req(t, e, "POST", "/action", tok, body)
		if c.want == "" {
			if r.Code != 200 {
				t.Errorf("%s: refused: %s", c.name, r.Raw)
			}
			continue
		}
		if r.Code != 400 || r.Message == nil || !strings.Contains(*r.Message, c.want) {
			t.Errorf("%s: got %d %s, want 400 containing %q", c.name, r.Code, r.Raw, c.want)
		}
	}
	// refused creates store nothing
	accepted := 0
	for _, c := range cases {
		if c.want == "" {
			accepted++
		}
	}
	if l := getList(t, e, "/action?amount=100"); len(l) != accepted {
		t.Fatalf("%d actions stored, %d accepted", len(l), accepted)
	}
}

func repeatItem(it map[string]any, n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = it
	}
	return out
}

func geofence(value map[string]any) []any {
	return []any{map[string]any{"device": someDeviceID, "variable": "location", "is": "IN", "value": value}}
}

func TestActionPayloadValidation(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	sid := postSecret(t, e, "TWILIO_SID", "AC1")
	secretTok := postSecret(t, e, "TWILIO_TOKEN", "t")
	missing := "aaaaaaaaaaaaaaaaaaaaaaaa"
	cases := []struct {
		name   string
		action any
		want   string
	}{
		{"absent", nil, "action is required"},
		{"not object", "script", "action must be an object"},
		{"bad type", map[string]any{"type": "pager"}, "action.type must be one of: script, notification"},
		{"script ok", scriptAction, ""},
		{"script empty", map[string]any{"type": "script", "script": []string{}}, "action.script must be a non-empty array"},
		{"script single id", map[string]any{"type": "script", "script": "6299f0b1c72f2f00181d8b3d"}, "action.script must be a non-empty array"},
		{"script bad id", map[string]any{"type": "script", "script": []string{"x"}}, "action.script[0] must be a 24-character"},
		{"notification ok", map[string]any{"type": "notification", "subject": "s", "message": "m"}, ""},
		{"notification no subject", map[string]any{"type": "notification", "message": "m"}, "action.subject is required"},
		{"notification_run ok", map[string]any{"type": "notification_run", "subject": "s", "message": "m", "run_user": someDeviceID}, ""},
		{"notification_run no user", map[string]any{"type": "notification_run", "subject": "s", "message": "m"}, "action.run_user must be a 24-character"},
		{"email ok", map[string]any{"type": "email", "to": "a@b.c", "subject": "s", "message": "m"}, ""},
		{"email no to", map[string]any{"type": "email", "subject": "s", "message": "m"}, "action.to is required"},
		{"sms ok", map[string]any{"type": "sms", "to": "+5511999999999", "message": "m"}, ""},
		{"sms no message", map[string]any{"type": "sms", "to": "+5511999999999"}, "action.message is required"},
		{"mqtt ok", map[string]any{"type": "mqtt", "topic": "t", "payload": "$VALUE$", "bucket": someDeviceID}, ""},
		{"mqtt device alias", map[string]any{"type": "mqtt", "topic": "t", "payload": "p", "device": someDeviceID}, ""},
		{"mqtt no bucket", map[string]any{"type": "mqtt", "topic": "t", "payload": "p"}, "action.bucket must be a 24-character"},
		{"mqtt no payload", map[string]any{"type": "mqtt", "topic": "t", "bucket": someDeviceID}, "action.payload is required"},
		{"post ok", map[string]any{"type": "post", "url": "https://example.com/hook", "headers": map[string]string{"X-Key": "1"}}, ""},
		{"post ftp", map[string]any{"type": "post", "url": "ftp://example.com"}, "action.url must be an absolute http:// or https:// URL"},
		{"post relative", map[string]any{"type": "post", "url": "/hook"}, "action.url must be an absolute"},
		{"post headers array", map[string]any{"type": "post", "url": "http://x.io", "headers": []string{"a"}}, "action.headers must be an object"},
		{"twilio ok", map[string]any{"type": "sms-twilio", "to": "+1", "from": "+2", "message": "m", "twilio_sid": sid, "twilio_token": secretTok}, ""},
		{"twilio unknown secret", map[string]any{"type": "sms-twilio", "to": "+1", "from": "+2", "message": "m", "twilio_sid": sid, "twilio_token": missing}, "action.twilio_token: secret " + missing + " not found"},
		{"twilio secret not an id", map[string]any{"type": "sms-twilio", "to": "+1", "from": "+2", "message": "m", "twilio_sid": "AC1", "twilio_token": secretTok}, "action.twilio_sid must be the ID of a secret"},
		{"whatsapp ok", map[string]any{"type": "whatsapp-twilio", "to": "+1", "from": "+2", "twilio_sid": sid, "twilio_token": secretTok, "content_sid": "HX1", "content_variables": []map[string]string{{"name": "1", "value": "v"}}}, ""},
		{"whatsapp bad variables", map[string]any{"type": "whatsapp-twilio", "to": "+1", "from": "+2", "twilio_sid": sid, "twilio_token": secretTok, "content_sid": "HX1", "content_variables": []map[string]string{{"value": "v"}}}, "action.content_variables[0].name is required"},
		{"sendgrid ok", map[string]any{"type": "email-sendgrid", "to": "a@b.c", "from": "x@y.z", "subject": "s", "message": "m", "sendgrid_api_key": sid}, ""},
		{"sendgrid missing secret", map[string]any{"type": "email-sendgrid", "to": "a@b.c", "from": "x@y.z", "subject": "s", "message": "m", "sendgrid_api_key": missing}, "action.sendgrid_api_key: secret"},
		{"smtp ok", map[string]any{"type": "email-smtp", "to": "a@b.c", "from": "x@y.z", "subject": "s", "message": "m", "smtp_secret": sid}, ""},
		{"smtp no secret", map[string]any{"type": "email-smtp", "to": "a@b.c", "from": "x@y.z", "subject": "s", "message": "m"}, "action.smtp_secret must be the ID of a secret"},
		{"sqs ok", map[string]any{"type": "queue-sqs", "sqs_secret": sid, "batch_enabled": true}, ""},
		{"sqs bad batch", map[string]any{"type": "queue-sqs", "sqs_secret": sid, "batch_enabled": "yes"}, "action.batch_enabled must be a boolean"},
	}
	for _, c := range cases {
		body := map[string]any{"name": c.name, "type": "condition", "trigger": []any{conditionTrigger()}}
		if c.action != nil {
			body["action"] = c.action
		}
		r := req(t, e, "POST", "/action", tok, body)
		if c.want == "" {
			if r.Code != 200 {
				t.Errorf("%s: refused: %s", c.name, r.Raw)
			}
			continue
		}
		if r.Code != 400 || r.Message == nil || !strings.Contains(*r.Message, c.want) {
			t.Errorf("%s: got %d %s, want 400 containing %q", c.name, r.Code, r.Raw, c.want)
		}
	}

	// other fields
	base := func() map[string]any {
		return map[string]any{"name": "n", "type": "condition", "trigger": []any{conditionTrigger()}, "action": scriptAction}
	}
	for _, c := range []struct {
		key  string
		val  any
		want string
	}{
		{"name", "", "name is required"},
		{"active", "yes", "active must be a boolean"},
		{"lock", 1, "lock must be a boolean"},
		{"trigger_when_unlock", "no", "trigger_when_unlock must be a boolean"},
		{"description", 5, "description must be a string or null"},
		{"tags", repeatItem(map[string]any{"key": "k", "value": "v"}, 31), "at most 30 tags"},
	} {
		b := base()
		b[c.key] = c.val
		req(t, e, "POST", "/action", tok, b).fail(t, 400, c.want)
	}

	// an edit that does not resend the action is not refused for a secret deleted since
	id := postAction(t, e, map[string]any{"name": "sqs", "type": "condition", "trigger": []any{conditionTrigger()}, "action": map[string]any{"type": "queue-sqs", "sqs_secret": sid}})
	req(t, e, "DELETE", "/secrets/"+sid, tok, nil).ok(t, 200, nil)
	req(t, e, "PUT", "/action/"+id, tok, map[string]any{"name": "renamed"}).ok(t, 200, nil)
	req(t, e, "PUT", "/action/"+id, tok, map[string]any{"action": map[string]any{"type": "queue-sqs", "sqs_secret": sid}}).fail(t, 400, "action.sqs_secret: secret "+sid+" not found")
	if a := getMap(t, e, "/action/"+id); a["name"] != "renamed" {
		t.Fatalf("edit lost: %v", a)
	}
}

func TestActionListAndProtection(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	mk := func(name string, active bool, typ string, trigger []any, tags ...map[string]string) string {
		body := map[string]any{"name": name, "active": active, "type": typ, "trigger": trigger, "action": scriptAction}
		if tags != nil {
			body["tags"] = tags
		}
		return postAction(t, e, body)
	}
	interval := []any{map[string]any{"interval": "5 minutes"}}
	mk("Bravo", true, "condition", []any{conditionTrigger()}, map[string]string{"key": "site", "value": "north"})
	mk("alpha", false, "interval", interval)
	protected := mk("Charlie", true, "interval", interval, map[string]string{"key": "_delete_protection_", "value": "Charlie runs billing; remove the tag first"})
	legacyKey := mk("Delta", true, "interval", interval, map[string]string{"key": "_deletion_protection", "value": ""})

	l := getList(t, e, "/action")
	if got := pluck(l, "name"); !eqStrings(got, []string{"alpha", "Bravo", "Charlie", "Delta"}) {
		t.Fatalf("default order %v", got)
	}
	if len(l[0]) != 2 {
		t.Fatalf("default fields are id,name: %v", l[0])
	}
	if got := pluck(getList(t, e, "/action?filter[active]=false"), "name"); !eqStrings(got, []string{"alpha"}) {
		t.Fatalf("active filter %v", got)
	}
	if got := pluck(getList(t, e, "/action?filter[type]=interval&orderBy=name,desc"), "name"); !eqStrings(got, []string{"Delta", "Charlie", "alpha"}) {
		t.Fatalf("type filter %v", got)
	}
	if got := pluck(getList(t, e, "/action?filter[name]=*ra*"), "name"); !eqStrings(got, []string{"Bravo"}) {
		t.Fatalf("name filter %v", got)
	}
	if got := pluck(getList(t, e, "/action?filter[tags][0][key]=site"), "name"); !eqStrings(got, []string{"Bravo"}) {
		t.Fatalf("tag filter %v", got)
	}
	withFields := getList(t, e, "/action?fields=id,name,type,trigger,action&filter[name]=Bravo")
	var trig []map[string]any
	if err := json.Unmarshal(mustJSON(t, withFields[0]["trigger"]), &trig); err != nil || len(trig) != 1 || trig[0]["variable"] != "temperature" {
		t.Fatalf("list trigger %v", withFields)
	}

	req(t, e, "DELETE", "/action/"+protected, tok, nil).fail(t, 400, "Charlie runs billing; remove the tag first")
	req(t, e, "DELETE", "/action/"+legacyKey, tok, nil).fail(t, 400, "protected from deletion")
	req(t, e, "PUT", "/action/"+protected, tok, map[string]any{"tags": []any{}}).ok(t, 200, nil)
	req(t, e, "DELETE", "/action/"+protected, tok, nil).ok(t, 200, nil)

	read := e.AddProfileToken("read", nil)
	req(t, e, "GET", "/action/"+legacyKey, read, nil).ok(t, 200, nil)
	req(t, e, "POST", "/action", read, map[string]any{"name": "x"}).fail(t, 403, "Authorization Denied")
	req(t, e, "DELETE", "/action/"+legacyKey, read, nil).fail(t, 403, "Authorization Denied")
	dev := mkDevice(t, e, "d", nil)
	req(t, e, "GET", "/action", dev.Token, nil).fail(t, 403, "Authorization Denied")
}
