package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/dataplane"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// TestTemperatureAlert runs the example as an external analysis against the emulator: a run with
// a temperature above the limit notifies the account, one below it does not.
func TestTemperatureAlert(t *testing.T) {
	server := emulator.NewTestServer(t, emulator.Options{})
	c, err := client.New(client.Config{BaseURL: server.URL, Token: server.Token})
	if err != nil {
		t.Fatal(err)
	}
	var analysis struct {
		ID    string `json:"id"`
		Token string `json:"token"`
	}
	if err := c.Do(context.Background(), client.Request{Method: http.MethodPost, Path: "/analysis", Body: map[string]any{
		"name": "Temperature alert", "run_on": "external", "runtime": "node-rt2025", "tags": []any{},
		"variables": []map[string]string{{"key": "TEMPERATURE_LIMIT", "value": "25"}},
	}}, &analysis); err != nil {
		t.Fatal(err)
	}
	connected := make(chan struct{}, 1)
	rt, err := dataplane.NewRuntime(dataplane.RuntimeConfig{
		Token: analysis.Token, APIURL: server.URL, Output: io.Discard, Getenv: func(string) string { return "" },
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
	case <-time.After(10 * time.Second):
		t.Fatal("the runtime did not connect")
	}
	runs := dataplane.NewAnalyses(c)
	for _, value := range []float64{20, 31.5} {
		if _, err := runs.Run(ctx, analysis.ID, []dataplane.Record{{Variable: "temperature", Value: value, Unit: "°C"}}); err != nil {
			t.Fatal(err)
		}
	}
	var notifications []struct {
		Body struct {
			Title   string `json:"title"`
			Message string `json:"message"`
		} `json:"body"`
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		resp, err := http.Get(server.URL + "/_emulator/outbox")
		if err != nil {
			t.Fatal(err)
		}
		var box map[string]json.RawMessage
		err = json.NewDecoder(resp.Body).Decode(&box)
		_ = resp.Body.Close()
		if err != nil || json.Unmarshal(box["notification"], &notifications) != nil {
			t.Fatalf("outbox: %v", err)
		}
		if len(notifications) > 0 || time.Now().After(deadline) {
			break
		}
	}
	time.Sleep(200 * time.Millisecond) // a wrong second notification would have arrived by now
	if len(notifications) != 1 || notifications[0].Body.Title != "Temperature alert" || !strings.Contains(notifications[0].Body.Message, "31.5°C") {
		t.Fatalf("notifications = %+v, want one for 31.5°C", notifications)
	}
}
