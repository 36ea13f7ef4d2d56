package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// widgetDoc is a stored widget of a dashboard (docs/api-notes.md §2.9). data, resource and
// display are kept as sent, after validation; each is replaced wholesale on PUT.
type widgetDoc struct {
	ID          string            `json:"id"`
	Dashboard   string            `json:"dashboard"`
	Label       string            `json:"label"`
	Type        string            `json:"type"`
	Realtime    *bool             `json:"realtime"`
	AnalysisRun *string           `json:"analysis_run"`
	Data        []json.RawMessage `json:"data"`
	Resource    []json.RawMessage `json:"resource"`
	Display     json.RawMessage   `json:"display"`
	Token       *string           `json:"token"` // the last token GET .../token issued
}

// maxWidgetsPerDashboard: "a dashboard holds at most 100 widgets" (DOCS widgets).
const maxWidgetsPerDashboard = 100

// widgetQueries are the data[].query values of SDK 12.3.1.
var widgetQueries = []string{"min", "max", "count", "avg", "sum", "last_value", "last_item", "last_insert", "aggregate", "conditional"}

// widgetInfo is the WidgetInfo object of GET /dashboard/{dashID}/widget/{widgetID}.
func widgetInfo(w *widgetDoc) record {
	return record{
		"id": w.ID, "dashboard": w.Dashboard, "label": w.Label, "type": w.Type,
		"realtime": w.Realtime, "analysis_run": w.AnalysisRun,
		"data": rawList(w.Data), "resource": rawList(w.Resource), "display": rawOr(w.Display, "{}"),
		"token": w.Token,
	}
}

func (e *Emulator) registerWidgets(r *Router) {
	r.Handle("POST", "/dashboard/{dashID}/widget", e.createWidget, kindProfile)
	r.Handle("GET", "/dashboard/{dashID}/widget/{widgetID}", e.getWidget, kindProfile)
	r.Handle("PUT", "/dashboard/{dashID}/widget/{widgetID}", e.editWidget, kindProfile)
	r.Handle("DELETE", "/dashboard/{dashID}/widget/{widgetID}", e.deleteWidget, kindProfile)
	r.Handle("GET", "/dashboard/{dashID}/widget/{widgetID}/token", e.widgetToken, kindProfile)
}

// loadWidget validates both ids and loads the widget of that dashboard, or answers
// 400/404 (a widget of another dashboard is not found here).
func loadWidget(tx Tx, dashID, widgetID string) (*widgetDoc, error) {
	d, err := loadDashboard(tx, dashID)
	if err != nil {
		return nil, err
	}
	if !isObjectID(widgetID) {
		return nil, badRequest("Invalid Widget ID")
	}
	w, err := getDoc[widgetDoc](tx, collWidgets, widgetID)
	if err != nil {
		return nil, err
	}
	if w == nil || w.Dashboard != d.ID {
		return nil, notFound("Widget not found")
	}
	return w, nil
}

// createWidget adds a widget to a dashboard. It is NOT placed in the dashboard's
// arrangement: the client PUTs the arrangement itself (OAS). The OAS documents 200.
func (e *Emulator) createWidget(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	w := &widgetDoc{ID: newObjectID(), Data: []json.RawMessage{}, Resource: []json.RawMessage{}, Display: json.RawMessage(`{}`)}
	if err := applyWidgetBody(w, body, true); err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		d, err := loadDashboard(tx, c.Param("dashID"))
		if err != nil {
			return err
		}
		existing, err := dashboardWidgets(tx, d.ID)
		if err != nil {
			return err
		}
		if len(existing) >= maxWidgetsPerDashboard {
			return badRequest("A dashboard can hold at most %d widgets", maxWidgetsPerDashboard)
		}
		w.Dashboard = d.ID
		return putDoc(tx, collWidgets, w.ID, w)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"widget": w.ID}, nil
}

func (e *Emulator) getWidget(c *Ctx) (int, any, error) {
	var w *widgetDoc
	if err := e.store.View(func(tx Tx) (err error) {
		w, err = loadWidget(tx, c.Param("dashID"), c.Param("widgetID"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, widgetInfo(w), nil
}

func (e *Emulator) editWidget(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		w, err := loadWidget(tx, c.Param("dashID"), c.Param("widgetID"))
		if err != nil {
			return err
		}
		if err := applyWidgetBody(w, body, false); err != nil {
			return err
		}
		return putDoc(tx, collWidgets, w.ID, w)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

// deleteWidget removes the widget but leaves the dashboard's arrangement alone: the
// client must PUT the arrangement without it (OAS).
func (e *Emulator) deleteWidget(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		w, err := loadWidget(tx, c.Param("dashID"), c.Param("widgetID"))
		if err != nil {
			return err
		}
		return tx.Delete(collWidgets, w.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

// widgetToken issues a new embed token on every call; GET widget shows the last one.
func (e *Emulator) widgetToken(c *Ctx) (int, any, error) {
	token := newUUID()
	err := e.store.Update(func(tx Tx) error {
		w, err := loadWidget(tx, c.Param("dashID"), c.Param("widgetID"))
		if err != nil {
			return err
		}
		w.Token = &token
		return putDoc(tx, collWidgets, w.ID, w)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"widget_token": token}, nil
}

// applyWidgetBody validates body and applies it to w. Each top-level field present
// replaces the stored one wholesale (no deep merge of display or data); id and
// dashboard in the body are ignored. A PUT that omits analysis_run detaches it
// (MCP dashboards notes), so clients must resend it on every edit.
func applyWidgetBody(w *widgetDoc, body jsonBody, create bool) error {
	typ, present, err := body.str("type")
	if err != nil {
		return err
	}
	switch {
	case create && (!present || typ == ""):
		return badRequest("type is required and must be a non-empty string")
	case create:
		w.Type = typ
	case present && typ != w.Type:
		return badRequest("type cannot be changed (it is %q); create a new widget instead", w.Type)
	}
	if label, present, err := body.str("label"); err != nil {
		return err
	} else if present {
		w.Label = label
	}
	if body.isNull("realtime") {
		w.Realtime = nil
	} else if v, present, err := body.boolean("realtime"); err != nil {
		return badRequest("realtime must be a boolean or null")
	} else if present {
		w.Realtime = &v
	}
	run, err := parseAnalysisRun(body)
	if err != nil {
		return err
	}
	w.AnalysisRun = run
	if _, raw, present, err := fieldObject(body, "display"); err != nil {
		return err
	} else if present {
		w.Display = raw
	}
	if items, present, err := fieldArray(body, "data"); err != nil {
		return err
	} else if present {
		for i, raw := range items {
			if err := validateWidgetData(i, raw); err != nil {
				return err
			}
		}
		w.Data = items
	}
	if items, present, err := fieldArray(body, "resource"); err != nil {
		return err
	} else if present {
		for i, raw := range items {
			if err := validateWidgetResource(i, raw); err != nil {
				return err
			}
		}
		w.Resource = items
	}
	return nil
}

// parseAnalysisRun reads analysis_run: a 24-hex analysis id, or null. Omitted means
// null (see applyWidgetBody); "" is taken as null too, since clients clear it that way.
func parseAnalysisRun(body jsonBody) (*string, error) {
	v, _, err := body.nullableStr("analysis_run")
	if err != nil {
		return nil, badRequest("analysis_run must be an analysis ID or null")
	}
	if v == nil || *v == "" {
		return nil, nil
	}
	if !isObjectID(*v) {
		return nil, badRequest("analysis_run must be an analysis ID (24 hex characters) or null")
	}
	return v, nil
}

// validateWidgetData checks one data[] item {origin, variables[], qty?, query?,
// timezone?, bucket?, start_date?, end_date?, overwrite?}.
func validateWidgetData(i int, raw json.RawMessage) error {
	prefix := "data[" + strconv.Itoa(i) + "]."
	obj, err := parseObject(raw)
	if err != nil {
		return badRequest("data[%d] must be an object {origin, variables, ...}", i)
	}
	if origin, present, err := obj.str("origin"); err != nil || !present || origin == "" {
		return badRequest("%sorigin is required and must be a device ID", prefix)
	}
	if _, err := fieldStrings(obj, "variables"); err != nil {
		return within(prefix, err)
	}
	if qty, present, err := obj.integer("qty"); err != nil {
		return within(prefix, err)
	} else if present && qty < 1 {
		return badRequest("%sqty must be at least 1", prefix)
	}
	if q, present, err := obj.str("query"); err != nil {
		return within(prefix, err)
	} else if present && !slices.Contains(widgetQueries, q) {
		return badRequest("%squery must be one of: %s", prefix, strings.Join(widgetQueries, ", "))
	}
	for _, k := range []string{"timezone", "bucket", "start_date", "end_date"} {
		if _, _, err := obj.nullableStr(k); err != nil {
			return within(prefix, err)
		}
	}
	if _, _, err := obj.boolean("overwrite"); err != nil {
		return within(prefix, err)
	}
	return nil
}

// validateWidgetResource checks one resource[] item {type: "device", filter[{key,
// value}], view, editable}.
func validateWidgetResource(i int, raw json.RawMessage) error {
	prefix := "resource[" + strconv.Itoa(i) + "]."
	obj, err := parseObject(raw)
	if err != nil {
		return badRequest("resource[%d] must be an object {type, filter, view, editable}", i)
	}
	if typ, present, err := obj.str("type"); err != nil {
		return within(prefix, err)
	} else if present && typ != "device" {
		return badRequest("%stype must be \"device\"", prefix)
	}
	if _, _, err := obj.tags("filter"); err != nil {
		return within(prefix, err)
	}
	for _, k := range []string{"view", "editable"} {
		if _, _, err := obj.str(k); err != nil {
			return within(prefix, err)
		}
	}
	return nil
}

// widgetOrigins returns the data[].origin values of a widget, in order.
func widgetOrigins(w *widgetDoc) []string {
	var out []string
	for _, raw := range w.Data {
		var item struct {
			Origin string `json:"origin"`
		}
		if json.Unmarshal(raw, &item) == nil && item.Origin != "" {
			out = append(out, item.Origin)
		}
	}
	return out
}
