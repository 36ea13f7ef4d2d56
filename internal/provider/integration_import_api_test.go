package provider

import (
	"encoding/base64"
	"strings"
	"testing"
)

// A network and a connector made through the API, with every optional field, unicode, and values
// outside the lists this provider knows, import loss-free with generated configuration; so do
// bare ones (only a name).
func TestAccConnectorAndNetwork_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	decoder := base64.StdEncoding.EncodeToString([]byte("// décodeur ✓\npayload = payload.map(p => p);"))
	network := env.apiID("/integration/network", obj{
		"name": "tfacc-réseau 🚀", "description": "Réseau privé", "logo_url": "https://example.com/l.png",
		"icon_url": "https://example.com/i.png", "banner_url": "https://example.com/b.png",
		"documentation_url": "https://example.com/docs", "middleware_endpoint": "mw.example.com",
		"payload_decoder": decoder, "payload_encoder": "ZW5j", "public": false, "require_devices_access": true,
		"serial_number": obj{"required": true, "label": "EUI", "mask": "xxxx", "image": "https://example.com/s.png",
			"case": "title-case", "help": "Under the lid"},
		"device_parameters": []obj{
			{"name": "port", "label": "Porta", "type": "number", "default": 8080, "group": "main"},
			{"name": "on", "type": "switch", "default": true, "group": "custom-group"},
			{"name": "mode", "type": "radio-buttons", "options": []any{"a", "b"}, "default": "a"},
			{"label": "only a label"},
		},
	})
	bareNetwork := env.apiID("/integration/network", obj{"name": "tfacc-bare-network"})
	connector := env.apiID("/integration/connector", obj{
		"name": "tfacc-connecteur ✓", "description": "Sondes de température", "logo_url": "https://example.com/c.png",
		"networks": []string{network, bareNetwork}, "payload_decoder": decoder, "payload_encoder": "ZW5j",
		"install_text": "Branchez-le", "install_end_text": "Fini", "device_annotation": "Étagère 4",
		"device_parameters": []obj{{"name": "interval", "type": "number", "default": 60.5}},
	})
	bareConnector := env.apiID("/integration/connector", obj{"name": "tfacc-bare-connector"})
	res := env.importWithGeneratedConfig(
		[]importTarget{
			{Type: "tagoio_network", Name: "full", ID: network}, {Type: "tagoio_network", Name: "bare", ID: bareNetwork},
			{Type: "tagoio_connector", Name: "full", ID: connector}, {Type: "tagoio_connector", Name: "bare", ID: bareConnector},
		},
		[]apiObject{
			{Path: "/integration/network/" + network}, {Path: "/integration/network/" + bareNetwork},
			{Path: "/integration/connector/" + connector}, {Path: "/integration/connector/" + bareConnector},
		})
	// The decoder is configured as its source, not as base64.
	if !strings.Contains(res.Generated, `décodeur ✓`) {
		t.Errorf("the generated configuration lacks the decoder's source:\n%s", res.Generated)
	}
	// Values outside the known lists plan with a warning naming the known ones.
	warned := false
	for _, d := range res.planDiagnostics(t) {
		warned = warned || strings.Contains(d, `"radio-buttons", which is none of the values`)
	}
	if !warned {
		t.Errorf("no warning about the unknown parameter type among the plan's diagnostics")
	}
}
