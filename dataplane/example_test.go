package dataplane_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/dataplane"
	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// The examples run against the in-process emulator; a program of yours would leave APIURL out
// (https://api.tago.io) or name its region's API, and use tokens from its TagoIO account.

// Insert records with a device token, then read the newest temperatures back with a query.
func ExampleDevice_Insert() {
	api, _, deviceToken := exampleAccount()
	defer api.Close()
	ctx := context.Background()

	c, err := dataplane.New(dataplane.Config{APIURL: api.URL, Token: deviceToken})
	if err != nil {
		log.Fatal(err)
	}
	device := dataplane.NewDevice(c)
	start := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	added, err := device.Insert(ctx,
		dataplane.Record{Variable: "temperature", Value: 21.5, Unit: "°C", Time: start},
		dataplane.Record{Variable: "temperature", Value: 23, Unit: "°C", Time: start.Add(time.Hour)},
		dataplane.Record{Variable: "humidity", Value: 40, Unit: "%", Time: start.Add(time.Hour)},
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("added", added)
	// Output: added 3
}

// Find the records that match a query: here the two newest temperatures, oldest first.
func ExampleDevice_Find() {
	api, _, deviceToken := exampleAccount()
	defer api.Close()
	ctx := context.Background()

	c, err := dataplane.New(dataplane.Config{APIURL: api.URL, Token: deviceToken})
	if err != nil {
		log.Fatal(err)
	}
	device := dataplane.NewDevice(c)
	start := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	for i, value := range []float64{19, 21.5, 23} {
		rec := dataplane.Record{Variable: "temperature", Value: value, Unit: "°C", Time: start.Add(time.Duration(i) * time.Hour)}
		if _, err := device.Insert(ctx, rec); err != nil {
			log.Fatal(err)
		}
	}
	records, err := device.Find(ctx, dataplane.Query{
		Variables: []string{"temperature"}, StartDate: "2024-05-01T10:30:00Z", Ordination: "ascending",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range records {
		fmt.Println(dataplane.FormatTime(r.Time), r.Variable, r.Value, r.Unit)
	}
	// Output:
	// 2024-05-01T11:00:00.000Z temperature 21.5 °C
	// 2024-05-01T12:00:00.000Z temperature 23 °C
}

// A query is checked before it is sent: an aggregate needs an interval and a function.
func ExampleQuery_Validate() {
	q := dataplane.Query{Query: dataplane.QueryAggregate, Variables: []string{"temperature"}, StartDate: "1 day"}
	fmt.Println(q.Validate() != nil)
	q.Interval, q.Function = "hour", "avg"
	fmt.Println(q.Validate())
	// Output:
	// true
	// <nil>
}

// Send a notification to the account with an analysis token (the analysis services), then
// list the account's notifications with a profile token.
func ExampleServices_Notification() {
	api, profileToken, _ := exampleAccount()
	defer api.Close()
	ctx := context.Background()

	account, err := dataplane.New(dataplane.Config{APIURL: api.URL, Token: profileToken})
	if err != nil {
		log.Fatal(err)
	}
	_, analysisToken := exampleAnalysis(api)
	services := dataplane.NewServices(account.WithToken(analysisToken))
	if _, err := services.Notification(ctx, dataplane.Notification{Title: "Door open", Message: "The lab door is open."}); err != nil {
		log.Fatal(err)
	}
	inbox, err := dataplane.NewNotifications(account).List(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range inbox {
		fmt.Println(n.Title+":", n.Message)
	}
	// Output: Door open: The lab door is open.
}

// Run an analysis outside TagoIO (run_on "external"): the runtime listens for the analysis'
// triggers and calls the handler for each run.
func ExampleRuntime_Run() {
	api, profileToken, _ := exampleAccount()
	defer api.Close()
	analysisID, analysisToken := exampleAnalysis(api)

	connected := make(chan struct{}, 1)
	handled := make(chan string, 1)
	rt, err := dataplane.NewRuntime(dataplane.RuntimeConfig{
		Token: analysisToken, APIURL: api.URL,
		Output:      io.Discard,                         // the runtime's status lines
		OnConnected: func() { connected <- struct{}{} }, // for this example: trigger once listening
		Getenv:      func(string) string { return "" },  // ignore this process' T_ANALYSIS_* variables
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- rt.Run(ctx, func(ctx context.Context, ac dataplane.Context, scope dataplane.Scope) error {
			records, err := scope.Records()
			if err != nil {
				return err
			}
			handled <- fmt.Sprintf("this analysis: %v, %s = %v", ac.AnalysisID == analysisID, records[0].Variable, records[0].Value)
			return nil
		})
	}()
	<-connected

	// Anything that runs the analysis triggers the handler: an action, a dashboard button, or
	// this call with a profile token.
	account, err := dataplane.New(dataplane.Config{APIURL: api.URL, Token: profileToken})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := dataplane.NewAnalyses(account).Run(ctx, analysisID, []dataplane.Record{{Variable: "alarm", Value: "On"}}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(<-handled)
	stop()
	fmt.Println("stopped:", <-done)
	// Output:
	// this analysis: true, alarm = On
	// stopped: <nil>
}

// exampleAccount starts an emulator with one device; it returns the emulator, the profile
// token and the device's token. It uses this module's internal management client, which a
// program outside the module would replace with the TagoIO console or the Terraform provider.
func exampleAccount() (api *emulator.Server, profileToken, deviceToken string) {
	api, err := emulator.Start(emulator.Options{})
	if err != nil {
		log.Fatal(err)
	}
	admin, err := client.New(client.Config{BaseURL: api.URL, Token: api.Token})
	if err != nil {
		log.Fatal(err)
	}
	// A plain HTTP(S) device: the catalog's HTTPS connector and HTTP network.
	device, err := admin.Devices.Create(context.Background(), client.DeviceCreate{
		Name: "Lab sensor", Type: "mutable", Connector: "62333bd36977fc001a2990c8", Network: "62336c32ab6e0d0012e06c04",
	})
	if err != nil {
		log.Fatal(err)
	}
	return api, api.Token, device.Token
}

// exampleAnalysis creates an analysis that runs "external" and returns its id and token.
func exampleAnalysis(api *emulator.Server) (id, token string) {
	admin, err := client.New(client.Config{BaseURL: api.URL, Token: api.Token})
	if err != nil {
		log.Fatal(err)
	}
	var created struct {
		ID    string `json:"id"`
		Token string `json:"token"`
	}
	err = admin.Do(context.Background(), client.Request{Method: http.MethodPost, Path: "/analysis", Body: map[string]any{
		"name": "Door watcher", "run_on": "external", "runtime": "node-rt2025", "active": true, "tags": []any{},
	}}, &created)
	if err != nil {
		log.Fatal(err)
	}
	return created.ID, created.Token
}
