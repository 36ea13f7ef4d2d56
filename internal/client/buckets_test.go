package client_test

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const bucketID = "6298fcc3e0b6840012b6ab02"

func TestBuckets_CRUDBodiesAndResultKeys(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch {
		case r.Method == http.MethodPost:
			ok(w, map[string]any{"bucket": bucketID}) // the Python SDK's create result
		case r.Method == http.MethodGet && r.URL.Path == "/bucket/"+bucketID:
			ok(w, map[string]any{"id": bucketID, "name": "Old", "description": nil, "visible": false,
				"tags": []any{map[string]any{"key": "k", "value": "v"}}, "data_retention": "forever"})
		case r.Method == http.MethodGet && r.URL.Path == "/bucket":
			ok(w, []map[string]any{{"id": bucketID, "name": "Old"}})
		default:
			ok(w, "Successfully Updated")
		}
	})
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	visible := false
	id, err := c.Buckets.Create(ctx, client.BucketCreate{Name: "Old", Visible: &visible})
	if err != nil || id != bucketID {
		t.Fatalf("create = %q, %v", id, err)
	}
	if got := api.Requests()[0].Body; got != `{"name":"Old","visible":false,"tags":[]}` {
		t.Errorf("create body = %s", got)
	}
	b, err := c.Buckets.Get(ctx, bucketID)
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "Old" || b.Description != nil || b.Visible == nil || *b.Visible || len(b.Tags) != 1 || *b.DataRetention != "forever" {
		t.Errorf("bucket = %+v", b)
	}
	empty := ""
	if err := c.Buckets.Update(ctx, bucketID, client.BucketUpdate{Description: &empty}); err != nil {
		t.Fatal(err)
	}
	if got := api.Requests()[2]; got.Method != http.MethodPut || got.Body != `{"description":""}` {
		t.Errorf("update = %s %s", got.Method, got.Body)
	}
	list, err := c.Buckets.List(ctx, client.ListOptions{Filter: map[string]string{"name": "Old"}})
	if err != nil || len(list) != 1 {
		t.Fatalf("list = %v, %v", list, err)
	}
	if q := api.Requests()[3].Query; !strings.Contains(q, "filter%5Bname%5D=Old") || !strings.Contains(q, "orderBy=name%2Casc") {
		t.Errorf("list query = %s", q)
	}
	if err := c.Buckets.Delete(ctx, bucketID); err != nil {
		t.Fatal(err)
	}
	if got := api.Requests()[4]; got.Method != http.MethodDelete || got.Path != "/bucket/"+bucketID {
		t.Errorf("delete = %s %s", got.Method, got.Path)
	}
}

func TestBuckets_VariablesReadsObjectsAndStrings(t *testing.T) {
	t.Parallel()
	answers := map[string]any{
		"/bucket/a/variable": []any{
			map[string]any{"variable": "temperature", "origin": "x", "amount": 3},
			map[string]any{"variable": "humidity", "origin": "y"},
			map[string]any{"variable": "temperature", "origin": "y"},
		},
		"/bucket/b/variable":    []any{"pressure", "co2"},
		"/bucket/a/data_amount": 42,
	}
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) { ok(w, answers[r.URL.Path]) })
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	for id, want := range map[string][]string{"a": {"humidity", "temperature"}, "b": {"co2", "pressure"}} {
		got, err := c.Buckets.Variables(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("variables of %s = %v, want %v", id, got, want)
		}
	}
	if n, err := c.Buckets.DataAmount(ctx, "a"); err != nil || n != 42 {
		t.Errorf("data amount = %d, %v", n, err)
	}
}

func TestIsRouteMissing_TellsARemovedRouteFromAMissingObject(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name          string
		status        int
		body          string
		routeMissing  bool
		objectMissing bool // what IsNotFound says
	}{
		{"router 404", 404, `{"status":false,"message":"Route not found: GET /bucket/x"}`, true, true},
		{"express default", 404, `Cannot GET /bucket/x`, true, true},
		{"bare not found", 404, `{"status":false,"message":"Not Found"}`, true, true},
		{"empty 404", 404, ``, true, true},
		{"html 404", 404, `<html><body>404</body></html>`, true, true},
		{"method gone", 405, `{"status":false,"message":"Method PUT not allowed"}`, true, false},
		{"gone", 410, `{"status":false,"message":"Buckets were removed"}`, true, false},
		{"unknown bucket", 404, `{"status":false,"message":"Bucket not found"}`, false, true},
		{"unknown bucket as 400", 400, `{"status":false,"message":"Bucket not found"}`, false, true},
		{"validation", 400, `{"status":false,"message":"Invalid name"}`, false, false},
		{"server error", 500, `{"status":false,"message":"route handler crashed"}`, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			c, _ := newTestClient(t, api.URL, func(cfg *client.Config) { cfg.MaxRetries = 0 })
			_, err := c.Buckets.Get(context.Background(), bucketID)
			if err == nil {
				t.Fatal("want an error")
			}
			if got := client.IsRouteMissing(err); got != tc.routeMissing {
				t.Errorf("IsRouteMissing = %v, want %v (%v)", got, tc.routeMissing, err)
			}
			if got := client.IsNotFound(err); got != tc.objectMissing {
				t.Errorf("IsNotFound = %v, want %v (%v)", got, tc.objectMissing, err)
			}
		})
	}
	if client.IsRouteMissing(errors.New("Route not found")) || client.IsRouteMissing(nil) {
		t.Error("only API answers can say a route is missing")
	}
}
