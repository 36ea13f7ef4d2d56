package client_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const testToken = "p-00000000-1111-2222-3333-444444444444"

// recordedRequest is what the fake API saw.
type recordedRequest struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   string
}

// fakeAPI is a scripted httptest server: each test supplies the handler and reads back the
// requests it received.
type fakeAPI struct {
	*httptest.Server
	mu       sync.Mutex
	requests []recordedRequest
}

func newFakeAPI(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, body string)) *fakeAPI {
	t.Helper()
	f := &fakeAPI{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var sb strings.Builder
		if r.Body != nil {
			buf := make([]byte, 4096)
			for {
				n, err := r.Body.Read(buf)
				sb.Write(buf[:n])
				if err != nil {
					break
				}
			}
		}
		f.mu.Lock()
		f.requests = append(f.requests, recordedRequest{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), sb.String()})
		f.mu.Unlock()
		handler(w, r, sb.String())
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) Requests() []recordedRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recordedRequest(nil), f.requests...)
}

func (f *fakeAPI) posts(pathPrefix string) int {
	n := 0
	for _, r := range f.Requests() {
		if r.Method == http.MethodPost && strings.HasPrefix(r.Path, pathPrefix) {
			n++
		}
	}
	return n
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func ok(w http.ResponseWriter, result any) {
	writeJSON(w, http.StatusOK, map[string]any{"status": true, "result": result})
}

func fail(w http.ResponseWriter, code int, message string) {
	writeJSON(w, code, map[string]any{"status": false, "message": message})
}

// dropConnection closes the connection without an answer: the request may have been processed.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	hj, okHJ := w.(http.Hijacker)
	if !okHJ {
		t.Fatal("response writer cannot hijack")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.Close()
}

// logEntry is one line the client logged.
type logEntry struct {
	Level  string
	Msg    string
	Fields map[string]any
}

type memLogger struct {
	mu      sync.Mutex
	entries []logEntry
}

func (l *memLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	l.add("DEBUG", msg, fields)
}
func (l *memLogger) Trace(_ context.Context, msg string, fields map[string]any) {
	l.add("TRACE", msg, fields)
}
func (l *memLogger) Warn(_ context.Context, msg string, fields map[string]any) {
	l.add("WARN", msg, fields)
}

func (l *memLogger) add(level, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, logEntry{level, msg, fields})
}

func (l *memLogger) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	for _, e := range l.entries {
		fmt.Fprintf(&b, "%s %s %v\n", e.Level, e.Msg, e.Fields)
	}
	return b.String()
}

func (l *memLogger) withMsg(msg string) []logEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []logEntry
	for _, e := range l.entries {
		if e.Msg == msg {
			out = append(out, e)
		}
	}
	return out
}

type clientOption func(*client.Config)

func newTestClient(t *testing.T, baseURL string, opts ...clientOption) (*client.Client, *memLogger) {
	t.Helper()
	logger := &memLogger{}
	cfg := client.Config{
		BaseURL:      baseURL,
		Token:        testToken,
		UserAgent:    "terraform-provider-tagoio/test",
		MaxRetries:   3,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
		Logger:       logger,
	}
	for _, o := range opts {
		o(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, logger
}

func isoMillis(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
