package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
)

// candidate is an object found by the ambiguous-create lookup.
type candidate struct {
	ID        string
	Name      string
	CreatedAt string
}

// createSpec describes one create call and how to find what it may have created.
type createSpec struct {
	kind   string // "device", for error texts
	name   string // the name (or label) the request sets
	req    Request
	lookup func(ctx context.Context) ([]candidate, error) // lists objects named like name; nil: the API cannot list them
	// resentBlind is called, when lookup is nil, each time a request whose outcome is unknown
	// is sent again; the caller reports the copy it may have left.
	resentBlind func()
	// uniqueKey names the field name holds when the API keeps it unique (a secret's "key", a
	// Run user's "email"): a create the API refuses is then looked up, and an object already
	// holding the value is reported as a ConflictError with its id.
	uniqueKey string
}

// createClockSlack absorbs the one-second resolution of the Date header that the server clock
// offset is learned from.
const createClockSlack = time.Second

// create sends a POST that creates an object. A POST whose answer was lost or was a 500/502/504
// may have created the object, so it is never blindly re-sent: the client lists the objects with
// the same name created since the request was sent (by the server's clock), adopts the object
// when exactly one exists, re-sends only when none exists, and otherwise fails with an error
// that names what may exist and how to import it. Objects the API cannot list (widgets) are the
// exception: the request is sent again and spec.resentBlind reports it. It decodes the answer of
// the successful POST into out, or returns adoptedID when an object was adopted.
func (c *Client) create(ctx context.Context, spec createSpec, out any) (adoptedID string, err error) {
	for attempt := 0; ; attempt++ {
		sentAt := time.Now().Add(time.Duration(c.serverClockOffset.Load()) - createClockSlack)
		err := c.Do(ctx, spec.req, out)
		if err != nil && spec.uniqueKey != "" && refused(err) {
			return "", c.conflictOrCause(ctx, spec, err)
		}
		if err == nil || !ambiguous(err) {
			return "", err
		}
		if ctx.Err() != nil {
			return "", &AmbiguousCreateError{Kind: spec.kind, Name: spec.name, Cause: err, Lookup: ctx.Err()}
		}
		if spec.lookup == nil {
			if attempt >= c.maxRetries {
				return "", err
			}
			// Nothing can tell whether the request created the object. Failing would not undo
			// a copy it made, and the next apply would send the request again anyway; sending
			// it now at least converges, and the caller reports the copy it may have left.
			c.debug(ctx, "TagoIO create failed ambiguously and these objects cannot be listed; sending it again", map[string]any{
				"kind": spec.kind, "name": spec.name, "error": err.Error(),
			})
			if spec.resentBlind != nil {
				spec.resentBlind()
			}
		} else {
			if adopted, done, lookupErr := c.lookupCreated(ctx, spec, sentAt, err, attempt); done {
				return adopted, lookupErr
			}
		}
		wait := expBackoff(c.retryWaitMin, c.retryWaitMax, attempt+1)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return "", err
		}
		select {
		case <-ctx.Done():
			return "", err
		case <-time.After(wait):
		}
	}
}

// lookupCreated looks for the object a create whose outcome is unknown (cause) may have made.
// It adopts exactly one match; done is false when nothing was created and sending again is safe.
func (c *Client) lookupCreated(ctx context.Context, spec createSpec, sentAt time.Time, cause error, attempt int) (adoptedID string, done bool, err error) {
	c.debug(ctx, "TagoIO create failed ambiguously; looking for the object", map[string]any{
		"kind": spec.kind, "name": spec.name, "error": cause.Error(),
	})
	found, lookupErr := spec.lookup(ctx)
	if lookupErr != nil {
		return "", true, &AmbiguousCreateError{Kind: spec.kind, Name: spec.name, Cause: cause, Lookup: lookupErr}
	}
	var matches []string
	for _, cand := range found {
		if cand.Name != spec.name { // the server's name filter treats "*" as a wildcard
			continue
		}
		created, perr := time.Parse(time.RFC3339Nano, cand.CreatedAt)
		if perr != nil || created.Before(sentAt) {
			continue
		}
		matches = append(matches, cand.ID)
	}
	switch {
	case len(matches) == 1:
		c.debug(ctx, "TagoIO create adopted the object it had created", map[string]any{
			"kind": spec.kind, "name": spec.name, "id": matches[0],
		})
		return matches[0], true, nil
	case len(matches) > 1:
		return "", true, &AmbiguousCreateError{Kind: spec.kind, Name: spec.name, Cause: cause, Matches: matches}
	case attempt >= c.maxRetries:
		return "", true, cause
	}
	return "", false, nil // nothing was created: sending again is safe
}

// conflictOrCause looks up the object holding spec.name after the API refused a create of an
// object with a unique key, and returns a ConflictError naming it; else the refusal as is.
func (c *Client) conflictOrCause(ctx context.Context, spec createSpec, cause error) error {
	if spec.lookup == nil {
		return cause
	}
	found, err := spec.lookup(ctx)
	if err != nil {
		c.debug(ctx, "TagoIO create was refused and looking for the object holding its key failed", map[string]any{
			"kind": spec.kind, "error": err.Error(),
		})
		return cause
	}
	for _, cand := range found {
		// The server's filters treat "*" as a wildcard; e-mail addresses compare without case.
		if cand.Name == spec.name || (spec.uniqueKey == "email" && strings.EqualFold(cand.Name, spec.name)) {
			return &ConflictError{Kind: spec.kind, Field: spec.uniqueKey, Value: spec.name, ExistingID: cand.ID, Cause: cause}
		}
	}
	return cause
}

// refused reports a 4xx answer other than a rate limit: the API read the request and declined it.
func refused(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode >= 400 && apiErr.StatusCode < 500 &&
		apiErr.StatusCode != http.StatusTooManyRequests && apiErr.StatusCode != http.StatusUnauthorized &&
		apiErr.StatusCode != http.StatusForbidden
}

// IsOutcomeUnknown reports a failed request that the server may have processed all the same: the
// answer was lost, or was a 500, 502 or 504. Sending it again is safe only when the caller first
// checks what it did.
func IsOutcomeUnknown(err error) bool { return ambiguous(err) }

// ambiguous reports a POST failure after which the object may or may not exist.
func ambiguous(err error) bool {
	var reqErr *RequestError
	if errors.As(err, &reqErr) {
		return !reqErr.NotSent
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		switch apiErr.StatusCode {
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
			return true
		}
	}
	return false
}
