package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ datasource.DataSourceWithConfigure        = &actionDataSource{}
	_ datasource.DataSourceWithConfigValidators = &actionDataSource{}
)

// NewActionDataSource is the tagoio_action data source.
func NewActionDataSource() datasource.DataSource { return &actionDataSource{} }

type actionDataSource struct {
	client *client.Client
}

type actionDataSourceModel struct {
	actionFields
	LastTriggered types.String `tfsdk:"last_triggered"`
}

func (d *actionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_action"
}

func (d *actionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
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
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one TagoIO action, by `id` or by exact `name`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Action ID. Exactly one of `id` and `name` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Exact action name (`*` is not a wildcard here). It must match exactly one action.",
				Optional:            true,
				Computed:            true,
			},
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

func (d *actionDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *actionDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *actionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg actionDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := idToRead(ctx, cfg.ID, cfg.Name, actionKind, byName(func(a client.Action) (string, string) { return a.ID, a.Name }),
		d.client.Actions.List, &resp.Diagnostics)
	if !ok {
		return
	}
	action, err := d.client.Actions.Get(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, actionKind, id, err)
		return
	}
	var state actionDataSourceModel
	state.fromAPI(action)
	state.LastTriggered = stringOrNull(action.LastTriggered)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
