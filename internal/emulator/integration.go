package emulator

import (
	"time"
)

// serialNumberSpec is a network's serial-number requirement (docs/api-notes.md §2.5).
type serialNumberSpec struct {
	Mask     *string `json:"mask"`
	Label    *string `json:"label"`
	Image    *string `json:"image"`
	Case     *string `json:"case"`
	Help     *string `json:"help"`
	Required bool    `json:"required"`
}

type networkDoc struct {
	ID                   string           `json:"id"`
	Name                 string           `json:"name"`
	Description          *string          `json:"description"`
	LogoURL              *string          `json:"logo_url"`
	IconURL              *string          `json:"icon_url"`
	BannerURL            *string          `json:"banner_url"`
	PayloadDecoder       *string          `json:"payload_decoder"`
	PayloadEncoder       *string          `json:"payload_encoder"`
	Public               bool             `json:"public"`
	SerialNumber         serialNumberSpec `json:"serial_number"`
	RequireDevicesAccess bool             `json:"require_devices_access"`
	DeviceParameters     []any            `json:"device_parameters"`
	MiddlewareEndpoint   *string          `json:"middleware_endpoint"`
	Documentation        *string          `json:"documentation_url"`
	CreatedAt            apiTime          `json:"created_at"`
	UpdatedAt            apiTime          `json:"updated_at"`
	// Custom marks a network the profile made (never answered): TagoIO's catalog entries are
	// not the profile's to edit or delete.
	Custom bool `json:"custom"`
}

type connectorDoc struct {
	ID               string   `json:"id"`
	Name             string   `json:"name"`
	Description      *string  `json:"description"`
	LogoURL          *string  `json:"logo_url"`
	Networks         []string `json:"networks"`
	DeviceParameters []any    `json:"device_parameters"`
	Public           bool     `json:"public"`
	PayloadDecoder   *string  `json:"payload_decoder"`
	PayloadEncoder   *string  `json:"payload_encoder"`
	InstallText      *string  `json:"install_text"`
	InstallEndText   *string  `json:"install_end_text"`
	DeviceAnnotation *string  `json:"device_annotation"`
	CreatedAt        apiTime  `json:"created_at"`
	UpdatedAt        apiTime  `json:"updated_at"`
	Custom           bool     `json:"custom"` // made by the profile (never answered), as networkDoc.Custom
}

// Catalog IDs. The HTTP pair is the one the SDK docs and the OAS /info example use for
// a plain HTTP(S) device (docs/api-notes.md §2.3); the others are the emulator's own.
const (
	NetworkHTTPID        = "62336c32ab6e0d0012e06c04"
	NetworkMQTTID        = "62336c8aab6e0d0012e06c11"
	NetworkLoRaWANID     = "62336d0eab6e0d0012e06c22"
	ConnectorHTTPSID     = "62333bd36977fc001a2990c8"
	ConnectorMQTTID      = "62333c1a6977fc001a2990d1"
	ConnectorLoRaWANID   = "62333c5e6977fc001a2990e3"
	catalogCreatedAtText = "2022-03-17T18:54:10.000Z"
)

func strp(s string) *string { return &s }

func catalog() ([]networkDoc, []connectorDoc) {
	created, _ := time.Parse(timeLayout, catalogCreatedAtText)
	at := apiTime(created)
	networks := []networkDoc{
		{
			ID: NetworkHTTPID, Name: "HTTP", Public: true,
			Description: strp("Send data to TagoIO over HTTP(S) with the device token."),
			LogoURL:     strp("https://assets.tago.io/networks/http.png"),
		},
		{
			ID: NetworkMQTTID, Name: "MQTT", Public: true,
			Description: strp("Send data to TagoIO through its MQTT broker."),
			LogoURL:     strp("https://assets.tago.io/networks/mqtt.png"),
		},
		{
			ID: NetworkLoRaWANID, Name: "LoRaWAN", Public: true,
			Description: strp("LoRaWAN network server integration; devices are identified by their DevEUI."),
			LogoURL:     strp("https://assets.tago.io/networks/lorawan.png"),
			SerialNumber: serialNumberSpec{
				Mask: strp("xxxxxxxxxxxxxxxx"), Label: strp("Device EUI"), Case: strp("upper"),
				Help: strp("The 16-hex-digit DevEUI of the device."), Required: true,
			},
			RequireDevicesAccess: true,
			MiddlewareEndpoint:   strp("lorawan.middleware.tago.io"),
		},
	}
	connectors := []connectorDoc{
		{
			ID: ConnectorHTTPSID, Name: "Custom HTTPS", Public: true, Networks: []string{NetworkHTTPID},
			Description: strp("Generic device sending JSON data over HTTPS."),
			LogoURL:     strp("https://assets.tago.io/connectors/https.png"),
		},
		{
			ID: ConnectorMQTTID, Name: "Custom MQTT", Public: true, Networks: []string{NetworkMQTTID},
			Description: strp("Generic device publishing JSON data over MQTT."),
			LogoURL:     strp("https://assets.tago.io/connectors/mqtt.png"),
		},
		{
			ID: ConnectorLoRaWANID, Name: "Custom LoRaWAN", Public: true, Networks: []string{NetworkLoRaWANID},
			Description: strp("Generic LoRaWAN device; write your own payload parser."),
			LogoURL:     strp("https://assets.tago.io/connectors/lorawan.png"),
		},
	}
	for i := range networks {
		networks[i].CreatedAt, networks[i].UpdatedAt = at, at
		networks[i].DeviceParameters = []any{}
	}
	for i := range connectors {
		connectors[i].CreatedAt, connectors[i].UpdatedAt = at, at
		connectors[i].DeviceParameters = []any{}
	}
	return networks, connectors
}

// seedCatalog stores the public catalog entries that are missing.
func seedCatalog(s Store) error {
	networks, connectors := catalog()
	return s.Update(func(tx Tx) error {
		for _, n := range networks {
			if b, err := tx.Get(collNetworks, n.ID); err != nil || b != nil {
				if err != nil {
					return err
				}
				continue
			}
			if err := putDoc(tx, collNetworks, n.ID, n); err != nil {
				return err
			}
		}
		for _, c := range connectors {
			if b, err := tx.Get(collConnectors, c.ID); err != nil || b != nil {
				if err != nil {
					return err
				}
				continue
			}
			if err := putDoc(tx, collConnectors, c.ID, c); err != nil {
				return err
			}
		}
		return nil
	})
}

func connectorRecord(c *connectorDoc) record {
	return record{
		"id": c.ID, "name": c.Name, "description": c.Description, "logo_url": c.LogoURL,
		"networks": c.Networks, "device_parameters": c.DeviceParameters, "public": c.Public,
		"payload_decoder": c.PayloadDecoder, "payload_encoder": c.PayloadEncoder,
		"install_text": c.InstallText, "install_end_text": c.InstallEndText,
		"device_annotation": c.DeviceAnnotation, "created_at": c.CreatedAt, "updated_at": c.UpdatedAt,
	}
}

func networkRecord(n *networkDoc) record {
	return record{
		"id": n.ID, "name": n.Name, "description": n.Description, "logo_url": n.LogoURL,
		"icon_url": n.IconURL, "banner_url": n.BannerURL, "payload_decoder": n.PayloadDecoder,
		"payload_encoder": n.PayloadEncoder, "public": n.Public, "serial_number": n.SerialNumber,
		"require_devices_access": n.RequireDevicesAccess, "device_parameters": n.DeviceParameters,
		"middleware_endpoint": n.MiddlewareEndpoint, "documentation_url": n.Documentation,
		"created_at": n.CreatedAt, "updated_at": n.UpdatedAt,
	}
}

var integrationListSpec = listSpec{
	defaultFields: []string{"id", "name"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "name,asc",
	filters: map[string]filterKind{
		"id": filterString, "name": filterString,
		"created_at": filterDate, "updated_at": filterDate,
	},
}

func (e *Emulator) registerIntegration(r *Router) {
	r.Handle("GET", "/integration/connector", e.listConnectors, kindProfile)
	r.Handle("GET", "/integration/connector/{id}", e.getConnector, kindProfile)
	r.Handle("GET", "/integration/network", e.listNetworks, kindProfile)
	r.Handle("GET", "/integration/network/{id}", e.getNetwork, kindProfile)
	r.Handle("POST", "/integration/connector", e.createConnector, kindProfile)
	r.Handle("PUT", "/integration/connector/{id}", e.editConnector, kindProfile)
	r.Handle("DELETE", "/integration/connector/{id}", e.deleteConnector, kindProfile)
	r.Handle("POST", "/integration/network", e.createNetwork, kindProfile)
	r.Handle("PUT", "/integration/network/{id}", e.editNetwork, kindProfile)
	r.Handle("DELETE", "/integration/network/{id}", e.deleteNetwork, kindProfile)
}

// excludePublic: "filter[public]" present (any value) lists only the profile's own
// entries, excluding the public catalog (docs/api-notes.md §2.5).
func excludePublic(c *Ctx) bool { return c.Query.Path("filter", "public") != nil }

func (e *Emulator) listConnectors(c *Ctx) (int, any, error) {
	var docs []*connectorDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[connectorDoc](tx, collConnectors, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, d := range docs {
		if !d.Custom && excludePublic(c) {
			continue
		}
		items = append(items, connectorRecord(d))
	}
	out, err := runList(c.Query, items, integrationListSpec, c.Now)
	return 200, out, err
}

func (e *Emulator) listNetworks(c *Ctx) (int, any, error) {
	var docs []*networkDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[networkDoc](tx, collNetworks, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, d := range docs {
		if !d.Custom && excludePublic(c) {
			continue
		}
		items = append(items, networkRecord(d))
	}
	out, err := runList(c.Query, items, integrationListSpec, c.Now)
	return 200, out, err
}

// projectIfAsked applies an optional fields[] selection to a single object.
func projectIfAsked(c *Ctx, r record) record {
	if fields := c.Query.Get("fields").List(); len(fields) > 0 {
		return project(r, fields, []string{"id"})
	}
	return r
}

func (e *Emulator) getConnector(c *Ctx) (int, any, error) {
	id := c.Param("id")
	if !isObjectID(id) {
		return 0, nil, badRequest("Invalid Connector ID")
	}
	var d *connectorDoc
	if err := e.store.View(func(tx Tx) (err error) {
		d, err = getDoc[connectorDoc](tx, collConnectors, id)
		return err
	}); err != nil {
		return 0, nil, err
	}
	if d == nil {
		return 0, nil, notFound("Connector not found")
	}
	return 200, projectIfAsked(c, connectorRecord(d)), nil
}

func (e *Emulator) getNetwork(c *Ctx) (int, any, error) {
	id := c.Param("id")
	if !isObjectID(id) {
		return 0, nil, badRequest("Invalid Network ID")
	}
	var d *networkDoc
	if err := e.store.View(func(tx Tx) (err error) {
		d, err = getDoc[networkDoc](tx, collNetworks, id)
		return err
	}); err != nil {
		return 0, nil, err
	}
	if d == nil {
		return 0, nil, notFound("Network not found")
	}
	return 200, projectIfAsked(c, networkRecord(d)), nil
}
