package emulator

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"
)

// queryFixture: a device with temperature 10..40 hourly from 2024-03-01T00:00Z
// (groups g1, g1, g2, g2; the 20 carries a location), humidity 50 at 00:30 (g1) and
// a valueless humidity at 01:30 (g3), then, in a later request, temperature 5 one
// day earlier (the last inserted, but the oldest in time).
func queryFixture(t *testing.T) (*Emulator, created, map[string]string) {
	t.Helper()
	e := newEmu(t)
	dev := mkDevice(t, e, "q", nil)
	at := func(d time.Duration) string {
		return time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).Add(d).Format(time.RFC3339)
	}
	dpPost(t, e, dev.Token, []map[string]any{
		{"variable": "temperature", "value": 10, "time": at(0), "group": "g1"},
		{"variable": "temperature", "value": 20, "time": at(time.Hour), "group": "g1", "location": map[string]any{"lat": 1, "lng": 2}},
		{"variable": "temperature", "value": 30, "time": at(2 * time.Hour), "group": "g2"},
		{"variable": "temperature", "value": 40, "time": at(3 * time.Hour), "group": "g2"},
		{"variable": "humidity", "value": 50, "time": at(30 * time.Minute), "group": "g1"},
		{"variable": "humidity", "time": at(90 * time.Minute), "group": "g3"},
	}, 6)
	dpPost(t, e, dev.Token, map[string]any{"variable": "temperature", "value": 5, "time": at(-24 * time.Hour), "group": "g0"}, 1)
	ids := map[string]string{}
	for _, r := range dpGet(t, e, dev.Token, "qty=100") {
		ids[r.Variable+"="+string(r.Value)] = r.ID
	}
	return e, dev, ids
}

func sortedValues(recs []dpRecord) string {
	v := dpValues(recs)
	sort.Strings(v)
	return strings.Join(v, ",")
}

func TestQueryArrayEncodings(t *testing.T) {
	t.Parallel()
	e, dev, ids := queryFixture(t)
	cases := []struct {
		query string
		want  string // sorted values
	}{
		// variables, every encoding of §1.3 and the aliases
		{"variables[]=temperature&variables[]=humidity&qty=100", ",10,20,30,40,5,50"},
		{"variables[0]=temperature&variables[1]=humidity&qty=100", ",10,20,30,40,5,50"},
		{"variables%5B0%5D=temperature&variables%5B1%5D=humidity&qty=100", ",10,20,30,40,5,50"},
		{"variables=temperature&variables=humidity&qty=100", ",10,20,30,40,5,50"},
		{"variable=humidity&variable=TEMPERATURE&qty=100", ",10,20,30,40,5,50"},
		{"variables=humidity", ",50"},
		{"variable=Humidity", ",50"},
		// groups and their aliases
		{"groups[0]=g1&groups[1]=g3", ",10,20,50"},
		{"groups[]=g2", "30,40"},
		{"groups=g2&groups=g0", "30,40,5"},
		{"series=g0", "5"},
		{"group=g3", ""},
		{"serie=g1&variable=humidity", "50"},
		// ids
		{"ids[0]=" + ids["temperature=10"] + "&ids[1]=" + ids["humidity=50"], "10,50"},
		{"ids[]=" + ids["temperature=40"], "40"},
		{"id=" + ids["temperature=30"] + "&id=" + ids["temperature=20"], "20,30"},
		{"ids=" + ids["temperature=30"] + "&variables=humidity", ""},
		{"ids=aaaaaaaaaaaaaaaaaaaaaaaa", ""},
		// values (text, and numbers numerically)
		{"values=10&values=40", "10,40"},
		{"values[0]=50.0", "50"},
		{"value=20", "20"},
	}
	for _, tc := range cases {
		got := dpGet(t, e, dev.Token, tc.query)
		if s := sortedValues(got); s != tc.want {
			t.Errorf("%s: got values %q, want %q", tc.query, s, tc.want)
		}
	}
}

func TestQueryPagingOrderingDates(t *testing.T) {
	t.Parallel()
	e, dev, _ := queryFixture(t)
	vals := func(q string) string { return strings.Join(dpValues(dpGet(t, e, dev.Token, q)), ",") }
	// descending by time is the default, then ascending in every spelling
	if got := vals("variable=temperature"); got != "40,30,20,10,5" {
		t.Fatalf("default order %s", got)
	}
	for _, o := range []string{"ascending", "asc", "ASC", "Ascending"} {
		if got := vals("variable=temperature&ordination=" + o); got != "5,10,20,30,40" {
			t.Fatalf("ordination=%s: %s", o, got)
		}
	}
	if got := vals("variable=temperature&ordination=DESC&qty=2&skip=1"); got != "30,20" {
		t.Fatalf("qty/skip: %s", got)
	}
	if got := vals("variable=temperature&ordination=ascending&qty=2&skip=4"); got != "40" {
		t.Fatalf("last page: %s", got)
	}
	// dates: ISO, human, Unix seconds, date only (snapped to the day's start/end)
	for q, want := range map[string]string{
		"variable=temperature&start_date=2024-03-01T01:00:00Z":                                       "40,30,20",
		"variable=temperature&start_date=" + url.QueryEscape("2024-03-01 01:00:00"):                  "40,30,20",
		"variable=temperature&end_date=" + url.QueryEscape("2024-03-01 01:59:59"):                    "20,10,5",
		"variable=temperature&start_date=1709254800&end_date=1709258400":                             "30,20",
		"variable=temperature&end_date=2024-03-01":                                                   "40,30,20,10,5",
		"variable=temperature&start_date=2024-03-01":                                                 "40,30,20,10",
		"variable=temperature&start_date=2024-02-29&end_date=2024-02-29":                             "5",
		"variable=temperature&start_date=2024-03-01T00:00:00.000Z&end_date=2024-03-01T00:00:00.000Z": "10",
	} {
		if got := vals(q); got != want {
			t.Errorf("%s: %s, want %s", q, got, want)
		}
	}
	// relative dates count back from now
	dpPost(t, e, dev.Token, []map[string]any{
		{"variable": "rel", "value": 1, "time": time.Now().Add(-48 * time.Hour).Format(time.RFC3339)},
		{"variable": "rel", "value": 2},
	}, 2)
	if got := vals("variable=rel&start_date=1+day"); got != "2" {
		t.Fatalf("start_date=1 day: %s", got)
	}
	if got := vals("variable=rel&end_date=1%20day"); got != "1" {
		t.Fatalf("end_date=1 day: %s", got)
	}
	// qty default is 15
	var items []map[string]any
	for i := range 20 {
		items = append(items, map[string]any{"variable": "many", "value": i})
	}
	dpPost(t, e, dev.Token, items, 20)
	if n := len(dpGet(t, e, dev.Token, "variable=many")); n != 15 {
		t.Fatalf("default qty returned %d", n)
	}
	if n := len(dpGet(t, e, dev.Token, "variable=many&qty=10000")); n != 20 {
		t.Fatalf("qty=10000 returned %d", n)
	}
}

func TestQueryGrammarErrors(t *testing.T) {
	t.Parallel()
	e, dev, _ := queryFixture(t)
	for q, want := range map[string]string{
		"qty=0":               "qty must be an integer between 1 and 10000",
		"qty=10001":           "qty must be",
		"qty=many":            "qty must be",
		"skip=-1":             "skip must be",
		"ordination=sideways": "ordination must be ascending or descending",
		"start_date=someday":  "start_date must be",
		"end_date=2024-13-45": "end_date must be",
		"start_date=2024-03-02&end_date=2024-03-01": "end_date must not be before start_date",
		"query=median": "query must be one of",
		"query=avg":    "start_date is required for query=avg",
		"query=sum&start_date=2024-01-01&end_date=2024-03-01":          "must not exceed one month",
		"query=sum&start_date=2020-01-01":                              "must not exceed one month", // end_date defaults to now
		"query=aggregate&function=avg":                                 "interval is required for query=aggregate",
		"query=aggregate&interval=week&function=avg":                   "interval is required",
		"query=aggregate&interval=hour":                                "function is required for query=aggregate",
		"query=aggregate&interval=hour&function=gt":                    "function is required for query=aggregate",
		"query=conditional&function=gt&value=1":                        "start_date is required for query=conditional",
		"query=conditional&start_date=2024-03-01&value=1":              "function is required for query=conditional",
		"query=conditional&start_date=2024-03-01&function=avg&value=1": "function is required for query=conditional",
		"query=conditional&start_date=2024-03-01&function=gt":          "value is required for query=conditional",
	} {
		req(t, e, "GET", "/data?"+q, dev.Token, nil).fail(t, 400, want)
	}
}

func TestQueryFirstLast(t *testing.T) {
	t.Parallel()
	e, dev, _ := queryFixture(t)
	one := func(q string) []dpRecord { return dpGet(t, e, dev.Token, q) }
	check := func(q, want string) {
		t.Helper()
		got := one(q)
		var parts []string
		for _, r := range got {
			parts = append(parts, r.Variable+"="+string(r.Value))
		}
		if s := strings.Join(parts, ";"); s != want {
			t.Errorf("%s: %s, want %s", q, s, want)
		}
	}
	check("query=last_item&variable=temperature", "temperature=40")
	check("query=first_item&variable=temperature", "temperature=5")
	// per variable, in the order asked
	check("query=last_item&variables[]=humidity&variables[]=temperature", "humidity=;temperature=40")
	check("query=last_value&variables[]=humidity&variables[]=temperature", "humidity=50;temperature=40")
	check("query=first_value&variable=humidity", "humidity=50")
	check("query=last_location&variable=temperature", "temperature=20")
	check("query=first_location", "temperature=20")
	check("query=last_location&variable=humidity", "")
	// insertion order, not time order
	check("query=last_insert&variable=temperature", "temperature=5")
	check("query=first_insert&variable=temperature", "temperature=10")
	check("query=last_insert", "temperature=5")
	// without variables: the single newest / oldest record of the device
	check("query=last_item", "temperature=40")
	check("query=first_item", "temperature=5")
	// filters still apply
	check("query=last_item&variable=temperature&groups=g1", "temperature=20")
	check("query=last_item&variable=temperature&end_date=2024-03-01T02:30:00Z", "temperature=30")
	// min / max: the record, per variable; non-numbers are ignored
	check("query=min&variable=temperature", "temperature=5")
	check("query=max&variables=temperature&variables=humidity", "temperature=40;humidity=50")
	check("query=max&variable=temperature&start_date=2024-03-01&end_date=2024-03-01T02:00:00Z", "temperature=30")
	// query=default is the plain listing
	if n := len(one("query=default&variable=temperature")); n != 5 {
		t.Fatalf("query=default returned %d", n)
	}
	// details adds the deprecated aliases
	d := one("variable=humidity&details=true&qty=1")[0]
	if d.Origin != dev.DeviceID || d.Serie != "g3" {
		t.Fatalf("details %+v", d)
	}
	if d := one("variable=humidity&qty=1")[0]; d.Origin != "" || d.Serie != "" {
		t.Fatalf("aliases without details %+v", d)
	}
}

func TestQuerySummaries(t *testing.T) {
	t.Parallel()
	e, dev, _ := queryFixture(t)
	raw := func(q string) string {
		t.Helper()
		r := req(t, e, "GET", "/data?"+q, dev.Token, nil)
		r.ok(t, 200, nil)
		return string(r.Result)
	}
	// bare numbers in result
	for q, want := range map[string]string{
		"query=count":                      "7",
		"query=count&variable=temperature": "5",
		"query=count&variable=temperature&start_date=2024-03-01T01:00:00Z": "3",
		"query=count&groups=g1":        "3",
		"query=count&variable=nothing": "0",
		"query=avg&variable=temperature&start_date=2024-03-01&end_date=2024-03-01T23:00:00Z":           "25",
		"query=sum&variable=temperature&start_date=2024-03-01&end_date=2024-03-02":                     "100",
		"query=sum&variables=temperature&variables=humidity&start_date=2024-02-29&end_date=2024-03-02": "155",
		"query=avg&variable=nothing&start_date=2024-03-01&end_date=2024-03-02":                         "0",
	} {
		if got := raw(q); got != want {
			t.Errorf("%s: result %s, want %s", q, got, want)
		}
	}
	var agg []aggregateOut
	decode := func(q string) {
		t.Helper()
		agg = nil
		if err := json.Unmarshal([]byte(raw(q)), &agg); err != nil {
			t.Fatal(err)
		}
	}
	render := func() string {
		var parts []string
		for _, a := range agg {
			parts = append(parts, fmt.Sprintf("%s@%s=%g", a.Variable, a.Time.Time().Format("01-02T15"), a.Value))
		}
		return strings.Join(parts, ";")
	}
	decode("query=aggregate&interval=day&function=avg&variable=temperature")
	if got := render(); got != "temperature@03-01T00=25;temperature@02-29T00=5" {
		t.Fatalf("daily avg %s", got)
	}
	decode("query=aggregate&interval=hour&function=sum&variables=temperature&variables=humidity&start_date=2024-03-01&ordination=ascending")
	if got := render(); got != "humidity@03-01T00=50;temperature@03-01T00=10;temperature@03-01T01=20;temperature@03-01T02=30;temperature@03-01T03=40" {
		t.Fatalf("hourly sum %s", got)
	}
	decode("query=aggregate&interval=month&function=max")
	if got := render(); got != "humidity@03-01T00=50;temperature@03-01T00=40;temperature@02-01T00=5" {
		t.Fatalf("monthly max %s", got)
	}
	decode("query=aggregate&interval=year&function=min&qty=1")
	if got := render(); got != "humidity@01-01T00=50" && got != "temperature@01-01T00=5" {
		t.Fatalf("qty cuts aggregates %s", got)
	}
	if len(agg) != 1 {
		t.Fatalf("qty=1 returned %d intervals", len(agg))
	}
	// conditional: the records meeting the condition
	vals := func(q string) string { return strings.Join(dpValues(dpGet(t, e, dev.Token, q)), ",") }
	for q, want := range map[string]string{
		"query=conditional&variable=temperature&start_date=2024-01-01&function=gt&value=15":                      "40,30,20",
		"query=conditional&variable=temperature&start_date=2024-01-01&function=lte&value=10":                     "10,5",
		"query=conditional&variable=temperature&start_date=2024-03-01&function=eq&value=10":                      "10",
		"query=conditional&variable=temperature&start_date=2024-03-01&function=ne&value=10&ordination=asc&qty=2": "20,30",
		"query=conditional&start_date=2024-01-01&function=gte&value=40":                                          "40,50",
		"query=conditional&start_date=2024-01-01&function=lt&value=0":                                            "",
	} {
		if got := vals(q); got != want {
			t.Errorf("%s: %s, want %s", q, got, want)
		}
	}
}

// TestParseDataQuery checks the parsed grammar itself, independent of any data.
func TestParseDataQuery(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)
	dq, err := parseDataQuery(ParseQuery("variables[0]=A&variable=b&series=s&serie=t&groups[]=g&ids=x&id=y&values=1&value=2&qty=7&skip=3&ordination=asc&start_date=2024-05-01&end_date=2024-05-02&details=True"), now)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(dq.variables, dq.groups, dq.ids, dq.values, dq.qty, dq.skip, dq.asc, dq.details, dq.given); got != "[a b] [g s t] [x y] [1 2] 7 3 true true true" {
		t.Fatalf("parsed %s", got)
	}
	if dq.start.Format(time.RFC3339Nano) != "2024-05-01T00:00:00Z" || dq.end.Format(time.RFC3339Nano) != "2024-05-02T23:59:59.999Z" {
		t.Fatalf("dates %v %v", dq.start, dq.end)
	}
	// with query=conditional, value is the threshold and not a values filter
	dq, err = parseDataQuery(ParseQuery("query=conditional&value=3.5&function=gt&start_date=1+week"), now)
	if err != nil || dq.condValue != 3.5 || len(dq.values) != 0 || !dq.start.Equal(now.AddDate(0, 0, -7)) {
		t.Fatalf("conditional: %+v %v", dq, err)
	}
	// nothing given: DELETE's default applies
	dq, err = parseDataQuery(ParseQuery("token=abc&page=1"), now)
	if err != nil || dq.given || dq.qty != defaultDataQty || dq.asc {
		t.Fatalf("empty query %+v %v", dq, err)
	}
}
