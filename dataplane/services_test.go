package dataplane

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func jsonEqual(t *testing.T, got string, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("body %q: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if string(gb) != string(wb) {
		t.Errorf("body\n got %s\nwant %s", gb, wb)
	}
}

func TestServicesSendTheReferenceBodies(t *testing.T) {
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) { answer(w, "Sent") })
	svc := NewServices(newTestClient(t, api.URL, testProfileToken).WithToken(testAnalysisToken))
	ctx := context.Background()
	qos, retain := 1, true
	calls := []struct {
		name     string
		call     func() (string, error)
		path     string
		wantBody string
	}{
		{"sms", func() (string, error) { return svc.SMS(ctx, SMS{To: "+5599999999999", Message: "hi"}) },
			"/analysis/services/sms/send", `{"to":"+5599999999999","message":"hi"}`},
		{"email plain, original reply-to as from", func() (string, error) {
			return svc.Email(ctx, Email{To: []string{"a@example.com"}, From: "me@gmail.com", Subject: "S", Message: "M"})
		}, "/analysis/services/email/send", `{"to":"a@example.com","from":"me@gmail.com","subject":"S","message":"M"}`},
		{"email html to many", func() (string, error) {
			return svc.Email(ctx, Email{To: []string{"a@example.com", "b@example.com"}, Subject: "S", HTML: "<b>x</b>"})
		}, "/analysis/services/email/send", `{"to":["a@example.com","b@example.com"],"subject":"S","html":"<b>x</b>"}`},
		{"email template with attachment", func() (string, error) {
			return svc.Email(ctx, Email{To: []string{"a@example.com"}, Template: &EmailTemplate{Name: "alert", Params: map[string]any{"name": "John"}},
				Attachment: AttachmentFromBytes("document.txt", []byte("This is a txt archive"))})
		}, "/analysis/services/email/send", `{"to":"a@example.com","template":{"name":"alert","params":{"name":"John"}},
			"attachment":{"archive":"VGhpcyBpcyBhIHR4dCBhcmNoaXZl","filename":"document.txt","type":"base64"}}`},
		{"mqtt with the original bucket", func() (string, error) {
			return svc.MQTT(ctx, MQTTMessage{Topic: "my topic", Message: "new message", Bucket: "6298fcc3e0b6840012b6abfa", QoS: &qos, Retain: &retain})
		}, "/analysis/services/mqtt/publish", `{"topic":"my topic","message":"new message","device":"6298fcc3e0b6840012b6abfa","qos":1,"retain":true}`},
		{"notification with ref_id", func() (string, error) {
			return svc.Notification(ctx, Notification{Title: "my title", Message: "new message", RefID: "6298fcc3e0b6840012b6abfa"})
		}, "/analysis/services/notification/send", `{"title":"my title","message":"new message","ref_id":"6298fcc3e0b6840012b6abfa"}`},
		{"console", func() (string, error) { return svc.Console(ctx, "hello", time.UnixMilli(1_700_000_000_123)) },
			"/analysis/services/console/send", `{"message":"hello","timestamp":1700000000123}`},
	}
	for i, c := range calls {
		got, err := c.call()
		if err != nil || got != "Sent" {
			t.Fatalf("%s: %q, %v", c.name, got, err)
		}
		r := api.requests()[i]
		if r.Method != http.MethodPost || r.Path != c.path || r.Token != testAnalysisToken {
			t.Fatalf("%s: %s %s with token %q", c.name, r.Method, r.Path, r.Token)
		}
		jsonEqual(t, r.Body, c.wantBody)
	}
}

func TestServicesRefuseIncompleteMessagesWithoutSending(t *testing.T) {
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) { answer(w, "Sent") })
	svc := NewServices(newTestClient(t, api.URL, testAnalysisToken))
	ctx := context.Background()
	bad := 3
	for name, call := range map[string]func() (string, error){
		"sms without to":          func() (string, error) { return svc.SMS(ctx, SMS{Message: "x"}) },
		"email without recipient": func() (string, error) { return svc.Email(ctx, Email{Subject: "s", Message: "m"}) },
		"email without body":      func() (string, error) { return svc.Email(ctx, Email{To: []string{"a@b.c"}, Subject: "s"}) },
		"email template no name": func() (string, error) {
			return svc.Email(ctx, Email{To: []string{"a@b.c"}, Template: &EmailTemplate{}})
		},
		"mqtt without topic": func() (string, error) {
			return svc.MQTT(ctx, MQTTMessage{Message: "m", Device: "6298fcc3e0b6840012b6abfa"})
		},
		"mqtt qos 3": func() (string, error) {
			return svc.MQTT(ctx, MQTTMessage{Topic: "t", Device: "6298fcc3e0b6840012b6abfa", QoS: &bad})
		},
		"mqtt without device": func() (string, error) { return svc.MQTT(ctx, MQTTMessage{Topic: "t", Message: "m"}) },
		"notification button id": func() (string, error) {
			return svc.Notification(ctx, Notification{Title: "t", Message: "m", Buttons: []NotificationButton{{ID: "has space"}}})
		},
		"notification without msg": func() (string, error) { return svc.Notification(ctx, Notification{Title: "t"}) },
	} {
		if _, err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if n := len(api.requests()); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
}

func TestNotificationsAcceptAndRefusePressTheShareButtons(t *testing.T) {
	const id = "6298fcc3e0b6840012b6aaaa"
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		if r.Method == http.MethodGet {
			answer(w, []map[string]any{
				{"id": "6298fcc3e0b6840012b6bbbb", "title": "other", "message": "m", "buttons": []any{}},
				{"id": id, "title": "Profile shared", "message": "John shared a profile", "read": false, "buttons": []map[string]any{
					{"id": "yes-btn", "label": "Yes", "triggers": []map[string]any{{"share_profile": "accept"}}},
					{"id": "no-btn", "label": "No", "triggers": []map[string]any{{"share_profile": "refuse"}}},
				}},
			})
			return
		}
		answer(w, "Notification button pressed")
	})
	n := NewNotifications(newTestClient(t, api.URL, testProfileToken))
	ctx := context.Background()
	if err := n.Accept(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := n.Refuse(ctx, id); err != nil {
		t.Fatal(err)
	}
	var presses []string
	for _, r := range api.requests() {
		if r.Method == http.MethodPut {
			presses = append(presses, r.Path)
		}
	}
	if len(presses) != 2 || presses[0] != "/notification/"+id+"/yes-btn" || presses[1] != "/notification/"+id+"/no-btn" {
		t.Fatalf("pressed %v", presses)
	}
	err := n.Accept(ctx, "6298fcc3e0b6840012b6bbbb")
	if err == nil || !strings.Contains(err.Error(), `no "accept" button`) {
		t.Fatalf("accept without a button: %v", err)
	}
	if err := n.MarkRead(ctx, id, "6298fcc3e0b6840012b6bbbb"); err != nil {
		t.Fatal(err)
	}
	last := api.requests()[len(api.requests())-1]
	if last.Path != "/notification/read" {
		t.Fatalf("mark read went to %s", last.Path)
	}
	jsonEqual(t, last.Body, `{"notification_ids":["`+id+`","6298fcc3e0b6840012b6bbbb"],"read":true}`)
}

func TestProfileTokensMaskThePasswordAndTheNewToken(t *testing.T) {
	const password = "correct-horse-battery"
	const minted = "p-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		switch {
		case strings.Contains(body, "wrong"):
			refuse(w, http.StatusUnauthorized, "Invalid password: "+password) // a server that echoes it
		case r.Method == http.MethodPost:
			answer(w, map[string]any{"token": minted, "expire_time": "never", "permission": "full"})
		default:
			refuse(w, http.StatusBadRequest, "bad token "+minted)
		}
	})
	c := newTestClient(t, api.URL, testProfileToken)
	tokens := NewProfileTokens(c)
	ctx := context.Background()
	created, err := tokens.Create(ctx, "6298fcc3e0b6840012b6abfa", ProfileTokenCreate{Name: "ci", Permission: "full", Email: "me@example.com", Password: password})
	if err != nil {
		t.Fatal(err)
	}
	if created.Token != minted || created.ExpireDate != "" || created.Permission != "full" {
		t.Fatalf("created = %+v", created)
	}
	jsonEqual(t, api.requests()[0].Body, `{"name":"ci","permission":"full","email":"me@example.com","password":"`+password+`"}`)
	if api.requests()[0].Path != "/profile/6298fcc3e0b6840012b6abfa/token" {
		t.Fatalf("path %s", api.requests()[0].Path)
	}
	_, err = tokens.Create(ctx, "6298fcc3e0b6840012b6abfa", ProfileTokenCreate{Name: "wrong", Permission: "full", Email: "me@example.com", Password: password})
	if err == nil || strings.Contains(err.Error(), password) || !strings.Contains(err.Error(), client.MaskPlaceholder) {
		t.Fatalf("error %v must mask the password", err)
	}
	err = tokens.Delete(ctx, "6298fcc3e0b6840012b6abfa", minted)
	if err == nil || strings.Contains(err.Error(), minted) {
		t.Fatalf("error %v must mask the token (in the path and the message)", err)
	}
	if _, err := tokens.Create(ctx, "x", ProfileTokenCreate{Name: "n", Permission: "admin", Email: "e", Password: "p"}); err == nil {
		t.Error("an unknown permission must fail before sending")
	}
}

func TestAnalysesRunSendsTheScope(t *testing.T) {
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		answer(w, map[string]any{"analysis_token": "a-11111111-2222-3333-4444-555555555555"})
	})
	tok, err := NewAnalyses(newTestClient(t, api.URL, testProfileToken)).Run(context.Background(), "6298fcc3e0b6840012b6abfa",
		[]Record{{Variable: "alarm", Value: "On"}})
	if err != nil || tok != "a-11111111-2222-3333-4444-555555555555" {
		t.Fatalf("run: %q, %v", tok, err)
	}
	r := api.requests()[0]
	if r.Path != "/analysis/6298fcc3e0b6840012b6abfa/run" {
		t.Fatalf("path %s", r.Path)
	}
	jsonEqual(t, r.Body, `{"scope":[{"variable":"alarm","value":"On"}]}`)
}

func TestDeviceInfoAndParams(t *testing.T) {
	api := newScriptedAPI(t, func(w http.ResponseWriter, r *http.Request, body string) {
		switch {
		case r.URL.Path == "/info":
			answer(w, map[string]any{"id": "6298fcc3e0b6840012b6abfa", "name": "Sensor", "type": "mutable", "active": true})
		case r.Method == http.MethodGet:
			answer(w, []map[string]any{{"id": "p1", "key": "rate", "value": "5", "sent": false}})
		default:
			answer(w, "Params Successfully Updated")
		}
	})
	dev := NewDevice(newTestClient(t, api.URL, testDeviceToken))
	ctx := context.Background()
	info, err := dev.Info(ctx)
	if err != nil || info.ID != "6298fcc3e0b6840012b6abfa" || info.Name != "Sensor" || info.Type != "mutable" {
		t.Fatalf("info = %+v, %v", info, err)
	}
	unsent := false
	params, err := dev.Params(ctx, &unsent)
	if err != nil || len(params) != 1 || params[0].Key != "rate" || params[0].Sent {
		t.Fatalf("params = %+v, %v", params, err)
	}
	if err := dev.MarkParamSent(ctx, "p1"); err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if reqs[1].Path != "/device/params" || reqs[1].Query != "sent_status=false" {
		t.Errorf("params request %s?%s", reqs[1].Path, reqs[1].Query)
	}
	if reqs[2].Method != http.MethodPut || reqs[2].Path != "/device/params/p1" {
		t.Errorf("mark sent request %s %s", reqs[2].Method, reqs[2].Path)
	}
	jsonEqual(t, reqs[2].Body, `{"sent":true}`)
}
