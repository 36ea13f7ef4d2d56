package emulator

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// QNode is one node of a parsed query string. The parser understands every encoding
// the SDKs use (docs/api-notes.md §1.3):
//
//	fields[]=a&fields[]=b      qs "brackets" / docs
//	fields[0]=a&fields[1]=b    qs "indices" (JS SDK default)
//	fields=a&fields=b          repeated key (Python requests)
//	fields=a                   single value
//	filter[name]=X             nested object
//	filter[tags][0][key]=k     arrays of objects (also filter[tags][][key]=k)
//
// A node holds the scalar values given for it (repeated keys append) and named
// children (object keys or array indices) in first-seen order.
type QNode struct {
	values   []string
	children map[string]*QNode
	order    []string
}

// ParseQuery parses a raw query string. It never fails: undecodable escapes are kept
// verbatim, and a key with unbalanced brackets is taken literally.
func ParseQuery(raw string) *QNode {
	root := &QNode{}
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		key := unescape(k)
		if key == "" {
			continue
		}
		root.insert(splitKey(key), unescape(v))
	}
	return root
}

func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// splitKey turns "a[b][0][]" into ["a","b","0",""].
func splitKey(key string) []string {
	open := strings.IndexByte(key, '[')
	if open <= 0 {
		return []string{key}
	}
	parts := []string{key[:open]}
	rest := key[open:]
	for rest != "" {
		if rest[0] != '[' {
			return []string{key}
		}
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return []string{key}
		}
		parts = append(parts, rest[1:end])
		rest = rest[end+1:]
	}
	return parts
}

func (n *QNode) child(name string) *QNode {
	if n.children == nil {
		n.children = map[string]*QNode{}
	}
	c, ok := n.children[name]
	if !ok {
		c = &QNode{}
		n.children[name] = c
		n.order = append(n.order, name)
	}
	return c
}

func (n *QNode) insert(path []string, value string) {
	node := n
	for i, seg := range path {
		if seg != "" {
			node = node.child(seg)
			continue
		}
		if i == len(path)-1 {
			break // trailing "[]": the value is appended to node itself
		}
		// "[]" followed by more keys (a[][key]=..): like Rails, keep filling the last
		// element until it already has the next key, then start a new element.
		next := path[i+1]
		idx := len(node.order)
		if idx > 0 {
			last := node.children[node.order[idx-1]]
			if _, taken := last.children[next]; !taken {
				node = last
				continue
			}
		}
		node = node.child(strconv.Itoa(idx))
	}
	node.values = append(node.values, value)
}

// Get returns the named child, or nil. It is safe on a nil node.
func (n *QNode) Get(key string) *QNode {
	if n == nil {
		return nil
	}
	return n.children[key]
}

// Path follows several keys.
func (n *QNode) Path(keys ...string) *QNode {
	for _, k := range keys {
		n = n.Get(k)
	}
	return n
}

// Has reports whether the key was given at all.
func (n *QNode) Has(key string) bool { return n.Get(key) != nil }

// Keys returns the child names in first-seen order.
func (n *QNode) Keys() []string {
	if n == nil {
		return nil
	}
	return append([]string(nil), n.order...)
}

// Value returns the node's first scalar value (or the first element of an array node).
func (n *QNode) Value() (string, bool) {
	if n == nil {
		return "", false
	}
	if len(n.values) > 0 {
		return n.values[0], true
	}
	for _, c := range n.Items() {
		if v, ok := c.Value(); ok {
			return v, true
		}
	}
	return "", false
}

// String returns the first scalar value of the named child, or "".
func (n *QNode) String(key string) string {
	v, _ := n.Get(key).Value()
	return v
}

// Values returns every scalar under the node: its own repeated values, then the
// values of its array elements in index order.
func (n *QNode) Values() []string {
	if n == nil {
		return nil
	}
	out := append([]string(nil), n.values...)
	for _, c := range n.Items() {
		if len(c.children) == 0 {
			out = append(out, c.values...)
		}
	}
	return out
}

// List is Values with comma-separated items split as well ("fields=a,b"); empty
// items are dropped.
func (n *QNode) List() []string {
	var out []string
	for _, v := range n.Values() {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// Items returns the child nodes of an array-like node, numeric keys in numeric order
// first, then any other keys in first-seen order.
func (n *QNode) Items() []*QNode {
	if n == nil || len(n.order) == 0 {
		return nil
	}
	keys := append([]string(nil), n.order...)
	sort.SliceStable(keys, func(i, j int) bool {
		a, errA := strconv.Atoi(keys[i])
		b, errB := strconv.Atoi(keys[j])
		switch {
		case errA == nil && errB == nil:
			return a < b
		case errA == nil:
			return true
		default:
			return false
		}
	})
	out := make([]*QNode, 0, len(keys))
	for _, k := range keys {
		out = append(out, n.children[k])
	}
	return out
}

// Bool parses the node's value as a boolean (see parseBool).
func (n *QNode) Bool() (val, ok bool) {
	s, present := n.Value()
	if !present {
		return false, false
	}
	return parseBool(s)
}

// ToAny converts the node to plain data (string, []any, map[string]any), mainly for
// tests and debugging: one value becomes a string, several a []any.
func (n *QNode) ToAny() any {
	if n == nil {
		return nil
	}
	if len(n.children) == 0 {
		if len(n.values) == 1 {
			return n.values[0]
		}
		out := make([]any, len(n.values))
		for i, v := range n.values {
			out[i] = v
		}
		return out
	}
	m := map[string]any{}
	for _, k := range n.order {
		m[k] = n.children[k].ToAny()
	}
	if len(n.values) > 0 { // both scalars and children: scalars under ""
		vals := make([]any, len(n.values))
		for i, v := range n.values {
			vals[i] = v
		}
		m[""] = vals
	}
	return m
}

// parseBool accepts the spellings SDKs send: true/false in any case (Python sends
// "True"/"False"), and 1/0.
func parseBool(s string) (val, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

// parseOrderBy reads orderBy in any form: "name,asc", orderBy[0]=name&orderBy[1]=desc,
// orderBy[]=name&orderBy[]=desc, repeated keys, or just "name" (ascending).
func parseOrderBy(n *QNode) (field string, desc bool, ok bool) {
	parts := n.List()
	if len(parts) == 0 {
		return "", false, false
	}
	field = parts[0]
	if len(parts) > 1 {
		desc = strings.EqualFold(parts[1], "desc") || strings.EqualFold(parts[1], "descending")
	}
	return field, desc, true
}
