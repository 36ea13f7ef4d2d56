package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewActionDataSource is the tagoio_action data source.
func NewActionDataSource() datasource.DataSource {
	return &singleDataSource[actionDataSourceModel]{typeName: "action", schema: actionDataSourceSchema, oneOf: []string{"id", "name"}, read: readAction}
}

func actionDataSourceSchema() schema.Schema {
	triggerAttrs := map[string]schema.Attribute{
		"unlock":          schema.BoolAttribute{MarkdownDescription: triggerDescriptions["unlock"], Computed: true},
		"condition_value": schema.Float64Attribute{MarkdownDescription: triggerDescriptions["condition_value"], Computed: true},
		"geofence": schema.SingleNestedAttribute{
			MarkdownDescription: triggerDescriptions["geofence"],
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"center":      schema.ListAttribute{MarkdownDescription: geofenceDescriptions["center"], Computed: true, ElementType: types.Float64Type},
				"radius":      schema.Float64Attribute{MarkdownDescription: geofenceDescriptions["radius"], Computed: true},
				"coordinates": schema.ListAttribute{MarkdownDescription: geofenceDescriptions["coordinates"], Computed: true, ElementType: float64ListType},
			},
		},
	}
	for name, t := range actionTriggerAttrTypes {
		if t.Equal(types.StringType) {
			triggerAttrs[name] = computedString(triggerDescriptions[name])
		}
	}
	actionAttrs := map[string]schema.Attribute{
		"script":        schema.ListAttribute{MarkdownDescription: actionSpecDescriptions["script"], Computed: true, ElementType: types.StringType},
		"headers":       schema.MapAttribute{MarkdownDescription: actionSpecDescriptions["headers"], Computed: true, Sensitive: true, ElementType: types.StringType},
		"batch_enabled": schema.BoolAttribute{MarkdownDescription: actionSpecDescriptions["batch_enabled"], Computed: true},
		"content_variables": schema.ListNestedAttribute{
			MarkdownDescription: actionSpecDescriptions["content_variables"],
			Computed:            true,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"name":  computedString("Variable name."),
				"value": computedString("Variable value."),
			}},
		},
	}
	for name, t := range actionSpecAttrTypes {
		if t.Equal(types.StringType) {
			actionAttrs[name] = computedString(actionSpecDescriptions[name])
		}
	}
	return schema.Schema{
		MarkdownDescription: "Reads one TagoIO action, by `id` or by exact `name`.",
		Attributes: map[string]schema.Attribute{
			"id":                  lookupIDAttribute("Action ID. Exactly one of `id` and `name` must be set."),
			"name":                lookupValueAttribute("Exact action name (`*` is not a wildcard here). It must match exactly one action."),
			"description":         computedString("Description."),
			"active":              computedBool("Whether the action fires."),
			"lock":                computedBool("Whether the action waits for an unlock item after firing."),
			"trigger_when_unlock": computedBool("Whether the action also fires on unlock."),
			"type":                computedString(actionTypeDescription),
			"trigger": schema.ListNestedAttribute{
				MarkdownDescription: "The trigger items, in order.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: triggerAttrs},
			},
			"action": schema.SingleNestedAttribute{
				MarkdownDescription: "What the action does when it fires.",
				Computed:            true,
				Attributes:          actionAttrs,
			},
			"tags":           tagsDataSourceAttribute("action"),
			"last_triggered": computedString("When the action last fired (ISO-8601); null if never."),
			"created_at":     computedString("Creation time (ISO-8601)."),
			"updated_at":     computedString("Last update time (ISO-8601)."),
		},
	}
}

func readAction(ctx context.Context, c *client.Client, cfg *actionDataSourceModel, diags *diag.Diagnostics) *actionDataSourceModel {
	action := objectToRead(ctx, cfg.ID, cfg.Name, actionKind, byName(func(a client.Action) (string, string) { return a.ID, a.Name }),
		c.Actions.List, c.Actions.Get, diags)
	if action == nil {
		return nil
	}
	state := actionDataSourceModel{LastTriggered: stringOrNull(action.LastTriggered)}
	state.fromAPI(action)
	return &state
}

type actionDataSourceModel struct {
	actionFields
	LastTriggered types.String `tfsdk:"last_triggered"`
}
