package dataplane

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"
)

// Widgets reads what a dashboard widget displays (GET /data/{dashboardID}/{widgetID},
// TagoIO's "Resolve Widget Data"), with a profile token: the records each of the widget's
// data sources selects, as the dashboard would show them.
type Widgets struct {
	c *Client
}

// NewWidgets returns the widget calls of c's profile.
func NewWidgets(c *Client) *Widgets { return &Widgets{c: c} }

// WidgetDataRange narrows the widget's queries in time; zero values leave the widget's own.
type WidgetDataRange struct {
	Start, End time.Time
	Timezone   string // e.g. "America/New_York"
}

// WidgetSource is one of the widget's data sources: a device, a query and its variables.
type WidgetSource struct {
	Origin    string   `json:"origin"` // the device
	Query     string   `json:"query"`  // e.g. "last_value"
	Variables []string `json:"variables"`
}

// WidgetContent is one data source and what it selected.
type WidgetContent struct {
	Source  WidgetSource
	Records []Record
	// Number is the answer of a summary query (count, avg, sum), which selects no records.
	Number *float64
}

// WidgetData is a widget with its resolved data.
type WidgetData struct {
	WidgetID    string
	DashboardID string
	Label       string
	Type        string
	Content     []WidgetContent
}

type wireWidgetData struct {
	Widget struct {
		ID        string `json:"id"`
		Dashboard string `json:"dashboard"`
		Label     string `json:"label"`
		Type      string `json:"type"`
	} `json:"widget"`
	Content []struct {
		Data   WidgetSource    `json:"data"`
		Result json.RawMessage `json:"result"`
	} `json:"content"`
}

// Data resolves the widget's data. r may be nil.
func (w *Widgets) Data(ctx context.Context, dashboardID, widgetID string, r *WidgetDataRange) (*WidgetData, error) {
	if dashboardID == "" || widgetID == "" {
		return nil, &ArgumentError{Field: "dashboardID and widgetID", Reason: "are required"}
	}
	query := url.Values{}
	if r != nil {
		if !r.Start.IsZero() {
			query.Set("start_date", FormatTime(r.Start))
		}
		if !r.End.IsZero() {
			query.Set("end_date", FormatTime(r.End))
		}
		if r.Timezone != "" {
			query.Set("timezone", r.Timezone)
		}
	}
	var wire wireWidgetData
	if err := call(ctx, w.c, http.MethodGet, "/data/"+url.PathEscape(dashboardID)+"/"+url.PathEscape(widgetID), query, nil, &wire); err != nil {
		return nil, err
	}
	out := &WidgetData{WidgetID: wire.Widget.ID, DashboardID: wire.Widget.Dashboard, Label: wire.Widget.Label, Type: wire.Widget.Type}
	for _, c := range wire.Content {
		wc := WidgetContent{Source: c.Data}
		if len(c.Result) > 0 && c.Result[0] == '[' {
			if err := json.Unmarshal(c.Result, &wc.Records); err != nil {
				return nil, err
			}
		} else if len(c.Result) > 0 && string(c.Result) != "null" {
			var n float64
			if err := json.Unmarshal(c.Result, &n); err != nil {
				return nil, &ArgumentError{Field: "content.result", Reason: "is neither records nor a number: " + string(c.Result)}
			}
			wc.Number = &n
		}
		out.Content = append(out.Content, wc)
	}
	return out, nil
}
