package client

import (
	"context"
	"net/http"
	"net/url"
)

// DeviceParam is a configuration parameter of a device: a key/value the device reads, with a
// "sent" flag the device sets once it has read it.
type DeviceParam struct {
	ID    string `json:"id,omitempty"`
	Key   string `json:"key"`
	Value string `json:"value"`
	Sent  bool   `json:"sent"`
}

// ListParams lists a device's configuration parameters in the API's order.
func (s *DevicesService) ListParams(ctx context.Context, deviceID string) ([]DeviceParam, error) {
	var params []DeviceParam
	err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/device/" + url.PathEscape(deviceID) + "/params"}, &params)
	return params, err
}

// SaveParams creates (no ID) or edits (with ID) parameters in one request.
func (s *DevicesService) SaveParams(ctx context.Context, deviceID string, params []DeviceParam) error {
	if len(params) == 0 {
		return nil
	}
	return s.c.Do(ctx, Request{Method: http.MethodPost, Path: "/device/" + url.PathEscape(deviceID) + "/params", Body: params}, nil)
}

// DeleteParam deletes one parameter.
func (s *DevicesService) DeleteParam(ctx context.Context, deviceID, paramID string) error {
	return s.c.Do(ctx, Request{
		Method: http.MethodDelete,
		Path:   "/device/" + url.PathEscape(deviceID) + "/params/" + url.PathEscape(paramID),
	}, nil)
}
