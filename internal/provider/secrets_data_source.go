package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

var _ datasource.DataSourceWithConfigure = &secretsDataSource{}

// NewSecretsDataSource is the tagoio_secrets data source.
func NewSecretsDataSource() datasource.DataSource { return &secretsDataSource{} }

type secretsDataSource struct {
	client *client.Client
}

type secretsDataSourceModel struct {
	Key     types.String   `tfsdk:"key"`
	Tags    types.List     `tfsdk:"tags"`
	IDs     []types.String `tfsdk:"ids"`
	Secrets []secretFields `tfsdk:"secrets"`
}

func (d *secretsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_secrets"
}

func (d *secretsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists TagoIO secrets, optionally filtered by key and tags (the API's list filters). Every page is read. " +
			"Values are never returned.",
		Attributes: map[string]schema.Attribute{
			"key": schema.StringAttribute{
				MarkdownDescription: "Key filter; `*` is a wildcard (`SMTP_*` matches every key starting with `SMTP_`).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"tags": schema.ListNestedAttribute{
				MarkdownDescription: "Only secrets having every one of these tags; leave `value` out to match any value of the key.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":   schema.StringAttribute{MarkdownDescription: "Tag key.", Required: true},
					"value": schema.StringAttribute{MarkdownDescription: "Tag value (optional).", Optional: true},
				}},
			},
			"ids": schema.ListAttribute{MarkdownDescription: "IDs of the matching secrets, ordered by key.", Computed: true, ElementType: types.StringType},
			"secrets": schema.ListNestedAttribute{
				MarkdownDescription: "The matching secrets, ordered by key.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           computed("Secret ID."),
					"key":          computed("Secret key."),
					"tags":         tagsDataSourceAttribute("secret"),
					"value_length": schema.Int64Attribute{MarkdownDescription: "Length of the stored value.", Computed: true},
					"created_at":   computed("Creation time (ISO-8601)."),
					"updated_at":   computed("Last update time (ISO-8601)."),
				}},
			},
		},
	}
}

func (d *secretsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *secretsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg secretsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := client.ListOptions{Filter: map[string]string{}}
	if !cfg.Key.IsNull() {
		opts.Filter["key"] = cfg.Key.ValueString()
	}
	tags, diags := tagFiltersToAPI(ctx, cfg.Tags)
	resp.Diagnostics.Append(diags...)
	opts.Tags = tags
	secrets, err := d.client.Secrets.List(ctx, opts)
	if err != nil {
		addReadError(&resp.Diagnostics, secretKind+" list", "", err)
		return
	}
	cfg.IDs = make([]types.String, 0, len(secrets))
	cfg.Secrets = make([]secretFields, 0, len(secrets))
	for i := range secrets {
		var item secretFields
		item.fromAPI(&secrets[i])
		cfg.IDs = append(cfg.IDs, item.ID)
		cfg.Secrets = append(cfg.Secrets, item)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
