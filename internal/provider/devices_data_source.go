package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewDevicesDataSource is the tagoio_devices data source.
func NewDevicesDataSource() datasource.DataSource {
	return &listDataSource[devicesDataSourceModel, client.Device, deviceSummaryItem]{
		typeName: "devices", kind: deviceKind, schema: devicesSchema,
		filters: func(ctx context.Context, cfg *devicesDataSourceModel) (client.ListOptions, diag.Diagnostics) {
			return listFilters(ctx, cfg.Tags, map[string]types.String{"name": cfg.Name, "type": cfg.Type})
		},
		list: func(ctx context.Context, c *client.Client, _ *devicesDataSourceModel, opts client.ListOptions) ([]client.Device, error) {
			return c.Devices.List(ctx, opts)
		},
		item: func(dev *client.Device) deviceSummaryItem {
			return deviceSummaryItem{
				ID: types.StringValue(dev.ID), Name: types.StringValue(dev.Name), Type: types.StringValue(dev.Type),
				Active: types.BoolValue(dev.Active), Visible: types.BoolValue(dev.Visible),
				Connector: types.StringValue(dev.Connector), Network: types.StringValue(dev.Network),
				Tags: tagsFromAPI(dev.Tags), CreatedAt: types.StringValue(dev.CreatedAt),
			}
		},
		store: func(cfg *devicesDataSourceModel, items []deviceSummaryItem) {
			cfg.IDs, cfg.Devices = idsOf(items, func(i *deviceSummaryItem) types.String { return i.ID }), items
		},
	}
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

func devicesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists TagoIO devices, optionally filtered by name, type and tags (the API's list filters). Every page is read.",
		Attributes: map[string]schema.Attribute{
			"name": nameFilterAttribute("Name filter; `*` is a wildcard (`Sensor*` matches every name starting with `Sensor`)."),
			"type": schema.StringAttribute{
				MarkdownDescription: "Only devices of this storage type: `mutable`, `immutable`, `hybrid` or `legacy`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(deviceTypes...)},
			},
			"tags": tagFiltersAttribute("devices"),
			"ids":  idsAttribute("IDs of the matching devices, ordered by name."),
			"devices": itemsAttribute("The matching devices, ordered by name.", map[string]schema.Attribute{
				"id":         computedString("Device ID."),
				"name":       computedString("Device name."),
				"type":       computedString("Storage type."),
				"active":     computedBool("Whether the device accepts data."),
				"visible":    computedBool("Whether the device is visible."),
				"connector":  computedString("Connector ID."),
				"network":    computedString("Network ID."),
				"tags":       tagsDataSourceAttribute("device"),
				"created_at": computedString("Creation time (ISO-8601)."),
			}),
		},
	}
}
