package emulator

import (
	"testing"
)

func TestConnectorCatalog(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	l := getList(t, e, "/integration/connector/")
	if got := pluck(l, "name"); !eqStrings(got, []string{"Custom HTTPS", "Custom LoRaWAN", "Custom MQTT"}) {
		t.Fatalf("connectors %v", got)
	}
	if len(l[0]) != 2 {
		t.Fatalf("default fields %v", l[0])
	}
	l = getList(t, e, "/integration/connector?filter[name]=Custom%20HTTPS&fields[]=networks&fields[]=public")
	if len(l) != 1 || l[0]["id"] != ConnectorHTTPSID || l[0]["public"] != true {
		t.Fatalf("filtered %v", l)
	}
	if nets := as[[]any](t, l[0]["networks"]); len(nets) != 1 || nets[0] != NetworkHTTPID {
		t.Fatalf("networks %v", nets)
	}
	if l := getList(t, e, "/integration/connector?filter[public]=true"); len(l) != 0 {
		t.Fatalf("filter[public] should exclude the public catalog: %v", l)
	}
	if got := pluck(getList(t, e, "/integration/connector?orderBy=name,desc&amount=1"), "name"); !eqStrings(got, []string{"Custom MQTT"}) {
		t.Fatalf("order/amount %v", got)
	}
	c := getMap(t, e, "/integration/connector/"+ConnectorHTTPSID)
	for _, k := range []string{"id", "name", "description", "logo_url", "networks", "device_parameters", "public", "payload_decoder", "payload_encoder", "install_text", "install_end_text", "device_annotation"} {
		if _, ok := c[k]; !ok {
			t.Errorf("connector lacks %q", k)
		}
	}
	if c := getMap(t, e, "/integration/connector/"+ConnectorHTTPSID+"?fields[]=name"); len(c) != 2 || c["name"] != "Custom HTTPS" {
		t.Fatalf("single with fields %v", c)
	}
	req(t, e, "GET", "/integration/connector/zz", e.ProfileToken(), nil).fail(t, 400, "Invalid Connector ID")
	req(t, e, "GET", "/integration/connector/aaaaaaaaaaaaaaaaaaaaaaaa", e.ProfileToken(), nil).fail(t, 404, "Connector not found")
}

func TestNetworkCatalog(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	if got := pluck(getList(t, e, "/integration/network"), "name"); !eqStrings(got, []string{"HTTP", "LoRaWAN", "MQTT"}) {
		t.Fatalf("networks %v", got)
	}
	n := getMap(t, e, "/integration/network/"+NetworkLoRaWANID)
	sn, _ := n["serial_number"].(map[string]any)
	for _, k := range []string{"mask", "label", "image", "case", "help", "required"} {
		if _, ok := sn[k]; !ok {
			t.Errorf("serial_number lacks %q", k)
		}
	}
	if sn["required"] != true || n["require_devices_access"] != true || n["public"] != true {
		t.Fatalf("lorawan %v", n)
	}
	h := getMap(t, e, "/integration/network/"+NetworkHTTPID)
	if h["name"] != "HTTP" || as[map[string]any](t, h["serial_number"])["required"] != false {
		t.Fatalf("http %v", h)
	}
	req(t, e, "GET", "/integration/network/zz", e.ProfileToken(), nil).fail(t, 400, "Invalid Network ID")
	req(t, e, "GET", "/integration/network/aaaaaaaaaaaaaaaaaaaaaaaa", e.ProfileToken(), nil).fail(t, 404, "Network not found")
}
