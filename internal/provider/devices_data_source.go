package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

var _ datasource.DataSourceWithConfigure = &devicesDataSource{}

// NewDevicesDataSource is the tagoio_devices data source.
func NewDevicesDataSource() datasource.DataSource { return &devicesDataSource{} }

type devicesDataSource struct {
	client *client.Client
}

type devicesDataSourceModel struct {
	Name    types.String        `tfsdk:"name"`
	Type    types.String        `tfsdk:"type"`
	Tags    types.List          `tfsdk:"tags"`
	IDs     []types.String      `tfsdk:"ids"`
	Devices []deviceSummaryItem `tfsdk:"devices"`
}

type deviceSummaryItem struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Type      types.String `tfsdk:"type"`
	Active    types.Bool   `tfsdk:"active"`
	Visible   types.Bool   `tfsdk:"visible"`
	Connector types.String `tfsdk:"connector"`
	Network   types.String `tfsdk:"network"`
	Tags      types.List   `tfsdk:"tags"`
	CreatedAt types.String `tfsdk:"created_at"`
}

func (d *devicesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_devices"
}

func (d *devicesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists TagoIO devices, optionally filtered by name, type and tags (the API's list filters). Every page is read.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "Name filter; `*` is a wildcard (`Sensor*` matches every name starting with `Sensor`).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "Only devices of this storage type: `mutable`, `immutable`, `hybrid` or `legacy`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(deviceTypes...)},
			},
			"tags": schema.ListNestedAttribute{
				MarkdownDescription: "Only devices having every one of these tags; leave `value` out to match any value of the key.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":   schema.StringAttribute{MarkdownDescription: "Tag key.", Required: true},
					"value": schema.StringAttribute{MarkdownDescription: "Tag value (optional).", Optional: true},
				}},
			},
			"ids": schema.ListAttribute{MarkdownDescription: "IDs of the matching devices, ordered by name.", Computed: true, ElementType: types.StringType},
			"devices": schema.ListNestedAttribute{
				MarkdownDescription: "The matching devices, ordered by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         computed("Device ID."),
					"name":       computed("Device name."),
					"type":       computed("Storage type."),
					"active":     schema.BoolAttribute{MarkdownDescription: "Whether the device accepts data.", Computed: true},
					"visible":    schema.BoolAttribute{MarkdownDescription: "Whether the device is visible.", Computed: true},
					"connector":  computed("Connector ID."),
					"network":    computed("Network ID."),
					"tags":       tagsDataSourceAttribute("device"),
					"created_at": computed("Creation time (ISO-8601)."),
				}},
			},
		},
	}
}

func (d *devicesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *devicesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg devicesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := client.ListOptions{Filter: map[string]string{}}
	if !cfg.Name.IsNull() {
		opts.Filter["name"] = cfg.Name.ValueString()
	}
	if !cfg.Type.IsNull() {
		opts.Filter["type"] = cfg.Type.ValueString()
	}
	tags, diags := tagFiltersToAPI(ctx, cfg.Tags)
	resp.Diagnostics.Append(diags...)
	opts.Tags = tags
	devices, err := d.client.Devices.List(ctx, opts)
	if err != nil {
		addReadError(&resp.Diagnostics, deviceKind+" list", "", err)
		return
	}
	cfg.IDs = make([]types.String, 0, len(devices))
	cfg.Devices = make([]deviceSummaryItem, 0, len(devices))
	for _, dev := range devices {
		cfg.IDs = append(cfg.IDs, types.StringValue(dev.ID))
		cfg.Devices = append(cfg.Devices, deviceSummaryItem{
			ID: types.StringValue(dev.ID), Name: types.StringValue(dev.Name), Type: types.StringValue(dev.Type),
			Active: types.BoolValue(dev.Active), Visible: types.BoolValue(dev.Visible),
			Connector: types.StringValue(dev.Connector), Network: types.StringValue(dev.Network),
			Tags: tagsFromAPI(dev.Tags), CreatedAt: types.StringValue(dev.CreatedAt),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
