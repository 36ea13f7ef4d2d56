package emulator

import (
	"net/http"
	"time"
)

// GET /profile/{id}/statistics: the profile's usage per hour, day or month. The
// OpenAPI file spells the path /profiled/{id}/statistics; the SDK and the API use
// /profile/, and the emulator answers both.
//
// What the emulator measures: input is the number of data records received in the
// period (by their insertion time), data_records the records stored at the end of the
// period that are still stored now, output the data reads answered since the emulator
// started (counted in the current period only), file_storage 0. As the API's docs
// say, a period in which nothing happened has no item.
func (e *Emulator) registerProfileStatistics(r *Router) {
	r.Handle("GET", "/profile/{id}/statistics", e.profileStatistics, kindProfile)
	r.Handle("GET", "/profiled/{id}/statistics", e.profileStatistics, kindProfile)
}

// statisticsRange reads date= (one day, hourly), or start_date, end_date and
// periodicity (hour, day or month); without any, today by the hour. timezone= shifts
// the period boundaries.
func statisticsRange(c *Ctx) (from, to time.Time, periodicity string, err error) {
	loc := time.UTC
	if tz := c.Query.String("timezone"); tz != "" {
		if loc, err = time.LoadLocation(tz); err != nil {
			return from, to, "", badRequest("Invalid timezone %q", tz)
		}
	}
	periodicity = "hour"
	if p := c.Query.String("periodicity"); p != "" {
		if p != "hour" && p != "day" && p != "month" {
			return from, to, "", badRequest("periodicity must be hour, day or month")
		}
		periodicity = p
	}
	now := c.Now.In(loc)
	day := func(s string) (time.Time, error) {
		t, err := time.ParseInLocation("2006-01-02", s, loc)
		if err != nil {
			return t, badRequest("Invalid date %q: expected YYYY-MM-DD", s)
		}
		return t, nil
	}
	switch start, end := c.Query.String("start_date"), c.Query.String("end_date"); {
	case c.Query.String("date") != "":
		if from, err = day(c.Query.String("date")); err != nil {
			return
		}
		to = from.AddDate(0, 0, 1).Add(-time.Millisecond)
	case start != "" || end != "":
		if start == "" || end == "" {
			return from, to, "", badRequest("start_date and end_date go together")
		}
		if from, err = parseQueryDate(start, now, false); err != nil {
			return from, to, "", badRequest("Invalid start_date %q", start)
		}
		if to, err = parseQueryDate(end, now, true); err != nil {
			return from, to, "", badRequest("Invalid end_date %q", end)
		}
		if to.Before(from) {
			return from, to, "", badRequest("end_date must not be before start_date")
		}
	default:
		from = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
		to = from.AddDate(0, 0, 1).Add(-time.Millisecond)
	}
	return from.In(loc), to.In(loc), periodicity, nil
}

func periodStart(t time.Time, periodicity string) time.Time {
	y, m, d := t.Date()
	switch periodicity {
	case "month":
		return time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
	case "day":
		return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	}
	return time.Date(y, m, d, t.Hour(), 0, 0, 0, t.Location())
}

func nextPeriod(t time.Time, periodicity string) time.Time {
	switch periodicity {
	case "month":
		return t.AddDate(0, 1, 0)
	case "day":
		return t.AddDate(0, 0, 1)
	}
	return t.Add(time.Hour)
}

func (e *Emulator) profileStatistics(c *Ctx) (int, any, error) {
	if err := e.matchProfileParam(c.Param("id")); err != nil {
		return 0, nil, err
	}
	from, to, periodicity, err := statisticsRange(c)
	if err != nil {
		return 0, nil, err
	}
	// Insertion times of every stored record.
	var inserted []time.Time
	e.data.mu.RLock()
	for _, r := range e.data.devices {
		for _, d := range r.all {
			inserted = append(inserted, d.CreatedAt.Time())
		}
	}
	e.data.mu.RUnlock()
	reads := e.dataReads()
	current := periodStart(c.Now.In(from.Location()), periodicity)

	out := []record{}
	for start := periodStart(from, periodicity); !start.After(to); start = nextPeriod(start, periodicity) {
		end := nextPeriod(start, periodicity)
		input, stored := 0, 0
		for _, t := range inserted {
			if t.Before(end) {
				stored++
				if !t.Before(start) {
					input++
				}
			}
		}
		output := int64(0)
		if start.Equal(current) {
			output = reads
		}
		if input == 0 && output == 0 {
			continue
		}
		out = append(out, record{
			"time": apiTime(start.UTC()), "input": input, "output": output,
			"data_records": stored, "file_storage": 0,
		})
	}
	return http.StatusOK, out, nil
}

// dataReads is the number of data read requests the stats counted (GET /_emulator/stats
// resets it).
func (e *Emulator) dataReads() int64 {
	snap := e.stats.Snapshot()
	return snap.ByRoute["GET /data"] + snap.ByRoute["GET /device/{id}/data"] + snap.ByRoute["GET /data/{dashID}/{widgetID}"]
}
