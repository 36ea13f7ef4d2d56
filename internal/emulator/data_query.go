package emulator

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// dataQuery is the query grammar of GET and DELETE /data and /device/{id}/data
// (docs/api-notes.md §3.2), parsed from every query-string encoding the SDKs use (§1.3).
type dataQuery struct {
	kind      string // "" = the default listing
	variables []string
	groups    []string
	ids       []string
	values    []string
	qty       int
	qtySet    bool
	skip      int
	asc       bool
	fromMs    int64 // inclusive; math.MinInt64 without start_date
	toMs      int64 // inclusive; math.MaxInt64 without end_date
	start     *time.Time
	end       *time.Time
	details   bool
	interval  string
	function  string
	condValue float64
	// given reports whether any grammar parameter was sent (DELETE defaults to
	// query=last_item when none was).
	given bool
}

const (
	defaultDataQty = 15
	maxDataQty     = 10000
)

// dataQueryKinds are the values of query=; "default" is what the SDK maps to none.
var dataQueryKinds = map[string]bool{
	"last_item": true, "last_value": true, "last_location": true, "last_insert": true,
	"first_item": true, "first_value": true, "first_location": true, "first_insert": true,
	"min": true, "max": true, "count": true, "avg": true, "sum": true,
	"aggregate": true, "conditional": true,
}

var aggregateIntervals = map[string]bool{"minute": true, "hour": true, "day": true, "month": true, "quarter": true, "year": true}

var conditionalFunctions = map[string]func(a, b float64) bool{
	"gt":  func(a, b float64) bool { return a > b },
	"gte": func(a, b float64) bool { return a >= b },
	"lt":  func(a, b float64) bool { return a < b },
	"lte": func(a, b float64) bool { return a <= b },
	"eq":  func(a, b float64) bool { return a == b },
	"ne":  func(a, b float64) bool { return a != b },
}

// dataGrammarKeys are the parameters that make a query "given".
var dataGrammarKeys = []string{
	"variables", "variable", "groups", "group", "series", "serie", "ids", "id", "values", "value",
	"qty", "skip", "ordination", "start_date", "end_date", "query", "interval", "function", "origins",
}

// aliasValues collects the scalars of several alias keys, in order, without splitting on
// commas (groups and values are free text).
func aliasValues(q *QNode, keys ...string) []string {
	var out []string
	for _, k := range keys {
		for _, v := range q.Get(k).Values() {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// parseDataQuery reads the grammar. Aliases (TCORE, docs/api-notes.md §1.3): variable for
// variables, group/series/serie for groups, id for ids, value for values (except with
// query=conditional, where value is the threshold). origins (legacy buckets) is
// accepted and ignored: the device is the token's or the path's.
func parseDataQuery(q *QNode, now time.Time) (*dataQuery, error) {
	dq := &dataQuery{qty: defaultDataQty, fromMs: math.MinInt64, toMs: math.MaxInt64}
	for _, k := range dataGrammarKeys {
		dq.given = dq.given || q.Has(k)
	}
	dq.kind = strings.TrimSpace(q.String("query"))
	if dq.kind == "default" {
		dq.kind = ""
	}
	if dq.kind != "" && !dataQueryKinds[dq.kind] {
		return nil, badRequest("query must be one of: last_item, last_value, last_location, last_insert, first_item, first_value, first_location, first_insert, min, max, count, avg, sum, aggregate, conditional")
	}
	for _, v := range aliasValues(q, "variables", "variable") {
		if v = strings.ToLower(v); !slices.Contains(dq.variables, v) {
			dq.variables = append(dq.variables, v)
		}
	}
	dq.groups = aliasValues(q, "groups", "group", "series", "serie")
	dq.ids = aliasValues(q, "ids", "id")
	dq.values = aliasValues(q, "values")
	if dq.kind != "conditional" {
		dq.values = append(dq.values, aliasValues(q, "value")...)
	}

	if s := strings.TrimSpace(q.String("qty")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxDataQty {
			return nil, badRequest("qty must be an integer between 1 and %d", maxDataQty)
		}
		dq.qty, dq.qtySet = n, true
	}
	if s := strings.TrimSpace(q.String("skip")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return nil, badRequest("skip must be an integer >= 0")
		}
		dq.skip = n
	}
	switch strings.ToLower(strings.TrimSpace(q.String("ordination"))) {
	case "", "descending", "desc":
	case "ascending", "asc":
		dq.asc = true
	default:
		return nil, badRequest("ordination must be ascending or descending")
	}
	for _, d := range []struct {
		key   string
		dst   **time.Time
		endOf bool
	}{{"start_date", &dq.start, false}, {"end_date", &dq.end, true}} {
		s := strings.TrimSpace(q.String(d.key))
		if s == "" {
			continue
		}
		t, err := parseQueryDate(s, now, d.endOf)
		if err != nil {
			return nil, badRequest("%s must be an ISO-8601 date, \"YYYY-MM-DD HH:mm:ss\" or a relative date like \"1 day\"", d.key)
		}
		*d.dst = &t
	}
	if dq.start != nil {
		dq.fromMs = dq.start.UnixMilli()
	}
	if dq.end != nil {
		dq.toMs = dq.end.UnixMilli()
	}
	if dq.start != nil && dq.end != nil && dq.end.Before(*dq.start) {
		return nil, badRequest("end_date must not be before start_date")
	}
	if v, ok := q.Get("details").Bool(); ok {
		dq.details = v
	} else if v, ok := q.Get("detail").Bool(); ok {
		dq.details = v
	}
	if err := dq.checkKind(q, now); err != nil {
		return nil, err
	}
	return dq, nil
}

// checkKind validates the parameters a query kind requires (docs/api-notes.md §3.2, §5).
func (dq *dataQuery) checkKind(q *QNode, now time.Time) error {
	dq.function = strings.TrimSpace(q.String("function"))
	switch dq.kind {
	case "avg", "sum":
		if dq.start == nil {
			return badRequest("start_date is required for query=%s", dq.kind)
		}
		// end_date defaults to now (docs/api-notes.md §3.2) for the range rule only; listings
		// are not cut at now, so records sent with a future time stay readable.
		end := now
		if dq.end != nil {
			end = *dq.end
		}
		if dq.start.AddDate(0, 1, 0).Before(end) {
			return badRequest("The date range of query=%s must not exceed one month", dq.kind)
		}
	case "aggregate":
		dq.interval = strings.TrimSpace(q.String("interval"))
		if !aggregateIntervals[dq.interval] {
			return badRequest("interval is required for query=aggregate: minute, hour, day, month, quarter or year")
		}
		switch dq.function {
		case "avg", "sum", "min", "max":
		default:
			return badRequest("function is required for query=aggregate: avg, sum, min or max")
		}
	case "conditional":
		if dq.start == nil {
			return badRequest("start_date is required for query=conditional")
		}
		if conditionalFunctions[dq.function] == nil {
			return badRequest("function is required for query=conditional: gt, gte, lt, lte, eq or ne")
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(q.String("value")), 64)
		if err != nil {
			return badRequest("value is required for query=conditional and must be a number")
		}
		dq.condValue = v
	}
	return nil
}

// parseQueryDate reads start_date/end_date: a relative "<n> <unit>" back from now, a
// Unix timestamp, ISO-8601 or "YYYY-MM-DD HH:mm:ss". A date alone (TCORE: at most 10
// characters) means the start of that day for start_date and its end for end_date.
func parseQueryDate(s string, now time.Time, endOfDay bool) (time.Time, error) {
	if t, ok := addRelative(s, now, -1); ok {
		return t, nil
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		return unixTime(n), nil
	}
	t, err := parseAbsoluteTime(s)
	if err != nil {
		return time.Time{}, err
	}
	if len(s) <= 10 && endOfDay {
		t = t.AddDate(0, 0, 1).Add(-time.Millisecond)
	}
	return t, nil
}

// matches applies the filters that are not a series or a time range.
func (dq *dataQuery) matches(d *dataDoc) bool {
	if len(dq.groups) > 0 && !slices.Contains(dq.groups, d.Group) {
		return false
	}
	if len(dq.values) > 0 {
		text, ok := d.valueText()
		if !ok {
			return false
		}
		num, isNum := d.number()
		found := false
		for _, want := range dq.values {
			if want == text {
				found = true
				break
			}
			if w, err := strconv.ParseFloat(want, 64); err == nil && isNum && w == num {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// candidates are the spans a query reads: the records named by ids, or the
// requested variables' series (the whole device without variables), cut to the
// time range.
func (dq *dataQuery) candidates(r *deviceRecords, variables []string) []span {
	if r == nil {
		return nil
	}
	if len(dq.ids) == 0 {
		return r.spans(variables, dq.fromMs, dq.toMs)
	}
	var docs []*dataDoc
	for _, id := range dq.ids {
		d := r.byID[id]
		if d == nil || slices.Contains(docs, d) || d.ms < dq.fromMs || d.ms > dq.toMs {
			continue
		}
		if len(variables) > 0 && !slices.Contains(variables, d.Variable) {
			continue
		}
		docs = append(docs, d)
	}
	slices.SortFunc(docs, cmpRec)
	return []span{{s: docs, lo: 0, hi: len(docs)}}
}

// perVariable runs pick once per requested variable (once over everything without
// variables). last_*/first_*/min/max answer one record per requested variable.
func (dq *dataQuery) perVariable(pick func(variables []string) *dataDoc) []*dataDoc {
	var out []*dataDoc
	if len(dq.variables) == 0 {
		if d := pick(nil); d != nil {
			out = append(out, d)
		}
		return out
	}
	for _, v := range dq.variables {
		if d := pick([]string{v}); d != nil {
			out = append(out, d)
		}
	}
	return out
}

// selectRecords returns the records a record-selecting query designates, in answer
// order; keep (nil = all) restricts them further (a hybrid device's mutable side on
// DELETE).
func (dq *dataQuery) selectRecords(r *deviceRecords, keep func(*dataDoc) bool) []*dataDoc {
	ok := func(d *dataDoc) bool { return dq.matches(d) && (keep == nil || keep(d)) }
	switch dq.kind {
	case "last_item", "last_value", "last_location", "first_item", "first_value", "first_location":
		asc := strings.HasPrefix(dq.kind, "first_")
		need := strings.TrimPrefix(strings.TrimPrefix(dq.kind, "first_"), "last_")
		return dq.perVariable(func(vars []string) *dataDoc {
			var found *dataDoc
			walk(dq.candidates(r, vars), asc, func(d *dataDoc) bool {
				if ok(d) && (need != "value" || len(d.Value) > 0) && (need != "location" || d.Location != nil) {
					found = d
					return false
				}
				return true
			})
			return found
		})
	case "last_insert", "first_insert", "min", "max":
		return dq.perVariable(func(vars []string) *dataDoc {
			var best *dataDoc
			var bestNum float64
			// Walk newest first so that, among equal values, the newest record wins.
			walk(dq.candidates(r, vars), false, func(d *dataDoc) bool {
				if !ok(d) {
					return true
				}
				switch dq.kind {
				case "last_insert":
					if best == nil || insertedBefore(best, d) {
						best = d
					}
				case "first_insert":
					if best == nil || insertedBefore(d, best) {
						best = d
					}
				default:
					n, isNum := d.number()
					if isNum && (best == nil || (dq.kind == "min" && n < bestNum) || (dq.kind == "max" && n > bestNum)) {
						best, bestNum = d, n
					}
				}
				return true
			})
			return best
		})
	}
	// The default listing and conditional: filter, skip, take qty.
	cond := conditionalFunctions[dq.function]
	var out []*dataDoc
	skipped := 0
	walk(dq.candidates(r, dq.variables), dq.asc, func(d *dataDoc) bool {
		if !ok(d) {
			return true
		}
		if dq.kind == "conditional" {
			if n, isNum := d.number(); !isNum || !cond(n, dq.condValue) {
				return true
			}
		}
		if skipped < dq.skip {
			skipped++
			return true
		}
		out = append(out, d)
		return len(out) < dq.qty
	})
	return out
}

func insertedBefore(a, b *dataDoc) bool {
	ta, tb := a.CreatedAt.Time(), b.CreatedAt.Time()
	if !ta.Equal(tb) {
		return ta.Before(tb)
	}
	return a.ID < b.ID
}

// selectsRecords reports whether a query kind designates records (so DELETE may use it).
func (dq *dataQuery) selectsRecords() bool {
	switch dq.kind {
	case "count", "avg", "sum", "aggregate":
		return false
	}
	return true
}

// summary answers count, avg and sum with a bare number, and aggregate with one
// {variable, time, value} item per variable and interval. docs/api-notes.md §3.2: the JS and
// PY SDKs both turn a numeric result into [{time: now, value: n}] themselves, which
// only works if the API sends the bare number; so the number it is.
func (dq *dataQuery) summary(r *deviceRecords) any {
	switch dq.kind {
	case "count":
		n := 0
		walk(dq.candidates(r, dq.variables), true, func(d *dataDoc) bool {
			if dq.matches(d) {
				n++
			}
			return true
		})
		return n
	case "avg", "sum":
		sum, n := 0.0, 0
		walk(dq.candidates(r, dq.variables), true, func(d *dataDoc) bool {
			if v, ok := d.number(); ok && dq.matches(d) {
				sum += v
				n++
			}
			return true
		})
		if dq.kind == "avg" && n > 0 {
			return sum / float64(n)
		}
		return sum // an avg over no number is 0, still a number for the SDKs
	}
	return dq.aggregate(r)
}

// aggregateOut is one interval of query=aggregate.
type aggregateOut struct {
	Variable string  `json:"variable"`
	Time     apiTime `json:"time"`
	Value    float64 `json:"value"`
}

// aggregate buckets numeric values by interval (UTC) and variable. It is ordered by
// time as ordination says (newest first by default), and cut by skip/qty only when
// qty was sent: the default 15 would silently truncate a chart.
func (dq *dataQuery) aggregate(r *deviceRecords) []aggregateOut {
	type bucket struct {
		variable string
		start    int64
	}
	type acc struct {
		sum, min, max float64
		n             int
	}
	accs := map[bucket]*acc{}
	walk(dq.candidates(r, dq.variables), true, func(d *dataDoc) bool {
		v, ok := d.number()
		if !ok || !dq.matches(d) {
			return true
		}
		k := bucket{d.Variable, intervalStart(d.Time.Time(), dq.interval).UnixMilli()}
		a := accs[k]
		if a == nil {
			a = &acc{min: v, max: v}
			accs[k] = a
		}
		a.sum += v
		a.n++
		a.min, a.max = min(a.min, v), max(a.max, v)
		return true
	})
	out := make([]aggregateOut, 0, len(accs))
	for k, a := range accs {
		val := a.sum
		switch dq.function {
		case "avg":
			val = a.sum / float64(a.n)
		case "min":
			val = a.min
		case "max":
			val = a.max
		}
		out = append(out, aggregateOut{Variable: k.variable, Time: apiTime(time.UnixMilli(k.start).UTC()), Value: val})
	}
	slices.SortFunc(out, func(a, b aggregateOut) int {
		c := a.Time.Time().Compare(b.Time.Time())
		if !dq.asc {
			c = -c
		}
		if c == 0 {
			c = strings.Compare(a.Variable, b.Variable)
		}
		return c
	})
	if dq.qtySet {
		out = out[min(dq.skip, len(out)):]
		out = out[:min(dq.qty, len(out))]
	}
	return out
}

func intervalStart(t time.Time, interval string) time.Time {
	t = t.UTC()
	switch interval {
	case "minute":
		return t.Truncate(time.Minute)
	case "hour":
		return t.Truncate(time.Hour)
	case "month":
		return chunkStart(t, "month")
	case "quarter":
		return chunkStart(t, "quarter")
	case "year":
		return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return chunkStart(t, "day")
}

// dataOut is a record as GET /data returns it (docs/api-notes.md §3.1). created_at is always
// present: §8.13 has the OAS text (only with details=true) against its own examples
// (always); a client that reads it survives only the latter, and one that does not
// ignores it. details=true adds the deprecated aliases origin (= device) and serie
// (= group) that the OAS widget example shows.
type dataOut struct {
	ID        string          `json:"id"`
	Device    string          `json:"device"`
	Origin    string          `json:"origin,omitempty"`
	Variable  string          `json:"variable"`
	Value     json.RawMessage `json:"value,omitempty"`
	Unit      *string         `json:"unit,omitempty"`
	Group     string          `json:"group"`
	Serie     string          `json:"serie,omitempty"`
	Location  *geoPoint       `json:"location,omitempty"`
	Metadata  json.RawMessage `json:"metadata,omitempty"`
	Time      apiTime         `json:"time"`
	CreatedAt apiTime         `json:"created_at"`
}

func toDataOut(d *dataDoc, details bool) dataOut {
	o := dataOut{
		ID: d.ID, Device: d.Device, Variable: d.Variable, Value: d.Value, Unit: d.Unit,
		Group: d.Group, Location: d.Location, Metadata: d.Metadata, Time: d.Time, CreatedAt: d.CreatedAt,
	}
	if details {
		o.Origin, o.Serie = d.Device, d.Group
	}
	return o
}
