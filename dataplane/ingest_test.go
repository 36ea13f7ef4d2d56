package dataplane

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// emulatorHelperToken calls a POST /_emulator/ helper that answers {token}.
func emulatorHelperToken(t testing.TB, baseURL, path string, body any) string {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(baseURL+path, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var out struct {
		Token string `json:"token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		t.Fatalf("%s: %d %v", path, resp.StatusCode, err)
	}
	return out.Token
}

// serialDevice creates a device with a token registered under serial.
func (e *emulatorEnv) serialDevice(name, serial string) (string, string) {
	e.t.Helper()
	id, _ := e.device(name, "mutable")
	tok, err := e.c.DeviceTokens.Create(context.Background(), client.DeviceTokenCreate{Device: id, Name: "serial", Permission: "full", SerieNumber: &serial})
	if err != nil {
		e.t.Fatal(err)
	}
	return id, tok.Token
}

func TestNetworkIngestAgainstEmulator(t *testing.T) {
	env := newEmulatorEnv(t)
	ctx := context.Background()
	netTok := emulatorHelperToken(t, env.server.URL, "/_emulator/network-token", map[string]string{"network": httpNetworkID})
	auth := emulatorHelperToken(t, env.server.URL, "/_emulator/authorization", nil)
	devA, tokA := env.serialDevice("a", "SN-A")
	devB, _ := env.serialDevice("b", "SN-B")
	net := NewNetwork(env.dp.WithToken(netTok))

	got, err := net.ResolveToken(ctx, "SN-A", "")
	if err != nil || got != tokA {
		t.Fatalf("ResolveToken = %q, %v; want the SN-A token", got, err)
	}
	if got, err = net.ResolveToken(ctx, "SN-A", auth); err != nil || got != tokA {
		t.Fatalf("ResolveToken with authorization = %q, %v", got, err)
	}
	if _, err := net.ResolveToken(ctx, "SN-NONE", ""); !client.IsNotFound(err) {
		t.Fatalf("unknown serial: %v", err)
	}

	n, err := net.Send(ctx, auth,
		Record{Variable: "payload", Value: "41BC", Metadata: map[string]any{"serial": "SN-A"}},
		Record{Variable: "payload", Value: "00", Metadata: map[string]any{"serial": "SN-B"}},
	)
	if err != nil || n != 2 {
		t.Fatalf("Send = %d, %v", n, err)
	}
	for dev, want := range map[string]string{devA: "41BC", devB: "00"} {
		recs, err := ForDevice(env.dp, dev).Find(ctx, Query{Variables: []string{"payload"}})
		if err != nil || len(recs) != 1 || recs[0].Value != want {
			t.Fatalf("device %s holds %v, %v; want %s", dev, recs, err, want)
		}
	}
	var argErr *ArgumentError
	if _, err := net.Send(ctx, auth, Record{Variable: "payload", Value: "1"}); !errors.As(err, &argErr) {
		t.Fatalf("a record without serial was sent: %v", err)
	}

	if err := net.SetParams(ctx, devA, NetworkParam{Key: "downlink_url", Value: "https://x"}); err != nil {
		t.Fatal(err)
	}
	params, err := env.c.Devices.ListParams(ctx, devA)
	if err != nil || len(params) != 1 || params[0].Key != "downlink_url" || params[0].Value != "https://x" {
		t.Fatalf("params after SetParams: %v, %v", params, err)
	}
}
