package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestOptionsToken(t *testing.T) {
	t.Parallel()
	e, err := New(Options{Token: "my-token"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = e.Close() }()
	if e.ProfileToken() != "my-token" || !isObjectID(e.ProfileID()) {
		t.Fatalf("token %q id %q", e.ProfileToken(), e.ProfileID())
	}
	req(t, e, "GET", "/device", "my-token", nil).ok(t, 200, nil)
	g := newEmu(t)
	if !strings.HasPrefix(g.ProfileToken(), "p-") || len(g.ProfileToken()) != 38 {
		t.Fatalf("generated token %q", g.ProfileToken())
	}
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
	if err := g.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func TestBoltPersistence(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.db")
	e, err := New(Options{DataPath: path})
	if err != nil {
		t.Fatal(err)
	}
	tok, pid := e.ProfileToken(), e.ProfileID()
	c := mkDevice(t, e, "persisted", map[string]any{
		"tags":                 []map[string]string{{"key": "a", "value": "b"}},
		"configuration_params": []map[string]any{{"key": "p", "value": "v"}},
	})
	var extra map[string]any
	req(t, e, "POST", "/device/token", tok, map[string]any{"device": c.DeviceID, "name": "second", "expire_time": "1 day"}).ok(t, 201, &extra)
	gone := mkDevice(t, e, "deleted", nil)
	req(t, e, "DELETE", "/device/"+gone.DeviceID, tok, nil).ok(t, 200, nil)
	before := getMap(t, e, "/device/"+c.DeviceID)
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}

	// the same file, no token given: state, profile id and token survive
	e2, err := New(Options{DataPath: path})
	if err != nil {
		t.Fatal(err)
	}
	if e2.ProfileToken() != tok || e2.ProfileID() != pid {
		t.Fatalf("identity changed: %q/%q -> %q/%q", tok, pid, e2.ProfileToken(), e2.ProfileID())
	}
	after := getMap(t, e2, "/device/"+c.DeviceID)
	a, _ := json.Marshal(after)
	b, _ := json.Marshal(before)
	if !bytes.Equal(a, b) {
		t.Fatalf("device changed across restart:\n%s\n%s", b, a)
	}
	if l := getList(t, e2, "/device"); len(l) != 1 {
		t.Fatalf("devices after restart %v", l)
	}
	if l := getList(t, e2, "/device/token/"+c.DeviceID); len(l) != 2 {
		t.Fatalf("tokens after restart %v", l)
	}
	if l := getList(t, e2, "/device/"+c.DeviceID+"/params"); len(l) != 1 || l[0]["key"] != "p" {
		t.Fatalf("params after restart %v", l)
	}
	req(t, e2, "GET", "/info", c.Token, nil).ok(t, 200, nil)
	req(t, e2, "GET", "/info", gone.Token, nil).fail(t, 401, "Invalid Token")
	if l := getList(t, e2, "/integration/connector"); len(l) != 3 {
		t.Fatalf("catalog re-seeded twice? %v", l)
	}
	if err := e2.Close(); err != nil {
		t.Fatal(err)
	}

	// an explicit token is added; the old one stays valid
	e3, err := New(Options{DataPath: path, Token: "explicit"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = e3.Close() }()
	if e3.ProfileToken() != "explicit" || e3.ProfileID() != pid {
		t.Fatalf("explicit token %q id %q", e3.ProfileToken(), e3.ProfileID())
	}
	req(t, e3, "GET", "/device", "explicit", nil).ok(t, 200, nil)
	req(t, e3, "GET", "/device", tok, nil).ok(t, 200, nil)
}

func TestBoltBadPath(t *testing.T) {
	t.Parallel()
	if _, err := New(Options{DataPath: filepath.Join(t.TempDir(), "nodir", "x", "y.db")}); err == nil {
		t.Fatal("New with an impossible path succeeded")
	}
}

func TestServerAndLatency(t *testing.T) {
	t.Parallel()
	var logBuf syncBuffer
	s := NewTestServer(t, Options{Latency: 50 * time.Millisecond, Logger: &logBuf})
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") || s.Token != s.Emulator.ProfileToken() {
		t.Fatalf("server %+v", s)
	}
	r, err := http.NewRequestWithContext(t.Context(), "GET", s.URL+"/device", nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("token", s.Token)
	start := time.Now()
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if d := time.Since(start); d < 50*time.Millisecond || resp.StatusCode != 200 {
		t.Fatalf("latency %v status %d", d, resp.StatusCode)
	}
	if !strings.Contains(logBuf.String(), "GET /device 200") {
		t.Fatalf("log %q", logBuf.String())
	}
	// /_emulator/ is not delayed
	start = time.Now()
	resp, err = http.Get(s.URL + "/_emulator/stats")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if d := time.Since(start); d >= 50*time.Millisecond {
		t.Fatalf("stats delayed %v", d)
	}
	// a cancelled request does not wait out the latency
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancel()
	r, _ = http.NewRequestWithContext(ctx, "GET", s.URL+"/device", nil)
	if _, err := http.DefaultClient.Do(r); err == nil {
		t.Fatal("request outlived its context")
	}
}

func TestConcurrentRequests(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{DataPath: filepath.Join(t.TempDir(), "c.db")})
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := `{"name":"d` + string(rune('a'+i%26)) + `","connector":"` + ConnectorHTTPSID + `","network":"` + NetworkHTTPID + `"}`
			r, _ := http.NewRequest("POST", s.URL+"/device", strings.NewReader(body))
			r.Header.Set("token", s.Token)
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				errs <- err
				return
			}
			_ = resp.Body.Close()
			if resp.StatusCode != 201 {
				errs <- errStatus(resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := len(getList(t, s.Emulator, "/device?amount=100")); n != 40 {
		t.Fatalf("%d devices", n)
	}
}

type errStatus int

func (e errStatus) Error() string { return "status " + http.StatusText(int(e)) }

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
