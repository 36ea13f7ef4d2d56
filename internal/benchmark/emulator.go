package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// emulatorProcess is a tagoio-emulator binary started for one measurement.
type emulatorProcess struct {
	cmd   *exec.Cmd
	api   string
	token string
	log   string
}

// startEmulator starts the emulator on a free port (in memory, quiet) and waits for the
// TAGOIO_API / TAGOIO_TOKEN lines it prints once it listens.
func startEmulator(bin, logDir string, latency time.Duration, flags ...string) (*emulatorProcess, error) {
	logFile, err := os.CreateTemp(logDir, "emulator-*.log")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, append([]string{"--listen", "127.0.0.1:0", "--quiet", "--latency", latency.String()}, flags...)...)
	cmd.Stderr = logFile
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	_ = logFile.Close()
	e := &emulatorProcess{cmd: cmd, log: logFile.Name()}
	lines := bufio.NewScanner(stdout)
	deadline := time.AfterFunc(30*time.Second, func() { _ = cmd.Process.Kill() })
	defer deadline.Stop()
	for (e.api == "" || e.token == "") && lines.Scan() {
		key, value, _ := strings.Cut(lines.Text(), "=")
		switch key {
		case "TAGOIO_API":
			e.api = value
		case "TAGOIO_TOKEN":
			e.token = strings.Trim(value, "'")
		}
	}
	if e.api == "" || e.token == "" {
		e.stop()
		return nil, fmt.Errorf("the emulator did not start (see %s)", e.log)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	return e, nil
}

// stop ends the emulator with SIGTERM (it shuts down cleanly) and waits for it.
func (e *emulatorProcess) stop() {
	if e.cmd.Process == nil {
		return
	}
	_ = e.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = e.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = e.cmd.Process.Kill()
		<-done
	}
}

// env is what a provider or a client needs to reach the emulator.
func (e *emulatorProcess) env() []string {
	return []string{"TAGOIO_API=" + e.api, "TAGOIO_TOKEN=" + e.token}
}

// emulatorStats is the part of GET /_emulator/stats the benchmark reads.
type emulatorStats struct {
	Total    int64            `json:"total"`
	ByRoute  map[string]int64 `json:"by_route"`
	ByStatus map[string]int64 `json:"by_status"`
}

func (e *emulatorProcess) stats(ctx context.Context) (emulatorStats, error) {
	var s emulatorStats
	err := e.internal(ctx, http.MethodGet, &s)
	return s, err
}

func (e *emulatorProcess) resetStats(ctx context.Context) error {
	return e.internal(ctx, http.MethodDelete, nil)
}

func (e *emulatorProcess) internal(ctx context.Context, method string, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, e.api+"/_emulator/stats", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s /_emulator/stats: %s: %s", method, resp.Status, body)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(body, out)
}

// cpuTime is the user plus system CPU time the emulator process has used so far, read from
// /proc/<pid>/stat (fields 14 and 15, in clock ticks).
func (e *emulatorProcess) cpuTime() (time.Duration, error) {
	return processCPUTime(e.cmd.Process.Pid)
}

// clockTicks is USER_HZ, 100 on every Linux the benchmark runs on.
const clockTicks = 100

func processCPUTime(pid int) (time.Duration, error) {
	raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, err
	}
	return parseProcStatCPU(string(raw))
}

// parseProcStatCPU reads utime+stime from a /proc/<pid>/stat line. The command name (field 2)
// may hold spaces and parentheses, so fields are counted after its closing parenthesis.
func parseProcStatCPU(stat string) (time.Duration, error) {
	end := strings.LastIndexByte(stat, ')')
	if end < 0 {
		return 0, fmt.Errorf("unexpected /proc stat line %q", stat)
	}
	fields := strings.Fields(stat[end+1:]) // fields[0] is field 3 (state)
	if len(fields) < 13 {
		return 0, fmt.Errorf("unexpected /proc stat line %q", stat)
	}
	var ticks int64
	for _, f := range fields[11:13] { // fields 14 (utime) and 15 (stime)
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("unexpected /proc stat field %q: %w", f, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}
