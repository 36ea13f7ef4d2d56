package emulator

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// sseStream is an open GET /events as a Go client sees it.
type sseStream struct {
	cancel context.CancelFunc
	resp   *http.Response
	lines  *bufio.Reader
}

func openSSE(t *testing.T, base, token, channels string) *sseStream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r, err := http.NewRequestWithContext(ctx, "GET", base+"/events?channels="+channels+"&token="+token, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	s := &sseStream{cancel: cancel, resp: resp, lines: bufio.NewReader(resp.Body)}
	t.Cleanup(s.close)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if l := s.next(t); l != ": connected" {
		t.Fatalf("first line %q", l)
	}
	return s
}

func (s *sseStream) close() {
	s.cancel()
	_ = s.resp.Body.Close()
}

// next returns the next non-empty line, failing after 5 s.
func (s *sseStream) next(t *testing.T) string {
	t.Helper()
	type res struct {
		line string
		err  error
	}
	ch := make(chan res, 1)
	go func() {
		for {
			l, err := s.lines.ReadString('\n')
			if l = strings.TrimRight(l, "\n"); l != "" || err != nil {
				ch <- res{l, err}
				return
			}
		}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			return "EOF"
		}
		return r.line
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5 s")
	}
	return ""
}

// sseServer serves an emulator whose keep-alive is short, over real HTTP.
func sseServer(t *testing.T) (*Emulator, string) {
	t.Helper()
	e := newEmu(t)
	e.events.keepAlive = 40 * time.Millisecond
	srv := httptest.NewServer(e.Handler())
	t.Cleanup(func() {
		e.CloseEventStreams()
		srv.Close()
	})
	return e, srv.URL
}

func waitListeners(t *testing.T, e *Emulator, analysisID string, want int) {
	t.Helper()
	guard := time.After(5 * time.Second) // against a hang, not a synchronisation
	for {
		n, changed := e.events.listenersAndChange(analysisID)
		if n == want {
			return
		}
		select {
		case <-changed:
		case <-guard:
			t.Fatalf("analysis %s has %d listeners, want %d", analysisID, n, want)
		}
	}
}

func TestSSEAnalysisTrigger(t *testing.T) {
	t.Parallel()
	e, base := sseServer(t)
	aid, atok := dpAnalysis(t, e, "external", true, true)
	s1 := openSSE(t, base, atok, "analysis_trigger")
	s2 := openSSE(t, base, atok, "analysis_trigger,notification")
	waitListeners(t, e, aid, 2)

	scope := []map[string]any{{"variable": "temperature", "value": 21}}
	var res map[string]string
	req(t, e, "POST", "/analysis/"+aid+"/run", e.ProfileToken(), map[string]any{"scope": scope}).ok(t, 200, &res)
	if res["analysis_token"] != atok {
		t.Fatalf("run answered %v", res)
	}
	for _, s := range []*sseStream{s1, s2} {
		line := s.next(t)
		for strings.HasPrefix(line, ":") { // keep-alives may come first
			line = s.next(t)
		}
		// an unnamed event: the SDK listens for "message"
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			t.Fatalf("expected a data line, got %q", line)
		}
		var ev struct {
			Channel string `json:"channel"`
			Payload struct {
				AnalysisID  string              `json:"analysis_id"`
				Token       string              `json:"token"`
				Environment []map[string]string `json:"environment"`
				Data        []map[string]any    `json:"data"`
			} `json:"payload"`
		}
		if err := json.Unmarshal([]byte(data), &ev); err != nil {
			t.Fatalf("event data %q: %v", data, err)
		}
		p := ev.Payload
		if ev.Channel != "analysis_trigger" || p.AnalysisID != aid || p.Token != atok ||
			len(p.Environment) != 1 || p.Environment[0]["key"] != "K" ||
			len(p.Data) != 1 || p.Data[0]["variable"] != "temperature" || p.Data[0]["value"] != float64(21) {
			t.Fatalf("event %s", data)
		}
	}
	// keep-alive comments flow while idle
	if l := s1.next(t); l != ": keep-alive" {
		t.Fatalf("idle line %q", l)
	}
	// another analysis's stream gets nothing from this run
	other, otok := dpAnalysis(t, e, "external", true, true)
	s3 := openSSE(t, base, otok, "analysis_trigger")
	waitListeners(t, e, other, 1)
	req(t, e, "POST", "/analysis/"+aid+"/run", e.ProfileToken(), nil).ok(t, 200, nil)
	for range 3 {
		if l := s3.next(t); l != ": keep-alive" {
			t.Fatalf("other analysis received %q", l)
		}
	}
	// a client that goes away is dropped
	s1.close()
	s2.close()
	waitListeners(t, e, aid, 0)
}

func TestSSENonExternalAnalysisIsNotTriggered(t *testing.T) {
	t.Parallel()
	e, base := sseServer(t)
	aid, atok := dpAnalysis(t, e, "tago", true, true)
	s := openSSE(t, base, atok, "analysis_trigger")
	waitListeners(t, e, aid, 1)
	req(t, e, "POST", "/analysis/"+aid+"/run", e.ProfileToken(), map[string]any{"scope": []any{}}).ok(t, 200, nil)
	for range 3 {
		if l := s.next(t); l != ": keep-alive" {
			t.Fatalf("a tago-run analysis got %q on its stream", l)
		}
	}
	// CloseEventStreams ends open streams (server shutdown)
	e.CloseEventStreams()
	if l := s.next(t); l != "EOF" {
		t.Fatalf("stream still open after CloseEventStreams: %q", l)
	}
}

func TestSSERequestErrors(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	_, atok := dpAnalysis(t, e, "external", true, true)
	req(t, e, "GET", "/events?token="+atok, "", nil).fail(t, 400, "channels is required")
	req(t, e, "GET", "/events?channels=telepathy&token="+atok, "", nil).fail(t, 400, `Unknown channel "telepathy"`)
	req(t, e, "GET", "/events?channels=device_data&token="+atok, "", nil).fail(t, 400, "Unknown channel")
	req(t, e, "GET", "/events?channels=analysis_trigger&token="+e.ProfileToken(), "", nil).fail(t, 403, msgDenied)
	req(t, e, "GET", "/events?channels=analysis_trigger&token=nope", "", nil).fail(t, 401, msgInvalidToken)
	if ch, err := parseChannels(ParseQuery("channels=analysis_trigger,device_data.abc&channels=ui")); err != nil || strings.Join(ch, " ") != "analysis_trigger device_data.abc ui" {
		t.Fatalf("channels %v %v", ch, err)
	}
}
