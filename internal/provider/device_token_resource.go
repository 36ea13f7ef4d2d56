package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure   = &deviceTokenResource{}
	_ resource.ResourceWithImportState = &deviceTokenResource{}
)

const deviceTokenKind = "device token"

// tokenPermissions are the permissions a token can carry; the SDK's types also have "deny" (a
// token that may do nothing), which TagoIO stores like the others.
var tokenPermissions = []string{"read", "write", "full", "deny"}

// importedKey marks, in private state, an object that came in through terraform import, so that
// settings the API never returns can be adopted from configuration without a replacement.
const importedKey = "imported"

// NewDeviceTokenResource is the tagoio_device_token resource.
func NewDeviceTokenResource() resource.Resource { return &deviceTokenResource{} }

type deviceTokenResource struct {
	client *client.Client
}

type deviceTokenModel struct {
	ID               types.String   `tfsdk:"id"`
	DeviceID         types.String   `tfsdk:"device_id"`
	Name             types.String   `tfsdk:"name"`
	Permission       types.String   `tfsdk:"permission"`
	ExpireTime       types.String   `tfsdk:"expire_time"`
	SerieNumber      types.String   `tfsdk:"serie_number"`
	VerificationCode types.String   `tfsdk:"verification_code"`
	Middleware       types.String   `tfsdk:"middleware"`
	Token            types.String   `tfsdk:"token"`
	ExpireDate       types.String   `tfsdk:"expire_date"`
	CreatedAt        types.String   `tfsdk:"created_at"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

func (r *deviceTokenResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_device_token"
}

func (r *deviceTokenResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	// expire_time and middleware are not returned by the API as configured: they are kept from
	// configuration. An imported token adopts them without being replaced.
	replaceUnlessImported := []planmodifier.String{stringplanmodifier.RequiresReplaceIf(requiresReplaceUnlessImported,
		"Changing this replaces the token, except on a token just imported, which adopts the configured value.",
		"Changing this replaces the token, except on a token just imported, which adopts the configured value.")}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A token of a TagoIO device, used by the device to send and read its data. TagoIO cannot edit a " +
			"token, so any change replaces it (a new token value). The token value is sensitive and never part of the resource ID.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<device_id>/<first 16 hex characters of the token's SHA-256>`: identifies the token without revealing it. " +
					"It is also an import ID that works whatever the token's name (see Import).",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"device_id": schema.StringAttribute{
				MarkdownDescription: "ID of the device the token belongs to.",
				Required:            true,
				Validators:          []validator.String{validate.ObjectID()},
				PlanModifiers:       replace,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Token name. Tokens with the same name on one device are imported by ID instead of by name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 100), validate.NoControlCharacters()},
				PlanModifiers:       replace,
			},
			"permission": schema.StringAttribute{
				MarkdownDescription: "What the token may do: `read` (only read data), `write` (only send data), `full` (both) or `deny` (nothing).",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(tokenPermissions...)},
				PlanModifiers:       replace,
			},
			"expire_time": schema.StringAttribute{
				MarkdownDescription: "When the token expires: `never` (also when unset), an ISO-8601 date, or a time relative to creation " +
					"such as `1 day` or `3 months`. The API answers an absolute date (see `expire_date`), so this value is kept " +
					"from configuration; an imported token gets the absolute date TagoIO lists (null when it never expires), so " +
					"that a token created again after it was deleted outside Terraform expires when the original did.",
				Optional:      true,
				Validators:    []validator.String{validate.ExpireTime()},
				PlanModifiers: replaceUnlessImported,
			},
			"serie_number": schema.StringAttribute{
				MarkdownDescription: "Serial number the token is bound to, for networks that authenticate devices by serial number.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replace,
			},
			"verification_code": schema.StringAttribute{
				MarkdownDescription: "Verification code some networks require together with the serial number. Setting or " +
					"changing it replaces the token. **Left unset (or `null`, as `terraform plan -generate-config-out` writes it " +
					"for a sensitive value) it keeps the code TagoIO has**, so importing a token never replaces it.",
				Optional:   true,
				Computed:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplaceIf(requiresReplaceWhenConfigured,
						"Setting or changing it replaces the token; leaving it unset keeps the current code.",
						"Setting or changing it replaces the token; leaving it unset keeps the current code."),
				},
			},
			"middleware": schema.StringAttribute{
				MarkdownDescription: "Middleware (network) name that uses the token. Not returned by the API: kept from configuration and not imported.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replaceUnlessImported,
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "The token value (sensitive).",
				Computed:            true,
				Sensitive:           true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"expire_date": keptComputedString("Absolute expiry date (ISO-8601); null when the token never expires."),
			"created_at":  createdAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func requiresReplaceUnlessImported(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	imported, diags := req.Private.GetKey(ctx, importedKey)
	resp.Diagnostics.Append(diags...)
	// A token just imported adopts the configured value (an imported expire_time holds the absolute
	// date TagoIO lists, which the configuration may write as the relative time it was made with).
	resp.RequiresReplace = imported == nil
}

// requiresReplaceWhenConfigured replaces the token only for a value the configuration sets: an
// unset value keeps the state's.
func requiresReplaceWhenConfigured(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.ConfigValue.IsNull()
}

func (r *deviceTokenResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *deviceTokenResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan deviceTokenModel
	ctx, cancel, ok := openModel(ctx, req.Plan, &plan, createTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	deviceID := plan.DeviceID.ValueString()
	created, err := r.client.DeviceTokens.Create(ctx, client.DeviceTokenCreate{
		Device:           deviceID,
		Name:             plan.Name.ValueString(),
		Permission:       plan.Permission.ValueString(),
		ExpireTime:       stringPtr(plan.ExpireTime),
		SerieNumber:      stringPtr(plan.SerieNumber),
		VerificationCode: stringPtr(plan.VerificationCode),
		Middleware:       stringPtr(plan.Middleware),
	})
	if err != nil {
		addCreateError(&resp.Diagnostics, deviceTokenKind, err)
		return
	}
	if plan.VerificationCode.IsUnknown() {
		plan.VerificationCode = types.StringNull() // not configured, none sent
	}
	plan.Token = types.StringValue(created.Token)
	plan.ID = types.StringValue(deviceTokenID(deviceID, created.Token))
	plan.ExpireDate = stringOrNull(&created.ExpireDate)
	tflog.Info(ctx, "created TagoIO device token", map[string]any{"id": plan.ID.ValueString(), "name": plan.Name.ValueString()})
	// Save everything a refresh and a destroy need (device_id and token) at once: if the read
	// below fails, the token is still in the state, and can be refreshed and deleted.
	plan.CreatedAt = types.StringNull() // unknown until the API lists the token
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)

	found, err := r.find(ctx, deviceID, created.Token)
	if err != nil {
		addReadError(&resp.Diagnostics, deviceTokenKind, plan.ID.ValueString(), err)
		return
	}
	if found != nil { // else listed later by the API: the next refresh fills created_at
		plan.fromAPI(deviceID, found)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *deviceTokenResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state deviceTokenModel
	ctx, cancel, ok := openModel(ctx, req.State, &state, readTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	found, err := r.find(ctx, state.DeviceID.ValueString(), state.Token.ValueString())
	if err != nil && !client.IsNotFound(err) {
		addReadError(&resp.Diagnostics, deviceTokenKind, state.ID.ValueString(), err)
		return
	}
	if found == nil { // the token, or its whole device, was deleted outside Terraform
		addRemovedWarning(&resp.Diagnostics, deviceTokenKind, state.ID.ValueString())
		resp.State.RemoveResource(ctx)
		return
	}
	state.fromAPI(state.DeviceID.ValueString(), found)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only runs for settings adopted from configuration after an import (every other change
// replaces the token): there is nothing to send, the new values are recorded.
func (r *deviceTokenResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state deviceTokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.Token, plan.ExpireDate, plan.CreatedAt, plan.ID = state.Token, state.ExpireDate, state.CreatedAt, state.ID
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, nil)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *deviceTokenResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state deviceTokenModel
	ctx, cancel, ok := openModel(ctx, req.State, &state, deleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if err := r.client.DeviceTokens.Delete(ctx, state.Token.ValueString()); err != nil && !client.IsNotFound(err) {
		addDeleteError(&resp.Diagnostics, deviceTokenKind, state.ID.ValueString(), err)
	}
}

// ImportState takes `<device_id>/<token name>` or the resource ID, `<device_id>/<first 16 hex
// characters of the token's SHA-256>`, which works whatever the name (tokens sharing a name have
// only that one): a token's value must never appear in an import ID.
func (r *deviceTokenResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	const format = "`<device_id>/<token name>` (e.g. 6298fcc3e0b6840012b6abfa/gateway) or the resource ID " +
		"`<device_id>/<first 16 hex characters of the token's SHA-256>`"
	deviceID, name, ok := strings.Cut(req.ID, "/")
	if !ok || !validate.IsObjectID(deviceID) || name == "" {
		addImportIDError(&resp.Diagnostics, deviceTokenKind, format, req.ID)
		return
	}
	tokens, err := r.client.DeviceTokens.List(ctx, deviceID)
	if err != nil {
		addReadError(&resp.Diagnostics, deviceTokenKind+"s of device", deviceID, err)
		return
	}
	var matches []client.DeviceToken
	for _, t := range tokens {
		if deviceTokenID(deviceID, t.Token) == req.ID {
			matches = append(matches, t) // the resource ID: whatever the name
		}
	}
	if len(matches) == 0 {
		for _, t := range tokens {
			if t.Name == name {
				matches = append(matches, t)
			}
		}
	}
	if len(matches) != 1 {
		addLookupError(&resp.Diagnostics, deviceTokenKind, "name", name, len(matches))
		if len(matches) > 1 {
			addDuplicateTokenNameError(&resp.Diagnostics, deviceID, name, len(matches))
		}
		return
	}
	state := deviceTokenModel{
		DeviceID:         types.StringValue(deviceID),
		ExpireTime:       types.StringNull(),
		Middleware:       types.StringNull(),
		VerificationCode: types.StringNull(),
		Timeouts:         timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)},
	}
	state.fromAPI(deviceID, &matches[0])
	state.ExpireTime = state.ExpireDate // the API lists the absolute date; configuration may keep it
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, []byte(`true`))...)
}

// find looks the token up in its device's token list (one request when the device has at most
// a page of tokens); nil when it is not there.
func (r *deviceTokenResource) find(ctx context.Context, deviceID, token string) (*client.DeviceToken, error) {
	tokens, err := r.client.DeviceTokens.List(ctx, deviceID)
	if err != nil {
		return nil, err
	}
	for i := range tokens {
		if tokens[i].Token == token {
			return &tokens[i], nil
		}
	}
	return nil, nil
}

// fromAPI maps a token list item onto the model; expire_time and middleware are kept from
// configuration because the API does not return them as configured.
func (m *deviceTokenModel) fromAPI(deviceID string, t *client.DeviceToken) {
	m.ID = types.StringValue(deviceTokenID(deviceID, t.Token))
	m.DeviceID = types.StringValue(deviceID)
	m.Token = types.StringValue(t.Token)
	m.Name = types.StringValue(t.Name)
	m.Permission = types.StringValue(t.Permission)
	m.SerieNumber = stringOrNull(t.SerieNumber)
	if t.VerificationCode != nil && *t.VerificationCode != "" {
		m.VerificationCode = types.StringValue(*t.VerificationCode)
	}
	m.ExpireDate = types.StringNull()
	if t.ExpireTime != nil && *t.ExpireTime != "never" && *t.ExpireTime != "" {
		m.ExpireDate = types.StringValue(*t.ExpireTime)
	}
	m.CreatedAt = types.StringValue(t.CreatedAt)
}

// deviceTokenID identifies a token without revealing it.
func deviceTokenID(deviceID, token string) string {
	sum := sha256.Sum256([]byte(token))
	return deviceID + "/" + hex.EncodeToString(sum[:])[:16]
}
