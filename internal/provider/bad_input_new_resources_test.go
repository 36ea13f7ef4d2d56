package provider

import (
	"os"
	"strings"
	"testing"
)

// newResourceBadInputs are the invalid configurations of the resources added with issue 14; the
// coverage check of TestAccBadInput_failsAtPlanWithoutARequest counts them too.
func newResourceBadInputs() []badInput {
	return []badInput{
		// tagoio_dictionary
		{name: "dictionary slug lowercase", hcl: dictionaryHCL(`slug = "adm"`, `fallback = "en-US"`, `languages = { "en-US" = {} }`),
			attr: "slug", allowed: "uppercase letters and digits"},
		{name: "dictionary slug with underscore", hcl: dictionaryHCL(`slug = "ADM_1"`, `fallback = "en-US"`, `languages = { "en-US" = {} }`),
			attr: "slug", allowed: "uppercase letters and digits"},
		{name: "dictionary fallback not a language", hcl: dictionaryHCL(`slug = "ADM"`, `fallback = "fr-FR"`, `languages = { "en-US" = {} }`),
			attr: "fallback", allowed: "one of the keys of languages"},
		{name: "dictionary language code", hcl: dictionaryHCL(`slug = "ADM"`, `fallback = "en-US"`, `languages = { "en-US" = {}, "english!" = {} }`),
			attr: "languages", allowed: "language code such as en-US"},
		{name: "dictionary expression key", hcl: dictionaryHCL(`slug = "ADM"`, `fallback = "en-US"`, `languages = { "en-US" = { expressions = { "hello world" = "x" } } }`),
			attr: "expressions", allowed: "uppercase letters, digits and underscores"},
		{name: "dictionary empty name", hcl: "\nresource \"tagoio_dictionary\" \"bad\" {\n  name = \"\"\n  slug = \"ADM\"\n  fallback = \"en-US\"\n  languages = { \"en-US\" = {} }\n}\n",
			attr: "name", allowed: "between 1 and 100"},
		{name: "dictionary name control character", hcl: "\nresource \"tagoio_dictionary\" \"bad\" {\n  name = \"tfacc-\\tbad\"\n  slug = \"ADM\"\n  fallback = \"en-US\"\n  languages = { \"en-US\" = {} }\n}\n",
			attr: "name", allowed: "must not contain control characters"},
		// tagoio_connector
		{name: "connector network id", hcl: connectorHCL(`networks = ["http"]`), attr: "networks", allowed: "24"},
		{name: "connector duplicate network", hcl: connectorHCL(`networks = ["62336c32ab6e0d0012e06c04", "62336c32ab6e0d0012e06c04"]`),
			attr: "networks", allowed: "Duplicate List Value"},
		{name: "connector empty networks", hcl: connectorHCL(`networks = []`), attr: "networks", allowed: "at least 1"},
		{name: "connector empty decoder", hcl: connectorHCL(`payload_decoder = ""`), attr: "payload_decoder", allowed: "at least 1"},
		{name: "connector name control character", hcl: strings.Replace(connectorHCL(), `"tfacc-bad"`, `"tfacc-\tbad"`, 1),
			attr: "name", allowed: "must not contain control characters"},
		{name: "connector empty device parameters", hcl: connectorHCL(`device_parameters = []`), attr: "device_parameters", allowed: "at least 1"},
		// tagoio_network
		{name: "network empty name", hcl: "\nresource \"tagoio_network\" \"bad\" {\n  name = \"\"\n}\n", attr: "name", allowed: "between 1 and 100"},
		{name: "network empty serial label", hcl: "\nresource \"tagoio_network\" \"bad\" {\n  name = \"tfacc-bad\"\n  serial_number = { label = \"\" }\n}\n",
			attr: "label", allowed: "at least 1"},
		{name: "network empty parameter name", hcl: "\nresource \"tagoio_network\" \"bad\" {\n  name = \"tfacc-bad\"\n  device_parameters = [{ name = \"\" }]\n}\n",
			attr: "name", allowed: "at least 1"},
		{name: "network parameter number default", hcl: "\nresource \"tagoio_network\" \"bad\" {\n  name = \"tfacc-bad\"\n  device_parameters = [{ type = \"number\", default = \"8080.0\" }]\n}\n",
			attr: "default", allowed: `write "8080"`},
		{name: "connector parameter switch default", hcl: connectorHCL(`device_parameters = [{ type = "switch", default = "TRUE" }]`),
			attr: "default", allowed: `write "true"`},
		// tagoio_entity
		{name: "entity name control character", hcl: strings.Replace(entityHCL(`fields = { sku = { type = "string" } }`), `"tfacc-bad"`, `"tfacc-\nbad"`, 1),
			attr: "name", allowed: "must not contain control characters"},
		{name: "entity field type", hcl: entityHCL(`fields = { amount = { type = "decimal" } }`),
			attr: "type", allowed: "uuid"},
		{name: "entity field name", hcl: entityHCL(`fields = { "Amount" = { type = "float" } }`),
			attr: "fields", allowed: "lowercase letters, digits and underscores"},
		{name: "entity built-in field", hcl: entityHCL(`fields = { created_at = { type = "timestamp" } }`),
			attr: "fields", allowed: "none of"},
		{name: "entity empty index", hcl: entityHCL(`fields = { sku = { type = "string" } }`, `indexes = { sku_idx = { fields = [] } }`),
			attr: "fields", allowed: "at least 1"},
		{name: "entity index over an unknown field", hcl: entityHCL(`fields = { sku = { type = "string" } }`, `indexes = { sku_idx = { fields = ["price"] } }`),
			attr: "fields", allowed: "not a field of the entity"},
		// tagoio_service_authorization
		{name: "service authorization name control character", hcl: "\nresource \"tagoio_service_authorization\" \"bad\" {\n  name = \"tfacc-\\u0007bad\"\n}\n",
			attr: "name", allowed: "must not contain control characters"},
		{name: "service authorization permission", hcl: "\nresource \"tagoio_service_authorization\" \"bad\" {\n  name = \"tfacc-bad\"\n  permission = \"admin\"\n}\n",
			attr: "permission", allowed: `one of: ["full" "write" "read"]`},
		{name: "service authorization empty name", hcl: "\nresource \"tagoio_service_authorization\" \"bad\" {\n  name = \"\"\n}\n",
			attr: "name", allowed: "between 1 and 100"},
		{name: "service authorization long code", hcl: "\nresource \"tagoio_service_authorization\" \"bad\" {\n  name = \"tfacc-bad\"\n  verification_code = \"" + strings.Repeat("x", 201) + "\"\n}\n",
			attr: "verification_code", allowed: "at most 200"},
		// tagoio_file
		{name: "file empty path", hcl: fileHCL(`path = ""`, `content = "x"`), attr: "path", allowed: "must start with /"},
		{name: "file relative path", hcl: fileHCL(`path = "reports/a.csv"`, `content = "x"`), attr: "path", allowed: "must start with /"},
		{name: "file path with ..", hcl: fileHCL(`path = "/reports/../a.csv"`, `content = "x"`), attr: "path", allowed: "must not contain . or .. parts"},
		{name: "file path of a folder", hcl: fileHCL(`path = "/reports/"`, `content = "x"`), attr: "path", allowed: "not a folder"},
		{name: "file path with an empty folder", hcl: fileHCL(`path = "/reports//a.csv"`, `content = "x"`), attr: "path", allowed: "empty folder name"},
		{name: "file path control character", hcl: fileHCL(`path = "/a\tb.csv"`, `content = "x"`), attr: "path", allowed: "control characters"},
		{name: "file missing source file", hcl: fileHCL(`path = "/tfacc-a.csv"`, `source = "/nonexistent/tfacc-missing.csv"`),
			attr: "source", allowed: "cannot be read"},
		{name: "file source is a directory", hcl: fileHCL(`path = "/tfacc-a.csv"`, `source = "/"`), attr: "source", allowed: "directory"},
		{name: "file blank source", hcl: fileHCL(`path = "/tfacc-a.csv"`, `source = " "`), attr: "source", allowed: "must not be empty or blank"},
		{name: "file source and content", hcl: fileHCL(`path = "/tfacc-a.csv"`, `source = "/etc/hostname"`, `content = "x"`),
			attr: "content", allowed: "cannot be specified when"},
		{name: "file content_base64 not base64", hcl: fileHCL(`path = "/tfacc-a.bin"`, `content_base64 = "not base64!"`),
			attr: "content_base64", allowed: "must be standard base64"},
		// tagoio_profile_team_member
		{name: "team member email not an address", hcl: "\nresource \"tagoio_profile_team_member\" \"bad\" {\n  email = \"tfacc-ana\"\n}\n",
			attr: "email", allowed: "must be an e-mail address"},
		{name: "team member email with a display name", hcl: "\nresource \"tagoio_profile_team_member\" \"bad\" {\n  email = \"Ana <tfacc-ana@example.com>\"\n}\n",
			attr: "email", allowed: "must be an e-mail address"},
		{name: "team member email empty", hcl: "\nresource \"tagoio_profile_team_member\" \"bad\" {\n  email = \"\"\n}\n",
			attr: "email", allowed: "must be an e-mail address"},
	}
}

func fileHCL(lines ...string) string {
	return badBlock("tagoio_file", lines...)
}

func entityHCL(lines ...string) string {
	return badBlock("tagoio_entity", append([]string{`name = "tfacc-bad"`}, lines...)...)
}

func connectorHCL(lines ...string) string {
	return badBlock("tagoio_connector", append([]string{`name = "tfacc-bad"`}, lines...)...)
}

func dictionaryHCL(lines ...string) string {
	return badBlock("tagoio_dictionary", append([]string{`name = "tfacc-bad"`}, lines...)...)
}

// TestAccBadInputNewResources_failsAtPlanWithoutARequest runs the new resources' invalid
// configurations the way TestAccBadInput_failsAtPlanWithoutARequest runs the others: each fails
// at plan time naming the attribute and what it accepts, and no request reaches the API.
func TestAccBadInputNewResources_failsAtPlanWithoutARequest(t *testing.T) {
	t.Parallel()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	expectEachFailsAtPlan(t, newResourceBadInputs())
}
