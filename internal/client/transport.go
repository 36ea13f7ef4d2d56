package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Request is one API call. The companion data-plane package builds these too.
type Request struct {
	Method string
	Path   string     // e.g. "/device/6298fcc3e0b6840012b6abfa"
	Query  url.Values // optional
	Body   any        // marshalled to JSON when not nil; []byte is sent as is
	// Sensitive marks a call whose bodies carry secrets under keys the masker cannot know
	// (an action's header values, an analysis's environment, a signed URL): its bodies are
	// never logged, only their size.
	Sensitive bool
	// Repeatable marks a POST that does no harm when it is sent again (it replaces something
	// rather than adding an object, like an analysis script upload): after a server error or a
	// lost answer it is retried like a PUT.
	Repeatable bool
}

// envelope is TagoIO's answer: {"status": true, "result": ...} or {"status": false, "message": ...}.
type envelope struct {
	Status  *bool           `json:"status"`
	Result  json.RawMessage `json:"result"`
	Message json.RawMessage `json:"message"`
}

// maxBodyLog caps how much of a body goes into a trace log line.
const maxBodyLog = 4096

// WithToken returns a client that sends another token (a device or analysis token) through the
// same transport, masker and logger.
func (c *Client) WithToken(token string) *Client {
	c.masker.Add(token)
	clone := &Client{
		baseURL: c.baseURL, token: token, userAgent: c.userAgent, httpClient: c.httpClient,
		maxRetries: c.maxRetries, retryWaitMin: c.retryWaitMin, retryWaitMax: c.retryWaitMax,
		maxRetryAfter: c.maxRetryAfter, masker: c.masker, logger: c.logger,
	}
	clone.serverClockOffset.Store(c.serverClockOffset.Load())
	clone.initServices()
	return clone
}

// Do sends req and decodes the envelope's result into out (when out is not nil).
func (c *Client) Do(ctx context.Context, req Request, out any) error {
	raw, err := c.send(ctx, req)
	if err != nil {
		return err
	}
	if out == nil || len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("TagoIO API %s %s: unexpected result (%v): %s", req.Method, c.masker.String(req.Path), err,
			truncate(c.masker.Body(raw), 300))
	}
	return nil
}

// send runs the request with retries and returns the raw "result" of a successful envelope.
func (c *Client) send(ctx context.Context, req Request) (json.RawMessage, error) {
	path := c.masker.String(req.Path) // for error texts: a device token can be part of a path
	var body []byte
	switch b := req.Body.(type) {
	case nil:
	case []byte:
		body = b
	default:
		var err error
		if body, err = json.Marshal(b); err != nil {
			return nil, fmt.Errorf("encoding the %s %s request: %w", req.Method, path, err)
		}
	}
	u := *c.baseURL
	u.Path = c.baseURL.Path + req.Path
	if len(req.Query) > 0 {
		u.RawQuery = req.Query.Encode()
	}
	var bodyArg any
	if body != nil {
		bodyArg = body
	}
	httpReq, err := retryablehttp.NewRequestWithContext(ctx, req.Method, u.String(), bodyArg)
	if err != nil {
		return nil, fmt.Errorf("building the %s %s request: %w", req.Method, path, err)
	}
	httpReq.Header.Set("token", c.token)
	httpReq.Header.Set("User-Agent", c.userAgent)
	httpReq.Header.Set("Accept", "application/json")
	if body != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}

	maskedURL := c.masker.String(u.String())
	policy := &retryPolicy{c: c, ctx: ctx, method: req.Method, url: maskedURL, repeatable: req.Repeatable || idempotent(req.Method)}
	rc := &retryablehttp.Client{
		HTTPClient:   c.httpClient,
		RetryMax:     c.maxRetries,
		RetryWaitMin: c.retryWaitMin,
		RetryWaitMax: c.retryWaitMax,
		CheckRetry:   policy.check,
		Backoff:      policy.backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
		RequestLogHook: func(_ retryablehttp.Logger, r *http.Request, attempt int) {
			c.debug(ctx, "TagoIO API request", map[string]any{
				"method": req.Method, "url": maskedURL, "attempt": attempt + 1,
				"headers": c.maskHeaders(r.Header),
			})
			if body != nil {
				c.traceBody(ctx, "TagoIO API request body", req, body)
			}
		},
	}
	start := time.Now()
	resp, err := rc.Do(httpReq)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("TagoIO API %s %s: %w", req.Method, path, ctxErr)
		}
		return nil, &RequestError{Method: req.Method, Path: path, Err: errors.New(c.masker.String(err.Error())), NotSent: isNotSent(err)}
	}
	defer func() { _ = resp.Body.Close() }()
	c.learnServerClock(resp)
	respBody, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, &RequestError{Method: req.Method, Path: path, Err: errors.New(c.masker.String(err.Error()))}
	}
	c.debug(ctx, "TagoIO API response", map[string]any{
		"method": req.Method, "url": maskedURL, "status": resp.StatusCode,
		"duration_ms": time.Since(start).Milliseconds(),
	})
	c.traceBody(ctx, "TagoIO API response body", req, respBody)
	return c.decode(req.Method, path, resp, respBody)
}

// decode reads the envelope in every form docs/api-notes.md lists (§1.5).
func (c *Client) decode(method, maskedPath string, resp *http.Response, body []byte) (json.RawMessage, error) {
	var env envelope
	jsonErr := json.Unmarshal(body, &env)
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300
	if ok {
		switch {
		case jsonErr == nil && env.Status != nil && *env.Status:
			return env.Result, nil
		case len(bytes.TrimSpace(body)) == 0:
			return nil, nil
		case (jsonErr == nil && env.Status == nil) || (jsonErr != nil && json.Valid(body)):
			// Not an envelope (a bare value or object): the body is the result.
			return body, nil
		}
	}
	apiErr := &APIError{StatusCode: resp.StatusCode, Method: method, Path: maskedPath}
	if ok {
		// 2xx with "status": false: the official JS SDK resolves these, but they carry an error text;
		// failing loudly is safer for Terraform than recording a half-made object.
		apiErr.StatusCode = http.StatusUnprocessableEntity
	}
	if jsonErr == nil {
		apiErr.Message = envelopeMessage(env)
	}
	if apiErr.Message == "" {
		apiErr.Message = strings.TrimSpace(truncate(string(body), 300))
	}
	apiErr.Message = c.masker.Body([]byte(apiErr.Message))
	apiErr.RetryAfter = retryAfter(resp, apiErr.Message)
	return nil, apiErr
}

// envelopeMessage finds the error text: "message", else "result" as a string, else
// "result.message", else the result object itself.
func envelopeMessage(env envelope) string {
	var s string
	if json.Unmarshal(env.Message, &s) == nil && s != "" {
		return s
	}
	if len(env.Message) > 0 && string(env.Message) != "null" {
		return string(env.Message)
	}
	if json.Unmarshal(env.Result, &s) == nil && s != "" {
		return s
	}
	var nested struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(env.Result, &nested) == nil && nested.Message != "" {
		return nested.Message
	}
	if len(env.Result) > 0 && string(env.Result) != "null" {
		return string(env.Result)
	}
	return ""
}

// loggableBody is what a trace line may show of a body: masked and truncated, or only its size
// for a sensitive call.
func (c *Client) loggableBody(req Request, body []byte) string {
	if req.Sensitive {
		return fmt.Sprintf("%s (%d bytes, sensitive)", MaskPlaceholder, len(body))
	}
	return truncate(c.masker.Body(body), maxBodyLog)
}

func (c *Client) learnServerClock(resp *http.Response) {
	if date, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		c.serverClockOffset.Store(int64(time.Until(date)))
	}
}

func (c *Client) maskHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		switch strings.ToLower(k) {
		case "token", "authorization", "device-token", "account-token", "profile-token", "analysis-token":
			out[k] = MaskPlaceholder
		default:
			out[k] = c.masker.String(strings.Join(v, ", "))
		}
	}
	return out
}

func (c *Client) debug(ctx context.Context, msg string, fields map[string]any) {
	if c.logger != nil {
		c.logger.Debug(ctx, msg, fields)
	}
}

// traceBody logs a masked body, masking it only when the line will be written.
func (c *Client) traceBody(ctx context.Context, msg string, req Request, body []byte) {
	if c.logger == nil {
		return
	}
	if checker, ok := c.logger.(TraceChecker); ok && !checker.IsTrace(ctx) {
		return
	}
	c.logger.Trace(ctx, msg, map[string]any{"body": c.loggableBody(req, body)})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + fmt.Sprintf("... (%d bytes)", len(s))
}

// readBody returns the body bytes and puts an unread copy back, so that the retry policy can
// look at an answer that may still be returned to the caller.
func readBody(resp *http.Response) []byte {
	if resp == nil || resp.Body == nil {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return b
}
