package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

var _ datasource.DataSourceWithConfigure = &runCustomDomainDataSource{}

// NewRunCustomDomainDataSource is the tagoio_run_custom_domain data source.
func NewRunCustomDomainDataSource() datasource.DataSource { return &runCustomDomainDataSource{} }

type runCustomDomainDataSource struct {
	client *client.Client
}

func (d *runCustomDomainDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_run_custom_domain"
}

func (d *runCustomDomainDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	record := func(desc string) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{
			MarkdownDescription: desc,
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"status":        schema.BoolAttribute{MarkdownDescription: "Whether TagoIO found the record with this value.", Computed: true},
				"type":          computedString("Record type, such as `CNAME` or `TXT`."),
				"key":           computedString("Record name."),
				"value":         computedString("Value the record must have."),
				"current_value": computedString("Value the DNS provider has under `key`, when it has one."),
			},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the custom domain of the TagoRUN of the profile the provider's token belongs to. Fails when the " +
			"TagoRUN has no custom domain.",
		Attributes: map[string]schema.Attribute{
			"id":          computedString("ID of the profile whose TagoRUN has this domain."),
			"domain":      computedString("Domain, such as `example.com`."),
			"subdomain":   computedString("Subdomain, such as `portal`."),
			"email":       computedString("Domain the TagoRUN e-mails are sent from."),
			"active":      schema.BoolAttribute{MarkdownDescription: "Whether TagoIO found every DNS record.", Computed: true},
			"dns_ssl":     record("DNS record for the SSL certificate."),
			"dns_page":    record("DNS record for the TagoRUN page."),
			"dns_email_1": record("First DNS record for the e-mails."),
			"dns_email_2": record("Second DNS record for the e-mails."),
			"dns_email_3": record("Third DNS record for the e-mails."),
			"created_at":  computedString("When the custom domain was set."),
		},
	}
}

func (d *runCustomDomainDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *runCustomDomainDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	profile, err := d.client.Account.CurrentProfile(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, runCustomDomainKind, "of this profile", err)
		return
	}
	domain, err := d.client.RunCustomDomain.Get(ctx, profile.ID)
	if err != nil {
		addReadError(&resp.Diagnostics, runCustomDomainKind, profile.ID, err)
		return
	}
	state := runCustomDomainFields{ID: types.StringValue(profile.ID)}
	state.fromAPI(domain)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
