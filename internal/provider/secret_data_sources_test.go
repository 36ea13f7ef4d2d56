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

func TestAccSecretDataSources(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	mk := func(key, value string, tags ...client.Tag) string {
		return env.madeID(env.client.Secrets.Create(ctx, client.SecretCreate{Key: key, Value: value, Tags: tags}))
	}
	smtp := mk("TFACC_SMTP_PASSWORD", "hunter22", client.Tag{Key: "kind", Value: "mail"})
	mk("TFACC_SMTP_USER", "mailer@example.com", client.Tag{Key: "kind", Value: "mail"})
	twilio := mk("TFACC_TWILIO_TOKEN", "tw-123456")

	resource.ParallelTest(t, env.test(resource.TestStep{
		Config: env.config(`
data "tagoio_secret" "by_id" { id = %q }
data "tagoio_secret" "by_key" { key = "TFACC_TWILIO_TOKEN" }
data "tagoio_secrets" "smtp" { key = "TFACC_SMTP_*" }
data "tagoio_secrets" "mail" { tags = [{ key = "kind", value = "mail" }] }`, smtp),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.tagoio_secret.by_id", tfjsonpath.New("key"), knownvalue.StringExact("TFACC_SMTP_PASSWORD")),
			statecheck.ExpectKnownValue("data.tagoio_secret.by_id", tfjsonpath.New("value_length"), knownvalue.Int64Exact(8)),
			statecheck.ExpectKnownValue("data.tagoio_secret.by_id", tfjsonpath.New("tags").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact("mail")),
			statecheck.ExpectKnownValue("data.tagoio_secret.by_key", tfjsonpath.New("id"), knownvalue.StringExact(twilio)),
			statecheck.ExpectKnownValue("data.tagoio_secrets.smtp", tfjsonpath.New("secrets"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"key": knownvalue.StringExact("TFACC_SMTP_PASSWORD")}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"key": knownvalue.StringExact("TFACC_SMTP_USER")}),
			})),
			statecheck.ExpectKnownValue("data.tagoio_secrets.mail", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
		},
	}))

	env.eachBlockFails(t, "data \"tagoio_secret\" \"x\"", false, map[string]blockCase{
		"unknown key":  {`key = "NOPE"`, `No secret has key "NOPE"`},
		"neither":      {``, `Exactly one of these attributes must be configured`},
		"malformed id": {`id = "abc"`, `24 lowercase hexadecimal`},
	})
}
