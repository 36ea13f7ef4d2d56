package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// Dashboard is a TagoIO dashboard as GET /dashboard/{id} returns it (docs/api-notes.md §2.8).
type Dashboard struct {
	ID                        string             `json:"id"`
	Label                     string             `json:"label"`
	Type                      string             `json:"type"`
	Visible                   *bool              `json:"visible"`
	Tags                      []Tag              `json:"tags"`
	Arrangement               []ArrangementEntry `json:"arrangement"`
	Tabs                      []DashboardTab     `json:"tabs"`
	GroupBy                   []string           `json:"group_by"`
	Icon                      *DashboardIcon     `json:"icon"`
	BlueprintDevices          []BlueprintDevice  `json:"blueprint_devices"`
	BlueprintDeviceBehavior   *string            `json:"blueprint_device_behavior"`
	BlueprintSelectorBehavior *string            `json:"blueprint_selector_behavior"`
	CreatedAt                 string             `json:"created_at"`
	UpdatedAt                 string             `json:"updated_at"`
	LastAccess                *string            `json:"last_access"`
}

// DashboardTab is a tab of a dashboard; widgets are placed on a tab by its Key.
type DashboardTab struct {
	Key    string  `json:"key"`
	Value  string  `json:"value"` // the tab's title
	Link   *string `json:"link,omitempty"`
	Hidden *bool   `json:"hidden,omitempty"`
}

// DashboardIcon is the dashboard's sidebar icon. The API answers {} for a dashboard without one.
type DashboardIcon struct {
	URL   string `json:"url,omitempty"`
	Color string `json:"color,omitempty"`
}

// BlueprintDevice is a device slot of a blueprint dashboard: the devices matching Conditions can
// be picked in the dashboard's selector, and widgets read the picked device's data.
type BlueprintDevice struct {
	ID               string                     `json:"id"`
	Name             string                     `json:"name"`
	Label            *string                    `json:"label,omitempty"`
	Type             *string                    `json:"type,omitempty"` // "device" or "entity"
	Conditions       []BlueprintCondition       `json:"conditions"`
	FilterConditions []BlueprintFilterCondition `json:"filter_conditions"`
}

// BlueprintCondition is a tag a device must have to fit a blueprint device slot.
type BlueprintCondition struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// BlueprintFilterCondition narrows a slot's devices to those sharing a tag with the device
// picked in another slot (named by BlueprintDevice).
type BlueprintFilterCondition struct {
	Type            string `json:"type"` // "tag_match"
	TagKey          string `json:"tag_key"`
	BlueprintDevice string `json:"blueprint_device"`
}

// ArrangementEntry places one widget on the dashboard grid. Numbers may be fractional (the admin
// writes values such as 2.3333333333333335). Keys the client does not model (the admin also
// writes minW, minH, ...) are kept and sent back unchanged, because a PUT of the arrangement
// replaces every entry, including those of widgets Terraform does not manage.
type ArrangementEntry struct {
	WidgetID string
	X        float64
	Y        float64
	Width    float64
	Height   float64
	Tab      *string // a tab key, or nil for the first tab
	extra    map[string]json.RawMessage
}

// arrangementKeys are the keys ArrangementEntry models.
var arrangementKeys = []string{"widget_id", "x", "y", "width", "height", "tab"}

// UnmarshalJSON reads an entry and keeps the keys it does not model. A tab key written as a
// number (tab keys are timestamps) is read as its decimal text.
func (e *ArrangementEntry) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*e = ArrangementEntry{}
	if v, ok := raw["widget_id"]; ok {
		if err := json.Unmarshal(v, &e.WidgetID); err != nil {
			return fmt.Errorf("arrangement widget_id: %w", err)
		}
	}
	for key, dst := range map[string]*float64{"x": &e.X, "y": &e.Y, "width": &e.Width, "height": &e.Height} {
		if v, ok := raw[key]; ok && string(v) != "null" {
			if err := json.Unmarshal(v, dst); err != nil {
				return fmt.Errorf("arrangement %s: %w", key, err)
			}
		}
	}
	if v, ok := raw["tab"]; ok && string(v) != "null" {
		var tab string
		if json.Unmarshal(v, &tab) != nil {
			var n json.Number
			if err := json.Unmarshal(v, &n); err != nil {
				return fmt.Errorf("arrangement tab: %w", err)
			}
			tab = n.String()
		}
		e.Tab = &tab
	}
	for _, key := range arrangementKeys {
		delete(raw, key)
	}
	if len(raw) > 0 {
		e.extra = raw
	}
	return nil
}

// MarshalJSON writes the modelled keys and every key kept from the API.
func (e ArrangementEntry) MarshalJSON() ([]byte, error) {
	out := make(map[string]any, len(e.extra)+len(arrangementKeys))
	for k, v := range e.extra {
		out[k] = v
	}
	out["widget_id"] = e.WidgetID
	out["x"] = e.X
	out["y"] = e.Y
	out["width"] = e.Width
	out["height"] = e.Height
	out["tab"] = e.Tab // nil is written as null, as the API does
	return json.Marshal(out)
}

// DashboardCreate is the POST /dashboard body. It never carries an arrangement: widgets place
// themselves.
type DashboardCreate struct {
	Label                     string            `json:"label"`
	Type                      string            `json:"type"`
	Visible                   *bool             `json:"visible,omitempty"`
	Tags                      []Tag             `json:"tags"`
	Tabs                      []DashboardTab    `json:"tabs,omitempty"`
	GroupBy                   []string          `json:"group_by,omitempty"`
	Icon                      *DashboardIcon    `json:"icon,omitempty"`
	BlueprintDevices          []BlueprintDevice `json:"blueprint_devices,omitempty"`
	BlueprintDeviceBehavior   *string           `json:"blueprint_device_behavior,omitempty"`
	BlueprintSelectorBehavior *string           `json:"blueprint_selector_behavior,omitempty"`
}

// DashboardUpdate is a partial PUT /dashboard/{id} body: only non-nil fields are sent. It has no
// arrangement field on purpose: the API replaces the whole arrangement on every PUT that carries
// one, and the arrangement belongs to the widgets (see SetArrangement). Lists replace the whole
// list; an empty Icon clears the icon; a Null behavior clears it.
type DashboardUpdate struct {
	Label                     *string            `json:"label,omitempty"`
	Type                      *string            `json:"type,omitempty"`
	Visible                   *bool              `json:"visible,omitempty"`
	Tags                      *[]Tag             `json:"tags,omitempty"`
	Tabs                      *[]DashboardTab    `json:"tabs,omitempty"`
	GroupBy                   *[]string          `json:"group_by,omitempty"`
	Icon                      *DashboardIcon     `json:"icon,omitempty"`
	BlueprintDevices          *[]BlueprintDevice `json:"blueprint_devices,omitempty"`
	BlueprintDeviceBehavior   *Nullable[string]  `json:"blueprint_device_behavior,omitempty"`
	BlueprintSelectorBehavior *Nullable[string]  `json:"blueprint_selector_behavior,omitempty"`
}

// IsEmpty reports an update with nothing to send.
func (u DashboardUpdate) IsEmpty() bool { return u == DashboardUpdate{} }

// Nullable is a field of a partial update that is either set to Value or cleared (Null, sent as
// JSON null). A nil *Nullable is not sent at all.
type Nullable[T any] struct {
	Value T
	Null  bool
}

// MarshalJSON writes null or the value.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.Null {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// dashboardCreateResult accepts the documented key and the spellings other objects use.
type dashboardCreateResult struct {
	Dashboard   string `json:"dashboard"`
	DashboardID string `json:"dashboard_id"`
	ID          string `json:"id"`
}

// DashboardsService is /dashboard.
type DashboardsService struct{ c *Client }

// dashboardListFields are the fields the client asks for in lists (the OAS field enum).
var dashboardListFields = []string{"id", "label", "type", "tags", "visible", "created_at", "last_access"}

// Create creates a dashboard and returns its id.
func (s *DashboardsService) Create(ctx context.Context, in DashboardCreate) (string, error) {
	if in.Tags == nil {
		in.Tags = []Tag{}
	}
	in.BlueprintDevices = withEmptyLists(in.BlueprintDevices)
	var out dashboardCreateResult
	adopted, err := s.c.create(ctx, createSpec{
		kind: "dashboard",
		name: in.Label,
		req:  Request{Method: http.MethodPost, Path: "/dashboard", Body: in},
		lookup: func(ctx context.Context) ([]candidate, error) {
			dashboards, err := s.List(ctx, ListOptions{Fields: []string{"id", "label", "created_at"}, Filter: map[string]string{"label": in.Label}})
			if err != nil {
				return nil, err
			}
			found := make([]candidate, 0, len(dashboards))
			for _, d := range dashboards {
				found = append(found, candidate{ID: d.ID, Name: d.Label, CreatedAt: d.CreatedAt})
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
	id := firstNonEmpty(out.Dashboard, out.DashboardID, out.ID)
	if id == "" {
		return "", fmt.Errorf("TagoIO API POST /dashboard answered without the new dashboard's id")
	}
	return id, nil
}

// Get reads one dashboard, arrangement included.
func (s *DashboardsService) Get(ctx context.Context, id string) (*Dashboard, error) {
	var d Dashboard
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: dashboardPath(id)}, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Update edits a dashboard (partial). It never touches the arrangement.
func (s *DashboardsService) Update(ctx context.Context, id string, in DashboardUpdate) error {
	if in.BlueprintDevices != nil {
		devices := withEmptyLists(*in.BlueprintDevices)
		in.BlueprintDevices = &devices
	}
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: dashboardPath(id), Body: in}, nil)
}

// SetArrangement replaces the dashboard's whole arrangement with entries, and sends nothing
// else. Callers read the arrangement, change their own entries and write it back; they must
// serialize that read-modify-write per dashboard, or concurrent writers lose each other's entries.
func (s *DashboardsService) SetArrangement(ctx context.Context, id string, entries []ArrangementEntry) error {
	if entries == nil {
		entries = []ArrangementEntry{}
	}
	body := struct {
		Arrangement []ArrangementEntry `json:"arrangement"`
	}{entries}
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: dashboardPath(id), Body: body}, nil)
}

// Delete deletes a dashboard with its widgets.
func (s *DashboardsService) Delete(ctx context.Context, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: dashboardPath(id)}, nil)
}

// List lists every dashboard matching opts (all pages), ordered by label. Filters the API
// documents: label (with "*" as a wildcard), type and tags.
func (s *DashboardsService) List(ctx context.Context, opts ListOptions) ([]Dashboard, error) {
	if opts.Fields == nil {
		opts.Fields = dashboardListFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "label,asc"
	}
	return ListAll[Dashboard](ctx, s.c, "/dashboard", opts)
}

// withEmptyLists sends a slot's missing condition lists as [] rather than null.
func withEmptyLists(devices []BlueprintDevice) []BlueprintDevice {
	out := make([]BlueprintDevice, len(devices))
	for i, d := range devices {
		if d.Conditions == nil {
			d.Conditions = []BlueprintCondition{}
		}
		if d.FilterConditions == nil {
			d.FilterConditions = []BlueprintFilterCondition{}
		}
		out[i] = d
	}
	return out
}

func dashboardPath(id string) string { return "/dashboard/" + url.PathEscape(id) }
