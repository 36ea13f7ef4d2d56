package client

import (
	"context"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"
)

func TestRouteKey(t *testing.T) {
	t.Parallel()
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

// windowedLimit rate-limits one route like TagoIO: budget requests per aligned window, then 429
// with the wait until the window resets (with decimals, as the emulator does under a time scale).
type windowedLimit struct {
	budget int
	window time.Duration
	start  time.Time
	count  int
}

// answer returns the status of a request arriving at now and, for a 429, its Retry-After.
func (l *windowedLimit) answer(now time.Time) (status int, retryAfter time.Duration) {
	if s := now.Truncate(l.window); !s.Equal(l.start) {
		l.start, l.count = s, 0
	}
	l.count++
	if l.count <= l.budget {
		return http.StatusOK, 0
	}
	// Rounded to the millisecond, as the emulator writes it (three decimals).
	return http.StatusTooManyRequests, l.start.Add(l.window).Sub(now).Round(time.Millisecond)
}

// simulatedRun sends requests from concurrent workers through the pacer (or straight, without it)
// to a windowed limit, in virtual time: every step happens at a time the run computes, so the
// outcome depends on the seed alone, never on how busy the machine is. It reproduces what the
// client does around the pacer: acquire (wait for the pacer's deadline or its wake-up), send,
// report the answer, and after a 429 retry once Retry-After has passed. Each request is on the
// wire for a latency drawn from the seed (the limit counts it halfway), so that answers come back
// late by varying amounts, as they do from a real API.
func simulatedRun(t *testing.T, limit *windowedLimit, paced bool, seed uint64) []int {
	t.Helper()
	const requests, workers = 60, 8
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := newPacer(clock)
	rng := rand.New(rand.NewPCG(seed, 0))
	latency := func() time.Duration { return time.Duration(2+rng.IntN(40)) * time.Millisecond }

	type event struct {
		at     time.Time
		seq    int
		worker int
		answer bool // the answer to the worker's request arrives (else: the worker asks to send)
		status int
		wait   time.Duration
	}
	var queue []event
	seq := 0
	schedule := func(e event) {
		seq++
		e.seq = seq
		queue = append(queue, e)
	}
	next := func() event {
		best := 0
		for i, e := range queue {
			if e.at.Before(queue[best].at) || (e.at.Equal(queue[best].at) && e.seq < queue[best].seq) {
				best = i
			}
		}
		e := queue[best]
		queue = append(queue[:best], queue[best+1:]...)
		return e
	}

	tickets := make([]ticket, workers)
	waking := make([]<-chan struct{}, workers) // a waiting worker's wake-up channel
	pending := make([]int, workers)            // the seq of the worker's scheduled ask, to drop it when woken earlier
	jobs, done := requests, 0
	var statuses []int
	for w := range workers {
		jobs--
		schedule(event{at: clock.t, worker: w})
		pending[w] = seq
	}
	for done < requests {
		if len(queue) == 0 {
			t.Fatal("the simulation stalled: no worker can send and none is waiting for a deadline")
		}
		e := next()
		clock.t = e.at
		w := e.worker
		switch {
		case !e.answer && e.seq != pending[w]:
			continue // superseded by an earlier wake-up
		case !e.answer:
			waking[w] = nil
			tk, wait := ticket{}, time.Duration(0)
			if paced {
				tk, wait, waking[w] = p.tryAcquire(pacedKey)
			}
			if wait > 0 {
				schedule(event{at: clock.t.Add(wait), worker: w})
				pending[w] = seq
				continue
			}
			tickets[w] = tk
			onWire := latency()
			status, retryAfter := limit.answer(clock.t.Add(onWire / 2))
			statuses = append(statuses, status)
			schedule(event{at: clock.t.Add(onWire), worker: w, answer: true, status: status, wait: retryAfter})
		case e.status == http.StatusTooManyRequests:
			if paced {
				p.limited(pacedKey, tickets[w], e.wait)
			}
			schedule(event{at: clock.t.Add(max(e.wait, time.Millisecond)), worker: w})
			pending[w] = seq
		default:
			if paced {
				p.answered(pacedKey, tickets[w])
			}
			done++
			if jobs > 0 {
				jobs--
				schedule(event{at: clock.t, worker: w})
				pending[w] = seq
			}
		}
		// The pacer closes its wake channel when an answer may let waiters go: they ask again now.
		for v, ch := range waking {
			if ch == nil {
				continue
			}
			select {
			case <-ch:
				waking[v] = nil
				schedule(event{at: clock.t, worker: v})
				pending[v] = seq
			default:
			}
		}
	}
	return statuses
}

func count429(statuses []int) (n int) {
	for _, s := range statuses {
		if s == http.StatusTooManyRequests {
			n++
		}
	}
	return n
}

// Across many runs (each its own order of answers), the pacer learns the budget and the window
// from the first 429s and then stays under the limit: a handful of 429s while it learns, and
// almost none once it knows.
func TestPacer_learnsTheBudgetAndStopsHittingTheLimit(t *testing.T) {
	t.Parallel()
	for seed := range uint64(40) {
		paced := simulatedRun(t, &windowedLimit{budget: 5, window: 300 * time.Millisecond}, true, seed)
		unpaced := simulatedRun(t, &windowedLimit{budget: 5, window: 300 * time.Millisecond}, false, seed)
		p, u := count429(paced), count429(unpaced)
		if p*3 > u {
			t.Errorf("seed %d: pacing should cut the 429s to well under a third of the unpaced run's: paced %d of %d, unpaced %d of %d\npaced: %v",
				seed, p, len(paced), u, len(unpaced), paced)
		}
		if late := count429(paced[len(paced)/2:]); late > 3 {
			t.Errorf("seed %d: after learning, the client still hit the limit %d times in the second half: %v", seed, late, paced)
		}
	}
}

// fakeClock is a pacer clock the test moves by hand. Its timers never fire: the tests ask the
// pacer (tryAcquire) rather than wait.
type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }
func (c *fakeClock) Timer(time.Duration) (<-chan time.Time, func() bool) {
	return nil, func() bool { return true }
}

// pacedKey is the route the pacer tests pace.
const pacedKey = "POST /device"

// pacedRoute returns a pacer that has learned the route's budget and window, anchored at the clock's
// current time (a reset).
func pacedRoute(clock *fakeClock, budget int, window time.Duration) *pacer {
	p := newPacer(clock)
	p.routes[pacedKey] = &routePace{reset: clock.t, window: window, budget: budget}
	return p
}

func mustAcquire(t *testing.T, p *pacer) ticket {
	t.Helper()
	tk, wait, _ := p.tryAcquire(pacedKey)
	if wait > 0 {
		t.Fatalf("a request had to wait %s, want it sent", wait)
	}
	return tk
}

func mustWait(t *testing.T, p *pacer) time.Duration {
	t.Helper()
	_, wait, _ := p.tryAcquire(pacedKey)
	if wait <= 0 {
		t.Fatal("a request was sent, want it to wait")
	}
	return wait
}

// A window's first request goes alone; the rest of the budget follows once it is answered, and
// nothing beyond the budget goes before the next window.
func TestPacer_firstRequestOfAWindowGoesAlone(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := pacedRoute(clock, 3, time.Second)
	clock.advance(100 * time.Millisecond)
	first := mustAcquire(t, p)
	mustWait(t, p) // the first is not answered yet
	p.answered(pacedKey, first)
	for range 2 {
		mustAcquire(t, p)
	}
	if wait := mustWait(t, p); wait < 800*time.Millisecond {
		t.Errorf("the fourth request of a 3-request window waits %s, want until the next window (about 900ms)", wait)
	}
}

// An answer to a request of an earlier window does not let the new window's budget go.
func TestPacer_anAnswerFromTheLastWindowDoesNotConfirmTheNext(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := pacedRoute(clock, 3, time.Second)
	clock.advance(100 * time.Millisecond)
	old := mustAcquire(t, p)
	clock.advance(time.Second) // the next window
	mustAcquire(t, p)
	p.answered(pacedKey, old)
	mustWait(t, p)
}

// Each window starts a margin after its estimated reset: a request that arrives inside the
// margin waits it out instead of racing the reset.
func TestPacer_waitsOutTheMarginAtAWindowStart(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := pacedRoute(clock, 10, time.Second)
	clock.advance(time.Second + 5*time.Millisecond) // 5ms into the second window
	if wait := mustWait(t, p); wait != paceMargin(time.Second)-5*time.Millisecond {
		t.Errorf("wait = %s, want the rest of the %s margin", wait, paceMargin(time.Second))
	}
	clock.advance(paceMargin(time.Second))
	mustAcquire(t, p)
}

// A window learned 1% short makes a paced window start before the API resets. The 429 that
// follows re-anchors the pacer and measures the window again over every window since the last
// anchor, so the estimate becomes exact instead of drifting further.
func TestPacer_aShortWindowIsCorrectedOverTheWindowsSinceTheAnchor(t *testing.T) {
	t.Parallel()
	anchor := time.Unix(1_700_000_000, 0)
	clock := &fakeClock{t: anchor}
	p := pacedRoute(clock, 10, 990*time.Millisecond) // the API's window is 1s
	// Five windows later the estimate is 50ms early; the first request of the window is refused.
	clock.t = anchor.Add(5*990*time.Millisecond + paceMargin(990*time.Millisecond))
	probe := mustAcquire(t, p)
	trueReset := anchor.Add(5 * time.Second)
	p.limited(pacedKey, probe, trueReset.Sub(clock.t))
	if got := p.routes[pacedKey].window; got != time.Second {
		t.Errorf("window = %s after the correction, want 1s", got)
	}
	if got := p.routes[pacedKey].budget; got != 10 {
		t.Errorf("budget = %d, want the learned 10 kept", got)
	}
	mustWait(t, p) // gated until the reset the 429 announced
	clock.t = trueReset.Add(paceMargin(time.Second))
	mustAcquire(t, p)
}

// A 429 whose window has already reset (Retry-After: 0) starts the window's count over, so its
// retry goes first and alone rather than waiting for an answer that will never confirm it.
func TestPacer_aRefusalAtTheResetStartsTheWindowOver(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := pacedRoute(clock, 3, time.Second)
	clock.advance(100 * time.Millisecond)
	p.limited(pacedKey, mustAcquire(t, p), 0)
	mustAcquire(t, p) // the retry
	mustWait(t, p)    // and it goes alone
}

// Waiters wake as soon as the first answer comes, not a poll interval later.
func TestPacer_waitersWakeOnTheFirstAnswer(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := pacedRoute(clock, 3, time.Second)
	clock.advance(100 * time.Millisecond)
	first := mustAcquire(t, p)
	_, _, wake := p.tryAcquire(pacedKey)
	select {
	case <-wake:
		t.Fatal("woken before any answer")
	default:
	}
	p.answered(pacedKey, first)
	select {
	case <-wake:
	default:
		t.Fatal("not woken by the first answer")
	}
}

// A request sent before the first 429 but answered after it counts in the window it was sent in:
// it neither clears the 429s' evidence (it was inside the spent budget) nor is left out of the
// budget they measure.
func TestPacer_aLateAnswerCountsInTheWindowItWasSentIn(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := newPacer(clock)
	var inFlight []ticket
	for range 10 { // never limited yet: all ten go at once
		inFlight = append(inFlight, mustAcquire(t, p))
	}
	for _, tk := range inFlight[:9] {
		p.answered(pacedKey, tk)
	}
	clock.advance(time.Millisecond)
	refuse(t, p, 500*time.Millisecond) // the eleventh is refused while the tenth is on its way...
	mustWait(t, p)                     // ...and nothing more goes until an answer says more
	p.answered(pacedKey, inFlight[9])  // the tenth succeeds: it was sent before the limit
	for range minEvidence - 1 {        // the next are refused too: a limit
		refuse(t, p, 500*time.Millisecond)
	}
	if got := p.routes[pacedKey].budget; got != 10 {
		t.Errorf("budget = %d, want 10: the nine answered before the 429 and the late tenth", got)
	}
	// An answer from the new window counts towards the next measurement, not this budget.
	clock.advance(time.Second)
	p.answered(pacedKey, mustAcquire(t, p))
	if r := p.routes[pacedKey]; r.budget != 10 || r.answered != 1 {
		t.Errorf("budget %d, answered %d; want 10 and 1", r.budget, r.answered)
	}
}

// refuse sends one request on the route and answers it 429 with the given Retry-After.
func refuse(t *testing.T, p *pacer, wait time.Duration) {
	t.Helper()
	p.limited(pacedKey, mustAcquire(t, p), wait)
}

// answer sends one request on the route and answers it.
func answer(t *testing.T, p *pacer) {
	t.Helper()
	p.answered(pacedKey, mustAcquire(t, p))
}

// An isolated 429 (a transient fault, a busy proxy) teaches nothing: the route is neither gated
// nor given a budget, so only the refused request waits (its retry honours Retry-After).
func TestPacer_anIsolatedRefusalTeachesNothing(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := newPacer(clock)
	for range 5 {
		answer(t, p)
	}
	for range minEvidence - 1 { // even two in a row
		refuse(t, p, time.Second)
	}
	r := p.routes[pacedKey]
	if r.budget != 0 || r.window != 0 || !r.reset.IsZero() {
		t.Fatalf("learned budget %d, window %s, reset %v from %d refusals; want nothing", r.budget, r.window, r.reset, minEvidence-1)
	}
	answer(t, p)   // the next request is answered: the 429s were faults
	for range 20 { // and the route is not paced: twenty go at once
		mustAcquire(t, p)
	}
}

// 429s separated by other answers are transient faults, however many there are.
func TestPacer_refusalsBetweenAnswersAreNotALimit(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := newPacer(clock)
	for range 50 { // a 429 for every third request, as under a 33% fault rate
		answer(t, p)
		answer(t, p)
		refuse(t, p, time.Second)
		clock.advance(10 * time.Millisecond)
	}
	if r := p.routes[pacedKey]; r.budget != 0 || !r.reset.IsZero() {
		t.Fatalf("learned budget %d, reset %v from interleaved refusals; want nothing", r.budget, r.reset)
	}
}

// 429s in a row but in different announced windows (each after the reset the first announced)
// are not one limit's window either.
func TestPacer_refusalsInDifferentWindowsAreNotALimit(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := newPacer(clock)
	for range 2 * minEvidence {
		refuse(t, p, time.Second)
		clock.advance(1100 * time.Millisecond)
	}
	if r := p.routes[pacedKey]; r.budget != 0 || !r.reset.IsZero() {
		t.Fatalf("learned budget %d, reset %v; want nothing", r.budget, r.reset)
	}
}

// Several 429s in a row within one announced window are a limit: the route is gated until the
// reset, and the budget is what it answered before.
func TestPacer_refusalsInARowWithinAWindowAreALimit(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := newPacer(clock)
	for range 7 {
		answer(t, p)
	}
	for i := range minEvidence {
		refuse(t, p, time.Second-time.Duration(i)*10*time.Millisecond) // the same reset, announced later
		clock.advance(10 * time.Millisecond)
	}
	r := p.routes[pacedKey]
	if r.budget != 7 {
		t.Errorf("budget = %d, want the 7 answered before the limit", r.budget)
	}
	if wait := mustWait(t, p); wait < 900*time.Millisecond {
		t.Errorf("wait = %s, want until the announced reset (about 950ms)", wait)
	}
}

// A wait for the rate limit is reported before it starts, so that it can be logged.
func TestPacer_reportsAWaitBeforeWaiting(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := newPacer(clock)
	for range minEvidence {
		refuse(t, p, 3*time.Second)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the wait itself is not the test's business: it ends at once
	var reported time.Duration
	if _, err := p.acquire(ctx, pacedKey, func(d time.Duration) { reported = d }); err == nil {
		t.Fatal("acquire on a cancelled context succeeded while the route is gated")
	}
	if reported != 3*time.Second {
		t.Errorf("reported wait %s, want 3s", reported)
	}
}

// Once a limit was shown, the probe sent after spending the learned budget is refused where the
// window ends: that single 429 is the limit's, and it gates the route until the reset.
func TestPacer_aRefusedProbeIsEvidence(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := newPacer(clock)
	p.routes[pacedKey] = &routePace{reset: clock.t, budget: 2, measured: 1, epoch: 1}
	answer(t, p)
	answer(t, p)
	probe := mustAcquire(t, p)
	if !probe.probe {
		t.Fatal("the request after the budget is not a probe")
	}
	p.limited(pacedKey, probe, 800*time.Millisecond)
	if wait := mustWait(t, p); wait != 800*time.Millisecond {
		t.Errorf("wait = %s, want the route gated until the reset the probe's 429 announced (800ms)", wait)
	}
}
