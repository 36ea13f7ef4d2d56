package client_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const analysisToken = "a-7d0c5b7e-0000-4000-8000-00000000a11a"

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAnalyses_CreateSendsTheBodyAndMasksTheToken(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		ok(w, map[string]any{"id": "6298fcc3e0b6840012b6abfa", "token": analysisToken})
	})
	c, _ := newTestClient(t, api.URL)
	runtime, interval := "node-rt2025", "5 minutes"
	created, err := c.Analyses.Create(context.Background(), client.AnalysisCreate{
		Name: "Report", Runtime: &runtime, Interval: &interval,
		Variables: []client.AnalysisVariable{{Key: "API_KEY", Value: "k-0123456789"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != "6298fcc3e0b6840012b6abfa" || created.Token != analysisToken {
		t.Errorf("created = %+v", created)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(api.Requests()[0].Body), &body); err != nil {
		t.Fatal(err)
	}
	vars, _ := body["variables"].([]any)
	if len(vars) != 1 || body["runtime"] != "node-rt2025" || body["interval"] != "5 minutes" {
		t.Errorf("body = %v", body)
	}
	if _, has := body["description"]; has {
		t.Errorf("unset description was sent: %v", body)
	}
	for _, secret := range []string{analysisToken, "k-0123456789"} {
		if got := c.Masker().String("x " + secret + " y"); strings.Contains(got, secret) {
			t.Errorf("%q is not masked after the create: %q", secret, got)
		}
	}
}

func TestAnalyses_GetToleratesLooseShapes(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		result      map[string]any
		wantVars    client.AnalysisVariables
		wantVersion client.ScriptVersion
	}{
		"array with numbers": {
			map[string]any{"variables": []any{map[string]any{"key": "MAX", "value": 3100}, map[string]any{"key": "ON", "value": true}}, "version": 3},
			client.AnalysisVariables{{Key: "MAX", Value: "3100"}, {Key: "ON", Value: "true"}}, "3",
		},
		"single object (the SDK's type)": {
			map[string]any{"variables": map[string]any{"key": "A", "value": "b"}, "version": "7"},
			client.AnalysisVariables{{Key: "A", Value: "b"}}, "7",
		},
		"null": {map[string]any{"variables": nil, "version": nil}, nil, ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
				res := map[string]any{"id": "6298fcc3e0b6840012b6abfa", "name": "n", "run_on": "tago", "token": analysisToken}
				for k, v := range tc.result {
					res[k] = v
				}
				ok(w, res)
			})
			c, _ := newTestClient(t, api.URL)
			a, err := c.Analyses.Get(context.Background(), "6298fcc3e0b6840012b6abfa")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a.Variables, tc.wantVars) || a.Version != tc.wantVersion {
				t.Errorf("variables = %#v, version = %q", a.Variables, a.Version)
			}
			if a.Token != analysisToken {
				t.Errorf("token = %q", a.Token)
			}
		})
	}
}

func TestAnalyses_UpdateSendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) { ok(w, "Successfully Updated") })
	c, _ := newTestClient(t, api.URL)
	never := client.IntervalNever
	vars := []client.AnalysisVariable{}
	if err := c.Analyses.Update(context.Background(), "6298fcc3e0b6840012b6abfa", client.AnalysisUpdate{Interval: &never, Variables: &vars}); err != nil {
		t.Fatal(err)
	}
	r := api.Requests()[0]
	if r.Method != http.MethodPut || r.Path != "/analysis/6298fcc3e0b6840012b6abfa" || r.Body != `{"interval":"Never","variables":[]}` {
		t.Errorf("request = %s %s %s", r.Method, r.Path, r.Body)
	}
}

func TestAnalyses_UploadScriptSendsBase64(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) { ok(w, "Script uploaded") })
	c, _ := newTestClient(t, api.URL)
	src := "console.log('hi');\n"
	err := c.Analyses.UploadScript(context.Background(), "6298fcc3e0b6840012b6abfa",
		client.ScriptUpload{Content: []byte(src), FileName: "script.js", Language: "node-rt2025"})
	if err != nil {
		t.Fatal(err)
	}
	r := api.Requests()[0]
	var body map[string]string
	if err := json.Unmarshal([]byte(r.Body), &body); err != nil {
		t.Fatal(err)
	}
	decoded, _ := base64.StdEncoding.DecodeString(body["file"])
	if r.Path != "/analysis/6298fcc3e0b6840012b6abfa/upload" || string(decoded) != src ||
		body["file_name"] != "script.js" || body["language"] != "node-rt2025" {
		t.Errorf("upload = %s %v", r.Path, body)
	}
}

// Uploading the same script again only adds an identical version, so an upload whose answer was
// lost or was a 500 is sent again, unlike a POST that creates an object.
func TestAnalyses_UploadScriptIsRetriedAfterALostAnswer(t *testing.T) {
	t.Parallel()
	var posts atomic.Int32
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		switch posts.Add(1) {
		case 1:
			dropConnection(t, w)
		case 2:
			fail(w, http.StatusInternalServerError, "Internal Server Error")
		default:
			ok(w, "Script uploaded")
		}
	})
	c, _ := newTestClient(t, api.URL)
	err := c.Analyses.UploadScript(context.Background(), "6298fcc3e0b6840012b6abfa",
		client.ScriptUpload{Content: []byte("x"), FileName: "script.js", Language: "node-rt2025"})
	if err != nil {
		t.Fatal(err)
	}
	if n := api.posts("/analysis/"); n != 3 {
		t.Errorf("%d uploads, want 3", n)
	}
}

func TestAnalyses_DownloadScriptFollowsTheURLWithoutTheToken(t *testing.T) {
	t.Parallel()
	const src = "export default async function () {}\n"
	var fileHeaders http.Header
	files := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fileHeaders = r.Header.Clone()
		if r.URL.Query().Get("sig") != "abc123signature" {
			http.Error(w, "bad signature", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "application/gzip")
		_, _ = w.Write(gzipped(t, src))
	}))
	t.Cleanup(files.Close)
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		ok(w, map[string]any{"url": files.URL + "/scripts/x.gz?sig=abc123signature", "size": 1, "size_unit": "KB"})
	})
	c, logs := newTestClient(t, api.URL)
	got, err := c.Analyses.DownloadScript(context.Background(), "6298fcc3e0b6840012b6abfa", "4")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != src {
		t.Errorf("script = %q, want %q", got, src)
	}
	r := api.Requests()[0]
	if r.Path != "/analysis/6298fcc3e0b6840012b6abfa/download" || r.Query != "version=4" {
		t.Errorf("download request = %s?%s", r.Path, r.Query)
	}
	if fileHeaders.Get("token") != "" {
		t.Error("the profile token was sent to the file host")
	}
	// The signature is a credential for the file: masked from the moment the client knows it is one
	// (the API's answer itself is trace-logged before that, as every answer is).
	downloads := logs.withMsg("TagoIO download request")
	if len(downloads) != 1 || strings.Contains(fmt.Sprint(downloads[0].Fields["url"]), "abc123signature") {
		t.Errorf("download log lines = %+v, want one with the URL masked", downloads)
	}
}

func TestAnalyses_DownloadScriptRelativeURLAndPlainBody(t *testing.T) {
	t.Parallel()
	const src = "print('hi')\n"
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.URL.Path == "/files/script.py" {
			_, _ = w.Write([]byte(src)) // not gzipped: returned as is
			return
		}
		ok(w, map[string]any{"url": "/files/script.py"})
	})
	c, _ := newTestClient(t, api.URL)
	got, err := c.Analyses.DownloadScript(context.Background(), "6298fcc3e0b6840012b6abfa", "")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != src {
		t.Errorf("script = %q", got)
	}
	if q := api.Requests()[0].Query; q != "" {
		t.Errorf("query = %q, want none for the current version", q)
	}
}

func TestAnalyses_DownloadScriptFileErrorIsAnAPIError(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if strings.HasPrefix(r.URL.Path, "/files/") {
			http.Error(w, "gone", http.StatusNotFound)
			return
		}
		ok(w, map[string]any{"url": "/files/script.js?sig=zzzzzzzzzzzz"})
	})
	c, _ := newTestClient(t, api.URL)
	_, err := c.Analyses.DownloadScript(context.Background(), "6298fcc3e0b6840012b6abfa", "")
	if err == nil || !client.IsNotFound(err) {
		t.Fatalf("err = %v, want a 404 APIError", err)
	}
	if strings.Contains(err.Error(), "zzzzzzzzzzzz") {
		t.Errorf("the signed URL is in the error: %v", err)
	}
}

func TestAnalyses_TokenReadsEitherKey(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"analysis_token", "token"} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
			ok(w, map[string]any{key: analysisToken})
		})
		c, _ := newTestClient(t, api.URL)
		token, err := c.Analyses.Token(context.Background(), "6298fcc3e0b6840012b6abfa")
		if err != nil || token != analysisToken {
			t.Errorf("%s: token = %q, err = %v", key, token, err)
		}
		if p := api.Requests()[0].Path; p != "/analysis/6298fcc3e0b6840012b6abfa/token" {
			t.Errorf("path = %s", p)
		}
	}
}

func TestAnalyses_ListAsksForFilters(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		ok(w, []map[string]any{{"id": "6298fcc3e0b6840012b6abfa", "name": "Report", "run_on": "external", "runtime": "python-rt2025"}})
	})
	c, _ := newTestClient(t, api.URL)
	list, err := c.Analyses.List(context.Background(), client.ListOptions{Filter: map[string]string{"run_on": "external", "runtime": "python-rt2025"}})
	if err != nil || len(list) != 1 || list[0].RunOn != "external" {
		t.Fatalf("list = %+v, err = %v", list, err)
	}
	r := api.Requests()[0]
	if r.Path != "/analysis" || !strings.Contains(r.Query, "filter%5Brun_on%5D=external") || !strings.Contains(r.Query, "filter%5Bruntime%5D=python-rt2025") {
		t.Errorf("request = %s?%s", r.Path, r.Query)
	}
}

func TestIsIntervalNever(t *testing.T) {
	t.Parallel()
	for _, v := range []*string{nil, strp(""), strp("Never"), strp("never"), strp("NEVER")} {
		if !client.IsIntervalNever(v) {
			t.Errorf("%v should mean never", v)
		}
	}
	if client.IsIntervalNever(strp("1 minute")) {
		t.Error("1 minute is a schedule")
	}
}
