package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

var _ datasource.DataSourceWithConfigure = &actionsDataSource{}

// NewActionsDataSource is the tagoio_actions data source.
func NewActionsDataSource() datasource.DataSource { return &actionsDataSource{} }

type actionsDataSource struct {
	client *client.Client
}

type actionsDataSourceModel struct {
	Name    types.String        `tfsdk:"name"`
	Type    types.String        `tfsdk:"type"`
	Active  types.Bool          `tfsdk:"active"`
	Tags    types.List          `tfsdk:"tags"`
	IDs     []types.String      `tfsdk:"ids"`
	Actions []actionSummaryItem `tfsdk:"actions"`
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

func (d *actionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_actions"
}

func (d *actionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists TagoIO actions, optionally filtered by name, type, active and tags (the API's list filters). Every page is read.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "Name filter; `*` is a wildcard (`Alarm*` matches every name starting with `Alarm`).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "Only actions of this trigger family: `condition`, `condition_geofence`, `resource`, `interval`, " +
					"`schedule`, `usage_alert` or `mqtt_topic`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(actionTypes...)},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Only active (`true`) or inactive (`false`) actions.",
				Optional:            true,
			},
			"tags": schema.ListNestedAttribute{
				MarkdownDescription: "Only actions having every one of these tags; leave `value` out to match any value of the key.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":   schema.StringAttribute{MarkdownDescription: "Tag key.", Required: true},
					"value": schema.StringAttribute{MarkdownDescription: "Tag value (optional).", Optional: true},
				}},
			},
			"ids": schema.ListAttribute{MarkdownDescription: "IDs of the matching actions, ordered by name.", Computed: true, ElementType: types.StringType},
			"actions": schema.ListNestedAttribute{
				MarkdownDescription: "The matching actions, ordered by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":             computed("Action ID."),
					"name":           computed("Action name."),
					"type":           computed("Trigger family."),
					"active":         schema.BoolAttribute{MarkdownDescription: "Whether the action fires.", Computed: true},
					"tags":           tagsDataSourceAttribute("action"),
					"last_triggered": computed("When the action last fired (ISO-8601); null if never."),
					"created_at":     computed("Creation time (ISO-8601)."),
				}},
			},
		},
	}
}

func (d *actionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *actionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg actionsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := client.ListOptions{Filter: map[string]string{}}
	if !cfg.Name.IsNull() {
		opts.Filter["name"] = cfg.Name.ValueString()
	}
	if !cfg.Type.IsNull() {
		opts.Filter["type"] = cfg.Type.ValueString()
	}
	if !cfg.Active.IsNull() {
		opts.Filter["active"] = strconv.FormatBool(cfg.Active.ValueBool())
	}
	tags, diags := tagFiltersToAPI(ctx, cfg.Tags)
	resp.Diagnostics.Append(diags...)
	opts.Tags = tags
	actions, err := d.client.Actions.List(ctx, opts)
	if err != nil {
		addReadError(&resp.Diagnostics, actionKind+" list", "", err)
		return
	}
	cfg.IDs = make([]types.String, 0, len(actions))
	cfg.Actions = make([]actionSummaryItem, 0, len(actions))
	for _, a := range actions {
		cfg.IDs = append(cfg.IDs, types.StringValue(a.ID))
		cfg.Actions = append(cfg.Actions, actionSummaryItem{
			ID: types.StringValue(a.ID), Name: types.StringValue(a.Name), Type: types.StringValue(a.Type),
			Active: types.BoolValue(a.Active), Tags: tagsFromAPI(a.Tags), LastTriggered: stringOrNull(a.LastTriggered),
			CreatedAt: types.StringValue(a.CreatedAt),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
