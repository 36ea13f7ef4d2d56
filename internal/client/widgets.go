package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// Widget is a widget of a dashboard as GET /dashboard/{dashboard}/widget/{id} returns it
// (docs/api-notes.md §2.9). Its place on the grid is not part of it: it is the widget's entry in the
// dashboard's arrangement.
type Widget struct {
	ID          string           `json:"id"`
	Dashboard   string           `json:"dashboard"`
	Label       string           `json:"label"`
	Type        string           `json:"type"`
	Realtime    *bool            `json:"realtime"`
	AnalysisRun *string          `json:"analysis_run"`
	Data        []WidgetData     `json:"data"`
	Resource    []WidgetResource `json:"resource"`
	// Display is the type-specific settings object, kept as the API's JSON.
	Display json.RawMessage `json:"display"`
}

// WidgetData is one data source of a widget: what to read from the device Origin.
type WidgetData struct {
	Origin    string     `json:"origin"`
	Variables StringList `json:"variables,omitempty"`
	Qty       *int64     `json:"qty,omitempty"`
	Query     *string    `json:"query,omitempty"`
	Timezone  *string    `json:"timezone,omitempty"`
	Bucket    *string    `json:"bucket,omitempty"`
	StartDate *string    `json:"start_date,omitempty"`
	EndDate   *string    `json:"end_date,omitempty"`
	// Overwrite is kept as JSON: the SDK types it as a boolean, docs/api-notes.md leaves it untyped.
	Overwrite json.RawMessage `json:"overwrite,omitempty"`
}

// StringList is a list of strings that also reads a single string, as the API accepts a lone
// variable name where a list is expected (docs/api-notes.md §1.3).
type StringList []string

// UnmarshalJSON reads ["a", "b"], "a" or null.
func (l *StringList) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*l = StringList{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*l = many
	return nil
}

// WidgetResource is a device list a device-list widget shows (dynamic tables and the like).
type WidgetResource struct {
	Type     string  `json:"type"` // "device"
	Filter   []Tag   `json:"filter"`
	View     string  `json:"view"`
	Editable *string `json:"editable,omitempty"`
}

// WidgetCreate is the POST /dashboard/{dashboard}/widget/ body.
type WidgetCreate struct {
	Label       string           `json:"label"`
	Type        string           `json:"type"`
	Realtime    *bool            `json:"realtime,omitempty"`
	AnalysisRun *string          `json:"analysis_run,omitempty"`
	Data        []WidgetData     `json:"data"`
	Resource    []WidgetResource `json:"resource"`
	Display     json.RawMessage  `json:"display"`
}

// WidgetUpdate is a partial PUT body: each field sent replaces that whole top-level field (no
// deep merge). AnalysisRun is always sent, even unchanged, because a PUT without analysis_run
// detaches the analysis (MCP dashboards notes, docs/api-notes.md §2.9): nil sends null and detaches it.
type WidgetUpdate struct {
	Label       *string           `json:"label,omitempty"`
	Realtime    *bool             `json:"realtime,omitempty"`
	AnalysisRun *string           `json:"analysis_run"`
	Data        *[]WidgetData     `json:"data,omitempty"`
	Resource    *[]WidgetResource `json:"resource,omitempty"`
	Display     json.RawMessage   `json:"display,omitempty"`
}

// widgetCreateResult accepts the documented key and the spellings other objects use.
type widgetCreateResult struct {
	Widget   string `json:"widget"`
	WidgetID string `json:"widget_id"`
	ID       string `json:"id"`
}

// WidgetsService is /dashboard/{dashboard}/widget.
type WidgetsService struct{ c *Client }

// WidgetCreated is a widget Create made.
type WidgetCreated struct {
	ID string
	// UnknownOutcomes counts the create requests sent before the one that succeeded whose answer
	// was lost (a dropped connection, a 500/502/504). Each may have created a copy of the widget
	// that nothing can find, since the API has no route that lists a dashboard's widgets: the
	// copy is not on the grid (widgets are placed by editing the dashboard's arrangement), so it
	// is not shown, and it goes when the dashboard is deleted.
	UnknownOutcomes int
}

// Create creates a widget on a dashboard. The widget is not placed on the grid: the caller adds
// its arrangement entry. A create whose answer was lost cannot be looked up, so it is sent again
// (failing would not remove a copy the lost request made, and the next apply would send it
// again anyway) and counted in UnknownOutcomes for the caller to report.
func (s *WidgetsService) Create(ctx context.Context, dashboardID string, in WidgetCreate) (*WidgetCreated, error) {
	if in.Data == nil {
		in.Data = []WidgetData{}
	}
	if in.Resource == nil {
		in.Resource = []WidgetResource{}
	}
	if in.Display == nil {
		in.Display = json.RawMessage(`{}`)
	}
	var out widgetCreateResult
	created := &WidgetCreated{}
	_, err := s.c.create(ctx, createSpec{
		kind: "widget",
		name: in.Label,
		// The SDK posts to the path with a trailing slash.
		req:         Request{Method: http.MethodPost, Path: dashboardPath(dashboardID) + "/widget/", Body: in},
		resentBlind: func() { created.UnknownOutcomes++ },
	}, &out)
	if err != nil {
		return nil, err
	}
	created.ID = firstNonEmpty(out.Widget, out.WidgetID, out.ID)
	if created.ID == "" {
		return nil, fmt.Errorf("TagoIO API POST %s/widget/ answered without the new widget's id", dashboardPath(dashboardID))
	}
	return created, nil
}

// Get reads one widget.
func (s *WidgetsService) Get(ctx context.Context, dashboardID, id string) (*Widget, error) {
	var w Widget
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: widgetPath(dashboardID, id)}, &w); err != nil {
		return nil, err
	}
	return &w, nil
}

// Update edits a widget.
func (s *WidgetsService) Update(ctx context.Context, dashboardID, id string, in WidgetUpdate) error {
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: widgetPath(dashboardID, id), Body: in}, nil)
}

// Delete deletes a widget. Its arrangement entry stays until the caller removes it.
func (s *WidgetsService) Delete(ctx context.Context, dashboardID, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: widgetPath(dashboardID, id)}, nil)
}

func widgetPath(dashboardID, id string) string {
	return dashboardPath(dashboardID) + "/widget/" + url.PathEscape(id)
}
