package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// startEmulatorProcess runs this test binary as the real command (see TestMain) and returns the
// process with its API URL and token.
func startEmulatorProcess(t *testing.T, args ...string) (*exec.Cmd, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "TAGOIO_EMULATOR_RUN_MAIN=1", "TAGOIO_EMULATOR_ARGS="+strings.Join(append([]string{"--listen", "127.0.0.1:0", "--quiet"}, args...), " "))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	vars := map[string]string{}
	sc := bufio.NewScanner(stdout)
	deadline := time.AfterFunc(10*time.Second, func() { _ = cmd.Process.Kill() })
	for vars["TAGOIO_TOKEN"] == "" && sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			vars[k] = v
		}
	}
	deadline.Stop()
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	if vars["TAGOIO_API"] == "" || vars["TAGOIO_TOKEN"] == "" {
		t.Fatalf("the emulator printed no TAGOIO_API/TAGOIO_TOKEN: %v", vars)
	}
	return cmd, vars["TAGOIO_API"], vars["TAGOIO_TOKEN"]
}

// With --data, every write the emulator acknowledged survives a SIGKILL in the middle of a burst
// of writes, and the store opens again.
func TestDurability_acknowledgedWritesSurviveSIGKILL(t *testing.T) {
	t.Parallel()
	dataPath := filepath.Join(t.TempDir(), "state.db")
	cmd, api, token := startEmulatorProcess(t, "--data", dataPath)

	// The kill comes once this many writes were acknowledged, so that it lands in the middle of
	// the burst however fast the machine is (the writers go on until the process is gone).
	const killAfter = 50
	var mu sync.Mutex
	var acknowledged []string
	burstUnderWay := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 5 * time.Second}
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				body := fmt.Sprintf(`{"name":"burst-%d-%d","type":"mutable","connector":"62333bd36977fc001a2990c8","network":"62336c32ab6e0d0012e06c04"}`, w, i)
				req, _ := http.NewRequest(http.MethodPost, api+"/device", strings.NewReader(body))
				req.Header.Set("token", token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					return // the process is gone
				}
				raw, _ := io.ReadAll(resp.Body)
				_ = resp.Body.Close()
				if resp.StatusCode == http.StatusCreated || resp.StatusCode == http.StatusOK {
					id := between(string(raw), `"device_id":"`, `"`)
					mu.Lock()
					acknowledged = append(acknowledged, id)
					if len(acknowledged) == killAfter {
						close(burstUnderWay)
					}
					mu.Unlock()
				}
			}
		}(w)
	}
	select {
	case <-burstUnderWay:
	case <-time.After(time.Minute): // a guard against a hang, not a synchronisation
		t.Fatal("the burst of writes did not get under way")
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	wg.Wait()
	if len(acknowledged) < killAfter {
		t.Fatalf("only %d writes were acknowledged before the kill; the burst did not run", len(acknowledged))
	}

	_, api, token = startEmulatorProcess(t, "--data", dataPath)
	for _, id := range acknowledged {
		req, _ := http.NewRequest(http.MethodGet, api+"/device/"+id, nil)
		req.Header.Set("token", token)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("acknowledged device %s is missing after the restart (status %d)", id, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, api+"/device?amount=10000&fields[0]=id", nil)
	req.Header.Set("token", token)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK || strings.Count(string(raw), `"id"`) < len(acknowledged) {
		t.Fatalf("the store is not readable after the restart: %d %s", resp.StatusCode, raw[:min(len(raw), 200)])
	}
	t.Logf("%d acknowledged writes before SIGKILL, all present after the restart", len(acknowledged))
}

func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, end)
	return v
}
