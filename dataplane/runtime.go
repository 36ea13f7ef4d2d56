package dataplane

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// Handler is an analysis: the Go counterpart of the function given to the original SDK's
// Analysis(token).init(fn). It gets the run's context and scope; an error it returns (or a
// panic) is written to the analysis console.
type Handler func(ctx context.Context, ac Context, scope Scope) error

// Context is what an analysis run knows (the original SDK's context argument).
type Context struct {
	Environment []EnvVar // the analysis' environment variables
	Token       string   // the analysis token, for NewServices and friends
	AnalysisID  string
	// Log writes its arguments, separated by spaces, to the analysis console (and to the
	// runtime's output).
	Log func(args ...any)

	client *Client // the runtime's transport with Token
}

// Client is a client carrying the run's analysis token, on the runtime's transport.
func (c Context) Client() *Client { return c.client }

// Services are the analysis services (SMS, e-mail, MQTT, notification, console) with the run's
// token.
func (c Context) Services() *Services { return NewServices(c.client) }

// Env returns the value of an environment variable of the analysis ("" when absent).
func (c Context) Env(key string) string {
	for _, e := range c.Environment {
		if e.Key == key {
			return e.Value
		}
	}
	return ""
}

// EnvVar is an analysis environment variable.
type EnvVar struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Scope is the data a run was triggered with: usually records (an action on new data, a
// dashboard form), sometimes other objects.
type Scope []json.RawMessage

// Records reads the scope's items as records (the original SDK's serie/origin keys included).
func (s Scope) Records() ([]Record, error) {
	records := make([]Record, len(s))
	for i, item := range s {
		if err := json.Unmarshal(item, &records[i]); err != nil {
			return nil, fmt.Errorf("scope item %d is not a record: %w", i, err)
		}
	}
	return records, nil
}

// Environment variables of an analysis process (docs/api-notes.md §2.7; JS Analysis/Analysis.ts).
const (
	EnvAnalysisToken   = "T_ANALYSIS_TOKEN"
	EnvAnalysisID      = "T_ANALYSIS_ID"
	EnvAnalysisEnv     = "T_ANALYSIS_ENV"     // JSON [{key, value}]
	EnvAnalysisData    = "T_ANALYSIS_DATA"    // JSON array: the scope
	EnvAnalysisContext = "T_ANALYSIS_CONTEXT" // set when TagoIO itself runs the process
	EnvAPI             = "TAGOIO_API"
	EnvSSE             = "TAGOIO_SSE"
)

// ProcessEnv is what the T_ANALYSIS_* and TAGOIO_* variables say.
type ProcessEnv struct {
	Token       string
	AnalysisID  string
	Environment []EnvVar
	Data        Scope
	// OnTagoIO is true when T_ANALYSIS_CONTEXT is set: TagoIO started the process for one run.
	OnTagoIO bool
	APIURL   string
	SSEURL   string
}

// ReadProcessEnv reads the analysis variables through getenv (os.Getenv in a real process).
func ReadProcessEnv(getenv func(string) string) (ProcessEnv, error) {
	env := ProcessEnv{
		Token: getenv(EnvAnalysisToken), AnalysisID: getenv(EnvAnalysisID), OnTagoIO: getenv(EnvAnalysisContext) != "",
		APIURL: getenv(EnvAPI), SSEURL: getenv(EnvSSE),
	}
	if s := getenv(EnvAnalysisEnv); s != "" {
		if err := json.Unmarshal([]byte(s), &env.Environment); err != nil {
			return env, fmt.Errorf("%s must be a JSON list of {\"key\", \"value\"} objects: %w", EnvAnalysisEnv, err)
		}
	}
	if s := getenv(EnvAnalysisData); s != "" {
		if err := json.Unmarshal([]byte(s), &env.Data); err != nil {
			return env, fmt.Errorf("%s must be a JSON list: %w", EnvAnalysisData, err)
		}
	}
	return env, nil
}

// RuntimeConfig configures a Runtime; every field is optional.
type RuntimeConfig struct {
	Token  string // the analysis token; default T_ANALYSIS_TOKEN
	APIURL string // default TAGOIO_API, else https://api.tago.io
	SSEURL string // default TAGOIO_SSE, else the SSE host of the API's region (see sseURLFor)
	// Client, when set, is the transport to use (the runtime sends Token through WithToken).
	Client *Client
	// HTTPClient carries the event stream; it must not time out a long-lived response.
	HTTPClient   *http.Client
	Output       io.Writer     // where status lines and Log lines are printed; default os.Stdout
	ReconnectMin time.Duration // first wait after a lost stream; default 1s (a server "retry:" overrides it)
	ReconnectMax time.Duration // longest wait; default 30s
	// OnConnected is called each time the event stream is open and listening.
	OnConnected func()
	// Getenv reads the process environment; default os.Getenv.
	Getenv func(string) string
}

// Runtime runs an analysis: once with the T_ANALYSIS_* variables when TagoIO started the
// process, or, run externally, for every trigger TagoIO sends on the "analysis_trigger" event
// stream.
type Runtime struct {
	cfg    RuntimeConfig
	env    ProcessEnv
	client *Client
	sseURL string
	out    io.Writer
	outMu  sync.Mutex
}

// NewRuntime reads the process environment and prepares the runtime.
func NewRuntime(cfg RuntimeConfig) (*Runtime, error) {
	if cfg.Getenv == nil {
		cfg.Getenv = os.Getenv
	}
	env, err := ReadProcessEnv(cfg.Getenv)
	if err != nil {
		return nil, err
	}
	rt := &Runtime{cfg: cfg, env: env, out: cfg.Output}
	if rt.out == nil {
		rt.out = os.Stdout
	}
	if cfg.Token != "" {
		rt.env.Token = cfg.Token
	}
	if rt.env.Token == "" {
		return nil, fmt.Errorf("the analysis token is missing: set RuntimeConfig.Token or %s", EnvAnalysisToken)
	}
	apiURL := firstNonEmpty(cfg.APIURL, env.APIURL, DefaultAPIURL)
	if cfg.Client != nil {
		rt.client = cfg.Client.WithToken(rt.env.Token)
	} else if rt.client, err = New(Config{APIURL: apiURL, Token: rt.env.Token, UserAgent: "tagoio-go-analysis"}); err != nil {
		return nil, err
	}
	rt.sseURL, err = sseURLFor(firstNonEmpty(cfg.SSEURL, env.SSEURL), rt.client.APIURL())
	if err != nil {
		return nil, err
	}
	if rt.cfg.HTTPClient == nil {
		rt.cfg.HTTPClient = &http.Client{} // no overall timeout: the stream stays open
	}
	rt.cfg.ReconnectMin = orDefault(rt.cfg.ReconnectMin, time.Second)
	rt.cfg.ReconnectMax = max(orDefault(rt.cfg.ReconnectMax, 30*time.Second), rt.cfg.ReconnectMin)
	return rt, nil
}

// sseURLFor is the event stream URL: the configured one (its path defaulting to /events), else
// the SSE host of a TagoIO API host (api.tago.io -> sse.tago.io, api.eu-w1.tago.io ->
// sse.eu-w1.tago.io, api.<id>.tagoio.net -> sse.<id>.tagoio.net; docs/api-notes.md §1.1), else the API
// host itself with /events (a self-hosted API or the emulator).
func sseURLFor(configured, apiURL string) (string, error) {
	raw := configured
	if raw == "" {
		raw = apiURL
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("the event stream URL %q is not an absolute http(s) URL", raw)
	}
	if configured == "" {
		host := u.Hostname()
		switch {
		case host == "api.tago.io" || host == "api.us-e1.tago.io":
			u.Host = "sse.tago.io"
		case strings.HasPrefix(host, "api.") && (strings.HasSuffix(host, ".tago.io") || strings.HasSuffix(host, ".tagoio.net")):
			u.Host = "sse." + strings.TrimPrefix(host, "api.")
		}
		u.Path = ""
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = "/events"
	}
	u.RawQuery = ""
	return u.String(), nil
}

// Run runs fn. Started by TagoIO (T_ANALYSIS_CONTEXT set), it runs fn once with the process'
// scope and returns fn's error. Run externally, it checks the analysis with GET /info, listens
// for triggers until ctx is cancelled (reconnecting with backoff when the stream drops), runs fn
// for each trigger in its own goroutine, and returns after the runs in progress have ended; it
// returns early only when the API refuses the token.
func (rt *Runtime) Run(ctx context.Context, fn Handler) error {
	if fn == nil {
		return errors.New("analysis runtime: the handler is nil")
	}
	if rt.env.OnTagoIO {
		// TagoIO collects the process' output into the analysis console, as with the JS SDK.
		ac := Context{Environment: rt.env.Environment, Token: rt.env.Token, AnalysisID: rt.env.AnalysisID, Log: rt.printLog, client: rt.client}
		return rt.call(ctx, fn, ac, rt.env.Data)
	}
	var info struct {
		Name  string `json:"name"`
		RunOn string `json:"run_on"`
	}
	if err := rt.client.do(ctx, client.Request{Method: http.MethodGet, Path: "/info"}, &info); err != nil {
		return fmt.Errorf("analysis not found or not active: %w", err)
	}
	if info.RunOn != "" && info.RunOn != "external" {
		rt.printf("Warning: analysis %q is not set to run on external (run_on is %q)", info.Name, info.RunOn)
	}
	var runs sync.WaitGroup
	defer runs.Wait()
	wait := rt.cfg.ReconnectMin
	for {
		connected, retry, err := rt.listen(ctx, info.Name, func(p triggerPayload) {
			runs.Add(1)
			go func() {
				defer runs.Done()
				rt.trigger(ctx, fn, p)
			}()
		})
		if ctx.Err() != nil {
			return nil
		}
		var fatal *streamRefusedError
		if errors.As(err, &fatal) {
			return err
		}
		if retry > 0 {
			wait = retry
		} else if connected {
			wait = rt.cfg.ReconnectMin
		}
		rt.printf("Connection was closed (%v), reconnecting in %s...", orClosed(err), wait.Round(time.Millisecond))
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		if !connected {
			wait = min(wait*2, rt.cfg.ReconnectMax)
		}
	}
}

func orClosed(err error) any {
	if err == nil {
		return "end of stream"
	}
	return err
}

// streamRefusedError is a 4xx answer to the stream request: retrying cannot help.
type streamRefusedError struct{ status int }

func (e *streamRefusedError) Error() string {
	return fmt.Sprintf("the event stream refused the analysis token (HTTP %d)", e.status)
}

// triggerPayload is an analysis_trigger event's payload (JS Analysis/Analysis.ts).
type triggerPayload struct {
	AnalysisID  string   `json:"analysis_id"`
	Token       string   `json:"token"`
	Environment []EnvVar `json:"environment"`
	Data        Scope    `json:"data"`
}

// parseTrigger reads {"payload": {...}}; a bare payload is accepted too.
func parseTrigger(data string) (triggerPayload, bool) {
	var wrapped struct {
		Payload *triggerPayload `json:"payload"`
	}
	if err := json.Unmarshal([]byte(data), &wrapped); err != nil {
		return triggerPayload{}, false
	}
	if wrapped.Payload != nil {
		return *wrapped.Payload, true
	}
	var bare triggerPayload
	if json.Unmarshal([]byte(data), &bare) != nil || (bare.AnalysisID == "" && bare.Data == nil) {
		return triggerPayload{}, false
	}
	return bare, true
}

// listen opens the stream and hands every trigger to onTrigger until the stream ends. It
// reports whether the stream was open and the reconnection time the server asked for.
func (rt *Runtime) listen(ctx context.Context, name string, onTrigger func(triggerPayload)) (connected bool, retry time.Duration, err error) {
	u, _ := url.Parse(rt.sseURL) // checked by NewRuntime
	u.RawQuery = url.Values{"channels": {"analysis_trigger"}, "token": {rt.env.Token}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return false, 0, err
	}
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Cache-Control", "no-cache")
	resp, err := rt.cfg.HTTPClient.Do(req)
	if err != nil {
		return false, 0, errors.New(rt.client.MaskSecrets(err.Error())) // the URL carries the token
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
		if resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusTooManyRequests {
			return false, 0, &streamRefusedError{status: resp.StatusCode}
		}
		return false, 0, fmt.Errorf("the event stream answered HTTP %d", resp.StatusCode)
	}
	rt.printf("Connected to TagoIO :: Analysis [%s](%s) is ready.", name, tokenEnd(rt.env.Token))
	rt.printf("Waiting for analysis trigger...")
	if rt.cfg.OnConnected != nil {
		rt.cfg.OnConnected()
	}
	err = readSSE(resp.Body, func(ev sseEvent) {
		if ev.Retry > 0 {
			retry = ev.Retry
		}
		// The JS SDK listens to unnamed ("message") events; a named analysis_trigger event is
		// accepted too, docs/api-notes.md being silent on the name.
		if ev.Type != "message" && ev.Type != "analysis_trigger" {
			return
		}
		if p, ok := parseTrigger(ev.Data); ok {
			onTrigger(p)
		}
	})
	return true, retry, err
}

// tokenEnd is the last five characters of a token, enough to tell tokens apart in a log.
func tokenEnd(token string) string {
	if len(token) <= 5 {
		return ""
	}
	return token[len(token)-5:]
}

// trigger runs fn for one trigger, with a Log that writes to the analysis console.
func (rt *Runtime) trigger(ctx context.Context, fn Handler, p triggerPayload) {
	token := firstNonEmpty(p.Token, rt.env.Token)
	runClient := rt.client.WithToken(token)
	console := NewServices(runClient)
	log := func(args ...any) {
		line := formatLog(args)
		rt.printf("%s", line)
		if _, err := console.Console(ctx, line, time.Now()); err != nil {
			rt.printf("writing to the analysis console failed: %v", err)
		}
	}
	ac := Context{Environment: p.Environment, Token: token, AnalysisID: firstNonEmpty(p.AnalysisID, rt.env.AnalysisID), Log: log, client: runClient}
	if err := rt.call(ctx, fn, ac, p.Data); err != nil {
		log(err)
	}
}

// call runs fn, turning a panic into an error.
func (rt *Runtime) call(ctx context.Context, fn Handler, ac Context, scope Scope) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("analysis panicked: %v", r)
		}
	}()
	if scope == nil {
		scope = Scope{}
	}
	return fn(ctx, ac, scope)
}

func (rt *Runtime) printLog(args ...any) { rt.printf("%s", formatLog(args)) }

func (rt *Runtime) printf(format string, args ...any) {
	rt.outMu.Lock()
	defer rt.outMu.Unlock()
	_, _ = fmt.Fprintf(rt.out, format+"\n", args...)
}

// formatLog joins the arguments like the JS SDK's context.log: texts as they are, errors by
// their message, objects as JSON.
func formatLog(args []any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		switch x := a.(type) {
		case string:
			parts[i] = x
		case error:
			parts[i] = x.Error()
		case fmt.Stringer:
			parts[i] = x.String()
		case nil, bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
			parts[i] = fmt.Sprint(x)
		default:
			if b, err := json.Marshal(x); err == nil {
				parts[i] = string(b)
			} else {
				parts[i] = fmt.Sprint(x)
			}
		}
	}
	return strings.Join(parts, " ")
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
