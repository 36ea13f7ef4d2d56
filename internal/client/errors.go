package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
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
// IDs; other servers of the same API answer 400 or 422 with a message about the id instead
// (TagoCore, TagoIO's open-source server, says "Invalid Device ID"; some routes say "... not
// found"), so those count too. Callers ask it only about an id that existed, so an id the server
// calls invalid is one it no longer knows.
func IsNotFound(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.StatusCode {
	case http.StatusNotFound:
		return true
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return saysUnknownID(apiErr.Message)
	}
	return false
}

// unknownIDMessage matches the messages a server gives for an id it does not know: "Device not
// found", "Invalid Device ID", "Unknown analysis id", "device id is invalid".
var unknownIDMessage = regexp.MustCompile(`(?i)(not found|\b(invalid|unknown)\b.*\bid\b|\bid\b.*\b(invalid|unknown)\b)`)

func saysUnknownID(message string) bool { return unknownIDMessage.MatchString(message) }

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
	// Unreachable says which server could not be reached and why (refused, DNS, TLS), when
	// that is what failed.
	Unreachable string
}

func (e *RequestError) Error() string {
	if e.Unreachable != "" {
		return fmt.Sprintf("%s (%s %s, after %d quick retries: %v). Check api_url or region, the network and any proxy.",
			e.Unreachable, e.Method, e.Path, maxConnectRetries, e.Err)
	}
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

// TimeoutError is a call that ran out of its operation's time (a Terraform timeouts block):
// either no answer came in time, or the API kept refusing (429, 503, 5xx) and the next retry
// would have started after the deadline. Cause is the last failure.
type TimeoutError struct {
	Cause     error
	NextRetry time.Duration // the retry wait that was not started; 0 when the deadline passed during a wait or a request
}

func (e *TimeoutError) Error() string {
	if e.NextRetry > 0 {
		return fmt.Sprintf("%v; gave up because the operation's timeout ends before the next retry (in %s) could be sent",
			e.Cause, e.NextRetry.Round(time.Millisecond))
	}
	return fmt.Sprintf("%v; the operation's timeout ran out", e.Cause)
}

func (e *TimeoutError) Unwrap() error { return e.Cause }

// IsTimedOut reports a call that ended because its operation's timeout ran out.
func IsTimedOut(err error) bool {
	var te *TimeoutError
	return errors.As(err, &te) || errors.Is(err, context.DeadlineExceeded)
}

// ConflictError is a create the API refused because another object already holds a value it
// keeps unique (a secret's key, a Run user's e-mail). ExistingID is that object.
type ConflictError struct {
	Kind       string // e.g. "secret"
	Field      string // e.g. "key"
	Value      string
	ExistingID string
	Cause      error // the API's refusal
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("a %s with %s %q already exists (ID %s): %v", e.Kind, e.Field, e.Value, e.ExistingID, e.Cause)
}

func (e *ConflictError) Unwrap() error { return e.Cause }
