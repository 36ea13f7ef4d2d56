package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure   = &networkResource{}
	_ resource.ResourceWithImportState = &networkResource{}
)

// serialNumberCases are the letter cases TagoIO's admin knows for a serial number.
var serialNumberCases = []string{"upper", "lower"}

// NewNetworkResource is the tagoio_network resource.
func NewNetworkResource() resource.Resource { return &networkResource{} }

type networkResource struct {
	client *client.Client
}

// networkFields are the attributes read from GET /integration/network/{id}.
type networkFields struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	Description          types.String `tfsdk:"description"`
	LogoURL              types.String `tfsdk:"logo_url"`
	IconURL              types.String `tfsdk:"icon_url"`
	BannerURL            types.String `tfsdk:"banner_url"`
	DocumentationURL     types.String `tfsdk:"documentation_url"`
	MiddlewareEndpoint   types.String `tfsdk:"middleware_endpoint"`
	DeviceParameters     types.List   `tfsdk:"device_parameters"`
	PayloadDecoder       types.String `tfsdk:"payload_decoder"`
	PayloadEncoder       types.String `tfsdk:"payload_encoder"`
	Public               types.Bool   `tfsdk:"public"`
	RequireDevicesAccess types.Bool   `tfsdk:"require_devices_access"`
	SerialNumber         types.Object `tfsdk:"serial_number"`
	CreatedAt            types.String `tfsdk:"created_at"`
	UpdatedAt            types.String `tfsdk:"updated_at"`
}

type networkResourceModel struct {
	networkFields
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

type serialNumberModel struct {
	Required types.Bool   `tfsdk:"required"`
	Label    types.String `tfsdk:"label"`
	Mask     types.String `tfsdk:"mask"`
	Image    types.String `tfsdk:"image"`
	Case     types.String `tfsdk:"case"`
	Help     types.String `tfsdk:"help"`
}

var serialNumberAttrTypes = map[string]attr.Type{
	"required": types.BoolType, "label": types.StringType, "mask": types.StringType,
	"image": types.StringType, "case": types.StringType, "help": types.StringType,
}

func (r *networkResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_network"
}

func (r *networkResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A custom integration network: a transport devices use (a LoRaWAN or Sigfox network server, a " +
			"middleware...), its payload decoder, whether its devices need a serial number, and the settings each device " +
			"gives it. Connectors list it in `networks`. TagoIO's public catalog networks (the `tagoio_network` data source " +
			"reads them) cannot be managed.\n\n" +
			"Importing: the import ID is the network ID.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Network ID (24 hexadecimal characters)."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Network name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 100), validate.NoControlCharacters()},
			},
			"description":         optionalText("Description."),
			"logo_url":            optionalText("URL of the network's logo."),
			"icon_url":            optionalText("URL of the network's icon."),
			"banner_url":          optionalText("URL of the network's banner."),
			"documentation_url":   optionalText("URL of the network's documentation."),
			"middleware_endpoint": optionalText("Host of the middleware that forwards this network's payloads to TagoIO."),
			"device_parameters":   deviceParametersAttribute("network"),
			"payload_decoder": optionalText("JavaScript payload decoder run on every payload arriving through this network, as " +
				"plain source (e.g. `file(\"decoder.js\")`); the provider base64-encodes it as the API expects."),
			"payload_encoder": optionalText("Payload encoder (downlinks), sent and read as TagoIO stores it."),
			"public": schema.BoolAttribute{
				MarkdownDescription: "Whether the network is offered to other accounts. Default `false`.",
				Optional:            true, Computed: true,
				Default: booldefault.StaticBool(false),
			},
			"require_devices_access": schema.BoolAttribute{
				MarkdownDescription: "Whether the network needs access to its devices (a network token per device). Default `false`.",
				Optional:            true, Computed: true,
				Default: booldefault.StaticBool(false),
			},
			"serial_number": schema.SingleNestedAttribute{
				MarkdownDescription: "How the admin asks for a device's serial number (`serie_number` on `tagoio_device`). Omit it " +
					"when devices need none.",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"required": schema.BoolAttribute{
						MarkdownDescription: "Whether every device on the network must have a serial number. Default `false`.",
						Optional:            true, Computed: true,
						Default: booldefault.StaticBool(false),
					},
					"label": optionalText("Label of the serial number field, such as `Device EUI`."),
					"mask":  optionalText("Input mask, such as `xxxxxxxxxxxxxxxx`."),
					"image": optionalText("URL of an image showing where the serial number is."),
					"case": schema.StringAttribute{
						MarkdownDescription: "Letter case the serial number is kept in: `upper` or `lower` (other values are sent as they are, with a warning).",
						Optional:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1), validate.KnownValue(serialNumberCases...)},
					},
					"help": optionalText("Help text of the serial number field."),
				},
			},
			"created_at": createdAtAttribute(),
			"updated_at": updatedAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *networkResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *networkResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createThenRead(ctx, req, resp, networkKind, postBody((*networkResourceModel).toCreate, r.client.Networks.Create), r.readBack())
}

func (r *networkResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, networkKind, r.readBack())
}

func (r *networkResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateThenRead(ctx, req, resp, networkKind, putChanges((*networkResourceModel).toUpdate, r.client.Networks.Update), r.readBack())
}

func (r *networkResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, networkKind, r.client.Networks.Delete)
}

// ImportState takes the network ID.
func (r *networkResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObjectID(ctx, req, resp, networkKind)
}

// readBack is the network's one GET, shared by Create, Read and Update.
func (r *networkResource) readBack() readBackFunc[networkResourceModel] {
	return getThenCtx(r.client.Networks.Get, (*networkResourceModel).fromAPI)
}

// toCreate builds the POST body: every setting that is set.
func (m *networkResourceModel) toCreate(ctx context.Context) (client.NetworkCreate, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := client.NetworkCreate{Name: m.Name.ValueString(), NetworkSettings: m.settings(ctx, nil, &diags)}
	return body, diags
}

// toUpdate builds the PUT body: only what changed from state.
func (m *networkResourceModel) toUpdate(ctx context.Context, state networkResourceModel) (client.NetworkUpdate, diag.Diagnostics) {
	var diags diag.Diagnostics
	u := client.NetworkUpdate{Name: stringChange(m.Name, state.Name), NetworkSettings: m.settings(ctx, &state.networkFields, &diags)}
	return u, diags
}

// fromAPI maps a network; Create, Read, Update and import use it. m holds the prior plan or
// state, whose device parameters are kept when they say what the API holds.
func (m *networkFields) fromAPI(ctx context.Context, n *client.Network) {
	m.ID = types.StringValue(n.ID)
	m.Name = types.StringValue(n.Name)
	m.Description = stringOrNull(n.Description)
	m.LogoURL = stringOrNull(n.LogoURL)
	m.IconURL = stringOrNull(n.IconURL)
	m.BannerURL = stringOrNull(n.BannerURL)
	m.DocumentationURL = stringOrNull(n.DocumentationURL)
	m.MiddlewareEndpoint = stringOrNull(n.MiddlewareEndpoint)
	m.DeviceParameters = keepEquivalentParameters(ctx, m.DeviceParameters, n.DeviceParameters)
	m.PayloadDecoder = decoderFromAPI(n.PayloadDecoder)
	m.PayloadEncoder = stringOrNull(n.PayloadEncoder)
	m.Public = types.BoolValue(n.Public)
	m.RequireDevicesAccess = types.BoolValue(n.RequireDevicesAccess)
	m.SerialNumber = serialNumberFromAPI(m.SerialNumber, n.SerialNumber)
	m.CreatedAt = stringOrNull(&n.CreatedAt)
	m.UpdatedAt = stringOrNull(&n.UpdatedAt)
}

// serialNumberFromAPI: TagoIO answers an object of nulls for a network whose devices need no
// serial number; that is null here, unless prior (the plan or state) holds `{ required = false }`,
// which says the same.
func serialNumberFromAPI(prior types.Object, sn *client.NetworkSerialNumber) types.Object {
	if sn == nil {
		sn = &client.NetworkSerialNumber{}
	}
	empty := !sn.Required && stringOrNull(sn.Label).IsNull() && stringOrNull(sn.Mask).IsNull() &&
		stringOrNull(sn.Image).IsNull() && stringOrNull(sn.Case).IsNull() && stringOrNull(sn.Help).IsNull()
	if empty && (prior.IsNull() || prior.IsUnknown()) {
		return types.ObjectNull(serialNumberAttrTypes)
	}
	return types.ObjectValueMust(serialNumberAttrTypes, map[string]attr.Value{
		"required": types.BoolValue(sn.Required), "label": stringOrNull(sn.Label), "mask": stringOrNull(sn.Mask),
		"image": stringOrNull(sn.Image), "case": stringOrNull(sn.Case), "help": stringOrNull(sn.Help),
	})
}

// serialNumberToAPI is the whole serial_number to send: every key, "" for an unset text, so that
// an edit also clears what the configuration removed.
func serialNumberToAPI(ctx context.Context, v types.Object, diags *diag.Diagnostics) *client.NetworkSerialNumber {
	var m serialNumberModel
	if !v.IsNull() && !v.IsUnknown() {
		diags.Append(v.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	}
	text := func(s types.String) *string { v := s.ValueString(); return &v }
	return &client.NetworkSerialNumber{
		Required: m.Required.ValueBool(), Label: text(m.Label), Mask: text(m.Mask),
		Image: text(m.Image), Case: text(m.Case), Help: text(m.Help),
	}
}

// settings builds the fields to send: all that are set when state is nil (create), else only
// what changed from state (a removed value is sent empty, which clears it).
func (m *networkFields) settings(ctx context.Context, state *networkFields, diags *diag.Diagnostics) client.NetworkSettings {
	text := func(plan types.String, prior func(*networkFields) types.String) *string {
		if state == nil {
			return stringPtr(plan)
		}
		return stringChange(plan, prior(state))
	}
	flag := func(plan types.Bool, prior func(*networkFields) types.Bool) *bool {
		if state == nil {
			return boolPtr(plan)
		}
		return boolChange(plan, prior(state))
	}
	s := client.NetworkSettings{
		Description:          text(m.Description, func(f *networkFields) types.String { return f.Description }),
		LogoURL:              text(m.LogoURL, func(f *networkFields) types.String { return f.LogoURL }),
		IconURL:              text(m.IconURL, func(f *networkFields) types.String { return f.IconURL }),
		BannerURL:            text(m.BannerURL, func(f *networkFields) types.String { return f.BannerURL }),
		DocumentationURL:     text(m.DocumentationURL, func(f *networkFields) types.String { return f.DocumentationURL }),
		MiddlewareEndpoint:   text(m.MiddlewareEndpoint, func(f *networkFields) types.String { return f.MiddlewareEndpoint }),
		PayloadEncoder:       text(m.PayloadEncoder, func(f *networkFields) types.String { return f.PayloadEncoder }),
		Public:               flag(m.Public, func(f *networkFields) types.Bool { return f.Public }),
		RequireDevicesAccess: flag(m.RequireDevicesAccess, func(f *networkFields) types.Bool { return f.RequireDevicesAccess }),
	}
	if state == nil || !m.PayloadDecoder.Equal(state.PayloadDecoder) {
		s.PayloadDecoder = decoderChange(m.PayloadDecoder, state != nil)
	}
	if state == nil && !m.DeviceParameters.IsNull() || state != nil && !m.DeviceParameters.Equal(state.DeviceParameters) {
		params := deviceParametersToAPI(ctx, m.DeviceParameters, diags)
		s.DeviceParameters = &params
	}
	if state == nil && !m.SerialNumber.IsNull() || state != nil && !m.SerialNumber.Equal(state.SerialNumber) {
		s.SerialNumber = serialNumberToAPI(ctx, m.SerialNumber, diags)
	}
	return s
}
