package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

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
			"id": schema.StringAttribute{
				MarkdownDescription: "Connector ID (24 hexadecimal characters).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
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
			"created_at": schema.StringAttribute{
				MarkdownDescription: "Creation time (ISO-8601).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"updated_at": schema.StringAttribute{MarkdownDescription: "Last update time (ISO-8601).", Computed: true},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *connectorResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *connectorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan connectorResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, plan.Timeouts.Create)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	body := client.ConnectorCreate{Name: plan.Name.ValueString(), ConnectorSettings: plan.settings(ctx, nil, &resp.Diagnostics)}
	if resp.Diagnostics.HasError() {
		return
	}
	id, err := r.client.Connectors.Create(ctx, body)
	if err != nil {
		addCreateError(&resp.Diagnostics, connectorKind, err)
		return
	}
	tflog.Info(ctx, "created TagoIO connector", map[string]any{"id": id})
	plan.ID = types.StringValue(id)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), plan.ID)...)
	r.readInto(ctx, id, &plan.connectorFields, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *connectorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state connectorResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withReadTimeout(ctx, state.Timeouts, &resp.Diagnostics)
	defer cancel()
	id := state.ID.ValueString()
	c, err := r.client.Connectors.Get(ctx, id)
	if client.IsNotFound(err) {
		addRemovedWarning(&resp.Diagnostics, connectorKind, id)
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addReadError(&resp.Diagnostics, connectorKind, id, err)
		return
	}
	state.fromAPI(ctx, c)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *connectorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state connectorResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, plan.Timeouts.Update)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	id := state.ID.ValueString()
	update := client.ConnectorUpdate{
		Name:              stringChange(plan.Name, state.Name),
		ConnectorSettings: plan.settings(ctx, &state.connectorFields, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if !update.IsEmpty() {
		if err := r.client.Connectors.Update(ctx, id, update); err != nil {
			addUpdateError(&resp.Diagnostics, connectorKind, id, err)
			return
		}
	}
	r.readInto(ctx, id, &plan.connectorFields, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *connectorResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state connectorResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, state.Timeouts.Delete)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	id := state.ID.ValueString()
	if err := r.client.Connectors.Delete(ctx, id); err != nil && !client.IsNotFound(err) {
		addDeleteError(&resp.Diagnostics, connectorKind, id, err)
	}
}

// ImportState takes the connector ID.
func (r *connectorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !validate.IsObjectID(req.ID) {
		addImportIDError(&resp.Diagnostics, connectorKind, "the connector ID: 24 lowercase hexadecimal characters", req.ID)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// readInto reads the connector after a write and maps it into m (m holds the plan).
func (r *connectorResource) readInto(ctx context.Context, id string, m *connectorFields, diags *diag.Diagnostics) {
	c, err := r.client.Connectors.Get(ctx, id)
	if err != nil {
		addReadError(diags, connectorKind, id, err)
		return
	}
	m.fromAPI(ctx, c)
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
