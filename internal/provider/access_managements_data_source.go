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

var _ datasource.DataSourceWithConfigure = &accessManagementsDataSource{}

// NewAccessManagementsDataSource is the tagoio_access_managements data source.
func NewAccessManagementsDataSource() datasource.DataSource { return &accessManagementsDataSource{} }

type accessManagementsDataSource struct {
	client *client.Client
}

type accessManagementsDataSourceModel struct {
	Name     types.String              `tfsdk:"name"`
	Tags     types.List                `tfsdk:"tags"`
	IDs      []types.String            `tfsdk:"ids"`
	Policies []accessPolicySummaryItem `tfsdk:"policies"`
}

type accessPolicySummaryItem struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Active    types.Bool   `tfsdk:"active"`
	Tags      types.List   `tfsdk:"tags"`
	CreatedAt types.String `tfsdk:"created_at"`
}

func (d *accessManagementsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_access_managements"
}

func (d *accessManagementsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists Access Management policies, optionally filtered by name and tags (the API's list filters). " +
			"Every page is read. TagoIO's list holds no targets or permissions: read one policy with `tagoio_access_management` for those.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "Name filter; `*` is a wildcard (`Sensors*` matches every name starting with `Sensors`).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"tags": schema.ListNestedAttribute{
				MarkdownDescription: "Only policies having every one of these tags; leave `value` out to match any value of the key.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":   schema.StringAttribute{MarkdownDescription: "Tag key.", Required: true},
					"value": schema.StringAttribute{MarkdownDescription: "Tag value (optional).", Optional: true},
				}},
			},
			"ids": schema.ListAttribute{MarkdownDescription: "IDs of the matching policies, ordered by name.", Computed: true, ElementType: types.StringType},
			"policies": schema.ListNestedAttribute{
				MarkdownDescription: "The matching policies, ordered by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         computed("Policy ID."),
					"name":       computed("Policy name."),
					"active":     schema.BoolAttribute{MarkdownDescription: "Whether the policy applies.", Computed: true},
					"tags":       tagsDataSourceAttribute("policy"),
					"created_at": computed("Creation time (ISO-8601)."),
				}},
			},
		},
	}
}

func (d *accessManagementsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *accessManagementsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg accessManagementsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := client.ListOptions{Filter: map[string]string{}}
	if !cfg.Name.IsNull() {
		opts.Filter["name"] = cfg.Name.ValueString()
	}
	tags, diags := tagFiltersToAPI(ctx, cfg.Tags)
	resp.Diagnostics.Append(diags...)
	opts.Tags = tags
	policies, err := d.client.AccessManagement.List(ctx, opts)
	if err != nil {
		addReadError(&resp.Diagnostics, accessPolicyKind+" list", "", err)
		return
	}
	cfg.IDs = make([]types.String, 0, len(policies))
	cfg.Policies = make([]accessPolicySummaryItem, 0, len(policies))
	for _, p := range policies {
		cfg.IDs = append(cfg.IDs, types.StringValue(p.ID))
		cfg.Policies = append(cfg.Policies, accessPolicySummaryItem{
			ID: types.StringValue(p.ID), Name: types.StringValue(p.Name), Active: types.BoolValue(p.Active),
			Tags: tagsFromAPI(p.Tags), CreatedAt: stringOrNull(&p.CreatedAt),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
