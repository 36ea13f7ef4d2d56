package dataplane

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countingInsertAPI answers every POST with "<n> Data Added" for the n records it received.
func countingInsertAPI(t *testing.T) *scriptedAPI {
	return newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		var items []json.RawMessage
		if err := json.Unmarshal([]byte(body), &items); err != nil {
			refuse(w, http.StatusBadRequest, "body is not a JSON array")
			return
		}
		answer(w, fmt.Sprintf("%d Data Added", len(items)))
	})
}

func TestInsertSplitsUnderTheLimitKeepingOrderTimeAndGroup(t *testing.T) {
	api := countingInsertAPI(t)
	const maxBytes = 20_000
	dev := NewDevice(newTestClient(t, api.URL, testDeviceToken), WithMaxBatchBytes(maxBytes), WithConcurrency(3))
	now := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	fixedClock(dev.dataAPI, now, "g-call")

	explicitTime := time.Date(2023, 1, 2, 3, 4, 5, 600_000_000, time.UTC)
	records := make([]Record, 1500)
	for i := range records {
		records[i] = Record{Variable: "Temperature", Value: float64(i), Unit: "C", Metadata: map[string]any{"pad": strings.Repeat("x", 40)}}
	}
	records[7].Group, records[7].Time = "own-group", explicitTime

	added, err := dev.Insert(context.Background(), records...)
	if err != nil {
		t.Fatal(err)
	}
	if added != len(records) {
		t.Fatalf("added = %d, want %d", added, len(records))
	}
	reqs := api.requests()
	if len(reqs) < 2 {
		t.Fatalf("%d requests: the insert should have been split", len(reqs))
	}
	// The records, reassembled from the batches in path order, are the input in order.
	type sent struct {
		Variable string  `json:"variable"`
		Value    float64 `json:"value"`
		Group    string  `json:"group"`
		Time     string  `json:"time"`
	}
	byFirstValue := map[float64][]sent{}
	for _, r := range reqs {
		if r.Method != http.MethodPost || r.Path != "/data" || r.Token != testDeviceToken {
			t.Fatalf("unexpected request %s %s token %q", r.Method, r.Path, r.Token)
		}
		if len(r.Body) > maxBytes {
			t.Errorf("a batch is %d bytes, over the %d limit", len(r.Body), maxBytes)
		}
		var items []sent
		if err := json.Unmarshal([]byte(r.Body), &items); err != nil {
			t.Fatal(err)
		}
		byFirstValue[items[0].Value] = items
	}
	var all []sent
	for next := 0.0; int(next) < len(records); {
		items, ok := byFirstValue[next]
		if !ok {
			t.Fatalf("no batch starts at record %v: batches are not consecutive", next)
		}
		all = append(all, items...)
		next += float64(len(items))
	}
	for i, s := range all {
		if s.Value != float64(i) {
			t.Fatalf("record %d has value %v: order lost", i, s.Value)
		}
		if s.Variable != "temperature" {
			t.Fatalf("record %d variable %q, want it lowercased", i, s.Variable)
		}
		wantGroup, wantTime := "g-call", "2024-05-01T10:00:00.000Z"
		if i == 7 {
			wantGroup, wantTime = "own-group", "2023-01-02T03:04:05.600Z"
		}
		if s.Group != wantGroup || s.Time != wantTime {
			t.Fatalf("record %d: group %q time %q, want %q %q", i, s.Group, s.Time, wantGroup, wantTime)
		}
	}
	if records[0].Variable != "Temperature" || !records[0].Time.IsZero() || records[0].Group != "" {
		t.Error("Insert changed the caller's records")
	}
}

func TestInsertBatchesFillUpToTheLimit(t *testing.T) {
	records := make([]Record, 100)
	for i := range records {
		records[i] = Record{Variable: "v", Value: strings.Repeat("a", 90), Group: "g", Time: time.Unix(0, 0)}
	}
	one, _ := json.Marshal(records[0])
	perBatch := 10
	maxBytes := 2 + perBatch*len(one) + (perBatch - 1) // exactly ten records with separators
	batches, err := encodeBatches(records, maxBytes)
	if err != nil {
		t.Fatal(err)
	}
	if len(batches) != 10 {
		t.Fatalf("%d batches, want 10 full ones", len(batches))
	}
	for i, b := range batches {
		if len(b.body) != maxBytes || b.first != i*10 || b.last != i*10+9 {
			t.Errorf("batch %d: %d bytes, records %d-%d", i, len(b.body), b.first, b.last)
		}
	}
	batches, _ = encodeBatches(records, maxBytes-1)
	if len(batches) != 12 { // nine records fit now: 11 batches of 9 and one of 1
		t.Errorf("one byte less: %d batches, want 12", len(batches))
	}
}

func TestInsertConcurrencyIsBounded(t *testing.T) {
	var inFlight, peak atomic.Int32
	// The first requests wait at a barrier until three are in flight together, so the test sees
	// the bound reached without relying on how long a request takes; a fourth request sent
	// while they wait would raise the peak above the bound.
	bound := int32(3)
	full := make(chan struct{})
	var fullOnce sync.Once
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		if n >= bound {
			fullOnce.Do(func() { close(full) })
		}
		select {
		case <-full:
		case <-time.After(10 * time.Second): // a guard against a hang, not a wait the test needs
			t.Errorf("never %d requests in flight together", bound)
		}
		answer(w, "1 Data Added")
	})
	dev := NewDevice(newTestClient(t, api.URL, testDeviceToken), WithMaxBatchBytes(200), WithConcurrency(3))
	records := make([]Record, 20)
	for i := range records {
		records[i] = Record{Variable: "v", Value: strings.Repeat("z", 100)}
	}
	added, err := dev.Insert(context.Background(), records...)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(api.requests()); got != 20 || added != 20 {
		t.Fatalf("%d requests, %d added; want one record per request", got, added)
	}
	if p := peak.Load(); p != 3 {
		t.Fatalf("peak of %d requests in flight, want exactly the bound of 3", p)
	}
}

func TestInsertValidatesEveryRecordBeforeAnyRequest(t *testing.T) {
	api := countingInsertAPI(t)
	dev := NewDevice(newTestClient(t, api.URL, testDeviceToken))
	cases := []struct {
		record Record
		field  string
		want   string
	}{
		{Record{Value: 1}, "variable", "is required"},
		{Record{Variable: strings.Repeat("v", 101)}, "variable", "101 characters"},
		{Record{Variable: "temp.c"}, "variable", `contains "."`},
		{Record{Variable: "my var"}, "variable", `contains " "`},
		{Record{Variable: "a-b"}, "variable", `contains "-"`},
		{Record{Variable: "x$"}, "variable", `contains "$"`},
		{Record{Variable: "v", Value: strings.Repeat("a", MaxValueBytes+1)}, "value", "6001 bytes"},
		{Record{Variable: "v", Value: map[string]any{"a": 1}}, "value", "has type map"},
		{Record{Variable: "v", Value: []int{1}}, "value", "has type []int"},
		{Record{Variable: "v", Value: 0.0 / zero()}, "value", "not a finite number"},
		{Record{Variable: "v", Unit: strings.Repeat("u", 26)}, "unit", "26 characters"},
		{Record{Variable: "v", Group: strings.Repeat("g", 101)}, "group", "101 characters"},
		{Record{Variable: "v", Metadata: map[string]any{"big": strings.Repeat("m", MaxMetadataBytes)}}, "metadata", "bytes as JSON"},
		{Record{Variable: "v", Location: &Location{Lat: 91, Lng: 0}}, "location", "lat must be within"},
		{Record{Variable: "v", Location: &Location{Lat: 0, Lng: -181}}, "location", "lng within"},
	}
	for i, tc := range cases {
		t.Run(fmt.Sprintf("%d-%s", i, tc.field), func(t *testing.T) {
			good := Record{Variable: "ok", Value: true}
			_, err := dev.Insert(context.Background(), good, tc.record)
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("error %v, want a *ValidationError", err)
			}
			var first *RecordError
			if !errors.As(err, &first) || first.Index != 1 || first.Field != tc.field || !strings.Contains(first.Problem, tc.want) {
				t.Fatalf("first problem %+v, want record 1 %s containing %q", first, tc.field, tc.want)
			}
			if !strings.Contains(err.Error(), "record 1: "+tc.field) {
				t.Errorf("error text %q does not name the record and the field", err)
			}
		})
	}
	if n := len(api.requests()); n != 0 {
		t.Fatalf("%d requests were sent for invalid inserts", n)
	}
	// A value of exactly the limit, and every accepted value type, pass.
	_, err := dev.Insert(context.Background(),
		Record{Variable: "v", Value: strings.Repeat("a", MaxValueBytes)}, Record{Variable: "v", Value: int64(3)},
		Record{Variable: "v", Value: json.Number("2.5")}, Record{Variable: "v", Value: float32(1.5)}, Record{Variable: "v"},
		Record{Variable: "v", Location: &Location{Lat: -90, Lng: 180}})
	if err != nil {
		t.Fatal(err)
	}
}

func zero() float64 { return 0 }

func TestInsertReportsTheFailedBatches(t *testing.T) {
	var calls atomic.Int32
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		var items []Record
		_ = json.Unmarshal([]byte(body), &items)
		calls.Add(1)
		if items[0].Value == float64(2) { // the batch holding records 2-3
			refuse(w, http.StatusBadRequest, "Variable name is invalid")
			return
		}
		answer(w, fmt.Sprintf("%d Data Added", len(items)))
	})
	one, _ := json.Marshal(Record{Variable: "v", Value: float64(0), Group: "0123456789abcdef01234567", Time: time.Now()})
	dev := NewDevice(newTestClient(t, api.URL, testDeviceToken), WithMaxBatchBytes(2*len(one)+3))
	records := make([]Record, 6)
	for i := range records {
		records[i] = Record{Variable: "v", Value: float64(i)}
	}
	added, err := dev.Insert(context.Background(), records...)
	var ierr *InsertError
	if !errors.As(err, &ierr) {
		t.Fatalf("error %v, want *InsertError", err)
	}
	if calls.Load() != 3 || ierr.Batches != 3 || added != 4 || ierr.Added != 4 {
		t.Fatalf("calls %d, batches %d, added %d/%d; want 3 batches, 4 records added", calls.Load(), ierr.Batches, added, ierr.Added)
	}
	if len(ierr.Failed) != 1 || ierr.Failed[0].Batch != 1 || ierr.Failed[0].First != 2 || ierr.Failed[0].Last != 3 {
		t.Fatalf("failed %+v, want batch 1 with records 2-3", ierr.Failed)
	}
	if !strings.Contains(err.Error(), "batch 1 (records 2-3)") || !strings.Contains(err.Error(), "Variable name is invalid") {
		t.Errorf("error text %q does not say which batch failed and why", err)
	}
}

func TestInsertThroughProfileTokenRoute(t *testing.T) {
	api := countingInsertAPI(t)
	data := ForDevice(newTestClient(t, api.URL, testProfileToken), "6298fcc3e0b6840012b6abfa")
	n, err := data.Insert(context.Background(), Record{Variable: "a", Value: "on"}, Record{Variable: "b", Value: false})
	if err != nil || n != 2 {
		t.Fatalf("insert: %d, %v", n, err)
	}
	r := api.requests()[0]
	if r.Path != "/device/6298fcc3e0b6840012b6abfa/data" || r.Token != testProfileToken {
		t.Fatalf("request %s with token %q", r.Path, r.Token)
	}
	if !strings.Contains(r.Body, `"value":false`) || !strings.Contains(r.Body, `"value":"on"`) {
		t.Errorf("body %s lost the value types", r.Body)
	}
}

func TestInsertDropsFieldsTheAPISets(t *testing.T) {
	api := countingInsertAPI(t)
	dev := NewDevice(newTestClient(t, api.URL, testDeviceToken))
	found := Record{ID: "6143842f561c4e00199f517b", Device: "612ea1694035dd0012f6d238", Variable: "v", Value: 1.0,
		CreatedAt: time.Now(), Location: &Location{Lat: 35.77, Lng: -78.67}}
	if _, err := dev.Insert(context.Background(), found); err != nil {
		t.Fatal(err)
	}
	body := api.requests()[0].Body
	for _, key := range []string{`"id"`, `"device"`, `"created_at"`} {
		if strings.Contains(body, key) {
			t.Errorf("insert body %s sends %s", body, key)
		}
	}
	if !strings.Contains(body, `"location":{"type":"Point","coordinates":[-78.67,35.77]}`) {
		t.Errorf("insert body %s: location is not GeoJSON [lng, lat]", body)
	}
}
