package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// apiError is an error answered to the client as {"status":false,"message":...}.
type apiError struct {
	Status  int
	Message string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s", e.Status, e.Message) }

func errorf(status int, format string, args ...any) *apiError {
	return &apiError{Status: status, Message: fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) *apiError {
	return errorf(http.StatusBadRequest, format, args...)
}

func notFound(format string, args ...any) *apiError {
	return errorf(http.StatusNotFound, format, args...)
}

// The auth texts are not pinned down by any primary source (docs/api-notes.md §8.5); these are
// the ones docs/api-notes.md's checklist (§6.2) suggests.
const (
	msgInvalidToken = "Invalid Token"
	msgDenied       = "Authorization Denied"
)

func errInvalidToken() *apiError { return errorf(http.StatusUnauthorized, msgInvalidToken) }
func errDenied() *apiError       { return errorf(http.StatusForbidden, msgDenied) }

type successEnvelope struct {
	Status bool `json:"status"`
	Result any  `json:"result"`
}

type errorEnvelope struct {
	Status  bool   `json:"status"`
	Message string `json:"message"`
}

// writeJSON writes v with the API's content type. Encoding happens before the header
// is sent, so an encoding failure can still become a 500.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		_ = json.NewEncoder(&buf).Encode(errorEnvelope{Message: "Internal error: " + err.Error()})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func writeResult(w http.ResponseWriter, status int, result any) {
	writeJSON(w, status, successEnvelope{Status: true, Result: result})
}

func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = errorf(http.StatusInternalServerError, "Internal error: %v", err)
	}
	writeJSON(w, ae.Status, errorEnvelope{Status: false, Message: ae.Message})
}

// maxBody caps request bodies (the API documents 200 kB for data; management bodies
// are smaller, but analysis uploads can be larger).
const maxBody = 16 << 20

func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, badRequest("Could not read the request body: %v", err)
	}
	if len(b) > maxBody {
		return nil, errorf(http.StatusRequestEntityTooLarge, "Request body too large")
	}
	return b, nil
}
