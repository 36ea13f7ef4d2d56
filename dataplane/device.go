package dataplane

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// Device is the data plane of one device, reached with one of its device tokens: the original
// SDK's tago.Device(token). Build it on a client that carries the device token:
//
//	dev := dataplane.NewDevice(base.WithToken(deviceToken))
//	n, err := dev.Insert(ctx, dataplane.Record{Variable: "temperature", Value: 21.5, Unit: "°C"})
//
// Its data calls (Insert, Find, FindNumber, Remove, RemoveVariableOrID) are the same as
// DeviceData's.
type Device struct {
	*dataAPI
	c *Client
}

// NewDevice returns the device that c's token (a device token) belongs to.
func NewDevice(c *Client, opts ...Option) *Device {
	return &Device{dataAPI: newDataAPI(c, "/data", opts), c: c}
}

// DeviceData is the data of one device reached with a profile (or analysis) token through
// /device/{id}/data: the same calls as Device, for code that manages many devices.
type DeviceData struct {
	*dataAPI
}

// ForDevice returns the data of device deviceID, reached with c's profile or analysis token.
func ForDevice(c *Client, deviceID string, opts ...Option) *DeviceData {
	return &DeviceData{dataAPI: newDataAPI(c, "/device/"+url.PathEscape(deviceID)+"/data", opts)}
}

// DeviceInfo is what GET /info says about the device a device token belongs to. Optional
// values the API leaves out (or answers null) are nil.
type DeviceInfo struct {
	ID             string  `json:"id"`
	Name           string  `json:"name"`
	Description    *string `json:"description"`
	Active         bool    `json:"active"`
	Visible        bool    `json:"visible"`
	Profile        string  `json:"profile"`
	Type           string  `json:"type"` // "immutable", "mutable" or "legacy"
	Connector      string  `json:"connector"`
	Network        string  `json:"network"`
	PayloadDecoder *string `json:"payload_decoder"`
	Tags           []Tag   `json:"tags"`
	ChunkPeriod    *string `json:"chunk_period"`
	ChunkRetention *int64  `json:"chunk_retention"`
	SerieNumber    *string `json:"serie_number"`
	LastInput      *string `json:"last_input"`
	CreatedAt      string  `json:"created_at"`
	UpdatedAt      string  `json:"updated_at"`
}

// Tag is a {key, value} tag of a TagoIO object.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// DeviceParam is a configuration parameter of a device: a key and value the device reads, and
// whether it has read it.
type DeviceParam struct {
	ID    string `json:"id"`
	Key   string `json:"key"`
	Value string `json:"value"`
	Sent  bool   `json:"sent"`
}

// Info reads the device the token belongs to (GET /info).
func (d *Device) Info(ctx context.Context) (*DeviceInfo, error) {
	var info DeviceInfo
	if err := d.c.do(ctx, client.Request{Method: http.MethodGet, Path: "/info"}, &info); err != nil {
		return nil, err
	}
	return &info, nil
}

// Params lists the device's configuration parameters. sent filters them by their "sent" flag
// (nil lists all): the value is sent as is in sent_status, the reading of the JS SDK, where
// false lists the parameters the device has not read yet (the Python SDK inverts it; docs/api-notes.md §3).
func (d *Device) Params(ctx context.Context, sent *bool) ([]DeviceParam, error) {
	var query url.Values
	if sent != nil {
		query = url.Values{"sent_status": {strconv.FormatBool(*sent)}}
	}
	var params []DeviceParam
	err := d.c.do(ctx, client.Request{Method: http.MethodGet, Path: "/device/params", Query: query}, &params)
	return params, err
}

// MarkParamSent marks a configuration parameter as read by the device.
func (d *Device) MarkParamSent(ctx context.Context, paramID string) error {
	return d.c.do(ctx, client.Request{
		Method: http.MethodPut, Path: "/device/params/" + url.PathEscape(paramID), Body: map[string]bool{"sent": true},
	}, nil)
}
