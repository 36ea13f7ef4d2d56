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

var _ datasource.DataSourceWithConfigure = &deviceTokensDataSource{}

// NewDeviceTokensDataSource is the tagoio_device_tokens data source.
func NewDeviceTokensDataSource() datasource.DataSource { return &deviceTokensDataSource{} }

type deviceTokensDataSource struct {
	client *client.Client
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

func (d *deviceTokensDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_device_tokens"
}

func (d *deviceTokensDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the tokens of a TagoIO device, newest first. Token values are sensitive.",
		Attributes: map[string]schema.Attribute{
			"device_id": schema.StringAttribute{
				MarkdownDescription: "Device ID.",
				Required:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"tokens": schema.ListNestedAttribute{
				MarkdownDescription: "The device's tokens, newest first.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                 computed("The `tagoio_device_token` ID of this token (`<device_id>/<hash>`)."),
					"name":               computed("Token name."),
					"permission":         computed("`read`, `write` or `full`."),
					"token":              schema.StringAttribute{MarkdownDescription: "Token value.", Computed: true, Sensitive: true},
					"serie_number":       computed("Serial number the token is bound to."),
					"expire_date":        computed("Expiry date (ISO-8601); null when it never expires."),
					"last_authorization": computed("Last time the token was used (ISO-8601)."),
					"created_at":         computed("Creation time (ISO-8601)."),
				}},
			},
		},
	}
}

func (d *deviceTokensDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *deviceTokensDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg deviceTokensDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	deviceID := cfg.DeviceID.ValueString()
	tokens, err := d.client.DeviceTokens.List(ctx, deviceID)
	if err != nil {
		addReadError(&resp.Diagnostics, deviceTokenKind+"s of device", deviceID, err)
		return
	}
	cfg.Tokens = make([]deviceTokenListItem, 0, len(tokens))
	for i := range tokens {
		var m deviceTokenModel
		m.fromAPI(deviceID, &tokens[i])
		cfg.Tokens = append(cfg.Tokens, deviceTokenListItem{
			ID: m.ID, Name: m.Name, Permission: m.Permission, Token: m.Token, SerieNumber: m.SerieNumber,
			ExpireDate: m.ExpireDate, LastAuthorization: stringOrNull(tokens[i].LastAuthorization), CreatedAt: m.CreatedAt,
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
