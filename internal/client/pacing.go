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
// It learns only from evidence of a real limit. A 429 can also be transient (a proxy, a busy
// instance): such a 429 delays only its own request (its retry waits for Retry-After). A limit
// shows as several 429s in a row on one route, each before the reset the first one announced,
// with no other answer between them (once a window's budget is spent, every request is refused
// until the reset); minEvidence of them make a limit. Learning from every 429 made transient
// faults shrink a route to a budget of a few requests, and an apply crawl.
//
// What it learns from a 429 carrying Retry-After N at time t:
//   - the route's window resets at t+N: no request is sent on that route before then (a gate
//     shared by every goroutine, instead of each retry waiting on its own);
//   - the budget is the number of requests the route answered since the previous reset;
//   - the window is the distance between two consecutive resets.
// Until it knows the window, it sends the budget after a reset and then one probe at a time.
//
// Once it knows both, each window starts a small margin after its estimated reset, and its first
// request goes alone: only when it is answered does the rest of the budget follow. A learned
// window that is a little short (the Retry-After it came from is rounded, and answers arrive
// late by varying amounts) then costs one 429 instead of a whole budget's worth; that 429
// re-anchors the windows and averages the window length over every window since the last
// anchor, so the error shrinks instead of adding up.
//
// Answers count in the window their request was sent in: a request sent before a 429 and
// answered after it still counts towards the budget that 429 measured.

// pacedTransport passes every attempt (retries included) through the pacer.
type pacedTransport struct {
	next  http.RoundTripper
	pacer *pacer
	// warn logs a pacing wait longer than longPacingWait (nil: not logged).
	warn func(ctx context.Context, msg string, fields map[string]any)
}

// longPacingWait is the shortest pacing wait that is logged as a warning: a run that waits for
// the rate limit says so.
const longPacingWait = time.Second

func (t *pacedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	key := routeKey(req.Method, req.URL.Path)
	tk, err := t.pacer.acquire(req.Context(), key, func(wait time.Duration) {
		if t.warn != nil && wait > longPacingWait {
			t.warn(req.Context(), "TagoIO API pacing: waiting for the route's rate-limit window", map[string]any{
				"route": key, "wait": wait.Round(time.Millisecond).String(),
			})
		}
	})
	if err != nil {
		return nil, err
	}
	resp, err := t.next.RoundTrip(req)
	switch {
	case err != nil:
		t.pacer.release(key, tk)
	case resp.StatusCode == http.StatusTooManyRequests:
		t.pacer.limited(key, tk, retryAfter(resp, messageOf(readBody(resp))))
	default:
		t.pacer.answered(key, tk)
	}
	return resp, err
}

// clock is the pacer's time: the real one, or a fake one in tests.
type clock interface {
	Now() time.Time
	// Timer returns a channel that receives after d, and a function that stops it.
	Timer(d time.Duration) (<-chan time.Time, func() bool)
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }
func (realClock) Timer(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}

// ticket is when a request was sent: the route's epoch (which 429-announced window) and, when
// the route is paced, the paced window it counts in, and whether it was that window's first.
type ticket struct {
	epoch  int
	window time.Time
	first  bool
	probe  bool // sent alone, after the learned budget, to find the reset while the window is unknown
	sentAt time.Time
}

// minEvidence is how many 429s in a row, within one announced window, make a rate limit.
const minEvidence = 3

type pacer struct {
	mu     sync.Mutex
	routes map[string]*routePace
	clock  clock
	// wake is closed (and replaced) whenever an answer may let a waiting request go, so that
	// waiters do not sleep a whole poll interval after a window's first answer.
	wake chan struct{}
}

type routePace struct {
	reset       time.Time     // the last reset a 429 announced; zero before the first 429
	epoch       int           // how many resets a 429 announced: requests sent in one epoch share a window
	window      time.Duration // learned window length; 0 = unknown
	budget      int           // learned requests per window; 0 = unknown
	measured    int           // the epoch budget was measured in; 0 = none
	answered    int           // non-429 answers to requests sent since reset (the budget being measured)
	winStart    time.Time     // the window sent counts in
	sent        int           // requests sent in winStart's window
	confirmed   bool          // winStart's window answered a request sent in it: the limit has reset
	inFlight    int           // requests sent and not answered
	probing     bool          // a probe is in flight while the window is unknown
	sentSince   int           // requests sent since reset while the window is unknown
	streak      int           // 429s answered in a row (no other answer to a later request between them)
	streakStart time.Time     // when the streak's first 429 was answered
	streakEnd   time.Time     // the reset the streak's first 429 announced
}

func newPacer(c clock) *pacer {
	return &pacer{routes: map[string]*routePace{}, clock: c, wake: make(chan struct{})}
}

// paceMargin starts each paced window a little after its estimated reset, so that small errors
// in the learned window never send a request into the end of the previous one.
func paceMargin(window time.Duration) time.Duration { return min(window/50, 50*time.Millisecond) }

// pollInterval bounds how long a waiting request sleeps before it looks again.
const pollInterval = 20 * time.Millisecond

// acquire waits until the route may send one more request, and counts it. waiting is told the
// first wait, when there is one.
func (p *pacer) acquire(ctx context.Context, key string, waiting func(time.Duration)) (ticket, error) {
	for told := false; ; told = true {
		tk, wait, wake := p.tryAcquire(key)
		if wait <= 0 {
			return tk, nil
		}
		if !told && waiting != nil {
			waiting(wait)
		}
		fired, stop := p.clock.Timer(wait)
		select {
		case <-ctx.Done():
			stop()
			return ticket{}, ctx.Err()
		case <-wake:
			stop()
		case <-fired:
		}
	}
}

// tryAcquire counts the request and returns its ticket and no wait, or returns how long to wait
// before asking again and a channel closed when asking earlier may succeed.
func (p *pacer) tryAcquire(key string) (tk ticket, wait time.Duration, wake <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r, ok := p.routes[key]
	if !ok {
		r = &routePace{}
		p.routes[key] = r
	}
	now := p.clock.Now()
	tk.epoch, tk.sentAt = r.epoch, now
	if r.streak > 0 && now.Before(r.streakEnd) && r.inFlight > 0 {
		// A 429 is being weighed: one request at a time until the next answer says whether it
		// was a fault (another answer, usually the very next) or a limit (more 429s), so that a
		// limit costs a few 429s rather than one per request already on its way.
		return ticket{}, pollInterval, p.wake
	}
	if r.reset.IsZero() { // never rate-limited: no pacing, only counting
		r.inFlight++
		return tk, 0, nil
	}
	if now.Before(r.reset) {
		return ticket{}, r.reset.Sub(now), p.wake
	}
	switch {
	case r.budget > 0 && r.window > 0:
		elapsed := time.Duration(math.Floor(float64(now.Sub(r.reset))/float64(r.window))) * r.window
		start := r.reset.Add(elapsed + paceMargin(r.window))
		if now.Before(start) { // in the margin at the window's beginning
			return ticket{}, start.Sub(now), p.wake
		}
		if !start.Equal(r.winStart) {
			r.winStart, r.sent, r.confirmed = start, 0, false
		}
		if r.sent >= r.budget {
			return ticket{}, start.Add(r.window).Sub(now), p.wake
		}
		if r.sent > 0 && !r.confirmed { // the window's first request is not answered yet
			return ticket{}, pollInterval, p.wake
		}
		r.sent++
		tk.window, tk.first = start, r.sent == 1
	case r.budget > 0: // window unknown: spend the budget, then probe one request at a time
		if r.sentSince >= r.budget {
			if r.probing {
				return ticket{}, pollInterval, p.wake
			}
			r.probing = true
			tk.probe = true
		}
		r.sentSince++
	default: // budget unknown: one request at a time until the next 429 measures it
		if r.inFlight > 0 {
			return ticket{}, pollInterval, p.wake
		}
	}
	r.inFlight++
	return tk, 0, nil
}

// wakeWaiters lets every waiting request look again. The caller holds p.mu.
func (p *pacer) wakeWaiters() {
	close(p.wake)
	p.wake = make(chan struct{})
}

// answered counts an answer that was not a 429 to the request tk was given to.
func (p *pacer) answered(key string, tk ticket) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r, ok := p.routes[key]; ok {
		r.inFlight = max(0, r.inFlight-1)
		if !tk.sentAt.Before(r.streakStart) {
			// Only a request sent after the streak began can show that the route still answers;
			// one sent earlier was inside the budget the 429s say is spent.
			r.streak = 0
		}
		switch {
		case tk.epoch == r.epoch:
			r.answered++
		case tk.epoch == r.measured && r.measured == r.epoch-1:
			// Sent before the 429 that measured the budget, answered after it: the window it
			// was sent in allowed one more request than the 429 could count.
			r.budget++
		}
		r.probing = false
		p.confirm(r, tk.window)
	}
}

// release counts a request that got no answer.
func (p *pacer) release(key string, tk ticket) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r, ok := p.routes[key]; ok {
		r.inFlight = max(0, r.inFlight-1)
		r.probing = false
		// A first request that got no answer says nothing about the limit: let the rest go.
		p.confirm(r, tk.window)
	}
}

// confirm lets the rest of a window's budget go once a request sent in it has come back.
func (p *pacer) confirm(r *routePace, window time.Time) {
	if !window.IsZero() && window.Equal(r.winStart) && !r.confirmed {
		r.confirmed = true
		p.wakeWaiters()
	}
}

// limited learns from a 429 answered to the request tk was given to, when it is evidence of a
// real limit (see evidence).
func (p *pacer) limited(key string, tk ticket, wait time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.clock.Now()
	r, ok := p.routes[key]
	if !ok {
		r = &routePace{}
		p.routes[key] = r
	}
	r.inFlight = max(0, r.inFlight-1)
	r.probing = false
	if wait <= 0 {
		// The window has just reset: retrying is enough, and there is nothing to learn. The
		// paced window starts over, so that its first request (this one's retry) goes alone.
		r.winStart = time.Time{}
		p.wakeWaiters()
		return
	}
	if !p.evidence(r, tk, now, wait) {
		// Possibly transient: only this request waits (its retry honours Retry-After). A paced
		// window whose first request this was lets the rest of its budget go.
		p.confirm(r, tk.window)
		p.wakeWaiters()
		return
	}
	reset := now.Add(wait)
	if reset.Sub(r.reset) < pollInterval {
		return // the same reset again (a request sent before the gate closed)
	}
	switch {
	case r.window > 0 && wait < r.window/10:
		// Paced and a hair early: the learned window is a little short. Re-anchor, and measure
		// the window again as the mean of the windows since the last anchor, whose error is
		// the error of one reset estimate divided by their number.
		if n := math.Round(float64(reset.Sub(r.reset)) / float64(r.window)); n >= 1 {
			r.window = time.Duration(float64(reset.Sub(r.reset)) / n)
		}
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
			r.budget, r.measured = r.answered, r.epoch
		}
	}
	r.reset, r.answered, r.sentSince, r.probing = reset, 0, 0, false
	r.epoch++
	p.wakeWaiters() // the waiters' deadlines moved
}

// evidence counts a 429 and reports whether the route's 429s show a real limit: minEvidence in
// a row within the window the first announced; or, on a route whose limit was already shown,
// a 429 to the probe sent after its budget, or to a paced window's first request a little
// before the learned window would start (the learned window is a little short, and
// re-anchoring is cheap). The caller holds p.mu.
func (p *pacer) evidence(r *routePace, tk ticket, now time.Time, wait time.Duration) bool {
	if r.streak == 0 || !now.Before(r.streakEnd) {
		r.streak, r.streakStart, r.streakEnd = 0, now, now.Add(wait)
	}
	r.streak++
	if r.streak >= minEvidence {
		r.streak = 0
		return true
	}
	// A probe is refused exactly where the learned budget says the window ends: the limit it was
	// learned from, not a fault (a probe goes alone, so it can never make a streak).
	if tk.probe && r.budget > 0 {
		return true
	}
	return r.window > 0 && r.budget > 0 && tk.first && wait > 0 && wait < r.window/10
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
