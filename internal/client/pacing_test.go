package client

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

func TestRouteKey(t *testing.T) {
	cases := map[string]string{
		"/device/6298fcc3e0b6840012b6abfa":                                               "GET /device/{id}",
		"/device/6298fcc3e0b6840012b6abfa/params/6298fcc3e0b6840012b6abfb":               "GET /device/{id}/params/{id}",
		"/device/token/5a16405f-b32c-4c91-ae39-cbb2caba18d8":                             "GET /device/token/{token}",
		"/profile/6298fcc3e0b6840012b6abfa/token/p-5a16405f-b32c-4c91-ae39-cbb2caba18d8": "GET /profile/{id}/token/{token}",
		"/device/": "GET /device",
		"/device":  "GET /device",
		"/dashboard/6298fcc3e0b6840012b6abfa/widget/": "GET /dashboard/{id}/widget",
	}
	for path, want := range cases {
		if got := routeKey(http.MethodGet, path); got != want {
			t.Errorf("routeKey(%q) = %q, want %q", path, got, want)
		}
	}
}

// windowedAPI rate-limits one route like TagoIO: budget requests per aligned window, then 429
// with the wait until the window resets (with decimals, as the emulator does under a time scale).
type windowedAPI struct {
	budget int
	window time.Duration
	mu     sync.Mutex
	start  time.Time
	count  int
	log    []int // status of every request, in arrival order
}

func (a *windowedAPI) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	a.mu.Lock()
	now := time.Now()
	if s := now.Truncate(a.window); !s.Equal(a.start) {
		a.start, a.count = s, 0
	}
	a.count++
	over := a.count > a.budget
	wait := a.start.Add(a.window).Sub(now)
	status := http.StatusOK
	if over {
		status = http.StatusTooManyRequests
	}
	a.log = append(a.log, status)
	a.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if over {
		ra := strconv.FormatFloat(wait.Seconds(), 'f', 3, 64)
		w.Header().Set("Retry-After", ra)
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = fmt.Fprintf(w, `{"status":false,"message":"Too many requests (Retry-After: %s)"}`, ra)
		return
	}
	_, _ = w.Write([]byte(`{"status":true,"result":{"id":"6298fcc3e0b6840012b6abfa","name":"x"}}`))
}

// runAgainstLimit sends requests from concurrent workers through c and returns the statuses the
// API answered, in order.
func runAgainstLimit(t *testing.T, api *windowedAPI, paced bool) []int {
	t.Helper()
	srv := httptest.NewServer(api)
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL, Token: "p-test-token", MaxRetries: 50, RetryWaitMin: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if !paced { // the control: the same client without its pacer
		paced, ok := c.httpClient.Transport.(*pacedTransport)
		if !ok {
			t.Fatal("the client's transport is not paced")
		}
		c.httpClient.Transport = paced.next
	}
	const requests, workers = 60, 8
	jobs := make(chan int)
	errs := make(chan error, requests)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				_, err := c.Devices.Get(context.Background(), "6298fcc3e0b6840012b6abfa")
				errs <- err
			}
		}()
	}
	for i := 0; i < requests; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a request failed: %v", err)
		}
	}
	api.mu.Lock()
	defer api.mu.Unlock()
	return append([]int(nil), api.log...)
}

func count429(statuses []int) (n int) {
	for _, s := range statuses {
		if s == http.StatusTooManyRequests {
			n++
		}
	}
	return n
}

func TestPacer_learnsTheBudgetAndStopsHittingTheLimit(t *testing.T) {
	paced := runAgainstLimit(t, &windowedAPI{budget: 5, window: 300 * time.Millisecond}, true)
	unpaced := runAgainstLimit(t, &windowedAPI{budget: 5, window: 300 * time.Millisecond}, false)
	p, u := count429(paced), count429(unpaced)
	t.Logf("429 answers: paced %d of %d requests, unpaced %d of %d", p, len(paced), u, len(unpaced))
	if p*3 > u {
		t.Errorf("pacing should cut the 429s to well under a third of the unpaced run's: paced %d, unpaced %d\npaced: %v", p, u, paced)
	}
	if late := count429(paced[len(paced)/2:]); late > 3 {
		t.Errorf("after learning, the client still hit the limit %d times in the second half: %v", late, paced)
	}
}
