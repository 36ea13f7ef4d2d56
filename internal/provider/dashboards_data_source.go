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

var _ datasource.DataSourceWithConfigure = &dashboardsDataSource{}

// NewDashboardsDataSource is the tagoio_dashboards data source.
func NewDashboardsDataSource() datasource.DataSource { return &dashboardsDataSource{} }

type dashboardsDataSource struct {
	client *client.Client
}

type dashboardsDataSourceModel struct {
	Label      types.String           `tfsdk:"label"`
	Type       types.String           `tfsdk:"type"`
	Tags       types.List             `tfsdk:"tags"`
	IDs        []types.String         `tfsdk:"ids"`
	Dashboards []dashboardSummaryItem `tfsdk:"dashboards"`
}

type dashboardSummaryItem struct {
	ID        types.String `tfsdk:"id"`
	Label     types.String `tfsdk:"label"`
	Type      types.String `tfsdk:"type"`
	Visible   types.Bool   `tfsdk:"visible"`
	Tags      types.List   `tfsdk:"tags"`
	CreatedAt types.String `tfsdk:"created_at"`
}

func (d *dashboardsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dashboards"
}

func (d *dashboardsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists TagoIO dashboards, optionally filtered by label, type and tags (the API's list filters). Every page is read.",
		Attributes: map[string]schema.Attribute{
			"label": schema.StringAttribute{
				MarkdownDescription: "Label filter; `*` is a wildcard (`Plant*` matches every label starting with `Plant`).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "Only dashboards of this type: `dashboard` or `blueprint`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(dashboardTypes...)},
			},
			"tags": schema.ListNestedAttribute{
				MarkdownDescription: "Only dashboards having every one of these tags; leave `value` out to match any value of the key.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":   schema.StringAttribute{MarkdownDescription: "Tag key.", Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"value": schema.StringAttribute{MarkdownDescription: "Tag value (optional).", Optional: true},
				}},
			},
			"ids": schema.ListAttribute{MarkdownDescription: "IDs of the matching dashboards, ordered by label.", Computed: true, ElementType: types.StringType},
			"dashboards": schema.ListNestedAttribute{
				MarkdownDescription: "The matching dashboards, ordered by label.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         computed("Dashboard ID."),
					"label":      computed("Dashboard label."),
					"type":       computed("`dashboard` or `blueprint`."),
					"visible":    schema.BoolAttribute{MarkdownDescription: "Whether the dashboard is listed in the sidebar.", Computed: true},
					"tags":       tagsDataSourceAttribute("dashboard"),
					"created_at": computed("Creation time (ISO-8601)."),
				}},
			},
		},
	}
}

func (d *dashboardsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *dashboardsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg dashboardsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := client.ListOptions{Filter: map[string]string{}}
	if !cfg.Label.IsNull() {
		opts.Filter["label"] = cfg.Label.ValueString()
	}
	if !cfg.Type.IsNull() {
		opts.Filter["type"] = cfg.Type.ValueString()
	}
	tags, diags := tagFiltersToAPI(ctx, cfg.Tags)
	resp.Diagnostics.Append(diags...)
	opts.Tags = tags
	dashboards, err := d.client.Dashboards.List(ctx, opts)
	if err != nil {
		addReadError(&resp.Diagnostics, dashboardKind+" list", "", err)
		return
	}
	cfg.IDs = make([]types.String, 0, len(dashboards))
	cfg.Dashboards = make([]dashboardSummaryItem, 0, len(dashboards))
	for _, dash := range dashboards {
		kind := dash.Type
		if kind == "" {
			kind = "dashboard"
		}
		cfg.IDs = append(cfg.IDs, types.StringValue(dash.ID))
		cfg.Dashboards = append(cfg.Dashboards, dashboardSummaryItem{
			ID: types.StringValue(dash.ID), Label: types.StringValue(dash.Label), Type: types.StringValue(kind),
			Visible: boolOr(dash.Visible, true), Tags: tagsFromAPI(dash.Tags), CreatedAt: stringOrNull(&dash.CreatedAt),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
