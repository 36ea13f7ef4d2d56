package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// A refresh is bounded by the resource's read timeout: against an API that answers every request
// 429, it ends with an error that says the timeout ran out, after retrying within it.
func TestAccReadTimeout_refreshAgainstAnAPIThatAlwaysAnswers429(t *testing.T) {
	env := newAccEnv(t)
	env.requireEmulator("a second API that always answers 429 beside the emulator")
	var refused atomic.Int32
	limited := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		refused.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"status":false,"message":"Too many requests (Retry-After: 1)"}`))
	}))
	t.Cleanup(limited.Close)
	const secret = `
resource "tagoio_secret" "bounded" {
  key   = "TFACC_READ_TIMEOUT"
  value = "x"
  timeouts {
    read = "3s"
  }
}`
	against := func(url string) string {
		return fmt.Sprintf("provider \"tagoio\" {\n  api_url = %q\n  token   = %q\n}\n%s", url, env.server.Token, secret)
	}
	resource.ParallelTest(t, env.test(
		resource.TestStep{Config: against(env.server.URL)},
		resource.TestStep{
			PreConfig: func() { refused.Store(0) },
			Config:    against(limited.URL),
			PlanOnly:  true,
			ExpectError: regexp.MustCompile(`(?s)Error reading secret.*429.*gave\s+up\s+because\s+the\s+operation's\s+timeout` +
				`.*The\s+operation\s+timed\s+out.*read\s+\(refresh`),
		},
		resource.TestStep{
			PreConfig: func() {
				if n := refused.Load(); n < 2 {
					t.Errorf("the refresh sent %d requests to the refusing API, want retries within the read timeout", n)
				}
			},
			Config: against(env.server.URL), // back to the real API, so that destroy works
		},
	))
}
