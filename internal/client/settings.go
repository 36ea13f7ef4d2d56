package client

// Settings is the configuration the client sends with: base URL, token, user agent, retries,
// per-attempt timeout and logger. A companion client that must reach the same API the same way
// (the public dataplane package, used by the provider's tagoio_device_data) is built from it.
// The HTTP client is left out: a companion has its own connection pool and pacer.
func (c *Client) Settings() Config {
	return Config{
		BaseURL: c.baseURL.String(), Token: c.token, UserAgent: c.userAgent, MaxRetries: c.maxRetries,
		RequestTimeout: c.httpClient.Timeout, RetryWaitMin: c.retryWaitMin, RetryWaitMax: c.retryWaitMax,
		MaxRetryAfter: c.maxRetryAfter, Logger: c.logger,
	}
}
