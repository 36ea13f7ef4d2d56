package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Server-sent events (docs/api-notes.md §1.1, §2.7): GET /events?token=<token>&channels=...
// is what the JS SDK's apiSSE.ts opens. The emulator serves the channel an external
// analysis listens on, analysis_trigger: when POST /analysis/{id}/run runs an
// analysis whose run_on is "external", every open stream of that analysis gets the
// run.
//
// Wire format, read from the SDK's Analysis.ts (the client this serves): the SDK
// listens for the EventSource "message" event, so a trigger is sent as an unnamed
// event (no "event:" line), and its data is JSON {channel, payload} whose payload
// holds what the SDK passes to the analysis: {analysis_id, token, environment, data}.
// Comments (": keep-alive") keep idle connections open through proxies.

// sseChannels are the channel names apiSSE.ts knows; those with an id are sent as
// "<channel>.<id>". Only analysis_trigger carries events here; the others are
// accepted and stay quiet.
var (
	sseChannels       = map[string]bool{"analysis_trigger": true, "notification": true, "ui": true}
	sseChannelsWithID = []string{"analysis_console", "device_inspector", "device_data", "entity_data", "ui_dashboard"}
)

const defaultKeepAlive = 15 * time.Second

// eventHub holds the open analysis_trigger streams, by analysis id.
type eventHub struct {
	mu        sync.Mutex
	subs      map[string]map[chan []byte]struct{}
	keepAlive time.Duration // tests shorten it
	done      chan struct{} // closed by CloseEventStreams
	closeOnce sync.Once
}

func newEventHub() *eventHub {
	return &eventHub{subs: map[string]map[chan []byte]struct{}{}, keepAlive: defaultKeepAlive, done: make(chan struct{})}
}

func (h *eventHub) subscribe(analysisID string) (<-chan []byte, func()) {
	ch := make(chan []byte, 64)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs[analysisID] == nil {
		h.subs[analysisID] = map[chan []byte]struct{}{}
	}
	h.subs[analysisID][ch] = struct{}{}
	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		delete(h.subs[analysisID], ch)
		if len(h.subs[analysisID]) == 0 {
			delete(h.subs, analysisID)
		}
	}
}

// publish hands data to every open stream of the analysis and returns how many got
// it. A stream whose buffer is full (a client that stopped reading) misses the event
// rather than stalling the run.
func (h *eventHub) publish(analysisID string, data []byte) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for ch := range h.subs[analysisID] {
		select {
		case ch <- data:
			n++
		default:
		}
	}
	return n
}

// listeners is the number of open streams of an analysis.
func (h *eventHub) listeners(analysisID string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs[analysisID])
}

// CloseEventStreams ends every open event stream, so that an http.Server's Shutdown
// (which waits for requests in flight) is not held up by connected analyses. Register
// it with http.Server.RegisterOnShutdown.
func (e *Emulator) CloseEventStreams() {
	e.events.closeOnce.Do(func() { close(e.events.done) })
}

func (e *Emulator) registerEvents(r *Router) {
	// Analysis tokens: the only channel with events is the analysis's own trigger.
	r.Handle("GET", "/events", e.serveEvents, kindAnalysis)
}

func parseChannels(q *QNode) ([]string, error) {
	channels := q.Get("channels").List()
	if len(channels) == 0 {
		return nil, badRequest("channels is required (e.g. channels=analysis_trigger)")
	}
	for _, ch := range channels {
		if sseChannels[ch] {
			continue
		}
		name, id, _ := strings.Cut(ch, ".")
		known := false
		for _, c := range sseChannelsWithID {
			known = known || c == name
		}
		if !known || id == "" {
			return nil, badRequest("Unknown channel %q", ch)
		}
	}
	return channels, nil
}

// serveEvents streams until the client goes away or the emulator shuts the streams down.
func (e *Emulator) serveEvents(c *Ctx) (int, any, error) {
	channels, err := parseChannels(c.Query)
	if err != nil {
		return 0, nil, err
	}
	trigger := false
	for _, ch := range channels {
		trigger = trigger || ch == "analysis_trigger"
	}
	var msgs <-chan []byte
	if trigger {
		var unsubscribe func()
		msgs, unsubscribe = e.events.subscribe(c.Auth.Token.AnalysisID)
		defer unsubscribe()
	}

	w := c.W
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("Connection", "keep-alive")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	_, _ = fmt.Fprint(w, ": connected\n\n")
	w.Flush()

	ticker := time.NewTicker(e.events.keepAlive)
	defer ticker.Stop()
	for stop := false; !stop; {
		select {
		case <-c.R.Context().Done():
			stop = true
		case <-e.events.done:
			stop = true
		case <-ticker.C:
			_, err = fmt.Fprint(w, ": keep-alive\n\n")
		case data := <-msgs:
			_, err = fmt.Fprintf(w, "data: %s\n\n", data)
		}
		if err != nil {
			break
		}
		w.Flush()
	}
	// The stream is the answer: the router's envelope, written after a handler
	// returns, must not reach the client, so it goes nowhere (faults.go's writer).
	c.W.ResponseWriter = newDiscardWriter()
	return http.StatusOK, nil, nil
}
