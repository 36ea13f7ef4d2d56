package emulator

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Rate limits (docs/api-notes.md §1.8): per profile, per route, per minute window that resets at the
// next wall-clock minute, with a table per plan. Over the limit the API answers 429 with
// {"status":false,"message":"Too many requests (Retry-After: N)"} and a Retry-After header.

// ratePlans are the plans docs/api-notes.md gives limits for.
var ratePlans = []string{"free", "starter", "scale"}

// rateRow is one row of the limits table: the requests per minute for free, starter, scale.
type rateRow struct {
	methods string // e.g. "POST DELETE"
	prefix  string // route template, or a prefix when it ends with "*"
	perPlan [3]int
}

// rateTable is docs/api-notes.md's table, most specific rows first.
var rateTable = []rateRow{
	{methods: "GET", prefix: "/data", perPlan: [3]int{250, 5000, 15000}},
	{methods: "POST", prefix: "/data", perPlan: [3]int{250, 5000, 15000}},
	{methods: "PUT DELETE", prefix: "/data", perPlan: [3]int{60, 250, 1000}},
	{methods: "POST DELETE", prefix: "/device", perPlan: [3]int{10, 250, 5000}},
	{methods: "DELETE", prefix: "/device/{id}", perPlan: [3]int{10, 250, 5000}},
	{methods: "GET", prefix: "/device", perPlan: [3]int{50, 100, 500}},
	{methods: "GET", prefix: "/device/{id}", perPlan: [3]int{100, 1000, 5000}},
	{methods: "GET", prefix: "/device/token/{deviceID}", perPlan: [3]int{100, 1000, 5000}},
	{methods: "GET", prefix: "/device/{id}/data_amount", perPlan: [3]int{100, 1000, 5000}},
	{methods: "PUT", prefix: "/device/{id}", perPlan: [3]int{50, 250, 2000}},
	{methods: "POST", prefix: "/device/token", perPlan: [3]int{50, 250, 2000}},
	{methods: "DELETE", prefix: "/device/token/{token}", perPlan: [3]int{50, 250, 2000}},
	{methods: "POST", prefix: "/device/{id}/convert", perPlan: [3]int{50, 250, 2000}},
	{methods: "POST", prefix: "/device/{id}/empty", perPlan: [3]int{50, 250, 2000}},
	{methods: "GET PUT", prefix: "/account", perPlan: [3]int{50, 100, 500}},
	{methods: "POST PUT DELETE", prefix: "/analysis*", perPlan: [3]int{60, 100, 1000}},
	{methods: "GET", prefix: "/analysis", perPlan: [3]int{60, 1000, 2000}},
	{methods: "POST PUT DELETE", prefix: "/action*", perPlan: [3]int{60, 100, 1000}},
	{methods: "POST PUT DELETE", prefix: "/dashboard*", perPlan: [3]int{60, 100, 1000}},
	{methods: "POST PUT", prefix: "/am*", perPlan: [3]int{60, 100, 200}},
	{methods: "GET", prefix: "/tags/keys/{type}", perPlan: [3]int{60, 100, 1000}},
	{methods: "GET", prefix: "/info", perPlan: [3]int{60, 5000, 10000}},
}

// Routes the table does not name get the limits of the closest documented rows: reads those of
// GET /device/:id, writes those of PUT /device/:id. (The reference lists "selected rows" only.)
var (
	defaultReadLimit  = [3]int{100, 1000, 5000}
	defaultWriteLimit = [3]int{50, 250, 2000}
)

// routeLimit is the per-window limit of a route template for a plan index.
func routeLimit(plan int, method, template string) int {
	for _, row := range rateTable {
		if !strings.Contains(" "+row.methods+" ", " "+method+" ") {
			continue
		}
		if prefix, wildcard := strings.CutSuffix(row.prefix, "*"); wildcard && strings.HasPrefix(template, prefix) || row.prefix == template {
			return row.perPlan[plan]
		}
	}
	if method == http.MethodGet || method == http.MethodHead {
		return defaultReadLimit[plan]
	}
	return defaultWriteLimit[plan]
}

// rateLimiter counts requests per route and window.
type rateLimiter struct {
	plan      int
	window    time.Duration // one minute divided by the time scale
	fractions bool          // under a time scale, Retry-After carries decimals
	mu        sync.Mutex
	start     time.Time // start of the current window
	counts    map[string]int
}

func newRateLimiter(plan string, timeScale float64) (*rateLimiter, bool) {
	idx := -1
	for i, p := range ratePlans {
		if p == plan {
			idx = i
		}
	}
	if idx < 0 {
		return nil, false
	}
	if timeScale <= 0 {
		timeScale = 1
	}
	return &rateLimiter{
		plan:      idx,
		window:    time.Duration(float64(time.Minute) / timeScale),
		fractions: timeScale != 1,
		counts:    map[string]int{},
	}, true
}

// allow counts a request; when the route is over its limit it returns the wait until the
// window resets. Windows are aligned like the API's: on multiples of the window length.
func (l *rateLimiter) allow(now time.Time, method, template string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if start := now.Truncate(l.window); !start.Equal(l.start) {
		l.start = start
		clear(l.counts)
	}
	key := method + " " + template
	l.counts[key]++
	if l.counts[key] <= routeLimit(l.plan, method, template) {
		return true, 0
	}
	return false, l.start.Add(l.window).Sub(now)
}

// retryAfter formats a wait as the API does (whole seconds, rounded up); under a time scale it
// keeps three decimals, since a scaled window can be shorter than a second.
func (l *rateLimiter) retryAfter(wait time.Duration) string {
	if !l.fractions {
		return strconv.Itoa(int(math.Ceil(wait.Seconds())))
	}
	return strconv.FormatFloat(math.Ceil(wait.Seconds()*1000)/1000, 'f', -1, 64)
}

// rateLimitMiddleware answers 429 once a route is over its limit in the current window.
func (e *Emulator) rateLimitMiddleware(next Handler) Handler {
	if e.rateLimit == nil {
		return next
	}
	return func(c *Ctx) {
		if c.Route == nil {
			next(c)
			return
		}
		ok, wait := e.rateLimit.allow(time.Now(), c.R.Method, c.Route.Template)
		if ok {
			next(c)
			return
		}
		ra := e.rateLimit.retryAfter(wait)
		c.W.Header().Set("Retry-After", ra)
		writeError(c.W, errorf(http.StatusTooManyRequests, "Too many requests (Retry-After: %s)", ra))
	}
}
