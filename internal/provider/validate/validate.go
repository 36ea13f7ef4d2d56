// Package validate holds the plan-time validators the TagoIO resources share. Each one names the
// rule and the allowed values in its error, so a bad value fails before any request is sent.
package validate

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// stringRule is a string validator made of a description and a check that returns the problem.
type stringRule struct {
	description string
	check       func(string) string
}

func (r stringRule) Description(context.Context) string         { return r.description }
func (r stringRule) MarkdownDescription(context.Context) string { return r.description }

func (r stringRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := r.check(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid attribute value",
			fmt.Sprintf("Attribute %s %s, got: %q.", req.Path, problem, req.ConfigValue.ValueString()))
	}
}

var objectIDPattern = regexp.MustCompile(`^[0-9a-f]{24}$`)

// IsObjectID reports a TagoIO object ID: 24 lowercase hexadecimal characters.
func IsObjectID(s string) bool { return objectIDPattern.MatchString(s) }

// ObjectID accepts a TagoIO object ID.
func ObjectID() validator.String {
	return stringRule{"must be a TagoIO ID: 24 lowercase hexadecimal characters", func(s string) string {
		if !IsObjectID(s) {
			return "must be a TagoIO ID (24 lowercase hexadecimal characters, such as 6298fcc3e0b6840012b6abfa)"
		}
		return ""
	}}
}

// HTTPURL accepts an absolute http(s) URL.
func HTTPURL() validator.String {
	return stringRule{"must be an absolute http:// or https:// URL", func(s string) string {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return "must be an absolute http:// or https:// URL, such as https://api.tago.io"
		}
		return ""
	}}
}

// Duration accepts a Go duration ("30s", "2m") between min and max.
func Duration(minimum, maximum time.Duration) validator.String {
	desc := fmt.Sprintf("must be a duration such as \"30s\" or \"2m\", between %s and %s", minimum, maximum)
	return stringRule{desc, func(s string) string {
		d, err := time.ParseDuration(s)
		if err != nil || d < minimum || d > maximum {
			return desc
		}
		return ""
	}}
}

// relativeUnits are the units TagoIO accepts in relative times ("5 minutes", "1 day").
var relativeUnits = map[string]time.Duration{
	"minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour, "week": 7 * 24 * time.Hour,
	"month": 30 * 24 * time.Hour, "quarter": 91 * 24 * time.Hour, "year": 365 * 24 * time.Hour,
}

var relativePattern = regexp.MustCompile(`^(\d+)\s+([a-z]+?)s?$`)

// ParseRelative parses a TagoIO relative time such as "5 minutes" into an approximate duration.
func ParseRelative(s string) (time.Duration, bool) {
	m := relativePattern.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return 0, false
	}
	unit, ok := relativeUnits[m[2]]
	n, err := strconv.Atoi(m[1])
	if !ok || err != nil || n <= 0 {
		return 0, false
	}
	return time.Duration(n) * unit, true
}

const relativeUnitList = "minute(s), hour(s), day(s), week(s), month(s), quarter(s), year(s)"

// RelativeTime accepts "<n> <unit>" of at least minimum, such as "5 minutes".
func RelativeTime(minimum time.Duration) validator.String {
	desc := fmt.Sprintf("must be \"<number> <unit>\" with unit one of %s, at least %s", relativeUnitList, humanDuration(minimum))
	return stringRule{desc, func(s string) string {
		d, ok := ParseRelative(s)
		if !ok || d < minimum {
			return desc
		}
		return ""
	}}
}

// ExpireTime accepts a token expiry: "never", an ISO-8601 date, or a relative time ("1 day").
func ExpireTime() validator.String {
	desc := fmt.Sprintf("must be \"never\", an ISO-8601 date (2030-01-31 or 2030-01-31T12:00:00Z) or \"<number> <unit>\" with unit one of %s", relativeUnitList)
	return stringRule{desc, func(s string) string {
		if s == "never" {
			return ""
		}
		if _, ok := ParseRelative(s); ok {
			return ""
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02", "2006-01-02 15:04:05"} {
			if _, err := time.Parse(layout, s); err == nil {
				return ""
			}
		}
		return desc
	}}
}

func humanDuration(d time.Duration) string {
	switch {
	case d >= 24*time.Hour && d%(24*time.Hour) == 0:
		return plural(int(d/(24*time.Hour)), "day")
	case d >= time.Hour && d%time.Hour == 0:
		return plural(int(d/time.Hour), "hour")
	case d >= time.Minute && d%time.Minute == 0:
		return plural(int(d/time.Minute), "minute")
	}
	return d.String()
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
