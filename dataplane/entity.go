package dataplane

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// Entity data: the records of an entity (the original SDK's Resources.entities
// getEntityData/sendEntityData/editEntityData/deleteEntityData). The entity itself, its fields
// and indexes, is the tagoio_entity resource. Calls take a profile token, or an analysis token
// with access to the entity.

// EntityRecord is one record: field name -> value (string, float64, bool, JSON object or
// array, or nil), plus "id", "created_at" and "updated_at" in what Find returns.
type EntityRecord map[string]any

// EntityQuery narrows Find. Filter compares fields to values and needs Index, an index of the
// entity that covers every filtered field (TagoIO searches through it).
type EntityQuery struct {
	Filter  map[string]string
	Index   string
	OrderBy string   // "<field>,<asc|desc>"; default newest first
	Fields  []string // default every field
	Amount  int      // records per page; default 100
	Page    int      // 1-based; 0 reads every page
}

// entityDataPage is the page size Find uses to read every page.
const entityDataPage = 1000

// Entities reaches the records of the profile's entities.
type Entities struct {
	c *Client
}

// NewEntities returns the entity data calls of c's token.
func NewEntities(c *Client) *Entities { return &Entities{c: c} }

func entityDataPath(entityID string) string { return "/entity/" + url.PathEscape(entityID) + "/data" }

// Insert adds records and returns TagoIO's answer (such as "2 Data Added"). TagoIO checks them
// against the entity's schema: an unknown field, a wrong type or a missing required field is an
// error and adds nothing.
func (e *Entities) Insert(ctx context.Context, entityID string, records ...EntityRecord) (string, error) {
	if len(records) == 0 {
		return "", fmt.Errorf("entity insert: no records")
	}
	var out string
	err := e.c.do(ctx, client.Request{Method: http.MethodPost, Path: entityDataPath(entityID), Body: records}, &out)
	return out, err
}

// Find returns the records q selects. With Page 0 it reads every page.
func (e *Entities) Find(ctx context.Context, entityID string, q EntityQuery) ([]EntityRecord, error) {
	if len(q.Filter) > 0 && q.Index == "" {
		return nil, fmt.Errorf("entity find: filtering needs Index, an index of the entity over the filtered fields")
	}
	values := url.Values{}
	for k, v := range q.Filter {
		values.Set("filter["+k+"]", v)
	}
	if q.Index != "" {
		values.Set("index", q.Index)
	}
	if q.OrderBy != "" {
		values.Set("orderBy", q.OrderBy)
	}
	for i, f := range q.Fields {
		values.Set("fields["+strconv.Itoa(i)+"]", f)
	}
	amount := q.Amount
	if amount <= 0 {
		amount = entityDataPage
	}
	values.Set("amount", strconv.Itoa(amount))
	var all []EntityRecord
	for page := max(q.Page, 1); ; page++ {
		values.Set("page", strconv.Itoa(page))
		var records []EntityRecord
		if err := e.c.do(ctx, client.Request{Method: http.MethodGet, Path: entityDataPath(entityID), Query: values}, &records); err != nil {
			return nil, err
		}
		all = append(all, records...)
		if q.Page > 0 || len(records) < amount {
			return all, nil
		}
	}
}

// Edit changes records in place: each needs its "id" and holds only the fields to change.
func (e *Entities) Edit(ctx context.Context, entityID string, records ...EntityRecord) (string, error) {
	for i, r := range records {
		if id, _ := r["id"].(string); id == "" {
			return "", fmt.Errorf("entity edit: record %d has no id", i)
		}
	}
	var out string
	err := e.c.do(ctx, client.Request{Method: http.MethodPut, Path: entityDataPath(entityID), Body: records}, &out)
	return out, err
}

// Delete deletes records by id and returns TagoIO's answer (such as "2 item(s) deleted").
func (e *Entities) Delete(ctx context.Context, entityID string, ids ...string) (string, error) {
	if len(ids) == 0 {
		return "", fmt.Errorf("entity delete: no record ids")
	}
	var out string
	err := e.c.do(ctx, client.Request{Method: http.MethodDelete, Path: entityDataPath(entityID), Body: map[string][]string{"ids": ids}}, &out)
	return out, err
}

// Amount is the number of records the entity holds.
func (e *Entities) Amount(ctx context.Context, entityID string) (int64, error) {
	var n int64
	err := e.c.do(ctx, client.Request{Method: http.MethodGet, Path: "/entity/" + url.PathEscape(entityID) + "/data_amount"}, &n)
	return n, err
}
