package emulator

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// timeLayout is the API's date format: ISO-8601, UTC, milliseconds (docs/api-notes.md §1.9).
const timeLayout = "2006-01-02T15:04:05.000Z"

var (
	objectIDRe = regexp.MustCompile(`^[0-9a-f]{24}$`)
	// processUnique and idCounter make IDs Mongo-style: 4-byte time, 5 random bytes
	// fixed for the process, 3-byte counter. IDs made by one process sort in creation order.
	processUnique [5]byte
	idCounter     atomic.Uint32
)

func init() {
	var seed [3]byte
	mustRandom(processUnique[:])
	mustRandom(seed[:])
	idCounter.Store(uint32(seed[0])<<16 | uint32(seed[1])<<8 | uint32(seed[2]))
}

func mustRandom(b []byte) {
	if _, err := rand.Read(b); err != nil {
		panic("emulator: crypto/rand failed: " + err.Error())
	}
}

// newObjectID returns a 24-lowercase-hex object ID.
func newObjectID() string {
	var b [12]byte
	binary.BigEndian.PutUint32(b[0:4], uint32(time.Now().Unix()))
	copy(b[4:9], processUnique[:])
	c := idCounter.Add(1)
	b[9], b[10], b[11] = byte(c>>16), byte(c>>8), byte(c)
	return hex.EncodeToString(b[:])
}

// isObjectID reports whether s is a well-formed object ID.
func isObjectID(s string) bool { return objectIDRe.MatchString(s) }

// newUUID returns a random UUID v4 string (36 chars).
func newUUID() string {
	var b [16]byte
	mustRandom(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// apiTime is a timestamp that marshals in the API's date format.
type apiTime time.Time

func (t apiTime) Time() time.Time { return time.Time(t) }

// MarshalJSON renders the time as "2022-06-02T18:09:07.135Z".
func (t apiTime) MarshalJSON() ([]byte, error) {
	return json.Marshal(formatTime(time.Time(t)))
}

// UnmarshalJSON accepts any date the API accepts as input.
func (t *apiTime) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := parseAbsoluteTime(s)
	if err != nil {
		return err
	}
	*t = apiTime(v)
	return nil
}

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// nowTime returns the current time truncated to milliseconds, as stored and sent.
func nowTime() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }

func timePtr(t time.Time) *apiTime {
	v := apiTime(t.UTC().Truncate(time.Millisecond))
	return &v
}

var absoluteLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
}

// parseAbsoluteTime parses ISO-8601 and the "human" "YYYY-MM-DD HH:mm:ss" form (UTC
// when no zone is given).
func parseAbsoluteTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range absoluteLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid date %q", s)
}

var relativeRe = regexp.MustCompile(`^\s*(\d+)\s*([A-Za-z]+)\s*$`)

// addRelative parses "<n> <unit>" (docs/api-notes.md §1.9: minute(s), hour(s), day(s), week(s),
// month(s), quarter(s), year(s), plus TCORE's abbreviations m h d w M y) and returns
// from shifted by sign*n units.
func addRelative(s string, from time.Time, sign int) (time.Time, bool) {
	m := relativeRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return time.Time{}, false
	}
	n *= sign
	unit := m[2]
	if unit != "M" { // "M" is month, "m" is minute: the only case-sensitive pair
		unit = strings.ToLower(unit)
	}
	switch unit {
	case "s", "sec", "secs", "second", "seconds":
		return from.Add(time.Duration(n) * time.Second), true
	case "m", "min", "mins", "minute", "minutes":
		return from.Add(time.Duration(n) * time.Minute), true
	case "h", "hour", "hours":
		return from.Add(time.Duration(n) * time.Hour), true
	case "d", "day", "days":
		return from.AddDate(0, 0, n), true
	case "w", "week", "weeks":
		return from.AddDate(0, 0, 7*n), true
	case "M", "month", "months":
		return from.AddDate(0, n, 0), true
	case "quarter", "quarters":
		return from.AddDate(0, 3*n, 0), true
	case "y", "year", "years":
		return from.AddDate(n, 0, 0), true
	}
	return time.Time{}, false
}

// parseDateInput parses an absolute date or a relative expression; relative ones
// point to the past ("1 day" = one day ago), as in list filters and data queries.
func parseDateInput(s string, now time.Time) (time.Time, error) {
	if t, ok := addRelative(s, now, -1); ok {
		return t, nil
	}
	return parseAbsoluteTime(s)
}

// parseExpireTime parses a token expire_time: "never" (nil), an absolute date, or a
// relative expression pointing to the future ("3 hours" from now).
func parseExpireTime(s string, now time.Time) (*time.Time, error) {
	if strings.EqualFold(strings.TrimSpace(s), "never") {
		return nil, nil
	}
	if t, ok := addRelative(s, now, 1); ok {
		return &t, nil
	}
	t, err := parseAbsoluteTime(s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}
