package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// Device is a TagoIO device as GET /device/{id} returns it (docs/api-notes.md §2.3). For non-legacy
// devices the device is also its own data store ("bucket" = device id).
type Device struct {
	ID                   string  `json:"id"`
	Name                 string  `json:"name"`
	Description          *string `json:"description"`
	Active               bool    `json:"active"`
	Visible              bool    `json:"visible"`
	Profile              string  `json:"profile"`
	Type                 string  `json:"type"`
	Connector            string  `json:"connector"`
	Network              string  `json:"network"`
	PayloadDecoder       *string `json:"payload_decoder"`
	Tags                 []Tag   `json:"tags"`
	ChunkPeriod          *string `json:"chunk_period"`
	ChunkRetention       *int64  `json:"chunk_retention"`
	MutableVariableRegex *string `json:"mutable_variable_regex"`
	SerieNumber          *string `json:"serie_number"`
	ConnectorParse       *bool   `json:"connector_parse"`
	ParseFunction        *string `json:"parse_function"`
	LastInput            *string `json:"last_input"`
	CreatedAt            string  `json:"created_at"`
	UpdatedAt            string  `json:"updated_at"`
}

// DeviceCreate is the POST /device body.
type DeviceCreate struct {
	Name                 string        `json:"name"`
	Type                 string        `json:"type"`
	Connector            string        `json:"connector"`
	Network              string        `json:"network"`
	Description          *string       `json:"description,omitempty"`
	Active               *bool         `json:"active,omitempty"`
	Visible              *bool         `json:"visible,omitempty"`
	SerieNumber          *string       `json:"serie_number,omitempty"`
	Tags                 []Tag         `json:"tags"`
	ConfigurationParams  []DeviceParam `json:"configuration_params,omitempty"`
	ChunkPeriod          *string       `json:"chunk_period,omitempty"`
	ChunkRetention       *int64        `json:"chunk_retention,omitempty"`
	MutableVariableRegex *string       `json:"mutable_variable_regex,omitempty"`
	PayloadDecoder       *string       `json:"payload_decoder,omitempty"`
	ConnectorParse       *bool         `json:"connector_parse,omitempty"`
	ParseFunction        *string       `json:"parse_function,omitempty"`
}

// DeviceUpdate is a partial PUT /device/{id} body: only non-nil fields are sent, because the API
// refuses some fields even unchanged (connector and network while the device has tokens). To
// clear a text, send an empty string. Tags replace the whole list.
type DeviceUpdate struct {
	Name                 *string `json:"name,omitempty"`
	Connector            *string `json:"connector,omitempty"`
	Network              *string `json:"network,omitempty"`
	Description          *string `json:"description,omitempty"`
	Active               *bool   `json:"active,omitempty"`
	Visible              *bool   `json:"visible,omitempty"`
	SerieNumber          *string `json:"serie_number,omitempty"`
	Tags                 *[]Tag  `json:"tags,omitempty"`
	ChunkRetention       *int64  `json:"chunk_retention,omitempty"`
	MutableVariableRegex *string `json:"mutable_variable_regex,omitempty"`
	PayloadDecoder       *string `json:"payload_decoder,omitempty"`
	ConnectorParse       *bool   `json:"connector_parse,omitempty"`
	ParseFunction        *string `json:"parse_function,omitempty"`
}

// IsEmpty reports an update with nothing to send.
func (u DeviceUpdate) IsEmpty() bool { return u == DeviceUpdate{} }

// DeviceCreated is what POST /device returns. Token is the device's default token; it is empty
// when the create was recovered after a lost answer and the device has no single token.
type DeviceCreated struct {
	ID    string
	Token string
}

// deviceCreateResult accepts every key the sources disagree on (docs/api-notes.md §8.1).
type deviceCreateResult struct {
	DeviceID   string `json:"device_id"`
	DeviceIDv2 string `json:"deviceID"`
	Device     string `json:"device"`
	Token      string `json:"token"`
}

// DevicesService is /device.
type DevicesService struct{ c *Client }

// deviceListFields are the fields the client asks for in lists: enough for lookups and the
// plural data source.
var deviceListFields = []string{"id", "name", "type", "active", "visible", "connector", "network", "tags", "created_at", "updated_at"}

// Create creates a device and returns its id and default token.
func (s *DevicesService) Create(ctx context.Context, in DeviceCreate) (*DeviceCreated, error) {
	if in.Tags == nil {
		in.Tags = []Tag{}
	}
	var out deviceCreateResult
	adopted, err := s.c.create(ctx, createSpec{
		kind: "device",
		name: in.Name,
		req:  Request{Method: http.MethodPost, Path: "/device", Body: in},
		lookup: func(ctx context.Context) ([]candidate, error) {
			devices, err := s.List(ctx, ListOptions{Filter: map[string]string{"name": in.Name}})
			if err != nil {
				return nil, err
			}
			found := make([]candidate, 0, len(devices))
			for _, d := range devices {
				found = append(found, candidate{ID: d.ID, Name: d.Name, CreatedAt: d.CreatedAt})
			}
			return found, nil
		},
	}, &out)
	if err != nil {
		return nil, err
	}
	if adopted != "" {
		created := &DeviceCreated{ID: adopted}
		// The default token is in the device's token list; adopt it when it is the only one.
		if tokens, err := s.c.DeviceTokens.List(ctx, adopted); err == nil && len(tokens) == 1 {
			created.Token = tokens[0].Token
		}
		return created, nil
	}
	id := firstNonEmpty(out.DeviceID, out.DeviceIDv2, out.Device)
	s.c.masker.Add(out.Token)
	return &DeviceCreated{ID: id, Token: out.Token}, nil
}

// Get reads one device.
func (s *DevicesService) Get(ctx context.Context, id string) (*Device, error) {
	var d Device
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/device/" + url.PathEscape(id)}, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Update edits a device (partial).
func (s *DevicesService) Update(ctx context.Context, id string, in DeviceUpdate) error {
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: "/device/" + url.PathEscape(id), Body: in}, nil)
}

// Delete deletes a device with its data and tokens.
func (s *DevicesService) Delete(ctx context.Context, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: "/device/" + url.PathEscape(id)}, nil)
}

// List lists every device matching opts (all pages). Without Fields it asks for the client's
// list fields.
func (s *DevicesService) List(ctx context.Context, opts ListOptions) ([]Device, error) {
	if opts.Fields == nil {
		opts.Fields = deviceListFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "name,asc"
	}
	return ListAll[Device](ctx, s.c, "/device", opts)
}

// DataAmount is the number of data records the device holds.
func (s *DevicesService) DataAmount(ctx context.Context, id string) (int64, error) {
	var n json.Number
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/device/" + url.PathEscape(id) + "/data_amount"}, &n); err != nil {
		return 0, err
	}
	return n.Int64()
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
