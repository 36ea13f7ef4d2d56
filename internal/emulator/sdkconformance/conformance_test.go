// Package sdkconformance runs the official JavaScript SDK, @tago-io/sdk (a real client nobody
// here wrote, version pinned by package-lock.json), against the emulator.
package sdkconformance

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// sections are the files in ./sections, one Go subtest each, each against a fresh emulator.
var sections = []string{
	"devices",           // Resources.devices, params, device tokens, Device.info
	"account",           // Resources.account, Resources.profiles list/info/summary
	"secrets",           // Resources.secrets
	"actions",           // Resources.actions, one action per trigger family
	"analyses",          // Resources.analysis, script upload/download, token rotation
	"dashboards",        // Resources.dashboards and widgets, the arrangement
	"run",               // Resources.run settings, Run users, loginAsUser
	"run_custom_domain", // Resources.run custom domain: create, info, regenerate, delete
	"access",            // Resources.accessManagement
	"data",              // Device data plane, Resources.devices data routes
	"services",          // Services with an analysis token, checked in the outbox
	"notifications",     // Resources.notifications, Run user notifications
	"profiles_tokens",   // Resources.profiles token routes with the account's credentials
	"analysis_runtime",  // the external Analysis runtime over SSE
	"chunks_exports",    // Resources.devices chunks, backups and restore, tags, widget data
	"ingest_account",    // Network with a network token, Account.login, allocation, plan, statistics
	"dictionaries",      // Resources.dictionaries and their languages
	"entities",          // Resources.entities: schema, indexes and records
	"serviceauth",       // Resources.serviceAuthorization tokens
	"integrations",      // Resources.integration: custom connectors and networks
	"files",             // Resources.files: upload (base64 and multipart), list, permission, move, copy, delete
	"team",              // Resources.profiles team members
}

// sectionTimeout bounds one section; each takes about a second, the budget is 10 s.
const sectionTimeout = time.Minute

// conformanceOptions gives the emulator an account whose credentials are not the
// defaults, so that a section proves it got them from the environment.
var conformanceOptions = emulator.Options{
	AccountEmail:    "sdk-conformance@example.com",
	AccountPassword: "conformance-Passw0rd",
}

func TestOfficialSDKAgainstEmulator(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is required in CI for the @tago-io/sdk conformance test")
		}
		t.Skip("node not found: the @tago-io/sdk conformance test needs Node 20+")
	}
	installSDK(t)

	for _, section := range sections {
		t.Run(section, func(t *testing.T) {
			server := emulator.NewTestServer(t, conformanceOptions)
			ctx, cancel := context.WithTimeout(context.Background(), sectionTimeout)
			defer cancel()
			cmd := exec.CommandContext(ctx, node, "conformance.mjs", section)
			cmd.Env = append(sdkNeutralEnv(),
				"TAGOIO_API="+server.URL, "TAGOIO_TOKEN="+server.Token, "TAGOIO_REQUEST_ATTEMPTS=1",
				// The account's credentials, for calls that require them (POST /profile/{id}/token).
				"TAGOIO_ACCOUNT_EMAIL="+server.Emulator.AccountEmail(),
				"TAGOIO_ACCOUNT_PASSWORD="+server.Emulator.AccountPassword())
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			start := time.Now()
			runErr := cmd.Run()
			t.Logf("section %s ran in %v", section, time.Since(start).Round(time.Millisecond))
			var sawOK bool
			sc := bufio.NewScanner(bytes.NewReader(out.Bytes()))
			for sc.Scan() {
				if sc.Text() == "ok "+section {
					sawOK = true
				}
			}
			if runErr != nil || !sawOK {
				t.Fatalf("@tago-io/sdk section %q failed (%v):\n%s", section, runErr, out.String())
			}
		})
	}
}

// sdkNeutralEnv is the test's environment without the variables that change what the
// SDK does on its own (an analysis context or token, a region): a developer's shell must
// not change a section's outcome.
func sdkNeutralEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "T_ANALYSIS_") || strings.HasPrefix(name, "TAGOIO_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// installSDK runs `npm ci` from the committed lock file when node_modules is missing or older
// than the lock file (a clean clone has none).
func installSDK(t *testing.T) {
	t.Helper()
	lock, err := os.Stat("package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	marker, err := os.Stat(filepath.Join("node_modules", ".package-lock.json"))
	if err == nil && !marker.ModTime().Before(lock.ModTime()) {
		return
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Fatal("npm is required to install @tago-io/sdk")
	}
	cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci: %v\n%s", err, strings.TrimSpace(string(out)))
	}
}
