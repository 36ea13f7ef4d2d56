package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ ephemeral.EphemeralResourceWithConfigure = &deviceTokenEphemeralResource{}
	_ ephemeral.EphemeralResourceWithClose     = &deviceTokenEphemeralResource{}
)

// ephemeralTokenKey holds, in the ephemeral resource's private data (which Terraform keeps in
// memory between Open and Close and never writes to state or plan), the token Close deletes.
const ephemeralTokenKey = "opened"

// openedToken is what Close needs to delete the token and name it in a diagnostic.
type openedToken struct {
	DeviceID string `json:"device_id"`
	Token    string `json:"token"`
}

// defaultEphemeralExpireTime bounds a token whose Close never ran (Terraform killed between Open
// and Close): it still stops working on its own.
const defaultEphemeralExpireTime = "1 hour"

// NewDeviceTokenEphemeralResource is the ephemeral tagoio_device_token.
func NewDeviceTokenEphemeralResource() ephemeral.EphemeralResource {
	return &deviceTokenEphemeralResource{}
}

type deviceTokenEphemeralResource struct {
	client *client.Client
}

type deviceTokenEphemeralModel struct {
	ID         types.String `tfsdk:"id"`
	DeviceID   types.String `tfsdk:"device_id"`
	Name       types.String `tfsdk:"name"`
	Permission types.String `tfsdk:"permission"`
	ExpireTime types.String `tfsdk:"expire_time"`
	Token      types.String `tfsdk:"token"`
	ExpireDate types.String `tfsdk:"expire_date"`
}

func (r *deviceTokenEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_device_token"
}

func (r *deviceTokenEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A short-lived token of a TagoIO device that never enters the Terraform state or plan (Terraform >= 1.10). " +
			"Terraform creates it each time it needs the value (once for the plan, once for the apply) and deletes it when " +
			"it is done with it; TagoIO cannot extend a token, so there is nothing to renew. Use it where Terraform accepts " +
			"ephemeral values: a provider configuration, a provisioner or connection block, another ephemeral resource, a " +
			"write-only attribute. For a token that lives on, use the `tagoio_device_token` resource.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<device_id>/<first 16 hex characters of the token's SHA-256>`: identifies the token without revealing it.",
				Computed:            true,
			},
			"device_id": schema.StringAttribute{
				MarkdownDescription: "ID of the device the token belongs to.",
				Required:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Token name, as the device's token list shows it while the token exists.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 100), validate.NoControlCharacters()},
			},
			"permission": schema.StringAttribute{
				MarkdownDescription: "What the token may do: `read` (only read data), `write` (only send data), `full` (both) or `deny` (nothing).",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(tokenPermissions...)},
			},
			"expire_time": schema.StringAttribute{
				MarkdownDescription: "When the token expires if Terraform could not delete it: an ISO-8601 date, a time relative to " +
					"creation such as `30 minutes`, or `never`. Defaults to `" + defaultEphemeralExpireTime + "`.",
				Optional:   true,
				Validators: []validator.String{validate.ExpireTime()},
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "The token value (sensitive).",
				Computed:            true,
				Sensitive:           true,
			},
			"expire_date": schema.StringAttribute{
				MarkdownDescription: "Absolute expiry date (ISO-8601) TagoIO answered; null when the token never expires.",
				Computed:            true,
			},
		},
	}
}

func (r *deviceTokenEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *deviceTokenEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var cfg deviceTokenEphemeralModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	expireTime := cfg.ExpireTime.ValueString()
	if cfg.ExpireTime.IsNull() {
		expireTime = defaultEphemeralExpireTime
	}
	deviceID := cfg.DeviceID.ValueString()
	created, err := r.client.DeviceTokens.Create(ctx, client.DeviceTokenCreate{
		Device:     deviceID,
		Name:       cfg.Name.ValueString(),
		Permission: cfg.Permission.ValueString(),
		ExpireTime: &expireTime,
	})
	if err != nil {
		addCreateError(&resp.Diagnostics, deviceTokenKind, err)
		return
	}
	// Private data first: should setting the result fail, Close still finds the token to delete.
	opened, _ := json.Marshal(openedToken{DeviceID: deviceID, Token: created.Token}) // two strings: cannot fail
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, ephemeralTokenKey, opened)...)
	cfg.fromCreated(deviceID, created)
	tflog.Info(ctx, "opened ephemeral TagoIO device token", map[string]any{"id": cfg.ID.ValueString(), "name": cfg.Name.ValueString()})
	resp.Diagnostics.Append(resp.Result.Set(ctx, &cfg)...)
}

// Close deletes the token Open created; a token already gone (deleted outside Terraform, or
// with its device) is success.
func (r *deviceTokenEphemeralResource) Close(ctx context.Context, req ephemeral.CloseRequest, resp *ephemeral.CloseResponse) {
	raw, diags := req.Private.GetKey(ctx, ephemeralTokenKey)
	resp.Diagnostics.Append(diags...)
	var opened openedToken
	if raw == nil || json.Unmarshal(raw, &opened) != nil || opened.Token == "" {
		return // Open failed before it created anything
	}
	id := deviceTokenID(opened.DeviceID, opened.Token)
	if err := r.client.DeviceTokens.Delete(ctx, opened.Token); err != nil && !client.IsNotFound(err) {
		addDeleteError(&resp.Diagnostics, "ephemeral "+deviceTokenKind, id, err)
		return
	}
	tflog.Info(ctx, "closed ephemeral TagoIO device token", map[string]any{"id": id})
}

// fromCreated maps the API's answer to a create onto the result.
func (m *deviceTokenEphemeralModel) fromCreated(deviceID string, created *client.DeviceTokenCreated) {
	m.ID = types.StringValue(deviceTokenID(deviceID, created.Token))
	m.Token = types.StringValue(created.Token)
	m.ExpireDate = types.StringNull()
	if created.ExpireDate != "" {
		m.ExpireDate = types.StringValue(created.ExpireDate)
	}
}
