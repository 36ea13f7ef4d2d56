package emulator

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestValidCron(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{
		"* * * * *", "0 8 * * *", "*/5 * * * *", "0 0 1 1 0", "59 23 31 12 7", "0,30 8-18/2 * * MON-FRI",
		"15 4 1-15 jan,jul sun", "  0   8 * *  * ",
	} {
		if err := validCron(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for bad, want := range map[string]string{
		"":               "want 5 fields, got 0",
		"* * * *":        "want 5 fields, got 4",
		"0 0 8 * * *":    "want 5 fields, got 6",
		"60 * * * *":     "minute field",
		"* 24 * * *":     "hour field",
		"* * 0 * *":      "day of month field",
		"* * * 13 *":     "month field",
		"* * * * 8":      "day of week field",
		"* * * FOO *":    "month field",
		"5-1 * * * *":    "runs backwards",
		"*/0 * * * *":    "bad step",
		"*/x * * * *":    "bad step",
		"1,,2 * * * *":   "minute field",
		"@daily * * * *": "minute field",
	} {
		err := validCron(bad)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one containing %q", bad, err, want)
		}
	}
}

func TestAtLeastOneMinute(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 1, 31, 12, 0, 0, 0, time.UTC)
	for s, want := range map[string]bool{
		"1 minute": true, "5 minutes": true, "1 hour": true, "2 days": true, "1 week": true,
		"1 month": true, "1 quarter": true, "1 year": true, "60 seconds": true,
		"59 seconds": false, "0 minutes": false, "minute": false, "": false, "-1 minute": false, "5 fortnights": false,
	} {
		if got := atLeastOneMinute(s, now); got != want {
			t.Errorf("atLeastOneMinute(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestValidTimezone(t *testing.T) {
	t.Parallel()
	for tz, want := range map[string]bool{
		"UTC": true, "America/Sao_Paulo": true, "Asia/Kolkata": true, "Europe/Lisbon": true,
		"": false, "Local": false, "Mars/Base": false, "GMT+3": false,
	} {
		if got := validTimezone(tz); got != want {
			t.Errorf("validTimezone(%q) = %v, want %v", tz, got, want)
		}
	}
}

func TestValidPolygon(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		ring string
		want string // "" = valid
	}{
		"triangle":              {`[[0,0],[1,0],[0,1]]`, ""},
		"closed square":         {`[[0,0],[0,1],[1,1],[1,0],[0,0]]`, ""},
		"concave":               {`[[0,0],[4,0],[4,4],[2,1],[0,4]]`, ""},
		"real coordinates":      {`[[-78.68,35.77],[-78.67,35.77],[-78.67,35.78],[-78.68,35.78]]`, ""},
		"two points closed":     {`[[0,0],[1,1],[0,0]]`, "at least 3 distinct points"},
		"repeated point":        {`[[0,0],[0,0],[1,1]]`, "at least 3 distinct points"},
		"collinear":             {`[[0,0],[1,1],[2,2],[3,3]]`, "crosses itself"},
		"collinear triangle":    {`[[0,0],[1,1],[2,2]]`, "does not enclose an area"},
		"bow tie":               {`[[0,0],[1,1],[1,0],[0,1]]`, "crosses itself"},
		"latitude out of range": {`[[0,0],[0,91],[1,1]]`, "[1] must be [longitude, latitude]"},
		"three numbers":         {`[[0,0,0],[0,1],[1,1]]`, "[0] must be [longitude, latitude]"},
		"not an array":          {`{"a":1}`, "must be an array"},
	} {
		err := validPolygon(json.RawMessage(c.ring), "ring")
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s refused: %v", name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: error %v, want one containing %q", name, err, c.want)
		}
	}
}
