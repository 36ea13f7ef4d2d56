package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestRunWritesTheConfigurationOfTheAccountInTheEnvironment(t *testing.T) {
	t.Parallel()
	server := emulator.NewTestServer(t, emulator.Options{})
	out := filepath.Join(t.TempDir(), "tagoio")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"--out", out, "--include", "run, secrets"},
		env(map[string]string{"TAGOIO_TOKEN": server.Token, "TAGOIO_API": server.URL, "TAGOIO_REGION": "eu-w1"}), &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	// TAGOIO_API wins over TAGOIO_REGION, as in the provider: the export read the emulator.
	if got := strings.Fields(stdout.String()); strings.Join(got, " ") != "imports.tf main.tf run.tf" {
		t.Errorf("stdout lists %q, want imports.tf main.tf run.tf (an empty account has only its TagoRUN)", got)
	}
	main, err := os.ReadFile(filepath.Join(out, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(main), server.URL) || strings.Contains(string(main), server.Token) {
		t.Errorf("main.tf must name the API it was exported from and never hold the token:\n%s", main)
	}
	if !strings.Contains(stderr.String(), "wrote 1 objects into "+out) {
		t.Errorf("stderr: %s", stderr.String())
	}
}

func TestRunErrors(t *testing.T) {
	t.Parallel()
	server := emulator.NewTestServer(t, emulator.Options{})
	for name, tc := range map[string]struct {
		args []string
		env  map[string]string
		want string
	}{
		"no token":       {nil, map[string]string{}, "TAGOIO_TOKEN is not set"},
		"unknown region": {nil, map[string]string{"TAGOIO_TOKEN": "t", "TAGOIO_REGION": "mars-1"}, `unknown TagoIO region "mars-1"`},
		"unknown kind":   {[]string{"--include", "gadgets"}, map[string]string{"TAGOIO_TOKEN": "t", "TAGOIO_API": "http://127.0.0.1:1"}, `unknown kind "gadgets"`},
		"stray argument": {[]string{"out"}, map[string]string{"TAGOIO_TOKEN": "t"}, "unexpected arguments"},
		"wrong token":    {[]string{"--out", t.TempDir(), "--include", "secrets"}, map[string]string{"TAGOIO_TOKEN": "wrong", "TAGOIO_API": server.URL}, "listing secrets"},
	} {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tc.args, env(tc.env), &stdout, &stderr)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	var stdout bytes.Buffer
	if err := run(context.Background(), []string{"--version"}, env(nil), &stdout, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if got := stdout.String(); got != "tagoio-export dev\n" {
		t.Errorf("--version printed %q", got)
	}
}

// An unreachable API fails within seconds, naming the URL and the cause, and stderr shows what
// happened meanwhile: the API being read and every retry.
func TestRunAgainstAnUnreachableAPIShowsProgressAndFailsFast(t *testing.T) {
	const unreachable = "http://127.0.0.1:1" // nothing listens on port 1
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"--out", t.TempDir(), "--include", "secrets"},
		env(map[string]string{"TAGOIO_TOKEN": "t", "TAGOIO_API": unreachable}), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "cannot reach the TagoIO API at "+unreachable) || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("err = %v, want it to name %s and the refused connection", err, unreachable)
	}
	if !strings.Contains(stderr.String(), "reading the TagoIO account at "+unreachable) {
		t.Errorf("stderr does not say which API it reads:\n%s", stderr.String())
	}
	if n := strings.Count(stderr.String(), "TagoIO API retrying"); n != 3 {
		t.Errorf("stderr shows %d retries, want 3:\n%s", n, stderr.String())
	}
}
