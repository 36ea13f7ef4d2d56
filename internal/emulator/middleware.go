package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// chain composes middlewares around h; the first middleware is the outermost.
func chain(h Handler, mws ...Middleware) Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// recoverMiddleware turns a handler panic into a 500 envelope.
func (e *Emulator) recoverMiddleware(next Handler) Handler {
	return func(c *Ctx) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				e.logf("panic serving %s %s: %v", c.R.Method, c.R.URL.Path, r)
				if c.W.status == 0 {
					writeError(c.W, errorf(http.StatusInternalServerError, "Internal error: %v", r))
				}
			}
		}()
		next(c)
	}
}

// logMiddleware writes one line per request to Options.Logger.
func (e *Emulator) logMiddleware(next Handler) Handler {
	return func(c *Ctx) {
		next(c)
		if e.opts.Logger != nil {
			e.logf("%s %s %d %s", c.R.Method, c.R.URL.RequestURI(), statusOf(c), time.Since(c.Now).Round(time.Microsecond))
		}
	}
}

func (e *Emulator) logf(format string, args ...any) {
	if e.opts.Logger == nil {
		return
	}
	e.logMu.Lock()
	defer e.logMu.Unlock()
	_, _ = fmt.Fprintf(e.opts.Logger, "%s "+format+"\n", append([]any{formatTime(time.Now())}, args...)...)
}

// statusOf is the status written, 499 when the client went away before an answer.
func statusOf(c *Ctx) int {
	if c.W.status == 0 {
		return 499
	}
	return c.W.status
}

// statsMiddleware counts every API request once it is answered.
func (e *Emulator) statsMiddleware(next Handler) Handler {
	return func(c *Ctx) {
		next(c)
		e.stats.Record(c.RouteKey(), c.R.Method, statusOf(c))
	}
}

// latencyMiddleware waits Options.Latency before handling, unless the client gives up.
func (e *Emulator) latencyMiddleware(next Handler) Handler {
	return func(c *Ctx) {
		if d := e.opts.Latency; d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-c.R.Context().Done():
				t.Stop()
				return
			}
		}
		next(c)
	}
}

// authMiddleware resolves the token for routes that need one.
func (e *Emulator) authMiddleware(next Handler) Handler {
	return func(c *Ctx) {
		if c.Route != nil && c.Route.Kinds&anonymous == 0 {
			if err := e.authenticate(c); err != nil {
				writeError(c.W, err)
				return
			}
		}
		next(c)
	}
}

// dispatch runs the route's handler and writes the envelope; 404/405 otherwise.
func (e *Emulator) dispatch(c *Ctx) {
	if c.Route == nil {
		if len(c.Allowed) > 0 {
			c.W.Header().Set("Allow", strings.Join(c.Allowed, ", "))
			writeError(c.W, errorf(http.StatusMethodNotAllowed, "Method %s not allowed on %s", c.R.Method, c.R.URL.Path))
			return
		}
		writeError(c.W, notFound("Route not found: %s %s", c.R.Method, c.R.URL.Path))
		return
	}
	status, result, err := c.Route.Handler(c)
	if err != nil {
		writeError(c.W, e.unknownIDAnswer(err))
		return
	}
	if status == 0 {
		status = http.StatusOK
	}
	writeResult(c.W, status, result)
}
