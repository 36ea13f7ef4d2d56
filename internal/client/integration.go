package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// Connector is an integration connector: how a kind of device's payloads are decoded. Creating
// a device needs a connector and one of its networks. TagoIO's catalog connectors are public; a
// profile's own (custom) ones are not (docs/api-notes.md §2.5).
type Connector struct {
	ID               string            `json:"id"`
	Name             string            `json:"name"`
	Description      *string           `json:"description"`
	LogoURL          *string           `json:"logo_url"`
	Networks         []string          `json:"networks"`
	Public           bool              `json:"public"`
	DeviceParameters []DeviceParameter `json:"device_parameters"`
	PayloadDecoder   *string           `json:"payload_decoder"` // base64-encoded JavaScript
	PayloadEncoder   *string           `json:"payload_encoder"`
	InstallText      *string           `json:"install_text"`
	InstallEndText   *string           `json:"install_end_text"`
	DeviceAnnotation *string           `json:"device_annotation"`
	CreatedAt        string            `json:"created_at"`
	UpdatedAt        string            `json:"updated_at"`
}

// Network is an integration network: the transport a device uses (HTTP, MQTT, LoRaWAN...).
type Network struct {
	ID                   string               `json:"id"`
	Name                 string               `json:"name"`
	Description          *string              `json:"description"`
	LogoURL              *string              `json:"logo_url"`
	IconURL              *string              `json:"icon_url"`
	BannerURL            *string              `json:"banner_url"`
	DocumentationURL     *string              `json:"documentation_url"`
	MiddlewareEndpoint   *string              `json:"middleware_endpoint"`
	DeviceParameters     []DeviceParameter    `json:"device_parameters"`
	PayloadDecoder       *string              `json:"payload_decoder"` // base64-encoded JavaScript
	PayloadEncoder       *string              `json:"payload_encoder"`
	Public               bool                 `json:"public"`
	RequireDevicesAccess bool                 `json:"require_devices_access"`
	SerialNumber         *NetworkSerialNumber `json:"serial_number"`
	CreatedAt            string               `json:"created_at"`
	UpdatedAt            string               `json:"updated_at"`
}

// NetworkSerialNumber says whether devices on the network need a serial number, and how the
// admin asks for it.
type NetworkSerialNumber struct {
	Required bool    `json:"required"`
	Label    *string `json:"label,omitempty"`
	Mask     *string `json:"mask,omitempty"`
	Image    *string `json:"image,omitempty"`
	Case     *string `json:"case,omitempty"`
	Help     *string `json:"help,omitempty"`
}

// DeviceParameter is a setting a connector or network asks of each device using it (the SDK's
// IDeviceParameters). Default and Options keep the JSON the API holds: a switch's default is a
// boolean, a number's a number.
type DeviceParameter struct {
	Name    *string           `json:"name,omitempty"`
	Label   *string           `json:"label,omitempty"`
	Type    *string           `json:"type,omitempty"`
	Group   *string           `json:"group,omitempty"`
	Default json.RawMessage   `json:"default,omitempty"`
	Options []json.RawMessage `json:"options,omitempty"`
}

// ConnectorSettings are the editable fields of a connector (ConnectorCreateInfo). A nil field is
// not sent; a pointer to "" (or to an empty list) clears it.
type ConnectorSettings struct {
	Description      *string            `json:"description,omitempty"`
	LogoURL          *string            `json:"logo_url,omitempty"`
	Networks         *[]string          `json:"networks,omitempty"`
	DeviceParameters *[]DeviceParameter `json:"device_parameters,omitempty"`
	PayloadDecoder   *string            `json:"payload_decoder,omitempty"` // base64-encoded JavaScript
	PayloadEncoder   *string            `json:"payload_encoder,omitempty"`
	InstallText      *string            `json:"install_text,omitempty"`
	InstallEndText   *string            `json:"install_end_text,omitempty"`
	DeviceAnnotation *string            `json:"device_annotation,omitempty"`
}

// ConnectorCreate is the POST /integration/connector body.
type ConnectorCreate struct {
	Name string `json:"name"`
	ConnectorSettings
}

// ConnectorUpdate is a partial PUT /integration/connector/{id} body.
type ConnectorUpdate struct {
	Name *string `json:"name,omitempty"`
	ConnectorSettings
}

// IsEmpty reports an update with nothing to send.
func (u ConnectorUpdate) IsEmpty() bool {
	return u.Name == nil && u.ConnectorSettings == ConnectorSettings{}
}

// NetworkSettings are the editable fields of a network (NetworkCreateInfo); nil is not sent.
type NetworkSettings struct {
	Description          *string              `json:"description,omitempty"`
	LogoURL              *string              `json:"logo_url,omitempty"`
	IconURL              *string              `json:"icon_url,omitempty"`
	BannerURL            *string              `json:"banner_url,omitempty"`
	DocumentationURL     *string              `json:"documentation_url,omitempty"`
	MiddlewareEndpoint   *string              `json:"middleware_endpoint,omitempty"`
	DeviceParameters     *[]DeviceParameter   `json:"device_parameters,omitempty"`
	PayloadDecoder       *string              `json:"payload_decoder,omitempty"` // base64-encoded JavaScript
	PayloadEncoder       *string              `json:"payload_encoder,omitempty"`
	Public               *bool                `json:"public,omitempty"`
	RequireDevicesAccess *bool                `json:"require_devices_access,omitempty"`
	SerialNumber         *NetworkSerialNumber `json:"serial_number,omitempty"`
}

// NetworkCreate is the POST /integration/network body.
type NetworkCreate struct {
	Name string `json:"name"`
	NetworkSettings
}

// NetworkUpdate is a partial PUT /integration/network/{id} body.
type NetworkUpdate struct {
	Name *string `json:"name,omitempty"`
	NetworkSettings
}

// IsEmpty reports an update with nothing to send.
func (u NetworkUpdate) IsEmpty() bool { return u.Name == nil && u.NetworkSettings == NetworkSettings{} }

// ConnectorsService is /integration/connector.
type ConnectorsService struct{ c *Client }

// NetworksService is /integration/network.
type NetworksService struct{ c *Client }

var connectorFields = []string{"id", "name", "description", "logo_url", "networks", "public", "device_parameters",
	"payload_decoder", "payload_encoder", "install_text", "install_end_text", "device_annotation", "created_at", "updated_at"}

var networkFields = []string{"id", "name", "description", "logo_url", "icon_url", "banner_url", "documentation_url",
	"middleware_endpoint", "device_parameters", "payload_decoder", "payload_encoder", "public", "require_devices_access",
	"serial_number", "created_at", "updated_at"}

func connectorPath(id string) string { return "/integration/connector/" + url.PathEscape(id) }

func networkPath(id string) string { return "/integration/network/" + url.PathEscape(id) }

// Create creates a custom connector and returns its id. A create whose answer was lost is
// recognised by its name and creation time.
func (s *ConnectorsService) Create(ctx context.Context, in ConnectorCreate) (string, error) {
	var out struct {
		Connector string `json:"connector"`
	}
	adopted, err := s.c.create(ctx, createSpec{
		kind: "connector",
		name: in.Name,
		req:  Request{Method: http.MethodPost, Path: "/integration/connector", Body: in},
		lookup: func(ctx context.Context) ([]candidate, error) {
			found, err := s.List(ctx, ListOptions{Filter: map[string]string{"name": in.Name}, Fields: []string{"id", "name", "created_at"}})
			if err != nil {
				return nil, err
			}
			out := make([]candidate, 0, len(found))
			for _, c := range found {
				out = append(out, candidate{ID: c.ID, Name: c.Name, CreatedAt: c.CreatedAt})
			}
			return out, nil
		},
	}, &out)
	if err != nil {
		return "", err
	}
	return firstNonEmpty(adopted, out.Connector), nil
}

// Update edits a custom connector.
func (s *ConnectorsService) Update(ctx context.Context, id string, in ConnectorUpdate) error {
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: connectorPath(id), Body: in}, nil)
}

// Delete deletes a custom connector.
func (s *ConnectorsService) Delete(ctx context.Context, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: connectorPath(id)}, nil)
}

// Create creates a custom network and returns its id (lost answers handled as for connectors).
func (s *NetworksService) Create(ctx context.Context, in NetworkCreate) (string, error) {
	var out struct {
		Network string `json:"network"`
	}
	adopted, err := s.c.create(ctx, createSpec{
		kind: "network",
		name: in.Name,
		req:  Request{Method: http.MethodPost, Path: "/integration/network", Body: in},
		lookup: func(ctx context.Context) ([]candidate, error) {
			found, err := s.List(ctx, ListOptions{Filter: map[string]string{"name": in.Name}, Fields: []string{"id", "name", "created_at"}})
			if err != nil {
				return nil, err
			}
			out := make([]candidate, 0, len(found))
			for _, n := range found {
				out = append(out, candidate{ID: n.ID, Name: n.Name, CreatedAt: n.CreatedAt})
			}
			return out, nil
		},
	}, &out)
	if err != nil {
		return "", err
	}
	return firstNonEmpty(adopted, out.Network), nil
}

// Update edits a custom network.
func (s *NetworksService) Update(ctx context.Context, id string, in NetworkUpdate) error {
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: networkPath(id), Body: in}, nil)
}

// Delete deletes a custom network.
func (s *NetworksService) Delete(ctx context.Context, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: networkPath(id)}, nil)
}

// Get reads one connector.
func (s *ConnectorsService) Get(ctx context.Context, id string) (*Connector, error) {
	var out Connector
	q := ListOptions{Fields: connectorFields}.values(1)
	q.Del("page")
	q.Del("amount")
	err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: connectorPath(id), Query: q}, &out)
	return &out, err
}

// List lists connectors (all pages).
func (s *ConnectorsService) List(ctx context.Context, opts ListOptions) ([]Connector, error) {
	if opts.Fields == nil {
		opts.Fields = connectorFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "name,asc"
	}
	return ListAll[Connector](ctx, s.c, "/integration/connector", opts)
}

// Get reads one network.
func (s *NetworksService) Get(ctx context.Context, id string) (*Network, error) {
	var out Network
	q := ListOptions{Fields: networkFields}.values(1)
	q.Del("page")
	q.Del("amount")
	err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: networkPath(id), Query: q}, &out)
	return &out, err
}

// List lists networks (all pages).
func (s *NetworksService) List(ctx context.Context, opts ListOptions) ([]Network, error) {
	if opts.Fields == nil {
		opts.Fields = networkFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "name,asc"
	}
	return ListAll[Network](ctx, s.c, "/integration/network", opts)
}
