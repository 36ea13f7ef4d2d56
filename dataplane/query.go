package dataplane

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Query kinds of GET and DELETE /data (docs/api-notes.md §3.2). The empty kind is the default listing.
const (
	QueryDefault       = ""
	QueryLastItem      = "last_item"
	QueryLastValue     = "last_value"
	QueryLastLocation  = "last_location"
	QueryLastInsert    = "last_insert"
	QueryFirstItem     = "first_item"
	QueryFirstValue    = "first_value"
	QueryFirstLocation = "first_location"
	QueryFirstInsert   = "first_insert"
	QueryMin           = "min"
	QueryMax           = "max"
	QueryCount         = "count"
	QueryAvg           = "avg"
	QuerySum           = "sum"
	QueryAggregate     = "aggregate"
	QueryConditional   = "conditional"
)

// QueryKinds lists every query kind the API knows, default listing excluded.
func QueryKinds() []string {
	return []string{
		QueryLastItem, QueryLastValue, QueryLastLocation, QueryLastInsert,
		QueryFirstItem, QueryFirstValue, QueryFirstLocation, QueryFirstInsert,
		QueryMin, QueryMax, QueryCount, QueryAvg, QuerySum, QueryAggregate, QueryConditional,
	}
}

// Limits and enumerations of the query grammar (docs/api-notes.md §3.2).
const (
	MaxQty = 10_000
)

var (
	// Ordinations are the values of Query.Ordination.
	Ordinations = []string{"descending", "ascending"}
	// AggregateIntervals are the values of Query.Interval for an aggregate query.
	AggregateIntervals = []string{"minute", "hour", "day", "month", "quarter", "year"}
	// AggregateFunctions are the values of Query.Function for an aggregate query.
	AggregateFunctions = []string{"avg", "sum", "min", "max"}
	// ConditionalFunctions are the values of Query.Function for a conditional query.
	ConditionalFunctions = []string{"gt", "gte", "lt", "lte", "eq", "ne"}
)

// Query selects records for Find and Remove. Every field is optional; zero values are not sent.
type Query struct {
	Variables []string
	Groups    []string
	Series    []string // the original SDK's name for Groups; both are sent as groups
	IDs       []string
	Values    []any // strings, numbers or booleans
	// Query is one of the Query* kinds; QueryDefault lists records.
	Query      string
	Qty        int    // 1..MaxQty; 0 leaves the API's default (15)
	Skip       int    // records to skip, for paging with Qty
	Ordination string // "descending" (the API's default) or "ascending"
	// StartDate and EndDate take ISO-8601 ("2024-05-01T10:00:00Z", see FormatTime),
	// "YYYY-MM-DD HH:mm:ss", "YYYY-MM-DD" or a relative time ("1 day", "3 hours") meaning
	// that long before now.
	StartDate string
	EndDate   string
	Details   bool     // ask for internal fields such as created_at
	Interval  string   // aggregate: one of AggregateIntervals
	Function  string   // aggregate: AggregateFunctions; conditional: ConditionalFunctions
	Value     *float64 // conditional: the value compared with
}

// ArrayStyle is how a Query writes its lists in the query string; the API reads both.
type ArrayStyle int

const (
	// ArrayIndices writes variables[0]=a&variables[1]=b, like the official JS SDK.
	ArrayIndices ArrayStyle = iota
	// ArrayRepeat writes variables=a&variables=b, like the official Python SDK.
	ArrayRepeat
)

// relativeDate is "<n> <unit>" with the units the API documents and their abbreviations.
var relativeDate = regexp.MustCompile(`^\d+\s*(minutes?|hours?|days?|weeks?|months?|quarters?|years?|m|h|d|w|M|y)$`)

// IsDateInput reports a date the API accepts in a query: absolute (see ParseTime) or relative.
func IsDateInput(s string) bool {
	if _, ok := ParseTime(s); ok {
		return true
	}
	return relativeDate.MatchString(strings.TrimSpace(s))
}

// isEmpty reports a query that selects nothing in particular.
func (q Query) isEmpty() bool {
	return len(q.Variables) == 0 && len(q.Groups) == 0 && len(q.Series) == 0 && len(q.IDs) == 0 &&
		len(q.Values) == 0 && q.Query == "" && q.Qty == 0 && q.Skip == 0 && q.StartDate == "" && q.EndDate == ""
}

// Validate checks the query against the grammar before it is sent; the errors name the field
// and the allowed values.
func (q Query) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if q.Query != QueryDefault && q.Query != "default" && !slices.Contains(QueryKinds(), q.Query) {
		bad("query %q is not a query kind; use one of %s, or leave it empty for the default listing", q.Query, strings.Join(QueryKinds(), ", "))
	}
	if q.Qty < 0 || q.Qty > MaxQty {
		bad("qty %d is out of range: use 1 to %d (0 leaves the API's default of 15)", q.Qty, MaxQty)
	}
	if q.Skip < 0 {
		bad("skip %d is negative", q.Skip)
	}
	if q.Ordination != "" && !slices.Contains(Ordinations, q.Ordination) {
		bad("ordination %q is not one of %s", q.Ordination, strings.Join(Ordinations, ", "))
	}
	for name, d := range map[string]string{"start_date": q.StartDate, "end_date": q.EndDate} {
		if d != "" && !IsDateInput(d) {
			bad("%s %q is not a date: use ISO-8601, \"YYYY-MM-DD HH:mm:ss\", \"YYYY-MM-DD\" or a relative time such as \"1 day\"", name, d)
		}
	}
	for _, v := range q.Values {
		if problem := valueProblem(v); problem != "" || v == nil {
			bad("values: %v is not a string, number or boolean", v)
		}
	}
	switch q.Query {
	case QueryAvg, QuerySum:
		if q.StartDate == "" {
			bad("a %s query needs start_date (the API sums at most one month)", q.Query)
		}
	case QueryAggregate:
		if !slices.Contains(AggregateIntervals, q.Interval) {
			bad("an aggregate query needs interval, one of %s (got %q)", strings.Join(AggregateIntervals, ", "), q.Interval)
		}
		if !slices.Contains(AggregateFunctions, q.Function) {
			bad("an aggregate query needs function, one of %s (got %q)", strings.Join(AggregateFunctions, ", "), q.Function)
		}
	case QueryConditional:
		if q.StartDate == "" {
			bad("a conditional query needs start_date")
		}
		if q.Value == nil {
			bad("a conditional query needs value")
		}
		if !slices.Contains(ConditionalFunctions, q.Function) {
			bad("a conditional query needs function, one of %s (got %q)", strings.Join(ConditionalFunctions, ", "), q.Function)
		}
	}
	if q.Query != QueryAggregate && q.Interval != "" {
		bad("interval is only used by aggregate queries")
	}
	if q.Query != QueryAggregate && q.Query != QueryConditional && q.Function != "" {
		bad("function is only used by aggregate and conditional queries")
	}
	if q.Query != QueryConditional && q.Value != nil {
		bad("value is only used by conditional queries")
	}
	return errors.Join(errs...)
}

// Encode validates the query and writes it as query-string values.
func (q Query) Encode(style ArrayStyle) (url.Values, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	v := url.Values{}
	list := func(key string, items []string) {
		for i, item := range items {
			if style == ArrayRepeat {
				v.Add(key, item)
			} else {
				v.Set(key+"["+strconv.Itoa(i)+"]", item)
			}
		}
	}
	list("variables", q.Variables)
	list("groups", append(slices.Clone(q.Groups), q.Series...))
	list("ids", q.IDs)
	values := make([]string, len(q.Values))
	for i, val := range q.Values {
		values[i] = ValueString(val)
	}
	list("values", values)
	if q.Query != QueryDefault && q.Query != "default" { // the SDKs send nothing for "default"
		v.Set("query", q.Query)
	}
	if q.Qty > 0 {
		v.Set("qty", strconv.Itoa(q.Qty))
	}
	if q.Skip > 0 {
		v.Set("skip", strconv.Itoa(q.Skip))
	}
	set := func(key, value string) {
		if value != "" {
			v.Set(key, value)
		}
	}
	set("ordination", q.Ordination)
	set("start_date", q.StartDate)
	set("end_date", q.EndDate)
	set("interval", q.Interval)
	set("function", q.Function)
	if q.Details {
		v.Set("details", "true")
	}
	if q.Value != nil {
		v.Set("value", strconv.FormatFloat(*q.Value, 'f', -1, 64))
	}
	return v, nil
}

// numberResult reads a bare number, the answer of summary queries (docs/api-notes.md §3.2).
func numberResult(raw json.RawMessage) (float64, bool) {
	var n float64
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, false
	}
	return n, true
}
