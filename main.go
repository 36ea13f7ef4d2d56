// Command terraform-provider-tagoio serves the TagoIO Terraform provider.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/tago-io/terraform-provider-tagoio/internal/provider"
)

// version is set at build time: -ldflags "-X main.version=1.2.3" (goreleaser does this).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	// Before serving: the plugin SDK reads its log levels from the environment on every request.
	provider.QuietLogsTerraformDiscards()
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/tago-io/tagoio",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
