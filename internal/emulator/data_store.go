package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// dataDoc is one device data record (docs/api-notes.md §3.1), stored in collData under
// dataKey(device, id), so that bbolt keeps one device's records together and in
// creation order.
type dataDoc struct {
	ID       string          `json:"id"`
	Device   string          `json:"device"`
	Variable string          `json:"variable"`
	Value    json.RawMessage `json:"value,omitempty"` // a JSON string, number or boolean, kept verbatim
	Unit     *string         `json:"unit,omitempty"`
	Group    string          `json:"group"`
	Location *geoPoint       `json:"location,omitempty"`
	Metadata json.RawMessage `json:"metadata,omitempty"` // a JSON object, kept verbatim
	Time     apiTime         `json:"time"`
	// CreatedAt is the insertion time (last_insert/first_insert order by it).
	CreatedAt apiTime `json:"created_at"`

	ms int64 // Time in Unix milliseconds: the index's sort key (with ID)
}

// geoPoint is a location as the API returns it: GeoJSON, [lng, lat].
type geoPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

func dataKey(deviceID, recordID string) string { return deviceID + "/" + recordID }

// Limits of one record and one insert request (docs/api-notes.md §3.1, §5).
const (
	maxVariableLen  = 100
	maxValueBytes   = 6 * 1024
	maxUnitLen      = 25
	maxGroupLen     = 100
	maxMetadataSize = 10 * 1024
	maxInsertBody   = 200 * 1024
	// maxMutableRecords is what a mutable device (or a hybrid device's mutable side)
	// holds (DOCS; TCORE enforces 50 000). Tests lower dataIndex.mutableLimit instead.
	maxMutableRecords = 50000
)

// forbiddenVariableChars are the characters a variable name must not contain.
const forbiddenVariableChars = "*?!<>.-=$ "

// number returns the record's value as a number when it is a JSON number.
func (d *dataDoc) number() (float64, bool) {
	return rawNumber(d.Value)
}

func rawNumber(v json.RawMessage) (float64, bool) {
	if len(v) == 0 || (v[0] != '-' && (v[0] < '0' || v[0] > '9')) {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(v), 64)
	return f, err == nil
}

// valueText is the value as text, for the values= filter: a string unquoted, a
// number or boolean as written.
func (d *dataDoc) valueText() (string, bool) {
	if len(d.Value) == 0 {
		return "", false
	}
	if d.Value[0] == '"' {
		var s string
		if json.Unmarshal(d.Value, &s) == nil {
			return s, true
		}
	}
	return string(d.Value), true
}

func (d *dataDoc) setTime(t time.Time) {
	t = t.UTC().Truncate(time.Millisecond)
	d.Time, d.ms = apiTime(t), t.UnixMilli()
}

// recordFields are the fields of an insert or edit item, decoded and validated;
// the has* flags say which were sent (an edit changes only those).
type recordFields struct {
	variable    string
	value       json.RawMessage
	hasValue    bool
	unit        *string
	hasUnit     bool
	group       string
	hasGroup    bool
	location    *geoPoint
	hasLocation bool
	metadata    json.RawMessage
	hasMetadata bool
	time        time.Time
	hasTime     bool
}

// parseRecordFields validates one item of POST or PUT /data. label names the item in
// messages ("data[2]"). The variable is only read on inserts.
func parseRecordFields(obj jsonBody, label string, insert bool) (recordFields, error) {
	var f recordFields
	if insert {
		v, present, err := obj.str("variable")
		if err != nil || !present || strings.TrimSpace(v) == "" {
			return f, badRequest("%s.variable is required and must be a non-empty string", label)
		}
		if len(v) > maxVariableLen {
			return f, badRequest("%s.variable must be at most %d characters", label, maxVariableLen)
		}
		if strings.ContainsAny(v, forbiddenVariableChars) {
			return f, badRequest("%s.variable %q must not contain spaces or any of * ? ! < > . - = $", label, v)
		}
		f.variable = strings.ToLower(v)
	}
	if raw, ok := obj["value"]; ok {
		raw = bytes.TrimSpace(raw)
		switch {
		case bytes.Equal(raw, []byte("null")):
			// null is "no value"
		case len(raw) > 0 && (raw[0] == '{' || raw[0] == '['):
			return f, badRequest("%s.value must be a string, a number or a boolean", label)
		case len(raw) > maxValueBytes:
			return f, badRequest("%s.value must be at most 6 kB", label)
		default:
			var compact bytes.Buffer
			if err := json.Compact(&compact, raw); err != nil {
				return f, badRequest("%s.value must be a string, a number or a boolean", label)
			}
			f.value = compact.Bytes()
		}
		f.hasValue = true
	}
	if v, present, err := obj.nullableStr("unit"); err != nil {
		return f, badRequest("%s.unit must be a string", label)
	} else if present {
		if v != nil && len([]rune(*v)) > maxUnitLen {
			return f, badRequest("%s.unit must be at most %d characters", label, maxUnitLen)
		}
		f.unit, f.hasUnit = v, true
	}
	// serie is the deprecated alias of group (docs/api-notes.md §3.1); group wins when both come.
	for _, key := range []string{"serie", "group"} {
		v, present, err := obj.nullableStr(key)
		if err != nil {
			return f, badRequest("%s.%s must be a string", label, key)
		}
		if !present || v == nil || *v == "" {
			continue
		}
		if len([]rune(*v)) > maxGroupLen {
			return f, badRequest("%s.%s must be at most %d characters", label, key, maxGroupLen)
		}
		f.group, f.hasGroup = *v, true
	}
	if raw, ok := obj["metadata"]; ok {
		raw = bytes.TrimSpace(raw)
		if !bytes.Equal(raw, []byte("null")) {
			if len(raw) == 0 || raw[0] != '{' {
				return f, badRequest("%s.metadata must be an object", label)
			}
			var compact bytes.Buffer
			if err := json.Compact(&compact, raw); err != nil {
				return f, badRequest("%s.metadata must be an object", label)
			}
			if compact.Len() > maxMetadataSize {
				return f, badRequest("%s.metadata must be at most 10 kB", label)
			}
			f.metadata = compact.Bytes()
		}
		f.hasMetadata = true
	}
	if raw, ok := obj["location"]; ok {
		loc, err := parseLocation(raw)
		if err != nil {
			return f, badRequest("%s.location %s", label, err.Error())
		}
		f.location, f.hasLocation = loc, true
	}
	if raw, ok := obj["time"]; ok && !bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		t, err := parseRecordTime(raw)
		if err != nil {
			return f, badRequest("%s.time must be an ISO-8601 date, \"YYYY-MM-DD HH:mm:ss\" or a Unix timestamp", label)
		}
		f.time, f.hasTime = t, true
	}
	return f, nil
}

// parseRecordTime reads a record time: an ISO-8601 string, "YYYY-MM-DD HH:mm:ss", or a
// Unix timestamp (number or digit string). The docs say "Unix timestamp" without a
// unit; clients send both, and no date of interest has a seconds value above 1e11
// (year 5138) or a milliseconds value below it (1973), so the magnitude decides.
func parseRecordTime(raw json.RawMessage) (time.Time, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		var n float64
		if err := json.Unmarshal(raw, &n); err != nil {
			return time.Time{}, err
		}
		return unixTime(n), nil
	}
	if n, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
		return unixTime(n), nil
	}
	return parseAbsoluteTime(s)
}

func unixTime(n float64) time.Time {
	if math.Abs(n) < 1e11 {
		return time.UnixMilli(int64(n * 1000)).UTC()
	}
	return time.UnixMilli(int64(n)).UTC()
}

// parseLocation accepts {lat, lng}, a GeoJSON Point, or null (no location).
func parseLocation(raw json.RawMessage) (*geoPoint, error) {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, nil
	}
	var in struct {
		Lat         *float64  `json:"lat"`
		Lng         *float64  `json:"lng"`
		Type        string    `json:"type"`
		Coordinates []float64 `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, fmt.Errorf("must be {lat, lng} or a GeoJSON Point")
	}
	var lat, lng float64
	switch {
	case in.Lat != nil && in.Lng != nil:
		lat, lng = *in.Lat, *in.Lng
	case strings.EqualFold(in.Type, "Point") && len(in.Coordinates) == 2:
		lng, lat = in.Coordinates[0], in.Coordinates[1]
	default:
		return nil, fmt.Errorf("must be {lat, lng} or a GeoJSON Point {type: \"Point\", coordinates: [lng, lat]}")
	}
	if lat < -90 || lat > 90 || lng < -180 || lng > 180 {
		return nil, fmt.Errorf("is out of range (lat -90..90, lng -180..180)")
	}
	return &geoPoint{Type: "Point", Coordinates: [2]float64{lng, lat}}, nil
}

// chunkStart is the start (UTC) of the chunk holding t: calendar day, ISO week
// (Monday, as in docs/api-notes.md's chunk id 1658102400_1658707199), month or quarter.
func chunkStart(t time.Time, period string) time.Time {
	t = t.UTC()
	y, m, d := t.Date()
	switch period {
	case "week":
		return time.Date(y, m, d-(int(t.Weekday())+6)%7, 0, 0, 0, 0, time.UTC)
	case "month":
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case "quarter":
		return time.Date(y, ((m-1)/3)*3+1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func addChunks(t time.Time, period string, n int) time.Time {
	switch period {
	case "week":
		return t.AddDate(0, 0, 7*n)
	case "month":
		return t.AddDate(0, n, 0)
	case "quarter":
		return t.AddDate(0, 3*n, 0)
	}
	return t.AddDate(0, 0, n)
}

// retentionWindow is the time range an immutable record may carry: the current chunk
// and chunk_retention chunks before it (docs/api-notes.md §3.1, TCORE "Time must be between").
func retentionWindow(d *deviceDoc, now time.Time) (from, to time.Time) {
	retention := 0
	if d.ChunkRetention != nil {
		retention = *d.ChunkRetention
	}
	cur := chunkStart(now, d.ChunkPeriod)
	return addChunks(cur, d.ChunkPeriod, -retention), addChunks(cur, d.ChunkPeriod, 1).Add(-time.Millisecond)
}
