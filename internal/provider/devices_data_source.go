package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewDevicesDataSource is the tagoio_devices data source.
func NewDevicesDataSource() datasource.DataSource {
	return newListDataSource[devicesDataSourceModel]("devices", deviceKind, devicesSchema, deviceSummary)
}

func devicesSchema() schema.Schema {
	return filteredListSchema(
		"Lists TagoIO devices, optionally filtered by name, type and tags (the API's list filters). Every page is read.",
		"devices", "ordered by name",
		map[string]schema.Attribute{ // filters
			"name": nameFilterAttribute("Name filter; `*` is a wildcard (`Sensor*` matches every name starting with `Sensor`)."),
			"type": oneOfFilterAttribute("Only devices of this storage type: `mutable`, `immutable`, `hybrid` or `legacy`.", deviceTypes...),
		},
		map[string]schema.Attribute{ // each item
			"id":         computedString("Device ID."),
			"name":       computedString("Device name."),
			"type":       computedString("Storage type."),
			"active":     computedBool("Whether the device accepts data."),
			"visible":    computedBool("Whether the device is visible."),
			"connector":  computedString("Connector ID."),
			"network":    computedString("Network ID."),
			"tags":       tagsDataSourceAttribute("device"),
			"created_at": computedString("Creation time (ISO-8601)."),
		},
	)
}

// deviceSummary is one listed device in the state.
func deviceSummary(dev *client.Device) deviceSummaryItem {
	return deviceSummaryItem{
		ID: types.StringValue(dev.ID), Name: types.StringValue(dev.Name), Type: types.StringValue(dev.Type),
		Active: types.BoolValue(dev.Active), Visible: types.BoolValue(dev.Visible),
		Connector: types.StringValue(dev.Connector), Network: types.StringValue(dev.Network),
		Tags: tagsFromAPI(dev.Tags), CreatedAt: types.StringValue(dev.CreatedAt),
	}
}

type devicesDataSourceModel struct {
	Name    types.String        `tfsdk:"name"`
	Type    types.String        `tfsdk:"type"`
	Tags    types.List          `tfsdk:"tags"`
	IDs     []types.String      `tfsdk:"ids"`
	Devices []deviceSummaryItem `tfsdk:"devices"`
}

func (m *devicesDataSourceModel) listFilters() listFilter {
	return listFilter{m.Tags, map[string]types.String{"name": m.Name, "type": m.Type}}
}

func (*devicesDataSourceModel) list(c *client.Client) listCall[client.Device] { return c.Devices.List }

func (m *devicesDataSourceModel) setItems(items []deviceSummaryItem) {
	m.IDs, m.Devices = idsOf(items, func(i *deviceSummaryItem) types.String { return i.ID }), items
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
