package emulator

import (
	"net/http"
)

// TagoRUN user notifications (docs/api-notes.md §2.11): the same NotificationCreate as the
// account's notifications, addressed to one run user (stored in
// collRunNotifications with RunUser set).
func (e *Emulator) registerRunNotifications(r *Router) {
	r.Handle("GET", "/run/notification/{userID}", e.listRunNotifications, kindProfile)
	r.Handle("POST", "/run/notification", e.createRunNotification, kindProfile)
	r.Handle("PUT", "/run/notification/{id}", e.editRunNotification, kindProfile)
	r.Handle("DELETE", "/run/notification/{id}", e.deleteRunNotification, kindProfile)
}

// runUserExists checks the run user slice's collection, decoding only the id so that
// this file does not depend on that slice's types.
func runUserExists(tx Tx, id string) (bool, error) {
	if !isObjectID(id) {
		return false, nil
	}
	u, err := getDoc[struct {
		ID string `json:"id"`
	}](tx, collRunUsers, id)
	return u != nil && u.ID != "", err
}

func loadRunNotification(tx Tx, id string) (*notificationDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Notification ID")
	}
	n, err := getDoc[notificationDoc](tx, collRunNotifications, id)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return nil, notFound("Notification not found")
	}
	return n, nil
}

// listRunNotifications returns every notification of the user, newest first; the SDK
// sends no paging parameters here.
func (e *Emulator) listRunNotifications(c *Ctx) (int, any, error) {
	userID := c.Param("userID")
	var docs []*notificationDoc
	err := e.store.View(func(tx Tx) error {
		ok, err := runUserExists(tx, userID)
		if err != nil {
			return err
		}
		if !ok {
			return notFound("User Not Found")
		}
		docs, err = listDocs[notificationDoc](tx, collRunNotifications, func(n *notificationDoc) bool { return n.RunUser == userID })
		return err
	})
	if err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, n := range docs {
		items = append(items, notificationRecord(n))
	}
	sortRecords(items, "created_at", true)
	return http.StatusOK, items, nil
}

// createRunNotification: {run_user, title, message, buttons?, ...} -> {id}. The OAS
// documents 200 (not 201) for it.
func (e *Emulator) createRunNotification(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	userID, err := requireString(body, "run_user")
	if err != nil {
		return 0, nil, err
	}
	n, err := parseNotificationCreate(body, c.Now)
	if err != nil {
		return 0, nil, err
	}
	n.RunUser = userID
	err = e.store.Update(func(tx Tx) error {
		ok, err := runUserExists(tx, userID)
		if err != nil {
			return err
		}
		if !ok {
			return badRequest("Run user %s not found", userID)
		}
		return putDoc(tx, collRunNotifications, n.ID, n)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"id": n.ID}, nil
}

func (e *Emulator) editRunNotification(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		n, err := loadRunNotification(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if err := applyNotificationBody(n, body, false); err != nil {
			return err
		}
		return putDoc(tx, collRunNotifications, n.ID, n)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "TagoIO Notification User Successfully Updated", nil
}

func (e *Emulator) deleteRunNotification(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		n, err := loadRunNotification(tx, c.Param("id"))
		if err != nil {
			return err
		}
		return tx.Delete(collRunNotifications, n.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}
