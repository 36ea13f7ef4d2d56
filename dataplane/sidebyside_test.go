package dataplane

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// jsSDKDir holds the official @tago-io/sdk (version pinned by its package-lock.json) and the
// script that runs it next to this package.
const jsSDKDir = "testdata/jssdk"

// jsSideBySide is what sidebyside.mjs prints.
type jsSideBySide struct {
	Added        string   `json:"added"`
	Records      []Record `json:"records"`
	Count        float64  `json:"count"`
	Last         []Record `json:"last"`
	SMS          string   `json:"sms"`
	Email        string   `json:"email"`
	MQTT         string   `json:"mqtt"`
	Notification string   `json:"notification"`
	Removed      string   `json:"removed"`
}

// TestSideBySideWithTheJSSDK runs the official JavaScript SDK and this package against one
// emulator: each reads what the other wrote, they count the same, and the services calls they
// make for the same message reach the outbox with the same body.
func TestSideBySideWithTheJSSDK(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is required in CI for the side-by-side test with @tago-io/sdk")
		}
		t.Skip("node not found: the side-by-side test needs Node 20+")
	}
	installJSSDK(t)
	env := newEmulatorEnv(t)
	ctx := context.Background()
	_, deviceToken := env.device("Side by side", "mutable")
	mqttDevice, _ := env.device("MQTT target", "mutable")
	_, analysisToken := env.analysis("Side by side")
	dev := NewDevice(env.dp.WithToken(deviceToken))

	base := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	if n, err := dev.Insert(ctx,
		Record{Variable: "go_temperature", Value: 19.25, Unit: "°C", Group: "go-group", Time: base,
			Location: &Location{Lat: -22.9, Lng: -43.2}, Metadata: map[string]any{"color": "red"}},
		Record{Variable: "go_status", Value: "ok", Group: "go-group", Time: base.Add(time.Minute)},
		Record{Variable: "go_flag", Value: false, Time: base.Add(2 * time.Minute)},
	); err != nil || n != 3 {
		t.Fatalf("Go insert: %d, %v", n, err)
	}

	variables := []string{"go_temperature", "go_status", "go_flag", "js_temperature", "js_status", "js_flag"}
	runCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(runCtx, node, "sidebyside.mjs")
	cmd.Dir = jsSDKDir
	cmd.Env = append(os.Environ(), "TAGOIO_API="+env.server.URL, "DEVICE_TOKEN="+deviceToken, "ANALYSIS_TOKEN="+analysisToken,
		"MQTT_DEVICE="+mqttDevice, "VARIABLES="+strings.Join(variables, ","), "TAGOIO_REQUEST_ATTEMPTS=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("@tago-io/sdk: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	var js jsSideBySide
	if err := json.Unmarshal(stdout.Bytes(), &js); err != nil {
		t.Fatalf("the JS output is not the expected JSON (%v):\n%s", err, stdout.String())
	}

	// Both clients read the same six records, written three by each.
	goRecords, err := dev.Find(ctx, Query{Variables: variables, Qty: 100, Ordination: "ascending"})
	if err != nil {
		t.Fatal(err)
	}
	if len(js.Records) != 6 || len(goRecords) != 6 {
		t.Fatalf("JS read %d records, Go %d; want 6 each", len(js.Records), len(goRecords))
	}
	for i := range goRecords {
		g, j := recordJSON(t, goRecords[i]), recordJSON(t, js.Records[i])
		if g != j {
			t.Errorf("record %d:\n Go %s\n JS %s", i, g, j)
		}
	}
	byVariable := map[string]Record{}
	for _, r := range goRecords {
		byVariable[r.Variable] = r
	}
	if r := byVariable["js_status"]; r.Group != "js-serie" {
		t.Errorf("the JS record sent with serie has group %q, want js-serie", r.Group)
	}
	if r := byVariable["js_temperature"]; r.Location == nil || r.Location.Lat != -23.5 || r.Metadata["color"] != "blue" || r.Value != 21.5 {
		t.Errorf("the JS temperature as Go reads it: %+v", r)
	}
	if r := byVariable["go_flag"]; r.Value != false || r.Group == "" {
		t.Errorf("the Go flag as Go reads it: %+v", r)
	}

	count, err := dev.FindNumber(ctx, Query{Query: QueryCount, Variables: variables})
	if err != nil || count != js.Count || count != 6 {
		t.Fatalf("count: Go %v (%v), JS %v", count, err, js.Count)
	}
	last, err := dev.Find(ctx, Query{Query: QueryLastValue, Variables: []string{"go_temperature"}})
	if err != nil || len(last) != 1 || len(js.Last) != 1 || recordJSON(t, last[0]) != recordJSON(t, js.Last[0]) {
		t.Fatalf("last_value: Go %+v (%v), JS %+v", last, err, js.Last)
	}

	// The same service calls, from Go.
	svc := NewServices(env.dp.WithToken(analysisToken))
	qos := 1
	goTexts := map[string]func() (string, error){
		"sms": func() (string, error) { return svc.SMS(ctx, SMS{To: "+5511999999999", Message: "side by side"}) },
		"email": func() (string, error) {
			return svc.Email(ctx, Email{To: []string{"ops@example.com"}, From: "Ops team", Subject: "Report", Message: "All good"})
		},
		"mqtt": func() (string, error) {
			return svc.MQTT(ctx, MQTTMessage{Topic: "site/1", Message: "reboot", Device: mqttDevice, QoS: &qos})
		},
		"notification": func() (string, error) {
			return svc.Notification(ctx, Notification{Title: "Side by side", Message: "Sent by both clients"})
		},
	}
	jsTexts := map[string]string{"sms": js.SMS, "email": js.Email, "mqtt": js.MQTT, "notification": js.Notification}
	for category, send := range goTexts {
		text, err := send()
		if err != nil || text != jsTexts[category] {
			t.Errorf("%s: Go got %q (%v), JS %q", category, text, err, jsTexts[category])
		}
	}
	box := env.outbox()
	for category := range goTexts {
		entries := box[category]
		if len(entries) != 2 {
			t.Errorf("outbox %s has %d entries, want one from each client", category, len(entries))
			continue
		}
		jsBody, goBody := normalizedJSON(t, entries[0].Body), normalizedJSON(t, entries[1].Body)
		if jsBody != goBody {
			t.Errorf("outbox %s:\n JS %s\n Go %s", category, jsBody, goBody)
		}
	}

	removed, err := dev.Remove(ctx, Query{Variables: []string{"go_flag"}})
	if err != nil || removed != 1 || !strings.HasPrefix(js.Removed, "1 ") || !strings.HasPrefix(js.Added, "4 ") {
		t.Fatalf("remove: Go %d (%v); JS added %q, removed %q", removed, err, js.Added, js.Removed)
	}
}

func recordJSON(t *testing.T, r Record) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func normalizedJSON(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// installJSSDK runs `npm ci` from the committed lock file when node_modules is missing or older
// than the lock file (a clean clone has none).
func installJSSDK(t *testing.T) {
	t.Helper()
	lock, err := os.Stat(filepath.Join(jsSDKDir, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	marker, err := os.Stat(filepath.Join(jsSDKDir, "node_modules", ".package-lock.json"))
	if err == nil && !marker.ModTime().Before(lock.ModTime()) {
		return
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Fatal("npm is required to install @tago-io/sdk")
	}
	cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = jsSDKDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci: %v\n%s", err, strings.TrimSpace(string(out)))
	}
}
