package dataplane

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestQueryEncodesTheWholeGrammar(t *testing.T) {
	value := 30.5
	q := Query{
		Variables: []string{"temperature", "humidity"}, Groups: []string{"g1"}, Series: []string{"s-old"},
		IDs: []string{"6143842f561c4e00199f517b"}, Values: []any{"on", 3, true},
		Query: QueryConditional, Qty: 50, Skip: 10, Ordination: "ascending",
		StartDate: "2015-11-03 13:44:33", EndDate: "1 day", Details: true, Function: "gte", Value: &value,
	}
	indices, err := q.Encode(ArrayIndices)
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{
		"variables[0]": {"temperature"}, "variables[1]": {"humidity"}, "groups[0]": {"g1"}, "groups[1]": {"s-old"},
		"ids[0]": {"6143842f561c4e00199f517b"}, "values[0]": {"on"}, "values[1]": {"3"}, "values[2]": {"true"},
		"query": {"conditional"}, "qty": {"50"}, "skip": {"10"}, "ordination": {"ascending"},
		"start_date": {"2015-11-03 13:44:33"}, "end_date": {"1 day"}, "details": {"true"}, "function": {"gte"}, "value": {"30.5"},
	}
	if indices.Encode() != want.Encode() {
		t.Fatalf("indices style:\n got %s\nwant %s", indices.Encode(), want.Encode())
	}
	repeat, err := q.Encode(ArrayRepeat)
	if err != nil {
		t.Fatal(err)
	}
	if got := repeat["variables"]; len(got) != 2 || got[0] != "temperature" || got[1] != "humidity" {
		t.Errorf("repeat style variables = %v", got)
	}
	if got := repeat["groups"]; len(got) != 2 || got[1] != "s-old" {
		t.Errorf("repeat style groups = %v (series must join groups)", got)
	}
	if _, ok := repeat["variables[0]"]; ok {
		t.Error("repeat style wrote indices")
	}

	for _, kind := range []string{"", "default"} {
		v, err := Query{Query: kind, Variables: []string{"x"}}.Encode(ArrayIndices)
		if err != nil || v.Has("query") {
			t.Errorf("query %q: %v, %v: the default listing sends no query", kind, v, err)
		}
	}
}

func TestQueryValidationNamesTheFieldAndTheAllowedValues(t *testing.T) {
	one := 1.0
	cases := []struct {
		q    Query
		want string
	}{
		{Query{Query: "latest"}, `query "latest" is not a query kind; use one of last_item`},
		{Query{Qty: 10_001}, "qty 10001 is out of range: use 1 to 10000"},
		{Query{Qty: -1}, "qty -1 is out of range"},
		{Query{Skip: -5}, "skip -5 is negative"},
		{Query{Ordination: "asc"}, `ordination "asc" is not one of descending, ascending`},
		{Query{StartDate: "yesterday"}, `start_date "yesterday" is not a date`},
		{Query{EndDate: "2024-13-45"}, `end_date "2024-13-45" is not a date`},
		{Query{Query: QueryAvg}, "a avg query needs start_date"},
		{Query{Query: QuerySum, EndDate: "1 day"}, "a sum query needs start_date"},
		{Query{Query: QueryAggregate, Function: "avg"}, "an aggregate query needs interval, one of minute, hour"},
		{Query{Query: QueryAggregate, Interval: "day", Function: "gt"}, "an aggregate query needs function, one of avg, sum, min, max"},
		{Query{Query: QueryConditional, StartDate: "1 day", Function: "gt"}, "a conditional query needs value"},
		{Query{Query: QueryConditional, StartDate: "1 day", Value: &one}, "a conditional query needs function, one of gt"},
		{Query{Interval: "day"}, "interval is only used by aggregate queries"},
		{Query{Value: &one}, "value is only used by conditional queries"},
		{Query{Values: []any{map[string]int{}}}, "values: map[] is not a string, number or boolean"},
	}
	for _, tc := range cases {
		err := tc.q.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want it to contain %q", tc.q, err, tc.want)
		}
	}
	for _, ok := range []Query{
		{}, {Query: QueryAvg, StartDate: "2024-05-01T00:00:00.000Z"}, {Query: QueryCount, StartDate: "3 hours"},
		{Query: QueryAggregate, Interval: "hour", Function: "max", StartDate: "1 week"}, {Qty: 10_000, Ordination: "descending"},
		{StartDate: "2024-05-01", EndDate: "2024-05-01 10:00:00"}, {StartDate: "5 minutes"}, {StartDate: "2 M"},
	} {
		if err := ok.Validate(); err != nil {
			t.Errorf("%+v: %v", ok, err)
		}
	}
}

func TestFindDecodesRecordsAndAliases(t *testing.T) {
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		answer(w, []map[string]any{
			{"id": "6143842f561c4e00199f517b", "device": "612ea1694035dd0012f6d238", "variable": "temperature", "value": -12.67,
				"unit": "°C", "group": "1631814703672", "location": map[string]any{"type": "Point", "coordinates": []float64{-78.677328, 35.770723}},
				"metadata": map[string]any{"color": "red"}, "time": "2021-09-16T17:51:43.672Z", "created_at": "2021-09-16T17:51:44.000Z"},
			{"id": "6143842f561c4e00199f517c", "origin": "612ea1694035dd0012f6d238", "serie": "old-serie", "variable": "status",
				"value": "16", "time": "2021-09-16T17:51:43.672Z", "location": nil, "unit": nil},
		})
	})
	dev := NewDevice(newTestClient(t, api.URL, testDeviceToken))
	records, err := dev.Find(context.Background(), Query{Variables: []string{"temperature", "status"}, Qty: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := api.requests()[0]; got.Method != http.MethodGet || got.Path != "/data" || !strings.Contains(got.Query, "qty=2") {
		t.Fatalf("request %+v", got)
	}
	if len(records) != 2 {
		t.Fatalf("%d records", len(records))
	}
	r := records[0]
	wantTime := time.Date(2021, 9, 16, 17, 51, 43, 672_000_000, time.UTC)
	if r.Value != -12.67 || r.Unit != "°C" || r.Group != "1631814703672" || !r.Time.Equal(wantTime) ||
		r.Location == nil || r.Location.Lat != 35.770723 || r.Location.Lng != -78.677328 || r.Metadata["color"] != "red" ||
		r.CreatedAt.IsZero() || r.Device != "612ea1694035dd0012f6d238" {
		t.Fatalf("record 0 = %+v", r)
	}
	old := records[1]
	if old.Group != "old-serie" || old.Device != "612ea1694035dd0012f6d238" || old.Value != "16" || old.Location != nil || old.Unit != "" {
		t.Fatalf("record with the original keys = %+v", old)
	}
	if ValueType(old.Value) != "string" || ValueType(r.Value) != "number" || ValueString(r.Value) != "-12.67" {
		t.Error("value type/text helpers")
	}
}

func TestFindReturnsNumbersOfSummaryQueries(t *testing.T) {
	answerWith := 42.0
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		if strings.Contains(r.URL.RawQuery, "query=max") {
			answer(w, []map[string]any{{"variable": "t", "value": 99.5, "time": "2024-01-01T00:00:00.000Z"}})
			return
		}
		answer(w, answerWith)
	})
	data := ForDevice(newTestClient(t, api.URL, testProfileToken), "6298fcc3e0b6840012b6abfa")
	n, err := data.FindNumber(context.Background(), Query{Query: QueryCount, Variables: []string{"t"}})
	if err != nil || n != 42 {
		t.Fatalf("count = %v, %v", n, err)
	}
	highest, err := data.FindNumber(context.Background(), Query{Query: QueryMax, Variables: []string{"t"}})
	if err != nil || highest != 99.5 {
		t.Fatalf("max = %v, %v (the record form must be read too)", highest, err)
	}
	records, err := data.Find(context.Background(), Query{Query: QuerySum, StartDate: "1 day"})
	if err != nil || len(records) != 1 || records[0].Value != 42.0 || records[0].Time.IsZero() {
		t.Fatalf("Find of a number = %+v, %v; want one pseudo-record", records, err)
	}
	if _, err := data.FindNumber(context.Background(), Query{Query: QueryAvg}); err == nil || !strings.Contains(err.Error(), "start_date") {
		t.Fatalf("an invalid query must fail before sending: %v", err)
	}
	if got := len(api.requests()); got != 3 {
		t.Fatalf("%d requests, want 3 (the invalid query is not sent)", got)
	}
}

func TestRemove(t *testing.T) {
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) { answer(w, "3 Data Removed") })
	dev := NewDevice(newTestClient(t, api.URL, testDeviceToken), WithArrayStyle(ArrayRepeat))
	ctx := context.Background()
	n, err := dev.Remove(ctx, Query{})
	if err != nil || n != 3 {
		t.Fatalf("remove: %d, %v", n, err)
	}
	if _, err := dev.Remove(ctx, Query{Variables: []string{"a", "b"}, Qty: 5, StartDate: "2024-01-01", EndDate: "2024-02-01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := dev.RemoveVariableOrID(ctx, "6143842f561c4e00199f517b"); err != nil {
		t.Fatal(err)
	}
	if _, err := dev.RemoveVariableOrID(ctx, "temperature"); err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	wantQueries := []url.Values{
		{"query": {"last_item"}},
		{"variables": {"a", "b"}, "qty": {"5"}, "start_date": {"2024-01-01"}, "end_date": {"2024-02-01"}},
		{"ids": {"6143842f561c4e00199f517b"}},
		{"variables": {"temperature"}},
	}
	for i, want := range wantQueries {
		got, _ := url.ParseQuery(reqs[i].Query)
		if reqs[i].Method != http.MethodDelete || reqs[i].Path != "/data" || got.Encode() != want.Encode() {
			t.Errorf("request %d: %s %s?%s, want DELETE /data?%s", i, reqs[i].Method, reqs[i].Path, reqs[i].Query, want.Encode())
		}
	}
}

func TestRecordFromTheOriginalSDKsMap(t *testing.T) {
	r, err := RecordFromMap(map[string]any{
		"variable": "temperature", "unit": "F", "value": 55, "time": "2015-11-03 13:44:33",
		"serie": "s1", "location": map[string]any{"lat": 42.2974279, "lng": -85.628292},
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Group != "s1" || !r.Time.Equal(time.Date(2015, 11, 3, 13, 44, 33, 0, time.UTC)) || r.Value != 55.0 ||
		r.Location == nil || r.Location.Lat != 42.2974279 || r.Location.Lng != -85.628292 {
		t.Fatalf("record = %+v", r)
	}
	// Group beats serie; Unix timestamps in seconds and milliseconds.
	for raw, want := range map[string]time.Time{
		`{"variable":"v","group":"new","serie":"old","time":1700000000}`:                  time.Unix(1_700_000_000, 0),
		`{"variable":"v","group":"new","serie":"old","time":1700000000123}`:               time.UnixMilli(1_700_000_000_123),
		`{"variable":"v","group":"new","serie":"old","time":"2024-05-01T10:00:00-03:00"}`: time.Date(2024, 5, 1, 13, 0, 0, 0, time.UTC),
	} {
		var rec Record
		if err := json.Unmarshal([]byte(raw), &rec); err != nil {
			t.Fatal(err)
		}
		if rec.Group != "new" || !rec.Time.Equal(want) {
			t.Errorf("%s: group %q time %v", raw, rec.Group, rec.Time)
		}
	}
	var bad Record
	if err := json.Unmarshal([]byte(`{"variable":"v","time":"tomorrow"}`), &bad); err == nil {
		t.Error("an unreadable time must fail")
	}
	if err := json.Unmarshal([]byte(`{"variable":"v","location":{"x":1}}`), &bad); err == nil {
		t.Error("an unreadable location must fail")
	}
}

func TestRecordRoundTrip(t *testing.T) {
	in := Record{ID: "6143842f561c4e00199f517b", Variable: "v", Value: "x", Unit: "u", Group: "g",
		Time: time.Date(2024, 5, 1, 10, 0, 0, 123_000_000, time.UTC), Location: &Location{Lat: 1.5, Lng: -2.5},
		Metadata: map[string]any{"k": "v"}, Device: "612ea1694035dd0012f6d238"}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out Record
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out.ID != in.ID || out.Value != in.Value || !out.Time.Equal(in.Time) || *out.Location != *in.Location ||
		out.Metadata["k"] != "v" || out.Device != in.Device || out.Group != "g" || out.Unit != "u" {
		t.Fatalf("round trip: %s -> %+v", b, out)
	}
}
