package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/dataplane"
)

// TestTemperatureAlert runs the example as an external analysis against tagoio-emulator started
// as a separate process (the provider's emulator is internal to its module, out of reach of a
// program like this one): a run with a temperature above the limit notifies the account, one
// below it does not.
func TestTemperatureAlert(t *testing.T) {
	api, profileToken := startEmulator(t)
	analysisID, analysisToken := createExternalAnalysis(t, api, profileToken)

	output := newLineWriter()
	connected := make(chan struct{}, 1)
	rt, err := dataplane.NewRuntime(dataplane.RuntimeConfig{
		Token: analysisToken, APIURL: api, Output: output, Getenv: func(string) string { return "" },
		OnConnected: func() {
			select {
			case connected <- struct{}{}:
			default:
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- rt.Run(ctx, temperatureAlert) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	select {
	case <-connected:
	case <-time.After(30 * time.Second): // a guard against a hang
		t.Fatal("the runtime did not connect")
	}

	account, err := dataplane.New(dataplane.Config{APIURL: api, Token: profileToken})
	if err != nil {
		t.Fatal(err)
	}
	runs := dataplane.NewAnalyses(account)
	for _, value := range []float64{20, 31.5} {
		if _, err := runs.Run(ctx, analysisID, []dataplane.Record{{Variable: "temperature", Value: value, Unit: "°C"}}); err != nil {
			t.Fatal(err)
		}
	}
	// Each run ends with a "done:" line, logged after its notifications were sent: once both
	// are printed, every notification the runs will ever send is in the outbox.
	for finished := 0; finished < 2; {
		select {
		case line := <-output.lines:
			if strings.HasPrefix(line, "done:") {
				finished++
			}
		case <-time.After(30 * time.Second): // a guard against a hang
			t.Fatalf("%d of 2 runs finished", finished)
		}
	}
	notifications := outboxNotifications(t, api)
	if len(notifications) != 1 || notifications[0].Body.Title != "Temperature alert" || !strings.Contains(notifications[0].Body.Message, "31.5°C") {
		t.Fatalf("notifications = %+v, want one for 31.5°C", notifications)
	}
}

// startEmulator starts tagoio-emulator on a free port and returns its URL and profile token. The
// binary is $TAGOIO_EMULATOR, else built from the repository this example sits in.
func startEmulator(t *testing.T) (api, token string) {
	t.Helper()
	bin := os.Getenv("TAGOIO_EMULATOR")
	if bin == "" {
		bin = filepath.Join(t.TempDir(), "tagoio-emulator")
		build := exec.Command("go", "build", "-o", bin, "./cmd/tagoio-emulator")
		build.Dir = filepath.Join("..", "..")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("building the emulator: %v\n%s", err, out)
		}
	}
	cmd := exec.Command(bin, "--listen", "127.0.0.1:0", "--quiet")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	// It prints TAGOIO_API=... and TAGOIO_TOKEN=... once it listens.
	scanner := bufio.NewScanner(stdout)
	for (api == "" || token == "") && scanner.Scan() {
		key, value, _ := strings.Cut(scanner.Text(), "=")
		switch key {
		case "TAGOIO_API":
			api = value
		case "TAGOIO_TOKEN":
			token = strings.Trim(value, "'")
		}
	}
	if api == "" || token == "" {
		t.Fatalf("the emulator did not print its address and token (%v)", scanner.Err())
	}
	return api, token
}

// createExternalAnalysis creates an analysis that runs "external" with TEMPERATURE_LIMIT=25,
// through the API as a user would, and returns its id and token.
func createExternalAnalysis(t *testing.T, api, profileToken string) (id, token string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"name": "Temperature alert", "run_on": "external", "runtime": "node-rt2025", "tags": []any{},
		"variables": []map[string]string{{"key": "TEMPERATURE_LIMIT", "value": "25"}},
	})
	req, err := http.NewRequest(http.MethodPost, api+"/analysis", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("token", profileToken)
	req.Header.Set("Content-Type", "application/json")
	var created struct {
		Status bool `json:"status"`
		Result struct {
			ID    string `json:"id"`
			Token string `json:"token"`
		} `json:"result"`
	}
	getJSON(t, req, &created)
	if !created.Status || created.Result.ID == "" || created.Result.Token == "" {
		t.Fatalf("creating the analysis: %+v", created)
	}
	return created.Result.ID, created.Result.Token
}

type sentNotification struct {
	Body struct {
		Title   string `json:"title"`
		Message string `json:"message"`
	} `json:"body"`
}

// outboxNotifications reads what the emulator's notification service was asked to send.
func outboxNotifications(t *testing.T, api string) []sentNotification {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, api+"/_emulator/outbox", nil)
	if err != nil {
		t.Fatal(err)
	}
	var box struct {
		Notification []sentNotification `json:"notification"`
	}
	getJSON(t, req, &box)
	return box.Notification
}

func getJSON(t *testing.T, req *http.Request, out any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%s %s: %v: %s", req.Method, req.URL.Path, err, b)
	}
}

// lineWriter is the runtime's output: every complete line goes to lines.
type lineWriter struct {
	mu      sync.Mutex
	partial string
	lines   chan string
}

func newLineWriter() *lineWriter { return &lineWriter{lines: make(chan string, 256)} }

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	text := w.partial + string(p)
	for {
		line, rest, found := strings.Cut(text, "\n")
		if !found {
			break
		}
		select {
		case w.lines <- line:
		default:
			return 0, fmt.Errorf("more than %d lines nobody read", cap(w.lines))
		}
		text = rest
	}
	w.partial = text
	return len(p), nil
}
