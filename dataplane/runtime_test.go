package dataplane

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestReadSSE(t *testing.T) {
	stream := ": keep-alive\n\n" +
		"data: {\"a\":1}\n\n" +
		"event: analysis_trigger\r\ndata: line1\r\ndata:line2\r\nid: 7\r\n\r\n" +
		"retry: 2500\n" +
		"data\n\n" + // a field with no colon: empty data
		"event: ignored-without-data\n\n" +
		"data: unterminated" // no blank line: not dispatched
	var got []sseEvent
	if err := readSSE(strings.NewReader(stream), func(e sseEvent) { got = append(got, e) }); err != nil {
		t.Fatal(err)
	}
	want := []sseEvent{
		{Type: "message", Data: `{"a":1}`},
		{Type: "analysis_trigger", Data: "line1\nline2", ID: "7"},
		{Retry: 2500 * time.Millisecond, ID: "7"},
		{Type: "message", Data: "", ID: "7"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("events\n got %+v\nwant %+v", got, want)
	}
}

func TestParseTrigger(t *testing.T) {
	p, ok := parseTrigger(`{"payload":{"analysis_id":"an1","token":"a-tok","environment":[{"key":"K","value":"V"}],"data":[{"variable":"x","value":1}]}}`)
	if !ok || p.AnalysisID != "an1" || p.Token != "a-tok" || len(p.Environment) != 1 || p.Environment[0].Value != "V" || len(p.Data) != 1 {
		t.Fatalf("wrapped payload = %+v, %v", p, ok)
	}
	if p, ok := parseTrigger(`{"analysis_id":"an2","data":[]}`); !ok || p.AnalysisID != "an2" {
		t.Fatalf("bare payload = %+v, %v", p, ok)
	}
	for _, junk := range []string{`not json`, `{}`, `{"other":1}`, `[1,2]`} {
		if _, ok := parseTrigger(junk); ok {
			t.Errorf("%s was taken as a trigger", junk)
		}
	}
}

func TestReadProcessEnv(t *testing.T) {
	vars := map[string]string{
		EnvAnalysisToken: testAnalysisToken, EnvAnalysisID: "6298fcc3e0b6840012b6abfa",
		EnvAnalysisEnv:  `[{"key":"REPORT_EMAIL","value":"ops@example.com"},{"key":"LIMIT","value":"30"}]`,
		EnvAnalysisData: `[{"variable":"alarm","value":"On","serie":"s"}]`, EnvAnalysisContext: "1",
		EnvAPI: "http://127.0.0.1:9", EnvSSE: "http://127.0.0.1:9/events",
	}
	env, err := ReadProcessEnv(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	if env.Token != testAnalysisToken || env.AnalysisID != "6298fcc3e0b6840012b6abfa" || !env.OnTagoIO ||
		len(env.Environment) != 2 || env.Environment[1].Key != "LIMIT" || env.APIURL != "http://127.0.0.1:9" || env.SSEURL == "" {
		t.Fatalf("env = %+v", env)
	}
	records, err := env.Data.Records()
	if err != nil || len(records) != 1 || records[0].Group != "s" || records[0].Value != "On" {
		t.Fatalf("scope records = %+v, %v", records, err)
	}
	if (Context{Environment: env.Environment}).Env("REPORT_EMAIL") != "ops@example.com" {
		t.Error("Context.Env")
	}
	vars[EnvAnalysisEnv] = `{"key":"not a list"}`
	if _, err := ReadProcessEnv(func(k string) string { return vars[k] }); err == nil || !strings.Contains(err.Error(), EnvAnalysisEnv) {
		t.Fatalf("a malformed %s: %v", EnvAnalysisEnv, err)
	}
	empty, err := ReadProcessEnv(func(string) string { return "" })
	if err != nil || empty.OnTagoIO || empty.Environment != nil || empty.Data != nil {
		t.Fatalf("empty env = %+v, %v", empty, err)
	}
}

func TestSSEURLFor(t *testing.T) {
	cases := []struct{ configured, api, want string }{
		{"", "https://api.tago.io", "https://sse.tago.io/events"},
		{"", "https://api.us-e1.tago.io", "https://sse.tago.io/events"},
		{"", "https://api.eu-w1.tago.io/", "https://sse.eu-w1.tago.io/events"},
		{"", "https://api.myproject.tagoio.net", "https://sse.myproject.tagoio.net/events"},
		{"", "http://127.0.0.1:8080", "http://127.0.0.1:8080/events"},
		{"https://sse.example.com", "https://api.tago.io", "https://sse.example.com/events"},
		{"https://sse.example.com/custom/events?x=1", "https://api.tago.io", "https://sse.example.com/custom/events"},
	}
	for _, c := range cases {
		got, err := sseURLFor(c.configured, c.api)
		if err != nil || got != c.want {
			t.Errorf("sseURLFor(%q, %q) = %q, %v; want %q", c.configured, c.api, got, err, c.want)
		}
	}
	if _, err := sseURLFor("sse.tago.io", ""); err == nil {
		t.Error("a URL without a scheme must fail")
	}
}

// sseScript serves /info, /events and the console service; each connection to /events takes
// the next script entry: the events to send, then whether to hold the stream open.
type sseScript struct {
	mu          sync.Mutex
	connections int
	streams     []string
	consoleLog  []string
	consoleTok  []string
	eventsQuery []string
	// consoleSent receives one value per console line, when the script has it (nil: nobody waits).
	consoleSent chan struct{}
}

func (s *sseScript) handler(w http.ResponseWriter, r *http.Request, body string) {
	switch r.URL.Path {
	case "/info":
		answer(w, map[string]any{"name": "My analysis", "active": true, "run_on": "external"})
	case "/analysis/services/console/send":
		var msg struct {
			Message   string `json:"message"`
			Timestamp int64  `json:"timestamp"`
		}
		_ = json.Unmarshal([]byte(body), &msg)
		s.mu.Lock()
		s.consoleLog = append(s.consoleLog, msg.Message)
		s.consoleTok = append(s.consoleTok, r.Header.Get("token"))
		s.mu.Unlock()
		if s.consoleSent != nil {
			s.consoleSent <- struct{}{}
		}
		answer(w, "Console sent")
	case "/events":
		s.mu.Lock()
		n := s.connections
		s.connections++
		s.eventsQuery = append(s.eventsQuery, r.URL.RawQuery)
		s.mu.Unlock()
		if n >= len(s.streams) {
			<-r.Context().Done() // the last stream stays open until the client leaves
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(s.streams[n]))
		if f, ok := w.(http.Flusher); ok {
			f.Flush() // then the stream ends: the runtime must reconnect
		}
	default:
		refuse(w, http.StatusNotFound, "not found")
	}
}

func trigger(id, token string, data string) string {
	return fmt.Sprintf("data: {\"payload\":{\"analysis_id\":%q,\"token\":%q,\"environment\":[{\"key\":\"K\",\"value\":\"V-%s\"}],\"data\":%s}}\n\n", id, token, id, data)
}

func TestRuntimeExternalRunsEveryTriggerAndReconnects(t *testing.T) {
	script := &sseScript{consoleSent: make(chan struct{}, 8), streams: []string{
		": hello\nretry: 20\n\n" + trigger("run1", testAnalysisToken, `[{"variable":"alarm","value":"On"}]`),
		"event: other\ndata: {\"payload\":{\"analysis_id\":\"not-a-trigger\"}}\n\n" + trigger("run2", "a-22222222-3333-4444-5555-666666666666", `[]`),
	}}
	api := newScriptedAPI(t, script.handler)
	var out bytes.Buffer
	var connected atomic.Int32
	type run struct {
		id, token, env string
		records        []Record
	}
	runs := make(chan run, 4)
	rt, err := NewRuntime(RuntimeConfig{
		Token: testAnalysisToken, APIURL: api.URL, Output: &syncWriter{w: &out},
		ReconnectMin: 10 * time.Millisecond, ReconnectMax: 50 * time.Millisecond,
		OnConnected: func() { connected.Add(1) }, Getenv: func(string) string { return "" },
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- rt.Run(ctx, func(ctx context.Context, ac Context, scope Scope) error {
			records, err := scope.Records()
			if err != nil {
				return err
			}
			ac.Log("scope", len(records), map[string]string{"env": ac.Env("K")})
			runs <- run{ac.AnalysisID, ac.Token, ac.Env("K"), records}
			if ac.AnalysisID == "run2" {
				return errors.New("boom")
			}
			return nil
		})
	}()
	var got []run
	for len(got) < 2 {
		select {
		case r := <-runs:
			got = append(got, r)
		case <-time.After(5 * time.Second):
			t.Fatalf("only %d runs; output:\n%s", len(got), out.String())
		}
	}
	// The handler's error reaches the console after the handler returns: wait for the three
	// console lines (two Log calls and the error).
	for sent := 0; sent < 3; sent++ {
		select {
		case <-script.consoleSent:
		case <-time.After(5 * time.Second):
			t.Fatalf("%d console lines; output:\n%s", sent, out.String())
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run returned %v after cancel", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop on cancel")
	}
	if got[0].id != "run1" || got[0].token != testAnalysisToken || got[0].env != "V-run1" || len(got[0].records) != 1 || got[0].records[0].Value != "On" {
		t.Errorf("run 1 = %+v", got[0])
	}
	if got[1].id != "run2" || got[1].token != "a-22222222-3333-4444-5555-666666666666" || len(got[1].records) != 0 {
		t.Errorf("run 2 = %+v", got[1])
	}
	if c := connected.Load(); c < 2 {
		t.Errorf("connected %d times; the runtime must reconnect after the first stream ends", c)
	}
	script.mu.Lock()
	defer script.mu.Unlock()
	if !strings.Contains(script.eventsQuery[0], "channels=analysis_trigger") || !strings.Contains(script.eventsQuery[0], "token="+testAnalysisToken) {
		t.Errorf("events query %q", script.eventsQuery[0])
	}
	wantConsole := map[string]string{`scope 1 {"env":"V-run1"}`: testAnalysisToken, `scope 0 {"env":"V-run2"}`: "a-22222222-3333-4444-5555-666666666666", "boom": "a-22222222-3333-4444-5555-666666666666"}
	if len(script.consoleLog) != len(wantConsole) {
		t.Fatalf("console got %q", script.consoleLog)
	}
	for i, line := range script.consoleLog {
		if tok, ok := wantConsole[line]; !ok || script.consoleTok[i] != tok {
			t.Errorf("console line %q sent with token %q", line, script.consoleTok[i])
		}
	}
	if !strings.Contains(out.String(), "Analysis [My analysis](55555) is ready") {
		t.Errorf("output:\n%s", out.String())
	}
}

// syncWriter lets the test read the runtime's output while handlers write to it.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func TestRuntimeStopsWhenTheStreamRefusesTheToken(t *testing.T) {
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		if r.URL.Path == "/info" {
			answer(w, map[string]any{"name": "x", "run_on": "tago"})
			return
		}
		refuse(w, http.StatusUnauthorized, "Invalid Token")
	})
	var out bytes.Buffer
	rt, err := NewRuntime(RuntimeConfig{Token: testAnalysisToken, APIURL: api.URL, Output: &out, Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	err = rt.Run(context.Background(), func(context.Context, Context, Scope) error { return nil })
	var refused *streamRefusedError
	if !errors.As(err, &refused) || refused.status != http.StatusUnauthorized {
		t.Fatalf("Run = %v, want the stream's refusal", err)
	}
	if !strings.Contains(out.String(), "not set to run on external") {
		t.Errorf("no run_on warning in %q", out.String())
	}
	if strings.Contains(err.Error(), testAnalysisToken) {
		t.Error("the error leaks the token")
	}
}

func TestRuntimeFailsWhenTheAnalysisIsUnknown(t *testing.T) {
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		refuse(w, http.StatusUnauthorized, "Invalid Token")
	})
	rt, err := NewRuntime(RuntimeConfig{Token: testAnalysisToken, APIURL: api.URL, Output: &bytes.Buffer{}, Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	err = rt.Run(context.Background(), func(context.Context, Context, Scope) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "analysis not found or not active") {
		t.Fatalf("Run = %v", err)
	}
	if n := len(api.requests()); n != 1 {
		t.Fatalf("%d requests after /info failed", n)
	}
}

func TestRuntimeOnTagoIORunsOnceWithTheProcessScope(t *testing.T) {
	vars := map[string]string{
		EnvAnalysisToken: testAnalysisToken, EnvAnalysisID: "6298fcc3e0b6840012b6abfa", EnvAnalysisContext: "{}",
		EnvAnalysisEnv: `[{"key":"K","value":"V"}]`, EnvAnalysisData: `[{"variable":"alarm","value":"On"}]`,
		EnvAPI: "http://127.0.0.1:1", // never called
	}
	var out bytes.Buffer
	rt, err := NewRuntime(RuntimeConfig{Output: &out, Getenv: func(k string) string { return vars[k] }})
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	err = rt.Run(context.Background(), func(_ context.Context, ac Context, scope Scope) error {
		calls++
		records, _ := scope.Records()
		ac.Log("got", records[0].Value, "for", ac.AnalysisID, ac.Env("K"))
		return errors.New("the handler's error")
	})
	if calls != 1 || err == nil || err.Error() != "the handler's error" {
		t.Fatalf("calls %d, err %v", calls, err)
	}
	if out.String() != "got On for 6298fcc3e0b6840012b6abfa V\n" {
		t.Fatalf("output %q", out.String())
	}
	panicking := rt.Run(context.Background(), func(context.Context, Context, Scope) error { panic("oops") })
	if panicking == nil || !strings.Contains(panicking.Error(), "oops") {
		t.Fatalf("a panic must become an error: %v", panicking)
	}
}

func TestNewRuntimeNeedsAToken(t *testing.T) {
	_, err := NewRuntime(RuntimeConfig{Getenv: func(string) string { return "" }})
	if err == nil || !strings.Contains(err.Error(), EnvAnalysisToken) {
		t.Fatalf("err = %v", err)
	}
}
