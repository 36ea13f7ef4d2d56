package dataplane

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestTagKeysAndWidgetDataAgainstEmulator(t *testing.T) {
	env := newEmulatorEnv(t)
	ctx := context.Background()
	devID, devTok := env.device("tfacc-widget-source", "mutable")
	tags := []client.Tag{{Key: "site", Value: "a"}}
	if err := env.c.Devices.Update(ctx, devID, client.DeviceUpdate{Tags: &tags}); err != nil {
		t.Fatal(err)
	}
	keys, err := NewTags(env.dp).Keys(ctx, "device")
	if err != nil || len(keys) != 1 || keys[0] != "site" {
		t.Fatalf("Keys(device) = %v, %v", keys, err)
	}
	if keys, err = NewTags(env.dp).Keys(ctx, "dashboard"); err != nil || len(keys) != 0 {
		t.Fatalf("Keys(dashboard) = %v, %v", keys, err)
	}

	dev := NewDevice(env.dp.WithToken(devTok))
	old := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := dev.Insert(ctx, Record{Variable: "temperature", Value: 20, Time: old}, Record{Variable: "temperature", Value: 25}); err != nil {
		t.Fatal(err)
	}
	dash, err := env.c.Dashboards.Create(ctx, client.DashboardCreate{Label: "tfacc-widget-data", Type: "dashboard", Tags: []client.Tag{}})
	if err != nil {
		t.Fatal(err)
	}
	query := "last_value"
	w, err := env.c.Widgets.Create(ctx, dash, client.WidgetCreate{Label: "Display #1", Type: "display", Display: json.RawMessage(`{}`),
		Data: []client.WidgetData{{Origin: devID, Query: &query, Variables: client.StringList{"temperature"}}}, Resource: []client.WidgetResource{}})
	if err != nil {
		t.Fatal(err)
	}
	data, err := NewWidgets(env.dp).Data(ctx, dash, w.ID, nil)
	if err != nil || data.WidgetID != w.ID || data.DashboardID != dash || len(data.Content) != 1 {
		t.Fatalf("Data = %+v, %v", data, err)
	}
	c := data.Content[0]
	if c.Source.Origin != devID || c.Source.Query != "last_value" || len(c.Records) != 1 || c.Records[0].Value != float64(25) {
		t.Fatalf("content %+v", c)
	}
	data, err = NewWidgets(env.dp).Data(ctx, dash, w.ID, &WidgetDataRange{Start: old.Add(-time.Hour), End: old.Add(time.Hour)})
	if err != nil || len(data.Content[0].Records) != 1 || data.Content[0].Records[0].Value != float64(20) {
		t.Fatalf("Data in 2024 = %+v, %v", data, err)
	}
	var argErr *ArgumentError
	if _, err := NewWidgets(env.dp).Data(ctx, "", w.ID, nil); !errors.As(err, &argErr) {
		t.Fatalf("Data without a dashboard: %v", err)
	}
	if _, err := NewWidgets(env.dp).Data(ctx, dash, "000000000000000000000000", nil); !client.IsNotFound(err) {
		t.Fatalf("Data of a missing widget: %v", err)
	}
}
