package provider

import (
	"context"
	"maps"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tfsdklog"
)

func TestQuietLogsTerraformDiscards(t *testing.T) {
	t.Parallel()
	const cookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
	off := map[string]string{"TF_LOG_SDK": "off", "TF_LOG_SDK_PROTO": "off", "TF_LOG_SDK_FRAMEWORK": "off", "TF_LOG_PROVIDER_TAGOIO": "off"}
	for _, tc := range []struct {
		name string
		env  map[string]string
		want map[string]string // the variables set
	}{
		{"a plugin of Terraform, nobody reads the logs", map[string]string{"TF_PLUGIN_MAGIC_COOKIE": cookie}, off},
		{"TF_LOG set: Terraform shows them", map[string]string{"TF_PLUGIN_MAGIC_COOKIE": cookie, "TF_LOG": "DEBUG"}, nil},
		{"TF_LOG_PROVIDER set: Terraform shows them", map[string]string{"TF_PLUGIN_MAGIC_COOKIE": cookie, "TF_LOG_PROVIDER": "trace"}, nil},
		{"served in a test process, no cookie", map[string]string{}, nil},
		{"a level already chosen is kept", map[string]string{"TF_PLUGIN_MAGIC_COOKIE": cookie, "TF_LOG_SDK_PROTO": "trace"},
			map[string]string{"TF_LOG_SDK": "off", "TF_LOG_SDK_FRAMEWORK": "off", "TF_LOG_PROVIDER_TAGOIO": "off"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := map[string]string{}
			lookup := func(name string) (string, bool) { v, ok := tc.env[name]; return v, ok }
			quietLogsTerraformDiscards(lookup, func(name, value string) error { set[name] = value; return nil })
			if !maps.Equal(set, tc.want) {
				t.Errorf("set %v, want %v", set, tc.want)
			}
		})
	}
}

// TestQuietLogsSwitchTheSDKLoggerOff: "off" in the variables it sets is a level the SDK reads
// (the SDK logs at TRACE when the variable is unset, so this test fails if quieting does nothing).
// Serial: it sets the TF_LOG* variables with t.Setenv, which changes the whole process.
func TestQuietLogsSwitchTheSDKLoggerOff(t *testing.T) {
	for _, name := range append([]string{"TF_LOG", "TF_LOG_PROVIDER"}, logLevelVariables...) {
		t.Setenv(name, "")
		_ = os.Unsetenv(name) // t.Setenv restores the value after the test
	}
	ctx := tfsdklog.NewRootSDKLogger(context.Background(), tfsdklog.WithLevelFromEnv("TF_LOG_SDK"))
	if !tfsdklog.IsTrace(ctx) {
		t.Fatal("the SDK logger should log at TRACE by default")
	}
	t.Setenv("TF_PLUGIN_MAGIC_COOKIE", "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2")
	QuietLogsTerraformDiscards()
	ctx = tfsdklog.NewRootSDKLogger(context.Background(), tfsdklog.WithLevelFromEnv("TF_LOG_SDK"))
	if tfsdklog.IsTrace(ctx) || tfsdklog.IsError(ctx) {
		t.Errorf("after quieting the SDK logger still logs (TF_LOG_SDK=%q)", os.Getenv("TF_LOG_SDK"))
	}
}

// TestNewLeavesTheEnvironmentAlone: building the provider (what every in-process test does)
// sets no environment variable, even when the plugin cookie says Terraform started the process.
func TestNewLeavesTheEnvironmentAlone(t *testing.T) {
	for _, name := range append([]string{"TF_LOG", "TF_LOG_PROVIDER"}, logLevelVariables...) {
		t.Setenv(name, "")
		_ = os.Unsetenv(name) // t.Setenv restores the value after the test
	}
	t.Setenv("TF_PLUGIN_MAGIC_COOKIE", "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2")
	if p := New("test")(); p == nil {
		t.Fatal("New returned no provider")
	}
	for _, name := range logLevelVariables {
		if value, set := os.LookupEnv(name); set {
			t.Errorf("New set %s=%q", name, value)
		}
	}
}
