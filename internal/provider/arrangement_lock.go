package provider

import (
	"context"
	"sync"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// A dashboard's arrangement (where each widget sits) is one list that every widget resource
// edits, and the API replaces the whole list on every PUT. Terraform creates and deletes widgets
// in parallel, so two widgets of one dashboard that read the list at the same time would each
// write back a list without the other's entry. Every read-modify-write of an arrangement in this
// process therefore holds that dashboard's lock. (Two Terraform runs against one dashboard at
// the same time can still race; Terraform's state lock does not cover that either.)
//
// The lock also guards a snapshot of the arrangement, so that refreshing many widgets of one
// dashboard reads the dashboard once rather than once per widget (see arrangementEntry).

// arrangementSnapshotTTL bounds how long a refresh trusts an arrangement read by another widget's
// refresh. It only spans one Terraform operation in practice: the snapshot is tied to the client,
// and Terraform configures a new provider (so a new client) for every operation.
const arrangementSnapshotTTL = 30 * time.Second

type dashboardArrangement struct {
	// lock is a channel rather than a mutex so that waiting for it respects the operation's
	// timeout: with many widgets on one dashboard the wait is the longest part of a create.
	lock chan struct{}
	// snapshot is the arrangement last read or written through client, at readAt; guarded by lock.
	snapshot []client.ArrangementEntry
	client   *client.Client
	readAt   time.Time
}

var arrangements = struct {
	mu          sync.Mutex
	byDashboard map[string]*dashboardArrangement
}{byDashboard: map[string]*dashboardArrangement{}}

func arrangementOf(dashboardID string) *dashboardArrangement {
	arrangements.mu.Lock()
	defer arrangements.mu.Unlock()
	a, ok := arrangements.byDashboard[dashboardID]
	if !ok {
		a = &dashboardArrangement{lock: make(chan struct{}, 1)}
		arrangements.byDashboard[dashboardID] = a
	}
	return a
}

// acquire waits for the dashboard's lock, or for ctx to end.
func (a *dashboardArrangement) acquire(ctx context.Context) error {
	select {
	case a.lock <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (a *dashboardArrangement) release() { <-a.lock }

func (a *dashboardArrangement) remember(c *client.Client, entries []client.ArrangementEntry) {
	a.snapshot, a.client, a.readAt = entries, c, time.Now()
}

// modifyArrangement reads the dashboard's arrangement, lets change edit it, and writes it back
// (one GET and one PUT), holding the dashboard's lock throughout. change returns false when
// there is nothing to write; the PUT is then skipped. A dashboard that no longer exists is
// reported as client.IsNotFound.
func modifyArrangement(ctx context.Context, c *client.Client, dashboardID string,
	change func([]client.ArrangementEntry) ([]client.ArrangementEntry, bool)) error {
	a := arrangementOf(dashboardID)
	if err := a.acquire(ctx); err != nil {
		return err
	}
	defer a.release()
	dashboard, err := c.Dashboards.Get(ctx, dashboardID) // never the snapshot: a write starts from the API's list
	if err != nil {
		return err
	}
	a.remember(c, dashboard.Arrangement)
	entries, changed := change(dashboard.Arrangement)
	if !changed {
		return nil
	}
	if err := c.Dashboards.SetArrangement(ctx, dashboardID, entries); err != nil {
		a.snapshot = nil // the PUT may or may not have happened
		return err
	}
	a.remember(c, entries)
	return nil
}

// readArrangement returns the dashboard's arrangement for a refresh: the snapshot when another
// widget of the dashboard read or wrote it through the same client moments ago, else one GET.
func readArrangement(ctx context.Context, c *client.Client, dashboardID string) ([]client.ArrangementEntry, error) {
	a := arrangementOf(dashboardID)
	if err := a.acquire(ctx); err != nil {
		return nil, err
	}
	defer a.release()
	if a.snapshot != nil && a.client == c && time.Since(a.readAt) < arrangementSnapshotTTL {
		return a.snapshot, nil
	}
	dashboard, err := c.Dashboards.Get(ctx, dashboardID)
	if err != nil {
		return nil, err
	}
	if dashboard.Arrangement == nil {
		dashboard.Arrangement = []client.ArrangementEntry{}
	}
	a.remember(c, dashboard.Arrangement)
	return dashboard.Arrangement, nil
}

// rememberArrangement records the arrangement the dashboard's own refresh read, so that the
// refreshes of its widgets, which Terraform runs after it, read no more.
func rememberArrangement(ctx context.Context, c *client.Client, dashboardID string, entries []client.ArrangementEntry) {
	a := arrangementOf(dashboardID)
	if a.acquire(ctx) != nil {
		return
	}
	defer a.release()
	if entries == nil {
		entries = []client.ArrangementEntry{}
	}
	a.remember(c, entries)
}

// arrangementEntryOf finds a widget's entry; nil when the widget is not on the grid.
func arrangementEntryOf(entries []client.ArrangementEntry, widgetID string) *client.ArrangementEntry {
	for i := range entries {
		if entries[i].WidgetID == widgetID {
			entry := entries[i]
			return &entry
		}
	}
	return nil
}

// withArrangementEntry returns entries with the widget's entry set to entry: replaced in place
// when the widget is there (its unmodelled keys kept; a second entry of it, made by hand,
// dropped), appended otherwise.
func withArrangementEntry(entries []client.ArrangementEntry, entry client.ArrangementEntry) []client.ArrangementEntry {
	out := make([]client.ArrangementEntry, 0, len(entries)+1)
	placed := false
	for _, e := range entries {
		if e.WidgetID != entry.WidgetID {
			out = append(out, e)
			continue
		}
		if !placed {
			e.X, e.Y, e.Width, e.Height, e.Tab = entry.X, entry.Y, entry.Width, entry.Height, entry.Tab
			out = append(out, e)
			placed = true
		}
	}
	if !placed {
		out = append(out, entry)
	}
	return out
}

// withoutArrangementEntry returns entries without the widget's entries, and whether it had any.
func withoutArrangementEntry(entries []client.ArrangementEntry, widgetID string) ([]client.ArrangementEntry, bool) {
	out := make([]client.ArrangementEntry, 0, len(entries))
	for _, e := range entries {
		if e.WidgetID != widgetID {
			out = append(out, e)
		}
	}
	return out, len(out) != len(entries)
}
