package main

import (
	"os"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider"
)

// TestProfileProvider runs the benchmark's graph through Terraform with the provider served in
// this process, so that a CPU or memory profile of the test is the provider's (and the in-process
// emulator's, under its own package name):
//
//	BENCH_PROFILE_SIZE=500 TF_ACC=1 TF_ACC_TERRAFORM_PATH=$(scripts/tool.sh terraform) \
//	  go test -count=1 -run TestProfileProvider -cpuprofile cpu.out ./internal/benchmark/
//	go tool pprof -top -focus 'terraform-provider-tagoio/internal/(provider|client)|terraform-plugin' cpu.out
//
// It is skipped unless BENCH_PROFILE_SIZE is set: it is a profiling harness, not part of make test.
func TestProfileProvider(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("BENCH_PROFILE_SIZE"))
	if n <= 0 || os.Getenv("TF_ACC") == "" {
		t.Skip("set BENCH_PROFILE_SIZE=<resources> and TF_ACC=1 to profile the provider")
	}
	server := emulator.NewTestServer(t, emulator.Options{})
	t.Setenv("TAGOIO_API", server.URL)
	t.Setenv("TAGOIO_TOKEN", server.Token)
	config := "provider \"tagoio\" {}\n" + renderResources(variantTagoIO, buildGraph(n))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"tagoio": providerserver.NewProtocol6WithError(provider.New("profile")()),
		},
		Steps: []resource.TestStep{
			{Config: config},
			{Config: config, PlanOnly: true}, // a refresh with nothing to change
		},
	})
}
