package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewDashboardsDataSource is the tagoio_dashboards data source.
func NewDashboardsDataSource() datasource.DataSource {
	return newListDataSource[dashboardsDataSourceModel]("dashboards", dashboardKind, dashboardsSchema, dashboardSummary)
}

func dashboardsSchema() schema.Schema {
	return filteredListSchema(
		"Lists TagoIO dashboards, optionally filtered by label, type and tags (the API's list filters). Every page is read.",
		"dashboards", "ordered by label",
		map[string]schema.Attribute{ // filters
			"label": nameFilterAttribute("Label filter; `*` is a wildcard (`Plant*` matches every label starting with `Plant`)."),
			"type":  oneOfFilterAttribute("Only dashboards of this type: `dashboard` or `blueprint`.", dashboardTypes...),
		},
		map[string]schema.Attribute{ // each item
			"id":         computedString("Dashboard ID."),
			"label":      computedString("Dashboard label."),
			"type":       computedString("`dashboard` or `blueprint`."),
			"visible":    computedBool("Whether the dashboard is listed in the sidebar."),
			"tags":       tagsDataSourceAttribute("dashboard"),
			"created_at": computedString("Creation time (ISO-8601)."),
		},
	)
}

// dashboardSummary is one listed dashboard in the state.
func dashboardSummary(dash *client.Dashboard) dashboardSummaryItem {
	kind := dash.Type
	if kind == "" {
		kind = "dashboard"
	}
	return dashboardSummaryItem{
		ID: types.StringValue(dash.ID), Label: types.StringValue(dash.Label), Type: types.StringValue(kind),
		Visible: boolOr(dash.Visible, true), Tags: tagsFromAPI(dash.Tags), CreatedAt: stringOrNull(&dash.CreatedAt),
	}
}

type dashboardsDataSourceModel struct {
	Label      types.String           `tfsdk:"label"`
	Type       types.String           `tfsdk:"type"`
	Tags       types.List             `tfsdk:"tags"`
	IDs        []types.String         `tfsdk:"ids"`
	Dashboards []dashboardSummaryItem `tfsdk:"dashboards"`
}

func (m *dashboardsDataSourceModel) listFilters() listFilter {
	return listFilter{m.Tags, map[string]types.String{"label": m.Label, "type": m.Type}}
}

func (*dashboardsDataSourceModel) list(c *client.Client) listCall[client.Dashboard] {
	return c.Dashboards.List
}

func (m *dashboardsDataSourceModel) setItems(items []dashboardSummaryItem) {
	m.IDs, m.Dashboards = idsOf(items, func(i *dashboardSummaryItem) types.String { return i.ID }), items
}

type dashboardSummaryItem struct {
	ID        types.String `tfsdk:"id"`
	Label     types.String `tfsdk:"label"`
	Type      types.String `tfsdk:"type"`
	Visible   types.Bool   `tfsdk:"visible"`
	Tags      types.List   `tfsdk:"tags"`
	CreatedAt types.String `tfsdk:"created_at"`
}
