// Package client is TagoIO's management API as Go types and methods: one file per API object and
// one transport that every call goes through (auth, envelope, retries, masking, logging). It knows
// nothing about Terraform.
package client

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// Regions and their API base URLs (docs/api-notes.md §1.1).
const (
	RegionUSEast1 = "us-e1"
	RegionEUWest1 = "eu-w1"
	DefaultRegion = RegionUSEast1
)

var regionURLs = map[string]string{
	RegionUSEast1: "https://api.tago.io",
	RegionEUWest1: "https://api.eu-w1.tago.io",
}

// Regions lists the region codes the client knows, in a stable order.
func Regions() []string { return []string{RegionUSEast1, RegionEUWest1} }

// RegionURL returns the API base URL of a region code.
func RegionURL(region string) (string, error) {
	u, ok := regionURLs[region]
	if !ok {
		return "", fmt.Errorf("unknown TagoIO region %q: use one of %s", region, strings.Join(Regions(), ", "))
	}
	return u, nil
}

// DefaultMaxRetries is higher than the official SDKs' five attempts: Terraform runs unattended
// against per-minute rate limits, and a run that gives up half-way costs more than one that waits.
const DefaultMaxRetries = 10

// Logger receives the client's structured debug output; every value it gets is already masked.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Trace(ctx context.Context, msg string, fields map[string]any)
}

// Warner is implemented by a Logger that has a warning level: retries and long rate-limit waits
// are logged there, so that a run that waits says so (TF_LOG=WARN). Without it they go to Debug.
type Warner interface {
	Warn(ctx context.Context, msg string, fields map[string]any)
}

// TraceChecker is implemented by a Logger that can tell whether it would keep a Trace line: the
// client then masks a request or response body for the log only when it would be written.
// Masking a body means reading all of it, which costs more than the request itself for a page
// of 10,000 records.
type TraceChecker interface {
	IsTrace(ctx context.Context) bool
}

// Config configures a Client. Zero values take the defaults noted on each field.
type Config struct {
	BaseURL        string        // required, e.g. https://api.tago.io or an emulator URL
	Token          string        // profile (account) token, sent in the "token" header
	UserAgent      string        // default "terraform-provider-tagoio/dev"
	MaxRetries     int           // retries after the first attempt; 0 means none (see DefaultMaxRetries)
	RequestTimeout time.Duration // per attempt; default 60s like the official SDKs
	RetryWaitMin   time.Duration // first backoff step; default 250ms
	RetryWaitMax   time.Duration // backoff cap; default 30s (the JS SDK's cap)
	MaxRetryAfter  time.Duration // longest Retry-After honoured; default 2m
	HTTPClient     *http.Client  // default: a pooled client with RequestTimeout
	Logger         Logger        // optional
}

// Client talks to one TagoIO API with one token.
type Client struct {
	baseURL       *url.URL
	token         string
	userAgent     string
	httpClient    *http.Client
	maxRetries    int
	retryWaitMin  time.Duration
	retryWaitMax  time.Duration
	maxRetryAfter time.Duration
	masker        *Masker
	logger        Logger
	// serverClockOffset is the server's clock minus ours (ns), learned from Date headers; the
	// ambiguous-create lookup compares server timestamps with the moment a request was sent.
	serverClockOffset atomic.Int64

	Devices      *DevicesService
	DeviceTokens *DeviceTokensService
	Connectors   *ConnectorsService
	Networks     *NetworksService
	Secrets      *SecretsService
	Buckets      *BucketsService
	Run          *RunService
	// RunCustomDomain is the TagoRUN custom domain.
	RunCustomDomain *RunCustomDomainService
	Account         *AccountService

	RunUsers         *RunUsersService
	AccessManagement *AccessManagementService

	Actions  *ActionsService
	Analyses *AnalysesService

	Dashboards *DashboardsService
	Widgets    *WidgetsService

	Dictionaries *DictionariesService
	Entities     *EntitiesService

	ServiceAuthorizations *ServiceAuthorizationsService
	Files                 *FilesService

	Team *TeamService
}

// New builds a Client.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		return nil, fmt.Errorf("the TagoIO API URL is empty")
	}
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("the TagoIO API URL %q is not an absolute http(s) URL", cfg.BaseURL)
	}
	if base.Scheme != "http" && base.Scheme != "https" {
		return nil, fmt.Errorf("the TagoIO API URL %q must start with http:// or https://", cfg.BaseURL)
	}
	c := &Client{
		baseURL:    base,
		token:      cfg.Token,
		userAgent:  orDefault(cfg.UserAgent, "terraform-provider-tagoio/dev"),
		httpClient: cfg.HTTPClient,
		maxRetries: cfg.MaxRetries,
		// A 5xx or a lost answer is usually gone the next moment: the first retry comes soon,
		// and the backoff doubles from there (a 429 or 503 waits for its Retry-After instead).
		retryWaitMin:  orDefault(cfg.RetryWaitMin, 250*time.Millisecond),
		retryWaitMax:  orDefault(cfg.RetryWaitMax, 30*time.Second),
		maxRetryAfter: orDefault(cfg.MaxRetryAfter, 2*time.Minute),
		masker:        NewMasker(cfg.Token),
		logger:        cfg.Logger,
	}
	if c.maxRetries < 0 {
		c.maxRetries = 0
	}
	// Every attempt goes through the pacer, which learns the API's per-route rate limits.
	if c.httpClient == nil {
		c.httpClient = &http.Client{Transport: defaultTransport(), Timeout: orDefault(cfg.RequestTimeout, 60*time.Second)}
	} else {
		hc := *c.httpClient
		c.httpClient = &hc
	}
	next := c.httpClient.Transport
	if next == nil {
		next = defaultTransport()
	}
	c.httpClient.Transport = &pacedTransport{next: next, pacer: newPacer(realClock{}), warn: c.warn}
	c.initServices()
	return c, nil
}

func (c *Client) initServices() {
	c.Devices = &DevicesService{c: c}
	c.DeviceTokens = &DeviceTokensService{c: c}
	c.Connectors = &ConnectorsService{c: c}
	c.Networks = &NetworksService{c: c}
	c.Secrets = &SecretsService{c: c}
	c.Buckets = &BucketsService{c: c}
	c.Run = &RunService{c: c}
	c.RunCustomDomain = &RunCustomDomainService{c: c}
	c.Account = &AccountService{c: c}
	c.RunUsers = &RunUsersService{c: c}
	c.AccessManagement = &AccessManagementService{c: c}
	c.Actions = &ActionsService{c: c}
	c.Analyses = &AnalysesService{c: c}
	c.Dashboards = &DashboardsService{c: c}
	c.Widgets = &WidgetsService{c: c}
	c.Dictionaries = &DictionariesService{c: c}
	c.Entities = &EntitiesService{c: c}
	c.ServiceAuthorizations = &ServiceAuthorizationsService{c: c}
	c.Files = &FilesService{c: c}
	c.Team = &TeamService{c: c}
}

// SetLogger replaces the client's logger (before the client is used): a command-line tool that
// got its client ready-made uses it to show retries and rate-limit waits.
func (c *Client) SetLogger(l Logger) { c.logger = l }

// BaseURL is the API base URL in use.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// Masker is the client's secret masker; callers that log or print API data use it too.
func (c *Client) Masker() *Masker { return c.masker }

func defaultTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   32,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
