package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

// NewDeviceTokensDataSource is the tagoio_device_tokens data source. The list needs the device
// id for each item's id, so it maps the tokens itself.
func NewDeviceTokensDataSource() datasource.DataSource {
	return &listDataSource[deviceTokensDataSourceModel, deviceTokenListItem, deviceTokenListItem]{
		typeName: "device_tokens", kind: deviceTokenKind, schema: deviceTokensSchema,
		list: func(ctx context.Context, c *client.Client, cfg *deviceTokensDataSourceModel, _ client.ListOptions) ([]deviceTokenListItem, error) {
			deviceID := cfg.DeviceID.ValueString()
			tokens, err := c.DeviceTokens.List(ctx, deviceID)
			if err != nil {
				return nil, &listStepError{kind: deviceTokenKind + "s of device", id: deviceID, err: err}
			}
			items := make([]deviceTokenListItem, len(tokens))
			for i := range tokens {
				var m deviceTokenModel
				m.fromAPI(deviceID, &tokens[i])
				items[i] = deviceTokenListItem{
					ID: m.ID, Name: m.Name, Permission: m.Permission, Token: m.Token, SerieNumber: m.SerieNumber,
					ExpireDate: m.ExpireDate, LastAuthorization: stringOrNull(tokens[i].LastAuthorization), CreatedAt: m.CreatedAt,
				}
			}
			return items, nil
		},
		item:  func(t *deviceTokenListItem) deviceTokenListItem { return *t },
		store: func(cfg *deviceTokensDataSourceModel, items []deviceTokenListItem) { cfg.Tokens = items },
	}
}

type deviceTokensDataSourceModel struct {
	DeviceID types.String          `tfsdk:"device_id"`
	Tokens   []deviceTokenListItem `tfsdk:"tokens"`
}

type deviceTokenListItem struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	Permission        types.String `tfsdk:"permission"`
	Token             types.String `tfsdk:"token"`
	SerieNumber       types.String `tfsdk:"serie_number"`
	ExpireDate        types.String `tfsdk:"expire_date"`
	LastAuthorization types.String `tfsdk:"last_authorization"`
	CreatedAt         types.String `tfsdk:"created_at"`
}

func deviceTokensSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the tokens of a TagoIO device, newest first. Token values are sensitive.",
		Attributes: map[string]schema.Attribute{
			"device_id": schema.StringAttribute{
				MarkdownDescription: "Device ID.",
				Required:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"tokens": itemsAttribute("The device's tokens, newest first.", map[string]schema.Attribute{
				"id":                 computedString("The `tagoio_device_token` ID of this token (`<device_id>/<hash>`)."),
				"name":               computedString("Token name."),
				"permission":         computedString("`read`, `write` or `full`."),
				"token":              schema.StringAttribute{MarkdownDescription: "Token value.", Computed: true, Sensitive: true},
				"serie_number":       computedString("Serial number the token is bound to."),
				"expire_date":        computedString("Expiry date (ISO-8601); null when it never expires."),
				"last_authorization": computedString("Last time the token was used (ISO-8601)."),
				"created_at":         computedString("Creation time (ISO-8601)."),
			}),
		},
	}
}
