package main

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// Item 5: the Go benchmarks of the client's and the data plane's hot paths, and the emulator's
// BenchmarkFindNewest (issue 4), run with `go test -bench` and -benchmem.

// goBenchmark is one result line of `go test -bench`.
type goBenchmark struct {
	Package    string
	Name       string // without the -GOMAXPROCS suffix
	Iterations int64
	Metrics    []benchMetric // in the order go test prints them: ns/op, then custom ones, B/op, allocs/op
}

type benchMetric struct {
	Value float64
	Unit  string
}

// metric is the value of one unit, or 0 when the benchmark did not report it.
func (b goBenchmark) metric(unit string) float64 {
	for _, m := range b.Metrics {
		if m.Unit == unit {
			return m.Value
		}
	}
	return 0
}

// goBenchRun is one `go test -bench` invocation.
type goBenchRun struct {
	Packages []string
	Bench    string
	Results  []goBenchmark
}

func runGoBenchmarks(ctx context.Context, s settings, root string) ([]goBenchRun, error) {
	runs := []goBenchRun{{Packages: []string{"./internal/client/", "./dataplane/"}, Bench: "."}}
	if s.FindNewest {
		runs = append(runs, goBenchRun{Packages: []string{"./internal/emulator/"}, Bench: "^BenchmarkFindNewest$"})
	}
	for i := range runs {
		logf("go test -bench %s %s", runs[i].Bench, strings.Join(runs[i].Packages, " "))
		args := append([]string{"test", "-run", "^$", "-bench", runs[i].Bench, "-benchmem", "-benchtime", s.BenchTime, "-count", "1"},
			runs[i].Packages...)
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err != nil {
			return nil, fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, out)
		}
		if runs[i].Results, err = parseGoBench(string(out)); err != nil {
			return nil, err
		}
	}
	return runs, nil
}

// parseGoBench reads the "pkg:" lines and the Benchmark result lines of `go test -bench` output.
func parseGoBench(out string) ([]goBenchmark, error) {
	var results []goBenchmark
	pkg := ""
	lines := bufio.NewScanner(strings.NewReader(out))
	for lines.Scan() {
		line := lines.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") || len(fields)%2 != 0 {
			continue // a benchmark's own log line, or its name printed before a failure
		}
		iterations, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil {
			continue
		}
		b := goBenchmark{Package: pkg, Name: trimProcs(fields[0]), Iterations: iterations}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return nil, fmt.Errorf("unexpected benchmark line %q", line)
			}
			b.Metrics = append(b.Metrics, benchMetric{Value: v, Unit: fields[i+1]})
		}
		results = append(results, b)
	}
	if len(results) == 0 {
		return nil, fmt.Errorf("no benchmark results in:\n%s", out)
	}
	return results, nil
}

// trimProcs drops the "-2" GOMAXPROCS suffix go test adds to a benchmark's name.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i < 0 {
		return name
	}
	if _, err := strconv.Atoi(name[i+1:]); err != nil {
		return name
	}
	return name[:i]
}
