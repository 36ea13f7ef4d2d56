package client

import (
	"context"
	"net/http"
	"net/url"
)

// Connector is an integration connector: how a kind of device's payloads are decoded. Creating
// a device needs a connector and one of its networks.
type Connector struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description *string  `json:"description"`
	LogoURL     *string  `json:"logo_url"`
	Networks    []string `json:"networks"`
	Public      bool     `json:"public"`
}

// Network is an integration network: the transport a device uses (HTTP, MQTT, LoRaWAN...).
type Network struct {
	ID                   string               `json:"id"`
	Name                 string               `json:"name"`
	Description          *string              `json:"description"`
	LogoURL              *string              `json:"logo_url"`
	Public               bool                 `json:"public"`
	RequireDevicesAccess bool                 `json:"require_devices_access"`
	SerialNumber         *NetworkSerialNumber `json:"serial_number"`
}

// NetworkSerialNumber says whether devices on the network need a serial number.
type NetworkSerialNumber struct {
	Required bool    `json:"required"`
	Label    *string `json:"label"`
	Mask     *string `json:"mask"`
}

// ConnectorsService is /integration/connector.
type ConnectorsService struct{ c *Client }

// NetworksService is /integration/network.
type NetworksService struct{ c *Client }

var connectorFields = []string{"id", "name", "description", "logo_url", "networks", "public"}

var networkFields = []string{"id", "name", "description", "logo_url", "public", "require_devices_access", "serial_number"}

// Get reads one connector.
func (s *ConnectorsService) Get(ctx context.Context, id string) (*Connector, error) {
	var out Connector
	q := ListOptions{Fields: connectorFields}.values(1)
	q.Del("page")
	q.Del("amount")
	err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/integration/connector/" + url.PathEscape(id), Query: q}, &out)
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
	err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/integration/network/" + url.PathEscape(id), Query: q}, &out)
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
