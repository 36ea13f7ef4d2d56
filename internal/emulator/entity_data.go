package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"
)

// Entity data: the records of an entity, each an object of its schema's fields plus id,
// created_at and updated_at. Stored in collEntityData keyed "<entity id>/<record id>".

func entityDataKey(entityID, recordID string) string { return entityID + "/" + recordID }

// loadEntityRecords returns every record of an entity, in key order.
func loadEntityRecords(tx Tx, entityID string) ([]record, error) {
	var out []record
	prefix := entityID + "/"
	err := tx.ForEach(collEntityData, func(id string, b []byte) error {
		if !strings.HasPrefix(id, prefix) {
			return nil
		}
		var r record
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// deleteEntityRecords deletes the records with the given ids (all when ids is nil) and returns
// how many it deleted through n.
func deleteEntityRecords(tx Tx, entityID string, ids map[string]bool) error {
	records, err := loadEntityRecords(tx, entityID)
	if err != nil {
		return err
	}
	for _, r := range records {
		id, _ := r["id"].(string)
		if ids == nil || ids[id] {
			if err := tx.Delete(collEntityData, entityDataKey(entityID, id)); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkEntityValue checks a value against a field type; null is always accepted (a missing
// required field is caught separately).
func checkEntityValue(field string, f entityField, v any) error {
	if v == nil {
		return nil
	}
	ok := true
	switch f.Type {
	case "string", "text", "uuid":
		_, ok = v.(string)
	case "int":
		n, isNum := v.(float64)
		ok = isNum && n == math.Trunc(n)
	case "float":
		_, ok = v.(float64)
	case "boolean":
		_, ok = v.(bool)
	case "timestamp":
		s, isStr := v.(string)
		if isStr {
			_, err := time.Parse(time.RFC3339Nano, s)
			ok = err == nil
		} else {
			_, ok = v.(float64)
		}
	case "json":
		// any JSON value
	}
	if !ok {
		return badRequest("%s must be a %s value", field, f.Type)
	}
	return nil
}

// entityRecordFromBody validates one record against the schema. A record to add needs its
// required fields; an edit needs its id.
func entityRecordFromBody(d *entityDoc, body map[string]any, editing bool) (record, error) {
	out := record{}
	for k, v := range body {
		if k == "id" || k == "created_at" || k == "updated_at" {
			continue
		}
		f, ok := d.Schema[k]
		if !ok {
			return nil, badRequest("%s is not a field of entity %s", k, d.Name)
		}
		if err := checkEntityValue(k, f, v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	if !editing {
		for k, f := range d.Schema {
			if _, builtIn := builtInEntityFields[k]; builtIn || !f.Required {
				continue
			}
			if out[k] == nil {
				return nil, badRequest("%s is required", k)
			}
		}
	}
	return out, nil
}

// entityDataBody reads one object or an array of objects.
func entityDataBody(c *Ctx) ([]map[string]any, error) {
	b, err := readBody(c.R)
	if err != nil {
		return nil, err
	}
	var one map[string]any
	if err := json.Unmarshal(b, &one); err == nil && one != nil {
		return []map[string]any{one}, nil
	}
	var many []map[string]any
	if err := json.Unmarshal(b, &many); err != nil {
		return nil, badRequest("the body must be a record object or an array of record objects")
	}
	return many, nil
}

func (e *Emulator) addEntityData(c *Ctx) (int, any, error) {
	items, err := entityDataBody(c)
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		d, err := loadEntity(tx, c.Param("id"))
		if err != nil {
			return err
		}
		for i, it := range items {
			r, err := entityRecordFromBody(d, it, false)
			if err != nil {
				var apiErr *apiError
				if len(items) > 1 && errors.As(err, &apiErr) {
					return badRequest("record %d: %s", i, apiErr.Message)
				}
				return err
			}
			id := newObjectID()
			now := apiTime(c.Now)
			r["id"], r["created_at"], r["updated_at"] = id, now, now
			if err := putDoc(tx, collEntityData, entityDataKey(d.ID, id), r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, fmt.Sprintf("%d Data Added", len(items)), nil
}

func (e *Emulator) editEntityData(c *Ctx) (int, any, error) {
	items, err := entityDataBody(c)
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		d, err := loadEntity(tx, c.Param("id"))
		if err != nil {
			return err
		}
		for _, it := range items {
			id, _ := it["id"].(string)
			if id == "" {
				return badRequest("id is required to edit a record")
			}
			changes, err := entityRecordFromBody(d, it, true)
			if err != nil {
				return err
			}
			stored, err := getDoc[record](tx, collEntityData, entityDataKey(d.ID, id))
			if err != nil {
				return err
			}
			if stored == nil {
				return notFound("Record %s not found", id)
			}
			for k, v := range changes {
				(*stored)[k] = v
			}
			(*stored)["updated_at"] = apiTime(c.Now)
			if err := putDoc(tx, collEntityData, entityDataKey(d.ID, id), stored); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, fmt.Sprintf("%d item(s) updated", len(items)), nil
}

func (e *Emulator) deleteEntityData(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	var ids []string
	if raw, ok := body["ids"]; ok {
		if err := json.Unmarshal(raw, &ids); err != nil {
			return 0, nil, badRequest("ids must be an array of record ids")
		}
	}
	if len(ids) == 0 {
		return 0, nil, badRequest("ids is required: the records to delete")
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	deleted := 0
	err = e.store.Update(func(tx Tx) error {
		d, err := loadEntity(tx, c.Param("id"))
		if err != nil {
			return err
		}
		records, err := loadEntityRecords(tx, d.ID)
		if err != nil {
			return err
		}
		for _, r := range records {
			if id, _ := r["id"].(string); want[id] {
				deleted++
			}
		}
		return deleteEntityRecords(tx, d.ID, want)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, fmt.Sprintf("%d item(s) deleted", deleted), nil
}

func (e *Emulator) emptyEntity(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		d, err := loadEntity(tx, c.Param("id"))
		if err != nil {
			return err
		}
		return deleteEntityRecords(tx, d.ID, nil)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Data Successfully Removed", nil
}

func (e *Emulator) entityDataAmount(c *Ctx) (int, any, error) {
	var n int
	err := e.store.View(func(tx Tx) error {
		d, err := loadEntity(tx, c.Param("id"))
		if err != nil {
			return err
		}
		records, err := loadEntityRecords(tx, d.ID)
		n = len(records)
		return err
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, n, nil
}

// getEntityData lists records with filter (on the fields of the named index), orderBy, paging
// and fields. Every field of the schema is returned unless fields says otherwise; a field a record
// lacks is null.
func (e *Emulator) getEntityData(c *Ctx) (int, any, error) {
	var d *entityDoc
	var records []record
	err := e.store.View(func(tx Tx) (err error) {
		if d, err = loadEntity(tx, c.Param("id")); err != nil {
			return err
		}
		records, err = loadEntityRecords(tx, d.ID)
		return err
	})
	if err != nil {
		return 0, nil, err
	}
	filter := c.Query.Get("filter")
	if keys := filter.Keys(); len(keys) > 0 {
		indexName := c.Query.String("index")
		idx, ok := d.Index[indexName]
		if !ok {
			return 0, nil, badRequest("index is required to filter, and must be an index of the entity")
		}
		for _, k := range keys {
			if !containsString(idx.Fields, k) {
				return 0, nil, badRequest("filter[%s]: the field is not in index %s", k, indexName)
			}
		}
	}
	spec := listSpec{alwaysFields: []string{"id"}, defaultOrder: "created_at,desc", filters: map[string]filterKind{}}
	for _, name := range sortedEntityNames(d.Schema) {
		spec.defaultFields = append(spec.defaultFields, name)
		if d.Schema[name].Type == "timestamp" {
			spec.filters[name] = filterDate
		} else {
			spec.filters[name] = filterString
		}
	}
	for _, r := range records {
		for name := range d.Schema {
			if _, ok := r[name]; !ok {
				r[name] = nil
			}
		}
	}
	out, err := runList(c.Query, records, spec, c.Now)
	return http.StatusOK, out, err
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
