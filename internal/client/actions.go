package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Action is a TagoIO action as GET /action/{id} returns it (docs/api-notes.md §2.6): Type is the trigger
// family, Trigger its conditions, and Action what runs when they are met.
type Action struct {
	ID                string          `json:"id"`
	Name              string          `json:"name"`
	Description       *string         `json:"description"`
	Active            bool            `json:"active"`
	Lock              *bool           `json:"lock"`
	Type              string          `json:"type"`
	Tags              []Tag           `json:"tags"`
	Trigger           []ActionTrigger `json:"trigger"`
	Action            ActionSpec      `json:"action"`
	TriggerWhenUnlock *bool           `json:"trigger_when_unlock"`
	LastTriggered     *string         `json:"last_triggered"`
	CreatedAt         string          `json:"created_at"`
	UpdatedAt         string          `json:"updated_at"`
}

// ActionTrigger is one item of an action's trigger list. Which fields are set depends on the
// action's type (docs/api-notes.md §2.6); the others stay nil.
type ActionTrigger struct {
	// condition and condition_geofence: the device watched (or, in the admin's "devices by tag"
	// form, TagKey and TagValue below)
	Device      *string `json:"device,omitempty"`
	Variable    *string `json:"variable,omitempty"`
	Is          *string `json:"is,omitempty"`
	Value       *string `json:"-"` // condition: the compared value
	SecondValue *string `json:"-"` // condition with is "><" (between)
	ValueType   *string `json:"value_type,omitempty"`
	Unlock      *bool   `json:"unlock,omitempty"`
	// condition_geofence: the area, sent as "value"
	Geofence *Geofence `json:"-"`
	// resource
	Resource *string `json:"resource,omitempty"`
	When     *string `json:"when,omitempty"`
	// resource, and the tag form of the others
	TagKey   *string `json:"tag_key,omitempty"`
	TagValue *string `json:"tag_value,omitempty"`
	// mqtt_topic, in the form the CLI sends (docs/api-notes.md §8.8)
	Topic *string `json:"topic,omitempty"`
	// interval
	Interval *string `json:"interval,omitempty"`
	// schedule
	Cron     *string `json:"cron,omitempty"`
	Timezone *string `json:"timezone,omitempty"`
	// usage_alert
	ServiceOrResource *string  `json:"service_or_resource,omitempty"`
	Condition         *string  `json:"condition,omitempty"`
	ConditionValue    *float64 `json:"condition_value,omitempty"`
}

// Geofence is a condition_geofence area: a circle (Center [lng, lat] and Radius in km) or a
// polygon (Coordinates, a list of [lng, lat]).
type Geofence struct {
	Center      []float64   `json:"center,omitempty"`
	Radius      *float64    `json:"radius,omitempty"`
	Coordinates [][]float64 `json:"coordinates,omitempty"`
}

// actionTriggerWire carries the fields whose JSON form depends on the others: "value" is text
// for conditions and an object for geofences, and the API may answer numbers as numbers.
type actionTriggerWire struct {
	Value       json.RawMessage `json:"value,omitempty"`
	SecondValue json.RawMessage `json:"second_value,omitempty"`
}

// MarshalJSON writes "value" as the geofence object when there is one, else as text.
func (t ActionTrigger) MarshalJSON() ([]byte, error) {
	type plain ActionTrigger // without the methods, so that encoding does not recurse
	base, err := json.Marshal(plain(t))
	if err != nil {
		return nil, err
	}
	var extra actionTriggerWire
	switch {
	case t.Geofence != nil:
		extra.Value, err = json.Marshal(t.Geofence)
	case t.Value != nil:
		extra.Value, err = json.Marshal(*t.Value)
	}
	if err != nil {
		return nil, err
	}
	if t.SecondValue != nil {
		if extra.SecondValue, err = json.Marshal(*t.SecondValue); err != nil {
			return nil, err
		}
	}
	more, err := json.Marshal(extra)
	if err != nil || string(more) == "{}" {
		return base, err
	}
	if string(base) == "{}" {
		return more, nil
	}
	// Join the two objects: base without its "}" + "," + more without its "{".
	return append(append(bytes.TrimSuffix(base, []byte("}")), ','), bytes.TrimPrefix(more, []byte("{"))...), nil
}

// UnmarshalJSON reads "value" as a geofence when it is an object and as text otherwise
// (a number or a boolean becomes its text).
func (t *ActionTrigger) UnmarshalJSON(data []byte) error {
	type plain ActionTrigger
	var p plain
	if err := json.Unmarshal(data, &p); err != nil {
		return err
	}
	var extra actionTriggerWire
	if err := json.Unmarshal(data, &extra); err != nil {
		return err
	}
	*t = ActionTrigger(p)
	if trimmed := bytes.TrimSpace(extra.Value); len(trimmed) > 0 && trimmed[0] == '{' {
		var g Geofence
		if err := json.Unmarshal(trimmed, &g); err != nil {
			return fmt.Errorf("trigger value: %w", err)
		}
		t.Geofence = &g
	} else {
		t.Value = scalarText(extra.Value)
	}
	t.SecondValue = scalarText(extra.SecondValue)
	return nil
}

// scalarText is a JSON string, number or boolean as text; nil for null, absent or anything else.
func scalarText(raw json.RawMessage) *string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return &s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		s = n.String()
		return &s
	}
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		s = strconv.FormatBool(b)
		return &s
	}
	return nil
}

// ActionSpec is what an action does: Type is its kind and the other fields belong to kinds
// (docs/api-notes.md §2.6). Device is the MQTT device, sent as "bucket".
type ActionSpec struct {
	Type             string            `json:"type"`
	Script           []string          `json:"script,omitempty"`
	Subject          *string           `json:"subject,omitempty"`
	Message          *string           `json:"message,omitempty"`
	To               *string           `json:"to,omitempty"`
	RunUser          *string           `json:"run_user,omitempty"`
	Topic            *string           `json:"topic,omitempty"`
	Payload          *string           `json:"payload,omitempty"`
	Device           *string           `json:"bucket,omitempty"`
	URL              *string           `json:"url,omitempty"`
	Headers          map[string]string `json:"headers,omitempty"`
	From             *string           `json:"from,omitempty"`
	TwilioSID        *string           `json:"twilio_sid,omitempty"`
	TwilioToken      *string           `json:"twilio_token,omitempty"`
	SendgridAPIKey   *string           `json:"sendgrid_api_key,omitempty"`
	SMTPSecret       *string           `json:"smtp_secret,omitempty"`
	SQSSecret        *string           `json:"sqs_secret,omitempty"`
	ContentSID       *string           `json:"content_sid,omitempty"`
	ContentVariables []ContentVariable `json:"content_variables,omitempty"`
	BatchEnabled     *bool             `json:"batch_enabled,omitempty"`
}

// ContentVariable is a WhatsApp template variable.
type ContentVariable struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// UnmarshalJSON tolerates what the sources disagree on or leave loose: the MQTT device under
// "device" instead of "bucket" (the services renamed it in 2024), header values that are not
// text (the SDK types them as any), and a single script id instead of a list (the old model).
func (s *ActionSpec) UnmarshalJSON(data []byte) error {
	type plain ActionSpec
	var wire struct {
		plain
		Script  json.RawMessage            `json:"script"`
		Headers map[string]json.RawMessage `json:"headers"`
		Device  *string                    `json:"device"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*s = ActionSpec(wire.plain)
	if s.Device == nil {
		s.Device = wire.Device
	}
	if raw := bytes.TrimSpace(wire.Script); len(raw) > 0 && string(raw) != "null" {
		if raw[0] == '[' {
			if err := json.Unmarshal(raw, &s.Script); err != nil {
				return fmt.Errorf("action script: %w", err)
			}
		} else if id := scalarText(raw); id != nil && *id != "" {
			s.Script = []string{*id}
		}
	}
	if len(wire.Headers) > 0 {
		s.Headers = make(map[string]string, len(wire.Headers))
		for k, raw := range wire.Headers {
			if text := scalarText(raw); text != nil {
				s.Headers[k] = *text
			} else {
				s.Headers[k] = string(raw) // an object or a list: keep its JSON
			}
		}
	}
	return nil
}

// ActionCreate is the POST /action body.
type ActionCreate struct {
	Name              string          `json:"name"`
	Description       *string         `json:"description,omitempty"`
	Active            *bool           `json:"active,omitempty"`
	Lock              *bool           `json:"lock,omitempty"`
	Type              string          `json:"type"`
	Tags              []Tag           `json:"tags"`
	Trigger           []ActionTrigger `json:"trigger,omitempty"`
	Action            ActionSpec      `json:"action"`
	TriggerWhenUnlock *bool           `json:"trigger_when_unlock,omitempty"`
}

// ActionUpdate is a partial PUT /action/{id} body: only non-nil fields are sent. Trigger and
// Action replace the whole value; send Type with Trigger, since the items' shape depends on it.
// To clear the description, send an empty string.
type ActionUpdate struct {
	Name              *string          `json:"name,omitempty"`
	Description       *string          `json:"description,omitempty"`
	Active            *bool            `json:"active,omitempty"`
	Lock              *bool            `json:"lock,omitempty"`
	Type              *string          `json:"type,omitempty"`
	Tags              *[]Tag           `json:"tags,omitempty"`
	Trigger           *[]ActionTrigger `json:"trigger,omitempty"`
	Action            *ActionSpec      `json:"action,omitempty"`
	TriggerWhenUnlock *bool            `json:"trigger_when_unlock,omitempty"`
}

// IsEmpty reports an update with nothing to send.
func (u ActionUpdate) IsEmpty() bool {
	return u.Name == nil && u.Description == nil && u.Active == nil && u.Lock == nil && u.Type == nil &&
		u.Tags == nil && u.Trigger == nil && u.Action == nil && u.TriggerWhenUnlock == nil
}

// actionCreateResult accepts the documented key and a plain "id".
type actionCreateResult struct {
	Action string `json:"action"`
	ID     string `json:"id"`
}

// ActionsService is /action.
type ActionsService struct{ c *Client }

// actionListFields are the fields the client asks for in lists: enough for lookups and the
// plural data source.
var actionListFields = []string{"id", "name", "type", "active", "tags", "last_triggered", "created_at", "updated_at"}

// Create creates an action and returns its id.
func (s *ActionsService) Create(ctx context.Context, in ActionCreate) (string, error) {
	if in.Tags == nil {
		in.Tags = []Tag{}
	}
	s.maskSpec(in.Action)
	var out actionCreateResult
	adopted, err := s.c.create(ctx, createSpec{
		kind: "action",
		name: in.Name,
		req:  Request{Method: http.MethodPost, Path: "/action", Body: in, Sensitive: true},
		lookup: func(ctx context.Context) ([]candidate, error) {
			actions, err := s.List(ctx, ListOptions{Filter: map[string]string{"name": in.Name}})
			if err != nil {
				return nil, err
			}
			found := make([]candidate, 0, len(actions))
			for _, a := range actions {
				found = append(found, candidate{ID: a.ID, Name: a.Name, CreatedAt: a.CreatedAt})
			}
			return found, nil
		},
	}, &out)
	if err != nil {
		return "", err
	}
	if adopted != "" {
		return adopted, nil
	}
	if id := firstNonEmpty(out.Action, out.ID); id != "" {
		return id, nil
	}
	return "", fmt.Errorf("TagoIO API POST /action answered without the new action's id")
}

// Get reads one action.
func (s *ActionsService) Get(ctx context.Context, id string) (*Action, error) {
	var a Action
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/action/" + url.PathEscape(id), Sensitive: true}, &a); err != nil {
		return nil, err
	}
	s.maskSpec(a.Action)
	return &a, nil
}

// Update edits an action (partial).
func (s *ActionsService) Update(ctx context.Context, id string, in ActionUpdate) error {
	if in.Action != nil {
		s.maskSpec(*in.Action)
	}
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: "/action/" + url.PathEscape(id), Body: in, Sensitive: true}, nil)
}

// Delete deletes an action.
func (s *ActionsService) Delete(ctx context.Context, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: "/action/" + url.PathEscape(id)}, nil)
}

// List lists every action matching opts (all pages), by name. Filters the API knows: name ("*"
// is a wildcard), type, active ("true"/"false") and tags.
func (s *ActionsService) List(ctx context.Context, opts ListOptions) ([]Action, error) {
	if opts.Fields == nil {
		opts.Fields = actionListFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "name,asc"
	}
	actions, err := ListAll[Action](ctx, s.c, "/action", opts)
	for _, a := range actions {
		s.maskSpec(a.Action)
	}
	return actions, err
}

// maskSpec registers the values of an action's HTTP headers as secrets (they usually carry
// credentials), before the request or answer can reach a log line or an error.
func (s *ActionsService) maskSpec(spec ActionSpec) {
	for k, v := range spec.Headers {
		s.c.masker.Add(v)
		// "Bearer <token>": the credential alone is a secret too, wherever it appears.
		if _, cred, ok := strings.Cut(v, " "); ok && strings.EqualFold(k, "authorization") {
			s.c.masker.Add(cred)
		}
	}
}
