package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ datasource.DataSourceWithConfigure        = &dashboardDataSource{}
	_ datasource.DataSourceWithConfigValidators = &dashboardDataSource{}
)

// NewDashboardDataSource is the tagoio_dashboard data source.
func NewDashboardDataSource() datasource.DataSource { return &dashboardDataSource{} }

type dashboardDataSource struct {
	client *client.Client
}

type dashboardDataSourceModel struct {
	dashboardFields
	Arrangement types.List `tfsdk:"arrangement"`
}

var arrangementAttrTypes = map[string]attr.Type{
	"widget_id": types.StringType, "x": types.Float64Type, "y": types.Float64Type,
	"width": types.Float64Type, "height": types.Float64Type, "tab": types.StringType,
}

func (d *dashboardDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dashboard"
}

func (d *dashboardDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	number := func(desc string) schema.Float64Attribute {
		return schema.Float64Attribute{MarkdownDescription: desc, Computed: true}
	}
	keyValue := func(desc string) schema.ListNestedAttribute {
		return schema.ListNestedAttribute{MarkdownDescription: desc, Computed: true, NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{"key": computedString("Tag key."), "value": computedString("Tag value.")},
		}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one TagoIO dashboard, by `id` or by exact `label`, with where its widgets sit.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Dashboard ID. Exactly one of `id` and `label` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"label": schema.StringAttribute{
				MarkdownDescription: "Exact dashboard label (`*` is not a wildcard here). It must match exactly one dashboard.",
				Optional:            true,
				Computed:            true,
			},
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
			"group_by": schema.ListAttribute{MarkdownDescription: "Tag keys the sidebar groups by.", Computed: true, ElementType: types.StringType},
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
					"x":         number("Column of the left edge."),
					"y":         number("Row of the top edge."),
					"width":     number("Width in grid columns."),
					"height":    number("Height in grid rows."),
					"tab":       computedString("Tab key; null for the first tab."),
				}},
			},
		},
	}
}

func (d *dashboardDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("label"))}
}

func (d *dashboardDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *dashboardDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg dashboardDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := idToRead(ctx, cfg.ID, cfg.Label, dashboardKind, lookupField[client.Dashboard]{field: "label", phrase: "labelled",
		idAndValue: func(dash client.Dashboard) (string, string) { return dash.ID, dash.Label }},
		d.client.Dashboards.List, &resp.Diagnostics)
	if !ok {
		return
	}
	dashboard, err := d.client.Dashboards.Get(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, dashboardKind, id, err)
		return
	}
	var state dashboardDataSourceModel
	state.fromAPI(dashboard)
	state.Arrangement = arrangementFromAPI(dashboard.Arrangement)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
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
