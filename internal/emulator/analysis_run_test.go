package emulator

import (
	"encoding/json"
	"testing"
)

func TestAnalysisRun(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	aid, atok := dpAnalysis(t, e, "tago", true, true)
	var res map[string]any
	req(t, e, "POST", "/analysis/"+aid+"/run", tok, map[string]any{"scope": map[string]any{"a": 1}}).ok(t, 200, &res)
	if len(res) != 1 || res["analysis_token"] != atok {
		t.Fatalf("run answered %v", res)
	}
	var doc map[string]any
	_ = e.store.View(func(tx Tx) error {
		b, err := tx.Get(collAnalyses, aid)
		if err == nil {
			err = json.Unmarshal(b, &doc)
		}
		return err
	})
	lastRun, _ := doc["last_run"].(string)
	if _, err := parseAbsoluteTime(lastRun); err != nil || doc["name"] != "An analysis" || doc["run_on"] != "tago" {
		t.Fatalf("analysis after run %v", doc)
	}

	// the token comes from collTokens when the document has none
	bid, btok := dpAnalysis(t, e, "external", true, false)
	req(t, e, "POST", "/analysis/"+bid+"/run", tok, nil).ok(t, 200, &res)
	if res["analysis_token"] != btok {
		t.Fatalf("token from collTokens: %v", res)
	}

	inactive, _ := dpAnalysis(t, e, "tago", false, true)
	req(t, e, "POST", "/analysis/"+inactive+"/run", tok, nil).fail(t, 400, "Analysis is not active")
	req(t, e, "POST", "/analysis/aaaaaaaaaaaaaaaaaaaaaaaa/run", tok, nil).fail(t, 404, "Analysis not found")
	req(t, e, "POST", "/analysis/nope/run", tok, nil).fail(t, 400, "Invalid Analysis ID")
	req(t, e, "POST", "/analysis/"+aid+"/run", atok, nil).fail(t, 403, msgDenied)
	req(t, e, "POST", "/analysis/"+aid+"/run", tok, "[1]").fail(t, 400, "expected a JSON object")
}

func TestScopeData(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		``: `[]`, `null`: `[]`, `[{"a":1}]`: `[{"a":1}]`, `{"a":1}`: `[{"a":1}]`, ` "x" `: `["x"]`,
	} {
		if got := string(scopeData(json.RawMessage(in))); got != want {
			t.Errorf("scope %q -> %s, want %s", in, got, want)
		}
	}
}
