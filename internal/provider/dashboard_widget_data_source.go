package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var _ datasource.DataSourceWithConfigure = &dashboardWidgetDataSource{}

// NewDashboardWidgetDataSource is the tagoio_dashboard_widget data source.
func NewDashboardWidgetDataSource() datasource.DataSource { return &dashboardWidgetDataSource{} }

type dashboardWidgetDataSource struct {
	client *client.Client
}

func (d *dashboardWidgetDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dashboard_widget"
}

func (d *dashboardWidgetDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := widgetDataSourceAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "Widget ID.",
		Required:            true,
		Validators:          []validator.String{validate.ObjectID()},
	}
	attrs["dashboard_id"] = schema.StringAttribute{
		MarkdownDescription: "ID of the widget's dashboard.",
		Required:            true,
		Validators:          []validator.String{validate.ObjectID()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one widget of a TagoIO dashboard, with its place on the grid.",
		Attributes:          attrs,
	}
}

// widgetDataSourceAttributes are the computed attributes of a widget in the data sources.
func widgetDataSourceAttributes() map[string]schema.Attribute {
	number := func(desc string) schema.Float64Attribute {
		return schema.Float64Attribute{MarkdownDescription: desc, Computed: true}
	}
	return map[string]schema.Attribute{
		"id":           computedString("Widget ID."),
		"dashboard_id": computedString("ID of the widget's dashboard."),
		"label":        computedString("Title shown on the widget."),
		"type":         computedString("Widget type."),
		"realtime":     computedBool("Whether the widget updates live."),
		"analysis_run": computedString("ID of the analysis the widget runs."),
		"data": schema.ListNestedAttribute{
			MarkdownDescription: "Where the widget's data comes from, in order.",
			Computed:            true,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"origin":     computedString("Device (or blueprint device) ID."),
				"variables":  schema.ListAttribute{MarkdownDescription: "Variables read.", Computed: true, ElementType: types.StringType},
				"qty":        schema.Int64Attribute{MarkdownDescription: "How many records are read.", Computed: true},
				"query":      computedString("Data query."),
				"timezone":   computedString("Time zone of the query's dates."),
				"bucket":     computedString("Data store (bucket) ID."),
				"start_date": computedString("Start of the period read."),
				"end_date":   computedString("End of the period read."),
				"overwrite":  computedBool("The entry's `overwrite` flag."),
			}},
		},
		"resource": schema.ListNestedAttribute{
			MarkdownDescription: "Device lists shown by device-list widgets, in order.",
			Computed:            true,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"type":     computedString("What the list holds."),
				"filter":   tagsDataSourceAttribute("device list filter"),
				"view":     computedString("Column shown."),
				"editable": computedString("What the user may edit."),
			}},
		},
		"display": schema.StringAttribute{MarkdownDescription: "Type-specific settings as JSON.", Computed: true, CustomType: jsontypes.NormalizedType{}},
		"position": schema.SingleNestedAttribute{
			MarkdownDescription: "Where the widget sits on the grid; null when it is not on the grid.",
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"x":      number("Column of the left edge."),
				"y":      number("Row of the top edge."),
				"width":  number("Width in grid columns."),
				"height": number("Height in grid rows."),
				"tab":    computedString("Tab key; null for the first tab."),
			},
		},
	}
}

func (d *dashboardWidgetDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *dashboardWidgetDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg widgetFields
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, dashboardID := cfg.ID.ValueString(), cfg.DashboardID.ValueString()
	widget, err := d.client.Widgets.Get(ctx, dashboardID, id)
	if err != nil {
		addReadError(&resp.Diagnostics, widgetKind, id, err)
		return
	}
	entries, err := readArrangement(ctx, d.client, dashboardID)
	if err != nil {
		addReadError(&resp.Diagnostics, arrangementKind, dashboardID, err)
		return
	}
	var state widgetFields
	state.fromAPI(widget, dashboardID, arrangementEntryOf(entries, id))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
