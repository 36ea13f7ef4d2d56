package export

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// TestAccExportPlansEveryVariant exports an account built through the API with the values that
// once broke an import (a token permission of deny, tokens sharing a name, an expiring token, a
// verification code, an environment, webhook headers, a script that is not UTF-8, legacy and
// unknown widget types, an empty widget label, display numbers in exponent form, blueprint
// settings on an ordinary dashboard, equal run-user separators, empty strings in an access-policy
// target) and plans the result: every object a no-op import, then an empty plan after the apply.
func TestAccExportPlansEveryVariant(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	t.Parallel()
	tf := terraformPath(t)
	server := emulator.NewTestServer(t, emulator.Options{})
	c, err := client.New(client.Config{BaseURL: server.URL, Token: server.Token, MaxRetries: 2, RetryWaitMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	type obj = map[string]any
	call := func(method, path string, body any) obj {
		t.Helper()
		var out any
		if err := c.Do(ctx, client.Request{Method: method, Path: path, Body: body}, &out); err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		m, _ := out.(obj)
		return m
	}
	idOf := func(out obj) string {
		t.Helper()
		for _, key := range []string{"id", "device_id", "analysis_id", "analysis", "widget", "dashboard"} {
			if id, ok := out[key].(string); ok && id != "" {
				return id
			}
		}
		t.Fatalf("no id in %v", out)
		return ""
	}
	device := idOf(call("POST", "/device", obj{"name": "tfacc-variants", "type": "mutable",
		"connector": "62333bd36977fc001a2990c8", "network": "62336c32ab6e0d0012e06c04"}))
	for _, tok := range []obj{
		{"name": "tfacc-deny", "permission": "deny"},
		{"name": "tfacc-twin", "permission": "read"}, {"name": "tfacc-twin", "permission": "write"},
		{"name": "tfacc-expiring", "permission": "full", "expire_time": "2031-02-03T04:05:06.000Z"},
		{"name": "tfacc-lora", "permission": "full", "serie_number": "SN1", "verification_code": "s3cret"},
	} {
		tok["device"] = device
		call("POST", "/device/token", tok)
	}
	analysis := idOf(call("POST", "/analysis", obj{"name": "tfacc-latin1", "runtime": "node-rt2025",
		"variables": []obj{{"key": "API_KEY", "value": "s3cret"}}}))
	if err := c.Analyses.UploadScript(ctx, analysis, client.ScriptUpload{Content: []byte("console.log(\"\xe9\");\n"), FileName: "a.js", Language: "node-rt2025"}); err != nil {
		t.Fatal(err)
	}
	call("POST", "/action", obj{"name": "tfacc-webhook", "type": "interval", "trigger": []obj{{"interval": "5 minutes"}},
		"action": obj{"type": "post", "url": "https://hooks.example.com/in", "headers": obj{"Authorization": "Bearer s3cret"}}})
	dashboard := idOf(call("POST", "/dashboard", obj{"label": "tfacc-plain", "blueprint_selector_behavior": "open",
		"blueprint_device_behavior": "always"}))
	var arrangement []obj
	for i, w := range []obj{
		{"label": "Old chart", "type": "chart", "display": json.RawMessage(`{"chart_type":"spline","max":1e21,"min":-2.5E-7}`)},
		{"label": "", "type": "table"},
		{"label": "Hologram", "type": "hologram-3d"},
	} {
		id := idOf(call("POST", "/dashboard/"+dashboard+"/widget/", w))
		arrangement = append(arrangement, obj{"widget_id": id, "x": i, "y": 0, "width": 2, "height": 2})
	}
	call("PUT", "/dashboard/"+dashboard, obj{"arrangement": arrangement})
	call("POST", "/run/users", obj{"name": "tfacc-user", "email": "tfacc-user@example.com", "password": "Secret#123456",
		"timezone": "UTC", "options": obj{"decimal_separator": ".", "thousand_separator": ".", "date_format": "YYYY-MM-DD", "time_format": "24"}})
	call("POST", "/am", obj{"name": "tfacc-policy", "targets": [][]string{{"run_user", "tag.key", "", "tag.value", ""}},
		"permissions": []obj{{"effect": "allow", "action": []string{"access"}, "resource": []string{"dashboard"}}}})
	// Sign-up fields with and without placeholder, type and the required flag; a custom domain.
	dictionary, _ := call("POST", "/dictionary", obj{"name": "tfacc-run-dictionary", "slug": "TFACCRUN", "fallback": "en-US"})["dictionary"].(string)
	call("PUT", "/run", obj{"dictionary": dictionary, "signup_fields": []obj{
		{"name": "company", "placeholder": "Your company", "type": "text", "required": true},
		{"name": "fleet_size", "placeholder": "", "type": "number", "required": false},
		{"name": "bare", "required": false},
	}})
	profile, err := c.Account.CurrentProfile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	call("POST", "/run/customdomain/"+profile.ID, obj{"domain": "example.com", "subdomain": "tfacc-variants", "email": "example.com"})

	out := t.TempDir()
	var stderr bytes.Buffer
	summary, err := Run(ctx, c, Options{OutDir: out, Stderr: &stderr})
	if err != nil {
		t.Fatalf("export: %v\n%s", err, stderr.String())
	}
	if got := summary.Objects["tagoio_device_token"]; got != 6 { // five and the device's default token
		t.Errorf("%d tokens exported, want 6", got)
	}
	if got := summary.Objects["tagoio_dashboard_widget"]; got != 3 {
		t.Errorf("%d widgets exported, want 3", got)
	}
	if got := summary.Objects["tagoio_run_custom_domain"]; got != 1 {
		t.Errorf("%d TagoRUN custom domains exported, want 1", got)
	}
	if runTF, err := os.ReadFile(filepath.Join(out, "run.tf")); err != nil || !strings.Contains(string(runTF), "= tagoio_dictionary.tfacc_run_dictionary.id") {
		t.Errorf("run.tf does not refer to the exported dictionary (%v):\n%s", err, runTF)
	}
	tokens, err := os.ReadFile(filepath.Join(out, "device_tokens.tf"))
	if err != nil || !strings.Contains(string(tokens), `"2031-02-03T04:05:06.000Z"`) {
		t.Errorf("the token's expiry is not exported (%v):\n%s", err, tokens)
	}

	run := terraformRunner(t, tf, out, buildProvider(t), server)
	run("plan", "-input=false", "-no-color", "-out=import.tfplan")
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions   []string        `json:"actions"`
				Importing json.RawMessage `json:"importing"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(run("show", "-json", "import.tfplan")), &plan); err != nil {
		t.Fatal(err)
	}
	if len(plan.ResourceChanges) != summary.Total() {
		t.Errorf("the plan has %d resource changes, want %d (one import per object)", len(plan.ResourceChanges), summary.Total())
	}
	for _, rc := range plan.ResourceChanges {
		if !slices.Equal(rc.Change.Actions, []string{"no-op"}) || len(rc.Change.Importing) == 0 {
			t.Errorf("%s: actions %v, importing %s; want a no-op import", rc.Address, rc.Change.Actions, rc.Change.Importing)
		}
	}
	if t.Failed() {
		t.Fatal(run("show", "-no-color", "import.tfplan"))
	}
	run("apply", "-input=false", "-no-color", "import.tfplan")
	run("plan", "-input=false", "-no-color", "-detailed-exitcode")
}
