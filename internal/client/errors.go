package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// APIError is an answer of the TagoIO API that is not a success: an HTTP status of 400 or more,
// or a 2xx whose envelope says "status": false. Its texts are already masked.
type APIError struct {
	StatusCode int
	Message    string
	Method     string
	Path       string // path without the query string
	// RetryAfter is the wait the API asked for (429/503), from the header or the message.
	RetryAfter time.Duration
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.StatusCode)
	}
	return fmt.Sprintf("TagoIO API %s %s answered %d: %s", e.Method, e.Path, e.StatusCode, msg)
}

// IsNotFound is the one predicate for "the object does not exist". TagoIO answers 404 for unknown
// IDs; some routes answer 400 with a "... not found" message (docs/api-notes.md §5), so both count.
func IsNotFound(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.StatusCode {
	case http.StatusNotFound:
		return true
	case http.StatusBadRequest:
		return strings.Contains(strings.ToLower(apiErr.Message), "not found")
	}
	return false
}

// IsRouteMissing reports an answer saying that the route itself does not exist, as a removed API
// answers (the legacy /bucket routes, docs/api-notes.md §2.4 and §8.16), rather than that an object does
// not exist. An object's not-found names the object ("Bucket not found"); a router's names the
// route or the method ("Route not found: GET /bucket/...", Express's "Cannot GET /bucket/..."), is
// a bare "Not Found", an HTML page, or an empty body. 405, 410 and 501 mean the same. Check it
// before IsNotFound, which also matches these 404s.
func IsRouteMissing(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.StatusCode {
	case http.StatusMethodNotAllowed, http.StatusGone, http.StatusNotImplemented:
		return true
	case http.StatusNotFound:
	default:
		return false
	}
	msg := strings.ToLower(strings.TrimSpace(apiErr.Message))
	return msg == "" || msg == "not found" || strings.HasPrefix(msg, "<") || strings.HasPrefix(msg, "cannot ") ||
		strings.Contains(msg, "route")
}

// IsUnauthorized reports an unknown or expired token (401).
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsForbidden reports a token that is valid but not allowed to make the call (403).
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// IsRateLimited reports a 429 that survived every retry.
func IsRateLimited(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

func hasStatus(err error, code int) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == code
}

// RequestError is a request that got no HTTP answer (connection refused or reset, timeout, ...).
type RequestError struct {
	Method string
	Path   string
	Err    error
	// NotSent is true when the connection was never established, so the server cannot have
	// processed the request.
	NotSent bool
}

func (e *RequestError) Error() string {
	return fmt.Sprintf("TagoIO API %s %s: no answer: %v", e.Method, e.Path, e.Err)
}

func (e *RequestError) Unwrap() error { return e.Err }

// AmbiguousCreateError is a create request that may or may not have created the object, and the
// client could not tell which by looking for it.
type AmbiguousCreateError struct {
	Kind    string // e.g. "device"
	Name    string
	Matches []string // IDs of the objects that may have been created by this request
	Cause   error    // the failure of the create request
	Lookup  error    // the failure of the lookup, when it failed
}

func (e *AmbiguousCreateError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "creating %s %q failed without a clear answer (%v)", e.Kind, e.Name, e.Cause)
	switch {
	case e.Lookup != nil:
		fmt.Fprintf(&b, "; looking for it afterwards failed too (%v), so a %s named %q may exist on the server:"+
			" check the account, then import it (terraform import) or delete it before applying again", e.Lookup, e.Kind, e.Name)
	case len(e.Matches) > 1:
		fmt.Fprintf(&b, "; %d %ss named %q were created since the request was sent (IDs %s): import the one to keep"+
			" (terraform import <address> <id>) and delete the others", len(e.Matches), e.Kind, e.Name, strings.Join(e.Matches, ", "))
	}
	return b.String()
}

func (e *AmbiguousCreateError) Unwrap() error { return e.Cause }
