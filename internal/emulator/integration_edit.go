package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
)

// Custom connectors and networks (docs/api-notes.md §2.5): the profile creates, edits and deletes
// its own; TagoIO's catalog entries are read-only. The bodies are the SDK's ConnectorCreateInfo and
// NetworkCreateInfo; an edit sends any subset of them.

// integrationText reads an optional string field: null and "" clear it.
func integrationText(body jsonBody, k string, dst **string) error {
	v, present, err := body.nullableStr(k)
	if err != nil || !present {
		return err
	}
	if v != nil && *v == "" {
		v = nil
	}
	*dst = v
	return nil
}

// integrationName reads the name: a non-empty string, required on create.
func integrationName(body jsonBody, create bool, dst *string) error {
	name, present, err := body.str("name")
	if err != nil {
		return err
	}
	if !present {
		if create {
			return badRequest("name is required")
		}
		return nil
	}
	if strings.TrimSpace(name) == "" {
		return badRequest("name must be a non-empty string")
	}
	*dst = name
	return nil
}

// integrationDecoder reads payload_decoder: base64-encoded JavaScript, like a device's.
func integrationDecoder(body jsonBody, dst **string) error {
	v, present, err := body.nullableStr("payload_decoder")
	if err != nil {
		return badRequest("payload_decoder must be a base64 string or null")
	}
	if !present {
		return nil
	}
	if v != nil && *v != "" && !isBase64(*v) {
		return badRequest("payload_decoder must be a base64-encoded string")
	}
	if v != nil && *v == "" {
		v = nil
	}
	*dst = v
	return nil
}

// deviceParameters reads device_parameters: an array of {name, label, type, default, group,
// options} objects. Types and groups outside the SDK's lists are kept as sent.
func deviceParameters(body jsonBody, dst *[]any) error {
	raw, ok := body["device_parameters"]
	if !ok {
		return nil
	}
	if body.isNull("device_parameters") {
		*dst = []any{}
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return badRequest("device_parameters must be an array")
	}
	out := make([]any, 0, len(items))
	for i, it := range items {
		obj, err := parseObject(it)
		if err != nil {
			return badRequest("device_parameters[%d] must be an object", i)
		}
		param := map[string]any{}
		for _, k := range []string{"name", "label", "type", "group"} {
			s, err := integrationOptionalString(obj, k)
			if err != nil {
				return badRequest("device_parameters[%d].%s must be a string", i, k)
			}
			if s != nil {
				param[k] = *s
			}
		}
		if v, ok := obj["default"]; ok {
			var d any
			if err := json.Unmarshal(v, &d); err != nil {
				return badRequest("device_parameters[%d].default is not valid JSON", i)
			}
			param["default"] = d
		}
		if v, ok := obj["options"]; ok && !obj.isNull("options") {
			var opts []any
			if err := json.Unmarshal(v, &opts); err != nil {
				return badRequest("device_parameters[%d].options must be an array", i)
			}
			param["options"] = opts
		}
		out = append(out, param)
	}
	*dst = out
	return nil
}

func integrationOptionalString(obj jsonBody, k string) (*string, error) {
	v, _, err := obj.nullableStr(k)
	return v, err
}

// connectorNetworks reads networks: IDs of networks that exist.
func connectorNetworks(tx Tx, body jsonBody, dst *[]string) error {
	raw, ok := body["networks"]
	if !ok {
		return nil
	}
	var ids []string
	if err := json.Unmarshal(raw, &ids); err != nil || body.isNull("networks") {
		return badRequest("networks must be an array of network IDs")
	}
	for _, id := range ids {
		if !isObjectID(id) {
			return badRequest("Invalid Network ID")
		}
		n, err := getDoc[networkDoc](tx, collNetworks, id)
		if err != nil {
			return err
		}
		if n == nil {
			return badRequest("Network %s not found", id)
		}
	}
	*dst = ids
	return nil
}

func applyConnector(tx Tx, body jsonBody, d *connectorDoc, create bool) error {
	if err := integrationName(body, create, &d.Name); err != nil {
		return err
	}
	for k, dst := range map[string]**string{
		"description": &d.Description, "logo_url": &d.LogoURL, "payload_encoder": &d.PayloadEncoder,
		"install_text": &d.InstallText, "install_end_text": &d.InstallEndText, "device_annotation": &d.DeviceAnnotation,
	} {
		if err := integrationText(body, k, dst); err != nil {
			return err
		}
	}
	if err := integrationDecoder(body, &d.PayloadDecoder); err != nil {
		return err
	}
	if err := deviceParameters(body, &d.DeviceParameters); err != nil {
		return err
	}
	return connectorNetworks(tx, body, &d.Networks)
}

// serialNumber reads serial_number: {mask, label, image, case, help, required}; keys not sent keep
// their value.
func serialNumber(body jsonBody, dst *serialNumberSpec) error {
	raw, ok := body["serial_number"]
	if !ok || body.isNull("serial_number") {
		return nil
	}
	obj, err := parseObject(raw)
	if err != nil {
		return badRequest("serial_number must be an object")
	}
	for k, field := range map[string]**string{
		"mask": &dst.Mask, "label": &dst.Label, "image": &dst.Image, "case": &dst.Case, "help": &dst.Help,
	} {
		if err := integrationText(obj, k, field); err != nil {
			return badRequest("serial_number.%s must be a string or null", k)
		}
	}
	if v, present, err := obj.boolean("required"); err != nil {
		return badRequest("serial_number.required must be a boolean")
	} else if present {
		dst.Required = v
	}
	return nil
}

func applyNetwork(body jsonBody, n *networkDoc, create bool) error {
	if err := integrationName(body, create, &n.Name); err != nil {
		return err
	}
	for k, dst := range map[string]**string{
		"description": &n.Description, "logo_url": &n.LogoURL, "icon_url": &n.IconURL, "banner_url": &n.BannerURL,
		"middleware_endpoint": &n.MiddlewareEndpoint, "payload_encoder": &n.PayloadEncoder, "documentation_url": &n.Documentation,
	} {
		if err := integrationText(body, k, dst); err != nil {
			return err
		}
	}
	if err := integrationDecoder(body, &n.PayloadDecoder); err != nil {
		return err
	}
	if err := deviceParameters(body, &n.DeviceParameters); err != nil {
		return err
	}
	for k, dst := range map[string]*bool{"public": &n.Public, "require_devices_access": &n.RequireDevicesAccess} {
		if v, present, err := body.boolean(k); err != nil {
			return err
		} else if present {
			*dst = v
		}
	}
	return serialNumber(body, &n.SerialNumber)
}

// loadOwnConnector is the profile's own connector: an unknown ID is 404, a catalog entry 403.
func loadOwnConnector(tx Tx, id string) (*connectorDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Connector ID")
	}
	d, err := getDoc[connectorDoc](tx, collConnectors, id)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, notFound("Connector not found")
	}
	if !d.Custom {
		return nil, errDenied()
	}
	return d, nil
}

func loadOwnNetwork(tx Tx, id string) (*networkDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Network ID")
	}
	n, err := getDoc[networkDoc](tx, collNetworks, id)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return nil, notFound("Network not found")
	}
	if !n.Custom {
		return nil, errDenied()
	}
	return n, nil
}

func (e *Emulator) createConnector(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	now := apiTime(c.Now)
	d := &connectorDoc{ID: newObjectID(), Networks: []string{}, DeviceParameters: []any{}, Custom: true, CreatedAt: now, UpdatedAt: now}
	err = e.store.Update(func(tx Tx) error {
		if err := applyConnector(tx, body, d, true); err != nil {
			return err
		}
		return putDoc(tx, collConnectors, d.ID, d)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"connector": d.ID}, nil
}

func (e *Emulator) editConnector(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		d, err := loadOwnConnector(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if err := applyConnector(tx, body, d, false); err != nil {
			return err
		}
		d.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collConnectors, d.ID, d)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

func (e *Emulator) deleteConnector(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		d, err := loadOwnConnector(tx, c.Param("id"))
		if err != nil {
			return err
		}
		return tx.Delete(collConnectors, d.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

func (e *Emulator) createNetwork(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	now := apiTime(c.Now)
	n := &networkDoc{ID: newObjectID(), DeviceParameters: []any{}, Custom: true, CreatedAt: now, UpdatedAt: now}
	if err := applyNetwork(body, n, true); err != nil {
		return 0, nil, err
	}
	if err := e.store.Update(func(tx Tx) error { return putDoc(tx, collNetworks, n.ID, n) }); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"network": n.ID}, nil
}

func (e *Emulator) editNetwork(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		n, err := loadOwnNetwork(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if err := applyNetwork(body, n, false); err != nil {
			return err
		}
		n.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collNetworks, n.ID, n)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

func (e *Emulator) deleteNetwork(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		n, err := loadOwnNetwork(tx, c.Param("id"))
		if err != nil {
			return err
		}
		return tx.Delete(collNetworks, n.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}
