package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const connectorKind = "connector"

// NewConnectorDataSource is the tagoio_connector data source.
func NewConnectorDataSource() datasource.DataSource {
	return &singleDataSource[connectorModel]{typeName: "connector", schema: connectorDataSourceSchema, oneOf: []string{"id", "name"}, read: readConnector}
}

func connectorDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads an integration connector (how a kind of device's payloads are decoded), by `id` or exact `name`, " +
			"for example `Custom HTTPS` for a plain HTTP(S) device.",
		Attributes: map[string]schema.Attribute{
			"id":                lookupIDAttribute("Connector ID. Exactly one of `id` and `name` must be set."),
			"name":              lookupValueAttribute("Exact connector name."),
			"description":       computedString("Description."),
			"networks":          computedStrings("IDs of the networks a device using this connector can be on."),
			"public":            computedBool("Whether the connector is in TagoIO's public catalog."),
			"logo_url":          computedString("URL of the connector's logo."),
			"payload_decoder":   computedString("The connector's payload decoder, as plain source."),
			"install_text":      computedString("Text shown when a device is added with this connector."),
			"install_end_text":  computedString("Text shown once such a device is added."),
			"device_annotation": computedString("Note shown on each device using this connector."),
		},
	}
}

func readConnector(ctx context.Context, c *client.Client, cfg *connectorModel, diags *diag.Diagnostics) *connectorModel {
	connector := catalogObjectToRead(ctx, cfg.ID, cfg.Name, connectorKind, func(c client.Connector) string { return c.Name },
		c.Connectors.List, c.Connectors.Get, diags)
	if connector == nil {
		return nil
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
	return &state
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
