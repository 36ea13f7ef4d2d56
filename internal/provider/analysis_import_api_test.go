package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// Analyses made through the API, with every runtime, both run_on values, a schedule, environment
// variables, tags and scripts (one of them not UTF-8), import loss-free: the environment, which
// the generated configuration shows as `null # sensitive`, stays on the server.
func TestAccAnalysis_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	ctx := context.Background()
	var targets []importTarget
	var objects []apiObject
	for i, runtime := range analysisRuntimes {
		body := map[string]any{
			"name": "tfacc-analysis-" + runtime, "runtime": runtime,
			"variables": []map[string]string{{"key": "API_KEY", "value": "s3cret-" + runtime}, {"key": "EMPTY", "value": ""}},
			"tags":      []map[string]string{{"key": "kind", "value": runtime}},
		}
		if i%2 == 0 {
			body["description"] = "made by the SDK"
			body["active"] = false
			body["run_on"] = "external"
			body["interval"] = "5 minutes"
		}
		id := env.apiID("/analysis", body)
		if i < 3 {
			script := []byte("console.log('" + runtime + "');\n")
			if i == 1 {
				script = []byte{0x63, 0x6f, 0x6e, 0x73, 0x6f, 0x6c, 0x65, 0x2e, 0x6c, 0x6f, 0x67, 0x28, 0x22, 0xe9, 0x22, 0x29, 0x0a} // Latin-1 é
			}
			if err := env.client.Analyses.UploadScript(ctx, id, client.ScriptUpload{Content: script, FileName: "script.js", Language: runtime}); err != nil {
				t.Fatal(err)
			}
		}
		targets = append(targets, importTarget{Type: "tagoio_analysis", Name: "a" + string(rune('0'+i)), ID: id})
		objects = append(objects, apiObject{Path: "/analysis/" + id})
	}
	res := env.importWithGeneratedConfig(targets, objects)
	if !strings.Contains(res.Generated, "environment") {
		t.Errorf("the generated configuration has no environment:\n%s", res.Generated)
	}
	// Clearing is explicit: environment = {} plans the update that removes the variables.
	cleared := strings.Replace(res.Generated, "environment = null # sensitive", "environment = {}", 1)
	if cleared == res.Generated {
		t.Fatalf("no `environment = null # sensitive` in the generated configuration:\n%s", res.Generated)
	}
	if out := res.planAfterEdit(t, cleared); !strings.Contains(out, "1 to change") {
		t.Errorf("environment = {} does not plan an update:\n%s", out)
	}
}
