package emulator

import (
	"encoding/json"
	"regexp"
	"testing"
	"time"
)

func TestObjectIDs(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	prev := ""
	for range 1000 {
		id := newObjectID()
		if !isObjectID(id) {
			t.Fatalf("bad id %q", id)
		}
		if seen[id] {
			t.Fatalf("duplicate id %q", id)
		}
		if id <= prev && id[:8] == prev[:8] {
			t.Fatalf("ids not increasing within a second: %s after %s", id, prev)
		}
		seen[id], prev = true, id
	}
	for _, bad := range []string{"", "xyz", "6298FCC3E0B6840012B6ABFA", "6298fcc3e0b6840012b6abf", "6298fcc3e0b6840012b6abfaa", "zz98fcc3e0b6840012b6abfa"} {
		if isObjectID(bad) {
			t.Errorf("isObjectID(%q) = true", bad)
		}
	}
}

func TestUUID(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if u := newUUID(); !re.MatchString(u) {
		t.Fatalf("not a v4 uuid: %q", u)
	}
}

func TestAPITimeJSON(t *testing.T) {
	t.Parallel()
	tm := time.Date(2022, 6, 2, 18, 9, 7, 135_400_000, time.UTC)
	b, err := json.Marshal(apiTime(tm))
	if err != nil || string(b) != `"2022-06-02T18:09:07.135Z"` {
		t.Fatalf("marshal: %s %v", b, err)
	}
	var back apiTime
	if err := json.Unmarshal(b, &back); err != nil || !back.Time().Equal(tm.Truncate(time.Millisecond)) {
		t.Fatalf("unmarshal: %v %v", back.Time(), err)
	}
	var p *apiTime
	if b, _ := json.Marshal(struct{ T *apiTime }{p}); string(b) != `{"T":null}` {
		t.Fatalf("nil: %s", b)
	}
}

func TestDateInputs(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 3, 31, 12, 0, 0, 0, time.UTC)
	abs := map[string]time.Time{
		"2022-06-02T18:09:07.135Z":      time.Date(2022, 6, 2, 18, 9, 7, 135e6, time.UTC),
		"2022-06-02T18:09:07Z":          time.Date(2022, 6, 2, 18, 9, 7, 0, time.UTC),
		"2022-06-02T15:09:07.000-03:00": time.Date(2022, 6, 2, 18, 9, 7, 0, time.UTC),
		"2015-11-03 13:44:33":           time.Date(2015, 11, 3, 13, 44, 33, 0, time.UTC),
		"2015-11-03":                    time.Date(2015, 11, 3, 0, 0, 0, 0, time.UTC),
	}
	for in, want := range abs {
		got, err := parseDateInput(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseDateInput(%q) = %v, %v", in, got, err)
		}
	}
	rel := map[string]time.Time{
		"1 day":      now.AddDate(0, 0, -1),
		"3 hours":    now.Add(-3 * time.Hour),
		"1 minute":   now.Add(-time.Minute),
		"2 weeks":    now.AddDate(0, 0, -14),
		"1 month":    now.AddDate(0, -1, 0),
		"1 quarter":  now.AddDate(0, -3, 0),
		"1 year":     now.AddDate(-1, 0, 0),
		"5m":         now.Add(-5 * time.Minute),
		"2M":         now.AddDate(0, -2, 0),
		"10 Seconds": now.Add(-10 * time.Second),
	}
	for in, want := range rel {
		got, err := parseDateInput(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseDateInput(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "3 fortnights", "2022-13-45"} {
		if _, err := parseDateInput(bad, now); err == nil {
			t.Errorf("parseDateInput(%q) accepted", bad)
		}
	}
	exp, err := parseExpireTime("3 hours", now)
	if err != nil || exp == nil || !exp.Equal(now.Add(3*time.Hour)) {
		t.Errorf("expire 3 hours: %v %v", exp, err)
	}
	if exp, err := parseExpireTime("never", now); err != nil || exp != nil {
		t.Errorf("expire never: %v %v", exp, err)
	}
	if exp, err := parseExpireTime("Never", now); err != nil || exp != nil {
		t.Errorf("expire Never: %v %v", exp, err)
	}
	if _, err := parseExpireTime("soon", now); err == nil {
		t.Error("expire soon accepted")
	}
}
