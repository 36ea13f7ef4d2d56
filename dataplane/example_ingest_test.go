package dataplane_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/tago-io/terraform-provider-tagoio/dataplane"
	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// exampleAPI starts an emulator for an example and returns a client with its profile token.
func exampleAPI() (*emulator.Server, *client.Client) {
	server, err := emulator.Start(emulator.Options{})
	if err != nil {
		panic(err)
	}
	c, err := client.New(client.Config{BaseURL: server.URL, Token: server.Token})
	if err != nil {
		panic(err)
	}
	return server, c
}

// exampleDataPlane is the data-plane client a program would build, with the same profile token.
func exampleDataPlane(server *emulator.Server) *dataplane.Client {
	dp, err := dataplane.New(dataplane.Config{APIURL: server.URL, Token: server.Token})
	if err != nil {
		panic(err)
	}
	return dp
}

func exampleDevice(c *client.Client, name, typ string) (id, token string) {
	in := client.DeviceCreate{Name: name, Type: typ, Connector: "62333bd36977fc001a2990c8", Network: "62336c32ab6e0d0012e06c04"}
	if typ == "immutable" {
		period, retention := "month", int64(1)
		in.ChunkPeriod, in.ChunkRetention = &period, &retention
	}
	d, err := c.Devices.Create(context.Background(), in)
	if err != nil {
		panic(err)
	}
	return d.ID, d.Token
}

// A network middleware resolves a device's serial number and delivers data for it. The
// network token and the authorization key come from the emulator's helpers here; against
// TagoIO they come from the network's and the profile's settings.
func ExampleNetwork_Send() {
	server, c := exampleAPI()
	dp := exampleDataPlane(server)
	defer server.Close()
	ctx := context.Background()
	id, _ := exampleDevice(c, "sensor", "mutable")
	serial := "SN123"
	if _, err := c.DeviceTokens.Create(ctx, client.DeviceTokenCreate{Device: id, Name: "by serial", Permission: "full", SerieNumber: &serial}); err != nil {
		panic(err)
	}
	networkToken := helper(server.URL, "/_emulator/network-token", `{"network":"62336c32ab6e0d0012e06c04"}`)
	authorization := helper(server.URL, "/_emulator/authorization", `{}`)

	net := dataplane.NewNetwork(dp.WithToken(networkToken))
	n, err := net.Send(ctx, authorization, dataplane.Record{Variable: "payload", Value: "41BC7E1F2A", Metadata: map[string]any{"serial": serial}})
	if err != nil {
		panic(err)
	}
	recs, _ := dataplane.ForDevice(dp, id).Find(ctx, dataplane.Query{Variables: []string{"payload"}})
	fmt.Println(n, "record(s) added; the device holds", recs[0].Value)
	// Output: 1 record(s) added; the device holds 41BC7E1F2A
}

// An immutable device's chunks: list them, export one to Files, delete it.
func ExampleDeviceData_Chunks() {
	server, c := exampleAPI()
	dp := exampleDataPlane(server)
	defer server.Close()
	ctx := context.Background()
	id, token := exampleDevice(c, "logger", "immutable")
	if _, err := dataplane.NewDevice(dp.WithToken(token)).Insert(ctx, dataplane.Record{Variable: "t", Value: 1}); err != nil {
		panic(err)
	}
	dev := dataplane.ForDevice(dp, id)
	chunks, _ := dev.Chunks(ctx)
	fmt.Println(len(chunks), "chunks; the current one holds", chunks[0].Amount)
	file, _ := dev.BackupChunk(ctx, dataplane.ChunkBackup{ChunkID: chunks[0].ID, FileAddress: "/archive/$CHUNK$"})
	fmt.Println(file.FileAddress == "archive/"+chunks[0].ID+".csv")
	_ = dev.DeleteChunk(ctx, chunks[0].ID)
	chunks, _ = dev.Chunks(ctx)
	fmt.Println("after delete:", chunks[0].Amount)
	// Output:
	// 2 chunks; the current one holds 1
	// true
	// after delete: 0
}

// A mutable device's data exported to Files and imported into another device.
func ExampleDeviceData_Restore() {
	server, c := exampleAPI()
	dp := exampleDataPlane(server)
	defer server.Close()
	ctx := context.Background()
	src, token := exampleDevice(c, "old", "mutable")
	_, _ = dataplane.NewDevice(dp.WithToken(token)).Insert(ctx, dataplane.Record{Variable: "temperature", Value: 21.5})
	file, _ := dataplane.ForDevice(dp, src).Backup(ctx, dataplane.DataBackup{FileAddress: "/moves/$DEVICE$"})
	dst, _ := exampleDevice(c, "new", "mutable")
	if err := dataplane.ForDevice(dp, dst).Restore(ctx, file.FileAddress); err != nil {
		panic(err)
	}
	recs, _ := dataplane.ForDevice(dp, dst).Find(ctx, dataplane.Query{Variables: []string{"temperature"}})
	fmt.Println(recs[0].Value)
	// Output: 21.5
}

// The tag keys in use on devices, e.g. to check a naming convention in CI.
func ExampleTags_Keys() {
	server, c := exampleAPI()
	dp := exampleDataPlane(server)
	defer server.Close()
	ctx := context.Background()
	id, _ := exampleDevice(c, "tagged", "mutable")
	tags := []client.Tag{{Key: "site", Value: "north"}}
	_ = c.Devices.Update(ctx, id, client.DeviceUpdate{Tags: &tags})
	keys, _ := dataplane.NewTags(dp).Keys(ctx, "device")
	fmt.Println(keys)
	// Output: [site]
}

// What a dashboard widget shows, e.g. to check a dashboard in CI after a deploy.
func ExampleWidgets_Data() {
	server, c := exampleAPI()
	dp := exampleDataPlane(server)
	defer server.Close()
	ctx := context.Background()
	id, token := exampleDevice(c, "thermometer", "mutable")
	_, _ = dataplane.NewDevice(dp.WithToken(token)).Insert(ctx, dataplane.Record{Variable: "temperature", Value: 23})
	dash, err := c.Dashboards.Create(ctx, client.DashboardCreate{Label: "Plant", Type: "dashboard", Tags: []client.Tag{}})
	if err != nil {
		panic(err)
	}
	query := "last_value"
	w, err := c.Widgets.Create(ctx, dash, client.WidgetCreate{Label: "Now", Type: "display", Display: json.RawMessage(`{}`),
		Data: []client.WidgetData{{Origin: id, Query: &query, Variables: client.StringList{"temperature"}}}, Resource: []client.WidgetResource{}})
	if err != nil {
		panic(err)
	}
	data, _ := dataplane.NewWidgets(dp).Data(ctx, dash, w.ID, nil)
	for _, content := range data.Content {
		fmt.Println(content.Source.Query, content.Records[0].Variable, content.Records[0].Value)
	}
	// Output: last_value temperature 23
}

// helper calls a POST /_emulator/ helper and returns its token.
func helper(base, path, body string) string {
	resp, err := http.Post(base+path, "application/json", bytes.NewReader([]byte(body)))
	if err != nil {
		panic(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var out struct{ Token string }
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return out.Token
}
