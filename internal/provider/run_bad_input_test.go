package provider

import (
	"os"
	"testing"
)

// runBadInputs are the invalid configurations of the TagoRUN settings added with issue 14 (sign-up
// fields) and of tagoio_run_custom_domain; the coverage check of
// TestAccBadInput_failsAtPlanWithoutARequest counts them too.
func runBadInputs() []badInput {
	return []badInput{
		{name: "run signup field empty name", hcl: "\nresource \"tagoio_run\" \"bad\" {\n  signup_fields = [{ name = \"\" }]\n}\n",
			attr: "name", allowed: "at least 1"},
		{name: "run signup field name control character", hcl: "\nresource \"tagoio_run\" \"bad\" {\n  signup_fields = [{ name = \"com\\npany\" }]\n}\n",
			attr: "name", allowed: "must not contain control characters"},
		{name: "run signup field empty type", hcl: "\nresource \"tagoio_run\" \"bad\" {\n  signup_fields = [{ name = \"company\", type = \"\" }]\n}\n",
			attr: "type", allowed: "at least 1"},
		{name: "run signup field empty placeholder", hcl: "\nresource \"tagoio_run\" \"bad\" {\n  signup_fields = [{ name = \"company\", placeholder = \"\" }]\n}\n",
			attr: "placeholder", allowed: "at least 1"},
		{name: "run dictionary not an id", hcl: "\nresource \"tagoio_run\" \"bad\" {\n  dictionary = \"TFACCRUN\"\n}\n",
			attr: "dictionary", allowed: "24 lowercase hexadecimal characters"},
		// tagoio_run_custom_domain
		{name: "run custom domain domain without a dot", hcl: runCustomDomainBad(`domain = "localhost"`, `subdomain = "portal"`, `email = "example.com"`),
			attr: "domain", allowed: "lowercase domain name such as example.com"},
		{name: "run custom domain uppercase domain", hcl: runCustomDomainBad(`domain = "Example.com"`, `subdomain = "portal"`, `email = "example.com"`),
			attr: "domain", allowed: "lowercase domain name such as example.com"},
		{name: "run custom domain subdomain with a dot", hcl: runCustomDomainBad(`domain = "example.com"`, `subdomain = "fleet.portal"`, `email = "example.com"`),
			attr: "subdomain", allowed: "one lowercase DNS label such as portal"},
		{name: "run custom domain email an address", hcl: runCustomDomainBad(`domain = "example.com"`, `subdomain = "portal"`, `email = "ops@example.com"`),
			attr: "email", allowed: "lowercase domain name such as example.com"},
	}
}

// TestAccBadInputRun_failsAtPlanWithoutARequest runs runBadInputs the way
// TestAccBadInput_failsAtPlanWithoutARequest runs the others: each fails at plan time naming the
// attribute and what it accepts, and no request reaches the API.
func TestAccBadInputRun_failsAtPlanWithoutARequest(t *testing.T) {
	t.Parallel()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	inProcessOnly(t, "proves zero requests with the emulator's stats")
	expectEachFailsAtPlan(t, runBadInputs())
}

func runCustomDomainBad(lines ...string) string {
	return badBlock("tagoio_run_custom_domain", lines...)
}
