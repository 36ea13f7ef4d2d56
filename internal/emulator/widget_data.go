package emulator

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

// GET /data/{dashboardID}/{widgetID} ("Resolve Widget Data"): everything a widget
// displays, from its data[] configuration. Each data[] item {origin, variables, query?,
// qty?, start_date?, end_date?} runs as a data query on the origin device; the
// request's start_date, end_date and timezone, when given, override the item's (the
// JS SDK's widgets.getData sends them). A device that no longer exists contributes no
// records. resource[] items (device lists) carry no data here.
func (e *Emulator) registerWidgetData(r *Router) {
	r.Handle("GET", "/data/{dashID}/{widgetID}", e.widgetData, kindProfile)
}

// widgetDataItem is the part of a data[] item the answer echoes and the query reads.
type widgetDataItem struct {
	Origin    string   `json:"origin"`
	Query     string   `json:"query"`
	Variables []string `json:"variables"`
	Qty       *int     `json:"qty"`
	StartDate *string  `json:"start_date"`
	EndDate   *string  `json:"end_date"`
}

// widgetRecord is a record as the widget data answer documents it: the device under
// both its names (device, origin) and the group under both (group, serie).
type widgetRecord struct {
	ID       string          `json:"id"`
	Device   string          `json:"device"`
	Origin   string          `json:"origin"`
	Variable string          `json:"variable"`
	Value    json.RawMessage `json:"value,omitempty"`
	Unit     *string         `json:"unit,omitempty"`
	Group    string          `json:"group"`
	Serie    string          `json:"serie"`
	Location *geoPoint       `json:"location,omitempty"`
	Metadata json.RawMessage `json:"metadata,omitempty"`
	Time     apiTime         `json:"time"`
}

func (e *Emulator) widgetData(c *Ctx) (int, any, error) {
	var w *widgetDoc
	if err := e.store.View(func(tx Tx) (err error) {
		w, err = loadWidget(tx, c.Param("dashID"), c.Param("widgetID"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	content := make([]record, 0, len(w.Data))
	for _, raw := range w.Data {
		var item widgetDataItem
		if err := json.Unmarshal(raw, &item); err != nil {
			return 0, nil, err
		}
		if item.Query == "" {
			item.Query = "last_value"
		}
		if item.Variables == nil {
			item.Variables = []string{}
		}
		result, err := e.widgetItemRecords(c, item)
		if err != nil {
			return 0, nil, err
		}
		content = append(content, record{
			"data":   record{"origin": item.Origin, "query": item.Query, "variables": item.Variables},
			"result": result,
		})
	}
	info := widgetInfo(w)
	delete(info, "token")
	return http.StatusOK, record{"widget": info, "content": content}, nil
}

// widgetItemRecords runs one data[] item's query on its origin device.
func (e *Emulator) widgetItemRecords(c *Ctx, item widgetDataItem) (any, error) {
	q := url.Values{"query": {item.Query}}
	for _, v := range item.Variables {
		q.Add("variables", v)
	}
	if item.Qty != nil {
		q.Set("qty", strconv.Itoa(*item.Qty))
	}
	for key, v := range map[string]*string{"start_date": item.StartDate, "end_date": item.EndDate} {
		if s := c.Query.String(key); s != "" {
			q.Set(key, s)
		} else if v != nil && *v != "" {
			q.Set(key, *v)
		}
	}
	dq, err := parseDataQuery(ParseQuery(q.Encode()), c.Now)
	if err != nil {
		return nil, err
	}
	exists := false
	if err := e.store.View(func(tx Tx) error {
		d, err := getDoc[deviceDoc](tx, collDevices, item.Origin)
		exists = d != nil
		return err
	}); err != nil {
		return nil, err
	}
	out := []widgetRecord{}
	if !exists {
		return out, nil
	}
	e.data.mu.RLock()
	defer e.data.mu.RUnlock()
	r := e.data.devices[item.Origin]
	if !dq.selectsRecords() {
		return dq.summary(r), nil
	}
	for _, d := range dq.selectRecords(r, nil) {
		out = append(out, widgetRecord{
			ID: d.ID, Device: d.Device, Origin: d.Device, Variable: d.Variable, Value: d.Value, Unit: d.Unit,
			Group: d.Group, Serie: d.Group, Location: d.Location, Metadata: d.Metadata, Time: d.Time,
		})
	}
	return out, nil
}
