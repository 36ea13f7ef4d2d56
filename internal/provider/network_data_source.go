package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const networkKind = "network"

// NewNetworkDataSource is the tagoio_network data source.
func NewNetworkDataSource() datasource.DataSource {
	return &singleDataSource[networkModel]{typeName: "network", schema: networkDataSourceSchema, oneOf: []string{"id", "name"}, read: readNetwork}
}

func networkDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads an integration network (the transport a device uses: HTTP, MQTT, LoRaWAN...), by `id` or exact `name`.",
		Attributes: map[string]schema.Attribute{
			"id":                     lookupIDAttribute("Network ID. Exactly one of `id` and `name` must be set."),
			"name":                   lookupValueAttribute("Exact network name."),
			"description":            computedString("Description."),
			"public":                 computedBool("Whether the network is in TagoIO's public catalog."),
			"logo_url":               computedString("URL of the network's logo."),
			"middleware_endpoint":    computedString("Host of the network's middleware."),
			"payload_decoder":        computedString("The network's payload decoder, as plain source."),
			"require_devices_access": computedBool("Whether the network needs access to its devices (a network token per device)."),
			"serial_number_required": computedBool("Whether devices on this network need a `serie_number`."),
		},
	}
}

func readNetwork(ctx context.Context, c *client.Client, cfg *networkModel, diags *diag.Diagnostics) *networkModel {
	network := catalogObjectToRead(ctx, cfg.ID, cfg.Name, networkKind, func(n client.Network) string { return n.Name },
		c.Networks.List, c.Networks.Get, diags)
	if network == nil {
		return nil
	}
	return &networkModel{
		ID: types.StringValue(network.ID), Name: types.StringValue(network.Name),
		Description: stringOrNull(network.Description), Public: types.BoolValue(network.Public),
		SerialNumberRequired: types.BoolValue(network.SerialNumber != nil && network.SerialNumber.Required),
		LogoURL:              stringOrNull(network.LogoURL), MiddlewareEndpoint: stringOrNull(network.MiddlewareEndpoint),
		PayloadDecoder: decoderFromAPI(network.PayloadDecoder), RequireDevicesAccess: types.BoolValue(network.RequireDevicesAccess),
	}
}

type networkModel struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	Description          types.String `tfsdk:"description"`
	Public               types.Bool   `tfsdk:"public"`
	SerialNumberRequired types.Bool   `tfsdk:"serial_number_required"`
	LogoURL              types.String `tfsdk:"logo_url"`
	MiddlewareEndpoint   types.String `tfsdk:"middleware_endpoint"`
	PayloadDecoder       types.String `tfsdk:"payload_decoder"`
	RequireDevicesAccess types.Bool   `tfsdk:"require_devices_access"`
}
