package emulator

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// dpAnalysis stores an analysis document the way the analysis slice does (only the
// fields this slice reads, plus one it must preserve) and its token in collTokens.
func dpAnalysis(t testing.TB, e *Emulator, runOn string, active bool, withTokenInDoc bool) (id, token string) {
	t.Helper()
	id, token = newObjectID(), "a-"+newUUID()
	doc := map[string]any{
		"id": id, "name": "An analysis", "run_on": runOn, "active": active,
		"variables": []map[string]string{{"key": "K", "value": "V"}}, "last_run": nil,
	}
	if withTokenInDoc {
		doc["token"] = token
	}
	err := e.store.Update(func(tx Tx) error {
		if err := putDoc(tx, collAnalyses, id, doc); err != nil {
			return err
		}
		return putDoc(tx, collTokens, token, &tokenDoc{
			Token: token, Kind: tokenKindAnalysis, Name: "analysis", Permission: "full",
			CreatedAt: apiTime(nowTime()), AnalysisID: id,
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return id, token
}

// outboxOf reads GET /_emulator/outbox.
func outboxOf(t *testing.T, e *Emulator) map[string][]outboxEntry {
	t.Helper()
	w := httptest.NewRecorder()
	e.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/_emulator/outbox", nil))
	if w.Code != 200 {
		t.Fatalf("outbox %d %s", w.Code, w.Body)
	}
	var out map[string][]outboxEntry
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestServicesRecordToOutbox(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	aid, atok := dpAnalysis(t, e, "tago", true, true)
	dev := mkDevice(t, e, "mqtt target", nil)
	send := func(path string, body any, want string) {
		t.Helper()
		var s string
		req(t, e, "POST", "/analysis/services/"+path, atok, body).ok(t, 200, &s)
		if s != want {
			t.Fatalf("%s answered %q, want %q", path, s, want)
		}
	}
	send("console/send", map[string]any{"message": "hello", "timestamp": 1700000000000}, "Console message sent")
	send("sms/send", map[string]any{"to": "+5599999999999", "message": "hi"}, "SMS sent")
	send("email/send", map[string]any{"to": "a@b.c", "subject": "S", "message": "M"}, "Email sent")
	send("email/send", map[string]any{"to": []string{"a@b.c", "d@e.f"}, "from": "Me", "subject": "S", "html": "<b>x</b>",
		"attachment": map[string]any{"archive": "aGk=", "filename": "a.txt", "type": "base64"}}, "Email sent")
	send("email/send", map[string]any{"to": "a@b.c", "template": map[string]any{"name": "tpl", "params": map[string]any{"x": 1}}}, "Email sent")
	send("mqtt/publish", map[string]any{"topic": "t/1", "message": "m", "device": dev.DeviceID, "qos": 1, "retain": true}, "MQTT message published")
	send("mqtt/publish", map[string]any{"topic": "t/1", "message": "m", "bucket": dev.DeviceID}, "MQTT message published")
	send("notification/send", map[string]any{"title": "T", "message": "M", "ref_id": dev.DeviceID}, "Notification sent")
	send("sms-twilio/send", map[string]any{"to": "+1", "message": "x", "twilio_sid": "s"}, "SMS sent")
	send("whatsapp-twilio/send", map[string]any{"to": "+1"}, "WhatsApp message sent")
	send("email-sendgrid/send", map[string]any{"to": "a@b.c"}, "Email sent")
	send("email-smtp/send", map[string]any{"to": "a@b.c", "smtp_secret": "id"}, "Email sent")
	send("queue-sqs/send", map[string]any{"sqs_secret": "id", "dataList": []any{}}, "Message sent to the queue")

	box := outboxOf(t, e)
	counts := map[string]int{}
	for _, c := range outboxCategories {
		counts[c] = len(box[c])
		for _, en := range box[c] {
			if en.Analysis != aid || en.Time.Time().IsZero() {
				t.Fatalf("%s entry lacks analysis or time: %+v", c, en)
			}
		}
	}
	if want := map[string]int{"console": 1, "sms": 1, "email": 3, "mqtt": 2, "notification": 1, "other": 5}; !mapsEqual(counts, want) {
		t.Fatalf("outbox counts %v, want %v", counts, want)
	}
	if b := string(box["sms"][0].Body); b != `{"to":"+5599999999999","message":"hi"}` && b != `{"message":"hi","to":"+5599999999999"}` {
		t.Fatalf("sms body %s", b)
	}
	var services []string
	for _, en := range box["other"] {
		services = append(services, en.Service)
	}
	if got := strings.Join(services, ","); got != "sms-twilio,whatsapp-twilio,email-sendgrid,email-smtp,queue-sqs" {
		t.Fatalf("other services %s", got)
	}
	// notification/send also lands in the account's notifications
	list := getList(t, e, "/notification")
	if len(list) != 1 || list[0]["title"] != "T" || list[0]["ref_id"] != dev.DeviceID || list[0]["read"] != false {
		t.Fatalf("notification list %v", list)
	}

	// DELETE clears the outbox
	w := httptest.NewRecorder()
	e.Handler().ServeHTTP(w, httptest.NewRequest("DELETE", "/_emulator/outbox", nil))
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"sms":[]`) {
		t.Fatalf("clear: %d %s", w.Code, w.Body)
	}
	if box := outboxOf(t, e); len(box["email"]) != 0 || len(box) != len(outboxCategories) {
		t.Fatalf("after clear %v", box)
	}
	// outbox routes are not API routes: not counted
	if st := e.Stats().Snapshot(); st.ByRoute["GET /_emulator/outbox"] != 0 {
		t.Fatal("outbox reads counted as API requests")
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestServicesValidation(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	_, atok := dpAnalysis(t, e, "tago", true, true)
	dev := mkDevice(t, e, "d", nil)
	cases := []struct {
		path string
		body any
		want string
	}{
		{"console/send", map[string]any{}, "message is required"},
		{"console/send", map[string]any{"message": "x", "timestamp": "now"}, "timestamp must be"},
		{"sms/send", map[string]any{"message": "x"}, "to is required"},
		{"sms/send", map[string]any{"to": "+1"}, "message is required"},
		{"email/send", map[string]any{"subject": "s", "message": "m"}, "to is required"},
		{"email/send", map[string]any{"to": []string{}, "subject": "s", "message": "m"}, "to must not be an empty array"},
		{"email/send", map[string]any{"to": []any{"a@b.c", 5}, "subject": "s", "message": "m"}, "to[1] must be"},
		{"email/send", map[string]any{"to": 5, "subject": "s", "message": "m"}, "to must be a string or an array"},
		{"email/send", map[string]any{"to": "a@b.c", "message": "m"}, "subject is required"},
		{"email/send", map[string]any{"to": "a@b.c", "subject": "s"}, "message or html is required"},
		{"email/send", map[string]any{"to": "a@b.c", "template": map[string]any{}}, "template.name is required"},
		{"email/send", map[string]any{"to": "a@b.c", "template": map[string]any{"name": "x", "params": "p"}}, "template.params must be an object"},
		{"email/send", map[string]any{"to": "a@b.c", "subject": "s", "message": "m", "attachment": map[string]any{"archive": "x"}}, "attachment.filename is required"},
		{"mqtt/publish", map[string]any{"message": "m", "device": dev.DeviceID}, "topic is required"},
		{"mqtt/publish", map[string]any{"topic": "t", "device": dev.DeviceID}, "message is required"},
		{"mqtt/publish", map[string]any{"topic": "t", "message": "m"}, "device is required"},
		{"mqtt/publish", map[string]any{"topic": "t", "message": "m", "device": "nope"}, "Invalid Device ID"},
		{"mqtt/publish", map[string]any{"topic": "t", "message": "m", "device": "aaaaaaaaaaaaaaaaaaaaaaaa"}, "Device not found"},
		{"mqtt/publish", map[string]any{"topic": "t", "message": "m", "device": dev.DeviceID, "qos": 3}, "qos must be 0, 1 or 2"},
		{"notification/send", map[string]any{"message": "m"}, "title is required"},
		{"notification/send", map[string]any{"title": "t", "message": "m", "buttons": []map[string]any{{"id": "a b", "label": "x"}}}, "must not contain spaces"},
		{"attachment/upload", map[string]any{"filename": "a"}, "archive is required"},
		{"attachment/upload", map[string]any{"archive": "aGk="}, "filename is required"},
		{"attachment/upload", map[string]any{"archive": "%%%", "filename": "a"}, "archive must be base64"},
		{"queue-sqs/send", "[1]", "expected a JSON object"},
	}
	for _, tc := range cases {
		req(t, e, "POST", "/analysis/services/"+tc.path, atok, tc.body).fail(t, 400, tc.want)
	}
	box := outboxOf(t, e)
	for _, c := range outboxCategories {
		if len(box[c]) != 0 {
			t.Fatalf("a refused request was recorded: %v", box)
		}
	}
	if l := getList(t, e, "/notification"); len(l) != 0 {
		t.Fatalf("a refused notification was stored: %v", l)
	}
	// only analysis tokens reach the services
	req(t, e, "POST", "/analysis/services/sms/send", e.ProfileToken(), map[string]any{"to": "+1", "message": "x"}).fail(t, 403, msgDenied)
	req(t, e, "POST", "/analysis/services/sms/send", dev.Token, map[string]any{"to": "+1", "message": "x"}).fail(t, 403, msgDenied)
}

func TestAttachmentUpload(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	_, atok := dpAnalysis(t, s.Emulator, "tago", true, true)
	content := "col1,col2\n1,2\n"
	body := `{"archive":"` + base64.StdEncoding.EncodeToString([]byte(content)) + `","filename":"report 1.csv","type":"text/csv"}`
	r, _ := http.NewRequest("POST", s.URL+"/analysis/services/attachment/upload", strings.NewReader(body))
	r.Header.Set("token", atok)
	r.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	var env struct {
		Status bool   `json:"status"`
		Result string `json:"result"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&env)
	_ = resp.Body.Close()
	if !env.Status || !strings.HasPrefix(env.Result, s.URL+"/_emulator/outbox/attachments/") || !strings.HasSuffix(env.Result, "/report%201.csv") {
		t.Fatalf("upload answered %+v", env)
	}
	got, err := http.Get(env.Result)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(got.Body)
	_ = got.Body.Close()
	if got.StatusCode != 200 || string(b) != content || got.Header.Get("Content-Type") != "text/csv" {
		t.Fatalf("download %d %q %q", got.StatusCode, b, got.Header.Get("Content-Type"))
	}
	if box := outboxOf(t, s.Emulator); len(box["other"]) != 1 || box["other"][0].Service != "attachment" {
		t.Fatalf("outbox %v", box)
	}
	missing, err := http.Get(s.URL + "/_emulator/outbox/attachments/aaaaaaaaaaaaaaaaaaaaaaaa/x")
	if err != nil {
		t.Fatal(err)
	}
	_ = missing.Body.Close()
	if missing.StatusCode != 404 {
		t.Fatalf("unknown attachment: %d", missing.StatusCode)
	}
}
