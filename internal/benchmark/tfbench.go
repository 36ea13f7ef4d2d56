package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// runKey names one cell of the Terraform table.
type runKey struct {
	Size    int
	Variant variant
	Phase   phase
}

// terraformSection is items 1 and 2 of the issue: the three variants' wall times and the
// provider's requests against its budget.
type terraformSection struct {
	Runs map[runKey][]phaseRun
	// Budgets are the tagoio requests of the first run of each size.
	Budgets map[int][]budgetReport
	// BudgetMisses lists every run, of any repetition, whose requests were not the budget's.
	BudgetMisses []string
}

func benchTerraform(ctx context.Context, s settings, tf *terraformRunner, bins binaries, work string) (*terraformSection, error) {
	sec := &terraformSection{Runs: map[runKey][]phaseRun{}, Budgets: map[int][]budgetReport{}}
	for r := range s.Repeat {
		for _, n := range s.Sizes {
			nodes := buildGraph(n)
			// Rotate the order of the variants, so that a noisy minute does not always hit the same one.
			for i := range s.Variants {
				v := s.Variants[(i+r)%len(s.Variants)]
				logf("terraform: %s, %d resources, run %d of %d", v, n, r+1, s.Repeat)
				runs, stats, err := runVariant(ctx, tf, bins, work, v, nodes, 0, phases)
				if err != nil {
					return nil, err
				}
				for _, p := range phases {
					sec.Runs[runKey{n, v, p}] = append(sec.Runs[runKey{n, v, p}], runs[p])
				}
				if v != variantTagoIO {
					continue
				}
				for _, p := range phases {
					check := checkBudget(p, nodes, stats[p])
					if r == 0 {
						sec.Budgets[n] = append(sec.Budgets[n], check)
					}
					if !check.ok() {
						sec.BudgetMisses = append(sec.BudgetMisses, fmt.Sprintf("%d resources, run %d, %s", n, r+1, p))
					}
				}
			}
		}
	}
	return sec, nil
}

// runVariant applies, plans and destroys (or runs the given phases of) one variant of the graph
// in a fresh directory; for tagoio, against a fresh emulator whose stats are reset before each
// phase and read after it.
func runVariant(ctx context.Context, tf *terraformRunner, bins binaries, work string, v variant, nodes []node,
	latency time.Duration, which []phase) (map[phase]phaseRun, map[phase]emulatorStats, error) {
	dir := filepath.Join(work, fmt.Sprintf("tf-%s-%d", v, len(nodes)))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	if err := removeState(dir); err != nil {
		return nil, nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(renderConfig(v, nodes)), 0o644); err != nil {
		return nil, nil, err
	}
	var emu *emulatorProcess
	var env []string
	if v == variantTagoIO {
		var err error
		if emu, err = startEmulator(bins.emulator, work, latency); err != nil {
			return nil, nil, err
		}
		defer emu.stop()
		env = emu.env()
	}
	runs, stats := map[phase]phaseRun{}, map[phase]emulatorStats{}
	for _, p := range which {
		if emu != nil {
			if err := emu.resetStats(ctx); err != nil {
				return nil, nil, err
			}
		}
		run, err := tf.run(ctx, dir, p, env)
		if err != nil {
			return nil, nil, err
		}
		runs[p] = run
		if emu != nil {
			if stats[p], err = emu.stats(ctx); err != nil {
				return nil, nil, err
			}
		}
	}
	return runs, stats, nil
}

// latencyResult is item 3: one apply against an emulator that answers every request late.
type latencyResult struct {
	Size         int
	Wall         time.Duration
	Requests     int64 // counted by the emulator
	Budget       int   // the apply's budget, the ideal's total
	CriticalPath int   // requests on the longest chain of the graph
	Ideal        time.Duration
	PathBound    time.Duration
	ShareBound   time.Duration
}

func benchLatency(ctx context.Context, s settings, tf *terraformRunner, bins binaries, work string) ([]latencyResult, error) {
	var out []latencyResult
	for _, n := range s.Sizes {
		nodes := buildGraph(n)
		logf("latency: tagoio apply, %d resources, %s per request", n, s.Latency)
		runs, stats, err := runVariant(ctx, tf, bins, work, variantTagoIO, nodes, s.Latency, []phase{phaseApply})
		if err != nil {
			return nil, err
		}
		ideal := idealApply(nodes, s.Latency, s.Parallelism)
		out = append(out, latencyResult{Size: n, Wall: runs[phaseApply].Wall, Requests: stats[phaseApply].Total,
			Budget: ideal.Requests, CriticalPath: ideal.CriticalPath, Ideal: ideal.Time, PathBound: ideal.PathBound,
			ShareBound: ideal.ShareBound})
	}
	return out, nil
}
