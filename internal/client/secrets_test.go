package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const secretID = "6298fcc3e0b6840012b6ab01"

func TestSecrets_CreateSendsTheValueAndNeverLogsIt(t *testing.T) {
	t.Parallel()
	const value = "sg-api-key-0123456789"
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		ok(w, map[string]any{"id": secretID})
	})
	c, logger := newTestClient(t, api.URL)
	id, err := c.Secrets.Create(context.Background(), client.SecretCreate{
		Key: "SENDGRID_KEY", Value: value, Tags: []client.Tag{{Key: "team", Value: "ops"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if id != secretID {
		t.Errorf("id = %q, want %q", id, secretID)
	}
	req := api.Requests()[0]
	if req.Method != http.MethodPost || req.Path != "/secrets" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(req.Body), &body); err != nil {
		t.Fatal(err)
	}
	if body["key"] != "SENDGRID_KEY" || body["value"] != value {
		t.Errorf("body = %s", req.Body)
	}
	if tags, _ := body["tags"].([]any); len(tags) != 1 {
		t.Errorf("tags = %v", body["tags"])
	}
	logs := logger.String()
	if strings.Contains(logs, value) {
		t.Errorf("the secret value reached a log line:\n%s", logs)
	}
	if !strings.Contains(logs, client.MaskPlaceholder) {
		t.Errorf("the request body was not logged masked:\n%s", logs)
	}
}

func TestSecrets_UpdateSendsOnlyWhatChangedAndMasksErrors(t *testing.T) {
	t.Parallel()
	const value = "rotated-secret-value"
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		if strings.HasPrefix(body, `{"value"`) {
			// An API that echoes the body into its error must not leak the value.
			fail(w, http.StatusBadRequest, "invalid body "+body)
			return
		}
		ok(w, "Successfully Updated")
	})
	c, _ := newTestClient(t, api.URL)
	tags := []client.Tag{{Key: "env", Value: "prod"}}
	if err := c.Secrets.Update(context.Background(), secretID, client.SecretUpdate{Tags: &tags}); err != nil {
		t.Fatal(err)
	}
	if got := api.Requests()[0].Body; got != `{"tags":[{"key":"env","value":"prod"}]}` {
		t.Errorf("tags-only update body = %s", got)
	}
	v := value
	err := c.Secrets.Update(context.Background(), secretID, client.SecretUpdate{Value: &v})
	if err == nil {
		t.Fatal("want the scripted error")
	}
	if strings.Contains(err.Error(), value) {
		t.Errorf("the secret value reached an error text: %v", err)
	}
	if got := api.Requests()[1]; got.Method != http.MethodPut || got.Path != "/secrets/"+secretID || got.Body != `{"value":"`+value+`"}` {
		t.Errorf("value update = %s %s %s", got.Method, got.Path, got.Body)
	}
	if (client.SecretUpdate{}).IsEmpty() != true || (client.SecretUpdate{Value: &v}).IsEmpty() {
		t.Error("IsEmpty is wrong")
	}
}

func TestSecrets_GetListAndDelete(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/secrets/"+secretID:
			ok(w, map[string]any{"id": secretID, "key": "K1", "value_length": 12, "tags": []any{},
				"created_at": "2025-01-02T03:04:05.000Z", "updated_at": "2025-01-02T03:04:05.000Z"})
		case r.Method == http.MethodGet && r.URL.Path == "/secrets":
			ok(w, []map[string]any{{"id": secretID, "key": "K1"}})
		case r.Method == http.MethodDelete:
			ok(w, "Successfully Removed")
		default:
			fail(w, http.StatusNotFound, "Route not found")
		}
	})
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	s, err := c.Secrets.Get(ctx, secretID)
	if err != nil {
		t.Fatal(err)
	}
	if s.Key != "K1" || s.ValueLength == nil || *s.ValueLength != 12 {
		t.Errorf("secret = %+v", s)
	}
	list, err := c.Secrets.List(ctx, client.ListOptions{Filter: map[string]string{"key": "K*"}})
	if err != nil || len(list) != 1 {
		t.Fatalf("list = %v, %v", list, err)
	}
	q := api.Requests()[1].Query
	for _, want := range []string{"filter%5Bkey%5D=K%2A", "orderBy=key%2Casc", "fields%5B3%5D=value_length"} {
		if !strings.Contains(q, want) {
			t.Errorf("list query %q lacks %q", q, want)
		}
	}
	if err := c.Secrets.Delete(ctx, secretID); err != nil {
		t.Fatal(err)
	}
	if got := api.Requests()[2]; got.Method != http.MethodDelete || got.Path != "/secrets/"+secretID {
		t.Errorf("delete = %s %s", got.Method, got.Path)
	}
}

func TestSecrets_CreateLostAnswerAdoptsByKey(t *testing.T) {
	t.Parallel()
	var created time.Time
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch r.Method {
		case http.MethodPost:
			created = time.Now()
			dropConnection(t, w)
		case http.MethodGet:
			ok(w, []map[string]any{
				{"id": "6298fcc3e0b6840012b6ab09", "key": "K1*", "created_at": isoMillis(time.Now())},
				{"id": secretID, "key": "K1", "created_at": isoMillis(created)},
			})
		}
	})
	c, _ := newTestClient(t, api.URL)
	id, err := c.Secrets.Create(context.Background(), client.SecretCreate{Key: "K1", Value: "some-value"})
	if err != nil {
		t.Fatal(err)
	}
	if id != secretID {
		t.Errorf("adopted %q, want %q", id, secretID)
	}
	if n := api.posts("/secrets"); n != 1 {
		t.Errorf("POST sent %d times, want once", n)
	}
}
