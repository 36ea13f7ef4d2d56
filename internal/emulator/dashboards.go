package emulator

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// dashboardDoc is a stored dashboard (docs/api-notes.md §2.8). Free-form parts (icon,
// background, theme, setup, tabs, blueprint devices, group_by) are kept as the
// client sent them, after validation, so that they round-trip exactly.
type dashboardDoc struct {
	ID                        string            `json:"id"`
	Label                     string            `json:"label"`
	Type                      string            `json:"type"`
	Visible                   bool              `json:"visible"`
	Profile                   string            `json:"profile"`
	Tags                      []tag             `json:"tags"`
	Arrangement               []arrangementItem `json:"arrangement"`
	Tabs                      []json.RawMessage `json:"tabs"`
	GroupBy                   json.RawMessage   `json:"group_by"`
	Icon                      json.RawMessage   `json:"icon"`
	Background                json.RawMessage   `json:"background"`
	Theme                     json.RawMessage   `json:"theme"`
	Setup                     json.RawMessage   `json:"setup"`
	BlueprintDevices          []json.RawMessage `json:"blueprint_devices"`
	BlueprintDeviceBehavior   *string           `json:"blueprint_device_behavior"`
	BlueprintSelectorBehavior *string           `json:"blueprint_selector_behavior"`
	CreatedAt                 apiTime           `json:"created_at"`
	UpdatedAt                 apiTime           `json:"updated_at"`
	LastAccess                *apiTime          `json:"last_access"`
}

// arrangementItem places one widget on the dashboard grid. Positions and sizes are
// grid units and may be fractional (OAS example width 2.3333333333333335).
type arrangementItem struct {
	WidgetID string  `json:"widget_id"`
	X        float64 `json:"x"`
	Y        float64 `json:"y"`
	Width    float64 `json:"width"`
	Height   float64 `json:"height"`
	Tab      *string `json:"tab"`
}

const (
	dashboardTypeDashboard = "dashboard"
	dashboardTypeBlueprint = "blueprint"
)

var (
	blueprintDeviceBehaviors   = []string{"more_than_one", "always"}
	blueprintSelectorBehaviors = []string{"open", "closed", "always_open", "always_closed"}
)

// dashboardInfo is the DashboardInfo object of GET /dashboard/{id}: every key, with
// defaults filled. shared is null for a dashboard of one's own profile (the JS type
// describes the share of a dashboard someone else shared; nothing shares here).
func dashboardInfo(d *dashboardDoc) record {
	arrangement := d.Arrangement
	if arrangement == nil {
		arrangement = []arrangementItem{}
	}
	return record{
		"id": d.ID, "label": d.Label, "type": d.Type, "visible": d.Visible,
		"profile": d.Profile, "tags": tagsOrEmpty(d.Tags), "arrangement": arrangement,
		"tabs": rawList(d.Tabs), "group_by": rawOr(d.GroupBy, "[]"), "icon": rawOr(d.Icon, "{}"),
		"background": rawOr(d.Background, "{}"), "theme": rawOr(d.Theme, "null"),
		"setup": rawOr(d.Setup, "{}"), "blueprint_devices": rawList(d.BlueprintDevices),
		"blueprint_device_behavior":   d.BlueprintDeviceBehavior,
		"blueprint_selector_behavior": d.BlueprintSelectorBehavior,
		"shared":                      nil,
		"created_at":                  d.CreatedAt, "updated_at": d.UpdatedAt, "last_access": d.LastAccess,
	}
}

// Default list fields: with no fields at all the emulator answers the keys of the OAS
// list item, which is what a client that omits fields reads.
//
// "name" is the dashboard's label in fields, orderBy and filter: the JS SDK's
// dashboards.list asks for fields [id, name] by default and documents the answer as
// [{id, label, ...}] (docs/api-notes.md §2.8 "fields=[id,name] (sic)"), its DashboardQuery
// allows orderBy "name", and the OAS GET /dashboard example orders by "name" ("Order
// dashboard by name"). Ignoring "name" left the SDK's default list with ids only.
var dashboardListSpec = listSpec{
	defaultFields: []string{"id", "label", "type", "visible", "tags", "profile", "group_by", "icon", "tabs", "created_at", "last_access"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "label,asc",
	filters: map[string]filterKind{
		"id": filterString, "label": filterString, "type": filterString,
		"visible": filterBool, "tags": filterTags,
		"created_at": filterDate, "updated_at": filterDate, "last_access": filterDate,
	},
	aliases: map[string]string{"name": "label"},
}

func (e *Emulator) registerDashboards(r *Router) {
	r.Handle("GET", "/dashboard", e.listDashboards, kindProfile)
	r.Handle("POST", "/dashboard", e.createDashboard, kindProfile)
	r.Handle("GET", "/dashboard/{id}", e.getDashboard, kindProfile)
	r.Handle("PUT", "/dashboard/{id}", e.editDashboard, kindProfile)
	r.Handle("DELETE", "/dashboard/{id}", e.deleteDashboard, kindProfile)
	r.Handle("POST", "/dashboard/{id}/duplicate", e.duplicateDashboard, kindProfile)
	r.Handle("GET", "/dashboard/{id}/share/public", e.dashboardPublicToken, kindProfile)
	r.Handle("GET", "/dashboard/{id}/devices", e.dashboardDevices, kindProfile)
	r.Handle("GET", "/dashboard/{id}/analysis", e.dashboardAnalyses, kindProfile)
}

// loadDashboard validates the id and loads the dashboard, or answers 400/404.
func loadDashboard(tx Tx, id string) (*dashboardDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Dashboard ID")
	}
	d, err := getDoc[dashboardDoc](tx, collDashboards, id)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, notFound("Dashboard not found")
	}
	return d, nil
}

// dashboardWidgets returns the widgets of one dashboard in creation order (ids grow
// with time, and the store walks keys in order).
func dashboardWidgets(tx Tx, dashID string) ([]*widgetDoc, error) {
	return listDocs[widgetDoc](tx, collWidgets, func(w *widgetDoc) bool { return w.Dashboard == dashID })
}

func (e *Emulator) listDashboards(c *Ctx) (int, any, error) {
	var docs []*dashboardDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[dashboardDoc](tx, collDashboards, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, d := range docs {
		items = append(items, dashboardInfo(d))
	}
	out, err := runList(c.Query, items, dashboardListSpec, c.Now)
	return http.StatusOK, out, err
}

func (e *Emulator) getDashboard(c *Ctx) (int, any, error) {
	var d *dashboardDoc
	if err := e.store.View(func(tx Tx) (err error) {
		d, err = loadDashboard(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, dashboardInfo(d), nil
}

func (e *Emulator) createDashboard(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	now := apiTime(c.Now)
	d := &dashboardDoc{
		ID: newObjectID(), Visible: true, Profile: e.profileID, Tags: []tag{},
		Arrangement: []arrangementItem{}, Tabs: []json.RawMessage{}, BlueprintDevices: []json.RawMessage{},
		GroupBy: json.RawMessage(`[]`), Icon: json.RawMessage(`{}`), Background: json.RawMessage(`{}`),
		Theme: json.RawMessage(`null`), Setup: json.RawMessage(`{}`),
		CreatedAt: now, UpdatedAt: now,
	}
	if err := applyDashboardBody(d, body, true); err != nil {
		return 0, nil, err
	}
	if err := e.store.Update(func(tx Tx) error { return putDoc(tx, collDashboards, d.ID, d) }); err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, record{"dashboard": d.ID}, nil
}

func (e *Emulator) editDashboard(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		d, err := loadDashboard(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if err := applyDashboardBody(d, body, false); err != nil {
			return err
		}
		d.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collDashboards, d.ID, d)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

// deleteDashboard removes the dashboard with all its widgets, in one transaction.
func (e *Emulator) deleteDashboard(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		d, err := loadDashboard(tx, c.Param("id"))
		if err != nil {
			return err
		}
		widgets, err := dashboardWidgets(tx, d.ID)
		if err != nil {
			return err
		}
		for _, w := range widgets {
			if err := tx.Delete(collWidgets, w.ID); err != nil {
				return err
			}
		}
		return tx.Delete(collDashboards, d.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

// duplicateDashboard copies a dashboard and its widgets under new ids; the copy's
// arrangement points at the copied widgets. The label defaults to "<label> - Copy"
// (the form of the OAS example's new_label).
func (e *Emulator) duplicateDashboard(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	newLabel, labelPresent, err := body.str("new_label")
	if err != nil {
		return 0, nil, err
	}
	_, setup, setupPresent, err := fieldObject(body, "setup")
	if err != nil {
		return 0, nil, err
	}
	var copyID string
	err = e.store.Update(func(tx Tx) error {
		src, err := loadDashboard(tx, c.Param("id"))
		if err != nil {
			return err
		}
		widgets, err := dashboardWidgets(tx, src.ID)
		if err != nil {
			return err
		}
		now := apiTime(c.Now)
		cp := *src
		cp.ID, cp.CreatedAt, cp.UpdatedAt, cp.LastAccess = newObjectID(), now, now, nil
		cp.Label = src.Label + " - Copy"
		if labelPresent && strings.TrimSpace(newLabel) != "" {
			cp.Label = newLabel
		}
		if setupPresent {
			cp.Setup = setup
		}
		newIDs := map[string]string{}
		for _, w := range widgets {
			wc := *w
			wc.ID, wc.Dashboard, wc.Token = newObjectID(), cp.ID, nil
			newIDs[w.ID] = wc.ID
			if err := putDoc(tx, collWidgets, wc.ID, &wc); err != nil {
				return err
			}
		}
		cp.Arrangement = make([]arrangementItem, 0, len(src.Arrangement))
		for _, a := range src.Arrangement {
			if id, ok := newIDs[a.WidgetID]; ok {
				a.WidgetID = id
			}
			cp.Arrangement = append(cp.Arrangement, a)
		}
		copyID = cp.ID
		return putDoc(tx, collDashboards, cp.ID, &cp)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, record{"dashboard_id": copyID, "message": "Copy sent"}, nil
}

// dashboardPublicToken answers GET /dashboard/{id}/share/public: a fresh public token.
// expire_time defaults to "never" like the SDK (the OAS marks it required); a
// never-expiring token reports the string "never", which the SDK leaves as is.
func (e *Emulator) dashboardPublicToken(c *Ctx) (int, any, error) {
	if err := e.store.View(func(tx Tx) error {
		_, err := loadDashboard(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	var expire any = "never"
	if s := strings.TrimSpace(c.Query.String("expire_time")); s != "" {
		t, err := parseExpireTime(s, c.Now)
		if err != nil {
			return 0, nil, badRequest("expire_time must be \"never\", an ISO-8601 date or a relative time like \"1 day\"")
		}
		if t != nil {
			expire = timePtr(*t)
		}
	}
	return http.StatusOK, record{"token": newUUID(), "expire_time": expire}, nil
}

// dashboardDevices lists the existing devices the dashboard's widgets read from
// (data[].origin), once each, in widget order: [{id, name, bucket}].
func (e *Emulator) dashboardDevices(c *Ctx) (int, any, error) {
	out := []record{}
	err := e.store.View(func(tx Tx) error {
		d, err := loadDashboard(tx, c.Param("id"))
		if err != nil {
			return err
		}
		widgets, err := dashboardWidgets(tx, d.ID)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, w := range widgets {
			for _, origin := range widgetOrigins(w) {
				if seen[origin] || !isObjectID(origin) {
					continue
				}
				seen[origin] = true
				dev, err := getDoc[deviceDoc](tx, collDevices, origin)
				if err != nil {
					return err
				}
				if dev != nil {
					out = append(out, record{"id": dev.ID, "name": dev.Name, "bucket": dev.ID})
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, out, nil
}

// dashboardAnalyses lists the analyses the dashboard's widgets run (analysis_run),
// once each, in widget order: [{id, name}]. The name comes from the analyses
// collection; an analysis that does not exist there is left out.
func (e *Emulator) dashboardAnalyses(c *Ctx) (int, any, error) {
	out := []record{}
	err := e.store.View(func(tx Tx) error {
		d, err := loadDashboard(tx, c.Param("id"))
		if err != nil {
			return err
		}
		widgets, err := dashboardWidgets(tx, d.ID)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, w := range widgets {
			if w.AnalysisRun == nil || seen[*w.AnalysisRun] {
				continue
			}
			seen[*w.AnalysisRun] = true
			name, ok, err := analysisName(tx, *w.AnalysisRun)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, record{"id": *w.AnalysisRun, "name": name})
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, out, nil
}

// analysisName reads only the name of a stored analysis, so that this file does not
// depend on the analyses slice's document type.
func analysisName(tx Tx, id string) (string, bool, error) {
	doc, err := getDoc[struct {
		Name string `json:"name"`
	}](tx, collAnalyses, id)
	if err != nil || doc == nil {
		return "", false, err
	}
	return doc.Name, true, nil
}

// applyDashboardBody validates body and applies it to d. Unknown keys are ignored;
// every array and object present replaces the stored one wholesale (arrangement and
// tabs included), never merges.
func applyDashboardBody(d *dashboardDoc, body jsonBody, create bool) error {
	if label, present, err := body.str("label"); err != nil {
		return err
	} else if present || create {
		if strings.TrimSpace(label) == "" {
			return badRequest("label is required and must be a non-empty string")
		}
		d.Label = label
	}
	typ, present, err := body.str("type")
	if err != nil {
		return err
	}
	if create && !present {
		// The OAS requires type, but the JS SDK's create type has no such field and its
		// example omits it: a plain dashboard is what those clients mean.
		typ, present = dashboardTypeDashboard, true
	}
	if present {
		if typ != dashboardTypeDashboard && typ != dashboardTypeBlueprint {
			return badRequest("type must be one of: dashboard, blueprint")
		}
		d.Type = typ
	}
	if v, present, err := body.boolean("visible"); err != nil {
		return err
	} else if present {
		d.Visible = v
	}
	if v, present, err := body.tags("tags"); err != nil {
		return err
	} else if present {
		d.Tags = v
	}
	if err := applyDashboardLayout(d, body); err != nil {
		return err
	}
	if err := applyDashboardLook(d, body); err != nil {
		return err
	}
	return applyBlueprint(d, body)
}

// applyDashboardLayout handles arrangement, tabs and group_by.
func applyDashboardLayout(d *dashboardDoc, body jsonBody) error {
	if items, present, err := fieldArray(body, "arrangement"); err != nil {
		return err
	} else if present {
		arrangement, err := parseArrangement(items)
		if err != nil {
			return err
		}
		d.Arrangement = arrangement
	}
	if items, present, err := fieldArray(body, "tabs"); err != nil {
		return err
	} else if present {
		if err := validateTabs(items); err != nil {
			return err
		}
		d.Tabs = items
	}
	if _, present, err := fieldArray(body, "group_by"); err != nil {
		return err
	} else if present {
		d.GroupBy = body["group_by"]
	}
	return nil
}

// parseArrangement validates arrangement items. A widget_id need not name a widget
// of the dashboard: the API leaves deleted widgets in the arrangement (OAS), so a
// stale id is already a state clients meet, and refusing it would make a client that
// deletes a widget before re-sending the arrangement fail.
func parseArrangement(items []json.RawMessage) ([]arrangementItem, error) {
	out := make([]arrangementItem, 0, len(items))
	for i, raw := range items {
		prefix := "arrangement[" + strconv.Itoa(i) + "]."
		obj, err := parseObject(raw)
		if err != nil {
			return nil, badRequest("arrangement[%d] must be an object {widget_id, x, y, width, height, tab}", i)
		}
		var a arrangementItem
		id, present, err := obj.str("widget_id")
		if err != nil || !present || id == "" {
			return nil, badRequest("%swidget_id is required and must be a non-empty string", prefix)
		}
		a.WidgetID = id
		for _, f := range []struct {
			key string
			dst *float64
		}{{"x", &a.X}, {"y", &a.Y}, {"width", &a.Width}, {"height", &a.Height}} {
			v, present, err := fieldNumber(obj, f.key)
			if err != nil || !present || v < 0 {
				return nil, badRequest("%s%s is required and must be a non-negative number", prefix, f.key)
			}
			*f.dst = v
		}
		tab, _, err := obj.nullableStr("tab")
		if err != nil {
			return nil, within(prefix, err)
		}
		a.Tab = tab
		out = append(out, a)
	}
	return out, nil
}

// validateTabs checks tabs[] items {key, value, link?, hidden?}; keys must be unique.
func validateTabs(items []json.RawMessage) error {
	keys := map[string]bool{}
	for i, raw := range items {
		prefix := "tabs[" + strconv.Itoa(i) + "]."
		obj, err := parseObject(raw)
		if err != nil {
			return badRequest("tabs[%d] must be an object {key, value, link, hidden}", i)
		}
		key, present, err := obj.str("key")
		if err != nil || !present || key == "" {
			return badRequest("%skey is required and must be a non-empty string", prefix)
		}
		if keys[key] {
			return badRequest("tabs: duplicate key %q; tab keys must be unique", key)
		}
		keys[key] = true
		if _, _, err := obj.str("value"); err != nil {
			return within(prefix, err)
		}
		if _, _, err := obj.str("link"); err != nil {
			return within(prefix, err)
		}
		if !obj.isNull("hidden") { // hidden: null round-trips (MCP)
			if _, _, err := obj.boolean("hidden"); err != nil {
				return within(prefix, err)
			}
		}
	}
	return nil
}

// applyDashboardLook handles icon, background, theme and setup.
func applyDashboardLook(d *dashboardDoc, body jsonBody) error {
	if icon, raw, present, err := fieldObject(body, "icon"); err != nil {
		return err
	} else if present {
		for _, k := range []string{"url", "color"} {
			if _, _, err := icon.str(k); err != nil {
				return within("icon.", err)
			}
		}
		d.Icon = raw
	}
	// background, theme and setup are free-form (JS types them any): any JSON value.
	for _, f := range []struct {
		key string
		dst *json.RawMessage
	}{{"background", &d.Background}, {"theme", &d.Theme}, {"setup", &d.Setup}} {
		if raw, ok := body[f.key]; ok {
			*f.dst = raw
		}
	}
	return nil
}

// applyBlueprint handles blueprint_devices and the two blueprint behaviours.
func applyBlueprint(d *dashboardDoc, body jsonBody) error {
	if items, present, err := fieldArray(body, "blueprint_devices"); err != nil {
		return err
	} else if present {
		for i, raw := range items {
			if err := validateBlueprintDevice(i, raw); err != nil {
				return err
			}
		}
		d.BlueprintDevices = items
	}
	for _, f := range []struct {
		key     string
		allowed []string
		dst     **string
	}{
		{"blueprint_device_behavior", blueprintDeviceBehaviors, &d.BlueprintDeviceBehavior},
		{"blueprint_selector_behavior", blueprintSelectorBehaviors, &d.BlueprintSelectorBehavior},
	} {
		v, present, err := body.nullableStr(f.key)
		if err != nil {
			return err
		}
		if !present {
			continue
		}
		if v != nil && !slices.Contains(f.allowed, *v) {
			return badRequest("%s must be one of: %s (or null)", f.key, strings.Join(f.allowed, ", "))
		}
		*f.dst = v
	}
	return nil
}

// validateBlueprintDevice checks one blueprint_devices[] item {id, name, label?, type,
// conditions[{key,value}], filter_conditions[{type, tag_key, blueprint_device}]}. It is
// stored as sent; no source says the API generates missing ids.
func validateBlueprintDevice(i int, raw json.RawMessage) error {
	prefix := "blueprint_devices[" + strconv.Itoa(i) + "]."
	obj, err := parseObject(raw)
	if err != nil {
		return badRequest("blueprint_devices[%d] must be an object", i)
	}
	for _, k := range []string{"id", "name", "label"} {
		if _, _, err := obj.str(k); err != nil {
			return within(prefix, err)
		}
	}
	if typ, present, err := obj.str("type"); err != nil {
		return within(prefix, err)
	} else if present && typ != "device" && typ != "entity" {
		return badRequest("%stype must be one of: device, entity", prefix)
	}
	if _, _, err := obj.tags("conditions"); err != nil {
		return within(prefix, err)
	}
	conds, _, err := fieldArray(obj, "filter_conditions")
	if err != nil {
		return within(prefix, err)
	}
	for j, c := range conds {
		cobj, err := parseObject(c)
		if err != nil {
			return badRequest("%sfilter_conditions[%d] must be an object {type, tag_key, blueprint_device}", prefix, j)
		}
		for _, k := range []string{"type", "tag_key", "blueprint_device"} {
			if _, _, err := cobj.str(k); err != nil {
				return within(prefix+"filter_conditions["+strconv.Itoa(j)+"].", err)
			}
		}
	}
	return nil
}

// JSON field helpers shared by the dashboard, widget, Run and access-management
// handlers (body.go has the scalar ones).

// fieldNumber reads a JSON number; fractions are allowed.
func fieldNumber(b jsonBody, k string) (v float64, present bool, err error) {
	raw, ok := b[k]
	if !ok {
		return 0, false, nil
	}
	if b.isNull(k) || json.Unmarshal(raw, &v) != nil {
		return 0, true, badRequest("%s must be a number", k)
	}
	return v, true, nil
}

// fieldObject reads an object field: decoded (to check its keys) and raw (to store
// it exactly as sent).
func fieldObject(b jsonBody, k string) (obj jsonBody, raw json.RawMessage, present bool, err error) {
	raw, ok := b[k]
	if !ok {
		return nil, nil, false, nil
	}
	if obj, err = parseObject(raw); err != nil {
		return nil, nil, true, badRequest("%s must be an object", k)
	}
	return obj, raw, true, nil
}

// fieldArray reads an array field as its raw items (null is not an array).
func fieldArray(b jsonBody, k string) (items []json.RawMessage, present bool, err error) {
	raw, ok := b[k]
	if !ok {
		return nil, false, nil
	}
	if b.isNull(k) || json.Unmarshal(raw, &items) != nil {
		return nil, true, badRequest("%s must be an array", k)
	}
	if items == nil {
		items = []json.RawMessage{}
	}
	return items, true, nil
}

// fieldStrings reads an array of strings (nil when the key is absent).
func fieldStrings(b jsonBody, k string) (items []string, err error) {
	raw, ok := b[k]
	if !ok {
		return nil, nil
	}
	if b.isNull(k) || json.Unmarshal(raw, &items) != nil {
		return nil, badRequest("%s must be an array of strings", k)
	}
	if items == nil {
		items = []string{}
	}
	return items, nil
}

// within prefixes a field error with the field's position in the body, so that
// "value must be a string" becomes "tabs[2].value must be a string".
func within(prefix string, err error) error {
	var ae *apiError
	if errors.As(err, &ae) {
		return errorf(ae.Status, "%s%s", prefix, ae.Message)
	}
	return err
}

// rawOr returns raw, or the fallback JSON when nothing is stored (a document written
// before the field existed).
func rawOr(raw json.RawMessage, fallback string) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage(fallback)
	}
	return raw
}

// rawList returns the items, or an empty array instead of null.
func rawList(items []json.RawMessage) []json.RawMessage {
	if items == nil {
		return []json.RawMessage{}
	}
	return items
}

func tagsOrEmpty(t []tag) []tag {
	if t == nil {
		return []tag{}
	}
	return t
}
