package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewDashboardWidgetDataSource is the tagoio_dashboard_widget data source.
func NewDashboardWidgetDataSource() datasource.DataSource {
	return &singleDataSource[widgetFields]{typeName: "dashboard_widget", schema: dashboardWidgetDataSourceSchema, read: readDashboardWidget}
}

func dashboardWidgetDataSourceSchema() schema.Schema {
	attrs := widgetDataSourceAttributes()
	attrs["id"] = requiredIDAttribute("Widget ID.")
	attrs["dashboard_id"] = requiredIDAttribute("ID of the widget's dashboard.")
	return schema.Schema{
		MarkdownDescription: "Reads one widget of a TagoIO dashboard, with its place on the grid.",
		Attributes:          attrs,
	}
}

func readDashboardWidget(ctx context.Context, c *client.Client, cfg *widgetFields, diags *diag.Diagnostics) *widgetFields {
	id, dashboardID := cfg.ID.ValueString(), cfg.DashboardID.ValueString()
	widget, err := c.Widgets.Get(ctx, dashboardID, id)
	if err != nil {
		addReadError(diags, widgetKind, id, err)
		return nil
	}
	entries, err := readArrangement(ctx, c, dashboardID)
	if err != nil {
		addReadError(diags, arrangementKind, dashboardID, err)
		return nil
	}
	var state widgetFields
	state.fromAPI(widget, dashboardID, arrangementEntryOf(entries, id))
	return &state
}

// widgetDataSourceAttributes are the computed attributes of a widget in the data sources.
func widgetDataSourceAttributes() map[string]schema.Attribute {
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
				"variables":  computedStrings("Variables read."),
				"qty":        computedInt64("How many records are read."),
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
				"x":      computedFloat64("Column of the left edge."),
				"y":      computedFloat64("Row of the top edge."),
				"width":  computedFloat64("Width in grid columns."),
				"height": computedFloat64("Height in grid rows."),
				"tab":    computedString("Tab key; null for the first tab."),
			},
		},
	}
}
