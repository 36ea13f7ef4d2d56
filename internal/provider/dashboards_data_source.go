package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewDashboardsDataSource is the tagoio_dashboards data source.
func NewDashboardsDataSource() datasource.DataSource {
	return &listDataSource[dashboardsDataSourceModel, client.Dashboard, dashboardSummaryItem]{
		typeName: "dashboards", kind: dashboardKind, schema: dashboardsSchema,
		filters: func(ctx context.Context, cfg *dashboardsDataSourceModel) (client.ListOptions, diag.Diagnostics) {
			return listFilters(ctx, cfg.Tags, map[string]types.String{"label": cfg.Label, "type": cfg.Type})
		},
		list: func(ctx context.Context, c *client.Client, _ *dashboardsDataSourceModel, opts client.ListOptions) ([]client.Dashboard, error) {
			return c.Dashboards.List(ctx, opts)
		},
		item: func(dash *client.Dashboard) dashboardSummaryItem {
			kind := dash.Type
			if kind == "" {
				kind = "dashboard"
			}
			return dashboardSummaryItem{
				ID: types.StringValue(dash.ID), Label: types.StringValue(dash.Label), Type: types.StringValue(kind),
				Visible: boolOr(dash.Visible, true), Tags: tagsFromAPI(dash.Tags), CreatedAt: stringOrNull(&dash.CreatedAt),
			}
		},
		store: func(cfg *dashboardsDataSourceModel, items []dashboardSummaryItem) {
			cfg.IDs, cfg.Dashboards = idsOf(items, func(i *dashboardSummaryItem) types.String { return i.ID }), items
		},
	}
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

func dashboardsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists TagoIO dashboards, optionally filtered by label, type and tags (the API's list filters). Every page is read.",
		Attributes: map[string]schema.Attribute{
			"label": nameFilterAttribute("Label filter; `*` is a wildcard (`Plant*` matches every label starting with `Plant`)."),
			"type": schema.StringAttribute{
				MarkdownDescription: "Only dashboards of this type: `dashboard` or `blueprint`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(dashboardTypes...)},
			},
			"tags": tagFiltersAttribute("dashboards"),
			"ids":  idsAttribute("IDs of the matching dashboards, ordered by label."),
			"dashboards": itemsAttribute("The matching dashboards, ordered by label.", map[string]schema.Attribute{
				"id":         computedString("Dashboard ID."),
				"label":      computedString("Dashboard label."),
				"type":       computedString("`dashboard` or `blueprint`."),
				"visible":    computedBool("Whether the dashboard is listed in the sidebar."),
				"tags":       tagsDataSourceAttribute("dashboard"),
				"created_at": computedString("Creation time (ISO-8601)."),
			}),
		},
	}
}
