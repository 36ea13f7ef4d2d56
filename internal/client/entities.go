package client

import (
	"context"
	"net/http"
	"net/url"
)

// EntityField is one field of an entity's schema: its type (uuid, string, int, float, json,
// timestamp, text, boolean) and whether records must set it.
type EntityField struct {
	Type     string `json:"type"`
	Required bool   `json:"required"`
}

// EntityIndex is a named index over some fields; filtering records needs one.
type EntityIndex struct {
	Fields []string `json:"fields"`
}

// Entity is an entity as GET /entity/{id} returns it (JS SDK EntityInfo). Schema and Index hold
// the built-in id, created_at and updated_at fields and their indexes too.
type Entity struct {
	ID             string                 `json:"id"`
	Name           string                 `json:"name"`
	Profile        string                 `json:"profile"`
	Tags           []Tag                  `json:"tags"`
	Schema         map[string]EntityField `json:"schema"`
	Index          map[string]EntityIndex `json:"index"`
	PayloadDecoder *string                `json:"payload_decoder"`
	CreatedAt      string                 `json:"created_at"`
	UpdatedAt      string                 `json:"updated_at"`
}

// EntityFieldChange is one entry of PUT /entity/{id}/schema's schema object.
type EntityFieldChange struct {
	Action   string  `json:"action"` // create, update, rename, delete
	Type     *string `json:"type,omitempty"`
	Required *bool   `json:"required,omitempty"`
	NewName  string  `json:"new_name,omitempty"`
}

// EntityIndexChange is one entry of PUT /entity/{id}/schema's index object.
type EntityIndexChange struct {
	Action string   `json:"action"` // create, delete
	Fields []string `json:"fields,omitempty"`
}

// EntitySchemaEdit is the PUT /entity/{id}/schema body: field and index changes by name.
type EntitySchemaEdit struct {
	Schema map[string]EntityFieldChange `json:"schema,omitempty"`
	Index  map[string]EntityIndexChange `json:"index,omitempty"`
}

// IsEmpty reports an edit with nothing to send.
func (e EntitySchemaEdit) IsEmpty() bool { return len(e.Schema) == 0 && len(e.Index) == 0 }

// EntityCreate is the POST /entity body.
type EntityCreate struct {
	Name   string                       `json:"name"`
	Tags   []Tag                        `json:"tags"`
	Schema map[string]EntityFieldChange `json:"schema,omitempty"`
	Index  map[string]EntityIndexChange `json:"index,omitempty"`
}

// EntityUpdate is a partial PUT /entity/{id} body (the schema has its own route).
type EntityUpdate struct {
	Name *string `json:"name,omitempty"`
	Tags *[]Tag  `json:"tags,omitempty"`
}

// IsEmpty reports an update with nothing to send.
func (u EntityUpdate) IsEmpty() bool { return u.Name == nil && u.Tags == nil }

// EntitiesService is /entity (the entity's definition; its records are in the data plane).
type EntitiesService struct{ c *Client }

var entityFields = []string{"id", "name", "profile", "tags", "created_at", "updated_at"}

func entityPath(id string) string { return "/entity/" + url.PathEscape(id) }

// Create creates an entity and returns its id; a create whose answer was lost is recognised by
// its name.
func (s *EntitiesService) Create(ctx context.Context, in EntityCreate) (string, error) {
	if in.Tags == nil {
		in.Tags = []Tag{}
	}
	var out struct {
		ID string `json:"id"`
	}
	adopted, err := s.c.create(ctx, createSpec{
		kind: "entity",
		name: in.Name,
		req:  Request{Method: http.MethodPost, Path: "/entity", Body: in},
		lookup: func(ctx context.Context) ([]candidate, error) {
			found, err := s.List(ctx, ListOptions{Filter: map[string]string{"name": in.Name}})
			if err != nil {
				return nil, err
			}
			cands := make([]candidate, 0, len(found))
			for _, e := range found {
				cands = append(cands, candidate{ID: e.ID, Name: e.Name, CreatedAt: e.CreatedAt})
			}
			return cands, nil
		},
	}, &out)
	if err != nil {
		return "", err
	}
	if adopted != "" {
		return adopted, nil
	}
	return out.ID, nil
}

// Get reads one entity with its schema and indexes.
func (s *EntitiesService) Get(ctx context.Context, id string) (*Entity, error) {
	var out Entity
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: entityPath(id)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Update edits an entity's name and tags.
func (s *EntitiesService) Update(ctx context.Context, id string, in EntityUpdate) error {
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: entityPath(id), Body: in}, nil)
}

// EditSchema creates, updates, renames and deletes fields and indexes in one request.
func (s *EntitiesService) EditSchema(ctx context.Context, id string, in EntitySchemaEdit) error {
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: entityPath(id) + "/schema", Body: in}, nil)
}

// Delete deletes an entity with all its records.
func (s *EntitiesService) Delete(ctx context.Context, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: entityPath(id)}, nil)
}

// List lists every entity matching opts (all pages), ordered by name unless opts say otherwise.
func (s *EntitiesService) List(ctx context.Context, opts ListOptions) ([]Entity, error) {
	if opts.Fields == nil {
		opts.Fields = entityFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "name,asc"
	}
	return ListAll[Entity](ctx, s.c, "/entity", opts)
}
