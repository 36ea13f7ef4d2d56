package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewRunCustomDomainDataSource is the tagoio_run_custom_domain data source.
func NewRunCustomDomainDataSource() datasource.DataSource {
	return &singleDataSource[runCustomDomainFields]{typeName: "run_custom_domain", schema: runCustomDomainDataSourceSchema, read: readRunCustomDomain}
}

func runCustomDomainDataSourceSchema() schema.Schema {
	record := func(desc string) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{
			MarkdownDescription: desc,
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"status":        computedBool("Whether TagoIO found the record with this value."),
				"type":          computedString("Record type, such as `CNAME` or `TXT`."),
				"key":           computedString("Record name."),
				"value":         computedString("Value the record must have."),
				"current_value": computedString("Value the DNS provider has under `key`, when it has one."),
			},
		}
	}
	return schema.Schema{
		MarkdownDescription: "Reads the custom domain of the TagoRUN of the profile the provider's token belongs to. Fails when the " +
			"TagoRUN has no custom domain.",
		Attributes: map[string]schema.Attribute{
			"id":          computedString("ID of the profile whose TagoRUN has this domain."),
			"domain":      computedString("Domain, such as `example.com`."),
			"subdomain":   computedString("Subdomain, such as `portal`."),
			"email":       computedString("Domain the TagoRUN e-mails are sent from."),
			"active":      computedBool("Whether TagoIO found every DNS record."),
			"dns_ssl":     record("DNS record for the SSL certificate."),
			"dns_page":    record("DNS record for the TagoRUN page."),
			"dns_email_1": record("First DNS record for the e-mails."),
			"dns_email_2": record("Second DNS record for the e-mails."),
			"dns_email_3": record("Third DNS record for the e-mails."),
			"created_at":  computedString("When the custom domain was set."),
		},
	}
}

func readRunCustomDomain(ctx context.Context, c *client.Client, _ *runCustomDomainFields, diags *diag.Diagnostics) *runCustomDomainFields {
	profile, err := c.Account.CurrentProfile(ctx)
	if err != nil {
		addReadError(diags, runCustomDomainKind, "of this profile", err)
		return nil
	}
	domain, err := c.RunCustomDomain.Get(ctx, profile.ID)
	if err != nil {
		addReadError(diags, runCustomDomainKind, profile.ID, err)
		return nil
	}
	state := runCustomDomainFields{ID: types.StringValue(profile.ID)}
	state.fromAPI(domain)
	return &state
}
