package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"

	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider"
)

// profileProvider applies the benchmark's graph of n resources and plans it again (a refresh
// with nothing to change) with the provider served in this process, and writes a CPU profile of
// the process: the provider's work (and the in-process emulator's, under its own package name).
// Terraform reaches the provider through TF_REATTACH_PROVIDERS, as in a debugger session.
//
//	go run ./internal/benchmark -profile 500 -cpuprofile cpu.out
//	go tool pprof -top -focus 'terraform-provider-tagoio/internal/(provider|client)|terraform-plugin' cpu.out
func profileProvider(ctx context.Context, terraform string, n int, cpuProfile string) error {
	server, err := emulator.Start(emulator.Options{})
	if err != nil {
		return err
	}
	defer server.Close()
	dir, err := os.MkdirTemp("", "tagoio-profile-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	config := "terraform {\n  required_providers {\n    tagoio = { source = \"tago-io/tagoio\" }\n  }\n}\n\n" +
		"provider \"tagoio\" {}\n" + renderResources(variantTagoIO, buildGraph(n))
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		return err
	}

	// The provider runs in this process and reads its settings from this process' environment.
	// Its logs are off, as when Terraform runs it without TF_LOG (provider.QuietLogsTerraformDiscards).
	settings := map[string]string{"TAGOIO_API": server.URL, "TAGOIO_TOKEN": server.Token}
	if os.Getenv("TF_LOG") == "" {
		for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_TAGOIO"} {
			settings[name] = "off"
		}
	}
	for key, value := range settings {
		if err := os.Setenv(key, value); err != nil {
			return err
		}
	}
	reattach, stopProvider, err := serveProviderHere(ctx)
	if err != nil {
		return err
	}
	defer stopProvider()
	env := append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach,
		"TF_CLI_CONFIG_FILE=/dev/null", "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	terraformRun := func(args ...string) error {
		cmd := exec.CommandContext(ctx, terraform, args...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("terraform %s: %w\n%s", args[0], err, tail(string(out), 2000))
		}
		return nil
	}
	if err := terraformRun("init", "-input=false", "-backend=false"); err != nil {
		return err
	}

	f, err := os.Create(cpuProfile)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	logf("profiling apply and refresh of %d resources into %s", n, cpuProfile)
	err = terraformRun("apply", "-input=false", "-auto-approve")
	if err == nil {
		// -detailed-exitcode: 2 would mean the second plan is not empty.
		err = terraformRun("plan", "-input=false", "-detailed-exitcode")
	}
	pprof.StopCPUProfile()
	return err
}

// serveProviderHere serves the provider in this process and returns the TF_REATTACH_PROVIDERS
// value that points Terraform at it.
func serveProviderHere(ctx context.Context) (reattach string, stop func(), err error) {
	ctx, cancel := context.WithCancel(ctx)
	configs := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	const address = "registry.terraform.io/tago-io/tagoio"
	go func() {
		_ = tf6server.Serve(address, providerserver.NewProtocol6(provider.New("profile")()),
			tf6server.WithDebug(ctx, configs, closed), tf6server.WithoutLogStderrOverride())
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-configs:
	case <-closed:
		cancel()
		return "", nil, fmt.Errorf("the provider server stopped before it listened")
	}
	type addr struct{ Network, String string }
	type reattachConfig struct {
		Protocol        string
		ProtocolVersion int
		Pid             int
		Test            bool
		Addr            addr
	}
	b, err := json.Marshal(map[string]reattachConfig{address: {
		Protocol: string(cfg.Protocol), ProtocolVersion: cfg.ProtocolVersion, Pid: cfg.Pid, Test: true,
		Addr: addr{Network: cfg.Addr.Network(), String: cfg.Addr.String()},
	}})
	if err != nil {
		cancel()
		return "", nil, err
	}
	return string(b), func() { cancel(); <-closed }, nil
}
