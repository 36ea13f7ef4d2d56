package emulator

import (
	"math/rand/v2"
	"net/http"
	"sync"
)

// FaultOptions inject failures so that clients can be tested against an unreliable API.
// Rates are probabilities between 0 and 1, drawn per API request from a generator seeded with
// Seed, so that a run is reproducible (up to the order in which concurrent requests arrive).
type FaultOptions struct {
	Rate429  float64 // refused before processing with the API's 429 body and Retry-After
	Rate503  float64 // refused before processing with a 503
	Rate500  float64 // processed, then answered 500: the client cannot know the outcome
	RateDrop float64 // processed, then the connection is closed without an answer
	Seed     uint64
}

func (f FaultOptions) enabled() bool {
	return f.Rate429 > 0 || f.Rate503 > 0 || f.Rate500 > 0 || f.RateDrop > 0
}

// faultInjector draws faults from one seeded generator.
type faultInjector struct {
	opts FaultOptions
	mu   sync.Mutex
	rng  *rand.Rand
}

func newFaultInjector(opts FaultOptions) *faultInjector {
	return &faultInjector{opts: opts, rng: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))}
}

type faultKind int

const (
	faultNone faultKind = iota
	fault429
	fault503
	fault500
	faultDrop
)

func (f *faultInjector) draw() faultKind {
	f.mu.Lock()
	x := f.rng.Float64()
	f.mu.Unlock()
	for _, k := range []struct {
		rate float64
		kind faultKind
	}{{f.opts.Rate429, fault429}, {f.opts.Rate503, fault503}, {f.opts.Rate500, fault500}, {f.opts.RateDrop, faultDrop}} {
		if x < k.rate {
			return k.kind
		}
		x -= k.rate
	}
	return faultNone
}

// faultMiddleware injects the configured faults on matched API routes. 429 and 503 happen
// before the request is processed; 500 and dropped connections after it was processed, which
// is what makes a create ambiguous for the client.
func (e *Emulator) faultMiddleware(next Handler) Handler {
	if !e.opts.Faults.enabled() {
		return next
	}
	return func(c *Ctx) {
		if c.Route == nil {
			next(c)
			return
		}
		kind := e.faults.draw()
		switch kind {
		case faultNone:
			next(c)
			return
		case fault429:
			e.stats.RecordFault(c.RouteKey())
			c.W.Header().Set("Retry-After", "1")
			writeError(c.W, errorf(http.StatusTooManyRequests, "Too many requests (Retry-After: 1)"))
			return
		case fault503:
			e.stats.RecordFault(c.RouteKey())
			c.W.Header().Set("Retry-After", "1")
			writeError(c.W, errorf(http.StatusServiceUnavailable, "Service Unavailable"))
			return
		}
		// Process for real into a buffer, then lose the answer.
		answer := c.W
		c.W = &statusWriter{ResponseWriter: newDiscardWriter()}
		next(c)
		c.W = answer
		e.stats.RecordFault(c.RouteKey())
		if kind == fault500 {
			writeError(c.W, errorf(http.StatusInternalServerError, "Internal Server Error"))
			return
		}
		e.dropConnection(c)
	}
}

// dropConnection closes the client's connection without an answer. The stats record it as
// status 499 ("no answer").
func (e *Emulator) dropConnection(c *Ctx) {
	conn, _, err := http.NewResponseController(c.W.ResponseWriter).Hijack()
	if err != nil { // HTTP/2 or a writer that cannot hijack: abort the handler instead
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// discardWriter swallows a response that the fault injector throws away.
type discardWriter struct{ header http.Header }

func newDiscardWriter() *discardWriter               { return &discardWriter{header: http.Header{}} }
func (d *discardWriter) Header() http.Header         { return d.header }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}

// scriptedFaults are failures a test asks for on one route (FailNext), on top of FaultOptions.
type scriptedFaults struct {
	mu      sync.Mutex
	pending map[string]int // route key ("GET /device/{id}") -> requests still to fail
	skip    map[string]int // route key -> requests still let through before those fail
}

// FailNext makes the next `times` requests to the route (method and template, as registered,
// e.g. "GET", "/device/{id}") answer 500 before they are processed: a test uses it to lose the
// read that follows a create. Each failure counts in the stats' faults.
func (e *Emulator) FailNext(method, template string, times int) {
	e.scripted.mu.Lock()
	defer e.scripted.mu.Unlock()
	if e.scripted.pending == nil {
		e.scripted.pending = map[string]int{}
	}
	e.scripted.pending[method+" "+template] += times
}

// FailAfter is FailNext once `skip` requests to the route have been let through: a test uses it
// when a create reads the route before it writes (a file's existence check) and the read to lose
// is the one after the write.
func (e *Emulator) FailAfter(method, template string, skip, times int) {
	e.scripted.mu.Lock()
	if e.scripted.skip == nil {
		e.scripted.skip = map[string]int{}
	}
	e.scripted.skip[method+" "+template] += skip
	e.scripted.mu.Unlock()
	e.FailNext(method, template, times)
}

// take reports whether the request to route key must fail, and counts it.
func (s *scriptedFaults) take(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending[key] <= 0 {
		return false
	}
	if s.skip[key] > 0 {
		s.skip[key]--
		return false
	}
	s.pending[key]--
	return true
}

// scriptedFaultMiddleware answers 500 to the requests FailNext asked for.
func (e *Emulator) scriptedFaultMiddleware(next Handler) Handler {
	return func(c *Ctx) {
		if c.Route != nil && e.scripted.take(c.Route.Method+" "+c.Route.Template) {
			e.stats.RecordFault(c.RouteKey())
			writeError(c.W, errorf(http.StatusInternalServerError, "Internal Server Error"))
			return
		}
		next(c)
	}
}
