package emulator

import (
	"net/http"
	"sort"
	"strings"
)

// Legacy buckets: the separate bucket resource of the API before 2024 (docs/api-notes.md §2.4
// and the Buckets section of the original Python SDK docs), kept for old clients.
// They live in their own collection; today's devices are their own storage and are
// reached through /device. Options.DisableLegacyBuckets removes these routes.

// legacyBucketDoc is a stored legacy bucket.
type legacyBucketDoc struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	Visible     bool    `json:"visible"`
	Tags        []tag   `json:"tags"`
	Profile     string  `json:"profile"`
	CreatedAt   apiTime `json:"created_at"`
	UpdatedAt   apiTime `json:"updated_at"`
}

// legacyBucketRecord is the old SDKs' BucketInfo of a legacy bucket: data kept
// forever, no retention run yet.
func legacyBucketRecord(b *legacyBucketDoc) record {
	tags := b.Tags
	if tags == nil {
		tags = []tag{}
	}
	return record{
		"id": b.ID, "name": b.Name, "description": b.Description, "visible": b.Visible,
		"tags": tags, "profile": b.Profile, "type": typeLegacy,
		"data_retention": "forever", "data_retention_ignore": []string{}, "last_retention": nil,
		"created_at": b.CreatedAt, "updated_at": b.UpdatedAt,
	}
}

// Defaults of the old SDKs' list: fields [id, name], orderBy name,asc.
var legacyBucketListSpec = listSpec{
	defaultFields: []string{"id", "name"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "name,asc",
	filters: map[string]filterKind{
		"id": filterString, "name": filterString, "visible": filterBool, "tags": filterTags,
		"data_retention": filterString, "created_at": filterDate, "updated_at": filterDate,
	},
}

func (e *Emulator) registerBuckets(r *Router) {
	if e.opts.DisableLegacyBuckets {
		// Today's API answers removed routes like unknown ones: not registering them
		// gives exactly the router's 404.
		return
	}
	r.Handle("GET", "/bucket", e.listLegacyBuckets, kindProfile)
	r.Handle("POST", "/bucket", e.createLegacyBucket, kindProfile)
	r.Handle("GET", "/bucket/{id}", e.getLegacyBucket, kindProfile)
	r.Handle("PUT", "/bucket/{id}", e.editLegacyBucket, kindProfile)
	r.Handle("DELETE", "/bucket/{id}", e.deleteLegacyBucket, kindProfile)
	r.Handle("GET", "/bucket/{id}/variable", e.legacyBucketVariables, kindProfile)
	r.Handle("GET", "/bucket/{id}/data_amount", e.legacyBucketDataAmount, kindProfile)
}

func loadLegacyBucket(tx Tx, id string) (*legacyBucketDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Bucket ID")
	}
	b, err := getDoc[legacyBucketDoc](tx, collLegacyBuckets, id)
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, notFound("Bucket not found")
	}
	return b, nil
}

func (e *Emulator) listLegacyBuckets(c *Ctx) (int, any, error) {
	var docs []*legacyBucketDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[legacyBucketDoc](tx, collLegacyBuckets, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, b := range docs {
		items = append(items, legacyBucketRecord(b))
	}
	out, err := runList(c.Query, items, legacyBucketListSpec, c.Now)
	return http.StatusOK, out, err
}

func (e *Emulator) getLegacyBucket(c *Ctx) (int, any, error) {
	var b *legacyBucketDoc
	if err := e.store.View(func(tx Tx) (err error) {
		b, err = loadLegacyBucket(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, legacyBucketRecord(b), nil
}

// applyLegacyBucketBody validates body onto b; absent fields keep their value.
func applyLegacyBucketBody(b *legacyBucketDoc, body jsonBody, create bool) error {
	if name, present, err := body.str("name"); err != nil {
		return err
	} else if present || create {
		if strings.TrimSpace(name) == "" {
			return badRequest("name is required and must be a non-empty string")
		}
		b.Name = name
	}
	if v, present, err := body.nullableStr("description"); err != nil {
		return err
	} else if present {
		b.Description = v
	}
	if v, present, err := body.boolean("visible"); err != nil {
		return err
	} else if present {
		b.Visible = v
	}
	if v, present, err := body.tags("tags"); err != nil {
		return err
	} else if present {
		b.Tags = v // replace, not merge
	}
	return nil
}

func (e *Emulator) createLegacyBucket(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	now := apiTime(c.Now)
	b := &legacyBucketDoc{ID: newObjectID(), Visible: true, Tags: []tag{}, Profile: e.profileID, CreatedAt: now, UpdatedAt: now}
	if err := applyLegacyBucketBody(b, body, true); err != nil {
		return 0, nil, err
	}
	if err := e.store.Update(func(tx Tx) error { return putDoc(tx, collLegacyBuckets, b.ID, b) }); err != nil {
		return 0, nil, err
	}
	// The old SDK docs: "Returns object.bucket: id of the new bucket" (the JS SDK
	// types it {bucket: string} too). No OAS entry, so 200.
	return http.StatusOK, record{"bucket": b.ID}, nil
}

func (e *Emulator) editLegacyBucket(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		b, err := loadLegacyBucket(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if err := applyLegacyBucketBody(b, body, false); err != nil {
			return err
		}
		b.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collLegacyBuckets, b.ID, b)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

func (e *Emulator) deleteLegacyBucket(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		b, err := loadLegacyBucket(tx, c.Param("id"))
		if err != nil {
			return err
		}
		return tx.Delete(collLegacyBuckets, b.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

// bucketDataDevice resolves the {id} of a /bucket/{id}/... data route. A legacy bucket here never
// receives data (no device points at it): it yields no device and no error. A device ID (a device
// is its own bucket) yields the device. Anything else is the API's 400 or 404.
func (e *Emulator) bucketDataDevice(c *Ctx) (*deviceDoc, error) {
	id := c.Param("id")
	if !isObjectID(id) {
		return nil, badRequest("Invalid Bucket ID")
	}
	var legacy *legacyBucketDoc
	var dev *deviceDoc
	err := e.store.View(func(tx Tx) (err error) {
		if legacy, err = getDoc[legacyBucketDoc](tx, collLegacyBuckets, id); err != nil || legacy != nil {
			return err
		}
		dev, err = getDoc[deviceDoc](tx, collDevices, id)
		return err
	})
	switch {
	case err != nil:
		return nil, err
	case legacy == nil && dev == nil:
		return nil, notFound("Bucket not found")
	}
	return dev, nil
}

// legacyBucketDataAmount answers GET /bucket/{id}/data_amount: the number of records; 0 for a
// legacy bucket, the device's records for a device ID, as GET /device/{id}/data_amount counts.
func (e *Emulator) legacyBucketDataAmount(c *Ctx) (int, any, error) {
	dev, err := e.bucketDataDevice(c)
	switch {
	case err != nil:
		return 0, nil, err
	case dev == nil:
		return http.StatusOK, 0, nil
	}
	// Outside the store transaction: the data index has its own lock, taken before the
	// store's by every data write.
	return http.StatusOK, e.deviceDataCount(dev.ID), nil
}

// legacyBucketVariables answers GET /bucket/{id}/variable: the variables in use, as
// [{variable, origin}] (old SDK VariablesInfo; amount=true adds each variable's record
// count, resolveOriginName=true the device's name); none for a legacy bucket.
func (e *Emulator) legacyBucketVariables(c *Ctx) (int, any, error) {
	dev, err := e.bucketDataDevice(c)
	if err != nil {
		return 0, nil, err
	}
	out := []record{}
	if dev == nil {
		return http.StatusOK, out, nil
	}
	showAmount, _ := c.Query.Get("amount").Bool()
	resolveName, _ := c.Query.Get("resolveOriginName").Bool()
	// Outside the store transaction: the data index has its own lock, taken before the
	// store's by every data write.
	for _, v := range e.deviceDataVariables(dev.ID) {
		r := record{"variable": v.name, "origin": dev.ID}
		if showAmount {
			r["amount"] = v.amount
		}
		if resolveName {
			r["origin_name"] = dev.Name
		}
		out = append(out, r)
	}
	return http.StatusOK, out, nil
}

// dataVariable is one variable of a device's data and its record count.
type dataVariable struct {
	name   string
	amount int
}

// deviceDataVariables lists the variables of a device's data records, by name, from
// the data plane's index (data_index.go).
func (e *Emulator) deviceDataVariables(deviceID string) []dataVariable {
	e.data.mu.RLock()
	defer e.data.mu.RUnlock()
	recs := e.data.devices[deviceID]
	if recs == nil {
		return nil
	}
	out := make([]dataVariable, 0, len(recs.vars))
	for name, list := range recs.vars {
		if len(list) > 0 {
			out = append(out, dataVariable{name: name, amount: len(list)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}
