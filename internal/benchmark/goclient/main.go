// Command goclient is the Go half of the benchmark's data side by side: it inserts the
// benchmark's records into a device with dataplane, or finds the newest of them, and
// prints {"elapsed_ms": ..., "records": ...}. It runs as a process of its own so that its peak
// memory compares with the JavaScript SDK's process.
//
//	TAGOIO_API=... DEVICE_TOKEN=... RECORDS=100000 BASE_MS=... CONCURRENCY=4 goclient insert
//	TAGOIO_API=... DEVICE_TOKEN=... QTY=10000 goclient find
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/dataplane"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "goclient:", err)
		os.Exit(1)
	}
}

func run() error {
	if len(os.Args) != 2 {
		return fmt.Errorf("usage: goclient insert|find")
	}
	c, err := dataplane.New(dataplane.Config{APIURL: os.Getenv("TAGOIO_API"), Token: os.Getenv("DEVICE_TOKEN"), MaxRetries: 1})
	if err != nil {
		return err
	}
	ctx := context.Background()
	var start time.Time
	var n int
	switch os.Args[1] {
	case "insert":
		records, err := benchRecords(envInt("RECORDS"), int64(envInt("BASE_MS")))
		if err != nil {
			return err
		}
		dev := dataplane.NewDevice(c, dataplane.WithConcurrency(envInt("CONCURRENCY")))
		start = time.Now()
		if n, err = dev.Insert(ctx, records...); err != nil {
			return err
		}
	case "find":
		dev := dataplane.NewDevice(c)
		start = time.Now()
		found, err := dev.Find(ctx, dataplane.Query{Variables: []string{"temperature"}, Qty: envInt("QTY")})
		if err != nil {
			return err
		}
		n = len(found)
	default:
		return fmt.Errorf("unknown operation %q", os.Args[1])
	}
	elapsed := time.Since(start)
	return json.NewEncoder(os.Stdout).Encode(map[string]any{"elapsed_ms": float64(elapsed.Microseconds()) / 1000, "records": n})
}

// benchRecords are the records both clients insert: a temperature every second back from
// baseMs, so that all of them fall inside the device's retention (bench.mjs builds the same).
func benchRecords(n int, baseMs int64) ([]dataplane.Record, error) {
	if n <= 0 || baseMs <= 0 {
		return nil, fmt.Errorf("RECORDS and BASE_MS must be positive")
	}
	records := make([]dataplane.Record, n)
	for i := range records {
		records[i] = dataplane.Record{Variable: "temperature", Value: float64(i%1000) / 10, Unit: "C",
			Time: time.UnixMilli(baseMs - int64(i)*1000).UTC()}
	}
	return records, nil
}

func envInt(name string) int {
	n, _ := strconv.Atoi(os.Getenv(name))
	return n
}
