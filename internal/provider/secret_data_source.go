package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ datasource.DataSourceWithConfigure        = &secretDataSource{}
	_ datasource.DataSourceWithConfigValidators = &secretDataSource{}
)

// NewSecretDataSource is the tagoio_secret data source.
func NewSecretDataSource() datasource.DataSource { return &secretDataSource{} }

type secretDataSource struct {
	client *client.Client
}

func (d *secretDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_secret"
}

func (d *secretDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one TagoIO secret, by `id` or by exact `key`, for example to pass its ID to an action. " +
			"TagoIO never returns a secret's value, so this data source has none.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Secret ID. Exactly one of `id` and `key` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"key": schema.StringAttribute{
				MarkdownDescription: "Exact secret key (`*` is not a wildcard here).",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"tags":         tagsDataSourceAttribute("secret"),
			"value_length": schema.Int64Attribute{MarkdownDescription: "Length of the stored value.", Computed: true},
			"created_at":   schema.StringAttribute{MarkdownDescription: "Creation time (ISO-8601).", Computed: true},
			"updated_at":   schema.StringAttribute{MarkdownDescription: "Last update time (ISO-8601).", Computed: true},
		},
	}
}

func (d *secretDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("key"))}
}

func (d *secretDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *secretDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg secretFields
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := idToRead(ctx, cfg.ID, cfg.Key, secretKind, lookupField[client.Secret]{field: "key", phrase: "with key",
		idAndValue: func(s client.Secret) (string, string) { return s.ID, s.Key }},
		d.client.Secrets.List, &resp.Diagnostics)
	if !ok {
		return
	}
	secret, err := d.client.Secrets.Get(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, secretKind, id, err)
		return
	}
	var state secretFields
	state.fromAPI(secret)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
