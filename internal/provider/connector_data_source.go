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
	_ datasource.DataSourceWithConfigure        = &connectorDataSource{}
	_ datasource.DataSourceWithConfigValidators = &connectorDataSource{}
)

const connectorKind = "connector"

// NewConnectorDataSource is the tagoio_connector data source.
func NewConnectorDataSource() datasource.DataSource { return &connectorDataSource{} }

type connectorDataSource struct {
	client *client.Client
}

type connectorModel struct {
	ID               types.String   `tfsdk:"id"`
	Name             types.String   `tfsdk:"name"`
	Description      types.String   `tfsdk:"description"`
	Networks         []types.String `tfsdk:"networks"`
	Public           types.Bool     `tfsdk:"public"`
	LogoURL          types.String   `tfsdk:"logo_url"`
	PayloadDecoder   types.String   `tfsdk:"payload_decoder"`
	InstallText      types.String   `tfsdk:"install_text"`
	InstallEndText   types.String   `tfsdk:"install_end_text"`
	DeviceAnnotation types.String   `tfsdk:"device_annotation"`
}

func (d *connectorDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connector"
}

func (d *connectorDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an integration connector (how a kind of device's payloads are decoded), by `id` or exact `name`, " +
			"for example `Custom HTTPS` for a plain HTTP(S) device.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Connector ID. Exactly one of `id` and `name` must be set.",
				Optional:            true, Computed: true,
				Validators: []validator.String{validate.ObjectID()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Exact connector name.",
				Optional:            true, Computed: true,
			},
			"description": schema.StringAttribute{MarkdownDescription: "Description.", Computed: true},
			"networks": schema.ListAttribute{
				MarkdownDescription: "IDs of the networks a device using this connector can be on.",
				Computed:            true, ElementType: types.StringType,
			},
			"public":            schema.BoolAttribute{MarkdownDescription: "Whether the connector is in TagoIO's public catalog.", Computed: true},
			"logo_url":          schema.StringAttribute{MarkdownDescription: "URL of the connector's logo.", Computed: true},
			"payload_decoder":   schema.StringAttribute{MarkdownDescription: "The connector's payload decoder, as plain source.", Computed: true},
			"install_text":      schema.StringAttribute{MarkdownDescription: "Text shown when a device is added with this connector.", Computed: true},
			"install_end_text":  schema.StringAttribute{MarkdownDescription: "Text shown once such a device is added.", Computed: true},
			"device_annotation": schema.StringAttribute{MarkdownDescription: "Note shown on each device using this connector.", Computed: true},
		},
	}
}

func (d *connectorDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *connectorDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *connectorDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg connectorModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var connector *client.Connector
	if !cfg.ID.IsNull() {
		var err error
		if connector, err = d.client.Connectors.Get(ctx, cfg.ID.ValueString()); err != nil {
			addReadError(&resp.Diagnostics, connectorKind, cfg.ID.ValueString(), err)
			return
		}
	} else {
		name := cfg.Name.ValueString()
		list, err := d.client.Connectors.List(ctx, client.ListOptions{Filter: map[string]string{"name": name}})
		if err != nil {
			addReadError(&resp.Diagnostics, connectorKind+"s named", name, err)
			return
		}
		match, ok := exactlyOneNamed(list, func(c client.Connector) string { return c.Name }, connectorKind, name, &resp.Diagnostics)
		if !ok {
			return
		}
		connector = &match
	}
	state := connectorModel{
		ID: types.StringValue(connector.ID), Name: types.StringValue(connector.Name),
		Description: stringOrNull(connector.Description), Public: types.BoolValue(connector.Public),
		Networks: make([]types.String, 0, len(connector.Networks)),
		LogoURL:  stringOrNull(connector.LogoURL), PayloadDecoder: decoderFromAPI(connector.PayloadDecoder),
		InstallText: stringOrNull(connector.InstallText), InstallEndText: stringOrNull(connector.InstallEndText),
		DeviceAnnotation: stringOrNull(connector.DeviceAnnotation),
	}
	for _, n := range connector.Networks {
		state.Networks = append(state.Networks, types.StringValue(n))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
