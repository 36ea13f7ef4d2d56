package emulator

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func newFaultyEmu(t *testing.T, faults FaultOptions) *Emulator {
	t.Helper()
	e, err := New(Options{Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	return e
}

const deviceBody = `{"name":"f","type":"mutable","connector":"62333bd36977fc001a2990c8","network":"62336c32ab6e0d0012e06c04"}`

func TestFaults_429And503AreRefusedBeforeProcessing(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		faults FaultOptions
		status int
		text   string
	}{
		{FaultOptions{Rate429: 1}, http.StatusTooManyRequests, "Too many requests (Retry-After: 1)"},
		{FaultOptions{Rate503: 1}, http.StatusServiceUnavailable, "Service Unavailable"},
	} {
		e := newFaultyEmu(t, tc.faults)
		r := req(t, e, http.MethodPost, "/device", e.ProfileToken(), deviceBody)
		r.fail(t, tc.status, tc.text)
		if r.Header.Get("Retry-After") != "1" {
			t.Errorf("%d: Retry-After = %q", tc.status, r.Header.Get("Retry-After"))
		}
		snap := e.Stats().Snapshot()
		if snap.FaultsByRoute["POST /device"] != 1 {
			t.Errorf("faults_by_route = %v", snap.FaultsByRoute)
		}
		// Not processed: nothing was created.
		e.opts.Faults = FaultOptions{}
		e.handler = chain(e.dispatch, e.middlewares()...)
		if list := getList(t, e, "/device"); len(list) != 0 {
			t.Errorf("%d: a refused request created %d devices", tc.status, len(list))
		}
	}
}

func TestFaults_500AndDroppedAnswersAreProcessed(t *testing.T) {
	t.Parallel()
	for _, faults := range []FaultOptions{{Rate500: 1}, {RateDrop: 1}} {
		e := newFaultyEmu(t, faults)
		srv := httptest.NewServer(e.Handler())
		request, _ := http.NewRequest(http.MethodPost, srv.URL+"/device", strings.NewReader(deviceBody))
		request.Header.Set("token", e.ProfileToken())
		resp, err := http.DefaultClient.Do(request)
		switch {
		case faults.Rate500 > 0:
			if err != nil || resp.StatusCode != http.StatusInternalServerError {
				t.Fatalf("want a 500, got %v %v", resp, err)
			}
			_ = resp.Body.Close()
		default:
			if err == nil || (!errors.Is(err, io.EOF) && !strings.Contains(err.Error(), "EOF")) {
				t.Fatalf("want a dropped connection, got %v %v", resp, err)
			}
		}
		srv.Close()
		e.opts.Faults = FaultOptions{}
		e.handler = chain(e.dispatch, e.middlewares()...)
		if list := getList(t, e, "/device"); len(list) != 1 {
			t.Errorf("%+v: the request should have been processed: %d devices", faults, len(list))
		}
		if n := e.Stats().Snapshot().FaultsByRoute["POST /device"]; n != 1 {
			t.Errorf("%+v: faults counted %d", faults, n)
		}
	}
}

func TestFaults_seedMakesRunsReproducible(t *testing.T) {
	t.Parallel()
	sequence := func(seed uint64) string {
		e := newFaultyEmu(t, FaultOptions{Rate429: 0.3, Rate503: 0.2, Seed: seed})
		var b strings.Builder
		for i := 0; i < 40; i++ {
			fmt.Fprintf(&b, "%d ", req(t, e, http.MethodGet, "/device", e.ProfileToken(), nil).Code)
		}
		return b.String()
	}
	a, b, c := sequence(7), sequence(7), sequence(8)
	if a != b {
		t.Errorf("same seed, different faults:\n%s\n%s", a, b)
	}
	if a == c {
		t.Errorf("different seeds gave the same faults: %s", a)
	}
	if !strings.Contains(a, "200") || !strings.Contains(a, "429") || !strings.Contains(a, "503") {
		t.Errorf("expected a mix of answers: %s", a)
	}
}

func TestFailNext_FailsOnlyTheNamedRouteTheGivenNumberOfTimes(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	dev := mkDevice(t, e, "target", nil)
	e.FailNext("GET", "/device/{id}", 2)
	req(t, e, "GET", "/device", tok, nil).ok(t, 200, nil) // another route is untouched
	req(t, e, "GET", "/device/"+dev.DeviceID, tok, nil).fail(t, 500, "Internal Server Error")
	req(t, e, "GET", "/device/"+dev.DeviceID, tok, nil).fail(t, 500, "Internal Server Error")
	req(t, e, "GET", "/device/"+dev.DeviceID, tok, nil).ok(t, 200, nil)
	if got := e.Stats().Snapshot().FaultsByRoute["GET /device/{id}"]; got != 2 {
		t.Errorf("faults recorded %d, want 2", got)
	}
}

func TestFailAfter_LetsTheFirstRequestsThrough(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	dev := mkDevice(t, e, "target", nil)
	e.FailAfter("GET", "/device/{id}", 2, 1)
	req(t, e, "GET", "/device/"+dev.DeviceID, tok, nil).ok(t, 200, nil)
	req(t, e, "GET", "/device/"+dev.DeviceID, tok, nil).ok(t, 200, nil)
	req(t, e, "GET", "/device/"+dev.DeviceID, tok, nil).fail(t, 500, "Internal Server Error")
	req(t, e, "GET", "/device/"+dev.DeviceID, tok, nil).ok(t, 200, nil)
	if got := e.Stats().Snapshot().FaultsByRoute["GET /device/{id}"]; got != 1 {
		t.Errorf("faults recorded %d, want 1", got)
	}
}
