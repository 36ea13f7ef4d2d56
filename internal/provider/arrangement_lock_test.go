package provider

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// lockTestEnv is an emulator with latency, so that concurrent requests overlap, and a dashboard.
func lockTestEnv(t *testing.T) (*client.Client, *emulator.Server, string) {
	t.Helper()
	inProcessOnly(t, "request stats and latency")
	server := emulator.NewTestServer(t, emulator.Options{Latency: 10 * time.Millisecond})
	c, err := client.New(client.Config{BaseURL: server.URL, Token: server.Token, MaxRetries: 2, RetryWaitMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Dashboards.Create(context.Background(), client.DashboardCreate{Label: "tfacc-Lock test", Type: "dashboard"})
	if err != nil {
		t.Fatal(err)
	}
	return c, server, id
}

func widgetIDFor(i int) string { return fmt.Sprintf("%024x", i+1) }

// Twenty concurrent read-modify-writes of one arrangement keep all twenty entries.
func TestModifyArrangement_concurrentWritersKeepEveryEntry(t *testing.T) {
	t.Parallel()
	c, _, dashboardID := lockTestEnv(t)
	ctx := context.Background()
	const writers = 20
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := 0; i < writers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			entry := client.ArrangementEntry{WidgetID: widgetIDFor(i), X: float64(i), Y: 0.5, Width: 1, Height: 2}
			errs <- modifyArrangement(ctx, c, dashboardID, func(entries []client.ArrangementEntry) ([]client.ArrangementEntry, bool) {
				return withArrangementEntry(entries, entry), true
			})
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	d, err := c.Dashboards.Get(ctx, dashboardID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Arrangement) != writers {
		t.Fatalf("arrangement has %d entries, want %d", len(d.Arrangement), writers)
	}
	for i := 0; i < writers; i++ {
		entry := arrangementEntryOf(d.Arrangement, widgetIDFor(i))
		if entry == nil || entry.X != float64(i) || entry.Y != 0.5 {
			t.Errorf("entry of widget %d = %+v", i, entry)
		}
	}
}

// A refresh reuses the arrangement another refresh (or the dashboard's) read through the same
// client; another client (a new Terraform operation) reads it again.
func TestReadArrangement_sharesOneReadPerClient(t *testing.T) {
	t.Parallel()
	c, server, dashboardID := lockTestEnv(t)
	ctx := context.Background()
	stats := server.Emulator.Stats()
	stats.Reset()
	for i := 0; i < 5; i++ {
		if _, err := readArrangement(ctx, c, dashboardID); err != nil {
			t.Fatal(err)
		}
	}
	if n := stats.Snapshot().ByRoute["GET /dashboard/{id}"]; n != 1 {
		t.Errorf("five refreshes read the dashboard %d times, want 1", n)
	}

	// A write through the lock updates what later refreshes see, without another read.
	entry := client.ArrangementEntry{WidgetID: widgetIDFor(1), X: 3, Y: 1, Width: 2, Height: 2}
	if err := modifyArrangement(ctx, c, dashboardID, func(entries []client.ArrangementEntry) ([]client.ArrangementEntry, bool) {
		return withArrangementEntry(entries, entry), true
	}); err != nil {
		t.Fatal(err)
	}
	stats.Reset()
	entries, err := readArrangement(ctx, c, dashboardID)
	if err != nil {
		t.Fatal(err)
	}
	if got := arrangementEntryOf(entries, widgetIDFor(1)); got == nil || got.X != 3 {
		t.Errorf("refresh after the write sees %+v", entries)
	}
	if n := stats.Snapshot().Total; n != 0 {
		t.Errorf("the refresh after a write sent %d requests, want 0", n)
	}

	other := c.WithToken(server.Token) // another client, as a new Terraform operation configures
	if _, err := readArrangement(ctx, other, dashboardID); err != nil {
		t.Fatal(err)
	}
	if n := stats.Snapshot().ByRoute["GET /dashboard/{id}"]; n != 1 {
		t.Errorf("another client read the dashboard %d times, want 1", n)
	}
}

// Waiting for a dashboard's lock gives up when the operation's time is up.
func TestModifyArrangement_lockWaitRespectsTheTimeout(t *testing.T) {
	t.Parallel()
	a := arrangementOf("lock-wait-test")
	if err := a.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer a.release()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := modifyArrangement(ctx, nil, "lock-wait-test", func(e []client.ArrangementEntry) ([]client.ArrangementEntry, bool) {
		t.Error("change ran without the lock")
		return e, false
	})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Errorf("err = %v after %s, want the deadline", err, time.Since(start))
	}
}

func TestArrangementEntryHelpers(t *testing.T) {
	t.Parallel()
	tab := "1"
	entries := []client.ArrangementEntry{
		{WidgetID: "a", X: 1}, {WidgetID: "b", X: 2}, {WidgetID: "a", X: 9}, // a duplicated by hand
	}
	moved := withArrangementEntry(entries, client.ArrangementEntry{WidgetID: "a", X: 5, Y: 6, Width: 7, Height: 8, Tab: &tab})
	if len(moved) != 2 || moved[0].X != 5 || moved[0].Tab == nil || moved[1].WidgetID != "b" { // the duplicate dropped
		t.Errorf("moved = %+v", moved)
	}
	if entries[0].X != 1 {
		t.Error("withArrangementEntry changed its input")
	}
	added := withArrangementEntry(entries[:2], client.ArrangementEntry{WidgetID: "c", X: 3})
	if len(added) != 3 || added[2].WidgetID != "c" {
		t.Errorf("added = %+v", added)
	}
	removed, had := withoutArrangementEntry(entries, "a")
	if !had || len(removed) != 1 || removed[0].WidgetID != "b" {
		t.Errorf("removed = %+v, %v", removed, had)
	}
	if _, had := withoutArrangementEntry(entries, "z"); had {
		t.Error("withoutArrangementEntry found a widget that is not there")
	}
	if got := arrangementEntryOf(entries, "b"); got == nil || got.X != 2 {
		t.Errorf("arrangementEntryOf(b) = %+v", got)
	}
	if arrangementEntryOf(entries, "z") != nil {
		t.Error("arrangementEntryOf found a widget that is not there")
	}
}
