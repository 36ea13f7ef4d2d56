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
	_ datasource.DataSourceWithConfigure        = &deviceDataSource{}
	_ datasource.DataSourceWithConfigValidators = &deviceDataSource{}
)

// NewDeviceDataSource is the tagoio_device data source.
func NewDeviceDataSource() datasource.DataSource { return &deviceDataSource{} }

type deviceDataSource struct {
	client *client.Client
}

type deviceDataSourceModel struct {
	deviceFields
	SerieNumber         types.String `tfsdk:"serie_number"`
	ConfigurationParams types.List   `tfsdk:"configuration_params"`
}

func (d *deviceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_device"
}

func (d *deviceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one TagoIO device, by `id` or by exact `name`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Device ID. Exactly one of `id` and `name` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Exact device name (`*` is not a wildcard here). It must match exactly one device.",
				Optional:            true,
				Computed:            true,
			},
			"type":        computedString("Data storage type: `mutable`, `immutable`, `hybrid` or `legacy`."),
			"connector":   computedString("Connector ID."),
			"network":     computedString("Network ID."),
			"description": computedString("Description."),
			"active":      computedBool("Whether the device accepts data."),
			"visible":     computedBool("Whether the device is visible."),
			"serie_number": computedString("Serial number, as the API lists it on the device's tokens (the first token that has one); " +
				"null when no token has one."),
			"tags":                   tagsDataSourceAttribute("device"),
			"chunk_period":           computedString("Chunk period (immutable and hybrid devices)."),
			"chunk_retention":        schema.Int64Attribute{MarkdownDescription: "Chunks kept (immutable and hybrid devices).", Computed: true},
			"mutable_variable_regex": computedString("Variables stored on the mutable side (hybrid devices)."),
			"payload_decoder":        computedString("Payload decoder source."),
			"rpm": schema.SingleNestedAttribute{
				MarkdownDescription: "Soft limits on requests per minute (Control Tower); null when not set.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"data_input":  schema.Int64Attribute{MarkdownDescription: "Data input requests per minute.", Computed: true},
					"data_output": schema.Int64Attribute{MarkdownDescription: "Data output requests per minute.", Computed: true},
				},
			},
			"created_at": computedString("Creation time (ISO-8601)."),
			"updated_at": computedString("Last update time (ISO-8601)."),
			"configuration_params": schema.ListNestedAttribute{
				MarkdownDescription: "Configuration parameters, in order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":   computedString("Parameter key."),
					"value": computedString("Parameter value."),
					"sent":  computedBool("Whether the device has read it."),
				}},
			},
		},
	}
}

func (d *deviceDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *deviceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *deviceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg deviceDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := idToRead(ctx, cfg.ID, cfg.Name, deviceKind, byName(func(d client.Device) (string, string) { return d.ID, d.Name }),
		d.client.Devices.List, &resp.Diagnostics)
	if !ok {
		return
	}
	device, err := d.client.Devices.Get(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, deviceKind, id, err)
		return
	}
	params, err := d.client.Devices.ListParams(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, deviceKind+" configuration parameters", id, err)
		return
	}
	tokens, err := d.client.DeviceTokens.List(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, deviceKind+" tokens", id, err)
		return
	}
	var state deviceDataSourceModel
	state.fromAPI(device)
	state.SerieNumber = serialFromTokens(tokens)
	state.ConfigurationParams = paramsFromAPI(params, false)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// serialFromTokens is a device's serial number where the API lists it: on its tokens (GET
// /device/{id} never returns it). The first token that has one gives it.
func serialFromTokens(tokens []client.DeviceToken) types.String {
	for _, t := range tokens {
		if t.SerieNumber != nil && *t.SerieNumber != "" {
			return types.StringValue(*t.SerieNumber)
		}
	}
	return types.StringNull()
}
