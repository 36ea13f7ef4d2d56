package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var _ datasource.DataSourceWithConfigure = &dashboardWidgetsDataSource{}

// NewDashboardWidgetsDataSource is the tagoio_dashboard_widgets data source.
func NewDashboardWidgetsDataSource() datasource.DataSource { return &dashboardWidgetsDataSource{} }

type dashboardWidgetsDataSource struct {
	client *client.Client
}

type dashboardWidgetsDataSourceModel struct {
	DashboardID types.String   `tfsdk:"dashboard_id"`
	IDs         []types.String `tfsdk:"ids"`
	Widgets     []widgetFields `tfsdk:"widgets"`
}

func (d *dashboardWidgetsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dashboard_widgets"
}

func (d *dashboardWidgetsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the widgets of a TagoIO dashboard, in the order of its arrangement. TagoIO has no route that lists " +
			"a dashboard's widgets, so this reads the dashboard's arrangement and then each widget in it (one request per widget): " +
			"a widget that is not on the grid is not listed.",
		Attributes: map[string]schema.Attribute{
			"dashboard_id": schema.StringAttribute{
				MarkdownDescription: "Dashboard ID.",
				Required:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"ids": schema.ListAttribute{MarkdownDescription: "IDs of the widgets, in arrangement order.", Computed: true, ElementType: types.StringType},
			"widgets": schema.ListNestedAttribute{
				MarkdownDescription: "The widgets, in arrangement order.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: widgetDataSourceAttributes()},
			},
		},
	}
}

func (d *dashboardWidgetsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *dashboardWidgetsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg dashboardWidgetsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	dashboardID := cfg.DashboardID.ValueString()
	dashboard, err := d.client.Dashboards.Get(ctx, dashboardID)
	if err != nil {
		addReadError(&resp.Diagnostics, dashboardKind, dashboardID, err)
		return
	}
	cfg.IDs = []types.String{}
	cfg.Widgets = []widgetFields{}
	seen := map[string]bool{}
	for _, entry := range dashboard.Arrangement {
		if seen[entry.WidgetID] {
			continue
		}
		seen[entry.WidgetID] = true
		widget, err := d.client.Widgets.Get(ctx, dashboardID, entry.WidgetID)
		if client.IsNotFound(err) {
			continue // an entry left behind by a widget deleted without cleaning the arrangement
		}
		if err != nil {
			addReadError(&resp.Diagnostics, widgetKind, entry.WidgetID, err)
			return
		}
		var w widgetFields
		w.fromAPI(widget, dashboardID, &entry)
		cfg.IDs = append(cfg.IDs, w.ID)
		cfg.Widgets = append(cfg.Widgets, w)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
