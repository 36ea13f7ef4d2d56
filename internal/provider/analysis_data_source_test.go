package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestAccAnalysisDataSources(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	mk := func(name, runOn, runtime string, tags ...client.Tag) *client.AnalysisCreated {
		created, err := env.client.Analyses.Create(ctx, client.AnalysisCreate{
			Name: name, RunOn: &runOn, Runtime: &runtime, Tags: tags,
			Variables: []client.AnalysisVariable{{Key: "REGION", Value: "north"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		return created
	}
	nightly := mk("tfacc-Report nightly", "tago", "node-rt2025", client.Tag{Key: "team", Value: "ops"})
	mk("tfacc-Report weekly", "external", "python-rt2025", client.Tag{Key: "team", Value: "ops"})
	mk("tfacc-Cleanup", "tago", "python-rt2025")
	api, err := env.client.Analyses.Get(ctx, nightly.ID)
	if err != nil {
		t.Fatal(err)
	}

	resource.ParallelTest(t, env.test(resource.TestStep{
		Config: env.config(`
data "tagoio_analysis" "by_id" { id = %q }
data "tagoio_analysis" "by_name" { name = "tfacc-Report weekly" }
data "tagoio_analyses" "reports" { name = "tfacc-Report*" }
data "tagoio_analyses" "external" { run_on = "external" }
data "tagoio_analyses" "python" { runtime = "python-rt2025" }
data "tagoio_analyses" "ops" { tags = [{ key = "team" }] }`, nightly.ID),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.tagoio_analysis.by_id", tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Report nightly")),
			statecheck.ExpectKnownValue("data.tagoio_analysis.by_id", tfjsonpath.New("runtime"), knownvalue.StringExact("node-rt2025")),
			statecheck.ExpectKnownValue("data.tagoio_analysis.by_id", tfjsonpath.New("token"), knownvalue.StringExact(api.Token)),
			statecheck.ExpectSensitiveValue("data.tagoio_analysis.by_id", tfjsonpath.New("token")),
			statecheck.ExpectKnownValue("data.tagoio_analysis.by_id", tfjsonpath.New("environment"), knownvalue.MapExact(map[string]knownvalue.Check{
				"REGION": knownvalue.StringExact("north"),
			})),
			statecheck.ExpectKnownValue("data.tagoio_analysis.by_name", tfjsonpath.New("run_on"), knownvalue.StringExact("external")),
			statecheck.ExpectKnownValue("data.tagoio_analyses.reports", tfjsonpath.New("analyses"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("tfacc-Report nightly"), "runtime": knownvalue.StringExact("node-rt2025")}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("tfacc-Report weekly"), "run_on": knownvalue.StringExact("external")}),
			})),
			statecheck.ExpectKnownValue("data.tagoio_analyses.external", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
			statecheck.ExpectKnownValue("data.tagoio_analyses.python", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
			statecheck.ExpectKnownValue("data.tagoio_analyses.ops", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
		},
	}))
}

func TestAccAnalysisDataSource_lookupErrors(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	runtime := "node-rt2025"
	for i := 0; i < 2; i++ {
		if _, err := env.client.Analyses.Create(context.Background(), client.AnalysisCreate{Name: "tfacc-Twin", Runtime: &runtime}); err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string]blockCase{
		"ambiguous name": {`name = "tfacc-Twin"`, `2 analyses have name "tfacc-Twin"`},
		"no match":       {`name = "Nobody"`, `No analysis has name "Nobody"`},
		"bad id":         {`id = "not-an-id"`, `24 lowercase hexadecimal`},
	}
	env.eachBlockFails(t, "data \"tagoio_analysis\" \"x\"", false, cases)
}
