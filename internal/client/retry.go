package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"syscall"
	"time"
)

// retryPolicy decides, per request, whether an attempt is retried and how long to wait.
//
//   - 429 and 503 mean "not processed": retried for every method, after the wait the API asks for.
//   - Other 5xx and connection errors: retried for GET, PUT, DELETE and HEAD, which are safe to
//     repeat, and for a POST marked Repeatable. Any other POST that failed that way may have
//     created its object, so it is never re-sent here; create() looks for the object first.
//   - A connection that was never established is safe to retry for any method.
//   - A wait that would outlive the request's context (a Terraform timeout) is not started: the
//     last answer is returned instead, so the error says why.
type retryPolicy struct {
	c          *Client
	ctx        context.Context
	method     string
	url        string
	repeatable bool // safe to send again after an answer that may follow processing
	attempt    int
	nextWait   time.Duration
	// connectFailures counts attempts that could not reach the server (refused, DNS, TLS).
	connectFailures int
	// cutShort is the retry wait that was not started because it would outlive the operation's
	// timeout (0: none).
	cutShort time.Duration
}

// A server that cannot be reached (connection refused, a DNS name that does not resolve, a TLS
// handshake that fails) is usually a wrong api_url, a network down or a proxy in the way: a
// few quick retries ride out a restart or a blip, then the error says what failed, where, within
// seconds rather than after the minutes the rate-limit backoff would take.
// The first wait is the backoff's first step, doubled for each retry: 0.25s, 0.5s and 1s with
// the defaults.
const maxConnectRetries = 3

func (p *retryPolicy) check(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	p.attempt++
	reason, retry := p.retryable(resp, err)
	if !retry {
		return false, err
	}
	if p.attempt > p.c.maxRetries {
		return false, err
	}
	wait := p.wait(resp)
	if err != nil && isNotSent(err) {
		p.connectFailures++
		if p.connectFailures > maxConnectRetries {
			return false, err
		}
		wait = p.c.retryWaitMin << (p.connectFailures - 1)
	}
	if wait > p.c.maxRetryAfter {
		p.c.debug(p.ctx, "TagoIO API asked for a longer wait than allowed; giving up",
			map[string]any{"method": p.method, "url": p.url, "wait": wait.String()})
		return false, err
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
		p.c.warn(p.ctx, "TagoIO API retry would outlive the operation timeout; giving up",
			map[string]any{"method": p.method, "url": p.url, "wait": wait.String()})
		p.cutShort = wait
		return false, err
	}
	p.nextWait = wait
	fields := map[string]any{"method": p.method, "url": p.url, "reason": reason, "attempt": p.attempt, "wait": wait.String()}
	if err != nil {
		fields["error"] = p.c.masker.String(err.Error())
	}
	p.c.warn(p.ctx, "TagoIO API retrying", fields)
	return true, nil
}

func (p *retryPolicy) retryable(resp *http.Response, err error) (string, bool) {
	if err != nil {
		if isNotSent(err) {
			return "connection not established", true
		}
		return "connection error", p.repeatable
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return "rate limited (429)", true
	case resp.StatusCode == http.StatusServiceUnavailable:
		return "unavailable (503)", true
	case resp.StatusCode >= 500:
		return "server error (" + strconv.Itoa(resp.StatusCode) + ")", p.repeatable
	}
	return "", false
}

func (p *retryPolicy) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	return p.nextWait
}

// wait is the Retry-After the API asked for, else a capped exponential backoff with jitter.
func (p *retryPolicy) wait(resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if ra := retryAfter(resp, messageOf(readBody(resp))); ra > 0 {
			// A little jitter (5%, at most 250ms) spreads retries; the pacer already keeps them
			// from arriving before the window resets.
			return ra + time.Duration(rand.Int64N(int64(min(ra/20, 250*time.Millisecond))+1))
		}
	}
	return expBackoff(p.c.retryWaitMin, p.c.retryWaitMax, p.attempt)
}

// expBackoff doubles from min for each attempt (1-based), caps at max, and keeps 80-100% of it.
func expBackoff(minWait, maxWait time.Duration, attempt int) time.Duration {
	wait := minWait
	for i := 1; i < attempt && wait < maxWait; i++ {
		wait *= 2
	}
	if wait > maxWait {
		wait = maxWait
	}
	return wait - time.Duration(rand.Int64N(int64(wait)/5+1))
}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// isNotSent reports errors that happen before the request could be written (refused, DNS, a
// failed TLS handshake): the server cannot have seen the request.
func isNotSent(err error) bool { return connectFailure(err) != "" }

// connectFailure names why a connection could not be made, or returns "" for other errors.
func connectFailure(err error) string {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return "the host name " + dnsErr.Name + " does not resolve (DNS)"
	}
	var certErr *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var hostnameErr x509.HostnameError
	var invalidCert x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	if errors.As(err, &certErr) || errors.As(err, &unknownAuthority) || errors.As(err, &hostnameErr) || errors.As(err, &invalidCert) {
		return "its TLS certificate is not trusted"
	}
	if errors.As(err, &recordErr) {
		return "the TLS handshake failed (is it an http:// server?)"
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		switch {
		case errors.Is(err, syscall.ECONNREFUSED):
			return "the connection was refused (nothing listens there)"
		case opErr.Timeout():
			return "the connection timed out"
		}
		return "the connection failed"
	}
	if opErr != nil && opErr.Op == "remote error" { // a TLS alert from the server during the handshake
		return "the TLS handshake failed"
	}
	return ""
}

var retryAfterInMessage = regexp.MustCompile(`(?i)Retry-After:\s*(\d+(?:\.\d+)?)`)

// retryAfter reads the wait from the Retry-After header (seconds or HTTP date), else from the
// message TagoIO puts in the body: "Too many requests (Retry-After: 8)".
func retryAfter(resp *http.Response, message string) time.Duration {
	if h := resp.Header.Get("Retry-After"); h != "" {
		if secs, err := strconv.ParseFloat(h, 64); err == nil && secs >= 0 {
			return seconds(secs)
		}
		if at, err := http.ParseTime(h); err == nil {
			if d := time.Until(at); d > 0 {
				return d
			}
		}
	}
	if m := retryAfterInMessage.FindStringSubmatch(message); m != nil {
		if secs, err := strconv.ParseFloat(m[1], 64); err == nil {
			return seconds(secs)
		}
	}
	return 0
}

// seconds converts a Retry-After value; decimals are tolerated (the API sends whole seconds).
func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func messageOf(body []byte) string {
	var env envelope
	if json.Unmarshal(body, &env) != nil {
		return string(body)
	}
	return envelopeMessage(env)
}
