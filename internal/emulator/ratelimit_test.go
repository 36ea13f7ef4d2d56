package emulator

import (
	"net/http"
	"testing"
	"time"
)

func TestRouteLimit_table(t *testing.T) {
	t.Parallel()
	cases := []struct {
		method, template string
		free, scale      int
	}{
		{"POST", "/device", 10, 5000},
		{"DELETE", "/device/{id}", 10, 5000},
		{"GET", "/device", 50, 500},
		{"GET", "/device/{id}", 100, 5000},
		{"PUT", "/device/{id}", 50, 2000},
		{"POST", "/device/token", 50, 2000},
		{"POST", "/data", 250, 15000},
		{"DELETE", "/data", 60, 1000},
		{"POST", "/analysis/{id}/upload", 60, 1000},
		{"GET", "/analysis", 60, 2000},
		{"PUT", "/dashboard/{id}/widget/{widgetID}", 60, 1000},
		{"GET", "/info", 60, 10000},
		{"GET", "/secrets/{id}", 100, 5000}, // unnamed read: GET /device/:id's row
		{"POST", "/secrets", 50, 2000},      // unnamed write: PUT /device/:id's row
	}
	for _, tc := range cases {
		if got := routeLimit(0, tc.method, tc.template); got != tc.free {
			t.Errorf("free %s %s = %d, want %d", tc.method, tc.template, got, tc.free)
		}
		if got := routeLimit(2, tc.method, tc.template); got != tc.scale {
			t.Errorf("scale %s %s = %d, want %d", tc.method, tc.template, got, tc.scale)
		}
	}
}

func TestRateLimit_freePlanAnswers429UntilTheWindowResets(t *testing.T) {
	t.Parallel()
	// The clock starts at the beginning of a window, so that all requests fall into it.
	clock := &fakeClock{now: time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)}
	e, err := New(Options{RateLimitPlan: "free", TimeScale: 60, Clock: clock.Now}) // a one-second window
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = e.Close() }()
	for i := 0; i < 10; i++ {
		req(t, e, http.MethodPost, "/device", e.ProfileToken(), deviceBody).ok(t, http.StatusCreated, nil)
	}
	r := req(t, e, http.MethodPost, "/device", e.ProfileToken(), deviceBody)
	r.fail(t, http.StatusTooManyRequests, "Too many requests (Retry-After: 1)")
	if got := r.Header.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After header %q, want the whole one-second window", got)
	}
	// A quarter of the window later the wait is the rest of it, with its decimals.
	clock.advance(250 * time.Millisecond)
	r = req(t, e, http.MethodPost, "/device", e.ProfileToken(), deviceBody)
	r.fail(t, http.StatusTooManyRequests, "Too many requests (Retry-After: 0.75)")
	if got := r.Header.Get("Retry-After"); got != "0.75" {
		t.Errorf("Retry-After header %q: a scaled window's wait keeps its decimals", got)
	}
	// Another route has its own budget.
	req(t, e, http.MethodGet, "/device", e.ProfileToken(), nil).ok(t, http.StatusOK, nil)
	// One millisecond before the reset the route is still refused; at the reset it is served.
	clock.advance(749 * time.Millisecond)
	req(t, e, http.MethodPost, "/device", e.ProfileToken(), deviceBody).fail(t, http.StatusTooManyRequests, "Too many requests (Retry-After: 0.001)")
	clock.advance(time.Millisecond)
	req(t, e, http.MethodPost, "/device", e.ProfileToken(), deviceBody).ok(t, http.StatusCreated, nil)
}

func TestRateLimit_unscaledWindowIsTheWallClockMinute(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2026, 1, 5, 10, 0, 45, 0, time.UTC)} // 15 s before the minute turns
	e, err := New(Options{RateLimitPlan: "free", Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = e.Close() }()
	for i := 0; i < 10; i++ {
		req(t, e, http.MethodDelete, "/device/000000000000000000000001", e.ProfileToken(), nil)
	}
	r := req(t, e, http.MethodDelete, "/device/000000000000000000000001", e.ProfileToken(), nil)
	r.fail(t, http.StatusTooManyRequests, "Too many requests (Retry-After: 15)")
	if got := r.Header.Get("Retry-After"); got != "15" {
		t.Errorf("Retry-After header %q, want 15", got)
	}
	clock.advance(15 * time.Second)
	if r := req(t, e, http.MethodDelete, "/device/000000000000000000000001", e.ProfileToken(), nil); r.Code == http.StatusTooManyRequests {
		t.Errorf("still 429 after the minute turned: %+v", r)
	}
}

func TestRateLimit_unscaledWaitIsWholeSeconds(t *testing.T) {
	t.Parallel()
	l, ok := newRateLimiter("starter", 1, nil)
	if !ok {
		t.Fatal("starter is a plan")
	}
	if got := l.retryAfter(7300 * time.Millisecond); got != "8" {
		t.Errorf("retryAfter = %q, want 8", got)
	}
	if _, ok := newRateLimiter("enterprise", 1, nil); ok {
		t.Error("an unknown plan was accepted")
	}
	if _, err := New(Options{RateLimitPlan: "enterprise"}); err == nil {
		t.Error("New accepted an unknown plan")
	}
}

func TestRateLimit_scaledWaitKeepsMilliseconds(t *testing.T) {
	t.Parallel()
	l, ok := newRateLimiter("free", 60, nil)
	if !ok {
		t.Fatal("free is a plan")
	}
	for wait, want := range map[time.Duration]string{
		250 * time.Millisecond:     "0.25",
		1234500 * time.Microsecond: "1.235", // rounded up to the millisecond
		time.Second:                "1",
	} {
		if got := l.retryAfter(wait); got != want {
			t.Errorf("retryAfter(%v) = %q, want %q", wait, got, want)
		}
	}
}
