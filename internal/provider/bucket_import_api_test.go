package provider

import "testing"

// Buckets, secrets and devices of every type and chunk period made through the API import loss-free with
// generated configuration (a secret's value, which TagoIO never returns, stays as it is).
func TestAccBucketSecretDevice_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	bucket := env.apiID("/bucket", obj{"name": "tfacc-bucket", "description": "legacy", "visible": false, "tags": []obj{{"key": "k", "value": "v"}}})
	bare := env.apiID("/bucket", obj{"name": "tfacc-bare-bucket"})
	secret := env.apiID("/secrets", obj{"key": "TFACC_SECRET", "value": "s3cret", "tags": []obj{{"key": "k", "value": "v"}}})
	targets := []importTarget{
		{Type: "tagoio_bucket", Name: "bucket", ID: bucket}, {Type: "tagoio_bucket", Name: "bare", ID: bare},
		{Type: "tagoio_secret", Name: "secret", ID: secret},
	}
	objects := []apiObject{{Path: "/bucket/" + bucket}, {Path: "/bucket/" + bare}, {Path: "/secrets/" + secret}}
	devices := map[string]obj{
		"mutable": {"description": "d", "active": false, "visible": false, "tags": []obj{{"key": "k", "value": "v"}},
			"configuration_params": []obj{{"key": "interval", "value": "60"}}},
		"immutable": {"chunk_period": "day", "chunk_retention": 7, "payload_decoder": "Y29uc29sZS5sb2coMSk="},
		"hybrid":    {"chunk_period": "week", "chunk_retention": 2, "mutable_variable_regex": "^cfg_"},
		"legacy":    {},
	}
	// The chunk periods the devices above do not use.
	for _, period := range []string{"month", "quarter"} {
		id := env.apiID("/device", obj{"type": "immutable", "name": "tfacc-device-" + period, "chunk_period": period, "chunk_retention": 3,
			"connector": httpsConnectorID, "network": httpNetworkID})
		targets = append(targets, importTarget{Type: "tagoio_device", Name: "d" + period, ID: id})
		objects = append(objects, apiObject{Path: "/device/" + id}, apiObject{Path: "/device/" + id + "/params"})
	}
	for i, kind := range deviceTypes {
		d := devices[kind]
		d["type"], d["name"] = kind, "tfacc-device-"+kind
		d["connector"], d["network"] = httpsConnectorID, httpNetworkID
		id := env.apiID("/device", d)
		targets = append(targets, importTarget{Type: "tagoio_device", Name: "d" + string(rune('0'+i)), ID: id})
		objects = append(objects, apiObject{Path: "/device/" + id}, apiObject{Path: "/device/" + id + "/params"})
	}
	env.importWithGeneratedConfig(targets, objects)
}
