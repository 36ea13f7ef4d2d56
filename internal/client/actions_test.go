package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func strp(s string) *string { return &s }

func TestActions_CreateSendsTypedTriggersAndReadsTheID(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		writeJSON(w, http.StatusOK, map[string]any{"status": true, "result": map[string]any{"action": "6298fcc3e0b6840012b6abfa"}})
	})
	c, _ := newTestClient(t, api.URL)
	radius := 1.5
	id, err := c.Actions.Create(context.Background(), client.ActionCreate{
		Name: "High temp",
		Type: "condition",
		Trigger: []client.ActionTrigger{
			{Device: strp("6298fcc3e0b6840012b6abf0"), Variable: strp("temperature"), Is: strp("><"), Value: strp("30"),
				SecondValue: strp("40"), ValueType: strp("number")},
			{Device: strp("6298fcc3e0b6840012b6abf0"), Variable: strp("position"), Is: strp("IN"),
				Geofence: &client.Geofence{Center: []float64{-46.6, -23.5}, Radius: &radius}},
		},
		Action: client.ActionSpec{Type: "mqtt", Topic: strp("alerts"), Payload: strp("$VALUE$"), Device: strp("6298fcc3e0b6840012b6abf0")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if id != "6298fcc3e0b6840012b6abfa" {
		t.Errorf("id = %q", id)
	}
	reqs := api.Requests()
	if len(reqs) != 1 || reqs[0].Method != http.MethodPost || reqs[0].Path != "/action" {
		t.Fatalf("requests = %+v, want one POST /action", reqs)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(reqs[0].Body), &body); err != nil {
		t.Fatal(err)
	}
	triggers, _ := body["trigger"].([]any)
	if len(triggers) != 2 {
		t.Fatalf("trigger = %v", body["trigger"])
	}
	cond, _ := triggers[0].(map[string]any)
	if cond["value"] != "30" || cond["second_value"] != "40" || cond["is"] != "><" || cond["value_type"] != "number" {
		t.Errorf("condition item = %v", cond)
	}
	if _, has := cond["unlock"]; has {
		t.Errorf("unset unlock was sent: %v", cond)
	}
	geo, _ := triggers[1].(map[string]any)
	value, _ := geo["value"].(map[string]any)
	if !reflect.DeepEqual(value["center"], []any{-46.6, -23.5}) || value["radius"] != 1.5 {
		t.Errorf("geofence value = %v, want {center: [lng, lat], radius}", geo["value"])
	}
	action, _ := body["action"].(map[string]any)
	if action["bucket"] != "6298fcc3e0b6840012b6abf0" || action["topic"] != "alerts" {
		t.Errorf("mqtt action = %v, want the device sent as bucket", action)
	}
	if tags, isList := body["tags"].([]any); !isList || len(tags) != 0 {
		t.Errorf("tags = %v, want []", body["tags"])
	}
}

func TestActions_GetToleratesLooseShapes(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		ok(w, map[string]any{
			"id": "6298fcc3e0b6840012b6abfa", "name": "Old style", "type": "condition", "active": true,
			"trigger": []any{
				map[string]any{"device": "d", "variable": "level", "is": ">", "value": 30, "value_type": "number", "unlock": false},
				map[string]any{"device": "d", "variable": "level", "is": "<", "value": true, "second_value": nil, "unlock": true},
				map[string]any{"device": "d", "variable": "pos", "is": "OUT", "value": map[string]any{"coordinates": [][]float64{{1, 2}, {3, 4}, {5, 6}}}},
			},
			// an action written by an older client: single script id, device key, non-text header
			"action": map[string]any{"type": "script", "script": "6298fcc3e0b6840012b6abf1", "device": "dev1",
				"headers": map[string]any{"X-Retries": 3, "Authorization": "Bearer s3cr3t-bearer-value"}},
		})
	})
	c, _ := newTestClient(t, api.URL)
	a, err := c.Actions.Get(context.Background(), "6298fcc3e0b6840012b6abfa")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Trigger) != 3 {
		t.Fatalf("trigger = %+v", a.Trigger)
	}
	if a.Trigger[0].Value == nil || *a.Trigger[0].Value != "30" {
		t.Errorf("numeric value = %v, want text 30", a.Trigger[0].Value)
	}
	if a.Trigger[1].Value == nil || *a.Trigger[1].Value != "true" || a.Trigger[1].SecondValue != nil {
		t.Errorf("boolean value / null second value = %v / %v", a.Trigger[1].Value, a.Trigger[1].SecondValue)
	}
	if a.Trigger[1].Unlock == nil || !*a.Trigger[1].Unlock {
		t.Errorf("unlock = %v, want true", a.Trigger[1].Unlock)
	}
	if g := a.Trigger[2].Geofence; g == nil || len(g.Coordinates) != 3 || g.Coordinates[2][1] != 6 || a.Trigger[2].Value != nil {
		t.Errorf("geofence = %+v, value = %v", g, a.Trigger[2].Value)
	}
	if !reflect.DeepEqual(a.Action.Script, []string{"6298fcc3e0b6840012b6abf1"}) {
		t.Errorf("script = %v, want a one-id list", a.Action.Script)
	}
	if a.Action.Device == nil || *a.Action.Device != "dev1" {
		t.Errorf("device = %v, want dev1 read from \"device\"", a.Action.Device)
	}
	if a.Action.Headers["X-Retries"] != "3" {
		t.Errorf("headers = %v", a.Action.Headers)
	}
	// Header values are secrets from now on: masked in every error text.
	masked := c.Masker().String("failed with Bearer s3cr3t-bearer-value")
	if strings.Contains(masked, "s3cr3t-bearer-value") {
		t.Errorf("header value not masked: %q", masked)
	}
}

func TestActions_HeaderSecretsNeverReachLogsOrErrors(t *testing.T) {
	t.Parallel()
	const secret = "sk_live_0123456789abcdef"
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		// The API echoes the body it refused, as validation errors sometimes do.
		fail(w, http.StatusBadRequest, "invalid action: "+body)
	})
	c, logs := newTestClient(t, api.URL)
	err := c.Actions.Update(context.Background(), "6298fcc3e0b6840012b6abfa", client.ActionUpdate{
		Action: &client.ActionSpec{Type: "post", URL: strp("https://example.com/hook"), Headers: map[string]string{"X-Api-Key": secret}},
	})
	if err == nil {
		t.Fatal("want the 400 as an error")
	}
	if strings.Contains(err.Error(), secret) || strings.Contains(logs.String(), secret) {
		t.Errorf("the header secret leaked:\nerror: %v\nlogs: %s", err, logs)
	}
	if !strings.Contains(api.Requests()[0].Body, secret) {
		t.Error("the header was not sent to the API")
	}
}

func TestActions_UpdateSendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) { ok(w, "Successfully Updated") })
	c, _ := newTestClient(t, api.URL)
	active := false
	update := client.ActionUpdate{Active: &active, Description: strp("")}
	if update.IsEmpty() || !(client.ActionUpdate{}).IsEmpty() {
		t.Fatal("IsEmpty is wrong")
	}
	if err := c.Actions.Update(context.Background(), "6298fcc3e0b6840012b6abfa", update); err != nil {
		t.Fatal(err)
	}
	r := api.Requests()[0]
	if r.Method != http.MethodPut || r.Path != "/action/6298fcc3e0b6840012b6abfa" {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(r.Body), &body); err != nil {
		t.Fatal(err)
	}
	if len(body) != 2 || body["active"] != false || body["description"] != "" {
		t.Errorf("body = %v, want only active and description", body)
	}
}

func TestActions_ListFiltersAndWalksPages(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.URL.Query().Get("page") == "1" {
			items := make([]map[string]any, 2)
			for i := range items {
				items[i] = map[string]any{"id": "a", "name": "x", "type": "interval", "active": true}
			}
			ok(w, items)
			return
		}
		ok(w, []map[string]any{{"id": "b", "name": "y", "type": "interval", "active": true}})
	})
	c, _ := newTestClient(t, api.URL)
	actions, err := c.Actions.List(context.Background(), client.ListOptions{
		Amount: 2, Filter: map[string]string{"name": "Alarm*", "type": "interval", "active": "true"},
		Tags: []client.TagFilter{{Key: "site"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(actions) != 3 || actions[2].ID != "b" {
		t.Errorf("actions = %+v, want 3 over two pages", actions)
	}
	q := api.Requests()[0].Query
	for _, want := range []string{"filter%5Bname%5D=Alarm%2A", "filter%5Btype%5D=interval", "filter%5Bactive%5D=true",
		"filter%5Btags%5D%5B0%5D%5Bkey%5D=site", "orderBy=name%2Casc", "fields%5B0%5D=id"} {
		if !strings.Contains(q, want) {
			t.Errorf("query %q lacks %q", q, want)
		}
	}
}

func TestActions_CreateLostAnswerAdoptsByName(t *testing.T) {
	t.Parallel()
	var created string
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch r.Method {
		case http.MethodPost:
			created = "6298fcc3e0b6840012b6abfb"
			dropConnection(t, w)
		default:
			if r.URL.Query().Get("filter[name]") != "Nightly" {
				t.Errorf("lookup filter = %q", r.URL.RawQuery)
			}
			ok(w, []map[string]any{{"id": created, "name": "Nightly", "created_at": isoMillis(time.Now())}})
		}
	})
	c, _ := newTestClient(t, api.URL)
	id, err := c.Actions.Create(context.Background(), client.ActionCreate{
		Name: "Nightly", Type: "schedule",
		Trigger: []client.ActionTrigger{{Cron: strp("0 2 * * *"), Timezone: strp("UTC")}},
		Action:  client.ActionSpec{Type: "script", Script: []string{"6298fcc3e0b6840012b6abf1"}},
	})
	if err != nil || id != created {
		t.Fatalf("id = %q, err = %v; want the adopted %s", id, err, created)
	}
	if api.posts("/action") != 1 {
		t.Errorf("POST /action sent %d times, want 1", api.posts("/action"))
	}
}
