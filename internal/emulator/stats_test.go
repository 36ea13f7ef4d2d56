package emulator

import (
	"encoding/json"
	"net/http/httptest"
	"sync"
	"testing"
)

func getStats(t *testing.T, e *Emulator, method string) StatsSnapshot {
	t.Helper()
	w := httptest.NewRecorder()
	e.Handler().ServeHTTP(w, httptest.NewRequest(method, "/_emulator/stats", nil))
	if w.Code != 200 {
		t.Fatalf("stats %d %s", w.Code, w.Body)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"total", "by_route", "by_method", "by_status", "faults_by_route"} {
		if _, ok := raw[k]; !ok {
			t.Fatalf("stats lacks %q: %s", k, w.Body)
		}
	}
	var s StatsSnapshot
	if err := json.Unmarshal(w.Body.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStatsEndpoint(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	c := mkDevice(t, e, "d", nil)
	req(t, e, "GET", "/device/"+c.DeviceID, tok, nil)
	req(t, e, "GET", "/device/"+c.DeviceID+"/", tok, nil)
	req(t, e, "GET", "/device/aaaaaaaaaaaaaaaaaaaaaaaa", tok, nil)
	req(t, e, "GET", "/device", "bad", nil)
	req(t, e, "GET", "/nope", tok, nil)
	req(t, e, "GET", "/status", "", nil)

	s := getStats(t, e, "GET")
	if s.Total != 7 {
		t.Fatalf("total %d: %+v", s.Total, s)
	}
	want := map[string]int64{"POST /device": 1, "GET /device/{id}": 3, "GET /device": 1, "GET /status": 1}
	for k, v := range want {
		if s.ByRoute[k] != v {
			t.Errorf("by_route[%q] = %d, want %d (%v)", k, s.ByRoute[k], v, s.ByRoute)
		}
	}
	if len(s.ByRoute) != len(want) {
		t.Errorf("by_route has extra keys: %v", s.ByRoute)
	}
	if s.ByMethod["GET"] != 6 || s.ByMethod["POST"] != 1 {
		t.Errorf("by_method %v", s.ByMethod)
	}
	if s.ByStatus["200"] != 3 || s.ByStatus["201"] != 1 || s.ByStatus["404"] != 2 || s.ByStatus["401"] != 1 {
		t.Errorf("by_status %v", s.ByStatus)
	}
	if s.FaultsByRoute == nil || len(s.FaultsByRoute) != 0 {
		t.Errorf("faults_by_route %v", s.FaultsByRoute)
	}
	// reading stats is not counted; DELETE resets
	if s2 := getStats(t, e, "GET"); s2.Total != 7 {
		t.Fatalf("stats counted itself: %d", s2.Total)
	}
	if s3 := getStats(t, e, "DELETE"); s3.Total != 0 || len(s3.ByRoute) != 0 {
		t.Fatalf("after reset %+v", s3)
	}
	req(t, e, "GET", "/device", tok, nil)
	if s4 := getStats(t, e, "GET"); s4.Total != 1 || s4.ByRoute["GET /device"] != 1 {
		t.Fatalf("after reset and one call %+v", s4)
	}
	w := httptest.NewRecorder()
	e.Handler().ServeHTTP(w, httptest.NewRequest("POST", "/_emulator/stats", nil))
	if w.Code != 405 {
		t.Fatalf("POST stats %d", w.Code)
	}
}

func TestStatsConcurrent(t *testing.T) {
	t.Parallel()
	s := newStats()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				s.Record("GET /r/{id}", "GET", 200+g%2)
				if i%100 == 0 {
					s.RecordFault("GET /r/{id}")
					_ = s.Snapshot()
				}
			}
		}()
	}
	wg.Wait()
	snap := s.Snapshot()
	if snap.Total != 8000 || snap.ByRoute["GET /r/{id}"] != 8000 || snap.ByStatus["200"] != 4000 || snap.ByStatus["201"] != 4000 || snap.FaultsByRoute["GET /r/{id}"] != 80 {
		t.Fatalf("snapshot %+v", snap)
	}
}
