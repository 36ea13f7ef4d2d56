package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewDashboardWidgetsDataSource is the tagoio_dashboard_widgets data source. TagoIO has no
// route that lists a dashboard's widgets: the list is the dashboard's arrangement, then one
// read per widget, mapped as it is read.
func NewDashboardWidgetsDataSource() datasource.DataSource {
	return newListDataSource[dashboardWidgetsDataSourceModel]("dashboard_widgets", widgetKind, dashboardWidgetsSchema, sameItem[widgetFields])
}

func dashboardWidgetsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the widgets of a TagoIO dashboard, in the order of its arrangement. TagoIO has no route that lists " +
			"a dashboard's widgets, so this reads the dashboard's arrangement and then each widget in it (one request per widget): " +
			"a widget that is not on the grid is not listed.",
		Attributes: map[string]schema.Attribute{
			"dashboard_id": requiredIDAttribute("Dashboard ID."),
			"ids":          idsAttribute("IDs of the widgets, in arrangement order."),
			"widgets":      itemsAttribute("The widgets, in arrangement order.", widgetDataSourceAttributes()),
		},
	}
}

type dashboardWidgetsDataSourceModel struct {
	DashboardID types.String   `tfsdk:"dashboard_id"`
	IDs         []types.String `tfsdk:"ids"`
	Widgets     []widgetFields `tfsdk:"widgets"`
}

func (m *dashboardWidgetsDataSourceModel) list(c *client.Client) listCall[widgetFields] {
	return func(ctx context.Context, _ client.ListOptions) ([]widgetFields, error) {
		dashboardID := m.DashboardID.ValueString()
		dashboard, err := c.Dashboards.Get(ctx, dashboardID)
		if err != nil {
			return nil, &listStepError{kind: dashboardKind, id: dashboardID, err: err}
		}
		widgets := []widgetFields{}
		seen := map[string]bool{}
		for _, entry := range dashboard.Arrangement {
			if seen[entry.WidgetID] {
				continue
			}
			seen[entry.WidgetID] = true
			widget, err := c.Widgets.Get(ctx, dashboardID, entry.WidgetID)
			if client.IsNotFound(err) {
				continue // an entry left behind by a widget deleted without cleaning the arrangement
			}
			if err != nil {
				return nil, &listStepError{kind: widgetKind, id: entry.WidgetID, err: err}
			}
			var w widgetFields
			w.fromAPI(widget, dashboardID, &entry)
			widgets = append(widgets, w)
		}
		return widgets, nil
	}
}

func (m *dashboardWidgetsDataSourceModel) setItems(items []widgetFields) {
	m.IDs, m.Widgets = idsOf(items, func(w *widgetFields) types.String { return w.ID }), items
}
