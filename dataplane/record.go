package dataplane

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
)

// Record is one data record of a device (docs/api-notes.md §3.1). On insert, Variable is required and
// every other field is optional; ID, Device and CreatedAt are only read.
type Record struct {
	ID       string
	Variable string
	// Value is a string, a number (any Go integer or float type, or json.Number) or a bool;
	// nil means no value. Decoded records hold string, float64 or bool.
	Value     any
	Unit      string
	Group     string    // the original SDK's "serie"
	Time      time.Time // zero: the insert's time ("now")
	Location  *Location
	Metadata  map[string]any
	Device    string // the original SDK's "origin"
	CreatedAt time.Time
}

// Location is a point. The API stores and returns it as GeoJSON {type: "Point",
// coordinates: [lng, lat]}; the client reads that form and {lat, lng}.
type Location struct {
	Lat float64
	Lng float64
}

// isoMillis is the API's date format: ISO-8601 with milliseconds in UTC (docs/api-notes.md §1.9).
const isoMillis = "2006-01-02T15:04:05.000Z"

// FormatTime formats t the way the API writes dates.
func FormatTime(t time.Time) string { return t.UTC().Format(isoMillis) }

// wireRecord is a record as the API (or the original SDK) writes it, with the deprecated keys.
type wireRecord struct {
	ID        string          `json:"id"`
	Variable  string          `json:"variable"`
	Value     json.RawMessage `json:"value"`
	Unit      *string         `json:"unit"`
	Group     *string         `json:"group"`
	Serie     *string         `json:"serie"`
	Time      json.RawMessage `json:"time"`
	Location  json.RawMessage `json:"location"`
	Metadata  map[string]any  `json:"metadata"`
	Device    string          `json:"device"`
	Origin    string          `json:"origin"`
	CreatedAt json.RawMessage `json:"created_at"`
}

// UnmarshalJSON reads a record in today's form and in the original SDK's: "serie" stands for
// "group" and "origin" for "device" when the new key is absent; time may be ISO-8601,
// "YYYY-MM-DD HH:mm:ss" (UTC) or a Unix timestamp; location may be GeoJSON or {lat, lng}.
func (r *Record) UnmarshalJSON(b []byte) error {
	var w wireRecord
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	return w.decode(r)
}

// decodeRecords reads a list of records. It decodes the list into wire records in one pass and
// converts them, rather than letting encoding/json hand each record's bytes to UnmarshalJSON,
// which scans every record twice: a page of 10,000 records is the data plane's largest answer.
func decodeRecords(raw []byte) ([]Record, error) {
	var wire []wireRecord
	if err := json.Unmarshal(raw, &wire); err != nil {
		return nil, err
	}
	if wire == nil {
		return nil, nil
	}
	records := make([]Record, len(wire))
	for i := range wire {
		if err := wire[i].decode(&records[i]); err != nil {
			return nil, fmt.Errorf("record %d: %w", i, err)
		}
	}
	return records, nil
}

// decode converts the wire form into r (see UnmarshalJSON).
func (w *wireRecord) decode(r *Record) error {
	value, err := decodeValue(w.Value)
	if err != nil {
		return fmt.Errorf("record value: %w", err)
	}
	recordTime, err := decodeTime(w.Time)
	if err != nil {
		return fmt.Errorf("record time: %w", err)
	}
	createdAt, err := decodeTime(w.CreatedAt)
	if err != nil {
		return fmt.Errorf("record created_at: %w", err)
	}
	location, err := decodeLocation(w.Location)
	if err != nil {
		return fmt.Errorf("record location: %w", err)
	}
	*r = Record{
		ID: w.ID, Variable: w.Variable, Value: value, Unit: deref(w.Unit), Group: deref(w.Group),
		Time: recordTime, Location: location, Metadata: w.Metadata, Device: w.Device, CreatedAt: createdAt,
	}
	if r.Group == "" {
		r.Group = deref(w.Serie)
	}
	if r.Device == "" {
		r.Device = w.Origin
	}
	return nil
}

// outRecord is a record as the client writes it: today's keys only, GeoJSON location.
type outRecord struct {
	ID        string         `json:"id,omitempty"`
	Device    string         `json:"device,omitempty"`
	Variable  string         `json:"variable"`
	Value     any            `json:"value,omitempty"`
	Unit      string         `json:"unit,omitempty"`
	Group     string         `json:"group,omitempty"`
	Time      string         `json:"time,omitempty"`
	Location  *geoPoint      `json:"location,omitempty"`
	Metadata  map[string]any `json:"metadata,omitempty"`
	CreatedAt string         `json:"created_at,omitempty"`
}

type geoPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"` // [lng, lat]
}

// MarshalJSON writes today's keys; zero fields are left out.
func (r Record) MarshalJSON() ([]byte, error) { return json.Marshal(r.wire(nil)) }

// timeCache remembers the last formatted time: the records of an insert mostly share one.
type timeCache struct {
	t time.Time
	s string
}

func (c *timeCache) format(t time.Time) string {
	if c == nil {
		return FormatTime(t)
	}
	if c.s == "" || !c.t.Equal(t) {
		c.t, c.s = t, FormatTime(t)
	}
	return c.s
}

// wire is the record in the form the client writes.
func (r *Record) wire(times *timeCache) outRecord {
	out := outRecord{
		ID: r.ID, Device: r.Device, Variable: r.Variable, Value: r.Value, Unit: r.Unit, Group: r.Group,
		Metadata: r.Metadata,
	}
	if !r.Time.IsZero() {
		out.Time = times.format(r.Time)
	}
	if !r.CreatedAt.IsZero() {
		out.CreatedAt = FormatTime(r.CreatedAt)
	}
	if r.Location != nil {
		out.Location = &geoPoint{Type: "Point", Coordinates: [2]float64{r.Location.Lng, r.Location.Lat}}
	}
	return out
}

// RecordFromMap reads a record written the way the original SDK's insert took it, e.g.
// {"variable": "temperature", "value": 55, "unit": "F", "time": "2015-11-03 13:44:33",
// "serie": "s1", "location": {"lat": 42.29, "lng": -85.62}}.
func RecordFromMap(m map[string]any) (Record, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return Record{}, fmt.Errorf("record: %w", err)
	}
	var r Record
	err = json.Unmarshal(b, &r)
	return r, err
}

// ValueType names the type of a record value the way TagoIO does: "number", "string",
// "boolean", or "" for no value.
func ValueType(v any) string {
	switch v.(type) {
	case nil:
		return ""
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64, float32, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, json.Number:
		return "number"
	}
	return "unsupported " + fmt.Sprintf("%T", v)
}

// ValueString writes a record value as text: numbers in their shortest exact form ("55",
// "-12.67"), booleans as "true"/"false", "" for no value.
func ValueString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case json.Number:
		return x.String()
	}
	return fmt.Sprint(v)
}

func decodeValue(raw json.RawMessage) (any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	return v, nil
}

// timeLayouts are the absolute date forms the API accepts (docs/api-notes.md §1.9).
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"}

// ParseTime reads an absolute date in a form the API accepts: ISO-8601, "YYYY-MM-DD HH:mm:ss"
// or "YYYY-MM-DD" (both taken as UTC).
func ParseTime(s string) (time.Time, bool) {
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// unixMillisThreshold tells Unix seconds from milliseconds: 1e11 seconds is the year 5138.
const unixMillisThreshold = 1e11

func decodeTime(raw json.RawMessage) (time.Time, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return time.Time{}, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if s == "" {
			return time.Time{}, nil
		}
		if t, ok := ParseTime(s); ok {
			return t, nil
		}
		return time.Time{}, fmt.Errorf("%q is not an ISO-8601 or \"YYYY-MM-DD HH:mm:ss\" date", s)
	}
	var n float64
	if err := json.Unmarshal(raw, &n); err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return time.Time{}, fmt.Errorf("%s is not a date", raw)
	}
	if math.Abs(n) >= unixMillisThreshold {
		return time.UnixMilli(int64(n)).UTC(), nil
	}
	sec, frac := math.Modf(n)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

func decodeLocation(raw json.RawMessage) (*Location, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var loc struct {
		Coordinates []float64 `json:"coordinates"`
		Lat         *float64  `json:"lat"`
		Lng         *float64  `json:"lng"`
	}
	if err := json.Unmarshal(raw, &loc); err != nil {
		return nil, err
	}
	switch {
	case len(loc.Coordinates) >= 2:
		return &Location{Lng: loc.Coordinates[0], Lat: loc.Coordinates[1]}, nil
	case loc.Lat != nil && loc.Lng != nil:
		return &Location{Lat: *loc.Lat, Lng: *loc.Lng}, nil
	}
	return nil, fmt.Errorf("%s is neither GeoJSON {type: \"Point\", coordinates: [lng, lat]} nor {lat, lng}", raw)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
