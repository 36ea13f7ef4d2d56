package dataplane

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"
)

// benchRecords is a realistic telemetry mix: numbers with units, a text status every tenth
// record, a location every hundredth.
func benchRecords(n int) []Record {
	records := make([]Record, n)
	for i := range records {
		records[i] = Record{Variable: "temperature", Value: float64(i) / 10, Unit: "°C"}
		if i%10 == 0 {
			records[i] = Record{Variable: "status", Value: "ok-" + strconv.Itoa(i)}
		}
		if i%100 == 0 {
			records[i].Location = &Location{Lat: -23.5, Lng: -46.6}
			records[i].Metadata = map[string]any{"color": "red"}
		}
	}
	return records
}

// BenchmarkInsertBatching measures what Insert does before the first request for 100k records:
// validation, fixing time and group, encoding, and splitting into 200 kB bodies.
func BenchmarkInsertBatching(b *testing.B) {
	records := benchRecords(100_000)
	d := newDataAPI(nil, "/data", nil)
	d.now = func() time.Time { return time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC) }
	b.ReportAllocs()
	b.ResetTimer()
	var batches []batch
	for b.Loop() {
		var err error
		if batches, err = d.prepareInsert(records); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(batches)), "batches")
}

// BenchmarkFindDecode measures decoding a full page (qty 10000) of records.
func BenchmarkFindDecode(b *testing.B) {
	records := benchRecords(10_000)
	for i := range records {
		records[i].ID, records[i].Device, records[i].Group = "6143842f561c4e00199f517b", "612ea1694035dd0012f6d238", "1631814703672"
		records[i].Time, records[i].CreatedAt = time.Unix(1_700_000_000, 0), time.Unix(1_700_000_000, 0)
	}
	raw, err := json.Marshal(records)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out, err := decodeRecords(raw)
		if err != nil || len(out) != len(records) {
			b.Fatal(err)
		}
	}
}
