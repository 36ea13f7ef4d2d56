package client

import (
	"context"
	"math"
	"net/http"
	"regexp"
	"sync"
	"time"
)

// TagoIO rate-limits per profile, per route and per time window (a minute on the real API), and
// says nothing about a route's budget until it is exceeded. The pacer learns each route's
// budget and window from the 429s it sees and then spends the budget evenly, window by window,
// so that a long apply is answered 429 only while it learns.
//
// What it learns from a 429 carrying Retry-After N at time t:
//   - the route's window resets at t+N: no request is sent on that route before then (a gate
//     shared by every goroutine, instead of each retry waiting on its own);
//   - the budget is the number of requests the route answered since the previous reset;
//   - the window is the distance between two consecutive resets.
// Until it knows the window, it sends the budget after a reset and then one probe at a time.

// pacedTransport passes every attempt (retries included) through the pacer.
type pacedTransport struct {
	next  http.RoundTripper
	pacer *pacer
}

func (t *pacedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	key := routeKey(req.Method, req.URL.Path)
	if err := t.pacer.acquire(req.Context(), key); err != nil {
		return nil, err
	}
	resp, err := t.next.RoundTrip(req)
	switch {
	case err != nil:
		t.pacer.release(key)
	case resp.StatusCode == http.StatusTooManyRequests:
		t.pacer.limited(key, retryAfter(resp, messageOf(readBody(resp))))
	default:
		t.pacer.answered(key)
	}
	return resp, err
}

type pacer struct {
	mu     sync.Mutex
	routes map[string]*routePace
	now    func() time.Time
}

type routePace struct {
	reset     time.Time     // the last reset a 429 announced; zero before the first 429
	window    time.Duration // learned window length; 0 = unknown
	budget    int           // learned requests per window; 0 = unknown
	answered  int           // non-429 answers since reset (the budget being measured)
	winStart  time.Time     // the window sent counts in
	sent      int           // requests sent in winStart's window
	inFlight  int           // requests sent and not answered
	probing   bool          // a probe is in flight while the window is unknown
	sentSince int           // requests sent since reset while the window is unknown
}

func newPacer() *pacer { return &pacer{routes: map[string]*routePace{}, now: time.Now} }

// paceMargin starts each paced window a little after its estimated reset, so that small errors
// in the learned window never send a request into the end of the previous one.
func paceMargin(window time.Duration) time.Duration { return min(window/50, 50*time.Millisecond) }

// pollInterval bounds how long a waiting request sleeps before it looks again.
const pollInterval = 20 * time.Millisecond

// acquire waits until the route may send one more request, and counts it.
func (p *pacer) acquire(ctx context.Context, key string) error {
	for {
		wait := p.tryAcquire(key)
		if wait <= 0 {
			return nil
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// tryAcquire counts the request and returns 0, or returns how long to wait before asking again.
func (p *pacer) tryAcquire(key string) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	r, ok := p.routes[key]
	if !ok {
		r = &routePace{}
		p.routes[key] = r
	}
	if r.reset.IsZero() { // never rate-limited: no pacing, only counting
		r.inFlight++
		return 0
	}
	now := p.now()
	if now.Before(r.reset) {
		return r.reset.Sub(now)
	}
	switch {
	case r.budget > 0 && r.window > 0:
		start := r.reset.Add(time.Duration(math.Floor(float64(now.Sub(r.reset))/float64(r.window)))*r.window + paceMargin(r.window))
		if !start.Equal(r.winStart) {
			r.winStart, r.sent = start, 0
		}
		if r.sent >= r.budget {
			return start.Add(r.window).Sub(now)
		}
		r.sent++
	case r.budget > 0: // window unknown: spend the budget, then probe one request at a time
		if r.sentSince >= r.budget {
			if r.probing {
				return pollInterval
			}
			r.probing = true
		}
		r.sentSince++
	default: // budget unknown: one request at a time until the next 429 measures it
		if r.inFlight > 0 {
			return pollInterval
		}
	}
	r.inFlight++
	return 0
}

func (p *pacer) answered(key string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r, ok := p.routes[key]; ok {
		r.inFlight = max(0, r.inFlight-1)
		r.answered++
		r.probing = false
	}
}

func (p *pacer) release(key string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r, ok := p.routes[key]; ok {
		r.inFlight = max(0, r.inFlight-1)
		r.probing = false
	}
}

// limited learns from a 429.
func (p *pacer) limited(key string, wait time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	r, ok := p.routes[key]
	if !ok {
		r = &routePace{}
		p.routes[key] = r
	}
	r.inFlight = max(0, r.inFlight-1)
	if wait <= 0 {
		return // the window has just reset: retrying is enough, and there is nothing to learn
	}
	reset := now.Add(wait)
	if reset.Sub(r.reset) < pollInterval {
		return // the same reset again (a request sent before the gate closed)
	}
	switch {
	case r.window > 0 && wait < r.window/10:
		// Paced and a hair early (the window estimate drifted by a few milliseconds): re-anchor.
	case r.window > 0:
		// Paced, and still limited: the learned window drifted or the limits changed. Keep
		// the budget and measure the window again.
		r.window = 0
	default:
		// Measuring: the answers since the last reset are one window's budget, and when the
		// budget had been sent right after that reset, this reset is the next one.
		if !r.reset.IsZero() && r.sentSince > 0 {
			r.window = reset.Sub(r.reset)
		}
		if r.answered > 0 {
			r.budget = r.answered
		}
	}
	r.reset, r.answered, r.sentSince, r.probing = reset, 0, 0, false
}

var (
	objectIDSegment = regexp.MustCompile(`/[0-9a-f]{24}(/|$)`)
	tokenSegment    = regexp.MustCompile(`/(?:[pa]-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(/|$)`)
)

// routeKey is the rate-limit route of a request: the method and the path with object IDs and
// tokens replaced, since the API counts per route, not per object.
func routeKey(method, path string) string {
	for {
		replaced := tokenSegment.ReplaceAllString(objectIDSegment.ReplaceAllString(path, "/{id}$1"), "/{token}$1")
		if replaced == path {
			break
		}
		path = replaced
	}
	if len(path) > 1 && path[len(path)-1] == '/' {
		path = path[:len(path)-1]
	}
	return method + " " + path
}
