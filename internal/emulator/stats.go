package emulator

import (
	"strconv"
	"sync"
	"sync/atomic"
)

// Stats counts API requests. Increments take a read lock and an atomic add (the write
// lock only when a key is seen for the first time), so counting stays cheap under
// concurrency. Requests to /_emulator/ are never counted.
type Stats struct {
	mu       sync.RWMutex
	total    atomic.Int64
	byRoute  map[string]*atomic.Int64
	byMethod map[string]*atomic.Int64
	byStatus map[string]*atomic.Int64
	faults   map[string]*atomic.Int64
}

// StatsSnapshot is the JSON document served by GET /_emulator/stats.
type StatsSnapshot struct {
	Total         int64            `json:"total"`
	ByRoute       map[string]int64 `json:"by_route"`
	ByMethod      map[string]int64 `json:"by_method"`
	ByStatus      map[string]int64 `json:"by_status"`
	FaultsByRoute map[string]int64 `json:"faults_by_route"`
}

func newStats() *Stats {
	s := &Stats{}
	s.Reset()
	return s
}

// Reset zeroes every counter.
func (s *Stats) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total.Store(0)
	s.byRoute = map[string]*atomic.Int64{}
	s.byMethod = map[string]*atomic.Int64{}
	s.byStatus = map[string]*atomic.Int64{}
	s.faults = map[string]*atomic.Int64{}
}

// counter returns the counter for key in the map chosen by pick, creating it.
func (s *Stats) counter(pick func() map[string]*atomic.Int64, key string) *atomic.Int64 {
	s.mu.RLock()
	c := pick()[key]
	s.mu.RUnlock()
	if c != nil {
		return c
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := pick()
	if c = m[key]; c == nil {
		c = new(atomic.Int64)
		m[key] = c
	}
	return c
}

// Record counts one finished request. routeKey is "METHOD /template" or "" when no
// route matched.
func (s *Stats) Record(routeKey, method string, status int) {
	s.total.Add(1)
	if routeKey != "" {
		s.counter(func() map[string]*atomic.Int64 { return s.byRoute }, routeKey).Add(1)
	}
	s.counter(func() map[string]*atomic.Int64 { return s.byMethod }, method).Add(1)
	s.counter(func() map[string]*atomic.Int64 { return s.byStatus }, strconv.Itoa(status)).Add(1)
}

// RecordFault counts an injected fault on a route (used by the fault-injection slice).
func (s *Stats) RecordFault(routeKey string) {
	s.counter(func() map[string]*atomic.Int64 { return s.faults }, routeKey).Add(1)
}

// Snapshot copies the counters.
func (s *Stats) Snapshot() StatsSnapshot {
	s.mu.RLock()
	defer s.mu.RUnlock()
	cp := func(m map[string]*atomic.Int64) map[string]int64 {
		out := make(map[string]int64, len(m))
		for k, v := range m {
			out[k] = v.Load()
		}
		return out
	}
	return StatsSnapshot{
		Total:         s.total.Load(),
		ByRoute:       cp(s.byRoute),
		ByMethod:      cp(s.byMethod),
		ByStatus:      cp(s.byStatus),
		FaultsByRoute: cp(s.faults),
	}
}
