package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// seeded is what testdata/seed/seed.mjs created, by kind: the import IDs the export must write.
type seeded struct {
	Devices          []string `json:"devices"`
	DeviceTokens     []string `json:"device_tokens"`
	Buckets          []string `json:"buckets"`
	Secrets          []string `json:"secrets"`
	Analyses         []string `json:"analyses"`
	Actions          []string `json:"actions"`
	Dashboards       []string `json:"dashboards"`
	Widgets          []string `json:"widgets"`
	RunUsers         []string `json:"run_users"`
	AccessManagement []string `json:"access_management"`
	Dictionaries     []string `json:"dictionaries"`
	Entities         []string `json:"entities"`
	ServiceAuths     []string `json:"service_authorizations"`
	Networks         []string `json:"networks"`
	Connectors       []string `json:"connectors"`
	Files            []string `json:"files"`
	TeamMembers      []string `json:"team_members"`
}

// TestAccExportRoundTrip is the exporter's acceptance test: an account built by hand (through the
// official @tago-io/sdk, not this project's client) is exported; `terraform fmt -check` passes;
// `terraform plan` shows every object as a no-op import and nothing else; apply; the next plan
// is empty. scripts/testacc-matrix.sh runs it on Terraform 1.5.7 (the first with import blocks)
// and OpenTofu 1.6.2 too.
func TestAccExportRoundTrip(t *testing.T) {
	t.Parallel()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	tf := terraformPath(t)
	node := nodePath(t)
	server := emulator.NewTestServer(t, emulator.Options{})
	want := seedAccount(t, node, server)

	c, err := client.New(client.Config{BaseURL: server.URL, Token: server.Token, MaxRetries: 2, RetryWaitMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	var stderr bytes.Buffer
	summary, err := Run(context.Background(), c, Options{OutDir: out, Stderr: &stderr})
	if err != nil {
		t.Fatalf("export: %v\n%s", err, stderr.String())
	}

	// Every object the seed made is imported, by the ID its resource documents, and nothing else.
	imports := importIDs(t, filepath.Join(out, "imports.tf"))
	profile, err := c.Run.Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for resourceType, ids := range map[string][]string{
		"tagoio_device": want.Devices, "tagoio_device_token": want.DeviceTokens, "tagoio_bucket": want.Buckets,
		"tagoio_secret": want.Secrets, "tagoio_analysis": want.Analyses, "tagoio_action": want.Actions,
		"tagoio_dashboard": want.Dashboards, "tagoio_dashboard_widget": want.Widgets, "tagoio_run_user": want.RunUsers,
		"tagoio_access_management": want.AccessManagement, "tagoio_run": {profile.Profile},
		"tagoio_dictionary": want.Dictionaries, "tagoio_entity": want.Entities,
		"tagoio_service_authorization": want.ServiceAuths,
		"tagoio_network":               want.Networks,
		"tagoio_connector":             want.Connectors,
		"tagoio_file":                  want.Files,
		"tagoio_profile_team_member":   want.TeamMembers,
	} {
		got := imports[resourceType]
		if !sameSet(got, ids) {
			t.Errorf("%s import IDs = %v, want %v", resourceType, got, ids)
		}
		if summary.Objects[resourceType] != len(ids) {
			t.Errorf("summary: %d %s, want %d", summary.Objects[resourceType], resourceType, len(ids))
		}
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("exported %d/%d objects", summary.Total(), summary.Total())) {
		t.Errorf("no final progress line on stderr:\n%s", stderr.String())
	}
	// References instead of IDs, and the scripts next to the configuration.
	for file, pattern := range map[string]string{
		"dashboard_widgets.tf":     `dashboard_id\s+= tagoio_dashboard\.plant_overview\.id`,
		"device_tokens.tf":         `device_id\s+= tagoio_device\.boiler_room\.id`,
		"actions.tf":               `script\s+= \[tagoio_analysis\.daily_report\.id\]`,
		"access_management.tf":     `"run_user",\s+"id",\s+tagoio_run_user\.alice_operator\.id`,
		"analyses.tf":              `source\s+= file\("\$\{path\.module\}/analyses/daily_report\.js"\)`,
		"analyses/daily_report.js": `(?m)^console\.log\("report \$\{not a template\}"\);$`,
		"run.tf":                   `href\s+= tagoio_dashboard\.plant_overview\.id`,
		"connectors.tf":            `networks\s+= \[tagoio_network\.plant_lorawan\.id, "62336c32ab6e0d0012e06c04"\]`,
		"devices.tf":               `connector\s+= tagoio_connector\.plant_sensor\.id\s+network\s+= tagoio_network\.plant_lorawan\.id`,
		"files.tf":                 `(?s)content stays as TagoIO has it.*path\s+= "/logo\.svg"\s+public\s+= true`,
	} {
		content, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(pattern).Match(content) {
			t.Errorf("%s does not match %s:\n%s", file, pattern, content)
		}
	}

	providerDir := buildProvider(t)
	run := terraformRunner(t, tf, out, providerDir, server)
	run("fmt", "-check", "-recursive", "-diff")

	// The first plan imports every object and changes nothing.
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
		t.Log(run("show", "-no-color", "import.tfplan"))
		t.FailNow()
	}

	// Apply records the imports; the next plan is empty (exit code 0, not 2).
	run("apply", "-input=false", "-no-color", "import.tfplan")
	if got := len(strings.Fields(run("state", "list"))); got != summary.Total() {
		t.Errorf("state holds %d resources, want %d", got, summary.Total())
	}
	run("plan", "-input=false", "-no-color", "-detailed-exitcode")
}

// terraformRunner runs the CLI in dir against the emulator, with the freshly built provider
// through dev_overrides (no registry, no init), and fails the test on a non-zero exit code.
func terraformRunner(t *testing.T, tf, dir, providerDir string, server *emulator.Server) func(args ...string) string {
	t.Helper()
	rc := filepath.Join(t.TempDir(), "terraformrc")
	cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", "tago-io/tagoio", providerDir)
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TAGOIO_API="+server.URL, "TAGOIO_TOKEN="+server.Token,
		"CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_LOG=")
	return func(args ...string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, tf, args...)
		cmd.Dir, cmd.Env = dir, env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s %s: %v\n%s\n%s", filepath.Base(tf), strings.Join(args, " "), err, stdout.String(), stderr.String())
		}
		return stdout.String()
	}
}

// buildProvider builds the provider binary as users get it: `terraform plan` needs a plugin
// executable, not the in-process server the provider's own acceptance tests use.
func buildProvider(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("the go command is needed to build the provider")
	}
	modFile, err := exec.Command(goBin, "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmd := exec.Command(goBin, "build", "-o", filepath.Join(dir, "terraform-provider-tagoio"), ".")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(modFile)))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build of the provider: %v\n%s", err, out)
	}
	return dir
}

func terraformPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("TF_ACC is set but neither TF_ACC_TERRAFORM_PATH nor a terraform on PATH is available")
	}
	return p
}

// nodePath finds node; in CI a missing node fails the test rather than skipping it.
func nodePath(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is required in CI: the round-trip test fills the emulator through @tago-io/sdk")
		}
		t.Skip("node not found: the round-trip test needs Node 20+ to run @tago-io/sdk")
	}
	return node
}

// seedAccount installs @tago-io/sdk from the committed lock file (once) and runs seed.mjs.
func seedAccount(t *testing.T, node string, server *emulator.Server) seeded {
	t.Helper()
	dir := filepath.Join("testdata", "seed")
	installSDK(t, dir)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "seed.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TAGOIO_API="+server.URL, "TAGOIO_TOKEN="+server.Token)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("seed.mjs: %v\n%s", err, out.String())
	}
	var s seeded
	sc := bufio.NewScanner(bytes.NewReader(out.Bytes()))
	found := false
	for sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), "SEED "); ok {
			if err := json.Unmarshal([]byte(line), &s); err != nil {
				t.Fatal(err)
			}
			found = true
		}
	}
	if !found || len(s.Devices) == 0 {
		t.Fatalf("seed.mjs printed no SEED line:\n%s", out.String())
	}
	return s
}

// installSDK runs `npm ci` when node_modules is missing or older than the lock file.
func installSDK(t *testing.T, dir string) {
	t.Helper()
	lock, err := os.Stat(filepath.Join(dir, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	marker, err := os.Stat(filepath.Join(dir, "node_modules", ".package-lock.json"))
	if err == nil && !marker.ModTime().Before(lock.ModTime()) {
		return
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Fatal("npm is required to install @tago-io/sdk")
	}
	cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci: %v\n%s", err, strings.TrimSpace(string(out)))
	}
}

// importIDs reads imports.tf: resource type -> import IDs.
func importIDs(t *testing.T, path string) map[string][]string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	file, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	out := map[string][]string{}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		t.Fatalf("imports.tf: unexpected body %T", file.Body)
	}
	for _, block := range body.Blocks {
		if block.Type != "import" {
			t.Errorf("imports.tf has a %s block", block.Type)
			continue
		}
		to, diags := hcl.AbsTraversalForExpr(block.Body.Attributes["to"].Expr)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		id, diags := block.Body.Attributes["id"].Expr.Value(nil)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		out[to.RootName()] = append(out[to.RootName()], id.AsString())
	}
	return out
}

func sameSet(a, b []string) bool {
	a, b = slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	return slices.Equal(a, b)
}
