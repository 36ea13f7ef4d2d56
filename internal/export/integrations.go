package export

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// ownOnly lists only the profile's custom connectors and networks: filter[public] leaves out
// TagoIO's catalog, which no account can manage (docs/api-notes.md §2.5).
var ownOnly = client.ListOptions{Filter: map[string]string{"public": "false"}}

// readIntegrations lists the profile's own networks and connectors (the list answers every field).
func (r *reader) readIntegrations(ctx context.Context, acc *account) error {
	if r.kinds.has(kindNetwork) {
		networks, err := r.c.Networks.List(ctx, ownOnly)
		if err != nil {
			return fmt.Errorf("listing networks: %w", err)
		}
		acc.networks = networks
		r.progress.add(len(networks))
		r.progress.done(len(networks), "networks")
	}
	if r.kinds.has(kindConnector) {
		connectors, err := r.c.Connectors.List(ctx, ownOnly)
		if err != nil {
			return fmt.Errorf("listing connectors: %w", err)
		}
		acc.connectors = connectors
		r.progress.add(len(connectors))
		r.progress.done(len(connectors), "connectors")
	}
	return nil
}

// decoderSource is a payload decoder as the provider shows it: its source. Text that is not
// base64 is shown as it is, as the provider does.
func decoderSource(a *attrs, encoded *string) {
	if encoded == nil || *encoded == "" {
		return
	}
	source := *encoded
	if decoded, err := base64.StdEncoding.DecodeString(source); err == nil {
		source = string(decoded)
	}
	a.set("payload_decoder", str(source))
}

// parameterText is a parameter's default or option as the provider shows it: a string as itself,
// any other JSON as its text.
func parameterText(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", false
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, true
	}
	return string(raw), true
}

func deviceParametersExpr(a *attrs, params []client.DeviceParameter) {
	if len(params) == 0 {
		return
	}
	items := make(list, 0, len(params))
	for _, p := range params {
		var o attrs
		o.text("name", p.Name)
		o.text("label", p.Label)
		o.text("type", p.Type)
		o.text("group", p.Group)
		if s, ok := parameterText(p.Default); ok {
			o.set("default", str(s))
		}
		if p.Options != nil {
			options := make(list, 0, len(p.Options))
			for _, opt := range p.Options {
				s, ok := parameterText(opt)
				if !ok {
					options = append(options, nullLiteral())
					continue
				}
				options = append(options, str(s))
			}
			o.set("options", options)
		}
		items = append(items, object(o))
	}
	a.set("device_parameters", items)
}

func (b *builder) network(x client.Network) resourceBlock {
	var a attrs
	a.set("name", str(x.Name))
	a.text("description", x.Description)
	a.text("logo_url", x.LogoURL)
	a.text("icon_url", x.IconURL)
	a.text("banner_url", x.BannerURL)
	a.text("documentation_url", x.DocumentationURL)
	a.text("middleware_endpoint", x.MiddlewareEndpoint)
	deviceParametersExpr(&a, x.DeviceParameters)
	decoderSource(&a, x.PayloadDecoder)
	a.text("payload_encoder", x.PayloadEncoder)
	a.flag("public", x.Public, false)
	a.flag("require_devices_access", x.RequireDevicesAccess, false)
	if sn := x.SerialNumber; sn != nil {
		var o attrs
		o.flag("required", sn.Required, false)
		o.text("label", sn.Label)
		o.text("mask", sn.Mask)
		o.text("image", sn.Image)
		o.text("case", sn.Case)
		o.text("help", sn.Help)
		if len(o) > 0 {
			a.set("serial_number", object(o))
		}
	}
	return resourceBlock{kind: kindNetwork, name: b.names[kindNetwork][x.ID], importID: x.ID, attrs: a}
}

// connector writes the connector with references to the exported networks it lists.
func (b *builder) connector(x client.Connector) resourceBlock {
	var a attrs
	a.set("name", str(x.Name))
	a.text("description", x.Description)
	a.text("logo_url", x.LogoURL)
	if len(x.Networks) > 0 {
		networks := make(list, 0, len(x.Networks))
		for _, id := range x.Networks {
			networks = append(networks, b.reference(kindNetwork, id))
		}
		a.set("networks", networks)
	}
	deviceParametersExpr(&a, x.DeviceParameters)
	decoderSource(&a, x.PayloadDecoder)
	a.text("payload_encoder", x.PayloadEncoder)
	a.text("install_text", x.InstallText)
	a.text("install_end_text", x.InstallEndText)
	a.text("device_annotation", x.DeviceAnnotation)
	return resourceBlock{kind: kindConnector, name: b.names[kindConnector][x.ID], importID: x.ID, attrs: a}
}
