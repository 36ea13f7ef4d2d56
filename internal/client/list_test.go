package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// pagedAPI serves n devices, honouring page and amount.
func pagedAPI(t *testing.T, n int) *fakeAPI {
	return newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		amount, _ := strconv.Atoi(q.Get("amount"))
		var out []map[string]any
		for i := (page - 1) * amount; i < page*amount && i < n; i++ {
			out = append(out, map[string]any{"id": fmt.Sprintf("%024d", i), "name": fmt.Sprintf("d%d", i)})
		}
		if out == nil {
			out = []map[string]any{}
		}
		ok(w, out)
	})
}

func TestListAll_WalksPagesUntilAShortPage(t *testing.T) {
	t.Parallel()
	cases := []struct{ items, amount, wantRequests int }{
		{0, 10, 1},
		{7, 10, 1},
		{10, 10, 2}, // a full last page needs one more request to see the end
		{25, 10, 3},
		{2500, 1000, 3},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%d by %d", tc.items, tc.amount), func(t *testing.T) {
			api := pagedAPI(t, tc.items)
			c, _ := newTestClient(t, api.URL)
			got, err := c.Devices.List(context.Background(), client.ListOptions{Amount: tc.amount})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.items {
				t.Errorf("items = %d, want %d", len(got), tc.items)
			}
			reqs := api.Requests()
			if len(reqs) != tc.wantRequests {
				t.Fatalf("requests = %d, want %d", len(reqs), tc.wantRequests)
			}
			for i, r := range reqs {
				q, _ := url.ParseQuery(r.Query)
				if q.Get("page") != strconv.Itoa(i+1) || q.Get("amount") != strconv.Itoa(tc.amount) {
					t.Errorf("request %d asked page=%s amount=%s", i, q.Get("page"), q.Get("amount"))
				}
			}
		})
	}
}

func TestListOptions_Encoding(t *testing.T) {
	t.Parallel()
	api := pagedAPI(t, 0)
	c, _ := newTestClient(t, api.URL)
	_, err := c.Devices.List(context.Background(), client.ListOptions{
		Fields:  []string{"id", "name"},
		Filter:  map[string]string{"name": "Temp*", "type": "mutable"},
		Tags:    []client.TagFilter{{Key: "site", Value: "north"}, {Key: "floor"}},
		OrderBy: "created_at,desc",
	})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := url.ParseQuery(api.Requests()[0].Query)
	want := map[string]string{
		"fields[0]": "id", "fields[1]": "name",
		"filter[name]": "Temp*", "filter[type]": "mutable",
		"filter[tags][0][key]": "site", "filter[tags][0][value]": "north",
		"filter[tags][1][key]": "floor",
		"orderBy":              "created_at,desc",
	}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("%s = %q, want %q (query %s)", k, q.Get(k), v, api.Requests()[0].Query)
		}
	}
	if q.Has("filter[tags][1][value]") {
		t.Error("a key-only tag filter sent an empty value")
	}
}
