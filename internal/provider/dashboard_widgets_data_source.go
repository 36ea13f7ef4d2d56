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

// NewDashboardWidgetsDataSource is the tagoio_dashboard_widgets data source. TagoIO has no
// route that lists a dashboard's widgets: the list is the dashboard's arrangement, then one
// read per widget, mapped as it is read.
func NewDashboardWidgetsDataSource() datasource.DataSource {
	return &listDataSource[dashboardWidgetsDataSourceModel, widgetFields, widgetFields]{
		typeName: "dashboard_widgets", kind: widgetKind, schema: dashboardWidgetsSchema,
		list: func(ctx context.Context, c *client.Client, cfg *dashboardWidgetsDataSourceModel, _ client.ListOptions) ([]widgetFields, error) {
			dashboardID := cfg.DashboardID.ValueString()
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
		},
		item: func(w *widgetFields) widgetFields { return *w },
		store: func(cfg *dashboardWidgetsDataSourceModel, items []widgetFields) {
			cfg.IDs, cfg.Widgets = idsOf(items, func(w *widgetFields) types.String { return w.ID }), items
		},
	}
}

type dashboardWidgetsDataSourceModel struct {
	DashboardID types.String   `tfsdk:"dashboard_id"`
	IDs         []types.String `tfsdk:"ids"`
	Widgets     []widgetFields `tfsdk:"widgets"`
}

func dashboardWidgetsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the widgets of a TagoIO dashboard, in the order of its arrangement. TagoIO has no route that lists " +
			"a dashboard's widgets, so this reads the dashboard's arrangement and then each widget in it (one request per widget): " +
			"a widget that is not on the grid is not listed.",
		Attributes: map[string]schema.Attribute{
			"dashboard_id": schema.StringAttribute{
				MarkdownDescription: "Dashboard ID.",
				Required:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"ids":     idsAttribute("IDs of the widgets, in arrangement order."),
			"widgets": itemsAttribute("The widgets, in arrangement order.", widgetDataSourceAttributes()),
		},
	}
}
