package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const actionAddr = "tagoio_action.test"

// actionFixtures are the objects an action refers to, made through the client.
type actionFixtures struct {
	device, analysis, secret string
}

func (e *accEnv) actionFixtures() actionFixtures {
	e.t.Helper()
	ctx := context.Background()
	device, err := e.client.Devices.Create(ctx, client.DeviceCreate{Name: "tfacc-Boiler", Type: "mutable", Connector: httpsConnectorID, Network: httpNetworkID})
	if err != nil {
		e.t.Fatal(err)
	}
	runtime := "node-rt2025"
	analysis, err := e.client.Analyses.Create(ctx, client.AnalysisCreate{Name: "tfacc-Alarm handler", Runtime: &runtime})
	if err != nil {
		e.t.Fatal(err)
	}
	return actionFixtures{device: device.ID, analysis: analysis.ID, secret: e.secret("TWILIO")}
}

// secret creates a TagoIO secret (POST /secrets, docs/api-notes.md §2.14) for actions that take secret IDs.
func (e *accEnv) secret(key string) string {
	e.t.Helper()
	var out struct {
		ID string `json:"id"`
	}
	err := e.client.Do(context.Background(), client.Request{Method: http.MethodPost, Path: "/secrets",
		Body: map[string]string{"key": testSecretPrefix + key, "value": "s3cret-value-" + key}}, &out)
	if err != nil || out.ID == "" {
		e.t.Fatalf("creating secret %s: %v (id %q)", key, err, out.ID)
	}
	return out.ID
}

func TestAccAction_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	fx := env.actionFixtures()
	sameID := statecheck.CompareValue(compare.ValuesSame())

	// The original SDK's example (when_set_* > 2, when_reset_* < 2, script) in today's model.
	created := env.config(`
resource "tagoio_action" "test" {
  name        = "tfacc-a simple action"
  description = "trigger when test is higher than 2, and reset it when it is less than 2"
  type        = "condition"
  lock        = true
  trigger = [
    { device = %[1]q, variable = "test", is = ">", value = "2", value_type = "number" },
    { device = %[1]q, variable = "test", is = "<", value = "2", value_type = "number", unlock = true },
  ]
  action = {
    type   = "script"
    script = [%[2]q]
  }
  tags = [{ key = "Trigger", value = "2" }]
}`, fx.device, fx.analysis)

	updated := env.config(`
resource "tagoio_action" "test" {
  name   = "tfacc-Every five minutes"
  type   = "interval"
  active = false
  trigger = [{ interval = "5 minutes" }]
  action = {
    type    = "post"
    url     = "https://hooks.example.com/tago"
    headers = { Authorization = "Bearer hook-secret-123456", "X-Source" = "tagoio" }
  }
}`)

	resource.ParallelTest(t, env.testCheckingGone("tagoio_action", existsByID(env.client.Actions.Get), []resource.TestStep{
		{
			Config:           created,
			ConfigPlanChecks: plans(actionAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("lock"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("trigger_when_unlock"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("trigger"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"is": knownvalue.StringExact(">"), "unlock": knownvalue.Bool(false),
						"second_value": knownvalue.Null(), "interval": knownvalue.Null()}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"is": knownvalue.StringExact("<"), "unlock": knownvalue.Bool(true)}),
				})),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("action").AtMapKey("script"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(fx.analysis)})),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("action").AtMapKey("batch_enabled"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("action").AtMapKey("url"), knownvalue.Null()),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				sameID.AddStateValue(actionAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				// The API must hold what the plan said, not only the state.
				a, err := env.client.Actions.Get(context.Background(), idOf(s, actionAddr))
				if err != nil {
					return err
				}
				if a.Type != "condition" || len(a.Trigger) != 2 || a.Trigger[1].Unlock == nil || !*a.Trigger[1].Unlock ||
					*a.Trigger[0].Value != "2" || a.Action.Type != "script" || len(a.Action.Script) != 1 {
					t.Errorf("API action = %+v", a)
				}
				return nil
			},
		},
		importVerifies(actionAddr),
		{
			Config:           updated,
			ConfigPlanChecks: plans(actionAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("type"), knownvalue.StringExact("interval")),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("description"), knownvalue.Null()),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("lock"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("tags"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("trigger"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"interval": knownvalue.StringExact("5 minutes"), "device": knownvalue.Null()}),
				})),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("action").AtMapKey("script"), knownvalue.Null()),
				statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("action").AtMapKey("headers").AtMapKey("X-Source"), knownvalue.StringExact("tagoio")),
				statecheck.ExpectSensitiveValue(actionAddr, tfjsonpath.New("action").AtMapKey("headers")),
				sameID.AddStateValue(actionAddr, tfjsonpath.New("id")),
			},
			Check: apiHolds(idInState(actionAddr), env.client.Actions.Get, func(a *client.Action) error {
				if a.Type != "interval" || len(a.Trigger) != 1 || a.Action.Headers["Authorization"] != "Bearer hook-secret-123456" {
					t.Errorf("API action = %+v", a)
				}
				return nil
			}),
		},
		importVerifies(actionAddr),
	}))
}

// Every trigger family and every action kind round-trips: created, re-planned empty, imported.
func TestAccAction_everyFamilyAndKind(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	fx := env.actionFixtures()
	sqs, smtp, sendgrid := env.secret("SQS"), env.secret("SMTP"), env.secret("SENDGRID")
	runUser := "6298fcc3e0b6840012b6ab01" // notification_run takes a TagoRUN user ID; the API does not look it up
	cfg := env.config(`
resource "tagoio_action" "between" {
  name = "tfacc-Between"
  type = "condition"
  trigger = [{ device = %[1]q, variable = "temp", is = "><", value = "10", second_value = "20.5", value_type = "number" }]
  trigger_when_unlock = false
  action = {
    type              = "whatsapp-twilio"
    to                = "+5511999999999"
    from              = "+15005550006"
    twilio_sid        = %[3]q
    twilio_token      = %[3]q
    content_sid       = "HX0123456789abcdef0123456789abcdef"
    content_variables = [{ name = "1", value = "$VALUE$" }]
  }
}

resource "tagoio_action" "by_tag" {
  name = "tfacc-Any sensor"
  type = "condition"
  trigger = [{ tag_key = "kind", tag_value = "sensor", variable = "battery", is = "*", value_type = "*" }]
  action = { type = "notification", subject = "Battery", message = "$DEVICE$ sent $VALUE$" }
}

resource "tagoio_action" "circle" {
  name = "tfacc-Leaves the yard"
  type = "condition_geofence"
  trigger = [
    { device = %[1]q, variable = "location", is = "OUT", geofence = { center = [-46.6333, -23.5505], radius = 0.5 } },
    { device = %[1]q, variable = "location", is = "IN", geofence = { center = [-46.6333, -23.5505], radius = 0.5 }, unlock = true },
  ]
  trigger_when_unlock = true
  action = { type = "sms", to = "+5511999999999", message = "left" }
}

resource "tagoio_action" "polygon" {
  name = "tfacc-Enters the depot"
  type = "condition_geofence"
  trigger = [{ device = %[1]q, variable = "location", is = "IN",
    geofence = { coordinates = [[-46.64, -23.55], [-46.62, -23.55], [-46.62, -23.53], [-46.64, -23.53]] } }]
  action = { type = "email-smtp", to = "ops@example.com", from = "tago@example.com", subject = "In", message = "arrived", smtp_secret = %[4]q }
}

resource "tagoio_action" "resource" {
  name = "tfacc-New device"
  type = "resource"
  trigger = [{ resource = "device", when = "create", tag_key = "fleet", tag_value = "north" }]
  action = { type = "mqtt", topic = "fleet/new", payload = "$DEVICE$", device = %[1]q }
}

resource "tagoio_action" "schedule" {
  name = "tfacc-Weekday mornings"
  type = "schedule"
  trigger = [{ cron = "0 8 * * 1-5", timezone = "America/Sao_Paulo" }]
  action = { type = "queue-sqs", sqs_secret = %[5]q, batch_enabled = true }
}

resource "tagoio_action" "usage" {
  name = "tfacc-Usage alerts"
  type = "usage_alert"
  trigger = [
    { service_or_resource = "sms", condition = ">", condition_value = 80 },
    { service_or_resource = "data_records", condition = "=", condition_value = 1000000.5 },
  ]
  action = { type = "email-sendgrid", to = "ops@example.com", from = "tago@example.com", subject = "Usage", message = "$VALUE$", sendgrid_api_key = %[6]q }
}

resource "tagoio_action" "run_user" {
  name = "tfacc-Tell the tenant"
  type = "interval"
  trigger = [{ interval = "1 day" }]
  action = { type = "notification_run", subject = "Daily", message = "hello", run_user = %[7]q }
}

resource "tagoio_action" "twilio" {
  name = "tfacc-SMS through Twilio"
  type = "interval"
  trigger = [{ interval = "1 hour" }]
  action = { type = "sms-twilio", to = "+5511999999999", from = "+15005550006", message = "hi", twilio_sid = %[3]q, twilio_token = %[3]q }
}

resource "tagoio_action" "email" {
  name = "tfacc-Plain e-mail"
  type = "interval"
  trigger = [{ interval = "2 weeks" }]
  action = { type = "email", to = "ops@example.com", subject = "Report", message = "weekly" }
}

resource "tagoio_action" "mqtt_topic" {
  name = "tfacc-On topic"
  type = "mqtt_topic"
  action = { type = "script", script = [%[2]q], topic = "devices/+/status" }
}

resource "tagoio_action" "mqtt_topic_items" {
  name = "tfacc-On topic by tag"
  type = "mqtt_topic"
  trigger = [{ topic = "devices/status", tag_key = "kind", tag_value = "gateway" }]
  action = { type = "script", script = [%[2]q] }
}`, fx.device, fx.analysis, fx.secret, smtp, sqs, sendgrid, runUser)

	names := []string{"between", "by_tag", "circle", "polygon", "resource", "schedule", "usage", "run_user", "twilio", "email", "mqtt_topic", "mqtt_topic_items"}
	steps := []resource.TestStep{
		{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("tagoio_action.between", tfjsonpath.New("trigger").AtSliceIndex(0).AtMapKey("second_value"), knownvalue.StringExact("20.5")),
				statecheck.ExpectKnownValue("tagoio_action.between", tfjsonpath.New("action").AtMapKey("content_variables").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact("$VALUE$")),
				statecheck.ExpectKnownValue("tagoio_action.by_tag", tfjsonpath.New("trigger").AtSliceIndex(0).AtMapKey("value"), knownvalue.Null()),
				statecheck.ExpectKnownValue("tagoio_action.circle", tfjsonpath.New("trigger").AtSliceIndex(0).AtMapKey("geofence"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"center":      knownvalue.ListExact([]knownvalue.Check{knownvalue.Float64Exact(-46.6333), knownvalue.Float64Exact(-23.5505)}),
					"radius":      knownvalue.Float64Exact(0.5),
					"coordinates": knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue("tagoio_action.polygon", tfjsonpath.New("trigger").AtSliceIndex(0).AtMapKey("geofence").AtMapKey("coordinates"), knownvalue.ListSizeExact(4)),
				statecheck.ExpectKnownValue("tagoio_action.resource", tfjsonpath.New("action").AtMapKey("device"), knownvalue.StringExact(fx.device)),
				statecheck.ExpectKnownValue("tagoio_action.schedule", tfjsonpath.New("action").AtMapKey("batch_enabled"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("tagoio_action.usage", tfjsonpath.New("trigger").AtSliceIndex(1).AtMapKey("condition_value"), knownvalue.Float64Exact(1000000.5)),
				statecheck.ExpectKnownValue("tagoio_action.mqtt_topic", tfjsonpath.New("trigger"), knownvalue.Null()),
				statecheck.ExpectKnownValue("tagoio_action.mqtt_topic", tfjsonpath.New("action").AtMapKey("topic"), knownvalue.StringExact("devices/+/status")),
				statecheck.ExpectKnownValue("tagoio_action.mqtt_topic_items", tfjsonpath.New("trigger").AtSliceIndex(0).AtMapKey("topic"), knownvalue.StringExact("devices/status")),
			},
			Check: func(s *terraform.State) error {
				// The MQTT device travels as "bucket" and the geofence as the item's value object.
				rs := s.RootModule().Resources
				mqtt, err := env.client.Actions.Get(context.Background(), rs["tagoio_action.resource"].Primary.ID)
				if err != nil {
					return err
				}
				if mqtt.Action.Device == nil || *mqtt.Action.Device != fx.device {
					t.Errorf("mqtt action device = %v", mqtt.Action.Device)
				}
				circle, err := env.client.Actions.Get(context.Background(), rs["tagoio_action.circle"].Primary.ID)
				if err != nil {
					return err
				}
				if g := circle.Trigger[0].Geofence; g == nil || g.Radius == nil || *g.Radius != 0.5 || len(g.Center) != 2 {
					t.Errorf("geofence in the API = %+v", g)
				}
				return nil
			},
		},
	}
	for _, name := range names {
		steps = append(steps, resource.TestStep{
			Config:            cfg,
			ResourceName:      "tagoio_action." + name,
			ImportState:       true,
			ImportStateVerify: true,
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkGone("tagoio_action", existsByID(env.client.Actions.Get)),
		Steps:                    steps,
	})
}

func TestAccAction_outOfBandChanges(t *testing.T) {
	env := newAccEnv(t)
	fx := env.actionFixtures()
	cfg := env.config(`
resource "tagoio_action" "test" {
  name = "tfacc-Cold room"
  type = "condition"
  trigger = [{ device = %q, variable = "temp", is = ">", value = "8", value_type = "number" }]
  action  = { type = "notification", subject = "tfacc-Cold room", message = "$VALUE$ degrees" }
}`, fx.device)
	var id string
	ctx := context.Background()
	resource.ParallelTest(t, env.testCheckingGone("tagoio_action", existsByID(env.client.Actions.Get), []resource.TestStep{
		{Config: cfg, Check: recordID(actionAddr, &id)},
		{
			// Edited in the TagoIO admin: the plan shows the update back to the configuration.
			PreConfig: func() {
				name, value, valueType := "Cold room (edited)", "12", "number"
				device, variable, is := fx.device, "temp", ">"
				err := env.client.Actions.Update(ctx, id, client.ActionUpdate{
					Name:    &name,
					Trigger: &[]client.ActionTrigger{{Device: &device, Variable: &variable, Is: &is, Value: &value, ValueType: &valueType}},
				})
				if err != nil {
					t.Fatal(err)
				}
			},
			Config: cfg,
			ConfigPlanChecks: plans(actionAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(actionAddr, tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Cold room")),
				plancheck.ExpectKnownValue(actionAddr, tfjsonpath.New("trigger").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact("8")),
			),
			Check: apiHolds(recorded(&id), env.client.Actions.Get, func(a *client.Action) error {
				if a.Name != "tfacc-Cold room" || *a.Trigger[0].Value != "8" {
					t.Errorf("API action after the fix = %+v", a)
				}
				return nil
			}),
		},
		// Deleted in the TagoIO admin: the plan creates it again, without an error.
		recreatedAfterDelete(t, cfg, actionAddr, &id, func() error { return env.client.Actions.Delete(ctx, id) }),
	}))
}

func TestAccAction_invalidConfigFailsAtPlan(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	const dev = "6298fcc3e0b6840012b6abf0"
	const sid = "6298fcc3e0b6840012b6abf1"
	cond := func(item string) string {
		return fmt.Sprintf(`type = "condition"
  trigger = [%s]
  action = { type = "notification", subject = "s", message = "m" }`, item)
	}
	withAction := func(action string) string {
		return `type = "interval"
  trigger = [{ interval = "1 hour" }]
  action = ` + action
	}
	usage := make([]string, 11)
	for i := range usage {
		usage[i] = `{ service_or_resource = "sms", condition = ">", condition_value = 1 }`
	}
	cases := map[string]blockCase{
		"bad type": {`type = "sometimes"
  action = { type = "notification", subject = "s", message = "m" }`, `value must be one of`},
		"foreign trigger attribute": {cond(`{ device = "` + dev + `", variable = "t", is = ">", value = "1", value_type = "number", interval = "5 minutes" }`),
			`(?s)interval does not belong to type "condition".*set only: variable`},
		"missing value_type":   {cond(`{ device = "` + dev + `", variable = "t", is = ">", value = "1" }`), `value_type is required when type is "condition"`},
		"missing device":       {cond(`{ variable = "t", is = ">", value = "1", value_type = "number" }`), `set device`},
		"device and tag":       {cond(`{ device = "` + dev + `", tag_key = "k", tag_value = "v", variable = "t", is = "*", value_type = "*" }`), `either device or tag_key`},
		"bad operator":         {cond(`{ device = "` + dev + `", variable = "t", is = ">=", value = "1", value_type = "number" }`), `value must be one of`},
		"geofence op on value": {cond(`{ device = "` + dev + `", variable = "t", is = "IN", value = "1", value_type = "number" }`), `is must be one of "<", ">"`},
		"between without second": {cond(`{ device = "` + dev + `", variable = "t", is = "><", value = "1", value_type = "number" }`),
			`second_value is required when is is "><"`},
		"second without between": {cond(`{ device = "` + dev + `", variable = "t", is = ">", value = "1", second_value = "2", value_type = "number" }`),
			`second_value is used only with is = "><"`},
		"missing value":     {cond(`{ device = "` + dev + `", variable = "t", is = "=", value_type = "string" }`), `value is required when is is "="`},
		"not a number":      {cond(`{ device = "` + dev + `", variable = "t", is = ">", value = "warm", value_type = "number" }`), `must be a number`},
		"not a boolean":     {cond(`{ device = "` + dev + `", variable = "t", is = "=", value = "yes", value_type = "boolean" }`), `must be "true" or "false"`},
		"only unlock items": {cond(`{ device = "` + dev + `", variable = "t", is = "<", value = "1", value_type = "number", unlock = true }`), `at least one item without unlock`},
		"no trigger":        {`type = "interval"` + "\n" + `action = { type = "notification", subject = "s", message = "m" }`, `needs at least one trigger item`},
		"short interval": {`type = "interval"
  trigger = [{ interval = "30 seconds" }]
  action = { type = "notification", subject = "s", message = "m" }`, `at least 1 minute`},
		"cron 4 fields": {`type = "schedule"
  trigger = [{ cron = "0 8 * *", timezone = "UTC" }]
  action = { type = "notification", subject = "s", message = "m" }`, `5-field cron expression`},
		"cron shortcut": {`type = "schedule"
  trigger = [{ cron = "@daily", timezone = "UTC" }]
  action = { type = "notification", subject = "s", message = "m" }`, `5-field cron expression`},
		"cron out of range": {`type = "schedule"
  trigger = [{ cron = "61 8 * * *", timezone = "UTC" }]
  action = { type = "notification", subject = "s", message = "m" }`, `5-field cron expression`},
		"cron without timezone": {`type = "schedule"
  trigger = [{ cron = "0 8 * * *" }]
  action = { type = "notification", subject = "s", message = "m" }`, `timezone is required when type is "schedule"`},
		"bad timezone": {`type = "schedule"
  trigger = [{ cron = "0 8 * * *", timezone = "Mars/Olympus_Mons" }]
  action = { type = "notification", subject = "s", message = "m" }`, `IANA timezone`},
		"too many usage alerts": {`type = "usage_alert"
  trigger = [` + strings.Join(usage, ", ") + `]
  action = { type = "notification", subject = "s", message = "m" }`, `at most 10 conditions`},
		"bad usage service": {`type = "usage_alert"
  trigger = [{ service_or_resource = "coffee", condition = ">", condition_value = 1 }]
  action = { type = "notification", subject = "s", message = "m" }`, `value must be one of`},
		"geofence both shapes": {`type = "condition_geofence"
  trigger = [{ device = "` + dev + `", variable = "l", is = "IN", geofence = { center = [1, 2], radius = 1, coordinates = [[0, 0], [1, 0], [1, 1]] } }]
  action = { type = "notification", subject = "s", message = "m" }`, `not both`},
		"geofence no shape": {`type = "condition_geofence"
  trigger = [{ device = "` + dev + `", variable = "l", is = "IN", geofence = {} }]
  action = { type = "notification", subject = "s", message = "m" }`, `Set center and radius`},
		"geofence latitude": {`type = "condition_geofence"
  trigger = [{ device = "` + dev + `", variable = "l", is = "OUT", geofence = { center = [10, 95], radius = 1 } }]
  action = { type = "notification", subject = "s", message = "m" }`, `Latitude \(second\) must be between -90 and 90`},
		"geofence center size": {`type = "condition_geofence"
  trigger = [{ device = "` + dev + `", variable = "l", is = "OUT", geofence = { center = [10, 5, 1], radius = 1 } }]
  action = { type = "notification", subject = "s", message = "m" }`, `2 numbers, got 3`},
		"geofence operator": {`type = "condition_geofence"
  trigger = [{ device = "` + dev + `", variable = "l", is = ">", geofence = { center = [10, 5], radius = 1 } }]
  action = { type = "notification", subject = "s", message = "m" }`, `must be "IN" or "OUT"`},
		"mqtt_topic without topic": {`type = "mqtt_topic"
  action = { type = "script", script = ["` + sid + `"] }`, `topic is required when action.type is "script"`},
		"resource bad when": {`type = "resource"
  trigger = [{ resource = "device", when = "rename" }]
  action = { type = "notification", subject = "s", message = "m" }`, `value must be one of`},
		"unlock on interval": {`type = "interval"
  trigger = [{ interval = "1 hour", unlock = true }]
  action = { type = "notification", subject = "s", message = "m" }`, `unlock does not belong to type "interval"`},
		"trigger_when_unlock on interval": {withAction(`{ type = "notification", subject = "s", message = "m" }`) + "\n  trigger_when_unlock = true",
			`trigger_when_unlock applies only to the condition`},
		"email without to":      {withAction(`{ type = "email", subject = "s", message = "m" }`), `to is required when action.type is "email"`},
		"script with url":       {withAction(`{ type = "script", script = ["` + sid + `"], url = "https://x.example" }`), `url does not belong to action.type "script"`},
		"bad script id":         {withAction(`{ type = "script", script = ["nope"] }`), `24 lowercase hexadecimal`},
		"bad url":               {withAction(`{ type = "post", url = "ftp://x.example" }`), `absolute http`},
		"bad kind":              {withAction(`{ type = "pigeon" }`), `value must be one of`},
		"batch on email":        {withAction(`{ type = "email", to = "a@b.c", subject = "s", message = "m", batch_enabled = true }`), `batch_enabled does not belong`},
		"twilio without secret": {withAction(`{ type = "sms-twilio", to = "1", from = "2", message = "m", twilio_sid = "` + sid + `" }`), `twilio_token is required`},
		"empty description":     {withAction(`{ type = "email", to = "a@b.c", subject = "s", message = "m" }`) + "\n  description = \"\"", `description string length must be at least 1`},
	}
	env.eachBlockFails(t, `resource "tagoio_action" "test"`, true, namedAndWrapped(cases))
}
