package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const testDashboardID = "6230e392f5772600124c81da"

func decodeBody(t *testing.T, body string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("body %q: %v", body, err)
	}
	return m
}

func TestDashboards_CreateSendsNoArrangementAndReadsTheID(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"dashboard", "dashboard_id", "id"} {
		t.Run(key, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
				writeJSON(w, http.StatusCreated, map[string]any{"status": true, "result": map[string]any{key: testDashboardID}})
			})
			c, _ := newTestClient(t, api.URL)
			id, err := c.Dashboards.Create(context.Background(), client.DashboardCreate{
				Label: "Plant", Type: "blueprint",
				Tabs: []client.DashboardTab{{Key: "1648142133869", Value: "Main"}},
				BlueprintDevices: []client.BlueprintDevice{{
					ID: "68d2f3e0a6343f0009318e4c", Name: "sensor",
					Conditions: []client.BlueprintCondition{{Key: "is_sensor", Value: "true"}},
				}},
			})
			if err != nil {
				t.Fatal(err)
			}
			if id != testDashboardID {
				t.Errorf("id = %q", id)
			}
			reqs := api.Requests()
			if len(reqs) != 1 || reqs[0].Method != http.MethodPost || reqs[0].Path != "/dashboard" {
				t.Fatalf("requests = %+v", reqs)
			}
			body := decodeBody(t, reqs[0].Body)
			if _, has := body["arrangement"]; has {
				t.Errorf("create sent an arrangement: %s", reqs[0].Body)
			}
			if body["label"] != "Plant" || body["type"] != "blueprint" {
				t.Errorf("body = %s", reqs[0].Body)
			}
			if tags, ok := body["tags"].([]any); !ok || len(tags) != 0 {
				t.Errorf("tags = %#v, want []", body["tags"])
			}
			var sent struct {
				BlueprintDevices []map[string]any `json:"blueprint_devices"`
			}
			if err := json.Unmarshal([]byte(reqs[0].Body), &sent); err != nil || len(sent.BlueprintDevices) != 1 {
				t.Fatalf("blueprint_devices sent = %s (%v)", reqs[0].Body, err)
			}
			bp := sent.BlueprintDevices[0]
			if filters, ok := bp["filter_conditions"].([]any); bp["name"] != "sensor" || !ok || len(filters) != 0 {
				t.Errorf("blueprint device = %#v, want filter_conditions []", bp)
			}
		})
	}
}

// A create whose answer was lost adopts the dashboard with exactly that label, created since.
func TestDashboards_CreateLostAnswerAdoptsByLabel(t *testing.T) {
	t.Parallel()
	var posts int
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch {
		case r.Method == http.MethodPost:
			posts++
			dropConnection(t, w)
		case r.Method == http.MethodGet && r.URL.Path == "/dashboard":
			if got := r.URL.Query().Get("filter[label]"); got != "Plant" {
				t.Errorf("lookup filter[label] = %q", got)
			}
			ok(w, []map[string]any{
				{"id": "000000000000000000000001", "label": "Plant", "created_at": isoMillis(time.Now().Add(-time.Hour))},
				{"id": "000000000000000000000002", "label": "Plant (copy)", "created_at": isoMillis(time.Now())},
				{"id": testDashboardID, "label": "Plant", "created_at": isoMillis(time.Now())},
			})
		default:
			fail(w, 404, "Route not found")
		}
	})
	c, _ := newTestClient(t, api.URL)
	id, err := c.Dashboards.Create(context.Background(), client.DashboardCreate{Label: "Plant", Type: "dashboard"})
	if err != nil {
		t.Fatal(err)
	}
	if id != testDashboardID || posts != 1 {
		t.Errorf("id = %q after %d POSTs, want %s after 1", id, posts, testDashboardID)
	}
}

func TestDashboards_GetReadsFractionalArrangementAndKeepsUnknownKeys(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.Method == http.MethodGet {
			// The OAS example, plus keys the admin writes and a tab key written as a number.
			_, _ = w.Write([]byte(`{"status":true,"result":{"id":"` + testDashboardID + `","label":"Plant","type":"dashboard",
				"visible":true,"tags":[],"icon":{},"group_by":[],"tabs":[{"key":"1648142133869","value":"Main","link":""}],
				"arrangement":[
				  {"widget_id":"6230e84df5772600124c81e7","x":0.3333333333333333,"y":7,"width":2.3333333333333335,"height":3,"tab":null,"minW":1,"minH":2},
				  {"widget_id":"62750cf1253eb800126aefc0","x":2.666666666666667,"y":7,"width":2,"height":5,"tab":1648142133869}
				],"blueprint_device_behavior":null,"created_at":"2022-03-15T19:05:54.839Z"}}`))
			return
		}
		ok(w, "Successfully Updated")
	})
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	d, err := c.Dashboards.Get(ctx, testDashboardID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Arrangement) != 2 {
		t.Fatalf("arrangement = %+v", d.Arrangement)
	}
	first, second := d.Arrangement[0], d.Arrangement[1]
	if first.X != 0.3333333333333333 || first.Width != 2.3333333333333335 || first.Y != 7 || first.Tab != nil {
		t.Errorf("first entry = %+v", first)
	}
	if second.Tab == nil || *second.Tab != "1648142133869" || second.Height != 5 {
		t.Errorf("second entry = %+v", second)
	}
	if d.Icon == nil || d.Icon.URL != "" || d.BlueprintDeviceBehavior != nil || *d.Tabs[0].Link != "" {
		t.Errorf("dashboard = %+v", d)
	}

	// Writing the arrangement back sends every entry with the keys the client does not model,
	// and nothing but the arrangement.
	moved := d.Arrangement
	moved[1].X = 1
	if err := c.Dashboards.SetArrangement(ctx, testDashboardID, moved); err != nil {
		t.Fatal(err)
	}
	put := api.Requests()[1]
	if put.Method != http.MethodPut || put.Path != "/dashboard/"+testDashboardID {
		t.Fatalf("request = %+v", put)
	}
	if body := decodeBody(t, put.Body); len(body) != 1 {
		t.Errorf("SetArrangement sent more than the arrangement: %s", put.Body)
	}
	var sent struct {
		Arrangement []map[string]any `json:"arrangement"`
	}
	if err := json.Unmarshal([]byte(put.Body), &sent); err != nil || len(sent.Arrangement) != 2 {
		t.Fatalf("arrangement sent = %s (%v)", put.Body, err)
	}
	e0, e1 := sent.Arrangement[0], sent.Arrangement[1]
	if e0["minW"] != float64(1) || e0["minH"] != float64(2) || e0["width"] != 2.3333333333333335 || e0["tab"] != nil {
		t.Errorf("first entry sent = %v", e0)
	}
	if e1["x"] != float64(1) || e1["tab"] != "1648142133869" || e1["widget_id"] != "62750cf1253eb800126aefc0" {
		t.Errorf("second entry sent = %v", e1)
	}
}

func TestDashboards_SetArrangementNilSendsEmptyList(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) { ok(w, "Successfully Updated") })
	c, _ := newTestClient(t, api.URL)
	if err := c.Dashboards.SetArrangement(context.Background(), testDashboardID, nil); err != nil {
		t.Fatal(err)
	}
	if got := api.Requests()[0].Body; got != `{"arrangement":[]}` {
		t.Errorf("body = %s", got)
	}
}

func TestDashboards_UpdateSendsOnlyWhatIsSetAndNeverTheArrangement(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) { ok(w, "Successfully Updated") })
	c, _ := newTestClient(t, api.URL)
	label := "Renamed"
	tags := []client.Tag{}
	update := client.DashboardUpdate{
		Label:                     &label,
		Tags:                      &tags,
		Icon:                      &client.DashboardIcon{},
		BlueprintDeviceBehavior:   &client.Nullable[string]{Null: true},
		BlueprintSelectorBehavior: &client.Nullable[string]{Value: "always_open"},
	}
	if update.IsEmpty() || !(client.DashboardUpdate{}).IsEmpty() {
		t.Fatal("IsEmpty is wrong")
	}
	if err := c.Dashboards.Update(context.Background(), testDashboardID, update); err != nil {
		t.Fatal(err)
	}
	body := decodeBody(t, api.Requests()[0].Body)
	want := map[string]any{
		"label": "Renamed", "tags": []any{}, "icon": map[string]any{},
		"blueprint_device_behavior": nil, "blueprint_selector_behavior": "always_open",
	}
	if !reflect.DeepEqual(body, want) {
		t.Errorf("body = %v\nwant %v", body, want)
	}
}

func TestDashboards_ListSendsFiltersAndWalksPages(t *testing.T) {
	t.Parallel()
	var queries []url.Values
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		q := r.URL.Query()
		queries = append(queries, q)
		if q.Get("page") == "1" {
			items := make([]map[string]any, 2)
			for i := range items {
				items[i] = map[string]any{"id": testDashboardID, "label": "Plant", "type": "dashboard", "visible": true,
					"tags": []map[string]string{{"key": "site", "value": "north"}}}
			}
			ok(w, items)
			return
		}
		ok(w, []any{})
	})
	c, _ := newTestClient(t, api.URL)
	got, err := c.Dashboards.List(context.Background(), client.ListOptions{
		Amount: 2,
		Filter: map[string]string{"label": "Pla*", "type": "dashboard"},
		Tags:   []client.TagFilter{{Key: "site", Value: "north"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Tags[0].Value != "north" || got[0].Visible == nil || !*got[0].Visible {
		t.Errorf("dashboards = %+v", got)
	}
	if len(queries) != 2 {
		t.Fatalf("%d requests, want 2 (a full page needs one more)", len(queries))
	}
	q := queries[0]
	for key, want := range map[string]string{
		"filter[label]": "Pla*", "filter[type]": "dashboard", "filter[tags][0][key]": "site",
		"filter[tags][0][value]": "north", "orderBy": "label,asc", "fields[0]": "id", "fields[1]": "label",
	} {
		if q.Get(key) != want {
			t.Errorf("%s = %q, want %q", key, q.Get(key), want)
		}
	}
}

func TestDashboards_DeleteAndNotFound(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.Method == http.MethodDelete {
			ok(w, "Successfully Removed")
			return
		}
		fail(w, http.StatusNotFound, "Dashboard not found")
	})
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	if err := c.Dashboards.Delete(ctx, testDashboardID); err != nil {
		t.Fatal(err)
	}
	if got := api.Requests()[0]; got.Method != http.MethodDelete || got.Path != "/dashboard/"+testDashboardID {
		t.Errorf("request = %+v", got)
	}
	_, err := c.Dashboards.Get(ctx, testDashboardID)
	if !client.IsNotFound(err) {
		t.Errorf("Get error = %v, want not found", err)
	}
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || !strings.Contains(apiErr.Message, "Dashboard not found") {
		t.Errorf("error = %v", err)
	}
}
