package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The reliability section (`-only reliability`, `make bench-reliability`) measures two figures
// for docs/reliability.md:
//
//  1. Transient faults: the mixed 100-resource apply against an emulator answering 20% of the
//     requests 429 (Retry-After: 1), 10% 503 and 5% 500, next to the same apply without faults,
//     for three fault seeds; the median ratio is the figure.
//  2. Pacing: 100 devices applied and destroyed under the free plan's limits (windows shortened
//     to a second with --time-scale 60): the share of 429s and each run's span against the
//     minimum the limits impose.

// reliabilitySeeds are the emulator's fault seeds; the figure is the median over them.
var reliabilitySeeds = []int{1, 2, 3}

// faultFlags are the emulator flags of the transient-fault runs.
var faultFlags = []string{"--fault-429-rate", "0.2", "--fault-503-rate", "0.1", "--fault-500-rate", "0.05"}

// pacingTimeScale shortens the free plan's one-minute windows to one second.
const pacingTimeScale = 60

// freePlanBudget is TagoIO's documented free-plan limit per minute of each route a device
// apply or destroy uses (TagoIO's rate-limit page; the device's token and parameter reads
// share the rows of its other reads).
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

type faultRun struct {
	Seed          int
	Clean, Faulty time.Duration
	Faults        int64 // requests the emulator answered with an injected fault
	Requests      int64
}

func (r faultRun) ratio() float64 { return r.Faulty.Seconds() / r.Clean.Seconds() }

// pacingRun is one rate-limited Terraform command, as the recording proxy saw it.
type pacingRun struct {
	Requests, Limited int
	Span, Minimum     time.Duration
	Binding           string
}

func (r pacingRun) share() float64 { return float64(r.Limited) / float64(r.Requests) }
func (r pacingRun) ratio() float64 { return r.Span.Seconds() / r.Minimum.Seconds() }

type reliabilitySection struct {
	Size            int
	Faults          []faultRun
	Apply, Destroy  pacingRun
	Devices         int
	Started, Finish time.Time
}

func (s *reliabilitySection) medianRatio() float64 {
	ratios := make([]float64, len(s.Faults))
	for i, r := range s.Faults {
		ratios[i] = r.ratio()
	}
	sort.Float64s(ratios)
	return ratios[len(ratios)/2]
}

func benchReliability(ctx context.Context, s settings, tf *terraformRunner, bins binaries, work string) (*reliabilitySection, error) {
	sec := &reliabilitySection{Size: 100, Devices: 100, Started: time.Now()}
	if s.Quick {
		sec.Size, sec.Devices = 20, 20
	}
	nodes := buildGraph(sec.Size)
	for _, seed := range reliabilitySeeds {
		run := faultRun{Seed: seed}
		logf("reliability: %d mixed resources without faults (seed %d)", sec.Size, seed)
		clean, _, err := applyAgainst(ctx, tf, bins, work, "clean", renderConfig(variantTagoIO, nodes), nil)
		if err != nil {
			return nil, err
		}
		run.Clean = clean
		logf("reliability: %d mixed resources, 20%% 429 + 10%% 503 + 5%% 500 (seed %d)", sec.Size, seed)
		flags := append(slices.Clone(faultFlags), "--seed", strconv.Itoa(seed))
		faulty, stats, err := applyAgainst(ctx, tf, bins, work, "faulty", renderConfig(variantTagoIO, nodes), flags)
		if err != nil {
			return nil, err
		}
		run.Faulty, run.Requests = faulty, stats.Total
		for status, n := range stats.ByStatus {
			if status == "429" || status == "503" || status == "500" {
				run.Faults += n
			}
		}
		sec.Faults = append(sec.Faults, run)
		logf("reliability: seed %d: %s clean, %s with faults (%.2fx)", seed, clean.Round(time.Millisecond), faulty.Round(time.Millisecond), run.ratio())
	}
	logf("reliability: %d devices under --rate-limit free --time-scale %d", sec.Devices, pacingTimeScale)
	var err error
	if sec.Apply, sec.Destroy, err = pacedDevices(ctx, tf, bins, work, sec.Devices); err != nil {
		return nil, err
	}
	sec.Finish = time.Now()
	return sec, nil
}

// applyAgainst applies config in a fresh directory against a fresh emulator started with flags,
// and returns the apply's wall time and the emulator's counts.
func applyAgainst(ctx context.Context, tf *terraformRunner, bins binaries, work, name, config string, flags []string) (time.Duration, emulatorStats, error) {
	dir := filepath.Join(work, "reliability-"+name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, emulatorStats{}, err
	}
	if err := removeState(dir); err != nil {
		return 0, emulatorStats{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644); err != nil {
		return 0, emulatorStats{}, err
	}
	emu, err := startEmulator(bins.emulator, work, 0, flags...)
	if err != nil {
		return 0, emulatorStats{}, err
	}
	defer emu.stop()
	run, err := tf.run(ctx, dir, phaseApply, emu.env())
	if err != nil {
		return 0, emulatorStats{}, err
	}
	stats, err := emu.stats(ctx)
	return run.Wall, stats, err
}

// pacedDevices applies and destroys n devices against the free plan's limits, through a proxy
// that records every answer's route, time and status.
func pacedDevices(ctx context.Context, tf *terraformRunner, bins binaries, work string, n int) (apply, destroy pacingRun, err error) {
	dir := filepath.Join(work, "reliability-paced")
	if err = os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	if err = removeState(dir); err != nil {
		return
	}
	config := "terraform {\n  required_providers {\n    tagoio = { source = \"tago-io/tagoio\" }\n  }\n}\n\nprovider \"tagoio\" {}\n" +
		fmt.Sprintf("\nresource \"tagoio_device\" \"d\" {\n  count     = %d\n  name      = \"paced-${count.index}\"\n  type      = \"mutable\"\n"+
			"  connector = \"62333bd36977fc001a2990c8\"\n  network   = \"62336c32ab6e0d0012e06c04\"\n}\n", n)
	if err = os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644); err != nil {
		return
	}
	emu, err := startEmulator(bins.emulator, work, 0, "--rate-limit", "free", "--time-scale", strconv.Itoa(pacingTimeScale))
	if err != nil {
		return
	}
	defer emu.stop()
	rec, front, err := newRecorder(emu.api)
	if err != nil {
		return
	}
	defer front.Close()
	env := []string{"TAGOIO_API=" + front.URL, "TAGOIO_TOKEN=" + emu.token}
	window := time.Duration(float64(time.Minute) / pacingTimeScale)
	if _, err = tf.run(ctx, dir, phaseApply, env); err != nil {
		return
	}
	applied := rec.take()
	if apply, err = measurePacing(applied, window); err != nil {
		return
	}
	if _, err = tf.run(ctx, dir, phaseDestroy, env); err != nil {
		return
	}
	// A destroy refreshes every device first; the deletes are what the limit binds.
	destroyed := rec.take()
	for i, r := range destroyed {
		if r.route == "DELETE /device/{id}" {
			destroyed = destroyed[i:]
			break
		}
	}
	destroy, err = measurePacing(destroyed, window)
	return
}

type answer struct {
	at     time.Time
	route  string
	status int
}

type recorder struct {
	mu      sync.Mutex
	answers []answer
}

// take returns the answers recorded since the last take, in time order.
func (r *recorder) take() []answer {
	r.mu.Lock()
	out := r.answers
	r.answers = nil
	r.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	return out
}

var (
	idInPath    = regexp.MustCompile(`/[0-9a-f]{24}(/|$)`)
	tokenInPath = regexp.MustCompile(`/(?:[pa]-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(/|$)`)
)

// routeOf is a request's rate-limit route: IDs and tokens replaced, no trailing slash.
func routeOf(method, path string) string {
	for range 3 { // adjacent segments need a second pass
		path = idInPath.ReplaceAllString(path, "/{id}$1")
		path = tokenInPath.ReplaceAllString(path, "/{tok}$1")
	}
	return method + " " + strings.TrimSuffix(path, "/")
}

func newRecorder(target string) (*recorder, *httptest.Server, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, nil, err
	}
	rec := &recorder{}
	proxy := httputil.NewSingleHostReverseProxy(u)
	proxy.ModifyResponse = func(resp *http.Response) error {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		rec.answers = append(rec.answers, answer{time.Now(), routeOf(resp.Request.Method, resp.Request.URL.Path), resp.StatusCode})
		return nil
	}
	return rec, httptest.NewServer(proxy), nil
}

// measurePacing is the share of 429s and the span from the first answer to the last against the
// minimum the limits impose: a route that succeeded n times with a budget of b per aligned
// window needs ceil(n/b) windows, the first only partly left when the run starts, and the last
// batch can go at its start, so no less than (ceil(n/b)-1) windows minus the part of the first
// already gone.
func measurePacing(answers []answer, window time.Duration) (pacingRun, error) {
	if len(answers) == 0 {
		return pacingRun{}, fmt.Errorf("no request was recorded")
	}
	start, end := answers[0].at, answers[len(answers)-1].at
	run := pacingRun{Requests: len(answers), Span: end.Sub(start)}
	succeeded := map[string]int{}
	for _, a := range answers {
		if a.status == http.StatusTooManyRequests {
			run.Limited++
			continue
		}
		succeeded[a.route]++
	}
	gone := start.Sub(start.Truncate(window))
	for route, n := range succeeded {
		budget, ok := freePlanBudget[route]
		if !ok {
			return pacingRun{}, fmt.Errorf("route %s has no free-plan budget in the benchmark's table", route)
		}
		windows := int(math.Ceil(float64(n) / float64(budget)))
		if minimum := time.Duration(windows-1)*window - gone; minimum > run.Minimum {
			run.Minimum, run.Binding = minimum, fmt.Sprintf("%s: %d requests, %d per window", route, n, budget)
		}
	}
	return run, nil
}

// Markers around the generated part of docs/reliability.md.
const (
	reliabilityBegin = "<!-- reliability-bench:begin (generated by `make bench-reliability`; do not edit by hand) -->"
	reliabilityEnd   = "<!-- reliability-bench:end -->"
)

func (s *reliabilitySection) markdown(m machine) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("%s\n\n", reliabilityBegin)
	w("Measured by `make bench-reliability` (internal/benchmark, `-only reliability`) on %s (%d cores, load average %s at the start), %s.\n\n",
		m.CPU, m.Cores, m.LoadAvg, s.Started.UTC().Format("2006-01-02"))
	w("**Transient faults.** The benchmark's mixed %d-resource apply (every resource kind, with references between them) "+
		"against an emulator started with `%s --seed N`, next to the same apply without faults:\n\n", s.Size, strings.Join(faultFlags, " "))
	w("| Seed | Without faults | With faults | Ratio | Requests | Faults injected |\n|---|---|---|---|---|---|\n")
	for _, r := range s.Faults {
		w("| %d | %s | %s | %.2fx | %d | %d |\n", r.Seed, r.Clean.Round(10*time.Millisecond), r.Faulty.Round(10*time.Millisecond), r.ratio(), r.Requests, r.Faults)
	}
	w("\nMedian ratio: **%.2fx** (the target is at most 2x).\n\n", s.medianRatio())
	w("**Pacing.** %d devices under `--rate-limit free --time-scale %d` (ten device creates and ten deletes per "+
		"one-second window), from the first request to the last:\n\n", s.Devices, pacingTimeScale)
	w("| Run | Requests | Answered 429 | Span | Minimum the limits impose | Ratio |\n|---|---|---|---|---|---|\n")
	for _, r := range []struct {
		name string
		run  pacingRun
	}{{"apply", s.Apply}, {"destroy (from its first delete)", s.Destroy}} {
		w("| %s | %d | %d (%.1f%%) | %s | %s | %.2fx |\n", r.name, r.run.Requests, r.run.Limited, 100*r.run.share(),
			r.run.Span.Round(10*time.Millisecond), r.run.Minimum.Round(10*time.Millisecond), r.run.ratio())
	}
	w("\nThe targets are under 5%% 429s and at most 1.1x the minimum.\n\n%s\n", reliabilityEnd)
	return b.String()
}

// writeReliability replaces the generated part of docs/reliability.md (or appends it).
func writeReliability(path, section string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	doc := string(raw)
	begin, end := strings.Index(doc, reliabilityBegin), strings.Index(doc, reliabilityEnd)
	if begin >= 0 && end > begin {
		doc = doc[:begin] + strings.TrimSuffix(section, "\n") + doc[end+len(reliabilityEnd):]
	} else {
		doc = strings.TrimRight(doc, "\n") + "\n\n## Measured\n\n" + section
	}
	return os.WriteFile(path, []byte(doc), 0o644)
}
