package provider

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// The *_import_api_test.go files import objects made through the API (never through the resource
// under test) the way Terraform documents it for an existing account: import blocks and
// `terraform plan -generate-config-out`. terraform-plugin-testing's GenerateConfig mode only
// checks the plan of a resource it made itself, so these tests drive the Terraform CLI against
// the built provider (dev_overrides), as internal/export's round-trip test does.

// importTarget is one object to import: the resource address's type and name, and its import ID.
type importTarget struct {
	Type, Name, ID string
}

// obj is a JSON object, for the bodies of the requests that make the objects to import.
type obj = map[string]any

// apiObject is one object read back through the API before and after the apply: a path to GET.
type apiObject struct {
	Path  string
	Query map[string]string
}

// importResult is what the generated configuration and the plans showed.
type importResult struct {
	Generated string // the configuration Terraform generated
	Dir       string // the working directory (generated.tf, imports.tf, state)
	run       func(args ...string) (string, error)
}

// importWithGeneratedConfig imports targets with import blocks and generated configuration and
// proves it loss-free: the plan only imports (a no-op import per target and nothing else), the
// apply changes nothing on the server (every object in objects reads back the same before and
// after), and the next plan is empty.
func (e *accEnv) importWithGeneratedConfig(targets []importTarget, objects []apiObject) importResult {
	e.t.Helper()
	t := e.t
	// Terraform 1.5 and OpenTofu 1.6 write invalid generated configuration for a list of nested
	// objects with computed parts ("incorrect list element type: attribute "sent" is required", a
	// device's configuration_params); the newest Terraform here (1.11) does not. Generated
	// configuration is tested on 1.7 and later; the older CLIs still run every import-block test.
	if !cliAtLeast(t, terraformPath(t), 1, 7) {
		t.Skip("terraform plan -generate-config-out writes invalid configuration for nested lists before 1.7")
	}
	dir := t.TempDir()
	var imports strings.Builder
	fmt.Fprintf(&imports, "terraform {\n  required_providers {\n    tagoio = { source = \"tago-io/tagoio\" }\n  }\n}\n\n")
	fmt.Fprintf(&imports, "provider \"tagoio\" {\n  api_url = %q\n  token   = %q\n}\n", e.apiURL, e.token)
	for _, tg := range targets {
		fmt.Fprintf(&imports, "\nimport {\n  to = %s.%s\n  id = %q\n}\n", tg.Type, tg.Name, tg.ID)
	}
	if err := os.WriteFile(filepath.Join(dir, "imports.tf"), []byte(imports.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	res := importResult{Dir: dir, run: terraformCLI(t, dir)}
	must := func(args ...string) string {
		t.Helper()
		out, err := res.run(args...)
		if err != nil {
			t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}

	before := e.readObjects(objects)
	must("plan", "-input=false", "-no-color", "-generate-config-out=generated.tf", "-out=import.tfplan")
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	res.Generated = string(generated)
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions   []string        `json:"actions"`
				Importing json.RawMessage `json:"importing"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(must("show", "-json", "import.tfplan")), &plan); err != nil {
		t.Fatal(err)
	}
	var addresses []string
	for _, rc := range plan.ResourceChanges {
		addresses = append(addresses, rc.Address)
		if !slices.Equal(rc.Change.Actions, []string{"no-op"}) || len(rc.Change.Importing) == 0 {
			t.Errorf("%s: actions %v, importing %s; want a no-op import", rc.Address, rc.Change.Actions, rc.Change.Importing)
		}
	}
	var want []string
	for _, tg := range targets {
		want = append(want, tg.Type+"."+tg.Name)
	}
	if !sameStrings(addresses, want) {
		t.Errorf("the plan changes %v, want exactly the imports %v", addresses, want)
	}
	if t.Failed() {
		t.Fatalf("generated configuration:\n%s\nplan:\n%s", generated, must("show", "-no-color", "import.tfplan"))
	}

	must("apply", "-input=false", "-no-color", "import.tfplan")
	after := e.readObjects(objects)
	for i := range objects {
		if !reflect.DeepEqual(before[i], after[i]) {
			t.Errorf("GET %s changed by the import apply:\nbefore %s\nafter  %s", objects[i].Path, jsonText(before[i]), jsonText(after[i]))
		}
	}
	if out, err := res.run("plan", "-input=false", "-no-color", "-detailed-exitcode"); err != nil {
		t.Errorf("the plan after the import is not empty (%v):\n%s\ngenerated configuration:\n%s", err, out, generated)
	}
	return res
}

// planAfterEdit replaces the generated configuration with edited and returns the plan's output.
func (r importResult) planAfterEdit(t *testing.T, edited string) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(r.Dir, "generated.tf"), []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := r.run("plan", "-input=false", "-no-color")
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	return out
}

// planDiagnostics plans and returns every diagnostic's summary and detail, one per entry. The
// human-readable plan folds similar warnings into "(and N more similar warnings elsewhere)" and
// shows only the first; the JSON view keeps each one.
func (r importResult) planDiagnostics(t *testing.T) []string {
	t.Helper()
	out, err := r.run("plan", "-input=false", "-json")
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	var diagnostics []string
	for _, line := range strings.Split(out, "\n") {
		var message struct {
			Type       string `json:"type"`
			Diagnostic struct {
				Summary string `json:"summary"`
				Detail  string `json:"detail"`
			} `json:"diagnostic"`
		}
		if json.Unmarshal([]byte(line), &message) == nil && message.Type == "diagnostic" {
			diagnostics = append(diagnostics, message.Diagnostic.Summary+": "+message.Diagnostic.Detail)
		}
	}
	return diagnostics
}

// readObjects GETs every object through the API, as decoded JSON.
func (e *accEnv) readObjects(objects []apiObject) []any {
	e.t.Helper()
	out := make([]any, len(objects))
	for i, o := range objects {
		req := client.Request{Method: "GET", Path: o.Path}
		if len(o.Query) > 0 {
			req.Query = map[string][]string{}
			for k, v := range o.Query {
				req.Query[k] = []string{v}
			}
		}
		if err := e.client.Do(context.Background(), req, &out[i]); err != nil {
			e.t.Fatalf("GET %s: %v", o.Path, err)
		}
	}
	return out
}

// apiCreate POSTs (or PUTs) body through the client and returns the answer's result.
func (e *accEnv) apiCall(method, path string, body any) map[string]any {
	e.t.Helper()
	var out any
	if err := e.client.Do(context.Background(), client.Request{Method: method, Path: path, Body: body}, &out); err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	m, _ := out.(map[string]any)
	return m
}

// apiID POSTs body and returns the new object's id.
func (e *accEnv) apiID(path string, body any) string {
	e.t.Helper()
	out := e.apiCall("POST", path, body)
	for _, key := range []string{"id", "device_id", "analysis", "action", "dashboard", "widget", "user", "am_id", "bucket", "dictionary", "connector", "network"} {
		if id, ok := out[key].(string); ok && id != "" {
			return id
		}
	}
	e.t.Fatalf("POST %s answered no id: %v", path, out)
	return ""
}

// fieldsQuery asks a list route for these fields.
func fieldsQuery(fields ...string) map[string]string {
	q := map[string]string{}
	for i, f := range fields {
		q["fields["+strconv.Itoa(i)+"]"] = f
	}
	return q
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func sameStrings(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// terraformPath is the CLI the acceptance tests run: TF_ACC_TERRAFORM_PATH, else the terraform on PATH.
func terraformPath(t *testing.T) string {
	t.Helper()
	if tf := os.Getenv("TF_ACC_TERRAFORM_PATH"); tf != "" {
		return tf
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("TF_ACC is set but neither TF_ACC_TERRAFORM_PATH nor a terraform on PATH is available")
	}
	return tf
}

// terraformCLI runs the Terraform CLI in dir with the provider built from this source tree.
func terraformCLI(t *testing.T, dir string) func(args ...string) (string, error) {
	t.Helper()
	tf := terraformPath(t)
	providerDir := builtProvider(t)
	rc := filepath.Join(dir, ".terraformrc")
	cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", "tago-io/tagoio", providerDir)
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_LOG=")
	return func(args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, tf, args...)
		cmd.Dir, cmd.Env = dir, env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		return stdout.String() + stderr.String(), err
	}
}

var (
	providerBuild     sync.Once
	providerBuildDir  string
	providerBuildFail error
)

// builtProvider builds the provider binary once per test run: `terraform plan` needs a plugin
// executable, not the in-process server the other acceptance tests use.
func builtProvider(t *testing.T) string {
	t.Helper()
	providerBuild.Do(func() {
		modFile, err := exec.Command("go", "env", "GOMOD").Output()
		if err != nil {
			providerBuildFail = err
			return
		}
		// One directory per source tree, rebuilt by every test run (no temporary directory is
		// left behind per run).
		sum := sha256.Sum256(modFile)
		dir := filepath.Join(os.TempDir(), "tagoio-provider-acc-"+hex.EncodeToString(sum[:6]))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			providerBuildFail = err
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-tagoio"), ".")
		cmd.Dir = filepath.Dir(strings.TrimSpace(string(modFile)))
		if out, err := cmd.CombinedOutput(); err != nil {
			providerBuildFail = errors.New(string(out))
			return
		}
		providerBuildDir = dir
	})
	if providerBuildFail != nil {
		t.Fatalf("go build of the provider: %v", providerBuildFail)
	}
	return providerBuildDir
}
