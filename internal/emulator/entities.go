package emulator

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Entities: tables of typed records (OpenAPI "Entity" and "Entity Data" operations, SDK
// Resources.entities). An entity's schema names its fields; id, created_at and updated_at are
// built in, with an index each.
const (
	collEntities   = "entities"    // keyed by entity id
	collEntityData = "entity_data" // keyed "<entity id>/<record id>"
)

// entityField is one field of an entity's schema.
type entityField struct {
	Type     string `json:"type"`
	Required bool   `json:"required"`
}

// entityIndex is a named index over some fields.
type entityIndex struct {
	Fields []string `json:"fields"`
}

type entityDoc struct {
	ID             string                 `json:"id"`
	Name           string                 `json:"name"`
	Profile        string                 `json:"profile"`
	Tags           []tag                  `json:"tags"`
	Schema         map[string]entityField `json:"schema"`
	Index          map[string]entityIndex `json:"index"`
	PayloadDecoder *string                `json:"payload_decoder"`
	CreatedAt      apiTime                `json:"created_at"`
	UpdatedAt      apiTime                `json:"updated_at"`
}

// entityFieldTypes are the types a field may have (SDK EntityFieldType).
var entityFieldTypes = []string{"uuid", "string", "int", "float", "json", "timestamp", "text", "boolean"}

// entityNameRe: a field or index name is a SQL-style identifier.
var entityNameRe = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// builtInEntityFields and their indexes exist in every entity and cannot be changed.
var (
	builtInEntityFields = map[string]entityField{
		"id": {Type: "uuid", Required: true}, "created_at": {Type: "timestamp"}, "updated_at": {Type: "timestamp"},
	}
	builtInEntityIndexes = map[string]entityIndex{
		"id_idx": {Fields: []string{"id"}}, "id_created_at_idx": {Fields: []string{"id", "created_at"}},
		"id_updated_at_idx": {Fields: []string{"id", "updated_at"}},
	}
)

func (e *Emulator) entityRecord(d *entityDoc) record {
	tags := d.Tags
	if tags == nil {
		tags = []tag{}
	}
	return record{
		"id": d.ID, "name": d.Name, "profile": d.Profile, "tags": tags, "schema": d.Schema, "index": d.Index,
		"payload_decoder": d.PayloadDecoder, "database": e.profileID, "created_at": d.CreatedAt, "updated_at": d.UpdatedAt,
	}
}

var entityListSpec = listSpec{
	defaultFields: []string{"id", "profile", "name", "tags"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "name,asc",
	filters: map[string]filterKind{
		"id": filterString, "name": filterString, "tags": filterTags, "created_at": filterDate, "updated_at": filterDate,
	},
}

func (e *Emulator) registerEntities(r *Router) {
	r.Handle("GET", "/entity", e.listEntities, kindProfile)
	r.Handle("POST", "/entity", e.createEntity, kindProfile)
	r.Handle("GET", "/entity/{id}", e.getEntity, kindProfile)
	r.Handle("PUT", "/entity/{id}", e.editEntity, kindProfile)
	r.Handle("DELETE", "/entity/{id}", e.deleteEntity, kindProfile)
	r.Handle("PUT", "/entity/{id}/schema", e.editEntitySchema, kindProfile)
	r.Handle("GET", "/entity/{id}/data_amount", e.entityDataAmount, kindProfile|kindAnalysis)
	r.Handle("GET", "/entity/{id}/data", e.getEntityData, kindProfile|kindAnalysis)
	r.Handle("POST", "/entity/{id}/data", e.addEntityData, kindProfile|kindAnalysis)
	r.Handle("PUT", "/entity/{id}/data", e.editEntityData, kindProfile|kindAnalysis)
	r.Handle("DELETE", "/entity/{id}/data", e.deleteEntityData, kindProfile|kindAnalysis)
	r.Handle("POST", "/entity/{id}/empty", e.emptyEntity, kindProfile)
}

func loadEntity(tx Tx, id string) (*entityDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Entity ID")
	}
	d, err := getDoc[entityDoc](tx, collEntities, id)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, notFound("Entity not found")
	}
	return d, nil
}

func (e *Emulator) listEntities(c *Ctx) (int, any, error) {
	var docs []*entityDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[entityDoc](tx, collEntities, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, d := range docs {
		items = append(items, e.entityRecord(d))
	}
	out, err := runList(c.Query, items, entityListSpec, c.Now)
	return http.StatusOK, out, err
}

func (e *Emulator) getEntity(c *Ctx) (int, any, error) {
	var d *entityDoc
	if err := e.store.View(func(tx Tx) (err error) {
		d, err = loadEntity(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, e.entityRecord(d), nil
}

// entityChange is one entry of a schema or index object: {action, ...}. Without an action, an
// entry creates (the create route's documented form has none).
type entityChange struct {
	Action   string   `json:"action"`
	Type     *string  `json:"type"`
	Required *bool    `json:"required"`
	NewName  string   `json:"new_name"`
	Fields   []string `json:"fields"`
}

func decodeEntityChanges(body jsonBody, key string) (map[string]entityChange, error) {
	raw, ok := body[key]
	if !ok || body.isNull(key) {
		return nil, nil
	}
	var out map[string]entityChange
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, badRequest("%s must be an object of %s entries", key, strings.TrimSuffix(key, "a"))
	}
	return out, nil
}

// applySchema applies schema changes to d in a stable order: deletes, renames, updates, creates.
func applySchema(d *entityDoc, changes map[string]entityChange) error {
	names := sortedEntityNames(changes)
	for _, pass := range []string{"delete", "rename", "update", "create"} {
		for _, name := range names {
			ch := changes[name]
			action := ch.Action
			if action == "" {
				action = "create"
			}
			if action != pass {
				continue
			}
			if _, builtIn := builtInEntityFields[name]; builtIn {
				return badRequest("schema.%s is a built-in field and cannot be changed", name)
			}
			field, exists := d.Schema[name]
			switch action {
			case "create":
				if exists {
					return badRequest("schema.%s already exists", name)
				}
				if !entityNameRe.MatchString(name) {
					return badRequest("schema.%s: a field name is lowercase letters, digits and underscores, starting with a letter or underscore", name)
				}
				if ch.Type == nil || !slices.Contains(entityFieldTypes, *ch.Type) {
					return badRequest("schema.%s.type must be one of %s", name, strings.Join(entityFieldTypes, ", "))
				}
				d.Schema[name] = entityField{Type: *ch.Type, Required: ch.Required != nil && *ch.Required}
			case "update":
				if !exists {
					return badRequest("schema.%s does not exist", name)
				}
				if ch.Type != nil && *ch.Type != field.Type {
					return badRequest("schema.%s.type cannot be changed", name)
				}
				if ch.Required != nil {
					field.Required = *ch.Required
				}
				d.Schema[name] = field
			case "rename":
				if !exists {
					return badRequest("schema.%s does not exist", name)
				}
				if !entityNameRe.MatchString(ch.NewName) {
					return badRequest("schema.%s.new_name must be lowercase letters, digits and underscores", name)
				}
				if _, taken := d.Schema[ch.NewName]; taken || builtInEntityFields[ch.NewName] != (entityField{}) {
					return badRequest("schema.%s.new_name %s is already a field", name, ch.NewName)
				}
				delete(d.Schema, name)
				d.Schema[ch.NewName] = field
				for k, idx := range d.Index {
					for i, f := range idx.Fields {
						if f == name {
							idx.Fields[i] = ch.NewName
						}
					}
					d.Index[k] = idx
				}
			case "delete":
				if !exists {
					return badRequest("schema.%s does not exist", name)
				}
				for k, idx := range d.Index {
					if slices.Contains(idx.Fields, name) {
						return badRequest("schema.%s is used by index %s: delete the index first", name, k)
					}
				}
				delete(d.Schema, name)
			default:
				return badRequest("schema.%s.action must be create, update, rename or delete", name)
			}
		}
	}
	return nil
}

func applyIndexes(d *entityDoc, changes map[string]entityChange) error {
	names := sortedEntityNames(changes)
	for _, pass := range []string{"delete", "create"} {
		for _, name := range names {
			ch := changes[name]
			action := ch.Action
			if action == "" {
				action = "create"
			}
			if action != pass {
				continue
			}
			if _, builtIn := builtInEntityIndexes[name]; builtIn {
				return badRequest("index.%s is a built-in index and cannot be changed", name)
			}
			_, exists := d.Index[name]
			switch action {
			case "create":
				if exists {
					return badRequest("index.%s already exists", name)
				}
				if !entityNameRe.MatchString(name) {
					return badRequest("index.%s: an index name is lowercase letters, digits and underscores", name)
				}
				if len(ch.Fields) == 0 {
					return badRequest("index.%s.fields must name at least one field", name)
				}
				for _, f := range ch.Fields {
					if _, ok := d.Schema[f]; !ok {
						return badRequest("index.%s.fields: %s is not a field of the entity", name, f)
					}
				}
				d.Index[name] = entityIndex{Fields: slices.Clone(ch.Fields)}
			case "delete":
				if !exists {
					return badRequest("index.%s does not exist", name)
				}
				delete(d.Index, name)
			default:
				return badRequest("index.%s.action must be create or delete", name)
			}
		}
	}
	return nil
}

func newEntityDoc() *entityDoc {
	d := &entityDoc{Schema: map[string]entityField{}, Index: map[string]entityIndex{}, Tags: []tag{}}
	for k, v := range builtInEntityFields {
		d.Schema[k] = v
	}
	for k, v := range builtInEntityIndexes {
		d.Index[k] = entityIndex{Fields: slices.Clone(v.Fields)}
	}
	return d
}

func (e *Emulator) createEntity(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	name, present, err := body.str("name")
	if err != nil {
		return 0, nil, err
	}
	if !present || strings.TrimSpace(name) == "" {
		return 0, nil, badRequest("name is required")
	}
	d := newEntityDoc()
	d.ID, d.Name, d.Profile = newObjectID(), name, e.profileID
	if tags, present, err := body.tags("tags"); err != nil {
		return 0, nil, err
	} else if present {
		d.Tags = tags
	}
	if d.PayloadDecoder, _, err = body.nullableStr("payload_decoder"); err != nil {
		return 0, nil, err
	}
	schema, err := decodeEntityChanges(body, "schema")
	if err != nil {
		return 0, nil, err
	}
	index, err := decodeEntityChanges(body, "index")
	if err != nil {
		return 0, nil, err
	}
	if err := applySchema(d, schema); err != nil {
		return 0, nil, err
	}
	if err := applyIndexes(d, index); err != nil {
		return 0, nil, err
	}
	d.CreatedAt, d.UpdatedAt = apiTime(c.Now), apiTime(c.Now)
	if err := e.store.Update(func(tx Tx) error { return putDoc(tx, collEntities, d.ID, d) }); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"id": d.ID}, nil
}

// editEntity edits the name, tags and payload decoder; the schema has its own route.
func (e *Emulator) editEntity(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	name, namePresent, err := body.str("name")
	if err != nil {
		return 0, nil, err
	}
	if namePresent && strings.TrimSpace(name) == "" {
		return 0, nil, badRequest("name must be a non-empty string")
	}
	tags, tagsPresent, err := body.tags("tags")
	if err != nil {
		return 0, nil, err
	}
	decoder, decoderPresent, err := body.nullableStr("payload_decoder")
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		d, err := loadEntity(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if namePresent {
			d.Name = name
		}
		if tagsPresent {
			d.Tags = tags
		}
		if decoderPresent {
			d.PayloadDecoder = decoder
		}
		d.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collEntities, d.ID, d)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"message": "Entity Successfully Updated"}, nil
}

// editEntitySchema applies field and index changes atomically: one refused change changes nothing.
func (e *Emulator) editEntitySchema(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	schema, err := decodeEntityChanges(body, "schema")
	if err != nil {
		return 0, nil, err
	}
	index, err := decodeEntityChanges(body, "index")
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		d, err := loadEntity(tx, c.Param("id"))
		if err != nil {
			return err
		}
		// Index deletions first, so that a field and its index can go in one request.
		deletions := map[string]entityChange{}
		for k, ch := range index {
			if ch.Action == "delete" {
				deletions[k] = ch
				delete(index, k)
			}
		}
		if err := applyIndexes(d, deletions); err != nil {
			return err
		}
		if err := applySchema(d, schema); err != nil {
			return err
		}
		if err := applyIndexes(d, index); err != nil {
			return err
		}
		if err := migrateEntityRecords(tx, d.ID, schema); err != nil {
			return err
		}
		d.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collEntities, d.ID, d)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"message": "Entity Successfully Updated"}, nil
}

func (e *Emulator) deleteEntity(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		d, err := loadEntity(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if err := deleteEntityRecords(tx, d.ID, nil); err != nil {
			return err
		}
		return tx.Delete(collEntities, d.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Entity Successfully Removed", nil
}

// sortedEntityNames lists a map's keys in order (schema and index changes).
func sortedEntityNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// migrateEntityRecords carries the records along a schema change: a renamed field keeps its
// values under the new name, a deleted field's values are gone.
func migrateEntityRecords(tx Tx, entityID string, changes map[string]entityChange) error {
	moved := false
	for _, ch := range changes {
		moved = moved || ch.Action == "rename" || ch.Action == "delete"
	}
	if !moved {
		return nil
	}
	records, err := loadEntityRecords(tx, entityID)
	if err != nil {
		return err
	}
	for _, r := range records {
		for name, ch := range changes {
			v, ok := r[name]
			if !ok {
				continue
			}
			switch ch.Action {
			case "rename":
				delete(r, name)
				r[ch.NewName] = v
			case "delete":
				delete(r, name)
			}
		}
		id, _ := r["id"].(string)
		if err := putDoc(tx, collEntityData, entityDataKey(entityID, id), r); err != nil {
			return err
		}
	}
	return nil
}
