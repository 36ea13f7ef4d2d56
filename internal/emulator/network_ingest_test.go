package emulator

import (
	"testing"
)

func TestNetworkIngestStoresOnTheSerialsDevice(t *testing.T) {
	e := newEmu(t)
	netTok := helperToken(t, e, "/_emulator/network-token", map[string]string{"network": NetworkHTTPID})
	auth := helperToken(t, e, "/_emulator/authorization", map[string]string{"name": "middleware"})
	a, aTok := mkSerialDevice(t, e, "a", "SN-A")
	b, _ := mkSerialDevice(t, e, "b", "SN-B")

	var resolved string
	req(t, e, "GET", "/integration/network/resolve/SN-A", netTok, nil).ok(t, 200, &resolved)
	if resolved != aTok {
		t.Fatalf("SN-A resolved to %q, want the token registered with it", resolved)
	}
	req(t, e, "GET", "/integration/network/resolve/SN-A/"+auth, netTok, nil).ok(t, 200, &resolved)
	if resolved != aTok {
		t.Fatalf("SN-A with authorization resolved to %q", resolved)
	}
	req(t, e, "GET", "/integration/network/resolve/SN-A/at-wrong", netTok, nil).fail(t, 401, "authorization")
	req(t, e, "GET", "/integration/network/resolve/SN-NONE", netTok, nil).fail(t, 404, "SN-NONE")
	req(t, e, "GET", "/integration/network/resolve/SN-A", e.ProfileToken(), nil).fail(t, 403, msgDenied)

	var msg string
	req(t, e, "POST", "/integration/network/data?authorization_token="+auth, netTok, []map[string]any{
		{"variable": "payload", "value": "41BC7E1F2A", "metadata": map[string]string{"serial": "SN-A"}},
		{"variable": "payload", "value": "00", "metadata": map[string]string{"serial": "SN-B"}},
		{"variable": "rssi", "value": -70, "metadata": map[string]string{"serial": "SN-A"}},
	}).ok(t, 200, &msg)
	if msg != "3 Data Added" {
		t.Fatalf("message %q", msg)
	}
	if recs := getList(t, e, "/device/"+a.DeviceID+"/data?variables=payload&variables=rssi&qty=10"); len(recs) != 2 {
		t.Fatalf("device a holds %v", recs)
	}
	recs := getList(t, e, "/device/"+b.DeviceID+"/data?variable=payload")
	if len(recs) != 1 || recs[0]["value"] != "00" {
		t.Fatalf("device b holds %v", recs)
	}

	// Nothing is stored unless every serial resolves, and the authorization is required.
	req(t, e, "POST", "/integration/network/data?authorization_token="+auth, netTok, []map[string]any{
		{"variable": "payload", "value": "1", "metadata": map[string]string{"serial": "SN-A"}},
		{"variable": "payload", "value": "2", "metadata": map[string]string{"serial": "SN-X"}},
	}).fail(t, 404, "SN-X")
	req(t, e, "POST", "/integration/network/data", netTok, []map[string]any{{"variable": "payload", "metadata": map[string]string{"serial": "SN-A"}}}).fail(t, 401, "Authorization")
	req(t, e, "POST", "/integration/network/data?authorization_token="+auth, netTok, []map[string]any{{"variable": "payload", "value": "1"}}).fail(t, 400, "metadata.serial")
	if recs := getList(t, e, "/device/"+a.DeviceID+"/data?variable=payload&qty=10"); len(recs) != 1 {
		t.Fatalf("a failed ingest stored data: %v", recs)
	}
}

func TestNetworkTokenSeesOnlyItsNetwork(t *testing.T) {
	e := newEmu(t)
	mqttTok := helperToken(t, e, "/_emulator/network-token", map[string]string{"network": NetworkMQTTID})
	dev, _ := mkSerialDevice(t, e, "http device", "SN-HTTP")
	req(t, e, "GET", "/integration/network/resolve/SN-HTTP", mqttTok, nil).fail(t, 404, "SN-HTTP")
	req(t, e, "POST", "/integration/network/"+dev.DeviceID+"/params", mqttTok, []map[string]any{{"key": "k", "value": "v"}}).fail(t, 403, msgDenied)

	httpTok := helperToken(t, e, "/_emulator/network-token", map[string]string{"network": NetworkHTTPID})
	var msg string
	req(t, e, "POST", "/integration/network/"+dev.DeviceID+"/params", httpTok, []map[string]any{{"key": "downlink_url", "value": "https://x", "sent": false}}).ok(t, 200, &msg)
	if msg != "Device Configuration Parameter Updated" {
		t.Fatalf("message %q", msg)
	}
	params := getList(t, e, "/device/"+dev.DeviceID+"/params")
	if len(params) != 1 || params[0]["key"] != "downlink_url" || params[0]["value"] != "https://x" {
		t.Fatalf("params %v", params)
	}
	if res := req(t, e, "POST", "/_emulator/network-token", "", map[string]string{"network": newObjectID()}); res.Code != 404 {
		t.Fatalf("token for an unknown network: %d %s", res.Code, res.Raw)
	}
}

func TestResolveSerialNewestDeviceWins(t *testing.T) {
	e := newEmu(t)
	netTok := helperToken(t, e, "/_emulator/network-token", map[string]string{"network": NetworkHTTPID})
	mkSerialDevice(t, e, "old", "DUP")
	_, newTok := mkSerialDevice(t, e, "new", "DUP")
	var resolved string
	req(t, e, "GET", "/integration/network/resolve/DUP", netTok, nil).ok(t, 200, &resolved)
	if resolved != newTok {
		t.Fatal("a duplicated serial did not resolve to the newest device")
	}
}
