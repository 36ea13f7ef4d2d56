package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewSecretDataSource is the tagoio_secret data source.
func NewSecretDataSource() datasource.DataSource {
	return &singleDataSource[secretFields]{typeName: "secret", schema: secretDataSourceSchema, oneOf: []string{"id", "key"}, read: readSecret}
}

func secretDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one TagoIO secret, by `id` or by exact `key`, for example to pass its ID to an action. " +
			"TagoIO never returns a secret's value, so this data source has none.",
		Attributes: map[string]schema.Attribute{
			"id":           lookupIDAttribute("Secret ID. Exactly one of `id` and `key` must be set."),
			"key":          lookupValueAttribute("Exact secret key (`*` is not a wildcard here).", stringvalidator.LengthAtLeast(1)),
			"tags":         tagsDataSourceAttribute("secret"),
			"value_length": computedInt64("Length of the stored value."),
			"created_at":   computedString("Creation time (ISO-8601)."),
			"updated_at":   computedString("Last update time (ISO-8601)."),
		},
	}
}

func readSecret(ctx context.Context, c *client.Client, cfg *secretFields, diags *diag.Diagnostics) *secretFields {
	byKey := lookupField[client.Secret]{field: "key", phrase: "with key", idAndValue: func(s client.Secret) (string, string) { return s.ID, s.Key }}
	secret := objectToRead(ctx, cfg.ID, cfg.Key, secretKind, byKey, c.Secrets.List, c.Secrets.Get, diags)
	if secret == nil {
		return nil
	}
	var state secretFields
	state.fromAPI(secret)
	return &state
}
