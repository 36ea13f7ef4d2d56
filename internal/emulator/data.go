package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The device data plane (docs/api-notes.md §3): the device token works on its own device at
// /data, a profile token on any device at /device/{id}/data, with the same payloads.
func (e *Emulator) registerData(r *Router) {
	r.Handle("POST", "/data", e.insertOwnData, kindDevice)
	r.Handle("GET", "/data", e.getOwnData, kindDevice)
	r.Handle("PUT", "/data", e.editOwnData, kindDevice)
	r.Handle("DELETE", "/data", e.deleteOwnData, kindDevice)
	// Old JS SDK (4.x, docs/api-notes.md §7): Device.remove(variable_or_id, qty).
	r.Handle("DELETE", "/data/{variableOrID}", e.deleteOwnDataLegacy, kindDevice)

	r.Handle("POST", "/device/{id}/data", e.insertDeviceData, kindProfile)
	r.Handle("GET", "/device/{id}/data", e.getDeviceData, kindProfile)
	r.Handle("PUT", "/device/{id}/data", e.editDeviceData, kindProfile)
	r.Handle("DELETE", "/device/{id}/data", e.deleteDeviceDataRoute, kindProfile)
	r.Handle("POST", "/device/{id}/empty", e.emptyDevice, kindProfile)
}

// dataTarget is the device a data request works on, and whether a device token
// (rather than a profile token) made it.
type dataTarget struct {
	deviceID    string
	deviceToken bool
}

func ownTarget(c *Ctx) dataTarget {
	return dataTarget{deviceID: c.Auth.Token.DeviceID, deviceToken: true}
}

func pathTarget(c *Ctx) dataTarget { return dataTarget{deviceID: c.Param("id")} }

func (e *Emulator) insertOwnData(c *Ctx) (int, any, error) { return e.insertData(c, ownTarget(c)) }
func (e *Emulator) getOwnData(c *Ctx) (int, any, error)    { return e.readData(c, ownTarget(c)) }
func (e *Emulator) editOwnData(c *Ctx) (int, any, error)   { return e.editData(c, ownTarget(c)) }
func (e *Emulator) deleteOwnData(c *Ctx) (int, any, error) { return e.removeData(c, ownTarget(c), "") }
func (e *Emulator) deleteOwnDataLegacy(c *Ctx) (int, any, error) {
	return e.removeData(c, ownTarget(c), c.Param("variableOrID"))
}

func (e *Emulator) insertDeviceData(c *Ctx) (int, any, error) { return e.insertData(c, pathTarget(c)) }
func (e *Emulator) getDeviceData(c *Ctx) (int, any, error)    { return e.readData(c, pathTarget(c)) }
func (e *Emulator) editDeviceData(c *Ctx) (int, any, error)   { return e.editData(c, pathTarget(c)) }
func (e *Emulator) deleteDeviceDataRoute(c *Ctx) (int, any, error) {
	return e.removeData(c, pathTarget(c), "")
}

// storageRules say where a device's records go (docs/api-notes.md §2.3 storage types):
// mutable (and legacy) records are editable, immutable ones are not and must fall in
// the retention window, and a hybrid device sends variables matching its regex to
// the mutable side and the rest to the immutable side.
type storageRules struct {
	device   *deviceDoc
	regex    *regexp.Regexp // hybrid only; nil if the stored regex does not compile
	from, to time.Time      // the retention window of the immutable side
}

func rulesFor(d *deviceDoc, now time.Time) storageRules {
	s := storageRules{device: d}
	if d.chunked() {
		s.from, s.to = retentionWindow(d, now)
	}
	if d.Type == typeHybrid {
		s.regex, _ = regexp.Compile(d.MutableVariableRegex)
	}
	return s
}

// mutable reports whether a variable's records are editable.
func (s storageRules) mutable(variable string) bool {
	switch s.device.Type {
	case typeImmutable:
		return false
	case typeHybrid:
		return s.regex != nil && s.regex.MatchString(variable)
	}
	return true
}

// capped reports whether the device's mutable records count against the 50k cap
// (mutable devices and a hybrid device's mutable side; legacy buckets predate it).
func (s storageRules) capped() bool {
	return s.device.Type == typeMutable || s.device.Type == typeHybrid
}

// mutableCount is the number of records on the device's mutable side; the caller
// holds the index lock.
func (e *Emulator) mutableCount(s storageRules) int {
	r := e.data.devices[s.device.ID]
	if r == nil {
		return 0
	}
	if s.device.Type != typeHybrid {
		return len(r.all)
	}
	n := 0
	for v, recs := range r.vars {
		if s.mutable(v) {
			n += len(recs)
		}
	}
	return n
}

// loadWritableDevice loads the target device for a write. A device token of an
// inactive device may not write (docs/api-notes.md §6.6, TCORE wording); a profile token may,
// so that an administrator can still clean an inactive device's data up.
func loadWritableDevice(tx Tx, t dataTarget) (*deviceDoc, error) {
	d, err := loadDevice(tx, t.deviceID)
	if err != nil {
		return nil, err
	}
	if t.deviceToken && !d.Active {
		return nil, badRequest("Device is deactivated")
	}
	return d, nil
}

// insertBody reads the body of an insert: a JSON object or array of records, or a
// text/plain payload. The emulator runs no payload parser, so a raw payload is
// stored as it came, as one record of the variable "payload": a test can see that it
// arrived, and a JSON client never sends one.
func insertBody(c *Ctx) ([]jsonBody, error) {
	b, err := readBody(c.R)
	if err != nil {
		return nil, err
	}
	if len(b) > maxInsertBody {
		return nil, errorf(http.StatusRequestEntityTooLarge, "Payload too large: a data insert must not exceed 200 kB (%d bytes sent)", len(b))
	}
	if mt, _, _ := mime.ParseMediaType(c.R.Header.Get("Content-Type")); mt == "text/plain" {
		value, err := json.Marshal(string(b))
		if err != nil {
			return nil, err
		}
		return []jsonBody{{"variable": json.RawMessage(`"payload"`), "value": value}}, nil
	}
	// Fast path for the usual array of objects: one decoding pass. Anything else (or a
	// malformed body) goes through parseObjectOrArray for its precise messages.
	if trimmed := bytes.TrimSpace(b); len(trimmed) > 0 && trimmed[0] == '[' {
		var items []jsonBody
		if err := json.Unmarshal(trimmed, &items); err == nil && !slices.ContainsFunc(items, func(m jsonBody) bool { return m == nil }) {
			return items, nil
		}
	}
	return parseObjectOrArray(b)
}

func (e *Emulator) insertData(c *Ctx, t dataTarget) (int, any, error) {
	items, err := insertBody(c)
	if err != nil {
		return 0, nil, err
	}
	// One group per request, shared by every record that does not bring its own
	// (TCORE; docs/api-notes.md §3.1). It is an object id, like the OAS examples' groups.
	group := newObjectID()
	docs := make([]*dataDoc, 0, len(items))
	for i, obj := range items {
		f, err := parseRecordFields(obj, fmt.Sprintf("data[%d]", i), true)
		if err != nil {
			return 0, nil, err
		}
		d := &dataDoc{
			ID: newObjectID(), Device: t.deviceID, Variable: f.variable, Value: f.value,
			Unit: f.unit, Group: group, Location: f.location, Metadata: f.metadata,
			CreatedAt: apiTime(c.Now),
		}
		if f.hasGroup {
			d.Group = f.group
		}
		// origin (old alias of device) and device are ignored: the token or the path
		// names the device.
		if f.hasTime {
			d.setTime(f.time)
		} else {
			d.setTime(c.Now)
		}
		docs = append(docs, d)
	}
	err = e.writeData(func(tx Tx, ch *dataChanges) error {
		dev, err := loadWritableDevice(tx, t)
		if err != nil {
			return err
		}
		rules := rulesFor(dev, c.Now)
		newMutable := 0
		for _, d := range docs {
			if rules.mutable(d.Variable) {
				newMutable++
				continue
			}
			if tm := d.Time.Time(); tm.Before(rules.from) || tm.After(rules.to) {
				return badRequest("Time must be between %s and %s", formatTime(rules.from), formatTime(rules.to))
			}
		}
		if newMutable > 0 && rules.capped() {
			if have := e.mutableCount(rules); have+newMutable > e.data.mutableLimit {
				return badRequest("Data limit reached: a mutable device holds at most %d records (it has %d, this request adds %d)",
					e.data.mutableLimit, have, newMutable)
			}
		}
		for _, d := range docs {
			if err := putDoc(tx, collData, dataKey(dev.ID, d.ID), d); err != nil {
				return err
			}
		}
		ch.added = docs
		if len(docs) > 0 {
			dev.LastInput = timePtr(c.Now)
			return putDoc(tx, collDevices, dev.ID, dev)
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, fmt.Sprintf("%d Data Added", len(docs)), nil
}

func (e *Emulator) readData(c *Ctx, t dataTarget) (int, any, error) {
	dq, err := parseDataQuery(c.Query, c.Now)
	if err != nil {
		return 0, nil, err
	}
	if err := e.store.View(func(tx Tx) error {
		_, err := loadDevice(tx, t.deviceID)
		return err
	}); err != nil {
		return 0, nil, err
	}
	e.data.mu.RLock()
	defer e.data.mu.RUnlock()
	r := e.data.devices[t.deviceID]
	if !dq.selectsRecords() {
		return http.StatusOK, dq.summary(r), nil
	}
	docs := dq.selectRecords(r, nil)
	out := make([]dataOut, len(docs))
	for i, d := range docs {
		out[i] = toDataOut(d, dq.details)
	}
	return http.StatusOK, out, nil
}

// editData is PUT: an array (or one object) of {id, value?, unit?, group?, metadata?,
// time?, location?}. Ids the device does not hold are skipped and not counted, as the
// "<n> item(s) updated" answer suggests.
func (e *Emulator) editData(c *Ctx, t dataTarget) (int, any, error) {
	b, err := readBody(c.R)
	if err != nil {
		return 0, nil, err
	}
	items, err := parseObjectOrArray(b)
	if err != nil {
		return 0, nil, err
	}
	type edit struct {
		id string
		f  recordFields
	}
	edits := make([]edit, 0, len(items))
	for i, obj := range items {
		label := fmt.Sprintf("data[%d]", i)
		id, present, err := obj.str("id")
		if err != nil || !present || id == "" {
			return 0, nil, badRequest("%s.id is required and must be a string", label)
		}
		f, err := parseRecordFields(obj, label, false)
		if err != nil {
			return 0, nil, err
		}
		edits = append(edits, edit{id: id, f: f})
	}
	updated := 0
	err = e.writeData(func(tx Tx, ch *dataChanges) error {
		dev, err := loadWritableDevice(tx, t)
		if err != nil {
			return err
		}
		if dev.Type == typeImmutable {
			return badRequest("Data of an immutable device cannot be edited")
		}
		rules := rulesFor(dev, c.Now)
		r := e.data.devices[dev.ID]
		current := map[string]*dataDoc{} // edits of this request, so a repeated id edits the edited record
		var order []string
		for i, ed := range edits {
			var old *dataDoc
			if old = current[ed.id]; old == nil && r != nil {
				old = r.byID[ed.id]
			}
			if old == nil {
				continue
			}
			if !rules.mutable(old.Variable) {
				return badRequest("data[%d]: the record %s is on the immutable side of this hybrid device and cannot be edited", i, ed.id)
			}
			nd := *old
			applyEdit(&nd, ed.f)
			if _, seen := current[ed.id]; !seen {
				order = append(order, ed.id)
				ch.removed = append(ch.removed, old)
			}
			current[ed.id] = &nd
			updated++
		}
		for _, id := range order {
			d := current[id]
			if err := putDoc(tx, collData, dataKey(dev.ID, id), d); err != nil {
				return err
			}
			ch.added = append(ch.added, d)
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, fmt.Sprintf("%d item(s) updated", updated), nil
}

func applyEdit(d *dataDoc, f recordFields) {
	if f.hasValue {
		d.Value = f.value
	}
	if f.hasUnit {
		d.Unit = f.unit
	}
	if f.hasGroup {
		d.Group = f.group
	}
	if f.hasMetadata {
		d.Metadata = f.metadata
	}
	if f.hasLocation {
		d.Location = f.location
	}
	if f.hasTime {
		d.setTime(f.time)
	}
}

// removeData is DELETE with the query grammar. Without any parameter it removes the
// newest record (query=last_item, what Device.deleteData() and the old SDKs send,
// docs/api-notes.md §3). legacyKey is the {variable_or_id} of the old route: a record id of
// this device removes that record, anything else is a variable (qty applies).
func (e *Emulator) removeData(c *Ctx, t dataTarget, legacyKey string) (int, any, error) {
	dq, err := parseDataQuery(c.Query, c.Now)
	if err != nil {
		return 0, nil, err
	}
	if !dq.given && legacyKey == "" {
		dq.kind = "last_item"
	}
	if !dq.selectsRecords() {
		return 0, nil, badRequest("query=%s cannot be used to remove data", dq.kind)
	}
	removed := 0
	err = e.writeData(func(tx Tx, ch *dataChanges) error {
		dev, err := loadWritableDevice(tx, t)
		if err != nil {
			return err
		}
		if dev.Type == typeImmutable {
			return badRequest("Data of an immutable device cannot be removed (remove its chunks instead)")
		}
		r := e.data.devices[dev.ID]
		if legacyKey != "" {
			if r != nil && r.byID[legacyKey] != nil {
				dq.ids = []string{legacyKey}
			} else {
				dq.variables = []string{strings.ToLower(legacyKey)}
			}
		}
		rules := rulesFor(dev, c.Now)
		var keep func(*dataDoc) bool
		if dev.Type == typeHybrid {
			if err := checkHybridDelete(dq, r, rules); err != nil {
				return err
			}
			keep = func(d *dataDoc) bool { return rules.mutable(d.Variable) }
		}
		docs := dq.selectRecords(r, keep)
		for _, d := range docs {
			if err := tx.Delete(collData, dataKey(dev.ID, d.ID)); err != nil {
				return err
			}
		}
		ch.removed, removed = docs, len(docs)
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, strconv.Itoa(removed) + " Data Removed", nil
}

// checkHybridDelete refuses a DELETE that names immutable-side records of a hybrid
// device explicitly; an open query simply leaves them alone.
func checkHybridDelete(dq *dataQuery, r *deviceRecords, rules storageRules) error {
	for _, v := range dq.variables {
		if !rules.mutable(v) {
			return badRequest("The variable %s is on the immutable side of this hybrid device: its data cannot be removed", v)
		}
	}
	for _, id := range dq.ids {
		if r != nil && r.byID[id] != nil && !rules.mutable(r.byID[id].Variable) {
			return badRequest("The record %s is on the immutable side of this hybrid device and cannot be removed", id)
		}
	}
	return nil
}

// emptyDevice is POST /device/{id}/empty (docs/api-notes.md §2.3, JS Devices.emptyDeviceData):
// it removes every record of the device, whatever its type (it is how an immutable
// device's records go, short of deleting chunks), and answers "Data Successfully
// Removed". The JS types declare an optional route ("mutable" or "immutable") for a
// hybrid device, but SDK 12.3.1 sends no body and the wire place is unknown (§8.10):
// route is read from the body or the query, and without it both sides are emptied.
func (e *Emulator) emptyDevice(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	route, _, err := body.str("route")
	if err != nil {
		return 0, nil, err
	}
	if route == "" {
		route = strings.TrimSpace(c.Query.String("route"))
	}
	if route != "" && route != "mutable" && route != "immutable" {
		return 0, nil, badRequest("route must be mutable or immutable")
	}
	err = e.writeData(func(tx Tx, ch *dataChanges) error {
		dev, err := loadDevice(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if route == "" || dev.Type != typeHybrid {
			return e.deleteDeviceData(tx, ch, dev.ID)
		}
		rules := rulesFor(dev, c.Now)
		if r := e.data.devices[dev.ID]; r != nil {
			for _, d := range r.all {
				if rules.mutable(d.Variable) != (route == "mutable") {
					continue
				}
				if err := tx.Delete(collData, dataKey(dev.ID, d.ID)); err != nil {
					return err
				}
				ch.removed = append(ch.removed, d)
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Data Successfully Removed", nil
}
