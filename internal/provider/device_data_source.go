package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewDeviceDataSource is the tagoio_device data source.
func NewDeviceDataSource() datasource.DataSource {
	return &singleDataSource[deviceDataSourceModel]{typeName: "device", schema: deviceDataSourceSchema, oneOf: []string{"id", "name"}, read: readDevice}
}

func deviceDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one TagoIO device, by `id` or by exact `name`.",
		Attributes: map[string]schema.Attribute{
			"id":          lookupIDAttribute("Device ID. Exactly one of `id` and `name` must be set."),
			"name":        lookupValueAttribute("Exact device name (`*` is not a wildcard here). It must match exactly one device."),
			"type":        computedString("Data storage type: `mutable`, `immutable`, `hybrid` or `legacy`."),
			"connector":   computedString("Connector ID."),
			"network":     computedString("Network ID."),
			"description": computedString("Description."),
			"active":      computedBool("Whether the device accepts data."),
			"visible":     computedBool("Whether the device is visible."),
			"serie_number": computedString("Serial number, as the API lists it on the device's tokens (the first token that has one); " +
				"null when no token has one."),
			"tags":                   tagsDataSourceAttribute("device"),
			"chunk_period":           computedString("Chunk period (immutable and hybrid devices)."),
			"chunk_retention":        computedInt64("Chunks kept (immutable and hybrid devices)."),
			"mutable_variable_regex": computedString("Variables stored on the mutable side (hybrid devices)."),
			"payload_decoder":        computedString("Payload decoder source."),
			"rpm": schema.SingleNestedAttribute{
				MarkdownDescription: "Soft limits on requests per minute (Control Tower); null when not set.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"data_input":  computedInt64("Data input requests per minute."),
					"data_output": computedInt64("Data output requests per minute."),
				},
			},
			"created_at": computedString("Creation time (ISO-8601)."),
			"updated_at": computedString("Last update time (ISO-8601)."),
			"configuration_params": schema.ListNestedAttribute{
				MarkdownDescription: "Configuration parameters, in order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":   computedString("Parameter key."),
					"value": computedString("Parameter value."),
					"sent":  computedBool("Whether the device has read it."),
				}},
			},
		},
	}
}

// readDevice reads the device with its configuration parameters and its tokens (for the serial
// number).
func readDevice(ctx context.Context, c *client.Client, cfg *deviceDataSourceModel, diags *diag.Diagnostics) *deviceDataSourceModel {
	device := objectToRead(ctx, cfg.ID, cfg.Name, deviceKind, byName(func(d client.Device) (string, string) { return d.ID, d.Name }),
		c.Devices.List, c.Devices.Get, diags)
	if device == nil {
		return nil
	}
	params, err := c.Devices.ListParams(ctx, device.ID)
	if err != nil {
		addReadError(diags, deviceKind+" configuration parameters", device.ID, err)
		return nil
	}
	tokens, err := c.DeviceTokens.List(ctx, device.ID)
	if err != nil {
		addReadError(diags, deviceKind+" tokens", device.ID, err)
		return nil
	}
	state := deviceDataSourceModel{SerieNumber: serialFromTokens(tokens), ConfigurationParams: paramsFromAPI(params, false)}
	state.fromAPI(device)
	return &state
}

type deviceDataSourceModel struct {
	deviceFields
	SerieNumber         types.String `tfsdk:"serie_number"`
	ConfigurationParams types.List   `tfsdk:"configuration_params"`
}

// serialFromTokens is a device's serial number where the API lists it: on its tokens (GET
// /device/{id} never returns it). The first token that has one gives it.
func serialFromTokens(tokens []client.DeviceToken) types.String {
	for _, t := range tokens {
		if t.SerieNumber != nil && *t.SerieNumber != "" {
			return types.StringValue(*t.SerieNumber)
		}
	}
	return types.StringNull()
}
