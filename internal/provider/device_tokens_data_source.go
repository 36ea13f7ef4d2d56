package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewDeviceTokensDataSource is the tagoio_device_tokens data source. The list needs the device
// id for each item's id, so it maps the tokens itself.
func NewDeviceTokensDataSource() datasource.DataSource {
	return newListDataSource[deviceTokensDataSourceModel]("device_tokens", deviceTokenKind, deviceTokensSchema, sameItem[deviceTokenListItem])
}

func deviceTokensSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the tokens of a TagoIO device, newest first. Token values are sensitive.",
		Attributes: map[string]schema.Attribute{
			"device_id": requiredIDAttribute("Device ID."),
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

type deviceTokensDataSourceModel struct {
	DeviceID types.String          `tfsdk:"device_id"`
	Tokens   []deviceTokenListItem `tfsdk:"tokens"`
}

func (m *deviceTokensDataSourceModel) list(c *client.Client) listCall[deviceTokenListItem] {
	return func(ctx context.Context, _ client.ListOptions) ([]deviceTokenListItem, error) {
		deviceID := m.DeviceID.ValueString()
		tokens, err := c.DeviceTokens.List(ctx, deviceID)
		if err != nil {
			return nil, &listStepError{kind: deviceTokenKind + "s of device", id: deviceID, err: err}
		}
		items := make([]deviceTokenListItem, len(tokens))
		for i := range tokens {
			var t deviceTokenModel
			t.fromAPI(deviceID, &tokens[i])
			items[i] = deviceTokenListItem{
				ID: t.ID, Name: t.Name, Permission: t.Permission, Token: t.Token, SerieNumber: t.SerieNumber,
				ExpireDate: t.ExpireDate, LastAuthorization: stringOrNull(tokens[i].LastAuthorization), CreatedAt: t.CreatedAt,
			}
		}
		return items, nil
	}
}

func (m *deviceTokensDataSourceModel) setItems(items []deviceTokenListItem) { m.Tokens = items }

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
