package dataplane

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Network is what a custom network's middleware calls with a network token (TagoIO's
// "Network Ingest" API): it resolves a device's serial number to the device's token,
// edits the device's configuration parameters, and delivers data that lands on the device
// each record's serial resolves to.
//
//	net := dataplane.NewNetwork(base.WithToken(networkToken))
//	token, err := net.ResolveToken(ctx, "SN123", "")
//	n, err := net.Send(ctx, authorization, dataplane.Record{Variable: "payload", Value: "41BC",
//		Metadata: map[string]any{"serial": "SN123"}})
type Network struct {
	c *Client
}

// NewNetwork returns the network that c's token (a network token) belongs to.
func NewNetwork(c *Client) *Network { return &Network{c: c} }

// ResolveToken answers the device token of the network's device with this serial number
// (GET /integration/network/resolve/{serial}[/{authorization}]). With an authorization
// key the serial is looked up in that key's profile only, so that serials may repeat
// across profiles; without one the newest device with the serial wins.
func (n *Network) ResolveToken(ctx context.Context, serial, authorization string) (string, error) {
	if strings.TrimSpace(serial) == "" {
		return "", &ArgumentError{Field: "serial", Reason: "is required"}
	}
	path := "/integration/network/resolve/" + url.PathEscape(serial)
	if authorization != "" {
		path += "/" + url.PathEscape(authorization)
	}
	var token string
	err := call(ctx, n.c, http.MethodGet, path, nil, nil, &token)
	return token, err
}

// NetworkParam is a device configuration parameter as a network edits it: with ID an
// existing parameter is changed, without one a parameter is added.
type NetworkParam struct {
	ID    string `json:"id,omitempty"`
	Key   string `json:"key"`
	Value string `json:"value"`
	Sent  bool   `json:"sent"`
}

// SetParams creates or edits configuration parameters of a device of the network (POST
// /integration/network/{deviceID}/params).
func (n *Network) SetParams(ctx context.Context, deviceID string, params ...NetworkParam) error {
	if deviceID == "" || len(params) == 0 {
		return &ArgumentError{Field: "deviceID and params", Reason: "are required"}
	}
	return call(ctx, n.c, http.MethodPost, "/integration/network/"+url.PathEscape(deviceID)+"/params", nil, params, nil)
}

// Send delivers records through the network (POST /integration/network/data) under the
// profile's authorization key. Each record must carry its device's serial number in
// Metadata["serial"], the field the network's payload parser sets. It answers how many
// records the API added.
func (n *Network) Send(ctx context.Context, authorization string, records ...Record) (int, error) {
	if authorization == "" {
		return 0, &ArgumentError{Field: "authorization", Reason: "is required"}
	}
	if len(records) == 0 {
		return 0, nil
	}
	for i, r := range records {
		if s, _ := r.Metadata["serial"].(string); strings.TrimSpace(s) == "" {
			return 0, &ArgumentError{Field: "records[" + strconv.Itoa(i) + "].Metadata[\"serial\"]", Reason: "is required: it names the device"}
		}
	}
	var raw json.RawMessage
	if err := call(ctx, n.c, http.MethodPost, "/integration/network/data",
		url.Values{"authorization_token": {authorization}}, records, &raw); err != nil {
		return 0, err
	}
	added, ok := leadingCount(raw)
	if !ok {
		return 0, &ArgumentError{Field: "answer", Reason: "is not \"<n> Data Added\": " + string(raw)}
	}
	return added, nil
}
