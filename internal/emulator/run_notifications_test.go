package emulator

import (
	"strings"
	"testing"
)

// dpRunUser stores a run user as the run-users slice does (only the id matters here).
func dpRunUser(t *testing.T, e *Emulator) string {
	t.Helper()
	id := newObjectID()
	if err := e.store.Update(func(tx Tx) error {
		return putDoc(tx, collRunUsers, id, map[string]any{"id": id, "name": "User", "email": id + "@x.y"})
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestRunNotifications(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	u1, u2 := dpRunUser(t, e), dpRunUser(t, e)
	create := func(user, title string, extra map[string]any) string {
		t.Helper()
		body := map[string]any{"run_user": user, "title": title, "message": "m"}
		for k, v := range extra {
			body[k] = v
		}
		var res map[string]string
		req(t, e, "POST", "/run/notification/", tok, body).ok(t, 200, &res)
		if !isObjectID(res["id"]) {
			t.Fatalf("create answered %v", res)
		}
		return res["id"]
	}
	n1 := create(u1, "first", map[string]any{"buttons": []map[string]any{{"id": "btn_1", "label": "Ack", "analysis": "x", "url": "https://e.x"}}})
	n2 := create(u1, "second", nil)
	create(u2, "other user", nil)

	list := getList(t, e, "/run/notification/"+u1)
	if got := strings.Join(pluck(list, "id"), ","); got != n2+","+n1 {
		t.Fatalf("u1 notifications (newest first) %s", got)
	}
	if b := as[[]any](t, list[1]["buttons"]); len(b) != 1 || as[map[string]any](t, b[0])["url"] != "https://e.x" || list[1]["read"] != false {
		t.Fatalf("notification %v", list[1])
	}
	var s string
	req(t, e, "PUT", "/run/notification/"+n1, tok, map[string]any{"title": "renamed", "read": true, "buttons_enabled": false}).ok(t, 200, &s)
	if s != "TagoIO Notification User Successfully Updated" {
		t.Fatal(s)
	}
	got := getList(t, e, "/run/notification/"+u1)[1]
	if got["title"] != "renamed" || got["read"] != true || got["buttons_enabled"] != false || got["message"] != "m" {
		t.Fatalf("edited %v", got)
	}
	req(t, e, "PUT", "/run/notification/"+n1, tok, map[string]any{"title": ""}).fail(t, 400, "title is required")
	req(t, e, "DELETE", "/run/notification/"+n2, tok, nil).ok(t, 200, &s)
	if s != "Successfully Removed" || len(getList(t, e, "/run/notification/"+u1)) != 1 {
		t.Fatalf("delete %q", s)
	}
	if l := getList(t, e, "/run/notification/"+u2); len(l) != 1 || l[0]["title"] != "other user" {
		t.Fatalf("u2 %v", l)
	}
	// run notifications are not account notifications
	if l := getList(t, e, "/notification"); len(l) != 0 {
		t.Fatalf("account list shows run notifications: %v", l)
	}

	req(t, e, "POST", "/run/notification", tok, map[string]any{"run_user": "aaaaaaaaaaaaaaaaaaaaaaaa", "title": "t", "message": "m"}).fail(t, 400, "Run user aaaaaaaaaaaaaaaaaaaaaaaa not found")
	req(t, e, "POST", "/run/notification", tok, map[string]any{"title": "t", "message": "m"}).fail(t, 400, "run_user is required")
	req(t, e, "POST", "/run/notification", tok, map[string]any{"run_user": u1, "message": "m"}).fail(t, 400, "title is required")
	req(t, e, "POST", "/run/notification", tok, map[string]any{"run_user": u1, "title": "t", "message": "m", "buttons": []map[string]any{{"id": "a b", "label": "x"}}}).fail(t, 400, "must not contain spaces")
	req(t, e, "GET", "/run/notification/aaaaaaaaaaaaaaaaaaaaaaaa", tok, nil).fail(t, 404, "User Not Found")
	req(t, e, "PUT", "/run/notification/aaaaaaaaaaaaaaaaaaaaaaaa", tok, map[string]any{"read": true}).fail(t, 404, "Notification not found")
	req(t, e, "DELETE", "/run/notification/nope", tok, nil).fail(t, 400, "Invalid Notification ID")
}
