package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"
)

// seedRecords stores n records on a device directly through the store and the index
// (one transaction), alternating the variables x and y, one second apart, so that
// setup stays fast; the benchmarks measure the HTTP path.
func seedRecords(b *testing.B, e *Emulator, deviceID string, n int) {
	b.Helper()
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	group := newObjectID()
	err := e.writeData(func(tx Tx, ch *dataChanges) error {
		ch.added = make([]*dataDoc, 0, n)
		for i := range n {
			d := &dataDoc{
				ID: newObjectID(), Device: deviceID, Variable: []string{"x", "y"}[i%2],
				Value: json.RawMessage(fmt.Sprint(i)), Group: group, CreatedAt: apiTime(start),
			}
			d.setTime(start.Add(time.Duration(i) * time.Second))
			if err := putDoc(tx, collData, dataKey(deviceID, d.ID), d); err != nil {
				return err
			}
			ch.added = append(ch.added, d)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkFindNewest is GET /data?variable=x&qty=15 through the HTTP handler on a
// device holding 10k and 1M records: with the per-variable time index the two cost
// about the same (the acceptance bar is 1M within 2x of 10k).
func BenchmarkFindNewest(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			e := newEmu(b)
			dev := mkDevice(b, e, "bench", nil)
			seedRecords(b, e, dev.DeviceID, n)
			h := e.Handler()
			get := func() *httptest.ResponseRecorder {
				r := httptest.NewRequest("GET", "/data?variable=x&qty=15", nil)
				r.Header.Set("token", dev.Token)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				return w
			}
			var out struct {
				Result []dpRecord `json:"result"`
			}
			if err := json.Unmarshal(get().Body.Bytes(), &out); err != nil || len(out.Result) != 15 ||
				string(out.Result[0].Value) != fmt.Sprint(n-2) {
				b.Fatalf("newest x on %d records: %v %+v", n, err, out.Result)
			}
			for b.Loop() {
				if w := get(); w.Code != 200 {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}

// BenchmarkInsert100k inserts 100k records through POST /data in requests of 1000
// (the JS SDK's streaming chunk), one store transaction per request, in memory and
// with the bbolt store. The device is immutable: a mutable one caps at 50k.
func BenchmarkInsert100k(b *testing.B) {
	bodies := make([][]byte, 100)
	for i := range bodies {
		items := make([]map[string]any, 1000)
		for j := range items {
			items[j] = map[string]any{"variable": "temperature", "value": i*1000 + j, "unit": "C"}
		}
		bodies[i] = mustJSON(b, items)
	}
	for _, store := range []string{"memory", "bolt"} {
		b.Run(store, func(b *testing.B) {
			opts := Options{}
			if store == "bolt" {
				opts.DataPath = filepath.Join(b.TempDir(), "bench.db")
			}
			e, err := New(opts)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { _ = e.Close() })
			h := e.Handler()
			for b.Loop() {
				b.StopTimer()
				dev := mkDevice(b, e, "bench", map[string]any{"type": "immutable", "chunk_period": "month", "chunk_retention": 1})
				b.StartTimer()
				for _, body := range bodies {
					r := httptest.NewRequest("POST", "/data", bytes.NewReader(body))
					r.Header.Set("token", dev.Token)
					r.Header.Set("Content-Type", "application/json")
					w := httptest.NewRecorder()
					h.ServeHTTP(w, r)
					if w.Code != 200 {
						b.Fatalf("insert: %d %s", w.Code, w.Body)
					}
				}
			}
			b.ReportMetric(float64(b.N*100_000)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
