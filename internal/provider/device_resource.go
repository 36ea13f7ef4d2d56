package provider

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure      = &deviceResource{}
	_ resource.ResourceWithImportState    = &deviceResource{}
	_ resource.ResourceWithValidateConfig = &deviceResource{}
	_ resource.ResourceWithModifyPlan     = &deviceResource{}
)

const deviceKind = "device"

// Storage types and chunk periods (docs/api-notes.md §2.3).
var (
	deviceTypes  = []string{"mutable", "immutable", "hybrid", "legacy"}
	chunkPeriods = []string{"day", "week", "month", "quarter"}
	// maxChunkRetention is the retention bound for each chunk period (TagoIO docs).
	maxChunkRetention = map[string]int64{"day": 31, "week": 26, "month": 36, "quarter": 36}
)

// importParamsKey marks, in private state, a device just imported: its first Read also reads the
// configuration parameters, which are otherwise read only when Terraform manages them.
const importParamsKey = "import_params"

// NewDeviceResource is the tagoio_device resource.
func NewDeviceResource() resource.Resource { return &deviceResource{} }

type deviceResource struct {
	client      *client.Client
	defaultTags tagDefaults
}

// deviceFields are the attributes read from GET /device/{id}, shared by the resource and the
// data source.
type deviceFields struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	Type                 types.String `tfsdk:"type"`
	Connector            types.String `tfsdk:"connector"`
	Network              types.String `tfsdk:"network"`
	Description          types.String `tfsdk:"description"`
	Active               types.Bool   `tfsdk:"active"`
	Visible              types.Bool   `tfsdk:"visible"`
	Tags                 types.List   `tfsdk:"tags"`
	ChunkPeriod          types.String `tfsdk:"chunk_period"`
	ChunkRetention       types.Int64  `tfsdk:"chunk_retention"`
	MutableVariableRegex types.String `tfsdk:"mutable_variable_regex"`
	PayloadDecoder       types.String `tfsdk:"payload_decoder"`
	RPM                  types.Object `tfsdk:"rpm"`
	CreatedAt            types.String `tfsdk:"created_at"`
	UpdatedAt            types.String `tfsdk:"updated_at"`
}

type deviceModel struct {
	deviceFields
	TagsAll types.List `tfsdk:"tags_all"`
	// Set on create and edit, never returned by the API: kept as configured.
	SerieNumber         types.String   `tfsdk:"serie_number"`
	ConnectorParse      types.Bool     `tfsdk:"connector_parse"`
	ParseFunction       types.String   `tfsdk:"parse_function"`
	ConfigurationParams types.List     `tfsdk:"configuration_params"`
	Token               types.String   `tfsdk:"token"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

type deviceParamModel struct {
	Key   types.String `tfsdk:"key"`
	Value types.String `tfsdk:"value"`
	Sent  types.Bool   `tfsdk:"sent"`
}

// deviceRPMAttrTypes is the rpm object: requests per minute, each limit optional.
var deviceRPMAttrTypes = map[string]attr.Type{"data_input": types.Int64Type, "data_output": types.Int64Type}

// notReadBack ends the description of an attribute TagoIO accepts but never returns.
const notReadBack = " TagoIO never returns it: Terraform keeps the configured value, cannot see a change made outside " +
	"Terraform, and leaves it null on import."

var deviceParamAttrTypes = map[string]attr.Type{"key": types.StringType, "value": types.StringType, "sent": types.BoolType}

func (r *deviceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_device"
}

func (r *deviceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A TagoIO device. Since 2022 every device is also its own data store (its `type` decides how data is kept), " +
			"so the device id is also its bucket id. Changing `type`, `chunk_period`, `connector` or `network` replaces the device " +
			"and **deletes its data**; the plan shows a warning when that would happen.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Device ID (24 hexadecimal characters); also the ID of its data store."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Device name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 100), validate.NoControlCharacters()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "Data storage type: `mutable` (editable records, at most 50,000), `immutable` (time-partitioned chunks " +
					"with retention), `hybrid` (immutable plus mutable variables chosen by `mutable_variable_regex`) or `legacy` " +
					"(the pre-2022 bucket model, only for imported devices). Changing it replaces the device.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(deviceTypes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"connector": schema.StringAttribute{
				MarkdownDescription: "Connector ID (see the `tagoio_connector` data source). The plain HTTP(S) device uses " +
					"`62333bd36977fc001a2990c8` (Custom HTTPS). Changing it replaces the device: TagoIO only edits a " +
					"connector on a device without tokens, and a device always has one.",
				Required:      true,
				Validators:    []validator.String{validate.ObjectID()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"network": schema.StringAttribute{
				MarkdownDescription: "Network ID, one of the connector's networks (see the `tagoio_network` data source). " +
					"The plain HTTP(S) device uses `62336c32ab6e0d0012e06c04`. Changing it replaces the device.",
				Required:      true,
				Validators:    []validator.String{validate.ObjectID()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the device accepts data. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"visible": schema.BoolAttribute{
				MarkdownDescription: "Whether the device is visible in the TagoIO admin. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"serie_number": schema.StringAttribute{
				MarkdownDescription: "Serial number, required by networks that identify devices by it (e.g. LoRaWAN). " +
					"TagoIO lists it on the device's tokens (see `tagoio_device_tokens`)." + notReadBack,
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"tags":     tagsResourceAttribute("device"),
			"tags_all": tagsAllResourceAttribute("device"),
			"configuration_params": schema.ListNestedAttribute{
				MarkdownDescription: "Configuration parameters the device reads, in order. Leave unset to leave the parameters " +
					"unmanaged; set (even to `[]`) to manage the whole list. When a value changes its `sent` flag is reset so " +
					"that the device reads it again.",
				Optional: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"key": schema.StringAttribute{
							MarkdownDescription: "Parameter key.",
							Required:            true,
							Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
						},
						"value": schema.StringAttribute{MarkdownDescription: "Parameter value.", Required: true},
						"sent": schema.BoolAttribute{
							MarkdownDescription: "Whether the device has read the parameter (set by the device, read-only here).",
							Computed:            true,
						},
					},
				},
				// The device looks its parameters up by key: a repeated key would hide one value.
				Validators: []validator.List{validate.UniqueAttribute("key")},
			},
			"chunk_period": schema.StringAttribute{
				MarkdownDescription: "Chunk period of `immutable` and `hybrid` devices: `day`, `week`, `month` or `quarter`. " +
					"Fixed at creation: changing it replaces the device.",
				Optional:      true,
				Validators:    []validator.String{stringvalidator.OneOf(chunkPeriods...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"chunk_retention": schema.Int64Attribute{
				MarkdownDescription: "How many chunks an `immutable` or `hybrid` device keeps: 0–31 for `day`, 0–26 for `week`, " +
					"0–36 for `month` and `quarter`. Editable in place.",
				Optional: true,
			},
			"mutable_variable_regex": schema.StringAttribute{
				MarkdownDescription: "Required for `hybrid` devices: variables whose name matches this regular expression " +
					"(unanchored) are stored on the mutable side. TagoIO accepts a change only while the device holds no data.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), validate.Regexp()},
			},
			"payload_decoder": schema.StringAttribute{
				MarkdownDescription: "JavaScript payload decoder run on every payload the device sends, as plain source " +
					"(e.g. `file(\"decoder.js\")`); the provider base64-encodes it as the API expects.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"connector_parse": schema.BoolAttribute{
				MarkdownDescription: "Whether the connector's own parser runs before `parse_function` (older parser setting). " +
					"Defaults to `false`." + notReadBack,
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"parse_function": schema.StringAttribute{
				MarkdownDescription: "Older payload parser source (JavaScript). Prefer `payload_decoder`." + notReadBack,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"rpm": schema.SingleNestedAttribute{
				MarkdownDescription: "Soft limits on the requests per minute this device may make (TagoIO's Control Tower " +
					"add-on). Null when not set; removing it clears the limits.",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"data_input": schema.Int64Attribute{
						MarkdownDescription: "Data input requests per minute.",
						Optional:            true,
						Validators:          []validator.Int64{int64validator.AtLeast(0)},
					},
					"data_output": schema.Int64Attribute{
						MarkdownDescription: "Data output requests per minute.",
						Optional:            true,
						Validators:          []validator.Int64{int64validator.AtLeast(0)},
					},
				},
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "The device's default token, returned when Terraform creates the device and kept from then on. " +
					"Null for an imported device (TagoIO never shows which token was the default): manage tokens with `tagoio_device_token`.",
				Computed:      true,
				Sensitive:     true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": createdAtAttribute(),
			"updated_at": updatedAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *deviceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
	r.defaultTags = defaultTagsFrom(req.ProviderData)
}

// ValidateConfig checks the rules that tie attributes together, at plan time.
func (r *deviceResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m deviceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Type.IsUnknown() {
		return
	}
	deviceType := m.Type.ValueString()
	chunked := deviceType == "immutable" || deviceType == "hybrid"
	if chunked {
		if m.ChunkPeriod.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("chunk_period"), "Missing chunk_period",
				fmt.Sprintf("A %s device needs chunk_period (one of %s).", deviceType, strings.Join(chunkPeriods, ", ")))
		}
		if m.ChunkRetention.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("chunk_retention"), "Missing chunk_retention",
				fmt.Sprintf("A %s device needs chunk_retention (how many chunks to keep).", deviceType))
		}
	} else {
		for attrName, v := range map[string]attr.Value{"chunk_period": m.ChunkPeriod, "chunk_retention": m.ChunkRetention} {
			if !v.IsNull() {
				resp.Diagnostics.AddAttributeError(path.Root(attrName), "Unexpected "+attrName,
					fmt.Sprintf("%s applies only to immutable and hybrid devices; this device's type is %q.", attrName, deviceType))
			}
		}
	}
	if deviceType == "hybrid" && m.MutableVariableRegex.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("mutable_variable_regex"), "Missing mutable_variable_regex",
			"A hybrid device needs mutable_variable_regex: the variables it matches are stored on the mutable side.")
	}
	if deviceType != "hybrid" && !m.MutableVariableRegex.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("mutable_variable_regex"), "Unexpected mutable_variable_regex",
			fmt.Sprintf("mutable_variable_regex applies only to hybrid devices; this device's type is %q.", deviceType))
	}
	if !m.RPM.IsNull() && !m.RPM.IsUnknown() {
		dataInput, dataOutput := m.RPM.Attributes()["data_input"], m.RPM.Attributes()["data_output"]
		if dataInput.IsNull() && dataOutput.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("rpm"), "Empty rpm",
				"rpm needs data_input, data_output or both; remove rpm to leave the device without limits.")
		}
	}
	if !m.ChunkPeriod.IsNull() && !m.ChunkPeriod.IsUnknown() && !m.ChunkRetention.IsNull() && !m.ChunkRetention.IsUnknown() {
		limit, known := maxChunkRetention[m.ChunkPeriod.ValueString()]
		if n := m.ChunkRetention.ValueInt64(); known && (n < 0 || n > limit) {
			resp.Diagnostics.AddAttributeError(path.Root("chunk_retention"), "Invalid chunk_retention",
				fmt.Sprintf("With chunk_period %q, chunk_retention must be between 0 and %d, got: %d.", m.ChunkPeriod.ValueString(), limit, n))
		}
	}
}

// ModifyPlan warns when the plan replaces a device, since replacing it deletes its data.
func (r *deviceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	defer r.defaultTags.planTagsAll(ctx, req, resp) // last: after any resp.Plan.Set below
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return // create or destroy
	}
	var plan, state deviceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var changed []string
	for _, f := range []struct {
		name        string
		plan, state types.String
	}{{"type", plan.Type, state.Type}, {"chunk_period", plan.ChunkPeriod, state.ChunkPeriod},
		{"connector", plan.Connector, state.Connector}, {"network", plan.Network, state.Network}} {
		if !f.plan.IsUnknown() && !f.plan.Equal(f.state) {
			changed = append(changed, f.name)
		}
	}
	if len(changed) == 0 {
		return
	}
	held := "all its data"
	if r.client != nil {
		// A plan-time call: bounded like a refresh, so that a plan never hangs on it.
		ctx, cancel := withReadTimeout(ctx, state.Timeouts, &resp.Diagnostics)
		defer cancel()
		if n, err := r.client.Devices.DataAmount(ctx, state.ID.ValueString()); err == nil {
			held = fmt.Sprintf("its %d data records", n)
		}
	}
	resp.Diagnostics.AddWarning("Replacing a device deletes its data",
		fmt.Sprintf("Changing %s replaces the device %q (%s): TagoIO cannot edit these on an existing device. "+
			"Replacing it deletes %s and its tokens. Export the data first if you need it, or revert the change.",
			strings.Join(changed, ", "), state.Name.ValueString(), state.ID.ValueString(), held))
}

func (r *deviceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createThenRead(ctx, req, resp, deviceKind, func(ctx context.Context, plan *deviceModel, diags *diag.Diagnostics) (string, error) {
		body, d := plan.toCreate(ctx)
		diags.Append(d...)
		if diags.HasError() {
			return "", nil
		}
		created, err := r.client.Devices.Create(ctx, body)
		if err != nil {
			return "", err
		}
		plan.Token = stringOrNull(&created.Token) // returned only now: kept from then on
		return created.ID, nil
	}, func(ctx context.Context, id string, plan *deviceModel, diags *diag.Diagnostics) error {
		err := r.readBack()(ctx, id, plan, diags)
		// The parameters were created with the device: their state is the plan, not yet sent.
		plan.ConfigurationParams = paramsFromPlan(ctx, plan.ConfigurationParams, diags)
		return err
	})
}

func (r *deviceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, deviceKind, func(ctx context.Context, id string, state *deviceModel, diags *diag.Diagnostics) error {
		if err := r.readBack()(ctx, id, state, diags); err != nil {
			return err
		}
		if state.ConnectorParse.IsNull() { // imported: TagoIO does not return it, its default is false
			state.ConnectorParse = types.BoolValue(false)
		}
		imported, d := req.Private.GetKey(ctx, importParamsKey)
		diags.Append(d...)
		if !state.ConfigurationParams.IsNull() || imported != nil {
			if r.readParams(ctx, id, state, imported != nil, diags) {
				diags.Append(resp.Private.SetKey(ctx, importParamsKey, nil)...)
			}
		}
		return nil
	})
}

func (r *deviceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateThenRead(ctx, req, resp, deviceKind, func(ctx context.Context, id string, plan, state *deviceModel, diags *diag.Diagnostics) error {
		if err := putChanges((*deviceModel).toUpdate, r.client.Devices.Update)(ctx, id, plan, state, diags); err != nil || diags.HasError() {
			return err
		}
		if !plan.ConfigurationParams.IsNull() && !plan.ConfigurationParams.Equal(state.ConfigurationParams) {
			if err := r.syncParams(ctx, id, plan.paramsToAPI(ctx, diags)); err != nil {
				addUpdateError(diags, deviceKind+" configuration parameters", id, err)
			}
		}
		plan.Token = state.Token
		return nil
	}, func(ctx context.Context, id string, plan *deviceModel, diags *diag.Diagnostics) error {
		err := r.readBack()(ctx, id, plan, diags)
		if err == nil && !plan.ConfigurationParams.IsNull() {
			r.readParams(ctx, id, plan, false, diags)
		}
		return err
	})
}

func (r *deviceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, deviceKind, r.client.Devices.Delete)
}

// ImportState takes the device ID.
func (r *deviceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importObjectID(ctx, req, resp, deviceKind) {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importParamsKey, []byte(`true`))...)
	}
}

// readBack is the device's one GET, shared by Create, Read and Update.
func (r *deviceResource) readBack() readBackFunc[deviceModel] {
	return getThenTagged(r.client.Devices.Get, (*deviceModel).fromAPI, r.defaultTags)
}

// readParams reads the device's configuration parameters into m; for an import, none is null.
func (r *deviceResource) readParams(ctx context.Context, id string, m *deviceModel, imported bool, diags *diag.Diagnostics) bool {
	params, err := r.client.Devices.ListParams(ctx, id)
	if err != nil {
		addReadError(diags, deviceKind+" configuration parameters", id, err)
		return false
	}
	m.ConfigurationParams = paramsFromAPI(params, imported)
	return true
}

// maxParamSyncPasses bounds how often syncParams starts over after a save whose answer was lost.
const maxParamSyncPasses = 4

// syncParams makes the device's parameters equal to desired. A save whose answer was lost may
// have been applied, and sending it again would create its new parameters twice, so the sync
// starts over instead: it lists the parameters again and sends only what is still missing.
func (r *deviceResource) syncParams(ctx context.Context, id string, desired []client.DeviceParam) error {
	for pass := 1; ; pass++ {
		err := r.syncParamsOnce(ctx, id, desired)
		if err == nil || !client.IsOutcomeUnknown(err) || pass >= maxParamSyncPasses || ctx.Err() != nil {
			return err
		}
		tflog.Debug(ctx, "saving TagoIO device parameters got no clear answer; comparing them again", map[string]any{"id": id, "pass": pass})
	}
}

// syncParamsOnce makes the device's parameters equal to desired, position by position: changed
// ones are edited (and marked unsent), new ones created, extra ones deleted.
func (r *deviceResource) syncParamsOnce(ctx context.Context, id string, desired []client.DeviceParam) error {
	current, err := r.client.Devices.ListParams(ctx, id)
	if err != nil {
		return err
	}
	var save []client.DeviceParam
	for i, want := range desired {
		switch {
		case i >= len(current):
			save = append(save, want)
		case current[i].Key != want.Key || current[i].Value != want.Value:
			want.ID = current[i].ID
			save = append(save, want)
		}
	}
	if err := r.client.Devices.SaveParams(ctx, id, save); err != nil {
		return err
	}
	for _, extra := range current[min(len(desired), len(current)):] {
		if err := r.client.Devices.DeleteParam(ctx, id, extra.ID); err != nil && !client.IsNotFound(err) {
			return err
		}
	}
	return nil
}

// fromAPI maps a device read from the API onto the model; Create, Read, Update, import and the
// data source all use it. The resource's token, timeouts and configuration_params are not part
// of GET /device/{id}, nor are serie_number, connector_parse and parse_function.
func (m *deviceFields) fromAPI(d *client.Device) {
	m.ID = types.StringValue(d.ID)
	m.Name = types.StringValue(d.Name)
	m.Type = types.StringValue(d.Type)
	m.Connector = types.StringValue(d.Connector)
	m.Network = types.StringValue(d.Network)
	m.Description = stringOrNull(d.Description)
	m.Active = types.BoolValue(d.Active)
	m.Visible = types.BoolValue(d.Visible)
	m.Tags = tagsFromAPI(d.Tags)
	m.ChunkPeriod = stringOrNull(d.ChunkPeriod)
	m.ChunkRetention = int64OrNull(d.ChunkRetention)
	m.MutableVariableRegex = stringOrNull(d.MutableVariableRegex)
	m.PayloadDecoder = decoderFromAPI(d.PayloadDecoder)
	m.RPM = rpmFromAPI(d.RPM)
	m.CreatedAt = types.StringValue(d.CreatedAt)
	m.UpdatedAt = types.StringValue(d.UpdatedAt)
	if d.ChunkRetention != nil && d.ChunkPeriod == nil {
		m.ChunkRetention = types.Int64Null() // only meaningful with a chunk period
	}
}

// toCreate builds the POST /device body.
func (m *deviceModel) toCreate(ctx context.Context) (client.DeviceCreate, diag.Diagnostics) {
	tags, diags := tagsToAPI(ctx, m.TagsAll)
	body := client.DeviceCreate{
		Name:                 m.Name.ValueString(),
		Type:                 m.Type.ValueString(),
		Connector:            m.Connector.ValueString(),
		Network:              m.Network.ValueString(),
		Description:          stringPtr(m.Description),
		Active:               boolPtr(m.Active),
		Visible:              boolPtr(m.Visible),
		SerieNumber:          stringPtr(m.SerieNumber),
		Tags:                 tags,
		ChunkPeriod:          stringPtr(m.ChunkPeriod),
		ChunkRetention:       int64Ptr(m.ChunkRetention),
		MutableVariableRegex: stringPtr(m.MutableVariableRegex),
		PayloadDecoder:       decoderToAPI(m.PayloadDecoder),
		ConnectorParse:       boolPtr(m.ConnectorParse),
		ParseFunction:        stringPtr(m.ParseFunction),
		RPM:                  rpmToAPI(ctx, m.RPM, &diags),
	}
	body.ConfigurationParams = m.paramsToAPI(ctx, &diags)
	return body, diags
}

// toUpdate builds a PUT body with only what changed from state: TagoIO refuses some fields even
// unchanged (docs/api-notes.md §2.3). Connector, network, type and chunk_period never reach here: they
// force replacement.
func (m *deviceModel) toUpdate(ctx context.Context, state deviceModel) (client.DeviceUpdate, diag.Diagnostics) {
	var diags diag.Diagnostics
	u := client.DeviceUpdate{
		Name:                 stringChange(m.Name, state.Name),
		Description:          stringChange(m.Description, state.Description),
		Active:               boolChange(m.Active, state.Active),
		Visible:              boolChange(m.Visible, state.Visible),
		SerieNumber:          stringChange(m.SerieNumber, state.SerieNumber),
		ChunkRetention:       int64Change(m.ChunkRetention, state.ChunkRetention),
		MutableVariableRegex: stringChange(m.MutableVariableRegex, state.MutableVariableRegex),
		ConnectorParse:       boolChange(m.ConnectorParse, state.ConnectorParse),
		ParseFunction:        stringChange(m.ParseFunction, state.ParseFunction),
	}
	if !m.PayloadDecoder.Equal(state.PayloadDecoder) {
		decoder := ""
		if p := decoderToAPI(m.PayloadDecoder); p != nil {
			decoder = *p
		}
		u.PayloadDecoder = &decoder
	}
	if !m.RPM.Equal(state.RPM) {
		u.RPM = rpmToAPI(ctx, m.RPM, &diags)
		if u.RPM == nil {
			u.RPM = &client.DeviceRPM{} // an empty object clears the limits
		}
	}
	u.Tags = tagsChange(ctx, m.TagsAll, state.TagsAll, &diags)
	return u, diags
}

func (m *deviceModel) paramsToAPI(ctx context.Context, diags *diag.Diagnostics) []client.DeviceParam {
	if m.ConfigurationParams.IsNull() || m.ConfigurationParams.IsUnknown() {
		return nil
	}
	var models []deviceParamModel
	diags.Append(m.ConfigurationParams.ElementsAs(ctx, &models, false)...)
	params := make([]client.DeviceParam, 0, len(models))
	for _, p := range models {
		params = append(params, client.DeviceParam{Key: p.Key.ValueString(), Value: p.Value.ValueString()})
	}
	return params
}

// paramsFromAPI maps the API's parameters; for an import, a device without parameters maps to
// null (unmanaged) rather than an empty list.
func paramsFromAPI(params []client.DeviceParam, nullWhenEmpty bool) types.List {
	objType := types.ObjectType{AttrTypes: deviceParamAttrTypes}
	if len(params) == 0 && nullWhenEmpty {
		return types.ListNull(objType)
	}
	elems := make([]attr.Value, 0, len(params))
	for _, p := range params {
		elems = append(elems, types.ObjectValueMust(deviceParamAttrTypes, map[string]attr.Value{
			"key": types.StringValue(p.Key), "value": types.StringValue(p.Value), "sent": types.BoolValue(p.Sent),
		}))
	}
	return types.ListValueMust(objType, elems)
}

// paramsFromPlan is the state of parameters just created: as planned, not yet sent.
func paramsFromPlan(ctx context.Context, planned types.List, diags *diag.Diagnostics) types.List {
	if planned.IsNull() {
		return planned
	}
	m := deviceModel{ConfigurationParams: planned}
	return paramsFromAPI(m.paramsToAPI(ctx, diags), false)
}

// The API keeps the payload decoder base64-encoded; Terraform shows the source.
func decoderToAPI(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := base64.StdEncoding.EncodeToString([]byte(v.ValueString()))
	return &s
}

func decoderFromAPI(s *string) types.String {
	if s == nil || *s == "" {
		return types.StringNull()
	}
	decoded, err := base64.StdEncoding.DecodeString(*s)
	if err != nil {
		return types.StringValue(*s) // not base64 (set by an older client): show it as it is
	}
	return types.StringValue(string(decoded))
}

type deviceRPMModel struct {
	DataInput  types.Int64 `tfsdk:"data_input"`
	DataOutput types.Int64 `tfsdk:"data_output"`
}

func rpmFromAPI(rpm *client.DeviceRPM) types.Object {
	if rpm == nil || (rpm.DataInput == nil && rpm.DataOutput == nil) {
		return types.ObjectNull(deviceRPMAttrTypes)
	}
	return types.ObjectValueMust(deviceRPMAttrTypes, map[string]attr.Value{
		"data_input": int64OrNull(rpm.DataInput), "data_output": int64OrNull(rpm.DataOutput),
	})
}

func rpmToAPI(ctx context.Context, v types.Object, diags *diag.Diagnostics) *client.DeviceRPM {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var m deviceRPMModel
	diags.Append(v.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	rpm := &client.DeviceRPM{DataInput: int64Ptr(m.DataInput), DataOutput: int64Ptr(m.DataOutput)}
	if rpm.DataInput == nil && rpm.DataOutput == nil {
		return nil
	}
	return rpm
}

// fromAPI is deviceFields.fromAPI with the provider's default tags told apart from the object's own.
func (m *deviceModel) fromAPI(in *client.Device, defaults tagDefaults) {
	prior := m.Tags
	m.deviceFields.fromAPI(in)
	m.Tags, m.TagsAll = defaults.split(in.Tags, prior)
}
