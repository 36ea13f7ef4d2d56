package dataplane

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const (
	testProfileToken  = "p-00000000-1111-2222-3333-444444444444"
	testDeviceToken   = "5a16405f-b32c-4c91-ae39-cbb2caba18d8"
	testAnalysisToken = "a-99999999-8888-7777-6666-555555555555"
)

// seenRequest is what the scripted API received.
type seenRequest struct {
	Method string
	Path   string
	Query  string
	Token  string
	Body   string
}

// scriptedAPI is an httptest server whose answers each test writes; it records every request.
type scriptedAPI struct {
	*httptest.Server
	mu   sync.Mutex
	seen []seenRequest
}

func newScriptedAPI(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, body string)) *scriptedAPI {
	t.Helper()
	s := &scriptedAPI{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.seen = append(s.seen, seenRequest{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("token"), string(b)})
		s.mu.Unlock()
		handler(w, r, string(b))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *scriptedAPI) requests() []seenRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seenRequest(nil), s.seen...)
}

func writeResult(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func answer(w http.ResponseWriter, result any) {
	writeResult(w, http.StatusOK, map[string]any{"status": true, "result": result})
}

func refuse(w http.ResponseWriter, code int, message string) {
	writeResult(w, code, map[string]any{"status": false, "message": message})
}

// newTestClient is a data-plane client on the scripted API with fast retries.
func newTestClient(t *testing.T, baseURL, token string) *Client {
	t.Helper()
	return wrap(newManagementClient(t, baseURL, token))
}

// newManagementClient is the module's management client, for tests that set objects up.
func newManagementClient(t *testing.T, baseURL, token string) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: baseURL, Token: token, MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fixedClock makes Insert's "now" and group predictable.
func fixedClock(d *dataAPI, now time.Time, group string) {
	d.now = func() time.Time { return now }
	d.newGroup = func() string { return group }
}
