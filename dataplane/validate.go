package dataplane

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// The data item rules of docs/api-notes.md §3.1 and §5. "kB" is read as 1000 bytes, the stricter
// reading, so a record the client accepts is accepted by a server that reads it either way.
const (
	MaxVariableLength = 100     // characters
	MaxValueBytes     = 6_000   // bytes of a string value
	MaxUnitLength     = 25      // characters
	MaxGroupLength    = 100     // characters
	MaxMetadataBytes  = 10_000  // bytes of the metadata as JSON
	MaxRequestBytes   = 200_000 // bytes of one POST /data body
)

// forbiddenVariableChars may not appear in a variable name (docs/api-notes.md §3.1).
const forbiddenVariableChars = "*?!<>.-=$ "

// RecordError is one problem with one record of an insert, found before any request is sent.
type RecordError struct {
	Index   int    // position of the record in the Insert call
	Field   string // "variable", "value", "unit", "group", "metadata", "location"
	Problem string
}

func (e *RecordError) Error() string {
	return fmt.Sprintf("record %d: %s %s", e.Index, e.Field, e.Problem)
}

// ValidationError lists every problem found in an insert; nothing was sent.
type ValidationError struct {
	Problems []*RecordError
}

// maxReportedProblems keeps the error text readable for a large insert.
const maxReportedProblems = 10

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invalid data, nothing was sent: ")
	for i, p := range e.Problems {
		if i == maxReportedProblems {
			fmt.Fprintf(&b, "; and %d more", len(e.Problems)-i)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap gives errors.As access to the first problem.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// normalizeRecord lowercases the variable (the API stores it lowercased) and reports every
// rule the record breaks.
func normalizeRecord(index int, r *Record) []*RecordError {
	var problems []*RecordError
	add := func(field, format string, args ...any) {
		problems = append(problems, &RecordError{Index: index, Field: field, Problem: fmt.Sprintf(format, args...)})
	}
	r.Variable = strings.ToLower(r.Variable)
	switch {
	case r.Variable == "":
		add("variable", "is required")
	case utf8.RuneCountInString(r.Variable) > MaxVariableLength:
		add("variable", "is %d characters long; the limit is %d", utf8.RuneCountInString(r.Variable), MaxVariableLength)
	}
	if i := strings.IndexAny(r.Variable, forbiddenVariableChars); i >= 0 {
		add("variable", "%q contains %q; variable names may not contain * ? ! < > . - = $ or spaces", r.Variable, r.Variable[i:i+1])
	}
	if problem := valueProblem(r.Value); problem != "" {
		add("value", "%s", problem)
	}
	if n := utf8.RuneCountInString(r.Unit); n > MaxUnitLength {
		add("unit", "is %d characters long; the limit is %d", n, MaxUnitLength)
	}
	if n := utf8.RuneCountInString(r.Group); n > MaxGroupLength {
		add("group", "is %d characters long; the limit is %d", n, MaxGroupLength)
	}
	if r.Metadata != nil {
		b, err := json.Marshal(r.Metadata)
		switch {
		case err != nil:
			add("metadata", "cannot be written as JSON: %v", err)
		case len(b) > MaxMetadataBytes:
			add("metadata", "is %d bytes as JSON; the limit is %d", len(b), MaxMetadataBytes)
		}
	}
	if l := r.Location; l != nil {
		if !finite(l.Lat) || l.Lat < -90 || l.Lat > 90 || !finite(l.Lng) || l.Lng < -180 || l.Lng > 180 {
			add("location", "{lat: %v, lng: %v} is not a point: lat must be within [-90, 90] and lng within [-180, 180]", l.Lat, l.Lng)
		}
	}
	return problems
}

func valueProblem(v any) string {
	switch x := v.(type) {
	case nil, bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return ""
	case string:
		if len(x) > MaxValueBytes {
			return fmt.Sprintf("is %d bytes long; the limit is %d", len(x), MaxValueBytes)
		}
		return ""
	case float64:
		if !finite(x) {
			return fmt.Sprintf("%v is not a finite number", x)
		}
		return ""
	case float32:
		if !finite(float64(x)) {
			return fmt.Sprintf("%v is not a finite number", x)
		}
		return ""
	case json.Number:
		if _, err := x.Float64(); err != nil {
			return fmt.Sprintf("%q is not a number", x.String())
		}
		return ""
	}
	return fmt.Sprintf("has type %T; a value is a string, a number or a boolean", v)
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
