package dataplane

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestDecodeRecords_readsEveryFormLikeUnmarshalJSON: the one-pass list decoder that Find uses
// reads today's keys, the original SDK's aliases, every time form and both location forms exactly
// as Record.UnmarshalJSON does, and names the record it cannot read.
func TestDecodeRecords_readsEveryFormLikeUnmarshalJSON(t *testing.T) {
	raw := []byte(`[
	  {"id":"6143842f561c4e00199f517b","variable":"temperature","value":21.5,"unit":"C","group":"g1",
	   "time":"2024-05-01T10:00:00.000Z","created_at":"2024-05-01T10:00:01.000Z","device":"612ea1694035dd0012f6d238",
	   "location":{"type":"Point","coordinates":[-46.63,-23.55]},"metadata":{"color":"red"}},
	  {"variable":"status","value":"on","serie":"legacy","origin":"612ea1694035dd0012f6d239","time":"2024-05-01 10:00:00",
	   "location":{"lat":1.5,"lng":2.5}},
	  {"variable":"alarm","value":true,"time":1714557600},
	  {"variable":"empty"}
	]`)
	var want []Record
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	got, err := decodeRecords(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decodeRecords:\n%+v\nUnmarshalJSON:\n%+v", got, want)
	}
	if got[1].Group != "legacy" || got[1].Device != "612ea1694035dd0012f6d239" || got[0].Location == nil || got[0].Location.Lat != -23.55 {
		t.Errorf("aliases or location not read: %+v", got)
	}
	if _, err := decodeRecords([]byte(`[{"variable":"t","time":"not a time"}]`)); err == nil {
		t.Error("a record with an unreadable time was accepted")
	}
	if records, err := decodeRecords([]byte(`[]`)); err != nil || len(records) != 0 {
		t.Errorf("empty list: %v, %v", records, err)
	}
}
