package emulator

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// record is one list item with every listable field; values are Go values that
// marshal to the API's JSON (apiTime for dates, []tag for tags, nil for null).
type record = map[string]any

// filterKind says how a filter[<field>] value is compared.
type filterKind int

const (
	// filterString: "*" is a wildcard for any sequence, otherwise exact; case-insensitive.
	filterString filterKind = iota
	filterBool
	// filterDate: ISO date or relative ("1 day"); matches items at or after that instant.
	filterDate
	// filterTags: filter[tags][i][key] (+ optional [value]); every requested tag must be
	// matched by some item tag.
	filterTags
)

// listSpec describes one list endpoint (docs/api-notes.md §1.4).
type listSpec struct {
	defaultFields []string
	alwaysFields  []string // returned whatever fields says (e.g. "id")
	defaultOrder  string   // "field,asc|desc"
	filters       map[string]filterKind
	// aliases maps a field name clients send to the field it stands for, in fields,
	// orderBy and filter alike (e.g. a dashboard's "name" is its label).
	aliases map[string]string
}

// canonical returns the field that name stands for (name itself when no alias).
func (s listSpec) canonical(name string) string {
	if f, ok := s.aliases[name]; ok {
		return f
	}
	return name
}

const (
	defaultAmount = 20
	// maxAmount: the MCP server caps at 10000 and the CLI lists with 10000; entity
	// docs say 1000 (docs/api-notes.md §8.11). The larger cap is the one clients survive.
	maxAmount = 10000
)

// runList applies filter, orderBy, page/amount and fields to items.
func runList(q *QNode, items []record, spec listSpec, now time.Time) ([]record, error) {
	out, err := filterRecords(q.Get("filter"), items, spec, now)
	if err != nil {
		return nil, err
	}

	field, desc, ok := parseOrderBy(q.Get("orderBy"))
	if !ok {
		f, dir, _ := strings.Cut(spec.defaultOrder, ",")
		field, desc = f, dir == "desc"
	}
	sortRecords(out, spec.canonical(field), desc)

	page, amount, err := paging(q)
	if err != nil {
		return nil, err
	}
	// Compare pages rather than multiply, so that a huge page number cannot overflow.
	if pages := (len(out) + amount - 1) / amount; page > pages {
		out = nil
	} else {
		start := (page - 1) * amount
		out = out[start:min(start+amount, len(out))]
	}

	fields := q.Get("fields").List()
	if len(fields) == 0 {
		fields = spec.defaultFields
	}
	if len(spec.aliases) > 0 {
		canon := make([]string, len(fields))
		for i, f := range fields {
			canon[i] = spec.canonical(f)
		}
		fields = canon
	}
	result := make([]record, 0, len(out))
	for _, it := range out {
		result = append(result, project(it, fields, spec.alwaysFields))
	}
	return result, nil
}

// paging reads page (1-based; 0 and negatives are page 1) and amount (default 20,
// capped at maxAmount).
func paging(q *QNode) (page, amount int, err error) {
	page, amount = 1, defaultAmount
	if s, ok := q.Get("page").Value(); ok && s != "" {
		if page, err = strconv.Atoi(s); err != nil {
			return 0, 0, badRequest("page must be an integer")
		}
		page = max(page, 1)
	}
	if s, ok := q.Get("amount").Value(); ok && s != "" {
		if amount, err = strconv.Atoi(s); err != nil {
			return 0, 0, badRequest("amount must be an integer")
		}
		if amount <= 0 {
			amount = defaultAmount
		}
		amount = min(amount, maxAmount)
	}
	return page, amount, nil
}

// project keeps the requested fields (unknown names are ignored) plus alwaysFields.
func project(it record, fields, always []string) record {
	out := record{}
	for _, f := range always {
		if v, ok := it[f]; ok {
			out[f] = v
		}
	}
	for _, f := range fields {
		if v, ok := it[f]; ok {
			out[f] = v
		}
	}
	return out
}

func filterRecords(f *QNode, items []record, spec listSpec, now time.Time) ([]record, error) {
	type cond struct {
		field string
		kind  filterKind
		node  *QNode
		after time.Time
		want  bool
	}
	var conds []cond
	for _, key := range f.Keys() {
		field := spec.canonical(key)
		kind, ok := spec.filters[field]
		if !ok {
			continue // unknown filter keys are ignored
		}
		c := cond{field: field, kind: kind, node: f.Get(key)}
		switch kind {
		case filterBool:
			v, ok := c.node.Bool()
			if !ok {
				return nil, badRequest("filter[%s] must be true or false", key)
			}
			c.want = v
		case filterDate:
			s, _ := c.node.Value()
			t, err := parseDateInput(s, now)
			if err != nil {
				return nil, badRequest("filter[%s] must be an ISO-8601 date or a relative date like \"1 day\"", key)
			}
			c.after = t
		}
		conds = append(conds, c)
	}
	if len(conds) == 0 {
		return append([]record(nil), items...), nil
	}
	var out []record
	for _, it := range items {
		keep := true
		for _, c := range conds {
			v := normalize(it[c.field])
			switch c.kind {
			case filterString:
				keep = matchAnyString(v, c.node.Values())
			case filterBool:
				b, ok := v.(bool)
				keep = ok && b == c.want
			case filterDate:
				t, ok := v.(time.Time)
				keep = ok && !t.Before(c.after)
			case filterTags:
				keep = matchTags(it[c.field], c.node)
			}
			if !keep {
				break
			}
		}
		if keep {
			out = append(out, it)
		}
	}
	return out, nil
}

// matchAnyString: the item matches when any of the filter values matches (several
// values arrive as filter[id][]=a&filter[id][]=b).
func matchAnyString(v any, patterns []string) bool {
	if v == nil {
		return false
	}
	s := scalarString(v)
	for _, p := range patterns {
		if wildcardMatch(p, s) {
			return true
		}
	}
	return false
}

func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case time.Time:
		return formatTime(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	default:
		return fmt.Sprint(x)
	}
}

// wildcardMatch compares case-insensitively: the admin's search boxes (which wrap the
// term as *term*, docs/api-notes.md §1.4) find names regardless of case, and the API fixed
// upper/lowercase tag filtering in v8.0.1; clients that filter by an exact name they
// created still get it back. "*" matches any sequence, including none.
func wildcardMatch(pattern, s string) bool {
	if !strings.Contains(pattern, "*") {
		return strings.EqualFold(pattern, s)
	}
	parts := strings.Split(pattern, "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	re, err := regexp.Compile("(?is)^" + strings.Join(parts, ".*") + "$")
	return err == nil && re.MatchString(s)
}

// matchTags: for every requested tag, some item tag has that key (and that value,
// when a value is given).
func matchTags(v any, f *QNode) bool {
	tags, _ := v.([]tag)
	for _, want := range f.Items() {
		key, _ := want.Get("key").Value()
		val, hasVal := want.Get("value").Value()
		found := false
		for _, t := range tags {
			if (key == "" || wildcardMatch(key, t.Key)) && (!hasVal || wildcardMatch(val, t.Value)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// normalize turns pointer and wrapper types into plain comparable values.
func normalize(v any) any {
	switch x := v.(type) {
	case *apiTime:
		if x == nil {
			return nil
		}
		return x.Time()
	case apiTime:
		return x.Time()
	case *string:
		if x == nil {
			return nil
		}
		return *x
	case *int:
		if x == nil {
			return nil
		}
		return float64(*x)
	case int:
		return float64(x)
	case *bool:
		if x == nil {
			return nil
		}
		return *x
	}
	return v
}

// sortRecords orders by field; nulls and "never" sort last in both directions (API
// changelog v8.0.0). Ties are broken by id in the same direction (ids grow with
// creation time, so "created_at,desc" lists the newest first even within one
// millisecond), and otherwise keep their previous order, so paging is stable.
func sortRecords(items []record, field string, desc bool) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := normalize(items[i][field]), normalize(items[j][field])
		aLast, bLast := sortsLast(a), sortsLast(b)
		if aLast || bLast {
			return !aLast && bLast
		}
		c := compareValues(a, b)
		if c == 0 && field != "id" {
			ia, _ := items[i]["id"].(string)
			ib, _ := items[j]["id"].(string)
			c = strings.Compare(ia, ib)
		}
		if desc {
			return c > 0
		}
		return c < 0
	})
}

func sortsLast(v any) bool {
	if v == nil {
		return true
	}
	s, ok := v.(string)
	return ok && s == "never"
}

func compareValues(a, b any) int {
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			if c := strings.Compare(strings.ToLower(x), strings.ToLower(y)); c != 0 {
				return c
			}
			return strings.Compare(x, y)
		}
	case float64:
		if y, ok := b.(float64); ok {
			switch {
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return 0
		}
	case bool:
		if y, ok := b.(bool); ok {
			switch {
			case x == y:
				return 0
			case !x:
				return -1
			}
			return 1
		}
	case time.Time:
		if y, ok := b.(time.Time); ok {
			return x.Compare(y)
		}
	}
	return 0 // not scalars of one type: keep order
}
