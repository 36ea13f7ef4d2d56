package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
)

func (e *Emulator) registerAnalysisRun(r *Router) {
	// Profile tokens. Analysis tokens reach management routes only through Access
	// Management policies (docs/api-notes.md §1.2), which this route does not evaluate.
	r.Handle("POST", "/analysis/{id}/run", e.runAnalysis, kindProfile)
}

// analysisRunView is the part of a stored analysis (collAnalyses, the analysis slice's
// document) that a run needs; decoding only these fields keeps this file independent
// of that slice's types.
type analysisRunView struct {
	ID        string          `json:"id"`
	RunOn     string          `json:"run_on"`
	Token     string          `json:"token"`
	Active    *bool           `json:"active"`
	Variables json.RawMessage `json:"variables"`
}

// analysisTrigger is what an external analysis receives on analysis_trigger: the
// payload fields the JS SDK's Analysis.localRuntime reads (environment, data,
// analysis_id, token).
type analysisTrigger struct {
	Channel string                `json:"channel"`
	Payload analysisTriggerFields `json:"payload"`
}

type analysisTriggerFields struct {
	AnalysisID  string          `json:"analysis_id"`
	Token       string          `json:"token"`
	Environment json.RawMessage `json:"environment"`
	Data        json.RawMessage `json:"data"`
}

// runAnalysis: POST /analysis/{id}/run {scope} -> {analysis_token} (SDK type; the
// docs/api-notes.md §8.9 notes nothing else confirms it). It sets last_run. The emulator
// executes no script: an analysis that runs "external" is triggered through its open
// SSE streams, one that runs at TagoIO is only marked as run.
func (e *Emulator) runAnalysis(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	scope := scopeData(body["scope"])
	id := c.Param("id")
	if !isObjectID(id) {
		return 0, nil, badRequest("Invalid Analysis ID")
	}
	var view analysisRunView
	err = e.store.Update(func(tx Tx) error {
		raw, err := tx.Get(collAnalyses, id)
		if err != nil {
			return err
		}
		if raw == nil {
			return notFound("Analysis not found")
		}
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(raw, &doc); err != nil {
			return err
		}
		if err := json.Unmarshal(raw, &view); err != nil {
			return err
		}
		if view.Active != nil && !*view.Active {
			return badRequest("Analysis is not active")
		}
		if view.Token == "" {
			if view.Token, err = analysisTokenFor(tx, id); err != nil {
				return err
			}
		}
		if doc["last_run"], err = json.Marshal(apiTime(c.Now)); err != nil {
			return err
		}
		return putDoc(tx, collAnalyses, id, doc)
	})
	if err != nil {
		return 0, nil, err
	}
	if view.RunOn == "external" {
		env := view.Variables
		if len(env) == 0 || env[0] != '[' {
			env = json.RawMessage("[]")
		}
		msg, err := json.Marshal(analysisTrigger{
			Channel: "analysis_trigger",
			Payload: analysisTriggerFields{AnalysisID: id, Token: view.Token, Environment: env, Data: scope},
		})
		if err != nil {
			return 0, nil, err
		}
		e.events.publish(id, msg)
	}
	return http.StatusOK, record{"analysis_token": view.Token}, nil
}

// scopeData is the scope as the analysis receives it, an array (T_ANALYSIS_DATA is a
// JSON array): none or null is [], an object is wrapped in one.
func scopeData(raw json.RawMessage) json.RawMessage {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || bytes.Equal(raw, []byte("null")):
		return json.RawMessage("[]")
	case raw[0] == '[':
		return raw
	}
	return append(append(json.RawMessage("["), raw...), ']')
}

// analysisTokenFor finds the analysis's token in collTokens when its document does not
// carry one.
func analysisTokenFor(tx Tx, analysisID string) (string, error) {
	toks, err := listDocs[tokenDoc](tx, collTokens, func(t *tokenDoc) bool {
		return t.Kind == tokenKindAnalysis && t.AnalysisID == analysisID
	})
	if err != nil || len(toks) == 0 {
		return "", err
	}
	return toks[0].Token, nil
}
