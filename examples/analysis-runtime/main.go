// Command analysis-runtime is an external TagoIO analysis written in Go: the counterpart of the
// original SDK's Analysis(token).init(fn). Set the analysis to run "external" in TagoIO, then run
//
//	cd examples/analysis-runtime && T_ANALYSIS_TOKEN=<analysis token> go run .
//
// (TAGOIO_API points it at another API, such as tagoio-emulator). Every run of the analysis, from
// an action, a schedule, a dashboard button or POST /analysis/{id}/run, reaches the handler
// below. Stop it with Ctrl-C.
//
// This directory is a Go module of its own that imports the public package
// github.com/tago-io/terraform-provider-tagoio/dataplane, as any program outside the provider
// would (its go.mod replaces that module with the repository it sits in).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/tago-io/terraform-provider-tagoio/dataplane"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	runtime, err := dataplane.NewRuntime(dataplane.RuntimeConfig{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := runtime.Run(ctx, temperatureAlert); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// temperatureAlert notifies the account when a temperature in the scope is above the
// analysis' TEMPERATURE_LIMIT environment variable (30 when unset).
func temperatureAlert(ctx context.Context, ac dataplane.Context, scope dataplane.Scope) error {
	records, err := scope.Records()
	if err != nil {
		return err
	}
	limit := 30.0
	if s := ac.Env("TEMPERATURE_LIMIT"); s != "" {
		if limit, err = strconv.ParseFloat(s, 64); err != nil {
			return fmt.Errorf("TEMPERATURE_LIMIT %q is not a number", s)
		}
	}
	ac.Log("analysis", ac.AnalysisID, "received", len(records), "records")
	notified := 0
	for _, r := range records {
		value, isNumber := r.Value.(float64)
		if r.Variable != "temperature" || !isNumber || value <= limit {
			continue
		}
		msg := fmt.Sprintf("Device %s reported %v%s at %s, above %v.", r.Device, value, r.Unit, dataplane.FormatTime(r.Time), limit)
		if _, err := ac.Services().Notification(ctx, dataplane.Notification{Title: "Temperature alert", Message: msg}); err != nil {
			return err
		}
		ac.Log("notified:", msg)
		notified++
	}
	ac.Log("done:", notified, "notifications")
	return nil
}
