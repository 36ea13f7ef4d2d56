package client_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const policyID = "654a8bf3fefe2f00099a16a2"

func TestAccessManagement_CreateSendsTheBodyAndReadsTheID(t *testing.T) {
	t.Parallel()
	for name, result := range map[string]map[string]any{
		"am_id key (SDKs, OAS)": {"am_id": policyID},
		"id key":                {"id": policyID},
	} {
		t.Run(name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
				writeJSON(w, http.StatusCreated, map[string]any{"status": true, "result": result})
			})
			c, _ := newTestClient(t, api.URL)
			id, err := c.AccessManagement.Create(context.Background(), client.AccessPolicyCreate{
				Name: "Sensors", Active: true,
				Targets: [][]string{{"run_user", "tag_match", "site"}},
				Permissions: []client.AccessPermission{
					{Effect: "deny", Action: []string{"delete"}, Resource: []string{"device"}},
					{Effect: "allow", Action: []string{"access", "get_data"}, Resource: []string{"device", "tag.key", "type", "tag.value", "sensor"}},
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			if id != policyID {
				t.Errorf("id = %q, want %q", id, policyID)
			}
			req := api.Requests()[0]
			want := `{"name":"Sensors","active":true,"targets":[["run_user","tag_match","site"]],"permissions":[` +
				`{"effect":"deny","action":["delete"],"resource":["device"]},` +
				`{"effect":"allow","action":["access","get_data"],"resource":["device","tag.key","type","tag.value","sensor"]}],"tags":[]}`
			if req.Method != http.MethodPost || req.Path != "/am" || req.Body != want {
				t.Errorf("request = %s %s %s\nwant body %s", req.Method, req.Path, req.Body, want)
			}
		})
	}
}

// A POST whose answer was lost is recovered by the policy's exact name.
func TestAccessManagement_CreateLostAnswerAdoptsByName(t *testing.T) {
	t.Parallel()
	var created bool
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch r.Method {
		case http.MethodPost:
			created = true
			dropConnection(t, w)
		case http.MethodGet:
			if r.URL.Query().Get("filter[name]") != "Sensors" {
				t.Errorf("lookup query = %s", r.URL.RawQuery)
			}
			policies := []map[string]any{{"id": "000000000000000000000001", "name": "Sensors", "created_at": "2020-01-01T00:00:00.000Z"}}
			if created {
				policies = append(policies, map[string]any{"id": policyID, "name": "Sensors", "created_at": isoMillis(time.Now())})
			}
			ok(w, policies)
		}
	})
	c, _ := newTestClient(t, api.URL)
	id, err := c.AccessManagement.Create(context.Background(), client.AccessPolicyCreate{Name: "Sensors", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if id != policyID || api.posts("/am") != 1 {
		t.Errorf("adopted %q after %d POSTs, want %q after 1 (the older policy of the same name is not adopted)", id, api.posts("/am"), policyID)
	}
}

func TestAccessManagement_GetKeepsTheAPIOrderAndReadsDeniedAsDeny(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		ok(w, map[string]any{
			"id": policyID, "name": "Sensors", "active": true, "profile": "62fa9e65e0badb0019200000",
			"tags":    []any{map[string]any{"key": "team", "value": "ops"}},
			"targets": []any{[]any{"analysis", "id", "6299f0b1c72f2f00181d8b3c"}},
			"permissions": []any{
				map[string]any{"effect": "allow", "action": []any{"access"}, "resource": []any{"device"}},
				map[string]any{"effect": "denied", "action": []any{"delete"}, "resource": []any{"device"}},
			},
			"created_at": "2023-11-01T12:34:56.789Z",
		})
	})
	c, _ := newTestClient(t, api.URL)
	p, err := c.AccessManagement.Get(context.Background(), policyID)
	if err != nil {
		t.Fatal(err)
	}
	if api.Requests()[0].Path != "/am/"+policyID {
		t.Errorf("path = %q", api.Requests()[0].Path)
	}
	want := []client.AccessPermission{
		{Effect: "allow", Action: []string{"access"}, Resource: []string{"device"}},
		{Effect: "deny", Action: []string{"delete"}, Resource: []string{"device"}},
	}
	if !reflect.DeepEqual(p.Permissions, want) {
		t.Errorf("permissions = %+v, want %+v", p.Permissions, want)
	}
	if !reflect.DeepEqual(p.Targets, [][]string{{"analysis", "id", "6299f0b1c72f2f00181d8b3c"}}) || p.Tags[0].Value != "ops" || !p.Active {
		t.Errorf("policy = %+v", p)
	}
}

func TestAccessManagement_UpdateSendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		ok(w, "Access Management Successfully Updated")
	})
	c, _ := newTestClient(t, api.URL)
	targets := [][]string{{"run_user"}}
	err := c.AccessManagement.Update(context.Background(), policyID, client.AccessPolicyUpdate{Active: ptrTo(false), Targets: &targets})
	if err != nil {
		t.Fatal(err)
	}
	req := api.Requests()[0]
	if want := `{"active":false,"targets":[["run_user"]]}`; req.Method != http.MethodPut || req.Path != "/am/"+policyID || req.Body != want {
		t.Errorf("request = %s %s %s, want body %s", req.Method, req.Path, req.Body, want)
	}
	if !(client.AccessPolicyUpdate{}).IsEmpty() || (client.AccessPolicyUpdate{Targets: &targets}).IsEmpty() {
		t.Error("IsEmpty is wrong")
	}
}

func TestAccessManagement_ListAndDelete(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.Method == http.MethodDelete {
			ok(w, "Access Management Successfully Deleted")
			return
		}
		ok(w, []map[string]any{{"id": policyID, "name": "Sensors", "active": false, "tags": []any{}}})
	})
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	policies, err := c.AccessManagement.List(ctx, client.ListOptions{Filter: map[string]string{"name": "Sen*"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(policies) != 1 || policies[0].Name != "Sensors" || policies[0].Active {
		t.Fatalf("policies = %+v", policies)
	}
	q, _ := url.ParseQuery(api.Requests()[0].Query)
	for key, want := range map[string]string{"filter[name]": "Sen*", "orderBy": "name,asc", "fields[0]": "id", "fields[3]": "tags"} {
		if got := q.Get(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if err := c.AccessManagement.Delete(ctx, policyID); err != nil {
		t.Fatal(err)
	}
	if req := api.Requests()[1]; req.Method != http.MethodDelete || req.Path != "/am/"+policyID {
		t.Errorf("delete request = %s %s", req.Method, req.Path)
	}
}
