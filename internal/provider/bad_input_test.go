package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// badInput is one invalid configuration: Terraform must reject it at plan time with an error
// that names the attribute and what it accepts, before any request reaches the API.
type badInput struct {
	name      string
	provider  string // extra lines of the provider block
	hcl       string // the resources
	attr      string // the attribute the error names
	allowed   string // what the error says the attribute accepts
	writeOnly bool   // uses a write-only attribute: Terraform 1.11 or later
}

// A device and a dashboard other configurations point at; nothing is created, since every
// configuration fails at plan time.
const (
	validDevice = `
resource "tagoio_device" "ok" {
  name      = "tfacc-Valid"
  type      = "mutable"
  connector = "62333bd36977fc001a2990c8"
  network   = "62336c32ab6e0d0012e06c04"
}
`
	someID = "6298fcc3e0b6840012b6abfa"
)

func device(attrs string) string {
	return `
resource "tagoio_device" "bad" {
  name      = "tfacc-Bad"
  connector = "62333bd36977fc001a2990c8"
  network   = "62336c32ab6e0d0012e06c04"
` + attrs + "\n}\n"
}

func action(attrs string) string {
	return "\nresource \"tagoio_action\" \"bad\" {\n  name = \"Bad\"\n" + attrs + "\n}\n"
}

func intervalAction(trigger, act string) string {
	return action(fmt.Sprintf("  type = \"interval\"\n  trigger = [%s]\n  action = %s", trigger, act))
}

const postAction = `{ type = "post", url = "https://hooks.example.com/tago" }`

func widget(attrs string) string {
	return fmt.Sprintf("\nresource \"tagoio_dashboard_widget\" \"bad\" {\n  dashboard_id = %q\n  label = \"Bad\"\n"+
		"  position = { x = 0, y = 0, width = 2, height = 2 }\n%s\n}\n", someID, attrs)
}

func policy(targets, permissions string) string {
	return fmt.Sprintf("\nresource \"tagoio_access_management\" \"bad\" {\n  name = \"Bad\"\n  targets = %s\n  permissions = %s\n}\n",
		targets, permissions)
}

const allowDashboards = `[{ effect = "allow", action = ["access"], resource = ["dashboard"] }]`

func badInputs() []badInput {
	oneOf := func(values ...string) string { return `one of: ["` + strings.Join(values, `" "`) + `"]` }
	cases := []badInput{
		// The provider block.
		{name: "provider region", provider: `region = "mars"`, attr: "region", allowed: oneOf("us-e1", "eu-w1")},
		{name: "provider api_url scheme", provider: `api_url = "ftp://api.example.com"`, attr: "api_url", allowed: "absolute http:// or https:// URL"},
		{name: "provider max_retries", provider: `max_retries = 101`, attr: "max_retries", allowed: "between 0 and 100"},
		{name: "provider request_timeout format", provider: `request_timeout = "soon"`, attr: "request_timeout", allowed: "between 1s and 1h0m0s"},
		{name: "provider request_timeout range", provider: `request_timeout = "2h"`, attr: "request_timeout", allowed: "between 1s and 1h0m0s"},
		{name: "provider region and api_url", provider: `region = "eu-w1"`, attr: "api_url", allowed: `cannot be specified when "region" is specified`},

		// tagoio_device
		{name: "device type", hcl: device(`type = "volatile"`), attr: "type", allowed: oneOf("mutable", "immutable", "hybrid", "legacy")},
		{name: "device connector id", hcl: strings.Replace(device(`type = "mutable"`), "62333bd36977fc001a2990c8", "not-an-id", 1),
			attr: "connector", allowed: "24 lowercase hexadecimal characters"},
		{name: "device empty name", hcl: strings.Replace(device(`type = "mutable"`), `"tfacc-Bad"`, `""`, 1), attr: "name", allowed: "between 1 and 100"},
		{name: "device too many tags", hcl: device(`type = "mutable"` + "\n" + `tags = [for i in range(31) : { key = "k${i}", value = "v" }]`), attr: "tags", allowed: "at most 30 elements"},
		{name: "device chunk_period", hcl: device(`type = "immutable"` + "\n" + `chunk_period = "decade"` + "\n" + `chunk_retention = 1`), attr: "chunk_period", allowed: oneOf("day", "week", "month", "quarter")},
		{name: "device immutable without chunk_period", hcl: device(`type = "immutable"` + "\n" + `chunk_retention = 1`), attr: "chunk_period", allowed: "one of day, week, month, quarter"},
		{name: "device chunk_retention range", hcl: device(`type = "immutable"` + "\n" + `chunk_period = "day"` + "\n" + `chunk_retention = 90`), attr: "chunk_retention", allowed: "between 0 and 31"},
		{name: "device chunk_period on mutable", hcl: device(`type = "mutable"` + "\n" + `chunk_period = "day"`), attr: "chunk_period", allowed: "applies only to immutable and hybrid devices"},
		{name: "device hybrid without regex", hcl: device(`type = "hybrid"` + "\n" + `chunk_period = "day"` + "\n" + `chunk_retention = 1`), attr: "mutable_variable_regex", allowed: "A hybrid device needs mutable_variable_regex"},
		{name: "device timeouts duration", hcl: device(`type = "mutable"` + "\n" + `timeouts { create = "forever" }`), attr: "create", allowed: `Valid time units are "ns", "us" (or "µs"), "ms", "s", "m", "h"`},

		// tagoio_device_token
		{name: "token permission", hcl: validDevice + `
resource "tagoio_device_token" "bad" {
  device_id  = tagoio_device.ok.id
  name       = "t"
  permission = "admin"
}`, attr: "permission", allowed: oneOf(tokenPermissions...)},
		{name: "token device_id", hcl: `
resource "tagoio_device_token" "bad" {
  device_id  = "6298FCC3E0B6840012B6ABFA"
  name       = "t"
  permission = "full"
}`, attr: "device_id", allowed: "24 lowercase hexadecimal characters"},
		{name: "token expire_time", hcl: validDevice + `
resource "tagoio_device_token" "bad" {
  device_id   = tagoio_device.ok.id
  name        = "t"
  permission  = "full"
  expire_time = "tomorrow"
}`, attr: "expire_time", allowed: `"never", an ISO-8601 date`},

		// tagoio_action
		{name: "action type", hcl: action(`type = "sometimes"` + "\n" + `action = ` + postAction),
			attr: "type", allowed: oneOf(actionTypes...)},
		{name: "action kind", hcl: intervalAction(`{ interval = "5 minutes" }`, `{ type = "pigeon" }`),
			attr: "action.type", allowed: oneOf(actionKinds...)},
		{name: "action interval", hcl: intervalAction(`{ interval = "5 minutez" }`, postAction),
			attr: "interval", allowed: "with unit one of minute(s), hour(s), day(s), week(s), month(s), quarter(s), year(s), at least 1 minute"},
		{name: "action cron", hcl: action(`type = "schedule"` + "\n" + `trigger = [{ cron = "61 * * * *", timezone = "UTC" }]` + "\n" + `action = ` + postAction),
			attr: "cron", allowed: "5-field cron expression (minute hour day-of-month month day-of-week)"},
		{name: "action timezone", hcl: action(`type = "schedule"` + "\n" + `trigger = [{ cron = "0 8 * * *", timezone = "Mars/Olympus" }]` + "\n" + `action = ` + postAction),
			attr: "timezone", allowed: "IANA timezone name"},
		{name: "action condition operator", hcl: action(fmt.Sprintf(`type = "condition"`+"\n"+`trigger = [{ device = %q, variable = "t", is = "~", value = "1", value_type = "number" }]`+"\n"+`action = `+postAction, someID)),
			attr: "is", allowed: oneOf(append(append([]string{}, conditionOperators...), geofenceOperators...)...)},
		{name: "action post without url", hcl: intervalAction(`{ interval = "5 minutes" }`, `{ type = "post" }`),
			attr: "url", allowed: `required when action.type is "post"`},
		{name: "action foreign trigger attribute", hcl: intervalAction(`{ interval = "5 minutes", cron = "0 8 * * *" }`, postAction),
			attr: "cron", allowed: `With type "interval", set only: interval`},
		{name: "action usage alert value", hcl: action(`type = "usage_alert"` + "\n" + `trigger = [{ service_or_resource = "sms", condition = ">", condition_value = -1 }]` + "\n" + `action = ` + postAction),
			attr: "condition_value", allowed: "at least 0"},

		// tagoio_analysis
		{name: "analysis runtime", hcl: `
resource "tagoio_analysis" "bad" {
  name    = "tfacc-Bad"
  runtime = "cobol"
}`, attr: "runtime", allowed: oneOf(analysisRuntimes...)},
		{name: "analysis run_on", hcl: `
resource "tagoio_analysis" "bad" {
  name    = "tfacc-Bad"
  runtime = "node-rt2025"
  run_on  = "moon"
}`, attr: "run_on", allowed: oneOf(analysisRunOn...)},
		{name: "analysis interval", hcl: `
resource "tagoio_analysis" "bad" {
  name     = "tfacc-Bad"
  runtime  = "node-rt2025"
  interval = "30 seconds"
}`, attr: "interval", allowed: "at least 1 minute"},
		{name: "analysis too many variables", hcl: `
resource "tagoio_analysis" "bad" {
  name        = "tfacc-Bad"
  runtime     = "node-rt2025"
  environment = { for i in range(21) : "K${i}" => "v" }
}`, attr: "environment", allowed: "at most 20 elements"},

		// tagoio_secret
		{name: "secret key", hcl: `
resource "tagoio_secret" "bad" {
  key   = "TFACC_lower_case"
  value = "x"
}`, attr: "key", allowed: "uppercase letters, digits and underscores"},
		{name: "secret empty value", hcl: `
resource "tagoio_secret" "bad" {
  key   = "TFACC_EMPTY"
  value = ""
}`, attr: "value", allowed: "between 1 and 2048"},
		{name: "secret value and value_wo", hcl: `
resource "tagoio_secret" "bad" {
  key              = "TFACC_BOTH"
  value            = "x"
  value_wo         = "y"
  value_wo_version = 1
}`, attr: "value_wo", allowed: `cannot be specified when "value" is specified`, writeOnly: true},

		// tagoio_run_user
		{name: "run user email", hcl: `
resource "tagoio_run_user" "bad" {
  name     = "tfacc-Bad"
  email    = "tfacc-not an email"
  timezone = "UTC"
}`, attr: "email", allowed: "e-mail address such as jane@example.com"},
		{name: "run user timezone", hcl: `
resource "tagoio_run_user" "bad" {
  name     = "tfacc-Bad"
  email    = "tfacc-bad@example.com"
  timezone = "Nowhere/Land"
}`, attr: "timezone", allowed: "IANA time zone name such as America/New_York or UTC"},
		{name: "run user language", hcl: `
resource "tagoio_run_user" "bad" {
  name     = "tfacc-Bad"
  email    = "tfacc-bad@example.com"
  timezone = "UTC"
  language = "!!"
}`, attr: "language", allowed: "language code such as en, pt or pt-BR"},
		{name: "run user write-only password without version", hcl: `
resource "tagoio_run_user" "bad" {
  name        = "tfacc-Bad"
  email       = "tfacc-bad@example.com"
  timezone    = "UTC"
  password_wo = "Secret-Password-1"
}`, attr: "password_wo_version", allowed: `must be specified when "password_wo" is specified`, writeOnly: true},

		// tagoio_access_management
		{name: "policy effect", hcl: policy(`[["run_user"]]`, `[{ effect = "maybe", action = ["access"], resource = ["dashboard"] }]`),
			attr: "effect", allowed: oneOf(accessEffects...)},
		{name: "policy target kind", hcl: policy(`[["robot"]]`, allowDashboards), attr: "targets", allowed: "must start with one of run_user, analysis"},
		{name: "policy target id", hcl: policy(`[["run_user", "id", "42"]]`, allowDashboards), attr: "targets", allowed: "24 lowercase hexadecimal characters"},
		{name: "policy action", hcl: policy(`[["run_user"]]`, `[{ effect = "allow", action = ["fly"], resource = ["dashboard"] }]`),
			attr: "action", allowed: "use one of access, create, edit, delete, duplicate, related_devices, related_analysis, arrangement"},
		{name: "policy no action", hcl: policy(`[["run_user"]]`, `[{ effect = "allow", action = [], resource = ["dashboard"] }]`),
			attr: "action", allowed: "at least 1 elements"},

		// tagoio_dashboard
		{name: "dashboard type", hcl: `
resource "tagoio_dashboard" "bad" {
  label = "tfacc-Bad"
  type  = "wall"
}`, attr: "type", allowed: oneOf(dashboardTypes...)},
		{name: "dashboard icon url", hcl: `
resource "tagoio_dashboard" "bad" {
  label = "tfacc-Bad"
  icon  = { url = "factory.svg" }
}`, attr: "url", allowed: "absolute http:// or https:// URL"},
		{name: "dashboard duplicate tab keys", hcl: `
resource "tagoio_dashboard" "bad" {
  label = "tfacc-Bad"
  tabs  = [{ key = "1", value = "Main" }, { key = "1", value = "Other" }]
}`, attr: "key", allowed: "must be unique"},

		// tagoio_dashboard_widget
		{name: "widget type", hcl: widget(`type = ""`), attr: "type", allowed: "string length must be at least 1"},
		{name: "widget dashboard_id", hcl: strings.Replace(widget(`type = "card"`), someID, "dash-1", 1), attr: "dashboard_id", allowed: "24 lowercase hexadecimal characters"},
		{name: "widget qty", hcl: widget(fmt.Sprintf(`type = "card"`+"\n"+`data = [{ origin = %q, qty = 0 }]`, someID)), attr: "qty", allowed: "between 1 and 10000"},
		{name: "widget query", hcl: widget(fmt.Sprintf(`type = "card"`+"\n"+`data = [{ origin = %q, query = "median" }]`, someID)), attr: "query", allowed: oneOf(widgetQueries...)},
		{name: "widget start_date", hcl: widget(fmt.Sprintf(`type = "card"`+"\n"+`data = [{ origin = %q, start_date = "yesterday-ish" }]`, someID)), attr: "start_date", allowed: `ISO-8601 date (2024-01-31 or 2024-01-31T12:00:00Z)`},

		{name: "widget resource view", hcl: widget(`type = "dynamic_table"` + "\n" + `resource = [{ view = "color" }]`), attr: "view", allowed: "tags.<key> or param.<key>"},

		// tagoio_run and tagoio_bucket
		{name: "run url", hcl: `
resource "tagoio_run" "bad" {
  url = "Fleet Portal"
}`, attr: "url", allowed: "lowercase host name such as fleet.run.tago.io"},
		{name: "bucket name", hcl: `
resource "tagoio_bucket" "bad" {
  name = ""
}`, attr: "name", allowed: "between 1 and 100"},
	}
	return append(cases, badFormats()...)
}

// badFormats are values TagoIO would store but that cannot be what the user meant: blank
// provider settings, repeated keys, control characters in names, recipients that are not
// e-mail addresses or phone numbers, regular expressions that do not compile, time zones that
// do not exist.
func badFormats() []badInput {
	const (
		blank         = "must not be empty or blank"
		control       = "must not contain control characters"
		unique        = "must be unique"
		email         = "must be an e-mail address such as jane@example.com"
		phone         = "must be a phone number such as +15555550123"
		runUserFields = "  email    = \"bad@example.com\"\n  timezone = \"UTC\"\n"
	)
	named := func(hcl, name string) string { // the bad resource's name, whichever fixture made it
		if strings.Contains(hcl, `"tfacc-Bad"`) {
			return strings.Replace(hcl, `"tfacc-Bad"`, name, 1)
		}
		return strings.Replace(hcl, `"Bad"`, name, 1)
	}
	twilio := fmt.Sprintf(`twilio_sid = %q, twilio_token = %q`, someID, someID)
	return []badInput{
		// The provider block: an empty value must not fall back to the environment.
		{name: "provider empty token", provider: `token = ""`, attr: "token", allowed: blank},
		{name: "provider blank token", provider: `token = "   "`, attr: "token", allowed: blank},
		{name: "provider empty api_url", provider: `api_url = ""`, attr: "api_url", allowed: blank},
		{name: "provider blank region", provider: `region = " "`, attr: "region", allowed: blank},

		// Keys the API looks elements up by.
		{name: "device duplicate configuration_params keys", hcl: device(`type = "mutable"` + "\n" +
			`configuration_params = [{ key = "interval", value = "60" }, { key = "interval", value = "30" }]`), attr: "key", allowed: unique},
		{name: "action duplicate content_variables names", hcl: intervalAction(`{ interval = "5 minutes" }`,
			`{ type = "whatsapp-twilio", to = "+15555550123", from = "+15555550124", content_sid = "HX1", `+twilio+
				`, content_variables = [{ name = "1", value = "a" }, { name = "1", value = "b" }] }`), attr: "name", allowed: unique},
		{name: "dashboard duplicate blueprint slot names", hcl: fmt.Sprintf(`
resource "tagoio_dashboard" "bad" {
  label = "Bad"
  type  = "blueprint"
  blueprint_devices = [{ id = %q, name = "sensor" }, { id = "6298fcc3e0b6840012b6abfb", name = "sensor" }]
}`, someID), attr: "name", allowed: unique},

		// Control characters in names.
		{name: "device name control character", hcl: named(device(`type = "mutable"`), `"Boiler\nroom"`), attr: "name", allowed: control},
		{name: "device token name control character", hcl: validDevice + `
resource "tagoio_device_token" "bad" {
  device_id  = tagoio_device.ok.id
  name       = "ci\ttoken"
  permission = "full"
}`, attr: "name", allowed: control},
		{name: "action name control character", hcl: named(intervalAction(`{ interval = "5 minutes" }`, postAction), `"Alarm\u0007"`), attr: "name", allowed: control},
		{name: "analysis name control character", hcl: `
resource "tagoio_analysis" "bad" {
  name    = "Report\r\n"
  runtime = "node-rt2025"
}`, attr: "name", allowed: control},
		{name: "bucket name control character", hcl: `
resource "tagoio_bucket" "bad" {
  name = "Old\u001bstore"
}`, attr: "name", allowed: control},
		{name: "run user name control character", hcl: "\nresource \"tagoio_run_user\" \"bad\" {\n  name     = \"Jane\\nDoe\"\n" + runUserFields + "}\n",
			attr: "name", allowed: control},
		{name: "policy name control character", hcl: named(policy(`[["run_user"]]`, allowDashboards), `"Viewers\u0000"`), attr: "name", allowed: control},
		{name: "dashboard label control character", hcl: `
resource "tagoio_dashboard" "bad" {
  label = "Fleet\nOverview"
}`, attr: "label", allowed: control},
		{name: "widget label control character", hcl: strings.Replace(widget(`type = "card"`), `label = "Bad"`, `label = "Temp\t1"`, 1), attr: "label", allowed: control},
		{name: "run name control character", hcl: `
resource "tagoio_run" "bad" {
  name = "Fleet\nPortal"
}`, attr: "name", allowed: control},

		// Recipients: e-mail addresses and phone numbers.
		{name: "email action to", hcl: intervalAction(`{ interval = "5 minutes" }`, `{ type = "email", to = "not-an-email", subject = "s", message = "m" }`),
			attr: "to", allowed: email},
		{name: "email action one bad recipient", hcl: intervalAction(`{ interval = "5 minutes" }`, `{ type = "email", to = "ops@example.com, nobody", subject = "s", message = "m" }`),
			attr: "to", allowed: email},
		{name: "smtp action from", hcl: intervalAction(`{ interval = "5 minutes" }`,
			fmt.Sprintf(`{ type = "email-smtp", to = "ops@example.com", from = "noreply", subject = "s", message = "m", smtp_secret = %q }`, someID)),
			attr: "from", allowed: email},
		{name: "sms action to", hcl: intervalAction(`{ interval = "5 minutes" }`, `{ type = "sms", to = "call me maybe", message = "m" }`),
			attr: "to", allowed: phone},
		{name: "twilio action from", hcl: intervalAction(`{ interval = "5 minutes" }`, `{ type = "sms-twilio", to = "+15555550123", from = "Tago", message = "m", `+twilio+` }`),
			attr: "from", allowed: phone},
		{name: "run user phone", hcl: "\nresource \"tagoio_run_user\" \"bad\" {\n  name     = \"Bad\"\n" + runUserFields + "  phone    = \"not a phone\"\n}\n",
			attr: "phone", allowed: phone},

		// Regular expressions, cron expressions and time zones.
		{name: "device regex does not compile", hcl: device(`type = "hybrid"` + "\n" + `chunk_period = "day"` + "\n" + `chunk_retention = 1` + "\n" + `mutable_variable_regex = "(["`),
			attr: "mutable_variable_regex", allowed: "must be a regular expression that compiles"},
		{name: "action cron with four fields", hcl: action(`type = "schedule"` + "\n" + `trigger = [{ cron = "0 8 * *", timezone = "UTC" }]` + "\n" + `action = ` + postAction),
			attr: "cron", allowed: "5-field cron expression"},
		{name: "action cron shortcut", hcl: action(`type = "schedule"` + "\n" + `trigger = [{ cron = "@daily", timezone = "UTC" }]` + "\n" + `action = ` + postAction),
			attr: "cron", allowed: "5-field cron expression"},
		{name: "action timezone Local", hcl: action(`type = "schedule"` + "\n" + `trigger = [{ cron = "0 8 * * *", timezone = "Local" }]` + "\n" + `action = ` + postAction),
			attr: "timezone", allowed: "IANA timezone name"},
		{name: "widget timezone", hcl: widget(fmt.Sprintf(`type = "card"`+"\n"+`data = [{ origin = %q, timezone = "Mars/Olympus" }]`, someID)),
			attr: "timezone", allowed: "IANA time zone name"},
		{name: "run user timezone case", hcl: "\nresource \"tagoio_run_user\" \"bad\" {\n  name     = \"Bad\"\n  email    = \"bad@example.com\"\n  timezone = \"america/new_york\"\n}\n",
			attr: "timezone", allowed: "IANA time zone name"},
	}
}

// badInputConfig is a complete configuration: the provider block (pointed at the emulator, with
// the case's extra lines), a data source that would be read during the plan if the plan got
// that far, and the case's resources.
func badInputConfig(server *emulator.Server, c badInput) string {
	block := "provider \"tagoio\" {\n"
	if !strings.Contains(c.provider, "token") {
		block += fmt.Sprintf("  token = %q\n", server.Token)
	}
	if !strings.Contains(c.provider, "api_url") {
		block += fmt.Sprintf("  api_url = %q\n", server.URL)
	}
	if c.provider != "" {
		block += "  " + c.provider + "\n"
	}
	return block + "}\n\ndata \"tagoio_account\" \"me\" {}\n" + c.hcl
}

// resourceTypeName is the type name a resource registers, such as tagoio_device.
func resourceTypeName(r fwresource.Resource) string {
	var meta fwresource.MetadataResponse
	r.Metadata(context.Background(), fwresource.MetadataRequest{ProviderTypeName: "tagoio"}, &meta)
	return meta.TypeName
}

// errorPattern matches an error that names attr and allowed, in either order; Terraform wraps
// long lines, so a space matches any run of whitespace.
func errorPattern(attr, allowed string) *regexp.Regexp {
	words := func(s string) string { return strings.ReplaceAll(regexp.QuoteMeta(s), " ", `\s+`) }
	a, v := `\b`+words(attr)+`\b`, words(allowed)
	return regexp.MustCompile(`(?s)` + a + `.*` + v + `|` + v + `.*` + a)
}

// TestAccBadInput_failsAtPlanWithoutARequest runs every invalid configuration as a plan against
// an emulator no other test uses: each fails with an error naming the attribute and what it accepts, and the
// emulator counts no request. The same harness with a valid configuration counts requests, so
// the count is not zero for want of a working harness.
func TestAccBadInput_failsAtPlanWithoutARequest(t *testing.T) {
	t.Parallel()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	cases := badInputs()
	if len(cases) < 60 {
		t.Fatalf("%d invalid configurations, want at least 60", len(cases))
	}
	covered := map[string]bool{}
	for _, c := range append(append(cases, newResourceBadInputs()...), runBadInputs()...) {
		for _, m := range regexp.MustCompile(`resource "(tagoio_[a-z_]+)" "bad"`).FindAllStringSubmatch(c.hcl, -1) {
			covered[m[1]] = true
		}
	}
	for _, newResource := range New("test")().Resources(t.Context()) {
		name := resourceTypeName(newResource())
		if !covered[name] {
			t.Errorf("no invalid configuration for %s", name)
		}
	}

	t.Run("valid control", func(t *testing.T) {
		t.Parallel()
		inProcessOnly(t, "proves zero requests with the emulator's stats")
		server := emulator.NewTestServer(t, emulator.Options{})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:             badInputConfig(server, badInput{hcl: validDevice}),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			}},
		})
		if n := server.Emulator.Stats().Snapshot().Total; n == 0 {
			t.Error("the valid configuration's plan sent no request: the harness cannot tell a rejected plan from one that never asked")
		}
	})
	inProcessOnly(t, "proves zero requests with the emulator's stats")
	expectEachFailsAtPlan(t, cases)
}

// expectEachFailsAtPlan plans each invalid configuration (failingSteps) against one emulator of
// its own, which must have seen no request at the end: every plan failed before asking the API.
// The cases that use write-only attributes run apart, on Terraform CLIs that have them.
func expectEachFailsAtPlan(t *testing.T, cases []badInput) {
	t.Helper()
	groups := map[bool][]badInput{}
	for _, c := range cases {
		groups[c.writeOnly] = append(groups[c.writeOnly], c)
	}
	for writeOnly, group := range groups {
		name := "each fails"
		if writeOnly {
			name = "each write-only one fails"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			server := emulator.NewTestServer(t, emulator.Options{})
			failures := map[string]planFailure{}
			for _, c := range group {
				if _, twice := failures[c.name]; twice {
					t.Fatalf("two cases are named %q", c.name)
				}
				failures[c.name] = planFailure{config: badInputConfig(server, c), want: errorPattern(c.attr, c.allowed).String()}
			}
			tc := resource.TestCase{ProtoV6ProviderFactories: protoV6ProviderFactories, Steps: failingSteps(t, true, failures)}
			if writeOnly {
				tc = withWriteOnly(tc)
			}
			resource.Test(t, tc)
			if stats := server.Emulator.Stats().Snapshot(); stats.Total != 0 {
				t.Errorf("%d requests reached the API: %v", stats.Total, stats.ByRoute)
			}
		})
	}
}

// badBlock is a resource block named "bad" of type typ with one attribute per line.
func badBlock(typ string, lines ...string) string {
	return "\nresource \"" + typ + "\" \"bad\" {\n  " + strings.Join(lines, "\n  ") + "\n}\n"
}
