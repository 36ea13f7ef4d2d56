package emulator

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestTagKeysPerObjectType(t *testing.T) {
	e := newEmu(t)
	mkDevice(t, e, "d1", map[string]any{"tags": []map[string]string{{"key": "site", "value": "a"}, {"key": "floor", "value": "1"}}})
	mkDevice(t, e, "d2", map[string]any{"tags": []map[string]string{{"key": "site", "value": "b"}}})
	mkDashboard(t, e, "dash", map[string]any{"tags": []map[string]string{{"key": "team", "value": "ops"}}})
	var keys []string
	req(t, e, "GET", "/tags/keys/Device", e.ProfileToken(), nil).ok(t, 200, &keys)
	if !eqStrings(keys, []string{"site", "floor"}) && !eqStrings(keys, []string{"floor", "site"}) {
		t.Fatalf("device tag keys %v", keys)
	}
	req(t, e, "GET", "/tags/keys/dashboard", e.ProfileToken(), nil).ok(t, 200, &keys)
	if !eqStrings(keys, []string{"team"}) {
		t.Fatalf("dashboard tag keys %v", keys)
	}
	req(t, e, "GET", "/tags/keys/action", e.ProfileToken(), nil).ok(t, 200, &keys)
	if len(keys) != 0 {
		t.Fatalf("action tag keys %v", keys)
	}
	req(t, e, "GET", "/tags/keys/spaceship", e.ProfileToken(), nil).fail(t, 400, "Invalid type")
}

func TestWidgetDataRunsTheWidgetsQueries(t *testing.T) {
	e := newEmu(t)
	dev := mkDevice(t, e, "d", nil)
	req(t, e, "POST", "/data", dev.Token, []map[string]any{
		{"variable": "temperature", "value": 20, "time": "2024-01-01T00:00:00.000Z"},
		{"variable": "temperature", "value": 25, "time": "2024-01-02T00:00:00.000Z"},
	}).ok(t, 200, nil)
	dash := mkDashboard(t, e, "dash", nil)
	w := mkWidget(t, e, dash, map[string]any{"data": []map[string]any{
		{"origin": dev.DeviceID, "query": "last_value", "variables": []string{"temperature"}},
		{"origin": dev.DeviceID, "qty": 5, "variables": []string{"temperature"}, "query": "last_item"},
		{"origin": newObjectID(), "variables": []string{"temperature"}},
	}})
	got := getMap(t, e, "/data/"+dash+"/"+w)
	widget := as[map[string]any](t, got["widget"])
	if widget["id"] != w || widget["dashboard"] != dash || widget["token"] != nil && widget["token"] != "" {
		t.Fatalf("widget %v", widget)
	}
	if _, has := widget["token"]; has {
		t.Fatal("widget data carries the widget's token")
	}
	results := widgetResults(t, e, "/data/"+dash+"/"+w)
	if len(results) != 3 {
		t.Fatalf("content %v", results)
	}
	if first := results[0]; len(first) != 1 || first[0]["value"] != float64(25) || first[0]["origin"] != dev.DeviceID {
		t.Fatalf("last_value result %v", first)
	}
	if third := results[2]; len(third) != 0 {
		t.Fatalf("a missing device gave %v", third)
	}
	// The request's dates override the widget's.
	first := widgetResults(t, e, "/data/"+dash+"/"+w+"?start_date=2024-01-01T00:00:00.000Z&end_date=2024-01-01T12:00:00.000Z")[0]
	if len(first) != 1 || first[0]["value"] != float64(20) {
		t.Fatalf("dated last_value %v", first)
	}
	req(t, e, "GET", "/data/"+dash+"/"+newObjectID(), e.ProfileToken(), nil).fail(t, 404, "Widget not found")
}

// widgetResults reads the result of every content item of a widget data answer.
func widgetResults(t *testing.T, e *Emulator, path string) [][]map[string]any {
	t.Helper()
	var out struct {
		Content []struct {
			Result []map[string]any `json:"result"`
		} `json:"content"`
	}
	req(t, e, "GET", path, e.ProfileToken(), nil).ok(t, 200, &out)
	results := make([][]map[string]any, len(out.Content))
	for i, c := range out.Content {
		results[i] = c.Result
	}
	return results
}

func TestAllocationAndPlan(t *testing.T) {
	e := newEmu(t)
	var plan map[string]string
	req(t, e, "GET", "/account/plan", e.ProfileToken(), nil).ok(t, 200, &plan)
	if len(plan) != 1 || plan["plan"] == "" {
		t.Fatalf("plan %v", plan)
	}
	req(t, e, "POST", "/account/allocation", e.ProfileToken(), []map[string]any{{"profile": e.ProfileID(), "sms": 7, "email": 3}}).ok(t, 200, nil)
	alloc := getList(t, e, "/account/allocation")
	if len(alloc) != 1 || alloc[0]["profile"] != e.ProfileID() || alloc[0]["sms"] != float64(7) || alloc[0]["email"] != float64(3) || alloc[0]["analysis"] == nil {
		t.Fatalf("allocation %v", alloc)
	}
	req(t, e, "POST", "/account/allocation", e.ProfileToken(), []map[string]any{{"sms": 1}}).fail(t, 400, "profile is required")
	req(t, e, "POST", "/account/allocation", e.ProfileToken(), []map[string]any{{"profile": newObjectID(), "sms": 1}}).fail(t, 400, "does not belong")
	req(t, e, "POST", "/account/allocation", e.ProfileToken(), []map[string]any{{"profile": e.ProfileID(), "sms": -1}}).fail(t, 400, "sms")
	req(t, e, "POST", "/account/allocation", e.ProfileToken(), map[string]any{"profile": e.ProfileID()}).fail(t, 400, "array")
}

func TestAccountLogin(t *testing.T) {
	e := newEmu(t)
	var out map[string]any
	req(t, e, "POST", "/account/login", "", map[string]string{"email": strings.ToUpper(e.AccountEmail()), "password": e.AccountPassword()}).ok(t, 200, &out)
	profiles := as[[]any](t, out["profiles"])
	if out["email"] != e.AccountEmail() || len(profiles) != 1 || as[map[string]any](t, profiles[0])["id"] != e.ProfileID() {
		t.Fatalf("login %v", out)
	}
	req(t, e, "POST", "/account/login", "", map[string]string{"email": e.AccountEmail(), "password": "wrong"}).fail(t, 401, "Invalid credentials")
	req(t, e, "POST", "/account/login", "", map[string]string{}).fail(t, 400, "required")
}

func TestProfileStatisticsCountInput(t *testing.T) {
	e := newEmu(t)
	dev := mkDevice(t, e, "d", nil)
	req(t, e, "POST", "/data", dev.Token, []map[string]any{{"variable": "a", "value": 1}, {"variable": "b", "value": 2}}).ok(t, 200, nil)
	for _, path := range []string{"/profile/" + e.ProfileID() + "/statistics", "/profiled/" + e.ProfileID() + "/statistics", "/profile/current/statistics?periodicity=day&start_date=1%20day&end_date=1%20minute"} {
		stats := getList(t, e, path)
		if len(stats) != 1 || stats[0]["input"] != float64(2) || stats[0]["data_records"] != float64(2) {
			t.Fatalf("%s: %v", path, stats)
		}
	}
	if stats := getList(t, e, "/profile/current/statistics?date=2020-01-01"); len(stats) != 0 {
		t.Fatalf("a day without use has items: %v", stats)
	}
	req(t, e, "GET", "/profile/current/statistics?periodicity=week", e.ProfileToken(), nil).fail(t, 400, "periodicity")
	req(t, e, "GET", "/profile/current/statistics?timezone=Mars/Base", e.ProfileToken(), nil).fail(t, 400, "timezone")
	req(t, e, "GET", "/profile/"+newObjectID()+"/statistics", e.ProfileToken(), nil).fail(t, 404, "Profile not found")
}

func TestProfileBackupLifecycle(t *testing.T) {
	e := newEmu(t)
	pid := e.ProfileID()
	mkDevice(t, e, "tfacc-backed-up", nil)
	var created map[string]string
	req(t, e, "POST", "/profile/"+pid+"/backup", e.ProfileToken(), nil).ok(t, 200, &created)
	id := created["backup_id"]
	if created["profile"] != pid || !isObjectID(id) || created["message"] == "" {
		t.Fatalf("create %v", created)
	}
	list := getList(t, e, "/profile/"+pid+"/backup")
	if len(list) != 1 || list[0]["id"] != id || list[0]["status"] != "completed" || as[float64](t, list[0]["file_size"]) <= 0 {
		t.Fatalf("list %v", list)
	}
	var dl map[string]any
	req(t, e, "POST", "/profile/"+pid+"/backup/"+id+"/download", e.ProfileToken(), map[string]string{"password": e.AccountPassword()}).ok(t, 200, &dl)
	url := as[string](t, dl["url"])
	if dl["backup_id"] != id || dl["size"] != list[0]["file_size"] || dl["size_unit"] != "bytes" || !strings.Contains(url, backupLinksPrefix) {
		t.Fatalf("download %v", dl)
	}
	w := httptest.NewRecorder()
	e.Handler().ServeHTTP(w, httptest.NewRequest("GET", url[strings.Index(url, backupLinksPrefix):], nil))
	body, _ := io.ReadAll(w.Body)
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if w.Code != 200 || err != nil {
		t.Fatalf("download link: %d %v", w.Code, err)
	}
	var devices []map[string]any
	for _, f := range zr.File {
		if f.Name == "devices.json" {
			rc, _ := f.Open()
			_ = json.NewDecoder(rc).Decode(&devices)
			_ = rc.Close()
		}
	}
	if len(devices) != 1 || devices[0]["name"] != "tfacc-backed-up" {
		t.Fatalf("backup devices.json: %v", devices)
	}

	req(t, e, "DELETE", "/profile/"+pid+"/backup/"+id, e.ProfileToken(), map[string]string{"password": "nope"}).fail(t, 401, "Invalid password")
	req(t, e, "DELETE", "/profile/"+pid+"/backup/"+id, e.ProfileToken(), map[string]string{}).fail(t, 400, "password is required")
	var msg string
	req(t, e, "DELETE", "/profile/"+pid+"/backup/"+id, e.ProfileToken(), map[string]string{"password": e.AccountPassword()}).ok(t, 200, &msg)
	if msg != "Backup successfully removed" || len(getList(t, e, "/profile/"+pid+"/backup")) != 0 {
		t.Fatalf("delete: %q", msg)
	}
	req(t, e, "DELETE", "/profile/"+pid+"/backup/"+id, e.ProfileToken(), map[string]string{"password": e.AccountPassword()}).fail(t, 404, "Backup not found")
	// The link of a deleted backup no longer serves it.
	w = httptest.NewRecorder()
	e.Handler().ServeHTTP(w, httptest.NewRequest("GET", url[strings.Index(url, backupLinksPrefix):], nil))
	if w.Code != 404 {
		t.Fatalf("deleted backup still downloadable: %d", w.Code)
	}
}

func TestServiceProviderConfigureAndTest(t *testing.T) {
	e := newEmu(t)
	pid := e.ProfileID()
	key := postSecret(t, e, "SENDGRID", "SG.x")
	req(t, e, "POST", "/profile/"+pid+"/service/test/email", e.ProfileToken(), map[string]string{"to": "a@example.com"}).fail(t, 404, "No service provider configured")
	req(t, e, "PUT", "/profile/"+pid+"/service", e.ProfileToken(), map[string]any{"email": map[string]any{"provider": "sendgrid", "from": "noreply@example.com", "secrets": map[string]string{}}}).fail(t, 400, "api_key is required")
	req(t, e, "PUT", "/profile/"+pid+"/service", e.ProfileToken(), map[string]any{"email": map[string]any{"provider": "sendgrid", "from": "noreply@example.com", "secrets": map[string]string{"api_key": newObjectID()}}}).fail(t, 400, "not found")
	req(t, e, "PUT", "/profile/"+pid+"/service", e.ProfileToken(), map[string]any{}).fail(t, 400, "email, sms or both")
	req(t, e, "PUT", "/profile/"+pid+"/service", e.ProfileToken(), map[string]any{"email": map[string]any{"provider": "sendgrid", "from": "noreply@example.com", "secrets": map[string]string{"api_key": key}}}).ok(t, 200, nil)
	var out map[string]string
	req(t, e, "POST", "/profile/"+pid+"/service/test/email", e.ProfileToken(), map[string]string{"to": "a@example.com", "subject": "hi"}).ok(t, 200, &out)
	if out["message"] != "Test message sent successfully" || out["message_id"] == "" {
		t.Fatalf("test result %v", out)
	}
	sent := e.outbox.snapshot()["email"]
	if len(sent) != 1 || sent[0].Service != "email-test" || !strings.Contains(string(sent[0].Body), "a@example.com") {
		t.Fatalf("outbox %v", sent)
	}
	req(t, e, "POST", "/profile/"+pid+"/service/test/fax", e.ProfileToken(), map[string]string{"to": "1"}).fail(t, 400, "sms or email")
	req(t, e, "POST", "/profile/"+pid+"/service/test/email", e.ProfileToken(), map[string]string{"to": "not-an-address"}).fail(t, 400, "Invalid email")
}
