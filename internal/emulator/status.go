package emulator

import (
	"net/http"
	"strings"
	"time"
)

// Version is reported by GET /status.
const Version = "tagoio-emulator-0.1.0"

func (e *Emulator) registerStatus(r *Router) {
	r.Handle("GET", "/status", e.status, anonymous)
}

// status answers the anonymous GET /status. The SDK (Utils.getAPIVersion) unwraps the
// usual envelope, so {version} is the envelope's result.
func (e *Emulator) status(*Ctx) (int, any, error) {
	return http.StatusOK, record{"version": Version}, nil
}

// internalHandler serves the emulator's own /_emulator/ routes (not counted, no auth).
func (e *Emulator) internalHandler(w http.ResponseWriter, r *http.Request) {
	if p := normalizePath(r.URL.Path); p == "/_emulator/outbox" || strings.HasPrefix(p, "/_emulator/outbox/") {
		e.serveOutbox(w, r) // services.go
		return
	}
	if e.serveIngestAndExportHelpers(w, r) { // internal_helpers.go
		return
	}
	switch normalizePath(r.URL.Path) {
	case "/_emulator/stats":
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			writeJSON(w, http.StatusOK, e.stats.Snapshot())
		case http.MethodDelete:
			e.stats.Reset()
			writeJSON(w, http.StatusOK, e.stats.Snapshot())
		default:
			w.Header().Set("Allow", "GET, DELETE")
			writeError(w, errorf(http.StatusMethodNotAllowed, "Method %s not allowed on %s", r.Method, r.URL.Path))
		}
	case "/_emulator/health":
		writeJSON(w, http.StatusOK, map[string]any{"status": true, "time": formatTime(time.Now())})
	default:
		writeError(w, notFound("Route not found: %s %s", r.Method, r.URL.Path))
	}
}
