package export

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

func TestTerraformName(t *testing.T) {
	t.Parallel()
	for label, want := range map[string]string{
		"Boiler Room":           "boiler_room",
		"  Boiler -- Room!  ":   "boiler_room",
		"Ärzte Meter":           "arzte_meter",
		"São Paulo/Çedilha":     "sao_paulo_cedilha",
		"1st Floor":             "device_1st_floor",
		"42":                    "device_42",
		"温度センサー":                "device", // nothing usable: the fallback
		"":                      "device",
		"already_snake_case_01": "already_snake_case_01",
		"CamelCase":             "camelcase",
	} {
		if got := terraformName(label, "device"); got != want {
			t.Errorf("terraformName(%q) = %q, want %q", label, got, want)
		}
		if !hclsyntax.ValidIdentifier(terraformName(label, "device")) {
			t.Errorf("terraformName(%q) is not a valid Terraform name", label)
		}
	}
}

func TestNamerDeduplicatesInIDOrder(t *testing.T) {
	t.Parallel()
	n := newNamer()
	// The map order is random: names must depend only on the IDs.
	got := n.assign("tagoio_device", map[string]string{
		"0000000000000000000000c3": "Boiler",
		"0000000000000000000000a1": "Boiler",
		"0000000000000000000000b2": "boiler!",
		"0000000000000000000000d4": "Boiler 2", // its own name was taken by the second "Boiler"
		"0000000000000000000000e5": "",
	}, "device")
	want := map[string]string{
		"0000000000000000000000a1": "boiler",
		"0000000000000000000000b2": "boiler_2",
		"0000000000000000000000c3": "boiler_3",
		"0000000000000000000000d4": "boiler_2_2",
		"0000000000000000000000e5": "device",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names = %v, want %v", got, want)
	}
	// Another resource type has names of its own.
	if other := n.assign("tagoio_dashboard", map[string]string{"0000000000000000000000f6": "Boiler"}, "dashboard"); other["0000000000000000000000f6"] != "boiler" {
		t.Errorf("a dashboard named Boiler got %q, want boiler", other["0000000000000000000000f6"])
	}
}

func TestSelectKinds(t *testing.T) {
	t.Parallel()
	all, err := selectKinds(nil, nil)
	if err != nil || len(all) != len(kinds) {
		t.Fatalf("default = %v, %v; want every kind", all, err)
	}
	some, err := selectKinds([]string{"devices", " secrets"}, []string{"secrets"})
	if err != nil || !reflect.DeepEqual(some, kindSet{kindDevice: true}) {
		t.Errorf("include devices,secrets exclude secrets = %v, %v", some, err)
	}
	noRun, err := selectKinds(nil, []string{"run"})
	if err != nil || noRun.has(kindRun) || !noRun.has(kindWidget) {
		t.Errorf("exclude run = %v, %v", noRun, err)
	}
	if _, err := selectKinds([]string{"gadgets"}, nil); err == nil || !strings.Contains(err.Error(), "device_tokens") {
		t.Errorf("an unknown kind must fail and list the kinds, got %v", err)
	}
	if _, err := selectKinds([]string{"run"}, []string{"run"}); err == nil {
		t.Error("excluding everything must fail")
	}
}

// jsonExpr must give back the same JSON through Terraform's jsonencode, whatever the document
// holds: template sequences, keys that are HCL keywords or not identifiers, exact numbers.
func TestJSONExprRoundTripsThroughJSONEncode(t *testing.T) {
	t.Parallel()
	doc := `{"text":"Hello ${name} 100%{x} \"quoted\" \\ é \n","null":null,"true":true,"for":"keyword","a b":[1,-0.5,2.3333333333333335,1e21,0],` +
		`"nested":{"empty":{},"list":[],"mixed":[{"k":"v"},"s",false]},"big":12345678901234567890}`
	e, err := jsonExpr(json.RawMessage(doc))
	if err != nil {
		t.Fatal(err)
	}
	src := "x = " + string(call{"jsonencode", []expr{e}}.tokens().Bytes()) + "\n"
	out, err := format([]byte(src))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	file, diags := hclsyntax.ParseConfig(out, "x.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	attrs, _ := file.Body.JustAttributes()
	got, diags := attrs["x"].Expr.Value(&hcl.EvalContext{Functions: map[string]function.Function{"jsonencode": stdlib.JSONEncodeFunc}})
	if diags.HasErrors() {
		t.Fatalf("%s\n%s", diags, out)
	}
	var want, have any
	if err := json.Unmarshal([]byte(doc), &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(got.AsString()), &have); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(have, want) {
		t.Errorf("jsonencode gives %s\nwant %s\nHCL:\n%s", got.AsString(), doc, out)
	}
}

// A small account rendered in full: references where the target is exported, literals where
// it is not (named after the device's label), defaults left out.
func TestRender(t *testing.T) {
	t.Parallel()
	active := false
	retention := int64(6)
	month := "month"
	tokenSerial := "SN-1"
	acc := &account{
		devices: []device{{Device: client.Device{
			ID: "0000000000000000000000a1", Name: "Boiler Room", Type: "immutable", Connector: "62333bd36977fc001a2990c8",
			Network: "62336c32ab6e0d0012e06c04", Active: active, Visible: true, ChunkPeriod: &month, ChunkRetention: &retention,
			Tags: []client.Tag{{Key: "site", Value: "a"}}, RPM: &client.DeviceRPM{DataOutput: &retention},
		}}},
		tokens: []deviceToken{
			{deviceID: "0000000000000000000000a1", importID: "0000000000000000000000a1/gateway", DeviceToken: client.DeviceToken{Name: "gateway", Permission: "write", SerieNumber: &tokenSerial}},
			{deviceID: "0000000000000000000000ff", importID: "0000000000000000000000ff/Default", DeviceToken: client.DeviceToken{Name: "Default", Permission: "full"}},
		},
		// The second device is listed but not exported (--exclude devices would do that).
		deviceLabels: map[string]string{"0000000000000000000000a1": "Boiler Room", "0000000000000000000000ff": "Old Gateway"},
	}
	b := &builder{names: map[kind]map[string]string{}, files: map[string][]byte{}, warn: func(string, ...any) {}}
	b.assignNames(acc)
	files, err := render(b.blocks(acc), b.files, "http://127.0.0.1:8080")
	if err != nil {
		t.Fatal(err)
	}
	wantDevices := `resource "tagoio_device" "boiler_room" {
  name      = "Boiler Room"
  type      = "immutable"
  connector = "62333bd36977fc001a2990c8"
  network   = "62336c32ab6e0d0012e06c04"
  active    = false
  tags = [
    {
      key   = "site"
      value = "a"
    },
  ]
  chunk_period    = "month"
  chunk_retention = 6
  rpm = {
    data_output = 6
  }
}
`
	if got := string(files["devices.tf"]); got != wantDevices {
		t.Errorf("devices.tf:\n%s\nwant:\n%s", got, wantDevices)
	}
	wantTokens := `resource "tagoio_device_token" "boiler_room_gateway" {
  device_id    = tagoio_device.boiler_room.id
  name         = "gateway"
  permission   = "write"
  serie_number = "SN-1"
}

resource "tagoio_device_token" "old_gateway_default" {
  device_id  = "0000000000000000000000ff"
  name       = "Default"
  permission = "full"
}
`
	if got := string(files["device_tokens.tf"]); got != wantTokens {
		t.Errorf("device_tokens.tf:\n%s\nwant:\n%s", got, wantTokens)
	}
	wantImports := `import {
  to = tagoio_device.boiler_room
  id = "0000000000000000000000a1"
}

import {
  to = tagoio_device_token.boiler_room_gateway
  id = "0000000000000000000000a1/gateway"
}
`
	if got := string(files["imports.tf"]); !strings.Contains(got, wantImports) {
		t.Errorf("imports.tf:\n%s\nwant it to contain:\n%s", got, wantImports)
	}
	main := string(files["main.tf"])
	for _, want := range []string{`source = "tago-io/tagoio"`, `required_version = ">= 1.5.0"`, `provider "tagoio" {`} {
		if !strings.Contains(main, want) {
			t.Errorf("main.tf lacks %s:\n%s", want, main)
		}
	}
	if strings.Contains(main, "token") && !strings.Contains(main, "TAGOIO_TOKEN") {
		t.Errorf("main.tf must not configure a token:\n%s", main)
	}
}

// newTestClient starts an emulator and returns a client for it.
func newTestClient(t *testing.T, opts emulator.Options) *client.Client {
	t.Helper()
	server := emulator.NewTestServer(t, opts)
	c, err := client.New(client.Config{BaseURL: server.URL, Token: server.Token, MaxRetries: 2, RetryWaitMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Run against the emulator: tokens sharing a name are skipped with a warning, analysis scripts
// land next to the configuration, --include and --exclude choose the files, and an existing
// configuration is never overwritten without --force.
func TestRunAgainstEmulator(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newTestClient(t, emulator.Options{DisableLegacyBuckets: true})
	dev, err := c.Devices.Create(ctx, client.DeviceCreate{Name: "Sensor", Type: "mutable",
		Connector: "62333bd36977fc001a2990c8", Network: "62336c32ab6e0d0012e06c04"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"twin", "twin", "solo"} {
		if _, err := c.DeviceTokens.Create(ctx, client.DeviceTokenCreate{Device: dev.ID, Name: name, Permission: "read"}); err != nil {
			t.Fatal(err)
		}
	}
	runtime := "python-rt2025"
	an, err := c.Analyses.Create(ctx, client.AnalysisCreate{Name: "Nightly job", Runtime: &runtime})
	if err != nil {
		t.Fatal(err)
	}
	script := "print('nightly')\n"
	if err := c.Analyses.UploadScript(ctx, an.ID, client.ScriptUpload{Content: []byte(script), FileName: "job.py", Language: runtime}); err != nil {
		t.Fatal(err)
	}

	out := t.TempDir()
	var stderr bytes.Buffer
	summary, err := Run(ctx, c, Options{OutDir: out, Stderr: &stderr, Exclude: []string{"run"}})
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if got := summary.Objects["tagoio_device_token"]; got != 4 { // twin, twin, solo and the default token
		t.Errorf("%d tokens exported, want 4 (the two named twin by their resource ID)", got)
	}
	if !strings.Contains(stderr.String(), "legacy buckets skipped") {
		t.Errorf("stderr lacks the warnings:\n%s", stderr.String())
	}
	if len(summary.Warnings) != 1 || len(summary.Skipped) != 1 {
		t.Errorf("warnings = %q, skipped = %q, want the missing bucket routes", summary.Warnings, summary.Skipped)
	}
	if _, err := os.Stat(filepath.Join(out, "run.tf")); !os.IsNotExist(err) {
		t.Errorf("run.tf written although run was excluded (%v)", err)
	}
	got, err := os.ReadFile(filepath.Join(out, "analyses", "nightly_job.py"))
	if err != nil || string(got) != script {
		t.Errorf("analyses/nightly_job.py = %q, %v; want the uploaded script", got, err)
	}
	tokens, err := os.ReadFile(filepath.Join(out, "device_tokens.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(tokens), `"twin"`) != 2 || strings.Contains(string(tokens), dev.ID+`/twin"`) || !strings.Contains(string(tokens), `"solo"`) {
		t.Errorf("device_tokens.tf:\n%s", tokens)
	}

	// A second export into the same directory is refused, and allowed with Force.
	if _, err := Run(ctx, c, Options{OutDir: out, Include: []string{"devices"}}); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("exporting into a configuration must fail and mention --force, got %v", err)
	}
	only, err := Run(ctx, c, Options{OutDir: out, Include: []string{"devices"}, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if only.Total() != 1 || only.Objects["tagoio_device"] != 1 {
		t.Errorf("include devices exported %v", only.Objects)
	}
}

func TestProgressPrintsAtMostOnceASecond(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	p := newProgress(&buf)
	clock := time.Unix(1000, 0)
	p.now = func() time.Time { return clock }
	p.add(300)
	for i := 0; i < 250; i++ {
		p.done(1, "devices")
		clock = clock.Add(10 * time.Millisecond) // 2.5 s in all
	}
	p.done(50, "widgets")
	p.finish()
	want := "exported 1/300 objects (devices)\n" +
		"exported 101/300 objects (devices)\n" +
		"exported 201/300 objects (devices)\n" +
		"exported 300/300 objects (widgets)\n"
	if buf.String() != want {
		t.Errorf("progress:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestWrap(t *testing.T) {
	t.Parallel()
	got := wrap("one two three four", 9)
	if want := []string{"one two", "three", "four"}; !reflect.DeepEqual(got, want) {
		t.Errorf("wrap = %q, want %q", got, want)
	}
}
