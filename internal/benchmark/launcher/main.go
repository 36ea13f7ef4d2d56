// Command launcher stands in for a provider binary so that the benchmark can measure the
// provider process Terraform starts: Terraform runs <dir>/<name> (the launcher, through
// dev_overrides), the launcher runs <dir>/real/<name> with the same arguments, environment and
// standard streams (so the plugin handshake goes straight to Terraform), waits for it, and
// appends one line to the file named by $BENCH_PROVIDER_LOG:
//
//	<name> <peak RSS in KiB> <user CPU ms> <system CPU ms> <wall ms> <stderr bytes>
//
// The peak RSS is the kernel's ru_maxrss of the provider process itself. The stderr bytes are
// the provider's log output, which Terraform reads and parses (and drops unless TF_LOG is set).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	os.Exit(run())
}

func run() int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "launcher:", err)
		return 1
	}
	name := filepath.Base(self)
	cmd := exec.Command(filepath.Join(filepath.Dir(self), "real", name), os.Args[1:]...)
	stderr := &countingWriter{w: os.Stderr}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, stderr
	// If Terraform kills the launcher, the provider must not outlive it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "launcher:", err)
		return 1
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	waitErr := cmd.Wait()
	wall := time.Since(start)
	if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && os.Getenv("BENCH_PROVIDER_LOG") != "" {
		line := fmt.Sprintf("%s %d %d %d %d %d\n", name, usage.Maxrss, time.Duration(usage.Utime.Nano()).Milliseconds(),
			time.Duration(usage.Stime.Nano()).Milliseconds(), wall.Milliseconds(), stderr.n)
		if f, err := os.OpenFile(os.Getenv("BENCH_PROVIDER_LOG"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			_, _ = f.WriteString(line) // one short O_APPEND write: lines of concurrent launchers never interleave
			_ = f.Close()
		}
	}
	var exitErr *exec.ExitError
	if errors.As(waitErr, &exitErr) {
		return exitErr.ExitCode()
	}
	if waitErr != nil {
		return 1
	}
	return 0
}

// countingWriter passes the provider's stderr on and counts it. Wait returns once everything
// the provider wrote has been copied, so n is final by then.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
