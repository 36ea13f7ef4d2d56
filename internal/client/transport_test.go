package client_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestDo_SendsTokenUserAgentAndDecodesResult(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		ok(w, map[string]any{"id": "6298fcc3e0b6840012b6abfa", "name": "Boiler"})
	})
	c, _ := newTestClient(t, api.URL)
	d, err := c.Devices.Get(context.Background(), "6298fcc3e0b6840012b6abfa")
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "Boiler" {
		t.Errorf("name = %q, want Boiler", d.Name)
	}
	req := api.Requests()[0]
	if got := req.Header.Get("token"); got != testToken {
		t.Errorf("token header = %q", got)
	}
	if got := req.Header.Get("User-Agent"); got != "terraform-provider-tagoio/test" {
		t.Errorf("user agent = %q", got)
	}
	if req.Path != "/device/6298fcc3e0b6840012b6abfa" {
		t.Errorf("path = %q", req.Path)
	}
}

func TestDo_ErrorForms(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		status      int
		contentType string
		body        string
		wantStatus  int
		wantMessage string
	}{
		{"message", 400, "application/json", `{"status":false,"message":"Invalid name"}`, 400, "Invalid name"},
		{"result message", 400, "application/json", `{"status":false,"result":{"message":"Bad tags"}}`, 400, "Bad tags"},
		{"result string", 401, "application/json", `{"status":false,"result":"Authorization denied"}`, 401, "Authorization denied"},
		{"result object", 422, "application/json", `{"status":false,"result":{"name":"required"}}`, 422, `{"name":"required"}`},
		{"field errors", 400, "application/json", `{"status":false,"message":"Error on Body parameters","field_errors":{"x":1}}`, 400, "Error on Body parameters"},
		{"html from a proxy", 403, "text/html", `<html>Forbidden</html>`, 403, "<html>Forbidden</html>"},
		{"empty body", 404, "application/json", ``, 404, ""},
		{"2xx with status false", 200, "application/json", `{"status":false,"message":"Device is deactivated"}`, 422, "Device is deactivated"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
				w.Header().Set("Content-Type", tc.contentType)
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			c, _ := newTestClient(t, api.URL)
			_, err := c.Devices.Get(context.Background(), "6298fcc3e0b6840012b6abfa")
			var apiErr *client.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %v (%T) is not an APIError", err, err)
			}
			if apiErr.StatusCode != tc.wantStatus || apiErr.Message != tc.wantMessage {
				t.Errorf("got %d %q, want %d %q", apiErr.StatusCode, apiErr.Message, tc.wantStatus, tc.wantMessage)
			}
		})
	}
}

func TestDo_BareResultWithoutEnvelope(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		writeJSON(w, 200, 42)
	})
	c, _ := newTestClient(t, api.URL)
	n, err := c.Devices.DataAmount(context.Background(), "6298fcc3e0b6840012b6abfa")
	if err != nil || n != 42 {
		t.Fatalf("got %d, %v; want 42", n, err)
	}
}

func TestIsNotFound(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err  error
		want bool
	}{
		{&client.APIError{StatusCode: 404, Message: "Entity Not Found"}, true},
		{&client.APIError{StatusCode: 400, Message: "Device not found"}, true},
		{&client.APIError{StatusCode: 400, Message: "Invalid name"}, false},
		{&client.APIError{StatusCode: 400, Message: "Invalid Device ID"}, true},
		{&client.APIError{StatusCode: 422, Message: "Invalid Analysis ID"}, true},
		{&client.APIError{StatusCode: 422, Message: "Unknown dashboard id"}, true},
		{&client.APIError{StatusCode: 400, Message: "The action id is invalid"}, true},
		{&client.APIError{StatusCode: 422, Message: "Action not found"}, true},
		{&client.APIError{StatusCode: 400, Message: "Invalid Dictionary ID"}, true},
		{&client.APIError{StatusCode: 422, Message: "Invalid Entity ID"}, true},
		{&client.APIError{StatusCode: 400, Message: "Invalid Authorization ID"}, true},
		{&client.APIError{StatusCode: 404, Message: "Authorization not found"}, true},
		{&client.APIError{StatusCode: 400, Message: "Invalid Connector ID"}, true},
		{&client.APIError{StatusCode: 422, Message: "Network not found"}, true},
		{&client.APIError{StatusCode: 422, Message: "Invalid payload"}, false},
		{&client.APIError{StatusCode: 400, Message: "Invalid identifier format"}, false},
		{&client.APIError{StatusCode: 400, Message: "name is invalid"}, false},
		{&client.APIError{StatusCode: 401, Message: "Invalid Token"}, false},
		{&client.APIError{StatusCode: 403, Message: "Invalid Device ID"}, false},
		{&client.APIError{StatusCode: 409, Message: "Unknown id"}, false},
		{&client.APIError{StatusCode: 500, Message: "not found"}, false},
		{errors.New("404 not found"), false},
		{nil, false},
	}
	for _, tc := range cases {
		if got := client.IsNotFound(tc.err); got != tc.want {
			t.Errorf("IsNotFound(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestRetry_Statuses(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		method    string
		status    int
		wantCalls int
	}{
		{"429 GET retried", http.MethodGet, 429, 2},
		{"429 POST retried", http.MethodPost, 429, 2},
		{"503 POST retried", http.MethodPost, 503, 2},
		{"500 GET retried", http.MethodGet, 500, 2},
		{"502 PUT retried", http.MethodPut, 502, 2},
		{"504 DELETE retried", http.MethodDelete, 504, 2},
		{"400 GET not retried", http.MethodGet, 400, 1},
		{"404 DELETE not retried", http.MethodDelete, 404, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
				if calls.Add(1) == 1 {
					fail(w, tc.status, "first attempt fails")
					return
				}
				ok(w, "Successfully Updated")
			})
			c, _ := newTestClient(t, api.URL)
			_ = c.Do(context.Background(), client.Request{Method: tc.method, Path: "/device/x", Body: map[string]string{}}, nil)
			if got := int(calls.Load()); got != tc.wantCalls {
				t.Errorf("calls = %d, want %d", got, tc.wantCalls)
			}
		})
	}
}

func TestRetry_429WaitsForRetryAfterInMessage(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		if calls.Add(1) == 1 {
			fail(w, 429, "Too many requests (Retry-After: 1)")
			return
		}
		ok(w, []any{})
	})
	c, logger := newTestClient(t, api.URL)
	if _, err := c.Devices.List(context.Background(), client.ListOptions{}); err != nil {
		t.Fatal(err)
	}
	retries := logger.withMsg("TagoIO API retrying")
	if len(retries) != 1 {
		t.Fatalf("want one retry, log:\n%s", logger)
	}
	waitText, _ := retries[0].Fields["wait"].(string)
	wait, err := time.ParseDuration(waitText)
	if err != nil || wait < time.Second || wait > 1250*time.Millisecond {
		t.Errorf("wait = %v (%v), want the 1s the message asked for", wait, err)
	}
}

func TestRetry_429HeaderBeatsMessage(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			fail(w, 429, "Too many requests (Retry-After: 30)")
			return
		}
		ok(w, []any{})
	})
	c, logger := newTestClient(t, api.URL)
	start := time.Now()
	if _, err := c.Devices.List(context.Background(), client.ListOptions{}); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("waited for the message's 30s although the header said 0; log:\n%s", logger)
	}
}

func TestRetry_ExhaustedReturnsTheLastAnswer(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		w.Header().Set("Retry-After", "0")
		fail(w, 429, "Too many requests (Retry-After: 0)")
	})
	c, _ := newTestClient(t, api.URL, func(cfg *client.Config) { cfg.MaxRetries = 2 })
	_, err := c.Devices.Get(context.Background(), "6298fcc3e0b6840012b6abfa")
	if !client.IsRateLimited(err) {
		t.Fatalf("err = %v, want a 429 APIError", err)
	}
	if got := len(api.Requests()); got != 3 {
		t.Errorf("requests = %d, want 1 + 2 retries", got)
	}
}

func TestRetry_NeverOutlivesTheContextDeadline(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		fail(w, 429, "Too many requests (Retry-After: 30)")
	})
	c, _ := newTestClient(t, api.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.Devices.Get(ctx, "6298fcc3e0b6840012b6abfa")
	if !client.IsRateLimited(err) {
		t.Fatalf("err = %v, want the 429 that could not be waited for", err)
	}
	if time.Since(start) > time.Second {
		t.Errorf("slept %v although the wait could not fit in the deadline", time.Since(start))
	}
	if len(api.Requests()) != 1 {
		t.Errorf("requests = %d, want 1", len(api.Requests()))
	}
}

func TestRetry_ContextCancelledDuringBackoff(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		fail(w, 503, "maintenance (Retry-After: 5)")
	})
	ctx, cancel := context.WithCancel(context.Background())
	// The cancellation comes when the client announces its wait, that is during the backoff.
	logger := &cancelOnRetry{cancel: cancel}
	c, _ := newTestClient(t, api.URL, func(cfg *client.Config) { cfg.Logger = logger })
	start := time.Now()
	_, err := c.Devices.Get(ctx, "6298fcc3e0b6840012b6abfa")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if !logger.retried.Load() || len(api.Requests()) != 1 {
		t.Errorf("retry announced %v, requests %d: want the one request, then a cancelled wait", logger.retried.Load(), len(api.Requests()))
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("cancellation took %v (the API asked for 5s)", time.Since(start))
	}
}

// cancelOnRetry cancels a context when the client logs that it is about to wait for a retry.
type cancelOnRetry struct {
	memLogger
	cancel  context.CancelFunc
	retried atomic.Bool
}

// Warn is where the client announces a retry (a WARN line users see with TF_LOG=WARN).
func (l *cancelOnRetry) Warn(ctx context.Context, msg string, fields map[string]any) {
	l.memLogger.Warn(ctx, msg, fields)
	if msg == "TagoIO API retrying" {
		l.retried.Store(true)
		l.cancel()
	}
}

func TestRetry_ConnectionErrors(t *testing.T) {
	t.Parallel()
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		t.Run(method, func(t *testing.T) {
			var calls atomic.Int32
			api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
				if calls.Add(1) == 1 {
					dropConnection(t, w)
					return
				}
				ok(w, "Successfully Updated")
			})
			c, _ := newTestClient(t, api.URL)
			if err := c.Do(context.Background(), client.Request{Method: method, Path: "/device/x"}, nil); err != nil {
				t.Fatalf("err = %v, want success after a retry", err)
			}
			if calls.Load() != 2 {
				t.Errorf("calls = %d, want 2", calls.Load())
			}
		})
	}
}

func TestRetry_RefusedConnectionIsRetriedEvenForPOST(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) { ok(w, nil) })
	url := api.URL
	api.Close() // nothing listens any more: every dial is refused
	c, logger := newTestClient(t, url, func(cfg *client.Config) { cfg.MaxRetries = 2 })
	err := c.Do(context.Background(), client.Request{Method: http.MethodPost, Path: "/device", Body: map[string]string{}}, nil)
	var reqErr *client.RequestError
	if !errors.As(err, &reqErr) || !reqErr.NotSent {
		t.Fatalf("err = %v, want a RequestError with NotSent", err)
	}
	if got := len(logger.withMsg("TagoIO API retrying")); got != 2 {
		t.Errorf("retries = %d, want 2; log:\n%s", got, logger)
	}
}

func TestNew_RejectsBadURLs(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"", "api.tago.io", "ftp://api.tago.io", "://x"} {
		if _, err := client.New(client.Config{BaseURL: u, Token: testToken}); err == nil {
			t.Errorf("New(%q) accepted a bad URL", u)
		}
	}
	if _, err := client.RegionURL("mars-1"); err == nil || !strings.Contains(err.Error(), "us-e1") {
		t.Errorf("RegionURL(mars-1) = %v, want an error listing the regions", err)
	}
}

// gatedLogger is a memLogger that keeps Trace lines only when trace is on, and counts how often
// it was asked.
type gatedLogger struct {
	memLogger
	trace bool
	asked atomic.Int32
}

func (l *gatedLogger) IsTrace(context.Context) bool { l.asked.Add(1); return l.trace }

// TestDo_BodiesAreMaskedForTheLogOnlyWhenTraceIsOn: with trace off the client writes no body
// line at all (it would mask a whole page of records for nothing); with trace on it writes
// both bodies, masked.
func TestDo_BodiesAreMaskedForTheLogOnlyWhenTraceIsOn(t *testing.T) {
	t.Parallel()
	const deviceToken = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		ok(w, map[string]any{"token": deviceToken, "name": "t1"})
	})
	for _, on := range []bool{false, true} {
		logger := &gatedLogger{trace: on}
		c, _ := newTestClient(t, api.URL, func(cfg *client.Config) { cfg.Logger = logger })
		if _, err := c.DeviceTokens.Create(context.Background(), client.DeviceTokenCreate{Device: "6298fcc3e0b6840012b6abfa", Name: "t1", Permission: "full"}); err != nil {
			t.Fatal(err)
		}
		if logger.asked.Load() == 0 {
			t.Errorf("trace %v: the client never asked the logger whether trace is on", on)
		}
		bodies := len(logger.withMsg("TagoIO API request body")) + len(logger.withMsg("TagoIO API response body"))
		switch {
		case !on && bodies != 0:
			t.Errorf("trace off: %d body lines written", bodies)
		case on && bodies != 2:
			t.Errorf("trace on: %d body lines, want the request's and the response's:\n%s", bodies, logger.String())
		}
		if out := logger.String(); strings.Contains(out, deviceToken) {
			t.Errorf("trace %v: the device token is in the log:\n%s", on, out)
		}
	}
}

// TestRetry_UnreachableAPIFailsFastNamingURLAndCause: a refused connection, a name that does
// not resolve and an untrusted TLS certificate are each retried a few times (not max_retries
// times), then fail with an error that names the API URL and the cause; every retry is a WARN.
func TestRetry_UnreachableAPIFailsFastNamingURLAndCause(t *testing.T) {
	refused := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) { ok(w, nil) })
	refusedURL := refused.URL
	refused.Close()
	tlsAPI := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { ok(w, nil) }))
	t.Cleanup(tlsAPI.Close)
	noDNS := &http.Client{Transport: &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "api.nowhere.example", IsNotFound: true}}
	}}}
	for _, tc := range []struct {
		name, url string
		http      *http.Client
		cause     string
	}{
		{"refused", refusedURL, nil, "the connection was refused"},
		{"dns", "https://api.nowhere.example", noDNS, "does not resolve (DNS)"},
		{"tls", tlsAPI.URL, nil, "TLS certificate is not trusted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, logger := newTestClient(t, tc.url, func(cfg *client.Config) {
				cfg.MaxRetries = client.DefaultMaxRetries
				cfg.HTTPClient = tc.http
			})
			err := c.Do(context.Background(), client.Request{Method: http.MethodGet, Path: "/device"}, nil)
			if err == nil {
				t.Fatal("want an error")
			}
			for _, want := range []string{"cannot reach the TagoIO API at " + tc.url, tc.cause} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			retries := logger.withMsg("TagoIO API retrying")
			if len(retries) != 3 {
				t.Errorf("retries = %d, want 3 quick ones (not %d); log:\n%s", len(retries), client.DefaultMaxRetries, logger)
			}
			for _, r := range retries {
				if r.Level != "WARN" {
					t.Errorf("a retry was logged at %s, want WARN", r.Level)
				}
			}
		})
	}
}
