package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure   = &connectorResource{}
	_ resource.ResourceWithImportState = &connectorResource{}
)

// NewConnectorResource is the tagoio_connector resource.
func NewConnectorResource() resource.Resource { return &connectorResource{} }

type connectorResource struct {
	client *client.Client
}

// connectorFields are the attributes read from GET /integration/connector/{id}.
type connectorFields struct {
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	Description      types.String `tfsdk:"description"`
	LogoURL          types.String `tfsdk:"logo_url"`
	Networks         types.List   `tfsdk:"networks"`
	DeviceParameters types.List   `tfsdk:"device_parameters"`
	PayloadDecoder   types.String `tfsdk:"payload_decoder"`
	PayloadEncoder   types.String `tfsdk:"payload_encoder"`
	InstallText      types.String `tfsdk:"install_text"`
	InstallEndText   types.String `tfsdk:"install_end_text"`
	DeviceAnnotation types.String `tfsdk:"device_annotation"`
	Public           types.Bool   `tfsdk:"public"`
	CreatedAt        types.String `tfsdk:"created_at"`
	UpdatedAt        types.String `tfsdk:"updated_at"`
}

type connectorResourceModel struct {
	connectorFields
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (r *connectorResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connector"
}

// optionalText is an optional text attribute that refuses "" (omitting it says the same).
func optionalText(description string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description,
		Optional:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

func (r *connectorResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A custom integration connector: how a kind of device's payloads are decoded, which networks it can " +
			"use, and the settings each device gives it. Devices name it in `connector`. TagoIO's public catalog connectors " +
			"(the `tagoio_connector` data source reads them) cannot be managed.\n\n" +
			"Importing: the import ID is the connector ID.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Connector ID (24 hexadecimal characters)."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Connector name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 100), validate.NoControlCharacters()},
			},
			"description": optionalText("Description."),
			"logo_url":    optionalText("URL of the connector's logo."),
			"networks": schema.ListAttribute{
				MarkdownDescription: "IDs of the networks a device using this connector can be on (see `tagoio_network`), in order.",
				ElementType:         types.StringType,
				Optional:            true,
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(validate.ObjectID()),
				},
			},
			"device_parameters": deviceParametersAttribute("connector"),
			"payload_decoder": optionalText("JavaScript payload decoder run on every payload of a device using this connector, as " +
				"plain source (e.g. `file(\"decoder.js\")`); the provider base64-encodes it as the API expects."),
			"payload_encoder":   optionalText("Payload encoder (downlinks), sent and read as TagoIO stores it."),
			"install_text":      optionalText("Text shown when a device is added with this connector (the documentation's description)."),
			"install_end_text":  optionalText("Text shown once such a device is added (the documentation's completion text)."),
			"device_annotation": optionalText("Note shown on each device using this connector."),
			"public": schema.BoolAttribute{
				MarkdownDescription: "Whether the connector is in TagoIO's public catalog (a custom connector is not).",
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"created_at": createdAtAttribute(),
			"updated_at": updatedAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *connectorResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *connectorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createThenRead(ctx, req, resp, connectorKind, postBody((*connectorResourceModel).toCreate, r.client.Connectors.Create), r.readBack())
}

func (r *connectorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, connectorKind, r.readBack())
}

func (r *connectorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateThenRead(ctx, req, resp, connectorKind, putChanges((*connectorResourceModel).toUpdate, r.client.Connectors.Update), r.readBack())
}

func (r *connectorResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, connectorKind, r.client.Connectors.Delete)
}

// ImportState takes the connector ID.
func (r *connectorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObjectID(ctx, req, resp, connectorKind)
}

// readBack is the connector's one GET, shared by Create, Read and Update.
func (r *connectorResource) readBack() readBackFunc[connectorResourceModel] {
	return getThenCtx(r.client.Connectors.Get, (*connectorResourceModel).fromAPI)
}

// toCreate builds the POST body: every setting that is set.
func (m *connectorResourceModel) toCreate(ctx context.Context) (client.ConnectorCreate, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := client.ConnectorCreate{Name: m.Name.ValueString(), ConnectorSettings: m.settings(ctx, nil, &diags)}
	return body, diags
}

// toUpdate builds the PUT body: only what changed from state.
func (m *connectorResourceModel) toUpdate(ctx context.Context, state connectorResourceModel) (client.ConnectorUpdate, diag.Diagnostics) {
	var diags diag.Diagnostics
	u := client.ConnectorUpdate{Name: stringChange(m.Name, state.Name), ConnectorSettings: m.settings(ctx, &state.connectorFields, &diags)}
	return u, diags
}

// fromAPI maps a connector; Create, Read, Update and import use it. m holds the prior plan or
// state, whose device parameters are kept when they say what the API holds.
func (m *connectorFields) fromAPI(ctx context.Context, c *client.Connector) {
	m.ID = types.StringValue(c.ID)
	m.Name = types.StringValue(c.Name)
	m.Description = stringOrNull(c.Description)
	m.LogoURL = stringOrNull(c.LogoURL)
	m.Networks = idListOrNull(c.Networks)
	m.DeviceParameters = keepEquivalentParameters(ctx, m.DeviceParameters, c.DeviceParameters)
	m.PayloadDecoder = decoderFromAPI(c.PayloadDecoder)
	m.PayloadEncoder = stringOrNull(c.PayloadEncoder)
	m.InstallText = stringOrNull(c.InstallText)
	m.InstallEndText = stringOrNull(c.InstallEndText)
	m.DeviceAnnotation = stringOrNull(c.DeviceAnnotation)
	m.Public = types.BoolValue(c.Public)
	m.CreatedAt = stringOrNull(&c.CreatedAt)
	m.UpdatedAt = stringOrNull(&c.UpdatedAt)
}

// settings builds the fields to send: all that are set when state is nil (create), else only
// what changed from state (a removed value is sent empty, which clears it).
func (m *connectorFields) settings(ctx context.Context, state *connectorFields, diags *diag.Diagnostics) client.ConnectorSettings {
	text := func(plan types.String, prior func(*connectorFields) types.String) *string {
		if state == nil {
			return stringPtr(plan)
		}
		return stringChange(plan, prior(state))
	}
	s := client.ConnectorSettings{
		Description:      text(m.Description, func(f *connectorFields) types.String { return f.Description }),
		LogoURL:          text(m.LogoURL, func(f *connectorFields) types.String { return f.LogoURL }),
		PayloadEncoder:   text(m.PayloadEncoder, func(f *connectorFields) types.String { return f.PayloadEncoder }),
		InstallText:      text(m.InstallText, func(f *connectorFields) types.String { return f.InstallText }),
		InstallEndText:   text(m.InstallEndText, func(f *connectorFields) types.String { return f.InstallEndText }),
		DeviceAnnotation: text(m.DeviceAnnotation, func(f *connectorFields) types.String { return f.DeviceAnnotation }),
	}
	if state == nil || !m.PayloadDecoder.Equal(state.PayloadDecoder) {
		s.PayloadDecoder = decoderChange(m.PayloadDecoder, state != nil)
	}
	if state == nil && !m.Networks.IsNull() || state != nil && !m.Networks.Equal(state.Networks) {
		networks := stringsToAPI(ctx, m.Networks, diags)
		s.Networks = &networks
	}
	if state == nil && !m.DeviceParameters.IsNull() || state != nil && !m.DeviceParameters.Equal(state.DeviceParameters) {
		params := deviceParametersToAPI(ctx, m.DeviceParameters, diags)
		s.DeviceParameters = &params
	}
	return s
}

// decoderChange is the payload_decoder to send: the encoded source, or "" to clear it on an edit.
func decoderChange(source types.String, isEdit bool) *string {
	if p := decoderToAPI(source); p != nil {
		return p
	}
	if isEdit {
		empty := ""
		return &empty
	}
	return nil
}

// idListOrNull maps a list of IDs in the API's order; none is null.
func idListOrNull(ids []string) types.List {
	if len(ids) == 0 {
		return types.ListNull(types.StringType)
	}
	return stringList(ids)
}
