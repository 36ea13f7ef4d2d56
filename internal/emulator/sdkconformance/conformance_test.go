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

// sections are the files in ./sections, one Go subtest each.
var sections = []string{"devices"}

func TestOfficialSDKAgainstEmulator(t *testing.T) {
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
			server := emulator.NewTestServer(t, emulator.Options{})
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, node, "conformance.mjs", section)
			cmd.Env = append(os.Environ(), "TAGOIO_API="+server.URL, "TAGOIO_TOKEN="+server.Token, "TAGOIO_REQUEST_ATTEMPTS=1")
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			runErr := cmd.Run()
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
