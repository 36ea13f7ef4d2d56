package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewDashboardDataSource is the tagoio_dashboard data source.
func NewDashboardDataSource() datasource.DataSource {
	return &singleDataSource[dashboardDataSourceModel]{typeName: "dashboard", schema: dashboardDataSourceSchema, oneOf: []string{"id", "label"}, read: readDashboard}
}

func dashboardDataSourceSchema() schema.Schema {
	keyValue := func(desc string) schema.ListNestedAttribute {
		return schema.ListNestedAttribute{MarkdownDescription: desc, Computed: true, NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{"key": computedString("Tag key."), "value": computedString("Tag value.")},
		}}
	}
	return schema.Schema{
		MarkdownDescription: "Reads one TagoIO dashboard, by `id` or by exact `label`, with where its widgets sit.",
		Attributes: map[string]schema.Attribute{
			"id":      lookupIDAttribute("Dashboard ID. Exactly one of `id` and `label` must be set."),
			"label":   lookupValueAttribute("Exact dashboard label (`*` is not a wildcard here). It must match exactly one dashboard."),
			"type":    computedString("`dashboard` or `blueprint`."),
			"visible": computedBool("Whether the dashboard is listed in the sidebar."),
			"tags":    tagsDataSourceAttribute("dashboard"),
			"tabs": schema.ListNestedAttribute{
				MarkdownDescription: "Tabs, in order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":    computedString("Tab key."),
					"value":  computedString("Tab title."),
					"link":   computedString("Link the tab opens."),
					"hidden": computedBool("Whether the tab is hidden."),
				}},
			},
			"group_by": computedStrings("Tag keys the sidebar groups by."),
			"icon": schema.SingleNestedAttribute{
				MarkdownDescription: "Sidebar icon; null when none.",
				Computed:            true,
				Attributes:          map[string]schema.Attribute{"url": computedString("Icon URL."), "color": computedString("Icon color.")},
			},
			"blueprint_devices": schema.ListNestedAttribute{
				MarkdownDescription: "Blueprint device slots, in order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         computedString("Slot ID."),
					"name":       computedString("Slot name."),
					"label":      computedString("Selector label."),
					"type":       computedString("`device` or `entity`."),
					"conditions": keyValue("Tags a device must have."),
					"filter_conditions": schema.ListNestedAttribute{
						MarkdownDescription: "Filters on another slot's device.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"type": computedString("Filter kind."), "tag_key": computedString("Tag key."), "blueprint_device": computedString("Other slot's name."),
						}},
					},
				}},
			},
			"blueprint_device_behavior":   computedString("When the device selector shows."),
			"blueprint_selector_behavior": computedString("How the device selector opens."),
			"theme":                       schema.StringAttribute{MarkdownDescription: "Colors and styles (JSON).", Computed: true, CustomType: jsontypes.NormalizedType{}},
			"background":                  schema.StringAttribute{MarkdownDescription: "Background settings (JSON).", Computed: true, CustomType: jsontypes.NormalizedType{}},
			"setup":                       schema.StringAttribute{MarkdownDescription: "Setup settings (JSON).", Computed: true, CustomType: jsontypes.NormalizedType{}},
			"created_at":                  computedString("Creation time (ISO-8601)."),
			"updated_at":                  computedString("Last update time (ISO-8601)."),
			"arrangement": schema.ListNestedAttribute{
				MarkdownDescription: "Where each widget sits on the grid, in the API's order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"widget_id": computedString("Widget ID."),
					"x":         computedFloat64("Column of the left edge."),
					"y":         computedFloat64("Row of the top edge."),
					"width":     computedFloat64("Width in grid columns."),
					"height":    computedFloat64("Height in grid rows."),
					"tab":       computedString("Tab key; null for the first tab."),
				}},
			},
		},
	}
}

func readDashboard(ctx context.Context, c *client.Client, cfg *dashboardDataSourceModel, diags *diag.Diagnostics) *dashboardDataSourceModel {
	byLabel := lookupField[client.Dashboard]{field: "label", phrase: "labelled",
		idAndValue: func(dash client.Dashboard) (string, string) { return dash.ID, dash.Label }}
	dashboard := objectToRead(ctx, cfg.ID, cfg.Label, dashboardKind, byLabel, c.Dashboards.List, c.Dashboards.Get, diags)
	if dashboard == nil {
		return nil
	}
	state := dashboardDataSourceModel{Arrangement: arrangementFromAPI(dashboard.Arrangement)}
	state.fromAPI(dashboard)
	return &state
}

type dashboardDataSourceModel struct {
	dashboardFields
	Arrangement types.List `tfsdk:"arrangement"`
}

var arrangementAttrTypes = map[string]attr.Type{
	"widget_id": types.StringType, "x": types.Float64Type, "y": types.Float64Type,
	"width": types.Float64Type, "height": types.Float64Type, "tab": types.StringType,
}

func arrangementFromAPI(entries []client.ArrangementEntry) types.List {
	elems := make([]attr.Value, 0, len(entries))
	for _, e := range entries {
		elems = append(elems, types.ObjectValueMust(arrangementAttrTypes, map[string]attr.Value{
			"widget_id": types.StringValue(e.WidgetID), "x": types.Float64Value(e.X), "y": types.Float64Value(e.Y),
			"width": types.Float64Value(e.Width), "height": types.Float64Value(e.Height), "tab": stringOrNull(e.Tab),
		}))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: arrangementAttrTypes}, elems)
}
