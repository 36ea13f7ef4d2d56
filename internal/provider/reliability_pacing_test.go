package provider

import (
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// pacingTimeScale shortens the emulator's one-minute rate-limit window to one second, so that a
// run bound by ten windows fits in CI.
const pacingTimeScale = 60

// freePlanBudget is docs/api-notes.md's free-plan limit per minute (§1.8) of each route a device
// apply or destroy uses. GET /device/token/{id} is GET /device/token/:id; the device's
// parameters share the limits of the rows the table gives for a device's other reads.
var freePlanBudget = map[string]int{
	"POST /device":               10,
	"DELETE /device/{id}":        10,
	"GET /device/{id}":           100,
	"GET /device/token/{id}":     100,
	"GET /device/{id}/params":    100,
	"PUT /device/{id}":           50,
	"GET /device":                50,
	"POST /device/token":         50,
	"DELETE /device/token/{tok}": 50,
}

// routeRecord is one answered request, as the recording proxy saw it.
type routeRecord struct {
	at     time.Time
	route  string
	status int
}

// routeRecorder sits between the provider and the emulator and notes the route, time and status
// of every answer: the emulator counts 429s per status only, and the minimum a run can take
// depends on each route's own count.
type routeRecorder struct {
	mu      sync.Mutex
	records []routeRecord
}

var (
	objectIDInPath = regexp.MustCompile(`/[0-9a-f]{24}(/|$)`)
	tokenInPath    = regexp.MustCompile(`/(?:[pa]-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(/|$)`)
)

// templateOf is a request's route: IDs and tokens replaced, no trailing slash.
func templateOf(method, path string) string {
	for range 3 { // adjacent segments need a second pass
		path = objectIDInPath.ReplaceAllString(path, "/{id}$1")
		path = tokenInPath.ReplaceAllString(path, "/{tok}$1")
	}
	return method + " " + strings.TrimSuffix(path, "/")
}

func newRouteRecorder(t *testing.T, target string) (*routeRecorder, string) {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	rec := &routeRecorder{}
	proxy := httputil.NewSingleHostReverseProxy(u)
	proxy.ModifyResponse = func(resp *http.Response) error {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		rec.records = append(rec.records, routeRecord{time.Now(), templateOf(resp.Request.Method, resp.Request.URL.Path), resp.StatusCode})
		return nil
	}
	front := httptest.NewServer(proxy)
	t.Cleanup(front.Close)
	return rec, front.URL
}

// pacingReport is what one rate-limited run measured.
type pacingReport struct {
	requests, limited int
	span, minimum     time.Duration
	bindingRoute      string
}

func (r pacingReport) limitedShare() float64 { return float64(r.limited) / float64(r.requests) }
func (r pacingReport) ratio() float64        { return r.span.Seconds() / r.minimum.Seconds() }

func (r pacingReport) String() string {
	return fmt.Sprintf("%d requests, %d answered 429 (%.1f%%); %s from the first request to the last, minimum %s (bound by %s): %.2fx",
		r.requests, r.limited, 100*r.limitedShare(), r.span.Round(time.Millisecond), r.minimum.Round(time.Millisecond),
		r.bindingRoute, r.ratio())
}

// since returns the records from index from on, in time order.
func (rr *routeRecorder) since(from int) []routeRecord {
	rr.mu.Lock()
	records := append([]routeRecord(nil), rr.records[from:]...)
	rr.mu.Unlock()
	sort.Slice(records, func(i, j int) bool { return records[i].at.Before(records[j].at) })
	return records
}

func (rr *routeRecorder) len() int {
	rr.mu.Lock()
	defer rr.mu.Unlock()
	return len(rr.records)
}

// fromFirst drops the records before the first one on route: a destroy refreshes every device
// first, and its deletes are the part the delete limit binds.
func fromFirst(records []routeRecord, route string) []routeRecord {
	for i, r := range records {
		if r.route == route {
			return records[i:]
		}
	}
	return nil
}

// report measures records: the share of 429s, and the run's span against
// the minimum the limits impose. A route that succeeded n times with a budget of b per window
// needs ceil(n/b) windows; windows are aligned, so the first is only partly left when the run
// starts, and the last batch can go at the start of the last window: the route cannot finish
// sooner than (ceil(n/b)-1) windows minus the part of the first window already gone.
func report(t *testing.T, records []routeRecord, window time.Duration) pacingReport {
	t.Helper()
	if len(records) == 0 {
		t.Fatal("no request was recorded")
	}
	start, end := records[0].at, records[len(records)-1].at
	succeeded := map[string]int{}
	rep := pacingReport{requests: len(records), span: end.Sub(start)}
	for _, r := range records {
		if r.status == http.StatusTooManyRequests {
			rep.limited++
			continue
		}
		succeeded[r.route]++
	}
	if os.Getenv("PACING_DEBUG") != "" {
		for _, r := range records {
			t.Logf("%s %s %d", r.at.Sub(start).Round(time.Millisecond), r.route, r.status)
		}
	}
	gone := start.Sub(start.Truncate(window))
	for route, n := range succeeded {
		budget, ok := freePlanBudget[route]
		if !ok {
			t.Fatalf("route %s has no free-plan budget in the test's table", route)
		}
		windows := int(math.Ceil(float64(n) / float64(budget)))
		if minimum := time.Duration(windows-1)*window - gone; minimum > rep.minimum {
			rep.minimum, rep.bindingRoute = minimum, fmt.Sprintf("%s: %d requests, %d per window", route, n, budget)
		}
	}
	return rep
}

// TestReliability_pacesItselfUnderTheFreePlan applies and destroys 200 devices against the
// free plan's limits (ten device creates and ten deletes per window). The client learns each
// route's budget from the 429s it sees and paces itself: under 5% of its requests are answered
// 429. (How long each run takes against the minimum the limits impose is measured by
// make bench-reliability and reported in docs/reliability.md.) Learning a route costs a few 429s
// whatever the run's length, and more on a loaded machine, where answers arrive late: 200 devices
// (20 windows) keep that fixed cost well under 5% where 100 left it at the edge.
func TestReliability_pacesItselfUnderTheFreePlan(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	const devices = 200
	window := time.Duration(float64(time.Minute) / pacingTimeScale)
	inProcessOnly(t, "the free plan's rate limits at a time scale")
	server := emulator.NewTestServer(t, emulator.Options{RateLimitPlan: "free", TimeScale: pacingTimeScale})
	rec, front := newRouteRecorder(t, server.URL)
	cfg := providerBlock(front, server.Token) + fmt.Sprintf(`
resource "tagoio_device" "d" {
  count     = %d
  name      = "tfacc-paced-${count.index}"
  type      = "mutable"
  connector = %q
  network   = %q
}`, devices, httpsConnectorID, httpNetworkID)

	var applyStats emulator.StatsSnapshot
	var apply, destroy pacingReport
	var destroyFrom int
	// Serial: its 1.1x bound is measured in real time, so it runs alone, before the parallel tests.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: func(s *terraform.State) error {
				if n := len(idsInState(s)["tagoio_device"]); n != devices {
					return fmt.Errorf("%d devices in the state, want %d", n, devices)
				}
				applyStats = server.Emulator.Stats().Snapshot()
				apply = report(t, rec.since(0), window)
				destroyFrom = rec.len()
				return nil
			},
		}},
		CheckDestroy: func(*terraform.State) error {
			destroy = report(t, fromFirst(rec.since(destroyFrom), "DELETE /device/{id}"), window)
			return nil
		},
	})
	if t.Failed() {
		return
	}
	t.Logf("apply of %d devices under --rate-limit free --time-scale %d: %s", devices, pacingTimeScale, apply)
	t.Logf("destroy, from its first delete: %s", destroy)
	// The emulator's own counts agree with what the proxy saw.
	if int(applyStats.ByStatus["429"]) != apply.limited || int(applyStats.Total) != apply.requests {
		t.Errorf("emulator stats (%d requests, %d 429) differ from the proxy's (%d, %d)",
			applyStats.Total, applyStats.ByStatus["429"], apply.requests, apply.limited)
	}
	for name, r := range map[string]pacingReport{"apply": apply, "destroy": destroy} {
		if r.limitedShare() >= 0.05 {
			t.Errorf("%s: %.1f%% of the requests were answered 429, want under 5%%", name, 100*r.limitedShare())
		}
		// The time against the minimum is a benchmark's figure (make bench-reliability), not a
		// test's: on a shared machine a timed assertion fails for reasons of its own.
	}
}
