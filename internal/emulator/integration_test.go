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

func TestCustomConnectorAndNetwork(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	var created map[string]any
	req(t, e, "POST", "/integration/network/", tok, map[string]any{
		"name": "Rede ñ 🚀", "description": "d", "icon_url": "https://example.com/i.png", "public": false,
		"payload_decoder": "Y29uc29sZS5sb2coMSk=", "middleware_endpoint": "mw.example.com",
		"serial_number":          map[string]any{"required": true, "label": "EUI", "case": "lower-ish"},
		"require_devices_access": true,
		"device_parameters":      []map[string]any{{"name": "port", "type": "number", "default": 8080, "group": "custom-group"}},
	}).ok(t, 200, &created)
	netID := as[string](t, created["network"])
	n := getMap(t, e, "/integration/network/"+netID)
	sn := as[map[string]any](t, n["serial_number"])
	if n["name"] != "Rede ñ 🚀" || n["payload_decoder"] != "Y29uc29sZS5sb2coMSk=" || sn["required"] != true || sn["case"] != "lower-ish" ||
		n["require_devices_access"] != true || n["public"] != false {
		t.Fatalf("created network %v", n)
	}
	param := as[map[string]any](t, as[[]any](t, n["device_parameters"])[0])
	if param["default"] != float64(8080) || param["group"] != "custom-group" {
		t.Fatalf("device parameter %v", param)
	}
	req(t, e, "POST", "/integration/connector", tok, map[string]any{"name": "Conn", "networks": []string{netID, NetworkHTTPID}}).ok(t, 200, &created)
	connID := as[string](t, created["connector"])
	if l := getList(t, e, "/integration/connector?filter[public]=true"); len(l) != 1 || l[0]["id"] != connID {
		t.Fatalf("own connectors %v", l)
	}
	req(t, e, "PUT", "/integration/connector/"+connID, tok, map[string]any{"description": "x", "networks": []string{NetworkHTTPID}}).ok(t, 200, nil)
	c := getMap(t, e, "/integration/connector/"+connID)
	if c["name"] != "Conn" || c["description"] != "x" || !eqStrings(toStrings(t, c["networks"]), []string{NetworkHTTPID}) || c["public"] != false {
		t.Fatalf("edited connector %v", c)
	}
	req(t, e, "PUT", "/integration/connector/"+connID, tok, map[string]any{"description": nil}).ok(t, 200, nil)
	if c := getMap(t, e, "/integration/connector/"+connID); c["description"] != nil {
		t.Fatalf("cleared description %v", c["description"])
	}

	for _, tc := range []struct {
		method, path string
		body         any
		status       int
		message      string
	}{
		{"POST", "/integration/connector", map[string]any{"description": "no name"}, 400, "name is required"},
		{"POST", "/integration/connector", map[string]any{"name": " "}, 400, "name must be a non-empty string"},
		{"POST", "/integration/connector", map[string]any{"name": "n", "networks": []string{"zz"}}, 400, "Invalid Network ID"},
		{"POST", "/integration/connector", map[string]any{"name": "n", "networks": []string{"aaaaaaaaaaaaaaaaaaaaaaaa"}}, 400, "Network aaaaaaaaaaaaaaaaaaaaaaaa not found"},
		{"POST", "/integration/connector", map[string]any{"name": "n", "payload_decoder": "not base64!"}, 400, "payload_decoder must be a base64-encoded string"},
		{"POST", "/integration/network", map[string]any{"name": "n", "device_parameters": "x"}, 400, "device_parameters must be an array"},
		{"POST", "/integration/network", map[string]any{"name": "n", "serial_number": map[string]any{"required": "yes"}}, 400, "serial_number.required must be a boolean"},
		{"POST", "/integration/network", map[string]any{"name": "n", "public": "yes"}, 400, "public must be a boolean"},
		{"PUT", "/integration/connector/" + ConnectorHTTPSID, map[string]any{"name": "mine"}, 403, msgDenied},
		{"DELETE", "/integration/network/" + NetworkHTTPID, nil, 403, msgDenied},
		{"PUT", "/integration/network/zz", map[string]any{"name": "x"}, 400, "Invalid Network ID"},
		{"DELETE", "/integration/connector/aaaaaaaaaaaaaaaaaaaaaaaa", nil, 404, "Connector not found"},
	} {
		req(t, e, tc.method, tc.path, tok, tc.body).fail(t, tc.status, tc.message)
	}

	req(t, e, "DELETE", "/integration/connector/"+connID, tok, nil).ok(t, 200, nil)
	req(t, e, "DELETE", "/integration/network/"+netID, tok, nil).ok(t, 200, nil)
	req(t, e, "GET", "/integration/network/"+netID, tok, nil).fail(t, 404, "Network not found")
	req(t, e, "GET", "/integration/connector/"+connID, tok, nil).fail(t, 404, "Connector not found")
}

func toStrings(t *testing.T, v any) []string {
	t.Helper()
	var out []string
	for _, s := range as[[]any](t, v) {
		out = append(out, as[string](t, s))
	}
	return out
}
