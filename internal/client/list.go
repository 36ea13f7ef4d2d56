package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// Tag is a TagoIO tag. Tags are ordered and keys may repeat.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// TagFilter matches objects having a tag with Key (and Value, when not empty).
type TagFilter struct {
	Key   string
	Value string
}

// ListOptions are the list parameters every TagoIO list route takes (docs/api-notes.md §1.4).
type ListOptions struct {
	Fields  []string
	Filter  map[string]string // e.g. {"name": "Temp*"}: "*" is a wildcard on the server
	Tags    []TagFilter
	OrderBy string // "<field>,<asc|desc>"
	Amount  int    // page size; default DefaultPageSize
}

// DefaultPageSize is the page size of ListAll: large pages keep a refresh to few requests; the
// reference gives 1000 as a documented maximum for some lists.
const DefaultPageSize = 1000

// values encodes the options the way the official JS SDK does (qs "indices" format:
// fields[0]=id, filter[tags][0][key]=k); the API accepts every common encoding.
func (o ListOptions) values(page int) url.Values {
	v := url.Values{}
	v.Set("page", strconv.Itoa(page))
	v.Set("amount", strconv.Itoa(o.pageSize()))
	for i, f := range o.Fields {
		v.Set("fields["+strconv.Itoa(i)+"]", f)
	}
	for k, f := range o.Filter {
		v.Set("filter["+k+"]", f)
	}
	for i, t := range o.Tags {
		prefix := "filter[tags][" + strconv.Itoa(i) + "]"
		v.Set(prefix+"[key]", t.Key)
		if t.Value != "" {
			v.Set(prefix+"[value]", t.Value)
		}
	}
	if o.OrderBy != "" {
		v.Set("orderBy", o.OrderBy)
	}
	return v
}

func (o ListOptions) pageSize() int {
	if o.Amount > 0 {
		return o.Amount
	}
	return DefaultPageSize
}

// ListAll walks a list route page by page (page=1, 2, ...) until a page shorter than the page
// size, since TagoIO returns no total count.
func ListAll[T any](ctx context.Context, c *Client, path string, opts ListOptions) ([]T, error) {
	var all []T
	for page := 1; ; page++ {
		var items []T
		if err := c.Do(ctx, Request{Method: http.MethodGet, Path: path, Query: opts.values(page)}, &items); err != nil {
			return nil, err
		}
		all = append(all, items...)
		if len(items) < opts.pageSize() {
			return all, nil
		}
	}
}
