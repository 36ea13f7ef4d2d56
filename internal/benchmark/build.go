package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// binaries are the programs the benchmark builds, all with the flags of `make build`.
type binaries struct {
	provider  string // terraform-provider-tagoio
	floor     string // the floor provider, (a)
	twin      string // the schema twin, (a′)
	emulator  string // tagoio-emulator
	goClient  string // the Go half of the data side by side
	launchDir string // dev_overrides directory: launchers named like the providers, the providers in real/
}

const (
	providerBinary = "terraform-provider-tagoio"
	floorBinary    = "terraform-provider-floor"
	twinBinary     = "terraform-provider-twin"
)

func buildAll(ctx context.Context, root, work string) (binaries, error) {
	b := binaries{launchDir: filepath.Join(work, "launch")}
	realDir := filepath.Join(b.launchDir, "real")
	b.provider, b.floor, b.twin = filepath.Join(realDir, providerBinary), filepath.Join(realDir, floorBinary), filepath.Join(realDir, twinBinary)
	b.emulator, b.goClient = filepath.Join(work, "bin", "tagoio-emulator"), filepath.Join(work, "bin", "goclient")
	launcher := filepath.Join(work, "bin", "launcher")
	for _, target := range []struct{ out, pkg string }{
		{b.provider, "."},
		{b.floor, "./internal/benchmark/floorprovider"},
		{b.twin, "./internal/benchmark/twinprovider"},
		{b.emulator, "./cmd/tagoio-emulator"},
		{b.goClient, "./internal/benchmark/goclient"},
		{launcher, "./internal/benchmark/launcher"},
	} {
		cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", "-s -w -X main.version=bench", "-o", target.out, target.pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return b, fmt.Errorf("go build %s: %w\n%s", target.pkg, err, out)
		}
	}
	for _, name := range []string{providerBinary, floorBinary, twinBinary} {
		if err := copyFile(launcher, filepath.Join(b.launchDir, name)); err != nil {
			return b, err
		}
	}
	return b, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer func() { _ = in.Close() }()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}
