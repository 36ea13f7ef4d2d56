package dataplane

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// DefaultAPIURL is the API of TagoIO's default region (us-e1).
const DefaultAPIURL = "https://api.tago.io"

// DefaultMaxRetries is the retries after a first attempt when Config.MaxRetries is 0: five
// attempts in all, like the official SDKs.
const DefaultMaxRetries = 4

// Config configures a Client. Every field but Token is optional.
type Config struct {
	// APIURL is the API base URL; default DefaultAPIURL. Another region
	// (https://api.eu-w1.tago.io), a TagoIO-compatible API or the emulator go here.
	APIURL string
	// Token is sent in the "token" header: a device token, an analysis token or a profile token,
	// depending on what the client is used for (see the package documentation).
	Token string
	// UserAgent is sent with every request; default "tagoio-go-dataplane".
	UserAgent string
	// MaxRetries is the retries after a first attempt that failed with a network error, a 429
	// or a 5xx; 0 means DefaultMaxRetries, a negative value means none.
	MaxRetries int
	// RequestTimeout bounds each attempt; default 60s.
	RequestTimeout time.Duration
	// HTTPClient sends the requests; default a pooled client with RequestTimeout.
	HTTPClient *http.Client
	// Logger receives debug and trace lines, with every secret already masked; default none.
	Logger Logger
}

// Logger receives a client's structured debug output. Every value it gets is already masked.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Trace(ctx context.Context, msg string, fields map[string]any)
}

// Client is a connection to one TagoIO API with one token. Every call goes through one
// transport: authentication, the API's {"status", "result"} envelope, retries with backoff
// (Retry-After honoured), pacing under the API's rate limits, and masking of every token the
// client has seen in its errors and logs. A Client is safe for concurrent use.
type Client struct {
	api *client.Client
}

// New builds a Client.
func New(cfg Config) (*Client, error) {
	retries := cfg.MaxRetries
	switch {
	case retries == 0:
		retries = DefaultMaxRetries
	case retries < 0:
		retries = 0
	}
	apiURL := cfg.APIURL
	if apiURL == "" {
		apiURL = DefaultAPIURL
	}
	userAgent := cfg.UserAgent
	if userAgent == "" {
		userAgent = "tagoio-go-dataplane"
	}
	c, err := client.New(client.Config{
		BaseURL: apiURL, Token: cfg.Token, UserAgent: userAgent, MaxRetries: retries,
		RequestTimeout: cfg.RequestTimeout, HTTPClient: cfg.HTTPClient, Logger: cfg.Logger,
	})
	if err != nil {
		return nil, err
	}
	return wrap(c), nil
}

// wrap gives the package's calls a transport. Only this package can build a Client from the
// module's management client, so no exported signature shows it.
func wrap(c *client.Client) *Client { return &Client{api: c} }

// WithToken returns a client that sends another token through the same transport, masker and
// logger: a device token for NewDevice, an analysis token for NewServices.
func (c *Client) WithToken(token string) *Client { return wrap(c.api.WithToken(token)) }

// APIURL is the API base URL in use.
func (c *Client) APIURL() string { return c.api.BaseURL() }

// MaskSecrets replaces every token and secret the client has seen in s, for code that logs or
// prints API data next to the client's own output.
func (c *Client) MaskSecrets(s string) string { return c.api.Masker().String(s) }

// StatusCode is the HTTP status of an error the API answered (a 2xx whose envelope says
// "status": false counts as the status it came with), or 0 for any other error (network,
// validation before sending, a cancelled context).
func StatusCode(err error) int {
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// IsNotFound reports whether the API said the object does not exist: a 404, or the 400 with a
// "... not found" message some routes answer.
func IsNotFound(err error) bool { return client.IsNotFound(err) }

// IsUnauthorized reports whether the API refused the token (401).
func IsUnauthorized(err error) bool { return client.IsUnauthorized(err) }

// IsRateLimited reports whether the API answered 429 after every retry.
func IsRateLimited(err error) bool { return client.IsRateLimited(err) }

// do sends one request through the transport and decodes the result into out.
func (c *Client) do(ctx context.Context, req client.Request, out any) error {
	return c.api.Do(ctx, req, out)
}
