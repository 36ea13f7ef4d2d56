package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// terraformRunner runs Terraform with the benchmark's CLI configuration: dev_overrides point
// both providers at launchers that record each provider process's peak memory and CPU time.
type terraformRunner struct {
	bin         string
	cliConfig   string // the .terraformrc with the dev_overrides
	providerLog string // where the launchers append their lines
	parallelism int
}

// phaseRun is one Terraform command's measurements.
type phaseRun struct {
	Wall        time.Duration
	PeakRSSKiB  int64         // the largest peak RSS of the provider processes the command started
	ProviderCPU time.Duration // user+system CPU time of those processes, summed
	Processes   int           // provider processes started (0 for terraform_data: built in)
	StderrBytes int64         // the providers' log output, which Terraform reads and parses
	// TerraformCPU is Terraform's own user+system CPU time: its rusage (which counts the
	// children it reaped, the launchers and providers) minus the providers'.
	TerraformCPU time.Duration
}

func (r *terraformRunner) args(p phase) []string {
	common := []string{"-input=false", "-no-color", "-parallelism=" + strconv.Itoa(r.parallelism)}
	switch p {
	case phaseApply:
		return append([]string{"apply", "-auto-approve"}, common...)
	case phasePlan:
		// -detailed-exitcode: 0 means no changes; a plan with changes after an apply is a bug.
		return append([]string{"plan", "-detailed-exitcode"}, common...)
	default:
		return append([]string{"destroy", "-auto-approve"}, common...)
	}
}

// run runs one phase in dir and measures it.
func (r *terraformRunner) run(ctx context.Context, dir string, p phase, env []string) (phaseRun, error) {
	if err := os.WriteFile(r.providerLog, nil, 0o644); err != nil {
		return phaseRun{}, err
	}
	cmd := exec.CommandContext(ctx, r.bin, r.args(p)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+r.cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"BENCH_PROVIDER_LOG="+r.providerLog)
	cmd.Env = append(cmd.Env, env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	run := phaseRun{Wall: time.Since(start)}
	if err != nil {
		return run, fmt.Errorf("terraform %s in %s: %w\n%s", p, dir, err, tail(out.String(), 3000))
	}
	procs, err := readProviderLog(r.providerLog)
	if err != nil {
		return run, err
	}
	for _, pr := range procs {
		run.Processes++
		run.PeakRSSKiB = max(run.PeakRSSKiB, pr.maxRSSKiB)
		run.ProviderCPU += pr.cpu
		run.StderrBytes += pr.stderrBytes
	}
	if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		run.TerraformCPU = time.Duration(usage.Utime.Nano()+usage.Stime.Nano()) - run.ProviderCPU
	}
	return run, nil
}

// providerProcess is one line of the launchers' log.
type providerProcess struct {
	name        string
	maxRSSKiB   int64
	cpu         time.Duration
	wall        time.Duration
	stderrBytes int64
}

func readProviderLog(path string) ([]providerProcess, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []providerProcess
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		if line == "" {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 6 {
			return nil, fmt.Errorf("unexpected launcher log line %q", line)
		}
		var n [5]int64
		for i := range n {
			if n[i], err = strconv.ParseInt(f[i+1], 10, 64); err != nil {
				return nil, fmt.Errorf("unexpected launcher log line %q: %w", line, err)
			}
		}
		out = append(out, providerProcess{name: f[0], maxRSSKiB: n[0],
			cpu: time.Duration(n[1]+n[2]) * time.Millisecond, wall: time.Duration(n[3]) * time.Millisecond, stderrBytes: n[4]})
	}
	return out, nil
}

// writeCLIConfig writes the .terraformrc that sends both providers to their launchers.
func writeCLIConfig(path, launchDir string) error {
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "tago-io/tagoio" = %q
    "bench/floor"    = %q
    "bench/twin"     = %q
  }
  direct {}
}
`, launchDir, launchDir, launchDir)
	return os.WriteFile(path, []byte(rc), 0o644)
}

// terraformVersion is the first line of `terraform version`.
func terraformVersion(bin string) (string, error) {
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1", "TF_CLI_CONFIG_FILE=/dev/null")
	out, err := cmd.Output()
	if err != nil {
		return "", err
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first), nil
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// removeState deletes what a previous run left in dir.
func removeState(dir string) error {
	var errs []error
	for _, f := range []string{"terraform.tfstate", "terraform.tfstate.backup", ".terraform", ".terraform.lock.hcl"} {
		errs = append(errs, os.RemoveAll(filepath.Join(dir, f)))
	}
	return errors.Join(errs...)
}
