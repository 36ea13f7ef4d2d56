package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test re-run this binary as the real command (for the SIGTERM test).
func TestMain(m *testing.M) {
	if os.Getenv("TAGOIO_EMULATOR_RUN_MAIN") == "1" {
		os.Args = append([]string{"tagoio-emulator"}, strings.Fields(os.Getenv("TAGOIO_EMULATOR_ARGS"))...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// readEnv reads the two KEY=value lines the command prints.
func readEnv(t *testing.T, r io.Reader) (api, token string) {
	t.Helper()
	sc := bufio.NewScanner(r)
	lines := make(chan []string, 1)
	go func() {
		var got []string
		for len(got) < 2 && sc.Scan() {
			got = append(got, sc.Text())
		}
		lines <- got
	}()
	var got []string
	select {
	case got = <-lines:
	case <-time.After(10 * time.Second):
		t.Fatal("no output within 10s")
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], "TAGOIO_API=http://127.0.0.1:") || !strings.HasPrefix(got[1], "TAGOIO_TOKEN=") {
		t.Fatalf("output %q", got)
	}
	return strings.TrimPrefix(got[0], "TAGOIO_API="), strings.TrimPrefix(got[1], "TAGOIO_TOKEN=")
}

// call does one API request and returns the status and the decoded envelope.
func call(t *testing.T, method, url, token, body string) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("token", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var env map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return resp.StatusCode, env
}

const deviceBody = `{"name":"cli","connector":"62333bd36977fc001a2990c8","network":"62336c32ab6e0d0012e06c04"}`

// startRun runs run() in the background; stop cancels it and returns its error.
func startRun(t *testing.T, args ...string) (api, token string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, args, pw, io.Discard)
		_ = pw.CloseWithError(errors.New("run returned"))
		done <- err
	}()
	api, token = readEnv(t, pr)
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	return api, token, func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			return errors.New("run did not return within 10s of cancel")
		}
	}
}

func TestRunServesAndStops(t *testing.T) {
	t.Parallel()
	api, token, stop := startRun(t, "--listen", "127.0.0.1:0", "--token", "cli-token", "--latency", "1ms", "--quiet")
	if token != "cli-token" {
		t.Fatalf("token %q", token)
	}
	if code, env := call(t, "POST", api+"/device", token, deviceBody); code != 201 || env["status"] != true {
		t.Fatalf("create %d %v", code, env)
	}
	if code, env := call(t, "GET", api+"/device", token, ""); code != 200 || len(as[[]any](t, env["result"])) != 1 {
		t.Fatalf("list %d %v", code, env)
	}
	if code, _ := call(t, "GET", api+"/device", "wrong", ""); code != 401 {
		t.Fatalf("wrong token %d", code)
	}
	if err := stop(); err != nil {
		t.Fatalf("run after cancel: %v", err)
	}
	if _, err := http.Get(api + "/status"); err == nil {
		t.Fatal("still serving after stop")
	}
}

func TestRunDataPersistsAcrossRestart(t *testing.T) {
	t.Parallel()
	data := filepath.Join(t.TempDir(), "emu.db")
	api, token, stop := startRun(t, "--listen", "127.0.0.1:0", "--data", data, "--quiet")
	code, env := call(t, "POST", api+"/device", token, deviceBody)
	if code != 201 {
		t.Fatalf("create %d %v", code, env)
	}
	id := as[string](t, as[map[string]any](t, env["result"])["device_id"])
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	api2, token2, stop2 := startRun(t, "--listen", "127.0.0.1:0", "--data", data, "--quiet")
	if token2 != token {
		t.Fatalf("token changed across restart: %q -> %q", token, token2)
	}
	if code, env := call(t, "GET", api2+"/device/"+id, token2, ""); code != 200 || as[map[string]any](t, env["result"])["name"] != "cli" {
		t.Fatalf("after restart %d %v", code, env)
	}
	if err := stop2(); err != nil {
		t.Fatal(err)
	}
}

func TestRunBadArguments(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"--latency", "soon"},
		{"--listen", "127.0.0.1:-5"},
		{"--data", filepath.Join(t.TempDir(), "missing-dir", "x.db"), "--listen", "127.0.0.1:0"},
		{"extra"},
	} {
		if err := run(t.Context(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("run %v succeeded", args)
		}
	}
}

func TestSIGTERMExitsCleanly(t *testing.T) {
	t.Parallel()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), "TAGOIO_EMULATOR_RUN_MAIN=1", "TAGOIO_EMULATOR_ARGS=--listen 127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()
	api, token := readEnv(t, stdout)
	if code, _ := call(t, "POST", api+"/device", token, deviceBody); code != 201 {
		t.Fatalf("create %d", code)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case err := <-waited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\nstderr:\n%s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no exit within 10s of SIGTERM")
	}
	if !strings.Contains(stderr.String(), "POST /device 201") || !strings.Contains(stderr.String(), "shutting down") {
		t.Fatalf("stderr log:\n%s", stderr.String())
	}
}

func TestShellQuote(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"p-0f8e2c1a-aaaa-4bbb-8ccc-123456789abc": "p-0f8e2c1a-aaaa-4bbb-8ccc-123456789abc",
		"with space":                             "'with space'",
		"it's":                                   `'it'\''s'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// as is a checked type assertion that fails the test.
func as[T any](t testing.TB, v any) T {
	t.Helper()
	x, ok := v.(T)
	if !ok {
		t.Fatalf("value %#v is a %T, not the expected type", v, v)
	}
	return x
}
