package emulator

import (
	"bytes"
	"encoding/json"
	"math"
)

// jsonBody is a decoded JSON object body whose fields are decoded and type-checked
// one by one, so that each validation message can name its field. Unknown keys are
// simply never looked at (the API ignores them).
type jsonBody map[string]json.RawMessage

// parseObject decodes a JSON object; an empty body is an empty object.
func parseObject(b []byte) (jsonBody, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return jsonBody{}, nil
	}
	var raw any
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, badRequest("Invalid JSON body: %v", err)
	}
	if _, ok := raw.(map[string]any); !ok {
		return nil, badRequest("Invalid body: expected a JSON object")
	}
	var m jsonBody
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, badRequest("Invalid JSON body: %v", err)
	}
	return m, nil
}

// parseObjectOrArray decodes a body that may be one object or an array of objects.
func parseObjectOrArray(b []byte) ([]jsonBody, error) {
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(trimmed, &items); err != nil {
			return nil, badRequest("Invalid JSON body: %v", err)
		}
		out := make([]jsonBody, 0, len(items))
		for _, it := range items {
			obj, err := parseObject(it)
			if err != nil {
				return nil, badRequest("Invalid body: every array item must be a JSON object")
			}
			out = append(out, obj)
		}
		return out, nil
	}
	obj, err := parseObject(trimmed)
	if err != nil {
		return nil, err
	}
	return []jsonBody{obj}, nil
}

func (b jsonBody) has(k string) bool { _, ok := b[k]; return ok }

func (b jsonBody) isNull(k string) bool {
	v, ok := b[k]
	return ok && bytes.Equal(bytes.TrimSpace(v), []byte("null"))
}

// str returns a required-type string field: present reports whether the key was sent.
func (b jsonBody) str(k string) (s string, present bool, err error) {
	v, ok := b[k]
	if !ok {
		return "", false, nil
	}
	if err := json.Unmarshal(v, &s); err != nil || b.isNull(k) {
		return "", true, badRequest("%s must be a string", k)
	}
	return s, true, nil
}

// nullableStr is str that also accepts null (returned as nil).
func (b jsonBody) nullableStr(k string) (s *string, present bool, err error) {
	if !b.has(k) {
		return nil, false, nil
	}
	if b.isNull(k) {
		return nil, true, nil
	}
	v, _, err := b.str(k)
	if err != nil {
		return nil, true, badRequest("%s must be a string or null", k)
	}
	return &v, true, nil
}

func (b jsonBody) boolean(k string) (v, present bool, err error) {
	raw, ok := b[k]
	if !ok {
		return false, false, nil
	}
	if err := json.Unmarshal(raw, &v); err != nil || b.isNull(k) {
		return false, true, badRequest("%s must be a boolean", k)
	}
	return v, true, nil
}

// integer accepts a JSON number without a fractional part.
func (b jsonBody) integer(k string) (v int, present bool, err error) {
	raw, ok := b[k]
	if !ok {
		return 0, false, nil
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil || b.isNull(k) || f != math.Trunc(f) || math.Abs(f) > 1e15 {
		return 0, true, badRequest("%s must be an integer", k)
	}
	return int(f), true, nil
}

// tag is a {key, value} pair (docs/api-notes.md §5: both strings).
type tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// maxTags is the per-resource tag limit (API changelog v8.5.7).
const maxTags = 30

// tags decodes and validates a tags array.
func (b jsonBody) tags(k string) (tags []tag, present bool, err error) {
	raw, ok := b[k]
	if !ok {
		return nil, false, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil || b.isNull(k) {
		return nil, true, badRequest("%s must be an array of {key, value} objects", k)
	}
	if len(items) > maxTags {
		return nil, true, badRequest("%s: at most %d tags are allowed", k, maxTags)
	}
	tags = make([]tag, 0, len(items))
	for i, it := range items {
		obj, err := parseObject(it)
		if err != nil {
			return nil, true, badRequest("%s[%d] must be a {key, value} object", k, i)
		}
		key, kp, kerr := obj.str("key")
		if kerr != nil || !kp || key == "" {
			return nil, true, badRequest("%s[%d].key must be a non-empty string", k, i)
		}
		val, vp, verr := obj.str("value")
		if verr != nil {
			return nil, true, badRequest("%s[%d].value must be a string", k, i)
		}
		_ = vp // a tag without value is stored with "" (key-only tags are legal in filters)
		tags = append(tags, tag{Key: key, Value: val})
	}
	return tags, true, nil
}
