package emulator

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
)

// paramDoc is a device configuration parameter.
type paramDoc struct {
	ID        string  `json:"id"`
	DeviceID  string  `json:"device"`
	Key       string  `json:"key"`
	Value     string  `json:"value"`
	Sent      bool    `json:"sent"`
	CreatedAt apiTime `json:"created_at"`
}

func paramRecord(p *paramDoc) record {
	return record{"id": p.ID, "key": p.Key, "value": p.Value, "sent": p.Sent}
}

func (e *Emulator) registerDeviceParams(r *Router) {
	// Profile token, by device id.
	r.Handle("GET", "/device/{id}/params", e.listDeviceParams, kindProfile)
	r.Handle("POST", "/device/{id}/params", e.setDeviceParams, kindProfile)
	r.Handle("DELETE", "/device/{id}/params/{paramID}", e.deleteDeviceParam, kindProfile)
	// Device token, for the token's own device.
	r.Handle("GET", "/device/params", e.listOwnParams, kindDevice)
	r.Handle("PUT", "/device/params/{paramID}", e.markOwnParamSent, kindDevice)
}

// paramValue accepts a string, and turns numbers and booleans into their text (values
// are strings on the wire; SDK users sometimes pass scalars).
func paramValue(obj jsonBody, i int) (string, bool, error) {
	raw, ok := obj["value"]
	if !ok {
		return "", false, nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", true, badRequest("params[%d].value must be a string", i)
	}
	switch x := v.(type) {
	case string:
		return x, true, nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true, nil
	case bool:
		return strconv.FormatBool(x), true, nil
	}
	return "", true, badRequest("params[%d].value must be a string", i)
}

// parseParamItem decodes one {id?, key, value, sent} item.
func parseParamItem(obj jsonBody, i int, requireKey bool) (p paramDoc, has map[string]bool, err error) {
	has = map[string]bool{}
	if id, present, err := obj.str("id"); err != nil {
		return p, nil, badRequest("params[%d].id must be a string", i)
	} else if present && id != "" {
		p.ID, has["id"] = id, true
	}
	key, keyPresent, err := obj.str("key")
	if err != nil {
		return p, nil, badRequest("params[%d].key must be a string", i)
	}
	if keyPresent && key == "" || requireKey && !keyPresent && !has["id"] {
		return p, nil, badRequest("params[%d].key is required and must be a non-empty string", i)
	}
	p.Key, has["key"] = key, keyPresent
	val, valPresent, err := paramValue(obj, i)
	if err != nil {
		return p, nil, err
	}
	p.Value, has["value"] = val, valPresent
	sent, sentPresent, err := obj.boolean("sent")
	if err != nil {
		return p, nil, badRequest("params[%d].sent must be a boolean", i)
	}
	p.Sent, has["sent"] = sent, sentPresent
	return p, has, nil
}

// parseConfigParams reads configuration_params of a device create body.
func parseConfigParams(body jsonBody) ([]*paramDoc, bool, error) {
	raw, ok := body["configuration_params"]
	if !ok || body.isNull("configuration_params") {
		return nil, ok, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, true, badRequest("configuration_params must be an array of {key, value, sent}")
	}
	out := make([]*paramDoc, 0, len(items))
	for i, it := range items {
		obj, err := parseObject(it)
		if err != nil {
			return nil, true, badRequest("configuration_params[%d] must be an object", i)
		}
		p, _, err := parseParamItem(obj, i, true)
		if err != nil {
			return nil, true, err
		}
		p.ID = ""
		out = append(out, &p)
	}
	return out, true, nil
}

// deviceParams returns a device's params in creation order, optionally filtered by
// sent_status (true: only sent ones; false: only unsent ones).
func deviceParams(tx Tx, deviceID string, q *QNode) ([]record, error) {
	want, filter := q.Get("sent_status").Bool()
	params, err := listDocs[paramDoc](tx, collParams, func(p *paramDoc) bool {
		return p.DeviceID == deviceID && (!filter || p.Sent == want)
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(params, func(i, j int) bool {
		if !params[i].CreatedAt.Time().Equal(params[j].CreatedAt.Time()) {
			return params[i].CreatedAt.Time().Before(params[j].CreatedAt.Time())
		}
		return params[i].ID < params[j].ID
	})
	out := make([]record, 0, len(params))
	for _, p := range params {
		out = append(out, paramRecord(p))
	}
	return out, nil
}

func (e *Emulator) listDeviceParams(c *Ctx) (int, any, error) {
	var out []record
	err := e.store.View(func(tx Tx) error {
		d, err := loadDevice(tx, c.Param("id"))
		if err != nil {
			return err
		}
		out, err = deviceParams(tx, d.ID, c.Query)
		return err
	})
	return http.StatusOK, out, err
}

func (e *Emulator) setDeviceParams(c *Ctx) (int, any, error) {
	b, err := readBody(c.R)
	if err != nil {
		return 0, nil, err
	}
	items, err := parseObjectOrArray(b)
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		d, err := loadDevice(tx, c.Param("id"))
		if err != nil {
			return err
		}
		for i, obj := range items {
			p, has, err := parseParamItem(obj, i, true)
			if err != nil {
				return err
			}
			if !has["id"] { // create
				p.ID, p.DeviceID, p.CreatedAt = newObjectID(), d.ID, apiTime(c.Now)
				if err := putDoc(tx, collParams, p.ID, p); err != nil {
					return err
				}
				continue
			}
			if !isObjectID(p.ID) {
				return badRequest("Invalid Param ID")
			}
			cur, err := getDoc[paramDoc](tx, collParams, p.ID)
			if err != nil {
				return err
			}
			if cur == nil || cur.DeviceID != d.ID {
				return notFound("Param not found")
			}
			if has["key"] {
				cur.Key = p.Key
			}
			if has["value"] {
				cur.Value = p.Value
			}
			if has["sent"] {
				cur.Sent = p.Sent
			}
			if err := putDoc(tx, collParams, cur.ID, cur); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, "Params Successfully Updated", nil
}

func (e *Emulator) deleteDeviceParam(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		d, err := loadDevice(tx, c.Param("id"))
		if err != nil {
			return err
		}
		id := c.Param("paramID")
		if !isObjectID(id) {
			return badRequest("Invalid Param ID")
		}
		p, err := getDoc[paramDoc](tx, collParams, id)
		if err != nil {
			return err
		}
		if p == nil || p.DeviceID != d.ID {
			return notFound("Param not found")
		}
		return tx.Delete(collParams, id)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

// listOwnParams is GET /device/params with a device token. sent_status keeps the
// params whose sent flag equals it (the JS SDK's reading; docs/api-notes.md §3 notes the
// Python SDK inverts it).
func (e *Emulator) listOwnParams(c *Ctx) (int, any, error) {
	var out []record
	err := e.store.View(func(tx Tx) error {
		d, err := loadDevice(tx, c.Auth.Token.DeviceID)
		if err != nil {
			return err
		}
		out, err = deviceParams(tx, d.ID, c.Query)
		return err
	})
	return http.StatusOK, out, err
}

// markOwnParamSent is PUT /device/params/{paramID}: marks the param as sent. The JS
// SDK sends {sent:true}, older SDKs no body; an explicit {sent:false} is honoured.
func (e *Emulator) markOwnParamSent(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	sent, present, err := body.boolean("sent")
	if err != nil {
		return 0, nil, err
	}
	if !present {
		sent = true
	}
	id := c.Param("paramID")
	if !isObjectID(id) {
		return 0, nil, badRequest("Invalid Param ID")
	}
	err = e.store.Update(func(tx Tx) error {
		p, err := getDoc[paramDoc](tx, collParams, id)
		if err != nil {
			return err
		}
		if p == nil || p.DeviceID != c.Auth.Token.DeviceID {
			return notFound("Param not found")
		}
		p.Sent = sent
		return putDoc(tx, collParams, id, p)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Params Successfully Updated", nil
}
