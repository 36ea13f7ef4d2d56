package provider

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Actions made through the API, in every trigger family, with every action kind (a webhook with
// headers among them), every condition operator, value type, resource trigger and usage service,
// import loss-free with generated configuration: the headers, which
// the generated configuration shows as `null # sensitive`, stay on the server.
func TestAccAction_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	fx := env.actionFixtures()
	sqs, smtp, sendgrid := env.secret("SQS"), env.secret("SMTP"), env.secret("SENDGRID")
	type list = []any
	actions := []obj{
		{"type": "interval", "trigger": list{obj{"interval": "5 minutes"}}, "description": "webhook", "lock": true,
			"tags":   list{obj{"key": "kind", "value": "hook"}},
			"action": obj{"type": "post", "url": "https://hooks.example.com/in", "headers": obj{"Authorization": "Bearer s3cret", "X-Env": "prod"}}},
		{"type": "condition", "trigger_when_unlock": true, "active": false,
			"trigger": list{obj{"device": fx.device, "variable": "temp", "is": "><", "value": "10", "second_value": "20.5", "value_type": "number"},
				obj{"device": fx.device, "variable": "temp", "is": "<", "value": "5", "value_type": "number", "unlock": true}},
			"action": obj{"type": "whatsapp-twilio", "to": "+5511999999999", "from": "+15005550006", "twilio_sid": fx.secret, "twilio_token": fx.secret,
				"content_sid": "HX0123456789abcdef0123456789abcdef", "content_variables": list{obj{"name": "1", "value": "$VALUE$"}}}},
		{"type": "condition", "trigger": list{obj{"tag_key": "kind", "tag_value": "sensor", "variable": "battery", "is": "*", "value_type": "*"}},
			"action": obj{"type": "notification", "subject": "Battery", "message": "$DEVICE$ sent $VALUE$"}},
		{"type": "condition_geofence", "trigger": list{obj{"device": fx.device, "variable": "location", "is": "OUT",
			"value": obj{"center": list{-46.6333, -23.5505}, "radius": 0.5}}},
			"action": obj{"type": "sms", "to": "+5511999999999", "message": "left"}},
		{"type": "condition_geofence", "trigger": list{obj{"device": fx.device, "variable": "location", "is": "IN",
			"value": obj{"coordinates": list{list{-46.64, -23.55}, list{-46.62, -23.55}, list{-46.62, -23.53}}}}},
			"action": obj{"type": "email-smtp", "to": "ops@example.com", "from": "tago@example.com", "subject": "In", "message": "arrived", "smtp_secret": smtp}},
		{"type": "resource", "trigger": list{obj{"resource": "device", "when": "create", "tag_key": "fleet", "tag_value": "north"}},
			"action": obj{"type": "mqtt", "topic": "fleet/new", "payload": "$DEVICE$", "device": fx.device}},
		{"type": "schedule", "trigger": list{obj{"cron": "0 8 * * 1-5", "timezone": "America/Sao_Paulo"}},
			"action": obj{"type": "queue-sqs", "sqs_secret": sqs, "batch_enabled": true}},
		{"type": "usage_alert", "trigger": list{obj{"service_or_resource": "sms", "condition": ">", "condition_value": 80},
			obj{"service_or_resource": "data_records", "condition": "=", "condition_value": 1e6}},
			"action": obj{"type": "email-sendgrid", "to": "ops@example.com", "from": "tago@example.com", "subject": "Usage", "message": "$VALUE$", "sendgrid_api_key": sendgrid}},
		{"type": "interval", "trigger": list{obj{"interval": "1 day"}},
			"action": obj{"type": "notification_run", "subject": "Daily", "message": "hello", "run_user": "6298fcc3e0b6840012b6ab01"}},
		{"type": "interval", "trigger": list{obj{"interval": "1 hour"}},
			"action": obj{"type": "sms-twilio", "to": "+5511999999999", "from": "+15005550006", "message": "hi", "twilio_sid": fx.secret, "twilio_token": fx.secret}},
		{"type": "interval", "trigger": list{obj{"interval": "2 weeks"}},
			"action": obj{"type": "email", "to": "ops@example.com", "subject": "Report", "message": "weekly"}},
		{"type": "mqtt_topic", "action": obj{"type": "script", "script": list{fx.analysis}, "topic": "devices/+/status"}},
	}
	// Every condition operator, every resource trigger and every usage service.
	for _, op := range conditionOperators {
		item := obj{"device": fx.device, "variable": "level", "is": op, "value": "1", "value_type": "number"}
		switch op {
		case "><":
			item["second_value"] = "2"
		case "*":
			item["value_type"] = "*"
			delete(item, "value")
		}
		actions = append(actions, obj{"type": "condition", "trigger": list{item}, "action": obj{"type": "notification", "subject": op, "message": "m"}})
	}
	// Every value type.
	for _, valueType := range conditionValueType {
		item := obj{"device": fx.device, "variable": "state", "is": "=", "value": "on", "value_type": valueType}
		switch valueType {
		case "number":
			item["value"] = "1.5"
		case "boolean":
			item["value"] = "true"
		case "*":
			item["is"] = "*"
			delete(item, "value")
		}
		actions = append(actions, obj{"type": "condition", "trigger": list{item}, "action": obj{"type": "notification", "subject": valueType, "message": "m"}})
	}
	for i, r := range triggerResources {
		actions = append(actions, obj{"type": "resource", "trigger": list{obj{"resource": r, "when": triggerResourceOps[i%len(triggerResourceOps)]}},
			"action": obj{"type": "script", "script": list{fx.analysis}}})
	}
	for i, service := range usageServices {
		actions = append(actions, obj{"type": "usage_alert", "trigger": list{obj{"service_or_resource": service, "condition": usageConditions[i%2], "condition_value": 10 + i}},
			"action": obj{"type": "email", "to": "ops@example.com", "subject": "Usage", "message": "$VALUE$"}})
	}
	var targets []importTarget
	var objects []apiObject
	for i, a := range actions {
		a["name"] = "tfacc-action-" + strconv.Itoa(i)
		id := env.apiID("/action", a)
		targets = append(targets, importTarget{Type: "tagoio_action", Name: "a" + strconv.Itoa(i), ID: id})
		objects = append(objects, apiObject{Path: "/action/" + id})
	}
	res := env.importWithGeneratedConfig(targets, objects)
	// Clearing is explicit: headers = {} plans the update that removes them.
	start := strings.Index(res.Generated, `resource "tagoio_action" "a0"`)
	if start < 0 {
		t.Fatalf("no a0 in the generated configuration:\n%s", res.Generated)
	}
	webhook := regexp.MustCompile(`headers( +)= null # sensitive`)
	loc := webhook.FindStringIndex(res.Generated[start:])
	if loc == nil {
		t.Fatalf("no `headers = null # sensitive` in the generated configuration:\n%s", res.Generated)
	}
	cleared := res.Generated[:start+loc[0]] + "headers = {}" + res.Generated[start+loc[1]:]
	if out := res.planAfterEdit(t, cleared); !strings.Contains(out, "1 to change") {
		t.Errorf("headers = {} does not plan an update:\n%s", out)
	}
}
