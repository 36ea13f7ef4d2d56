// Command benchmark is `make bench`: it measures terraform-provider-tagoio side by side with two
// floors on the same dependency graph, counts its API requests against a budget per resource,
// times an apply against a slow API, the provider's start-up, the Go hot paths and the data
// plane next to the official JavaScript SDK, and writes everything to docs/performance.md.
//
//	go run ./internal/benchmark -terraform "$(scripts/tool.sh terraform)"   # make bench
//	BENCH_QUICK=1 go run ./internal/benchmark ...                            # make bench-quick
//
// It is a benchmark, never a test: nothing here fails on a number. It fails only when a
// measurement cannot be taken (a build, a Terraform command or a client errs, or a plan after an
// apply is not empty).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// settings are the sizes of one benchmark run.
type settings struct {
	Quick        bool
	Sizes        []int // resources per configuration
	Variants     []variant
	Repeat       int // runs of each phase; the tables show the median
	Parallelism  int // terraform -parallelism
	Latency      time.Duration
	StartupRuns  int
	Records      int // records inserted by each data client
	FindQty      int // records found
	Concurrency  int // insert requests in flight, on both sides
	BenchTime    string
	FindNewest   bool // run the emulator's BenchmarkFindNewest (seeds 1M records)
	TargetSize   int  // the size the 1.3x target applies to
	TargetRatio  float64
	LatencyRatio float64
}

func fullSettings() settings {
	return settings{Sizes: []int{100, 500}, Repeat: 3, Parallelism: 10, Latency: 50 * time.Millisecond, StartupRuns: 10,
		Records: 100_000, FindQty: 10_000, Concurrency: 4, BenchTime: "1s", FindNewest: true,
		TargetSize: 500, TargetRatio: 1.3, LatencyRatio: 1.2}
}

// quickSettings validate the harness in a couple of minutes; their numbers mean little.
func quickSettings() settings {
	s := fullSettings()
	s.Quick, s.Sizes, s.Repeat, s.StartupRuns = true, []int{20}, 1, 3
	s.Records, s.FindQty, s.BenchTime, s.FindNewest = 5_000, 1_000, "20x", false
	return s
}

func main() {
	terraform := flag.String("terraform", "", "Terraform binary (default: scripts/tool.sh terraform)")
	out := flag.String("out", "docs/performance.md", "markdown file to write (empty: stdout only)")
	quick := flag.Bool("quick", os.Getenv("BENCH_QUICK") != "", "small sizes, to validate the harness (also BENCH_QUICK=1)")
	sizes := flag.String("sizes", "", "comma-separated resource counts (default 100,500; quick 20)")
	repeat := flag.Int("repeat", 0, "runs of each Terraform phase (default 3; quick 1)")
	only := flag.String("only", "", "comma-separated sections to run: terraform,latency,startup,go,data,reliability (default all)")
	keep := flag.Bool("keep", false, "keep the work directory")
	onlyVariants := flag.String("variants", "", "comma-separated Terraform variants: tagoio,floor,terraform_data (default all)")
	profile := flag.Int("profile", 0, "instead of the benchmark: apply and refresh this many resources with the provider served in this process, writing a CPU profile to -cpuprofile")
	cpuProfile := flag.String("cpuprofile", "cpu.out", "with -profile: the CPU profile to write")
	flag.Parse()
	if *profile > 0 {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		tf, err := terraformPath(*terraform)
		if err == nil {
			err = profileProvider(ctx, tf, *profile, *cpuProfile)
		}
		if err != nil {
			fatalf("%v", err)
		}
		return
	}

	s := fullSettings()
	if *quick {
		s = quickSettings()
	}
	if *sizes != "" {
		s.Sizes = nil
		for _, f := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 {
				fatalf("-sizes: %q is not a positive number", f)
			}
			s.Sizes = append(s.Sizes, n)
		}
	}
	if *repeat > 0 {
		s.Repeat = *repeat
	}
	s.Variants = variants
	if *onlyVariants != "" {
		s.Variants = nil
		for _, f := range strings.Split(*onlyVariants, ",") {
			v := variant(strings.TrimSpace(f))
			if !slices.Contains(variants, v) {
				fatalf("-variants: unknown variant %q", f)
			}
			s.Variants = append(s.Variants, v)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, s, *terraform, *out, *only, *keep); err != nil {
		fatalf("%v", err)
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench %s: "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

func run(ctx context.Context, s settings, terraform, out, only string, keep bool) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if terraform, err = terraformPath(terraform); err != nil {
		return err
	}
	sections := map[string]bool{}
	for _, name := range strings.Split(only, ",") {
		if name = strings.TrimSpace(name); name != "" {
			sections[name] = true
		}
	}
	want := func(name string) bool { return len(sections) == 0 || sections[name] }

	work, err := os.MkdirTemp("", "tagoio-bench-")
	if err != nil {
		return err
	}
	if keep {
		logf("work directory %s (kept)", work)
	} else {
		defer func() { _ = os.RemoveAll(work) }()
	}
	logf("building the provider, the floor provider, the emulator and the clients")
	bins, err := buildAll(ctx, root, work)
	if err != nil {
		return err
	}
	rep := &report{Settings: s, Machine: describeMachine(ctx, terraform), Started: time.Now()}
	tf := &terraformRunner{bin: terraform, cliConfig: filepath.Join(work, "terraformrc"),
		providerLog: filepath.Join(work, "providers.log"), parallelism: s.Parallelism}
	if err := writeCLIConfig(tf.cliConfig, bins.launchDir); err != nil {
		return err
	}

	if want("terraform") {
		if rep.Terraform, err = benchTerraform(ctx, s, tf, bins, work); err != nil {
			return err
		}
	}
	if want("latency") {
		if rep.Latency, err = benchLatency(ctx, s, tf, bins, work); err != nil {
			return err
		}
	}
	if want("startup") {
		if rep.Startup, err = benchStartup(ctx, s, bins); err != nil {
			return err
		}
	}
	if want("go") {
		if rep.GoBench, err = runGoBenchmarks(ctx, s, root); err != nil {
			return err
		}
	}
	if want("data") {
		if rep.Data, err = benchData(ctx, s, bins, root, work); err != nil {
			return err
		}
	}
	if want("reliability") {
		rel, err := benchReliability(ctx, s, tf, bins, work)
		if err != nil {
			return err
		}
		section := rel.markdown(rep.Machine)
		fmt.Print(section)
		if out != "" && !s.Quick {
			if err := writeReliability(filepath.Join(root, "docs", "reliability.md"), section); err != nil {
				return err
			}
			logf("wrote docs/reliability.md")
		}
		if len(sections) == 1 {
			return nil // only the reliability figures: docs/performance.md is left as it is
		}
	}
	rep.Finished = time.Now()
	md := rep.markdown()
	fmt.Print(md)
	if out != "" {
		path := out
		if !filepath.IsAbs(path) {
			path = filepath.Join(root, out)
		}
		if err := os.WriteFile(path, []byte(md), 0o644); err != nil {
			return err
		}
		logf("wrote %s", path)
	}
	return nil
}

// moduleRoot is the directory of go.mod, so that the benchmark runs from anywhere in the clone.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("run the benchmark inside the terraform-provider-tagoio module")
	}
	return filepath.Dir(gomod), nil
}

// terraformPath is the Terraform binary to run: the one given, else scripts/tool.sh's.
func terraformPath(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	raw, err := exec.Command(filepath.Join(root, "scripts", "tool.sh"), "terraform").Output()
	if err != nil {
		return "", fmt.Errorf("scripts/tool.sh terraform: %w", err)
	}
	return strings.TrimSpace(string(raw)), nil
}
