package emulator

import (
	"strings"
	"testing"
)

func mkNotification(t *testing.T, e *Emulator, body map[string]any) string {
	t.Helper()
	var res map[string]string
	req(t, e, "POST", "/notification", e.ProfileToken(), body).ok(t, 200, &res)
	if !isObjectID(res["id"]) || len(res) != 1 {
		t.Fatalf("create answered %v", res)
	}
	return res["id"]
}

func TestNotificationsCRUDAndList(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	a := mkNotification(t, e, map[string]any{"title": "A", "message": "first"})
	b := mkNotification(t, e, map[string]any{"title": "B", "message": "second", "read": true,
		"icon": map[string]any{"image_url": "https://x/y.png"}, "buttons_enabled": false, "buttons_autodisable": false})
	c := mkNotification(t, e, map[string]any{"title": "C", "message": "third"})

	list := getList(t, e, "/notification/")
	if got := strings.Join(pluck(list, "id"), ","); got != c+","+b+","+a {
		t.Fatalf("default order (created_at desc): %s", got)
	}
	first := list[2]
	for _, k := range []string{"id", "title", "message", "read", "buttons", "buttons_enabled", "buttons_autodisable", "created_at"} {
		if _, ok := first[k]; !ok {
			t.Fatalf("list item lacks %s: %v", k, first)
		}
	}
	if first["buttons_enabled"] != true || first["buttons_autodisable"] != true || len(as[[]any](t, first["buttons"])) != 0 {
		t.Fatalf("defaults %v", first)
	}
	if as[map[string]any](t, list[1]["icon"])["image_url"] != "https://x/y.png" || list[1]["buttons_enabled"] != false {
		t.Fatalf("icon/buttons_enabled %v", list[1])
	}
	// the JS SDK's tuple orderBy and the string form; filter[read]; paging
	for _, q := range []string{"orderBy[0]=created_at&orderBy[1]=asc", "orderBy=created_at,asc", "orderBy[]=title&orderBy[]=asc"} {
		if got := strings.Join(pluck(getList(t, e, "/notification?"+q), "title"), ""); got != "ABC" {
			t.Fatalf("%s: %s", q, got)
		}
	}
	if got := pluck(getList(t, e, "/notification?filter[read]=true"), "title"); len(got) != 1 || got[0] != "B" {
		t.Fatalf("filter[read]=true: %v", got)
	}
	if got := pluck(getList(t, e, "/notification?filter[read]=false&amount=1&page=2"), "title"); len(got) != 1 || got[0] != "A" {
		t.Fatalf("unread page 2: %v", got)
	}
	if got := getList(t, e, "/notification?fields[]=title&amount=1"); len(got[0]) != 2 || got[0]["title"] != "C" {
		t.Fatalf("fields: %v", got)
	}

	var s string
	req(t, e, "PUT", "/notification/read", tok, map[string]any{"notification_ids": []string{a, c}, "read": true}).ok(t, 200, &s)
	if s != "Successfully Updated" || len(getList(t, e, "/notification?filter[read]=false")) != 0 {
		t.Fatalf("mark read: %q", s)
	}
	req(t, e, "PUT", "/notification/read", tok, map[string]any{"notification_ids": a, "read": false}).ok(t, 200, nil)
	if got := pluck(getList(t, e, "/notification?filter[read]=false"), "id"); len(got) != 1 || got[0] != a {
		t.Fatalf("mark unread: %v", got)
	}
	req(t, e, "PUT", "/notification/read", tok, map[string]any{"notification_ids": []string{"aaaaaaaaaaaaaaaaaaaaaaaa"}, "read": true}).fail(t, 404, "Notification not found")
	req(t, e, "PUT", "/notification/read", tok, map[string]any{"read": true}).fail(t, 400, "notification_ids is required")
	req(t, e, "PUT", "/notification/markallread", tok, nil).ok(t, 200, &s)
	if len(getList(t, e, "/notification?filter[read]=false")) != 0 {
		t.Fatal("markallread left unread notifications")
	}
	req(t, e, "DELETE", "/notification/"+b, tok, nil).ok(t, 200, &s)
	if s != "Successfully Removed" || len(getList(t, e, "/notification")) != 2 {
		t.Fatalf("delete: %q", s)
	}
	req(t, e, "DELETE", "/notification/"+b, tok, nil).fail(t, 404, "Notification not found")
	req(t, e, "DELETE", "/notification/nope", tok, nil).fail(t, 400, "Invalid Notification ID")

	for _, bad := range []struct {
		body map[string]any
		want string
	}{
		{map[string]any{"message": "m"}, "title is required"},
		{map[string]any{"title": "t"}, "message is required"},
		{map[string]any{"title": "t", "message": "m", "buttons": []map[string]any{{"id": "has space", "label": "x"}}}, "must not contain spaces"},
		{map[string]any{"title": "t", "message": "m", "buttons": []map[string]any{{"label": "x"}}}, "buttons[0].id is required"},
		{map[string]any{"title": "t", "message": "m", "buttons": []map[string]any{{"id": "a", "label": "x"}, {"id": "a", "label": "y"}}}, "used twice"},
		{map[string]any{"title": "t", "message": "m", "buttons": []map[string]any{{"id": "a"}}}, "buttons[0].label is required"},
		{map[string]any{"title": "t", "message": "m", "buttons": "x"}, "buttons must be an array"},
		{map[string]any{"title": "t", "message": "m", "icon": "x"}, "icon must be an object"},
	} {
		req(t, e, "POST", "/notification", tok, bad.body).fail(t, 400, bad.want)
	}
}

func TestNotificationButtons(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	buttons := []map[string]any{
		{"id": "ack", "label": "Acknowledge", "color": "green", "triggers": []map[string]any{{"analysis_id": "aaaaaaaaaaaaaaaaaaaaaaaa", "scope": []any{}}}},
		{"id": "ignore", "label": "Ignore"},
	}
	id := mkNotification(t, e, map[string]any{"title": "t", "message": "m", "buttons": buttons, "buttons_autodisable": false})
	var s string
	req(t, e, "PUT", "/notification/"+id+"/ack", tok, nil).ok(t, 200, &s)
	if s != "Button pressed" {
		t.Fatal(s)
	}
	req(t, e, "PUT", "/notification/"+id+"/ignore", tok, nil).ok(t, 200, nil)
	req(t, e, "PUT", "/notification/"+id+"/nope", tok, nil).fail(t, 400, `no button "nope"`)
	var n *notificationDoc
	_ = e.store.View(func(tx Tx) (err error) { n, err = getDoc[notificationDoc](tx, collNotifications, id); return err })
	if len(n.Presses) != 2 || n.Presses[0].Button != "ack" || n.Presses[1].Button != "ignore" || !n.Read {
		t.Fatalf("presses not recorded: %+v", n)
	}
	// buttons come back as sent
	item := getList(t, e, "/notification")[0]
	bs := as[[]any](t, item["buttons"])
	if len(bs) != 2 || as[map[string]any](t, bs[0])["color"] != "green" || len(as[[]any](t, as[map[string]any](t, bs[0])["triggers"])) != 1 {
		t.Fatalf("buttons %v", bs)
	}

	// autodisable: the first press disables the buttons
	auto := mkNotification(t, e, map[string]any{"title": "t", "message": "m", "buttons": buttons})
	req(t, e, "PUT", "/notification/"+auto+"/ack", tok, nil).ok(t, 200, nil)
	req(t, e, "PUT", "/notification/"+auto+"/ignore", tok, nil).fail(t, 400, "buttons of this notification are disabled")
	req(t, e, "PUT", "/notification/aaaaaaaaaaaaaaaaaaaaaaaa/ack", tok, nil).fail(t, 404, "Notification not found")

	// legacy accept/refuse map onto buttons: by share_profile trigger, else by id
	share := mkNotification(t, e, map[string]any{"title": "share", "message": "m", "buttons_autodisable": false, "buttons": []map[string]any{
		{"id": "yes", "label": "Accept", "triggers": []map[string]any{{"share_profile": "accept"}}},
		{"id": "Refuse", "label": "Refuse"},
	}})
	req(t, e, "POST", "/notification/accept/"+share, tok, nil).ok(t, 200, nil)
	req(t, e, "POST", "/notification/refuse/"+share, tok, nil).ok(t, 200, nil)
	_ = e.store.View(func(tx Tx) (err error) { n, err = getDoc[notificationDoc](tx, collNotifications, share); return err })
	if len(n.Presses) != 2 || n.Presses[0].Button != "yes" || n.Presses[1].Button != "Refuse" {
		t.Fatalf("legacy presses %+v", n.Presses)
	}
	req(t, e, "POST", "/notification/accept/"+id, tok, nil).fail(t, 400, `no button "accept"`)
}
