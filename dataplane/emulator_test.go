package dataplane

// Integration tests: the package against the in-process emulator, which was written apart from
// the client, from the same reference.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// The public catalog IDs of a plain HTTP(S) device (docs/api-notes.md §2.3).
const (
	httpsConnectorID = "62333bd36977fc001a2990c8"
	httpNetworkID    = "62336c32ab6e0d0012e06c04"
)

type emulatorEnv struct {
	t      *testing.T
	server *emulator.Server
	c      *client.Client // profile token, to set objects up
	dp     *Client        // the same transport, for the calls under test
}

func newEmulatorEnv(t *testing.T) *emulatorEnv {
	t.Helper()
	server := emulator.NewTestServer(t, emulator.Options{})
	c := newManagementClient(t, server.URL, server.Token)
	return &emulatorEnv{t: t, server: server, c: c, dp: wrap(c)}
}

// device creates a device and returns its id and default token.
func (e *emulatorEnv) device(name, deviceType string) (string, string) {
	e.t.Helper()
	in := client.DeviceCreate{Name: name, Type: deviceType, Connector: httpsConnectorID, Network: httpNetworkID}
	if deviceType == "immutable" {
		period, retention := "month", int64(3)
		in.ChunkPeriod, in.ChunkRetention = &period, &retention
	}
	d, err := e.c.Devices.Create(context.Background(), in)
	if err != nil {
		e.t.Fatal(err)
	}
	return d.ID, d.Token
}

// analysis creates an external analysis (POST /analysis, docs/api-notes.md §2.7) and returns its id
// and token.
func (e *emulatorEnv) analysis(name string, env ...EnvVar) (string, string) {
	e.t.Helper()
	if env == nil {
		env = []EnvVar{}
	}
	var out struct {
		ID    string `json:"id"`
		Token string `json:"token"`
	}
	err := e.c.Do(context.Background(), client.Request{Method: http.MethodPost, Path: "/analysis", Body: map[string]any{
		"name": name, "run_on": "external", "runtime": "node-rt2025", "active": true, "variables": env, "tags": []any{},
	}}, &out)
	if err != nil || out.ID == "" || out.Token == "" {
		e.t.Fatalf("create analysis: %+v, %v", out, err)
	}
	return out.ID, out.Token
}

// outboxEntry is one call recorded at GET /_emulator/outbox.
type outboxEntry struct {
	Service  string          `json:"service"`
	Analysis string          `json:"analysis"`
	Body     json.RawMessage `json:"body"`
}

func (e *emulatorEnv) outbox() map[string][]outboxEntry {
	e.t.Helper()
	resp, err := http.Get(e.server.URL + "/_emulator/outbox")
	if err != nil {
		e.t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var out map[string][]outboxEntry
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		e.t.Fatal(err)
	}
	return out
}

func TestEmulatorDeviceDataOnAMutableDevice(t *testing.T) {
	env := newEmulatorEnv(t)
	ctx := context.Background()
	id, token := env.device("Mutable sensor", "mutable")
	dev := NewDevice(env.dp.WithToken(token))

	info, err := dev.Info(ctx)
	if err != nil || info.ID != id || info.Name != "Mutable sensor" {
		t.Fatalf("info = %+v, %v", info, err)
	}
	base := time.Now().UTC().Add(-time.Hour).Truncate(time.Millisecond)
	original, err := RecordFromMap(map[string]any{"variable": "Humidity", "value": 55, "unit": "%", "serie": "old-serie",
		"time": base.Format("2006-01-02 15:04:05"), "location": map[string]any{"lat": 42.2974279, "lng": -85.628292}})
	if err != nil {
		t.Fatal(err)
	}
	added, err := dev.Insert(ctx,
		Record{Variable: "temperature", Value: 21.5, Unit: "°C", Time: base.Add(time.Minute), Metadata: map[string]any{"color": "red"}},
		Record{Variable: "temperature", Value: 23.0, Unit: "°C", Time: base.Add(2 * time.Minute)},
		Record{Variable: "status", Value: "ok"},
		original,
	)
	if err != nil || added != 4 {
		t.Fatalf("insert: %d, %v", added, err)
	}

	temps, err := dev.Find(ctx, Query{Variables: []string{"temperature"}})
	if err != nil || len(temps) != 2 || temps[0].Value != 23.0 || temps[1].Value != 21.5 || temps[1].Metadata["color"] != "red" {
		t.Fatalf("find temperature (newest first) = %+v, %v", temps, err)
	}
	if temps[0].ID == "" || temps[0].Device != id || !temps[0].Time.Equal(base.Add(2*time.Minute)) {
		t.Errorf("record fields: %+v", temps[0])
	}
	humidity, err := dev.Find(ctx, Query{Variables: []string{"humidity"}, Query: QueryLastValue})
	if err != nil || len(humidity) != 1 || humidity[0].Group != "old-serie" || humidity[0].Location == nil ||
		humidity[0].Location.Lat != 42.2974279 || humidity[0].Value != 55.0 || humidity[0].Variable != "humidity" {
		t.Fatalf("the original SDK's record = %+v, %v", humidity, err)
	}
	bySerie, err := dev.Find(ctx, Query{Series: []string{"old-serie"}})
	if err != nil || len(bySerie) != 1 || bySerie[0].Variable != "humidity" {
		t.Fatalf("find by the original serie = %+v, %v", bySerie, err)
	}
	window, err := dev.Find(ctx, Query{Variables: []string{"temperature"}, StartDate: FormatTime(base.Add(90 * time.Second)),
		EndDate: base.Add(3 * time.Minute).Format("2006-01-02 15:04:05")})
	if err != nil || len(window) != 1 || window[0].Value != 23.0 {
		t.Fatalf("date window = %+v, %v", window, err)
	}
	recent, err := dev.Find(ctx, Query{Variables: []string{"temperature"}, StartDate: "2 hours", Ordination: "ascending", Qty: 1})
	if err != nil || len(recent) != 1 || recent[0].Value != 21.5 {
		t.Fatalf("relative date, ascending, qty 1 = %+v, %v", recent, err)
	}
	count, err := dev.FindNumber(ctx, Query{Query: QueryCount, Variables: []string{"temperature"}})
	if err != nil || count != 2 {
		t.Fatalf("count = %v, %v", count, err)
	}
	sum, err := dev.FindNumber(ctx, Query{Query: QuerySum, Variables: []string{"temperature"}, StartDate: "1 day"})
	if err != nil || sum != 44.5 {
		t.Fatalf("sum = %v, %v", sum, err)
	}
	maxTemp, err := dev.FindNumber(ctx, Query{Query: QueryMax, Variables: []string{"temperature"}})
	if err != nil || maxTemp != 23 {
		t.Fatalf("max = %v, %v", maxTemp, err)
	}

	removed, err := dev.Remove(ctx, Query{IDs: []string{temps[0].ID}})
	if err != nil || removed != 1 {
		t.Fatalf("remove by id: %d, %v", removed, err)
	}
	removed, err = dev.RemoveVariableOrID(ctx, "status")
	if err != nil || removed != 1 {
		t.Fatalf("remove by variable: %d, %v", removed, err)
	}
	removed, err = dev.Remove(ctx, Query{}) // the last record only
	if err != nil || removed != 1 {
		t.Fatalf("remove without a query: %d, %v", removed, err)
	}
	left, err := dev.FindNumber(ctx, Query{Query: QueryCount})
	if err != nil || left != 1 {
		t.Fatalf("records left = %v, %v", left, err)
	}
}

func TestEmulatorSplitInsertKeepsOneGroupAndTime(t *testing.T) {
	env := newEmulatorEnv(t)
	ctx := context.Background()
	_, token := env.device("Bulk sensor", "mutable")
	dev := NewDevice(env.dp.WithToken(token), WithMaxBatchBytes(30_000), WithConcurrency(3))
	records := make([]Record, 3000)
	for i := range records {
		records[i] = Record{Variable: "level", Value: float64(i)}
	}
	batches, err := dev.prepareInsert(records)
	if err != nil || len(batches) < 3 {
		t.Fatalf("%d batches, %v: the insert must be split", len(batches), err)
	}
	added, err := dev.Insert(ctx, records...)
	if err != nil || added != len(records) {
		t.Fatalf("insert: %d, %v", added, err)
	}
	stored, err := dev.Find(ctx, Query{Variables: []string{"level"}, Qty: MaxQty})
	if err != nil || len(stored) != len(records) {
		t.Fatalf("find: %d records, %v", len(stored), err)
	}
	seen := map[float64]bool{}
	for _, r := range stored {
		if r.Group != stored[0].Group || !r.Time.Equal(stored[0].Time) {
			t.Fatalf("record %v: group %q time %v, want one group and one time for the whole call (%q, %v)", r.Value, r.Group, r.Time, stored[0].Group, stored[0].Time)
		}
		value, ok := r.Value.(float64)
		if !ok {
			t.Fatalf("value %v is not a number", r.Value)
		}
		seen[value] = true
	}
	if len(seen) != len(records) || stored[0].Group == "" {
		t.Fatalf("%d distinct values stored, group %q", len(seen), stored[0].Group)
	}
}

func TestEmulatorImmutableDeviceRefusesRemoval(t *testing.T) {
	env := newEmulatorEnv(t)
	ctx := context.Background()
	_, token := env.device("Immutable sensor", "immutable")
	dev := NewDevice(env.dp.WithToken(token))
	if n, err := dev.Insert(ctx, Record{Variable: "pressure", Value: 1013}); err != nil || n != 1 {
		t.Fatalf("insert: %d, %v", n, err)
	}
	found, err := dev.Find(ctx, Query{Variables: []string{"pressure"}})
	if err != nil || len(found) != 1 || found[0].Value != 1013.0 {
		t.Fatalf("find = %+v, %v", found, err)
	}
	_, err = dev.Remove(ctx, Query{Variables: []string{"pressure"}})
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode < 400 || apiErr.StatusCode >= 500 {
		t.Fatalf("remove on an immutable device: %v, want a 4xx refusal", err)
	}
	if n, err := dev.FindNumber(ctx, Query{Query: QueryCount}); err != nil || n != 1 {
		t.Fatalf("count after the refused removal = %v, %v", n, err)
	}
}

func TestEmulatorDataThroughTheProfileToken(t *testing.T) {
	env := newEmulatorEnv(t)
	ctx := context.Background()
	id, _ := env.device("Managed sensor", "mutable")
	data := ForDevice(env.dp, id, WithArrayStyle(ArrayRepeat))
	if n, err := data.Insert(ctx, Record{Variable: "a", Value: true, Group: "g1"}, Record{Variable: "b", Value: "x", Group: "g2"}); err != nil || n != 2 {
		t.Fatalf("insert: %d, %v", n, err)
	}
	found, err := data.Find(ctx, Query{Groups: []string{"g1", "g2"}, Variables: []string{"a", "b"}, Ordination: "ascending"})
	if err != nil || len(found) != 2 {
		t.Fatalf("find = %+v, %v", found, err)
	}
	values := map[string]any{found[0].Variable: found[0].Value, found[1].Variable: found[1].Value}
	if values["a"] != true || values["b"] != "x" {
		t.Fatalf("values = %v", values)
	}
	if n, err := data.Remove(ctx, Query{Variables: []string{"a"}}); err != nil || n != 1 {
		t.Fatalf("remove: %d, %v", n, err)
	}
	amount, err := env.c.Devices.DataAmount(ctx, id)
	if err != nil || amount != 1 {
		t.Fatalf("data_amount = %d, %v", amount, err)
	}
}

func TestEmulatorServicesReachTheOutbox(t *testing.T) {
	env := newEmulatorEnv(t)
	ctx := context.Background()
	analysisID, analysisToken := env.analysis("Services")
	deviceID, _ := env.device("MQTT target", "mutable")
	svc := NewServices(env.dp.WithToken(analysisToken))
	qos := 1
	calls := []func() (string, error){
		func() (string, error) { return svc.SMS(ctx, SMS{To: "+5599999999999", Message: "Hi! From Go."}) },
		func() (string, error) {
			return svc.Email(ctx, Email{To: []string{"myuser@example.com"}, From: "me@example.com", Subject: "E-mail example", Message: "Hi!",
				Attachment: AttachmentFromBytes("document.txt", []byte("This is a txt archive"))})
		},
		func() (string, error) {
			return svc.Email(ctx, Email{To: []string{"a@example.com", "b@example.com"}, Template: &EmailTemplate{Name: "alert", Params: map[string]any{"name": "John"}}})
		},
		func() (string, error) {
			return svc.MQTT(ctx, MQTTMessage{Topic: "my topic", Message: "new message", Bucket: deviceID, QoS: &qos})
		},
		func() (string, error) {
			return svc.Notification(ctx, Notification{Title: "my title", Message: "new message", RefID: deviceID})
		},
		func() (string, error) { return svc.Console(ctx, "console line", time.Time{}) },
	}
	for i, call := range calls {
		if text, err := call(); err != nil || text == "" {
			t.Fatalf("call %d: %q, %v", i, text, err)
		}
	}
	box := env.outbox()
	check := func(category string, n int, wantInBody ...string) {
		t.Helper()
		if len(box[category]) != n {
			t.Fatalf("outbox %s has %d entries, want %d: %+v", category, len(box[category]), n, box[category])
		}
		for _, e := range box[category] {
			if e.Analysis != analysisID {
				t.Errorf("outbox %s entry from analysis %q, want %q", category, e.Analysis, analysisID)
			}
		}
		all := ""
		for _, e := range box[category] {
			all += string(e.Body)
		}
		for _, want := range wantInBody {
			if !strings.Contains(all, want) {
				t.Errorf("outbox %s bodies %s lack %s", category, all, want)
			}
		}
	}
	check("sms", 1, `"to":"+5599999999999"`, `"message":"Hi! From Go."`)
	check("email", 2, `"from":"me@example.com"`, `"filename":"document.txt"`, `"type":"base64"`, `"to":["a@example.com","b@example.com"]`, `"name":"alert"`)
	check("mqtt", 1, `"device":"`+deviceID+`"`, `"topic":"my topic"`, `"qos":1`)
	check("notification", 1, `"ref_id":"`+deviceID+`"`, `"title":"my title"`)
	check("console", 1, `"message":"console line"`)

	// The service notification also reaches the account's inbox.
	inbox, err := NewNotifications(env.dp).List(ctx, nil)
	if err != nil || len(inbox) != 1 || inbox[0].Title != "my title" {
		t.Fatalf("inbox = %+v, %v", inbox, err)
	}
	// Services take analysis tokens only.
	if _, err := NewServices(env.dp).SMS(ctx, SMS{To: "+1", Message: "x"}); err == nil {
		t.Error("a profile token sent an SMS")
	}
}

func TestEmulatorAccountNotifications(t *testing.T) {
	env := newEmulatorEnv(t)
	ctx := context.Background()
	inbox := NewNotifications(env.dp)
	share := func(title string) string {
		id, err := inbox.Create(ctx, Notification{Title: title, Message: "John shares a profile with you", Buttons: []NotificationButton{
			{ID: "yes", Label: "Accept", Triggers: []NotificationTrigger{{ShareProfile: "accept"}}},
			{ID: "no", Label: "Refuse", Triggers: []NotificationTrigger{{ShareProfile: "refuse"}}},
		}})
		if err != nil || id == "" {
			t.Fatalf("create: %q, %v", id, err)
		}
		return id
	}
	first, second := share("first"), share("second")
	unread := false
	list, err := inbox.List(ctx, &unread)
	if err != nil || len(list) != 2 {
		t.Fatalf("unread = %+v, %v", list, err)
	}
	if err := inbox.MarkRead(ctx, first); err != nil {
		t.Fatal(err)
	}
	read := true
	if list, err = inbox.List(ctx, &read); err != nil || len(list) != 1 || list[0].ID != first {
		t.Fatalf("read after MarkRead = %+v, %v", list, err)
	}
	if err := inbox.MarkUnread(ctx, first); err != nil {
		t.Fatal(err)
	}
	if list, err = inbox.List(ctx, &read); err != nil || len(list) != 0 {
		t.Fatalf("read after MarkUnread = %+v, %v", list, err)
	}

	if err := inbox.Accept(ctx, first); err != nil {
		t.Fatal(err)
	}
	if err := inbox.Refuse(ctx, second); err != nil {
		t.Fatal(err)
	}
	all, err := inbox.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range all {
		if !n.Read || n.ButtonsEnabled {
			t.Errorf("notification %q after its button was pressed: read %v, buttons enabled %v", n.Title, n.Read, n.ButtonsEnabled)
		}
	}
	if err := inbox.PressButton(ctx, first, "yes"); err == nil {
		t.Error("a second press on an auto-disabled notification succeeded")
	}
	if err := inbox.MarkAllRead(ctx); err != nil {
		t.Fatal(err)
	}
	if err := inbox.Delete(ctx, second); err != nil {
		t.Fatal(err)
	}
	if all, err = inbox.List(ctx, nil); err != nil || len(all) != 1 || all[0].ID != first {
		t.Fatalf("after delete = %+v, %v", all, err)
	}
}

func TestEmulatorRunNotifications(t *testing.T) {
	env := newEmulatorEnv(t)
	ctx := context.Background()
	var user struct {
		User string `json:"user"`
	}
	if err := env.c.Do(ctx, client.Request{Method: http.MethodPost, Path: "/run/users", Body: map[string]any{
		"name": "Jhon Doe", "email": "jhon@doe.com", "password": "secret-password-1", "timezone": "America/Sao_Paulo", "tags": []any{},
	}}, &user); err != nil || user.User == "" {
		t.Fatalf("create run user: %+v, %v", user, err)
	}
	run := NewRunNotifications(env.dp)
	id, err := run.Create(ctx, user.User, Notification{Title: "Temperature Alert", Message: "The temperature is too high",
		Buttons: []NotificationButton{{ID: "dashboard", Label: "Go to device dashboard", Color: "red",
			Triggers: []NotificationTrigger{{URL: "https://admin.tago.io/dashboard/info/5d9c6e7945f7ab001b0a32c2", Method: "REDIRECT"}}}}})
	if err != nil || id == "" {
		t.Fatalf("create: %q, %v", id, err)
	}
	list, err := run.List(ctx, user.User)
	if err != nil || len(list) != 1 || list[0].ID != id || list[0].Title != "Temperature Alert" || len(list[0].Buttons) != 1 ||
		list[0].Buttons[0].Triggers[0].Method != "REDIRECT" {
		t.Fatalf("list = %+v, %v", list, err)
	}
	title, read := "Temperature back to normal", true
	if err := run.Edit(ctx, id, NotificationEdit{Title: &title, Read: &read}); err != nil {
		t.Fatal(err)
	}
	if list, err = run.List(ctx, user.User); err != nil || list[0].Title != title || !list[0].Read || list[0].Message != "The temperature is too high" {
		t.Fatalf("after edit = %+v, %v", list, err)
	}
	if err := run.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if list, err = run.List(ctx, user.User); err != nil || len(list) != 0 {
		t.Fatalf("after delete = %+v, %v", list, err)
	}
}

func TestEmulatorProfileTokens(t *testing.T) {
	env := newEmulatorEnv(t)
	ctx := context.Background()
	tokens := NewProfileTokens(env.dp)
	profileID, email, password := env.server.Emulator.ProfileID(), env.server.Emulator.AccountEmail(), env.server.Emulator.AccountPassword()
	created, err := tokens.Create(ctx, profileID, ProfileTokenCreate{Name: "ci", Permission: "full", ExpireTime: "1 day", Email: email, Password: password})
	if err != nil || created.Token == "" || created.ExpireDate == "" {
		t.Fatalf("create = %+v, %v", created, err)
	}
	list, err := tokens.List(ctx, profileID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tk := range list {
		names = append(names, tk.Name)
	}
	if !strings.Contains(strings.Join(names, ","), "ci") {
		t.Fatalf("list names %v lack the new token", names)
	}
	minted := env.c.WithToken(created.Token)
	if _, err := minted.Devices.List(ctx, client.ListOptions{}); err != nil {
		t.Fatalf("the new token does not work: %v", err)
	}
	_, err = tokens.Create(ctx, profileID, ProfileTokenCreate{Name: "bad", Permission: "read", Email: email, Password: "wrong-password"})
	if err == nil || strings.Contains(err.Error(), "wrong-password") {
		t.Fatalf("wrong password: %v (must fail without the password in the text)", err)
	}
	if err := tokens.Delete(ctx, profileID, created.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := minted.Devices.List(ctx, client.ListOptions{}); !client.IsUnauthorized(err) {
		t.Fatalf("the deleted token still works: %v", err)
	}
}

func TestEmulatorRuntimeReceivesARun(t *testing.T) {
	env := newEmulatorEnv(t)
	analysisID, analysisToken := env.analysis("External Go analysis", EnvVar{Key: "LIMIT", Value: "30"})
	var out bytes.Buffer
	connected := make(chan struct{}, 1)
	rt, err := NewRuntime(RuntimeConfig{
		Token: analysisToken, APIURL: env.server.URL, Output: &syncWriter{w: &out}, Getenv: func(string) string { return "" },
		OnConnected: func() {
			select {
			case connected <- struct{}{}:
			default:
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	type run struct {
		ac      Context
		records []Record
	}
	runs := make(chan run, 1)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := rt.Run(ctx, func(ctx context.Context, ac Context, scope Scope) error {
			records, err := scope.Records()
			ac.Log("limit", ac.Env("LIMIT"), "records", len(records))
			runs <- run{ac, records}
			return err
		}); err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	defer func() { cancel(); wg.Wait() }()
	select {
	case <-connected:
	case <-time.After(10 * time.Second):
		t.Fatalf("the runtime did not connect; output:\n%s", out.String())
	}
	if _, err := NewAnalyses(env.dp).Run(context.Background(), analysisID, []Record{{Variable: "alarm", Value: "On"}}); err != nil {
		t.Fatal(err)
	}
	var got run
	select {
	case got = <-runs:
	case <-time.After(10 * time.Second):
		t.Fatalf("no run reached the handler; output:\n%s", out.String())
	}
	if got.ac.AnalysisID != analysisID || got.ac.Env("LIMIT") != "30" || got.ac.Token == "" ||
		len(got.records) != 1 || got.records[0].Variable != "alarm" || got.records[0].Value != "On" {
		t.Fatalf("run = %+v", got)
	}
	// The log line has reached the console service: ac.Log returns after the console call, and
	// the handler logged before handing its run over.
	console := env.outbox()["console"]
	if len(console) != 1 || !strings.Contains(string(console[0].Body), "limit 30 records 1") || console[0].Analysis != analysisID {
		t.Fatalf("console outbox = %+v", console)
	}
}
