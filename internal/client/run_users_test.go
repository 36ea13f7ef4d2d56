package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const (
	runUserID       = "62b086df27ce4d0012be6bac"
	runUserPassword = "Correct-Horse-Battery-9"
)

func TestRunUsers_CreateSendsTheBodyAndReadsTheID(t *testing.T) {
	t.Parallel()
	for name, result := range map[string]map[string]any{
		"user key (SDKs)": {"user": runUserID},
		"id key":          {"id": runUserID},
	} {
		t.Run(name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) { ok(w, result) })
			c, _ := newTestClient(t, api.URL)
			id, err := c.RunUsers.Create(context.Background(), client.RunUserCreate{
				Name: "Jane Doe", Email: "jane@example.com", Password: runUserPassword, Timezone: "America/New_York",
				Company: ptrTo("ACME"), Active: ptrTo(false),
				Options: &client.RunUserOptions{DateFormat: ptrTo("DD-MM-YYYY")},
			})
			if err != nil {
				t.Fatal(err)
			}
			if id != runUserID {
				t.Errorf("id = %q, want %q", id, runUserID)
			}
			req := api.Requests()[0]
			if req.Method != http.MethodPost || req.Path != "/run/users" {
				t.Fatalf("request = %s %s", req.Method, req.Path)
			}
			var body map[string]any
			if err := json.Unmarshal([]byte(req.Body), &body); err != nil {
				t.Fatal(err)
			}
			want := map[string]any{
				"name": "Jane Doe", "email": "jane@example.com", "password": runUserPassword, "timezone": "America/New_York",
				"company": "ACME", "active": false, "tags": []any{}, "options": map[string]any{"date_format": "DD-MM-YYYY"},
			}
			if got, _ := json.Marshal(body); string(got) != canonicalJSON(t, want) {
				t.Errorf("body = %s\nwant   %s", got, canonicalJSON(t, want))
			}
		})
	}
}

// A POST whose answer was lost is recovered by the user's email, never re-sent blindly.
func TestRunUsers_CreateLostAnswerAdoptsByEmail(t *testing.T) {
	t.Parallel()
	var created bool
	var lookups []url.Values
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch r.Method {
		case http.MethodPost:
			created = true
			dropConnection(t, w)
		case http.MethodGet:
			lookups = append(lookups, r.URL.Query())
			users := []map[string]any{}
			if created {
				users = append(users,
					map[string]any{"id": "000000000000000000000001", "email": "jane@example.com.br", "created_at": isoMillis(time.Now())},
					map[string]any{"id": runUserID, "email": "jane@example.com", "created_at": isoMillis(time.Now())})
			}
			ok(w, users)
		}
	})
	c, _ := newTestClient(t, api.URL)
	id, err := c.RunUsers.Create(context.Background(), client.RunUserCreate{Name: "Jane", Email: "jane@example.com", Password: runUserPassword})
	if err != nil {
		t.Fatal(err)
	}
	if id != runUserID {
		t.Errorf("adopted %q, want %q", id, runUserID)
	}
	if n := api.posts("/run/users"); n != 1 {
		t.Errorf("POSTs = %d, want 1", n)
	}
	if len(lookups) != 1 || lookups[0].Get("filter[email]") != "jane@example.com" {
		t.Errorf("lookups = %v, want one by filter[email]", lookups)
	}
}

// The password is a secret: no log line and no error text may hold it, on create or update.
func TestRunUsers_PasswordNeverReachesLogsOrErrors(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, body string) {
		fail(w, http.StatusBadRequest, "Invalid password: "+body) // an API that echoes the body
	})
	c, logger := newTestClient(t, api.URL)
	ctx := context.Background()
	_, createErr := c.RunUsers.Create(ctx, client.RunUserCreate{Name: "Jane", Email: "jane@example.com", Password: runUserPassword})
	newPassword := "Another-Secret-Pass-42"
	updateErr := c.RunUsers.Update(ctx, runUserID, client.RunUserUpdate{Password: &newPassword})
	if createErr == nil || updateErr == nil {
		t.Fatalf("want errors, got %v and %v", createErr, updateErr)
	}
	for name, text := range map[string]string{"log": logger.String(), "create error": createErr.Error(), "update error": updateErr.Error()} {
		for _, secret := range []string{runUserPassword, newPassword} {
			if strings.Contains(text, secret) {
				t.Errorf("%s holds the password %q:\n%s", name, secret, text)
			}
		}
	}
	// Positive control: the request did carry it (the fake saw it) and the error says what failed.
	if !strings.Contains(api.Requests()[0].Body, runUserPassword) || !strings.Contains(createErr.Error(), "Invalid password") {
		t.Errorf("the control failed: body %q, error %v", api.Requests()[0].Body, createErr)
	}
}

func TestRunUsers_GetAcceptsAnObjectOrAOneElementArray(t *testing.T) {
	t.Parallel()
	user := map[string]any{
		"id": runUserID, "name": "Jane", "email": "jane@example.com", "active": true, "timezone": "UTC",
		"phone": nil, "company": "", "tags": []any{map[string]any{"key": "k", "value": "v"}},
		"options":    map[string]any{"date_format": "MM/DD/YYYY", "time_format": "12", "user_view_welcome": true},
		"created_at": "2022-01-21T21:29:08.957Z",
	}
	for name, result := range map[string]any{"object (SDKs)": user, "array (OAS)": []any{user}} {
		t.Run(name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) { ok(w, result) })
			c, _ := newTestClient(t, api.URL)
			u, err := c.RunUsers.Get(context.Background(), runUserID)
			if err != nil {
				t.Fatal(err)
			}
			if u.ID != runUserID || u.Email != "jane@example.com" || !u.Active || u.Phone != nil || len(u.Tags) != 1 {
				t.Errorf("user = %+v", u)
			}
			if u.Options == nil || *u.Options.DateFormat != "MM/DD/YYYY" || *u.Options.TimeFormat != "12" || u.Options.DecimalSeparator != nil {
				t.Errorf("options = %+v", u.Options)
			}
			if got := api.Requests()[0].Path; got != "/run/users/"+runUserID {
				t.Errorf("path = %q", got)
			}
		})
	}
	t.Run("empty array is not found", func(t *testing.T) {
		api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) { ok(w, []any{}) })
		c, _ := newTestClient(t, api.URL)
		_, err := c.RunUsers.Get(context.Background(), runUserID)
		if !client.IsNotFound(err) {
			t.Errorf("err = %v, want not found", err)
		}
	})
}

func TestRunUsers_UpdateSendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) { ok(w, "TagoIO Run User Successfully Updated") })
	c, _ := newTestClient(t, api.URL)
	tags := []client.Tag{}
	err := c.RunUsers.Update(context.Background(), runUserID, client.RunUserUpdate{
		Name: ptrTo("Jane D."), Phone: ptrTo(""), Tags: &tags, Active: ptrTo(false),
		Options: &client.RunUserOptions{DecimalSeparator: ptrTo(","), ThousandSeparator: ptrTo(".")},
	})
	if err != nil {
		t.Fatal(err)
	}
	req := api.Requests()[0]
	if req.Method != http.MethodPut || req.Path != "/run/users/"+runUserID {
		t.Fatalf("request = %s %s", req.Method, req.Path)
	}
	want := `{"name":"Jane D.","phone":"","tags":[],"active":false,"options":{"decimal_separator":",","thousand_separator":"."}}`
	if req.Body != want {
		t.Errorf("body = %s\nwant   %s", req.Body, want)
	}
	if !(client.RunUserUpdate{}).IsEmpty() || (client.RunUserUpdate{Active: ptrTo(true)}).IsEmpty() {
		t.Error("IsEmpty is wrong")
	}
}

func TestRunUsers_ListAndDelete(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.Method == http.MethodDelete {
			ok(w, "Successfully Removed")
			return
		}
		ok(w, []map[string]any{{"id": runUserID, "name": "Jane", "email": "jane@example.com", "active": true}})
	})
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	users, err := c.RunUsers.List(ctx, client.ListOptions{
		Filter: map[string]string{"name": "Ja*", "active": "true"},
		Tags:   []client.TagFilter{{Key: "role", Value: "admin"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 1 || users[0].Email != "jane@example.com" {
		t.Fatalf("users = %+v", users)
	}
	q, _ := url.ParseQuery(api.Requests()[0].Query)
	for key, want := range map[string]string{
		"filter[name]": "Ja*", "filter[active]": "true", "filter[tags][0][key]": "role", "filter[tags][0][value]": "admin",
		"orderBy": "name,asc", "fields[2]": "email", "page": "1",
	} {
		if got := q.Get(key); got != want {
			t.Errorf("%s = %q, want %q (query %s)", key, got, want, api.Requests()[0].Query)
		}
	}
	if err := c.RunUsers.Delete(ctx, runUserID); err != nil {
		t.Fatal(err)
	}
	if req := api.Requests()[1]; req.Method != http.MethodDelete || req.Path != "/run/users/"+runUserID {
		t.Errorf("delete request = %s %s", req.Method, req.Path)
	}
}

func ptrTo[T any](v T) *T { return &v }

func canonicalJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
