package provider

import "os"

// Terraform shows a provider's logs only when TF_LOG or TF_LOG_PROVIDER is set. Without them it
// still reads every line the provider writes to stderr, parses it as JSON and drops it. The
// plugin SDKs log at TRACE unless told otherwise: a few hundred lines per resource per command
// (every validator, plan modifier and attribute of the schema), which the provider spends CPU
// writing and Terraform spends CPU parsing, for nothing. The benchmark (docs/performance.md)
// measured a third of both processes' CPU time going to it.

// logLevelVariables are the provider-side log levels: the SDK's, its proto and framework
// subsystems', and this provider's own (TF_LOG_PROVIDER_<NAME>, the name from its address).
var logLevelVariables = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_TAGOIO"}

// QuietLogsTerraformDiscards switches the provider's logs off when Terraform would discard them
// (see quietLogsTerraformDiscards). It sets process environment variables, so only the
// provider's main calls it, once, before serving; New leaves the process alone, so a test or
// a program that builds the provider in its own process keeps its environment.
func QuietLogsTerraformDiscards() { quietLogsTerraformDiscards(os.LookupEnv, os.Setenv) }

// quietLogsTerraformDiscards switches the provider's logs off when it runs as Terraform's plugin
// (go-plugin's magic cookie is set; tests that serve the provider in their own process never set
// it) and nobody will read them (neither TF_LOG nor TF_LOG_PROVIDER is set, which is what makes
// Terraform keep a provider's logs). A level already set for one of the provider-side variables
// is kept.
func quietLogsTerraformDiscards(lookup func(string) (string, bool), set func(string, string) error) {
	if cookie, _ := lookup("TF_PLUGIN_MAGIC_COOKIE"); cookie == "" {
		return
	}
	for _, asked := range []string{"TF_LOG", "TF_LOG_PROVIDER"} {
		if level, _ := lookup(asked); level != "" {
			return
		}
	}
	for _, name := range logLevelVariables {
		if _, ok := lookup(name); !ok {
			_ = set(name, "off") // os.Setenv fails only on an invalid name
		}
	}
}
