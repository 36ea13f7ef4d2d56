package emulator

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// postAnalysis creates an analysis and returns its id and token.
func postAnalysis(t testing.TB, e *Emulator, body map[string]any) (id, token string) {
	t.Helper()
	var r map[string]string
	req(t, e, "POST", "/analysis", e.ProfileToken(), body).ok(t, 200, &r)
	if !isObjectID(r["id"]) || !strings.HasPrefix(r["token"], "a-") || len(r) != 2 {
		t.Fatalf("create analysis result %v, want {id, token}", r)
	}
	return r["id"], r["token"]
}

// storedToken reads a token document straight from the store.
func storedToken(t testing.TB, e *Emulator, token string) *tokenDoc {
	t.Helper()
	var d *tokenDoc
	if err := e.store.View(func(tx Tx) (err error) { d, err = getDoc[tokenDoc](tx, collTokens, token); return err }); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestAnalysisLifecycle(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	id, token := postAnalysis(t, e, map[string]any{
		"name": "Fleet Report", "description": nil, "active": true, "run_on": "tago",
		"runtime": "node-rt2025", "interval": "1 hour", "file_name": "script.js",
		"variables": []map[string]string{{"key": "REPORT_EMAIL", "value": "ops@example.com"}},
		"tags":      []map[string]string{{"key": "analysis_type", "value": "report"}},
	})
	if d := storedToken(t, e, token); d == nil || d.Kind != tokenKindAnalysis || d.AnalysisID != id || d.Permission != "full" {
		t.Fatalf("analysis token document %+v", d)
	}
	a := getMap(t, e, "/analysis/"+id)
	want := map[string]any{
		"id": id, "name": "Fleet Report", "description": nil, "active": true, "run_on": "tago",
		"runtime": "node-rt2025", "interval": "1 hour", "file_name": "script.js", "token": token,
		"variables": []any{map[string]any{"key": "REPORT_EMAIL", "value": "ops@example.com"}},
		"tags":      []any{map[string]any{"key": "analysis_type", "value": "report"}},
		"last_run":  nil, "locked_at": nil, "console": []any{}, "version": nil, "versions": map[string]any{},
		"profile": e.ProfileID(),
	}
	for k, v := range want {
		if !reflect.DeepEqual(a[k], v) {
			t.Errorf("%s = %#v, want %#v", k, a[k], v)
		}
	}
	// defaults
	bareID, _ := postAnalysis(t, e, map[string]any{"name": "bare"})
	b := getMap(t, e, "/analysis/"+bareID)
	if b["runtime"] != "node-legacy" || b["run_on"] != "tago" || b["active"] != true || b["interval"] != "Never" || b["file_name"] != nil {
		t.Fatalf("defaults %v", b)
	}

	// partial edit: variables and tags are replaced, the rest kept
	var msg string
	req(t, e, "PUT", "/analysis/"+id, tok, map[string]any{
		"description": "Weekly", "active": false, "interval": "Never", "runtime": "node-rt2025",
		"variables": []map[string]string{{"key": "A", "value": "1"}, {"key": "B", "value": ""}},
		"tags":      []any{},
	}).ok(t, 200, &msg)
	if msg != "Successfully Updated" {
		t.Fatalf("edit answered %q", msg)
	}
	a = getMap(t, e, "/analysis/"+id)
	if a["name"] != "Fleet Report" || a["description"] != "Weekly" || a["active"] != false || a["interval"] != "Never" ||
		!reflect.DeepEqual(a["variables"], []any{map[string]any{"key": "A", "value": "1"}, map[string]any{"key": "B", "value": ""}}) ||
		!reflect.DeepEqual(a["tags"], []any{}) || a["token"] != token {
		t.Fatalf("after edit %v", a)
	}
	req(t, e, "PUT", "/analysis/"+id, tok, map[string]any{"runtime": "python-rt2025"}).fail(t, 400, "runtime cannot be changed")
	req(t, e, "PUT", "/analysis/"+id, tok, map[string]any{"interval": nil}).ok(t, 200, nil)
	if a = getMap(t, e, "/analysis/"+id); a["interval"] != nil {
		t.Fatalf("interval null %v", a["interval"])
	}

	// list
	if got := pluck(getList(t, e, "/analysis"), "name"); !eqStrings(got, []string{"bare", "Fleet Report"}) {
		t.Fatalf("default list %v", got)
	}
	if l := getList(t, e, "/analysis?filter[active]=false&fields=id,name,runtime,run_on"); len(l) != 1 || l[0]["runtime"] != "node-rt2025" || len(l[0]) != 4 {
		t.Fatalf("filtered list %v", l)
	}
	if got := pluck(getList(t, e, "/analysis?filter[runtime]=node-legacy"), "name"); !eqStrings(got, []string{"bare"}) {
		t.Fatalf("runtime filter %v", got)
	}

	// delete removes the token too
	req(t, e, "DELETE", "/analysis/"+id, tok, nil).ok(t, 200, &msg)
	if msg != "Successfully Removed" {
		t.Fatalf("delete answered %q", msg)
	}
	if storedToken(t, e, token) != nil {
		t.Fatal("the analysis token outlived its analysis")
	}
	req(t, e, "GET", "/analysis/"+id, tok, nil).fail(t, 404, "Analysis not found")
	req(t, e, "DELETE", "/analysis/"+id, tok, nil).fail(t, 404, "Analysis not found")
	req(t, e, "GET", "/analysis/not-an-id", tok, nil).fail(t, 400, "Invalid Analysis ID")
}

func TestAnalysisValidation(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	vars := func(n int) []map[string]string {
		out := make([]map[string]string, n)
		for i := range out {
			out[i] = map[string]string{"key": "K" + strings.Repeat("x", i), "value": "v"}
		}
		return out
	}
	cases := []struct {
		body map[string]any
		want string
	}{
		{map[string]any{}, "name is required"},
		{map[string]any{"name": "  "}, "name is required"},
		{map[string]any{"name": "n", "runtime": "ruby"}, "runtime must be one of: node-legacy, python-legacy, node-rt2025, python-rt2025, deno-rt2025, other"},
		{map[string]any{"name": "n", "run_on": "cloud"}, "run_on must be one of: tago, external"},
		{map[string]any{"name": "n", "interval": "30 seconds"}, "interval must be a relative time of at least 1 minute"},
		{map[string]any{"name": "n", "interval": "soon"}, "interval must be"},
		{map[string]any{"name": "n", "interval": 5}, "interval must be"},
		{map[string]any{"name": "n", "variables": vars(21)}, "at most 20 environment variables"},
		{map[string]any{"name": "n", "variables": map[string]string{"key": "A", "value": "1"}}, "variables must be an array"},
		{map[string]any{"name": "n", "variables": []map[string]string{{"key": "A", "value": "1"}, {"key": "A", "value": "2"}}}, "variables[1].key \"A\" is used twice"},
		{map[string]any{"name": "n", "variables": []map[string]any{{"key": "", "value": "1"}}}, "variables[0].key is required"},
		{map[string]any{"name": "n", "variables": []map[string]any{{"key": "A", "value": true}}}, "variables[0].value must be a string"},
		{map[string]any{"name": "n", "tags": repeatItem(map[string]any{"key": "k", "value": "v"}, 31)}, "at most 30 tags"},
		{map[string]any{"name": "n", "active": "yes"}, "active must be a boolean"},
	}
	for _, c := range cases {
		req(t, e, "POST", "/analysis", tok, c.body).fail(t, 400, c.want)
	}
	if l := getList(t, e, "/analysis"); len(l) != 0 {
		t.Fatalf("refused creates stored analyses: %v", l)
	}
	for _, ok := range []map[string]any{
		{"name": "n", "variables": vars(20), "interval": "1 minute"},
		{"name": "n", "runtime": "node", "interval": "never"}, // the CLI's alias and the old "Never"
		{"name": "n", "runtime": "deno-rt2025", "run_on": "external", "interval": "2 days"},
	} {
		postAnalysis(t, e, ok)
	}
	if got := pluck(getList(t, e, "/analysis?fields=runtime&orderBy=runtime,asc"), "runtime"); !eqStrings(got, []string{"deno-rt2025", "node-legacy", "node-legacy"}) {
		t.Fatalf("runtimes %v", got)
	}
}

func TestAnalysisRunOnRotatesToken(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	id, oldToken := postAnalysis(t, e, map[string]any{"name": "ext", "run_on": "tago"})
	// A valid analysis token is known (403: its kind may not use this route); a
	// revoked one is not (401).
	req(t, e, "GET", "/analysis/"+id, oldToken, nil).fail(t, 403, "Authorization Denied")
	req(t, e, "GET", "/analysis/"+id+"/token", tok, nil).fail(t, 400, "only available for analyses that run on external")

	req(t, e, "PUT", "/analysis/"+id, tok, map[string]any{"run_on": "external"}).ok(t, 200, nil)
	a := getMap(t, e, "/analysis/"+id)
	newToken := as[string](t, a["token"])
	if newToken == oldToken || !strings.HasPrefix(newToken, "a-") || a["run_on"] != "external" {
		t.Fatalf("token not rotated: %v", a)
	}
	req(t, e, "GET", "/analysis/"+id, oldToken, nil).fail(t, 401, "Invalid Token")
	req(t, e, "GET", "/analysis/"+id, newToken, nil).fail(t, 403, "Authorization Denied")
	if d := storedToken(t, e, newToken); d == nil || d.AnalysisID != id || d.Kind != tokenKindAnalysis {
		t.Fatalf("new token document %+v", d)
	}
	var got map[string]string
	req(t, e, "GET", "/analysis/"+id+"/token", tok, nil).ok(t, 200, &got)
	if !reflect.DeepEqual(got, map[string]string{"analysis_token": newToken}) {
		t.Fatalf("token route %v", got)
	}

	// the same run_on again keeps the token; other edits keep it too
	req(t, e, "PUT", "/analysis/"+id, tok, map[string]any{"run_on": "external", "name": "renamed"}).ok(t, 200, nil)
	if a = getMap(t, e, "/analysis/"+id); a["token"] != newToken {
		t.Fatalf("token rotated without a run_on change: %v", a["token"])
	}
	n := 0
	_ = e.store.View(func(tx Tx) error {
		docs, err := listDocs[tokenDoc](tx, collTokens, func(d *tokenDoc) bool { return d.AnalysisID == id })
		n = len(docs)
		return err
	})
	if n != 1 {
		t.Fatalf("%d tokens for one analysis", n)
	}
}

// gunzip decompresses b or fails the test.
func gunzip(t testing.TB, b []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// fetch GETs an absolute URL through the emulator's handler (no token).
func fetch(t testing.TB, e *Emulator, rawURL string) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	e.Handler().ServeHTTP(w, httptest.NewRequest("GET", rawURL, nil))
	return w
}

func upload(t testing.TB, e *Emulator, id, source string, extra map[string]any) {
	t.Helper()
	body := map[string]any{"file": base64.StdEncoding.EncodeToString([]byte(source))}
	for k, v := range extra {
		body[k] = v
	}
	var msg string
	req(t, e, "POST", "/analysis/"+id+"/upload", e.ProfileToken(), body).ok(t, 200, &msg)
	if msg == "" {
		t.Fatal("upload answered an empty string")
	}
}

func TestAnalysisScriptUploadAndDownload(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	tok := e.ProfileToken()
	id, _ := postAnalysis(t, e, map[string]any{"name": "scripted", "runtime": "node-rt2025"})
	req(t, e, "GET", "/analysis/"+id+"/download", tok, nil).fail(t, 404, "Analysis file can't be found")

	v1 := "console.log('version one');\n"
	v2 := strings.Repeat("// a larger second version\n", 500)
	upload(t, e, id, v1, map[string]any{"file_name": "one.js", "language": "node-rt2025"})
	upload(t, e, id, v2, map[string]any{"file_name": "two.py", "language": "python"})

	a := getMap(t, e, "/analysis/"+id)
	if a["version"] != 2.0 || a["file_name"] != "two.py" || a["runtime"] != "python-legacy" {
		t.Fatalf("after uploads %v", a)
	}
	versions := as[map[string]any](t, a["versions"])
	v1info, v2info := as[map[string]any](t, versions["1"]), as[map[string]any](t, versions["2"])
	if len(versions) != 2 || v1info["file_name"] != "one.js" || v2info["file_name"] != "two.py" ||
		v1info["created_by"] != "TagoIO Emulator (admin@tagoio-emulator.local)" || !dateRe.MatchString(as[string](t, v2info["created_at"])) {
		t.Fatalf("versions %v", versions)
	}

	var dl map[string]any
	req(t, e, "GET", "http://emu.example:8080/analysis/"+id+"/download", tok, nil).ok(t, 200, &dl)
	u, err := url.Parse(as[string](t, dl["url"]))
	if err != nil || u.Scheme != "http" || u.Host != "emu.example:8080" || !strings.HasPrefix(u.Path, "/_emulator/files/") || len(u.Path) < len("/_emulator/files/")+64 {
		t.Fatalf("download url %v", dl["url"])
	}
	exp, err := time.Parse(timeLayout, as[string](t, dl["expire_at"]))
	if err != nil || time.Until(exp) < time.Hour || time.Until(exp) > 3*time.Hour || dl["size_unit"] != "bytes" {
		t.Fatalf("download answer %v", dl)
	}
	w := fetch(t, e, as[string](t, dl["url"]))
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/gzip" || float64(w.Body.Len()) != dl["size"] {
		t.Fatalf("file: %d %v size %d (answer said %v)", w.Code, w.Header(), w.Body.Len(), dl["size"])
	}
	if got := gunzip(t, w.Body.Bytes()); got != v2 {
		t.Fatalf("latest version round trip: got %d bytes, want %d", len(got), len(v2))
	}

	req(t, e, "GET", "/analysis/"+id+"/download?version=1", tok, nil).ok(t, 200, &dl)
	if got := gunzip(t, fetch(t, e, as[string](t, dl["url"])).Body.Bytes()); got != v1 {
		t.Fatalf("version 1 round trip: %q", got)
	}
	req(t, e, "GET", "/analysis/"+id+"/download?version=3", tok, nil).fail(t, 404, "version 3 not found")
	req(t, e, "GET", "/analysis/"+id+"/download?version=latest", tok, nil).fail(t, 400, "version must be a positive integer")

	// links: unknown keys and expired links are refused; no token is needed
	if w := fetch(t, e, "http://x/_emulator/files/"+strings.Repeat("0", 64)); w.Code != 404 {
		t.Fatalf("unknown key answered %d", w.Code)
	}
	key := strings.TrimPrefix(u.Path, "/_emulator/files/")
	if err := e.store.Update(func(tx Tx) error {
		l, err := getDoc[scriptDownloadDoc](tx, collScriptDownloads, key)
		if err != nil || l == nil {
			t.Fatalf("link %s not stored: %v", key, err)
		}
		l.ExpireAt = apiTime(time.Now().Add(-time.Second))
		return putDoc(tx, collScriptDownloads, key, l)
	}); err != nil {
		t.Fatal(err)
	}
	if w := fetch(t, e, "http://x/_emulator/files/"+key); w.Code != 403 || !strings.Contains(w.Body.String(), "Request has expired") {
		t.Fatalf("expired link answered %d %s", w.Code, w.Body)
	}

	// validation and permissions
	for _, c := range []struct {
		body map[string]any
		want string
	}{
		{map[string]any{}, "file is required"},
		{map[string]any{"file": "%%%"}, "file must be base64-encoded"},
		{map[string]any{"file": "YQ==", "language": "ruby"}, "language must be one of"},
		{map[string]any{"file": "YQ==", "file_name": ""}, "file_name must be a non-empty string"},
	} {
		req(t, e, "POST", "/analysis/"+id+"/upload", tok, c.body).fail(t, 400, c.want)
	}
	req(t, e, "POST", "/analysis/aaaaaaaaaaaaaaaaaaaaaaaa/upload", tok, map[string]any{"file": "YQ=="}).fail(t, 404, "Analysis not found")
	read := e.AddProfileToken("read", nil)
	req(t, e, "GET", "/analysis/"+id+"/download", read, nil).ok(t, 200, nil)
	req(t, e, "POST", "/analysis/"+id+"/upload", read, map[string]any{"file": "YQ=="}).fail(t, 403, "Authorization Denied")
	req(t, e, "POST", "/analysis", read, map[string]any{"name": "x"}).fail(t, 403, "Authorization Denied")
	dev := mkDevice(t, e, "d", nil)
	req(t, e, "GET", "/analysis/"+id+"/download", dev.Token, nil).fail(t, 403, "Authorization Denied")
	if a = getMap(t, e, "/analysis/"+id); a["version"] != 2.0 {
		t.Fatalf("refused uploads changed the version: %v", a["version"])
	}

	// deleting the analysis deletes its scripts and links
	req(t, e, "DELETE", "/analysis/"+id, tok, nil).ok(t, 200, nil)
	for _, coll := range []string{collAnalysisScripts, collScriptDownloads} {
		_ = e.store.View(func(tx Tx) error {
			if n, _ := countDocs(tx, coll); n != 0 {
				t.Errorf("%d documents left in %s", n, coll)
			}
			return nil
		})
	}
}

func TestAnalysisDownloadOverHTTP(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	id, _ := postAnalysis(t, s.Emulator, map[string]any{"name": "http"})
	src := "print('hello')\n"
	upload(t, s.Emulator, id, src, map[string]any{"language": "python-rt2025", "file_name": "main.py"})

	r, _ := http.NewRequest("GET", s.URL+"/analysis/"+id+"/download", nil)
	r.Header.Set("token", s.Token)
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	var dl struct {
		Result struct {
			URL string `json:"url"`
		} `json:"result"`
	}
	err = json.NewDecoder(resp.Body).Decode(&dl)
	_ = resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(dl.Result.URL, s.URL+"/_emulator/files/") {
		t.Fatalf("url %q is not on the emulator %s", dl.Result.URL, s.URL)
	}
	// a plain client, as the CLI's axios/fetch: no token, no decompression
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	resp, err = client.Get(dl.Result.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/gzip" || gunzip(t, body) != src {
		t.Fatalf("GET %s: %d %v %q", dl.Result.URL, resp.StatusCode, resp.Header, body)
	}
	head, err := client.Head(dl.Result.URL)
	if err != nil || head.StatusCode != 200 || head.ContentLength != int64(len(body)) {
		t.Fatalf("HEAD: %v %v", head, err)
	}
	_ = head.Body.Close()
}

func TestAnalysisDeleteProtection(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	id, _ := postAnalysis(t, e, map[string]any{"name": "p", "tags": []map[string]string{{"key": "_delete_protection_", "value": "Do not delete the billing job"}}})
	req(t, e, "DELETE", "/analysis/"+id, e.ProfileToken(), nil).fail(t, 400, "Do not delete the billing job")
	getMap(t, e, "/analysis/"+id)
}

// TestManagementStatePersists: every collection of these slices survives a restart
// on the same data file, and so does a download link issued before it.
func TestManagementStatePersists(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.db")
	e, err := New(Options{DataPath: path})
	if err != nil {
		t.Fatal(err)
	}
	tok := e.ProfileToken()
	req(t, e, "PUT", "/account", tok, map[string]any{"name": "Persisted", "options": map[string]any{"time_format": "12"}}).ok(t, 200, nil)
	bucket := postBucket(t, e, map[string]any{"name": "legacy", "tags": []map[string]string{{"key": "a", "value": "b"}}})
	secret := postSecret(t, e, "SMTP", "{\"host\":\"mail\"}")
	action := postAction(t, e, map[string]any{"name": "mail", "type": "schedule",
		"trigger": []any{map[string]any{"cron": "0 8 * * *", "timezone": "Europe/Lisbon"}},
		"action":  map[string]any{"type": "email-smtp", "to": "a@b.c", "from": "x@y.z", "subject": "s", "message": "m", "smtp_secret": secret}})
	analysis, aTok := postAnalysis(t, e, map[string]any{"name": "job", "run_on": "external"})
	upload(t, e, analysis, "v1", nil)
	upload(t, e, analysis, "v2", nil)
	var dl map[string]any
	req(t, e, "GET", "/analysis/"+analysis+"/download?version=1", tok, nil).ok(t, 200, &dl)

	paths := []string{"/account", "/profile/current", "/bucket/" + bucket, "/secrets/" + secret, "/action/" + action, "/analysis/" + analysis}
	before := map[string]map[string]any{}
	for _, p := range paths {
		before[p] = getMap(t, e, p)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}

	e2, err := New(Options{DataPath: path})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = e2.Close() }()
	for _, p := range paths {
		if after := getMap(t, e2, p); !reflect.DeepEqual(after, before[p]) {
			t.Errorf("%s changed across restart:\n%v\n%v", p, before[p], after)
		}
	}
	if before["/account"]["name"] != "Persisted" || before["/analysis/"+analysis]["version"] != 2.0 {
		t.Fatalf("the state under test was not the edited one: %v", before)
	}
	if d := storedToken(t, e2, aTok); d == nil || d.AnalysisID != analysis {
		t.Fatalf("analysis token after restart %+v", d)
	}
	if got := gunzip(t, fetch(t, e2, as[string](t, dl["url"])).Body.Bytes()); got != "v1" {
		t.Fatalf("link issued before the restart serves %q", got)
	}
	// the secret the action references is still there for a new action
	postAction(t, e2, map[string]any{"name": "again", "type": "interval", "trigger": []any{map[string]any{"interval": "1 day"}},
		"action": map[string]any{"type": "queue-sqs", "sqs_secret": secret}})
}
