package emulator

// OpenAPI coverage walk: every operation TagoIO's OpenAPI file documents must be
// served by the emulator. "Served" means what a client sees: a request to the
// operation's path (every path parameter a dummy value, the profile token, an empty
// JSON body) is answered by a route of the emulator, not by "Route not found" (404)
// or "Method not allowed" (405), and not by a 5xx. Validation errors (400), missing
// objects (404 from a handler), a wrong kind of token (401/403) all count as served:
// the route exists and judged the request.
//
// An operation may only be left out with a one-line reason in coverageExceptions.
// coverageAliases maps the few paths the file misspells to the path the API and the
// SDK really use; the walk then checks the real path instead.

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// coverageExceptions are documented operations the emulator does not serve yet,
// "METHOD /path as documented" -> reason.
var coverageExceptions = map[string]string{}

// coverageAliases: documented "METHOD /path" -> the path actually served, with why.
var coverageAliases = map[string]struct{ path, reason string }{
	"PUT /{am_id}": {"/am/{am_id}",
		"the file drops the /am prefix of Update Policy; the SDK and the API use PUT /am/{id}"},
}

var pathParamRe = regexp.MustCompile(`\{[^}]+\}`)

// dummyPath fills every path parameter with a well-formed object id that names
// nothing, so that an id check passes and the handler answers "not found".
func dummyPath(template string) string {
	return pathParamRe.ReplaceAllString(template, "000000000000000000000000")
}

func TestOpenAPIOperationsServed(t *testing.T) {
	doc, _ := loadSpec(t)
	e := newEmu(t)
	tok := e.ProfileToken()

	type op struct{ method, path string }
	var ops []op
	for path, item := range doc.Paths.PathItems.FromOldest() {
		for method := range item.GetOperations().FromOldest() {
			ops = append(ops, op{strings.ToUpper(method), path})
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].path != ops[j].path {
			return ops[i].path < ops[j].path
		}
		return ops[i].method < ops[j].method
	})

	served, excepted := 0, 0
	seen := map[string]bool{}
	var notServed []string
	for _, o := range ops {
		key := o.method + " " + o.path
		seen[key] = true
		path := o.path
		if alias, ok := coverageAliases[key]; ok {
			path = alias.path
		}
		res := req(t, e, o.method, dummyPath(path), tok, map[string]any{})
		routed := res.Code != http.StatusMethodNotAllowed && res.Code < 500 &&
			(res.Message == nil || !strings.HasPrefix(*res.Message, "Route not found"))
		if reason, ok := coverageExceptions[key]; ok {
			if reason == "" || strings.Contains(reason, "\n") {
				t.Errorf("exception %s needs a one-line reason", key)
			}
			if routed {
				t.Errorf("%s is served now (%d): drop its exception %q", key, res.Code, reason)
			}
			excepted++
			continue
		}
		if !routed {
			notServed = append(notServed, key+" ("+string(res.Raw)+")")
			continue
		}
		served++
	}
	for key := range coverageExceptions {
		if !seen[key] {
			t.Errorf("exception %s names no documented operation", key)
		}
	}
	for key := range coverageAliases {
		if !seen[key] {
			t.Errorf("alias %s names no documented operation", key)
		}
	}
	t.Logf("%d of %d documented operations served (%d excepted with a reason)", served, len(ops), excepted)
	for _, s := range notServed {
		t.Errorf("documented operation not served: %s", strings.TrimSpace(s))
	}
	if len(ops) < 100 {
		t.Errorf("only %d operations found in the OpenAPI file; the walk cannot be trusted", len(ops))
	}
}
