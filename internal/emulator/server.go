package emulator

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"
)

// Server is an emulator listening on a random loopback port (httptest style).
type Server struct {
	URL      string // base URL, e.g. http://127.0.0.1:41234
	Token    string // the profile token (full permission)
	Emulator *Emulator

	srv  *http.Server
	done chan struct{}
}

// Start builds an Emulator and serves it on 127.0.0.1 with a random port.
func Start(opts Options) (*Server, error) {
	e, err := New(opts)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, errors.Join(err, e.Close())
	}
	s := &Server{
		URL: "http://" + ln.Addr().String(), Token: e.ProfileToken(), Emulator: e,
		srv:  &http.Server{Handler: e.Handler(), ReadHeaderTimeout: 10 * time.Second},
		done: make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(ln) // returns http.ErrServerClosed on Close
	}()
	return s, nil
}

// Close stops the server (waiting briefly for requests in flight) and the emulator.
func (s *Server) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		_ = s.srv.Close()
	}
	<-s.done
	_ = s.Emulator.Close()
}

// NewTestServer starts a Server for a test and closes it in t.Cleanup; it fails the
// test if the server cannot start.
func NewTestServer(t testing.TB, opts Options) *Server {
	t.Helper()
	s, err := Start(opts)
	if err != nil {
		t.Fatalf("emulator: start: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}
