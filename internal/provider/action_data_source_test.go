package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestAccActionDataSources(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	notify := client.ActionSpec{Type: "notification", Subject: ptr("s"), Message: ptr("m")}
	mk := func(name, family string, active bool, trigger client.ActionTrigger, tags ...client.Tag) string {
		return env.madeID(env.client.Actions.Create(ctx, client.ActionCreate{
			Name: name, Type: family, Active: &active, Trigger: []client.ActionTrigger{trigger}, Action: notify, Tags: tags,
		}))
	}
	hourly := client.ActionTrigger{Interval: ptr("1 hour")}
	nightly := client.ActionTrigger{Cron: ptr("0 2 * * *"), Timezone: ptr("UTC")}
	alarmHourly := mk("tfacc-Alarm hourly", "interval", true, hourly, client.Tag{Key: "site", Value: "north"})
	alarmNightly := mk("tfacc-Alarm nightly", "schedule", false, nightly, client.Tag{Key: "site", Value: "south"})
	mk("tfacc-Report", "interval", true, hourly, client.Tag{Key: "site", Value: "north"})
	mk("tfacc-Alarm* literal", "interval", true, hourly)

	resource.ParallelTest(t, env.test(resource.TestStep{
		Config: env.config(`
data "tagoio_action" "by_id" { id = %q }
data "tagoio_action" "by_name" { name = "tfacc-Alarm nightly" }
data "tagoio_actions" "alarms" { name = "tfacc-Alarm*" }
data "tagoio_actions" "north" { tags = [{ key = "site", value = "north" }] }
data "tagoio_actions" "schedules" { type = "schedule" }
data "tagoio_actions" "inactive" { active = false }`, alarmHourly),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.tagoio_action.by_id", tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Alarm hourly")),
			statecheck.ExpectKnownValue("data.tagoio_action.by_id", tfjsonpath.New("trigger").AtSliceIndex(0).AtMapKey("interval"), knownvalue.StringExact("1 hour")),
			statecheck.ExpectKnownValue("data.tagoio_action.by_id", tfjsonpath.New("action").AtMapKey("subject"), knownvalue.StringExact("s")),
			statecheck.ExpectKnownValue("data.tagoio_action.by_id", tfjsonpath.New("last_triggered"), knownvalue.Null()),
			statecheck.ExpectKnownValue("data.tagoio_action.by_name", tfjsonpath.New("id"), knownvalue.StringExact(alarmNightly)),
			statecheck.ExpectKnownValue("data.tagoio_action.by_name", tfjsonpath.New("trigger").AtSliceIndex(0).AtMapKey("timezone"), knownvalue.StringExact("UTC")),
			statecheck.ExpectKnownValue("data.tagoio_action.by_name", tfjsonpath.New("active"), knownvalue.Bool(false)),
			statecheck.ExpectKnownValue("data.tagoio_actions.alarms", tfjsonpath.New("ids"), knownvalue.ListSizeExact(3)),
			statecheck.ExpectKnownValue("data.tagoio_actions.north", tfjsonpath.New("actions"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("tfacc-Alarm hourly"), "type": knownvalue.StringExact("interval")}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("tfacc-Report")}),
			})),
			statecheck.ExpectKnownValue("data.tagoio_actions.schedules", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(alarmNightly)})),
			statecheck.ExpectKnownValue("data.tagoio_actions.inactive", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(alarmNightly)})),
		},
	}))
}

func TestAccActionDataSource_lookupErrors(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := env.client.Actions.Create(ctx, client.ActionCreate{Name: "tfacc-Twin", Type: "interval",
			Trigger: []client.ActionTrigger{{Interval: ptr("1 day")}},
			Action:  client.ActionSpec{Type: "notification", Subject: ptr("s"), Message: ptr("m")}}); err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string]blockCase{
		"ambiguous name": {`name = "tfacc-Twin"`, `2 actions have name "tfacc-Twin"`},
		"no match":       {`name = "Nobody"`, `No action has name "Nobody"`},
		"both id and name": {`
  id   = "6298fcc3e0b6840012b6abfa"
  name = "tfacc-Twin"`, `(?s)only one of.*id.*name|Invalid Attribute Combination`},
		"bad id":     {`id = "not-an-id"`, `24 lowercase hexadecimal`},
		"unknown id": {`id = "6298fcc3e0b6840012b6abfa"`, `Error reading action`},
	}
	env.eachBlockFails(t, "data \"tagoio_action\" \"x\"", false, cases)
}
