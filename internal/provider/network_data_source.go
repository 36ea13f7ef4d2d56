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
	_ datasource.DataSourceWithConfigure        = &networkDataSource{}
	_ datasource.DataSourceWithConfigValidators = &networkDataSource{}
)

const networkKind = "network"

// NewNetworkDataSource is the tagoio_network data source.
func NewNetworkDataSource() datasource.DataSource { return &networkDataSource{} }

type networkDataSource struct {
	client *client.Client
}

type networkModel struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	Description          types.String `tfsdk:"description"`
	Public               types.Bool   `tfsdk:"public"`
	SerialNumberRequired types.Bool   `tfsdk:"serial_number_required"`
	LogoURL              types.String `tfsdk:"logo_url"`
	MiddlewareEndpoint   types.String `tfsdk:"middleware_endpoint"`
	PayloadDecoder       types.String `tfsdk:"payload_decoder"`
	RequireDevicesAccess types.Bool   `tfsdk:"require_devices_access"`
}

func (d *networkDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_network"
}

func (d *networkDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an integration network (the transport a device uses: HTTP, MQTT, LoRaWAN...), by `id` or exact `name`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Network ID. Exactly one of `id` and `name` must be set.",
				Optional:            true, Computed: true,
				Validators: []validator.String{validate.ObjectID()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Exact network name.",
				Optional:            true, Computed: true,
			},
			"description":         schema.StringAttribute{MarkdownDescription: "Description.", Computed: true},
			"public":              schema.BoolAttribute{MarkdownDescription: "Whether the network is in TagoIO's public catalog.", Computed: true},
			"logo_url":            schema.StringAttribute{MarkdownDescription: "URL of the network's logo.", Computed: true},
			"middleware_endpoint": schema.StringAttribute{MarkdownDescription: "Host of the network's middleware.", Computed: true},
			"payload_decoder":     schema.StringAttribute{MarkdownDescription: "The network's payload decoder, as plain source.", Computed: true},
			"require_devices_access": schema.BoolAttribute{
				MarkdownDescription: "Whether the network needs access to its devices (a network token per device).", Computed: true,
			},
			"serial_number_required": schema.BoolAttribute{
				MarkdownDescription: "Whether devices on this network need a `serie_number`.",
				Computed:            true,
			},
		},
	}
}

func (d *networkDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *networkDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *networkDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg networkModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var network *client.Network
	if !cfg.ID.IsNull() {
		var err error
		if network, err = d.client.Networks.Get(ctx, cfg.ID.ValueString()); err != nil {
			addReadError(&resp.Diagnostics, networkKind, cfg.ID.ValueString(), err)
			return
		}
	} else {
		name := cfg.Name.ValueString()
		list, err := d.client.Networks.List(ctx, client.ListOptions{Filter: map[string]string{"name": name}})
		if err != nil {
			addReadError(&resp.Diagnostics, networkKind+"s named", name, err)
			return
		}
		match, ok := exactlyOneNamed(list, func(n client.Network) string { return n.Name }, networkKind, name, &resp.Diagnostics)
		if !ok {
			return
		}
		network = &match
	}
	state := networkModel{
		ID: types.StringValue(network.ID), Name: types.StringValue(network.Name),
		Description: stringOrNull(network.Description), Public: types.BoolValue(network.Public),
		SerialNumberRequired: types.BoolValue(network.SerialNumber != nil && network.SerialNumber.Required),
		LogoURL:              stringOrNull(network.LogoURL), MiddlewareEndpoint: stringOrNull(network.MiddlewareEndpoint),
		PayloadDecoder: decoderFromAPI(network.PayloadDecoder), RequireDevicesAccess: types.BoolValue(network.RequireDevicesAccess),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
