package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/dataplane"
	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// Issue 4, item 6: insert the benchmark's records into an immutable device and find the newest
// of them, with dataplane (goclient) and with the official @tago-io/sdk
// (Device.sendDataStreaming, its own batching), the same number of requests in flight on both
// sides. Each client runs as its own process against a freshly started emulator, so that its
// peak memory (ru_maxrss) and the emulator's CPU time (/proc/<pid>/stat) are its own.

// dataClient is one side of the comparison.
type dataClient struct {
	Name string
	cmd  func(op string) *exec.Cmd
}

// dataResult is one client's insert or find.
type dataResult struct {
	Client      string
	Op          string // "insert" or "find"
	Records     int
	Elapsed     time.Duration // measured inside the client, around the call(s)
	PeakRSSKiB  int64         // the client process's
	EmulatorCPU time.Duration // the emulator's user+system CPU time while the client ran
	Requests    int64         // API requests the emulator counted
}

func (r dataResult) perSecond() float64 { return float64(r.Records) / r.Elapsed.Seconds() }

// dataSection is the data plane comparison.
type dataSection struct {
	Records, FindQty, Concurrency int
	Results                       []dataResult
}

// jsDir holds the benchmark's pinned @tago-io/sdk (package-lock.json) and bench.mjs.
const jsDir = "internal/benchmark/jssdk"

func benchData(ctx context.Context, s settings, bins binaries, root, work string) (*dataSection, error) {
	js := filepath.Join(root, jsDir)
	if err := installJSSDK(ctx, js); err != nil {
		return nil, err
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("the data side by side needs Node 20+: %w", err)
	}
	jsClient := func(pause time.Duration) func(string) *exec.Cmd {
		return func(op string) *exec.Cmd {
			cmd := exec.CommandContext(ctx, node, "bench.mjs", op)
			cmd.Dir = js
			cmd.Env = append(os.Environ(), "POOLING_TIME="+strconv.FormatInt(pause.Milliseconds(), 10))
			return cmd
		}
	}
	clients := []dataClient{
		{Name: "Go dataplane (Insert)", cmd: func(op string) *exec.Cmd { return exec.CommandContext(ctx, bins.goClient, op) }},
		{Name: "@tago-io/sdk sendDataStreaming, its defaults (1000 records, 1 s pause)", cmd: jsClient(time.Second)},
		{Name: "@tago-io/sdk sendDataStreaming, 1000 records, 1 ms pause (the least it takes)", cmd: jsClient(time.Millisecond)},
	}
	// One emulator serves every client, each on a device of its own, one client at a time: the
	// same server, and its CPU time measured around each client's run alone.
	emu, err := startEmulator(bins.emulator, work, 0)
	if err != nil {
		return nil, err
	}
	defer emu.stop()
	sec := &dataSection{Records: s.Records, FindQty: s.FindQty, Concurrency: s.Concurrency}
	for i, c := range clients {
		logf("data: %s: insert %d records, find %d", c.Name, s.Records, s.FindQty)
		results, err := dataSide(ctx, s, emu, fmt.Sprintf("bench data %d", i+1), c)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		sec.Results = append(sec.Results, results...)
	}
	return sec, nil
}

// dataSide runs one client's insert and find on a new device of the shared emulator.
func dataSide(ctx context.Context, s settings, emu *emulatorProcess, deviceName string, c dataClient) ([]dataResult, error) {
	admin, err := client.New(client.Config{BaseURL: emu.api, Token: emu.token})
	if err != nil {
		return nil, err
	}
	// Immutable, one chunk a day, a week kept: the records span the last 28 hours at most.
	period, retention := "day", int64(7)
	created, err := admin.Devices.Create(ctx, client.DeviceCreate{Name: deviceName, Type: "immutable",
		Connector: httpsConnector, Network: httpsNetwork, ChunkPeriod: &period, ChunkRetention: &retention})
	if err != nil {
		return nil, err
	}
	env := append(emu.env(), "DEVICE_TOKEN="+created.Token, "RECORDS="+strconv.Itoa(s.Records),
		"BASE_MS="+strconv.FormatInt(time.Now().Truncate(time.Second).UnixMilli(), 10),
		"CONCURRENCY="+strconv.Itoa(s.Concurrency), "QTY="+strconv.Itoa(s.FindQty))

	var out []dataResult
	for _, op := range []string{"insert", "find"} {
		res, err := runDataClient(ctx, emu, c, op, env)
		if err != nil {
			return nil, err
		}
		want := map[string]int{"insert": s.Records, "find": s.FindQty}[op]
		if res.Records != want {
			return nil, fmt.Errorf("%s: %d records, want %d", op, res.Records, want)
		}
		if op == "insert" { // what the client says it added must be what the device holds
			dev, err := dataplane.New(dataplane.Config{APIURL: admin.BaseURL(), Token: created.Token})
			if err != nil {
				return nil, err
			}
			count, err := dataplane.NewDevice(dev).FindNumber(ctx, dataplane.Query{
				Query: dataplane.QueryCount, Variables: []string{"temperature"}})
			if err != nil {
				return nil, err
			}
			if int(count) != s.Records {
				return nil, fmt.Errorf("the device holds %v records after the insert, want %d", count, s.Records)
			}
		}
		out = append(out, res)
	}
	return out, nil
}

func runDataClient(ctx context.Context, emu *emulatorProcess, c dataClient, op string, env []string) (dataResult, error) {
	if err := emu.resetStats(ctx); err != nil {
		return dataResult{}, err
	}
	cpuBefore, err := emu.cpuTime()
	if err != nil {
		return dataResult{}, err
	}
	cmd := c.cmd(op)
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return dataResult{}, fmt.Errorf("%s: %w\n%s%s", op, err, stdout.String(), tail(stderr.String(), 3000))
	}
	cpuAfter, err := emu.cpuTime()
	if err != nil {
		return dataResult{}, err
	}
	stats, err := emu.stats(ctx)
	if err != nil {
		return dataResult{}, err
	}
	var printed struct {
		ElapsedMs float64 `json:"elapsed_ms"`
		Records   int     `json:"records"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(stdout.Bytes()), &printed); err != nil {
		return dataResult{}, fmt.Errorf("%s printed %q: %w", op, stdout.String(), err)
	}
	res := dataResult{Client: c.Name, Op: op, Records: printed.Records,
		Elapsed:     time.Duration(printed.ElapsedMs * float64(time.Millisecond)),
		EmulatorCPU: cpuAfter - cpuBefore, Requests: stats.Total}
	if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.PeakRSSKiB = usage.Maxrss
	}
	return res, nil
}

// installJSSDK runs `npm ci` from the committed lock file when node_modules is missing or older
// than the lock file (a clean clone has none).
func installJSSDK(ctx context.Context, dir string) error {
	lock, err := os.Stat(filepath.Join(dir, "package-lock.json"))
	if err != nil {
		return err
	}
	marker, err := os.Stat(filepath.Join(dir, "node_modules", ".package-lock.json"))
	if err == nil && !marker.ModTime().Before(lock.ModTime()) {
		return nil
	}
	logf("npm ci in %s", dir)
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm ci: %w\n%s", err, strings.TrimSpace(string(out)))
	}
	return nil
}
