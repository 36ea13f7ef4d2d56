package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
)

// actionDoc is a stored action (docs/api-notes.md §2.6, JS actions.types). trigger and action
// are kept as sent (after validation): they are replaced wholesale on edit.
type actionDoc struct {
	ID                string          `json:"id"`
	Name              string          `json:"name"`
	Description       *string         `json:"description"`
	Active            bool            `json:"active"`
	Lock              bool            `json:"lock"`
	Type              string          `json:"type"`
	Tags              []tag           `json:"tags"`
	Trigger           json.RawMessage `json:"trigger"`
	Action            json.RawMessage `json:"action"`
	TriggerWhenUnlock bool            `json:"trigger_when_unlock"`
	Profile           string          `json:"profile"`
	LastTriggered     *apiTime        `json:"last_triggered"`
	CreatedAt         apiTime         `json:"created_at"`
	UpdatedAt         apiTime         `json:"updated_at"`
}

// actionRecord is ActionInfo. last_triggered is null until the action fires: the SDK
// types "never" | Date and the CLI has seen both "never" and an absent key; null is
// what a client decoding a date survives (same reading as token expire_time).
func actionRecord(a *actionDoc) record {
	tags := a.Tags
	if tags == nil {
		tags = []tag{}
	}
	trigger := a.Trigger
	if isJSONNull(trigger) {
		trigger = json.RawMessage("[]")
	}
	return record{
		"id": a.ID, "name": a.Name, "description": a.Description, "active": a.Active,
		"lock": a.Lock, "type": a.Type, "tags": tags, "trigger": trigger, "action": a.Action,
		"trigger_when_unlock": a.TriggerWhenUnlock, "profile": a.Profile,
		"last_triggered": a.LastTriggered, "created_at": a.CreatedAt, "updated_at": a.UpdatedAt,
	}
}

var actionListSpec = listSpec{
	defaultFields: []string{"id", "name"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "name,asc",
	filters: map[string]filterKind{
		"id": filterString, "name": filterString, "active": filterBool, "lock": filterBool,
		"type": filterString, "tags": filterTags,
		"created_at": filterDate, "updated_at": filterDate, "last_triggered": filterDate,
	},
}

func (e *Emulator) registerActions(r *Router) {
	r.Handle("GET", "/action", e.listActions, kindProfile)
	r.Handle("POST", "/action", e.createAction, kindProfile)
	r.Handle("GET", "/action/{id}", e.getAction, kindProfile)
	r.Handle("PUT", "/action/{id}", e.editAction, kindProfile)
	r.Handle("DELETE", "/action/{id}", e.deleteAction, kindProfile)
}

func loadAction(tx Tx, id string) (*actionDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Action ID")
	}
	a, err := getDoc[actionDoc](tx, collActions, id)
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, notFound("Action not found")
	}
	return a, nil
}

func (e *Emulator) listActions(c *Ctx) (int, any, error) {
	var docs []*actionDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[actionDoc](tx, collActions, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, a := range docs {
		items = append(items, actionRecord(a))
	}
	out, err := runList(c.Query, items, actionListSpec, c.Now)
	return http.StatusOK, out, err
}

func (e *Emulator) getAction(c *Ctx) (int, any, error) {
	var a *actionDoc
	if err := e.store.View(func(tx Tx) (err error) {
		a, err = loadAction(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, actionRecord(a), nil
}

// applyActionBody validates body onto a (create: a holds the defaults). The trigger
// is checked whenever it or the type changes, the action payload whenever it is
// sent, so that an edit of the name never fails on a secret deleted since.
func applyActionBody(tx Tx, a *actionDoc, body jsonBody, create bool) error {
	if name, present, err := body.str("name"); err != nil {
		return err
	} else if present || create {
		if strings.TrimSpace(name) == "" {
			return badRequest("name is required and must be a non-empty string")
		}
		a.Name = name
	}
	if v, present, err := body.nullableStr("description"); err != nil {
		return err
	} else if present {
		a.Description = v
	}
	for _, f := range []struct {
		key string
		dst *bool
	}{{"active", &a.Active}, {"lock", &a.Lock}, {"trigger_when_unlock", &a.TriggerWhenUnlock}} {
		if v, present, err := body.boolean(f.key); err != nil {
			return err
		} else if present {
			*f.dst = v
		}
	}
	if v, present, err := body.tags("tags"); err != nil {
		return err
	} else if present {
		a.Tags = v // replace, not merge
	}

	typ, typePresent, err := body.str("type")
	if err != nil {
		return badRequest("type must be one of: %s", strings.Join(actionTypes, ", "))
	}
	if create && !typePresent {
		return badRequest("type is required (one of: %s)", strings.Join(actionTypes, ", "))
	}
	if typePresent {
		if err := validActionType(typ); err != nil {
			return err
		}
		a.Type = typ
	}
	if body.has("trigger") {
		a.Trigger = body["trigger"] // replace, not merge
	}
	if create || typePresent || body.has("trigger") {
		if err := validTriggers(a.Type, a.Trigger); err != nil {
			return err
		}
	}
	if create && !body.has("action") {
		return badRequest("action is required (an object with a type)")
	}
	if body.has("action") {
		if err := validActionPayload(tx, body["action"]); err != nil {
			return err
		}
		a.Action = body["action"] // replace, not merge
	}
	return nil
}

func (e *Emulator) createAction(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	now := apiTime(c.Now)
	a := &actionDoc{
		ID: newObjectID(), Active: true, Tags: []tag{}, Profile: e.profileID,
		CreatedAt: now, UpdatedAt: now,
	}
	err = e.store.Update(func(tx Tx) error {
		if err := applyActionBody(tx, a, body, true); err != nil {
			return err
		}
		return putDoc(tx, collActions, a.ID, a)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"action": a.ID}, nil
}

func (e *Emulator) editAction(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		a, err := loadAction(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if err := applyActionBody(tx, a, body, false); err != nil {
			return err
		}
		a.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collActions, a.ID, a)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

func (e *Emulator) deleteAction(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		a, err := loadAction(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if err := deleteProtected(a.Tags); err != nil {
			return err
		}
		return tx.Delete(collActions, a.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

// deleteProtectionKeys are the tag keys that protect a resource from DELETE
// (docs/api-notes.md §5, §8.6): the tags doc says "_delete_protection_", the API changelog
// "_deletion_protection". Both are honoured, so a client that set either one and
// relies on it is protected; nobody sets these keys expecting nothing to happen.
var deleteProtectionKeys = []string{"_delete_protection_", "_deletion_protection"}

// deleteProtected refuses the delete with the tag's value as the message.
func deleteProtected(tags []tag) error {
	for _, t := range tags {
		for _, k := range deleteProtectionKeys {
			if t.Key == k {
				msg := strings.TrimSpace(t.Value)
				if msg == "" {
					msg = "This resource is protected from deletion (tag " + k + ")"
				}
				return badRequest("%s", msg)
			}
		}
	}
	return nil
}
