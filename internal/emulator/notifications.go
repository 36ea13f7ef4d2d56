package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// notificationDoc is an account notification (docs/api-notes.md §2.10) or, with RunUser
// set, a TagoRUN user's notification (§2.11); both share NotificationCreate.
type notificationDoc struct {
	ID                 string          `json:"id"`
	RunUser            string          `json:"run_user,omitempty"`
	Title              string          `json:"title"`
	Message            string          `json:"message"`
	Read               bool            `json:"read"`
	Icon               json.RawMessage `json:"icon,omitempty"`
	Buttons            []jsonBody      `json:"buttons"` // kept verbatim; each has a valid id
	ButtonsEnabled     bool            `json:"buttons_enabled"`
	ButtonsAutodisable bool            `json:"buttons_autodisable"`
	RefID              *string         `json:"ref_id,omitempty"` // old services' link to a dashboard or bucket
	// Presses records the buttons pressed (PUT /notification/{id}/{buttonID}); the
	// emulator runs no trigger, so this is where a test sees the press.
	Presses   []buttonPress `json:"presses,omitempty"`
	CreatedAt apiTime       `json:"created_at"`
}

type buttonPress struct {
	Button string  `json:"button"`
	At     apiTime `json:"at"`
}

// notificationRecord is NotificationInfo (JS notifications.types.ts, OAS run example).
func notificationRecord(n *notificationDoc) record {
	buttons := n.Buttons
	if buttons == nil {
		buttons = []jsonBody{}
	}
	r := record{
		"id": n.ID, "title": n.Title, "message": n.Message, "read": n.Read, "buttons": buttons,
		"buttons_enabled": n.ButtonsEnabled, "buttons_autodisable": n.ButtonsAutodisable,
		"created_at": n.CreatedAt,
	}
	if len(n.Icon) > 0 {
		r["icon"] = n.Icon
	}
	if n.RefID != nil {
		r["ref_id"] = *n.RefID
	}
	if n.RunUser != "" {
		r["run_user"] = n.RunUser
	}
	return r
}

// parseNotificationCreate validates a NotificationCreate body: title and message
// required. buttons_enabled and buttons_autodisable default to true, as in every OAS
// example of a notification.
func parseNotificationCreate(body jsonBody, now time.Time) (*notificationDoc, error) {
	n := &notificationDoc{
		ID: newObjectID(), Buttons: []jsonBody{}, ButtonsEnabled: true, ButtonsAutodisable: true,
		CreatedAt: apiTime(now),
	}
	if err := applyNotificationBody(n, body, true); err != nil {
		return nil, err
	}
	return n, nil
}

// applyNotificationBody applies a create (all required fields) or a partial edit.
func applyNotificationBody(n *notificationDoc, body jsonBody, create bool) error {
	for _, f := range []struct {
		key string
		dst *string
	}{{"title", &n.Title}, {"message", &n.Message}} {
		v, present, err := body.str(f.key)
		if err != nil {
			return err
		}
		if (present || create) && strings.TrimSpace(v) == "" {
			return badRequest("%s is required and must be a non-empty string", f.key)
		}
		if present {
			*f.dst = v
		}
	}
	for _, f := range []struct {
		key string
		dst *bool
	}{{"read", &n.Read}, {"buttons_enabled", &n.ButtonsEnabled}, {"buttons_autodisable", &n.ButtonsAutodisable}} {
		if v, present, err := body.boolean(f.key); err != nil {
			return err
		} else if present {
			*f.dst = v
		}
	}
	if body.has("icon") {
		if body.isNull("icon") {
			n.Icon = nil
		} else if _, err := parseObject(body["icon"]); err != nil {
			return badRequest("icon must be an object ({image_url, ...} or {svg_url, ...})")
		} else {
			n.Icon = append(json.RawMessage(nil), body["icon"]...)
		}
	}
	if v, present, err := body.nullableStr("ref_id"); err != nil {
		return err
	} else if present {
		n.RefID = v
	}
	if body.has("buttons") {
		buttons, err := parseButtons(body)
		if err != nil {
			return err
		}
		n.Buttons = buttons // replace, not merge
	}
	return nil
}

// parseButtons validates buttons: objects with a unique id without spaces (OAS) and
// a label; the rest (color, triggers, the OAS run example's url and analysis) is
// kept as sent.
func parseButtons(body jsonBody) ([]jsonBody, error) {
	if body.isNull("buttons") {
		return []jsonBody{}, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(body["buttons"], &items); err != nil {
		return nil, badRequest("buttons must be an array of {id, label, ...} objects")
	}
	out := make([]jsonBody, 0, len(items))
	var ids []string
	for i, it := range items {
		b, err := parseObject(it)
		if err != nil {
			return nil, badRequest("buttons[%d] must be an object", i)
		}
		id, present, err := b.str("id")
		if err != nil || !present || id == "" {
			return nil, badRequest("buttons[%d].id is required and must be a non-empty string", i)
		}
		if strings.ContainsAny(id, " \t\r\n") {
			return nil, badRequest("buttons[%d].id %q must not contain spaces", i, id)
		}
		if slices.Contains(ids, id) {
			return nil, badRequest("buttons[%d].id %q is used twice", i, id)
		}
		ids = append(ids, id)
		if _, err := requireString(b, "label"); err != nil {
			return nil, badRequest("buttons[%d].label is required and must be a non-empty string", i)
		}
		if b.has("triggers") && !b.isNull("triggers") {
			var triggers []json.RawMessage
			if err := json.Unmarshal(b["triggers"], &triggers); err != nil {
				return nil, badRequest("buttons[%d].triggers must be an array", i)
			}
		}
		out = append(out, b)
	}
	return out, nil
}

// buttonID returns a stored button's id.
func buttonID(b jsonBody) string {
	id, _, _ := b.str("id")
	return id
}

// press records a button press. Pressing reads the notification, and with
// buttons_autodisable it disables the buttons, as the admin does.
func (n *notificationDoc) press(button string, now time.Time) error {
	found := false
	for _, b := range n.Buttons {
		found = found || buttonID(b) == button
	}
	if !found {
		return badRequest("The notification has no button %q", button)
	}
	if !n.ButtonsEnabled {
		return badRequest("The buttons of this notification are disabled")
	}
	n.Presses = append(n.Presses, buttonPress{Button: button, At: apiTime(now)})
	n.Read = true
	if n.ButtonsAutodisable {
		n.ButtonsEnabled = false
	}
	return nil
}

var notificationListSpec = listSpec{
	defaultFields: []string{
		"id", "title", "message", "read", "icon", "buttons", "buttons_enabled",
		"buttons_autodisable", "ref_id", "created_at",
	},
	alwaysFields: []string{"id"},
	defaultOrder: "created_at,desc",
	filters: map[string]filterKind{
		"id": filterString, "title": filterString, "message": filterString,
		"read": filterBool, "created_at": filterDate,
	},
}

func (e *Emulator) registerNotifications(r *Router) {
	r.Handle("GET", "/notification", e.listNotifications, kindProfile)
	r.Handle("POST", "/notification", e.createNotification, kindProfile)
	r.Handle("PUT", "/notification/read", e.markNotificationsRead, kindProfile)
	r.Handle("PUT", "/notification/markallread", e.markAllNotificationsRead, kindProfile)
	r.Handle("PUT", "/notification/{id}/{buttonID}", e.pressNotificationButton, kindProfile)
	r.Handle("DELETE", "/notification/{id}", e.deleteNotification, kindProfile)
	// Old SDKs (docs/api-notes.md §7): accept/refuse became buttons.
	r.Handle("POST", "/notification/accept/{id}", e.acceptNotification, kindProfile)
	r.Handle("POST", "/notification/refuse/{id}", e.refuseNotification, kindProfile)
}

// loadNotification loads an account notification (not a run user's).
func loadNotification(tx Tx, id string) (*notificationDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Notification ID")
	}
	n, err := getDoc[notificationDoc](tx, collNotifications, id)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return nil, notFound("Notification not found")
	}
	return n, nil
}

func (e *Emulator) listNotifications(c *Ctx) (int, any, error) {
	var docs []*notificationDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[notificationDoc](tx, collNotifications, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, n := range docs {
		items = append(items, notificationRecord(n))
	}
	out, err := runList(c.Query, items, notificationListSpec, c.Now)
	return http.StatusOK, out, err
}

func (e *Emulator) createNotification(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	n, err := parseNotificationCreate(body, c.Now)
	if err != nil {
		return 0, nil, err
	}
	if err := e.store.Update(func(tx Tx) error { return putDoc(tx, collNotifications, n.ID, n) }); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"id": n.ID}, nil
}

// markNotificationsRead: {notification_ids: [...] (or one id), read: bool}. Unknown
// ids are refused, so that a typo does not pass silently.
func (e *Emulator) markNotificationsRead(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	read, present, err := body.boolean("read")
	if err != nil {
		return 0, nil, err
	}
	if !present {
		read = true
	}
	var ids []string
	if err := json.Unmarshal(body["notification_ids"], &ids); err != nil || len(ids) == 0 {
		var one string
		if err := json.Unmarshal(body["notification_ids"], &one); err != nil || one == "" {
			return 0, nil, badRequest("notification_ids is required: an array of notification ids")
		}
		ids = []string{one}
	}
	err = e.store.Update(func(tx Tx) error {
		for _, id := range ids {
			n, err := loadNotification(tx, id)
			if err != nil {
				return err
			}
			n.Read = read
			if err := putDoc(tx, collNotifications, n.ID, n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

func (e *Emulator) markAllNotificationsRead(*Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		docs, err := listDocs[notificationDoc](tx, collNotifications, func(n *notificationDoc) bool { return !n.Read })
		if err != nil {
			return err
		}
		for _, n := range docs {
			n.Read = true
			if err := putDoc(tx, collNotifications, n.ID, n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

func (e *Emulator) pressNotificationButton(c *Ctx) (int, any, error) {
	return e.pressButton(c, c.Param("id"), func(*notificationDoc) string { return c.Param("buttonID") })
}

// The old accept/refuse routes (notifications of a profile share) map onto the
// button that carries the matching share_profile trigger, or else onto a button whose
// id is "accept" / "refuse".
func (e *Emulator) acceptNotification(c *Ctx) (int, any, error) {
	return e.pressButton(c, c.Param("id"), func(n *notificationDoc) string { return legacyButton(n, "accept") })
}

func (e *Emulator) refuseNotification(c *Ctx) (int, any, error) {
	return e.pressButton(c, c.Param("id"), func(n *notificationDoc) string { return legacyButton(n, "refuse") })
}

func legacyButton(n *notificationDoc, action string) string {
	for _, b := range n.Buttons {
		var triggers []struct {
			ShareProfile string `json:"share_profile"`
		}
		if json.Unmarshal(b["triggers"], &triggers) == nil {
			for _, t := range triggers {
				if t.ShareProfile == action {
					return buttonID(b)
				}
			}
		}
	}
	for _, b := range n.Buttons {
		if strings.EqualFold(buttonID(b), action) {
			return buttonID(b)
		}
	}
	return action // press fails with "no button" and names it
}

func (e *Emulator) pressButton(c *Ctx, id string, button func(*notificationDoc) string) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		n, err := loadNotification(tx, id)
		if err != nil {
			return err
		}
		if err := n.press(button(n), c.Now); err != nil {
			return err
		}
		return putDoc(tx, collNotifications, n.ID, n)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Button pressed", nil
}

func (e *Emulator) deleteNotification(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		n, err := loadNotification(tx, c.Param("id"))
		if err != nil {
			return err
		}
		return tx.Delete(collNotifications, n.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}
