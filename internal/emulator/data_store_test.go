package emulator

import (
	"encoding/json"
	"testing"
	"time"
)

func TestChunkStartAndRetentionWindow(t *testing.T) {
	at := time.Date(2022, 7, 20, 15, 4, 5, 0, time.UTC) // a Wednesday
	for period, want := range map[string]string{
		"day": "2022-07-20", "week": "2022-07-18", "month": "2022-07-01", "quarter": "2022-07-01",
	} {
		if got := chunkStart(at, period).Format("2006-01-02"); got != want {
			t.Errorf("%s chunk of %v starts %s, want %s", period, at, got, want)
		}
	}
	// docs/api-notes.md's weekly chunk id 1658102400_1658707199 is Monday 00:00 to Sunday 23:59:59
	if chunkStart(at, "week").Unix() != 1658102400 || addChunks(chunkStart(at, "week"), "week", 1).Unix()-1 != 1658707199 {
		t.Fatal("weekly chunk bounds differ from docs/api-notes.md's chunk id")
	}
	if got := chunkStart(time.Date(2022, 11, 30, 0, 0, 0, 0, time.UTC), "quarter"); got.Month() != time.October {
		t.Fatalf("quarter start %v", got)
	}
	retention := 2
	d := &deviceDoc{Type: typeImmutable, ChunkPeriod: "month", ChunkRetention: &retention}
	from, to := retentionWindow(d, at)
	if formatTime(from) != "2022-05-01T00:00:00.000Z" || formatTime(to) != "2022-07-31T23:59:59.999Z" {
		t.Fatalf("window %s .. %s", formatTime(from), formatTime(to))
	}
}

func TestParseLocationAndTime(t *testing.T) {
	for in, want := range map[string]string{
		`{"lat": 35.77, "lng": -78.67}`:                     `{"type":"Point","coordinates":[-78.67,35.77]}`,
		`{"type": "Point", "coordinates": [-78.67, 35.77]}`: `{"type":"Point","coordinates":[-78.67,35.77]}`,
		`{"type": "point", "coordinates": [1, 2]}`:          `{"type":"Point","coordinates":[1,2]}`,
		`null`: `null`,
	} {
		p, err := parseLocation(json.RawMessage(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if got, _ := json.Marshal(p); string(got) != want {
			t.Errorf("%s -> %s, want %s", in, got, want)
		}
	}
	for _, bad := range []string{`{"lat": 1}`, `{"type":"LineString","coordinates":[1,2]}`, `"here"`, `{"lat": 0, "lng": 181}`} {
		if _, err := parseLocation(json.RawMessage(bad)); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	// seconds and milliseconds are told apart by magnitude
	for in, want := range map[string]string{
		`1631814703`: "2021-09-16T17:51:43.000Z", `1631814703.5`: "2021-09-16T17:51:43.500Z",
		`1631814703672`: "2021-09-16T17:51:43.672Z", `"1631814703672"`: "2021-09-16T17:51:43.672Z",
		`"2021-09-16 17:51:43"`: "2021-09-16T17:51:43.000Z",
	} {
		tm, err := parseRecordTime(json.RawMessage(in))
		if err != nil || formatTime(tm) != want {
			t.Errorf("%s -> %v %v, want %s", in, formatTime(tm), err, want)
		}
	}
	if _, err := parseRecordTime(json.RawMessage(`true`)); err == nil {
		t.Fatal("a boolean time was accepted")
	}
}
