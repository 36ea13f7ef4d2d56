package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// deviceStore is a minimal stateful device API for the ambiguous-create tests.
type deviceStore struct {
	mu      sync.Mutex
	devices []map[string]any
	next    int
}

func (s *deviceStore) add(name string, createdAt time.Time) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	id := fmt.Sprintf("%024x", s.next)
	s.devices = append(s.devices, map[string]any{"id": id, "name": name, "created_at": isoMillis(createdAt)})
	return id
}

// list answers GET /device with filter[name] applied the way the API does: "*" is a wildcard.
func (s *deviceStore) list(filter string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	prefix, wildcard := strings.CutSuffix(filter, "*")
	var out []map[string]any
	for _, d := range s.devices {
		name, _ := d["name"].(string)
		if name == filter || (wildcard && strings.HasPrefix(name, prefix)) {
			out = append(out, d)
		}
	}
	return out
}

// createScenario runs Devices.Create against a fake whose POST /device behaves as onPost says.
func createScenario(t *testing.T, store *deviceStore, onPost func(w http.ResponseWriter, attempt int, name string)) (*client.DeviceCreated, *fakeAPI, error) {
	t.Helper()
	var posts atomic.Int32
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/device":
			name := strings.Split(strings.Split(body, `"name":"`)[1], `"`)[0]
			onPost(w, int(posts.Add(1)), name)
		case r.Method == http.MethodGet && r.URL.Path == "/device":
			ok(w, store.list(r.URL.Query().Get("filter[name]")))
		case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/device/token/"):
			ok(w, []map[string]any{{"token": "a1b2c3d4-0000-4000-8000-000000000001", "name": "Default", "created_at": isoMillis(time.Now())}})
		default:
			fail(w, 404, "Route not found")
		}
	})
	c, _ := newTestClient(t, api.URL)
	created, err := c.Devices.Create(context.Background(), client.DeviceCreate{Name: "Boiler", Type: "mutable"})
	return created, api, err
}

func TestCreate_LostAnswerAdoptsTheCreatedObject(t *testing.T) {
	t.Parallel()
	store := &deviceStore{}
	var id string
	created, api, err := createScenario(t, store, func(w http.ResponseWriter, _ int, name string) {
		id = store.add(name, time.Now())
		dropConnection(t, w) // processed, answer lost
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != id || created.Token != "a1b2c3d4-0000-4000-8000-000000000001" {
		t.Errorf("created = %+v, want the device %s and its only token", created, id)
	}
	if got := api.posts("/device"); got != 1 {
		t.Errorf("POST /device sent %d times, want 1 (never re-sent when the object exists)", got)
	}
}

func TestCreate_500AfterProcessingAdoptsTheCreatedObject(t *testing.T) {
	t.Parallel()
	store := &deviceStore{}
	var id string
	created, api, err := createScenario(t, store, func(w http.ResponseWriter, _ int, name string) {
		id = store.add(name, time.Now())
		fail(w, 500, "Internal Server Error")
	})
	if err != nil || created.ID != id {
		t.Fatalf("created = %+v, err = %v; want device %s adopted", created, err, id)
	}
	if got := api.posts("/device"); got != 1 {
		t.Errorf("POST /device sent %d times, want 1", got)
	}
}

func TestCreate_NothingCreatedIsResent(t *testing.T) {
	t.Parallel()
	store := &deviceStore{}
	created, api, err := createScenario(t, store, func(w http.ResponseWriter, attempt int, name string) {
		if attempt == 1 {
			fail(w, 502, "Bad Gateway") // not processed
			return
		}
		id := store.add(name, time.Now())
		writeJSON(w, 201, map[string]any{"status": true, "result": map[string]any{"device_id": id, "bucket_id": id, "token": "a1b2c3d4-0000-4000-8000-00000000beef"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.Token != "a1b2c3d4-0000-4000-8000-00000000beef" {
		t.Errorf("token = %q, want the one from the second POST", created.Token)
	}
	if got := api.posts("/device"); got != 2 {
		t.Errorf("POST /device sent %d times, want 2", got)
	}
}

func TestCreate_OlderObjectWithTheSameNameIsNotAdopted(t *testing.T) {
	t.Parallel()
	store := &deviceStore{}
	old := store.add("Boiler", time.Now().Add(-time.Hour))
	created, api, err := createScenario(t, store, func(w http.ResponseWriter, attempt int, name string) {
		if attempt == 1 {
			fail(w, 504, "Gateway Timeout")
			return
		}
		id := store.add(name, time.Now())
		writeJSON(w, 201, map[string]any{"status": true, "result": map[string]any{"device_id": id, "token": "a1b2c3d4-0000-4000-8000-00000000cafe"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID == old {
		t.Errorf("adopted the hour-old device %s", old)
	}
	if got := api.posts("/device"); got != 2 {
		t.Errorf("POST /device sent %d times, want 2", got)
	}
}

func TestCreate_WildcardMatchesAreNotAdopted(t *testing.T) {
	t.Parallel()
	store := &deviceStore{}
	var posts int
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch r.Method {
		case http.MethodPost:
			posts++
			if posts == 1 {
				store.add("Temperature sensor", time.Now()) // someone else's device, same prefix
				fail(w, 500, "Internal Server Error")
				return
			}
			writeJSON(w, 201, map[string]any{"status": true, "result": map[string]any{"device_id": "0000000000000000000000aa", "token": "a1b2c3d4-0000-4000-8000-00000000f00d"}})
		default:
			ok(w, store.list(r.URL.Query().Get("filter[name]")))
		}
	})
	c, _ := newTestClient(t, api.URL)
	created, err := c.Devices.Create(context.Background(), client.DeviceCreate{Name: "Temp*", Type: "mutable"})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != "0000000000000000000000aa" {
		t.Errorf("adopted %q, whose name only matched the wildcard", created.ID)
	}
}

func TestCreate_TwoCandidatesIsAClearError(t *testing.T) {
	t.Parallel()
	store := &deviceStore{}
	_, api, err := createScenario(t, store, func(w http.ResponseWriter, _ int, name string) {
		store.add(name, time.Now())
		store.add(name, time.Now())
		fail(w, 500, "Internal Server Error")
	})
	var amb *client.AmbiguousCreateError
	if !errors.As(err, &amb) || len(amb.Matches) != 2 {
		t.Fatalf("err = %v, want an AmbiguousCreateError with two matches", err)
	}
	for _, want := range []string{"2 devices named \"Boiler\"", "terraform import", amb.Matches[0], amb.Matches[1]} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if got := api.posts("/device"); got != 1 {
		t.Errorf("POST /device sent %d times, want 1", got)
	}
}

func TestCreate_FailedLookupSaysWhatMayExist(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.Method == http.MethodPost {
			fail(w, 500, "Internal Server Error")
			return
		}
		fail(w, 403, "Authorization Denied")
	})
	c, _ := newTestClient(t, api.URL)
	_, err := c.Devices.Create(context.Background(), client.DeviceCreate{Name: "Boiler", Type: "mutable"})
	var amb *client.AmbiguousCreateError
	if !errors.As(err, &amb) || amb.Lookup == nil {
		t.Fatalf("err = %v, want an AmbiguousCreateError with a lookup failure", err)
	}
	for _, want := range []string{"may exist", "import"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestCreate_DeviceTokenLostAnswerIsAdopted(t *testing.T) {
	t.Parallel()
	const deviceID = "6298fcc3e0b6840012b6abfa"
	var tokens []map[string]any
	var mu sync.Mutex
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/device/token":
			tokens = append(tokens, map[string]any{"token": "9d1b0c7e-aaaa-4bbb-8ccc-000000000001", "name": "gateway",
				"permission": "write", "expire_time": "never", "created_at": isoMillis(time.Now())})
			dropConnection(t, w)
		case r.Method == http.MethodGet && r.URL.Path == "/device/token/"+deviceID:
			ok(w, tokens)
		default:
			fail(w, 404, "Route not found")
		}
	})
	c, _ := newTestClient(t, api.URL)
	created, err := c.DeviceTokens.Create(context.Background(), client.DeviceTokenCreate{Device: deviceID, Name: "gateway", Permission: "write"})
	if err != nil {
		t.Fatal(err)
	}
	if created.Token != "9d1b0c7e-aaaa-4bbb-8ccc-000000000001" || created.Permission != "write" || created.ExpireDate != "" {
		t.Errorf("created = %+v", created)
	}
	if got := api.posts("/device/token"); got != 1 {
		t.Errorf("POST sent %d times, want 1", got)
	}
}
