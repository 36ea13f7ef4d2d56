package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewActionsDataSource is the tagoio_actions data source.
func NewActionsDataSource() datasource.DataSource {
	return newListDataSource[actionsDataSourceModel]("actions", actionKind, actionsSchema, actionSummary)
}

func actionsSchema() schema.Schema {
	return filteredListSchema(
		"Lists TagoIO actions, optionally filtered by name, type, active and tags (the API's list filters). Every page is read.",
		"actions", "ordered by name",
		map[string]schema.Attribute{ // filters
			"name": nameFilterAttribute("Name filter; `*` is a wildcard (`Alarm*` matches every name starting with `Alarm`)."),
			"type": oneOfFilterAttribute("Only actions of this trigger family: `condition`, `condition_geofence`, `resource`, `interval`, "+
				"`schedule`, `usage_alert` or `mqtt_topic`.", actionTypes...),
			"active": boolFilterAttribute("Only active (`true`) or inactive (`false`) actions."),
		},
		map[string]schema.Attribute{ // each item
			"id":             computedString("Action ID."),
			"name":           computedString("Action name."),
			"type":           computedString("Trigger family."),
			"active":         computedBool("Whether the action fires."),
			"tags":           tagsDataSourceAttribute("action"),
			"last_triggered": computedString("When the action last fired (ISO-8601); null if never."),
			"created_at":     computedString("Creation time (ISO-8601)."),
		},
	)
}

// actionSummary is one listed action in the state.
func actionSummary(a *client.Action) actionSummaryItem {
	return actionSummaryItem{
		ID: types.StringValue(a.ID), Name: types.StringValue(a.Name), Type: types.StringValue(a.Type),
		Active: types.BoolValue(a.Active), Tags: tagsFromAPI(a.Tags), LastTriggered: stringOrNull(a.LastTriggered),
		CreatedAt: types.StringValue(a.CreatedAt),
	}
}

type actionsDataSourceModel struct {
	Name    types.String        `tfsdk:"name"`
	Type    types.String        `tfsdk:"type"`
	Active  types.Bool          `tfsdk:"active"`
	Tags    types.List          `tfsdk:"tags"`
	IDs     []types.String      `tfsdk:"ids"`
	Actions []actionSummaryItem `tfsdk:"actions"`
}

func (m *actionsDataSourceModel) listFilters() listFilter {
	return listFilter{m.Tags, map[string]types.String{"name": m.Name, "type": m.Type, "active": boolFilter(m.Active)}}
}

func (*actionsDataSourceModel) list(c *client.Client) listCall[client.Action] { return c.Actions.List }

func (m *actionsDataSourceModel) setItems(items []actionSummaryItem) {
	m.IDs, m.Actions = idsOf(items, func(i *actionSummaryItem) types.String { return i.ID }), items
}

type actionSummaryItem struct {
	ID            types.String `tfsdk:"id"`
	Name          types.String `tfsdk:"name"`
	Type          types.String `tfsdk:"type"`
	Active        types.Bool   `tfsdk:"active"`
	Tags          types.List   `tfsdk:"tags"`
	LastTriggered types.String `tfsdk:"last_triggered"`
	CreatedAt     types.String `tfsdk:"created_at"`
}
