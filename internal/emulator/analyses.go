package emulator

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// analysisDoc is a stored analysis (docs/api-notes.md §2.7, JS analysis.types). Its scripts
// live in collAnalysisScripts, one document per version.
type analysisDoc struct {
	ID          string                     `json:"id"`
	Name        string                     `json:"name"`
	Description *string                    `json:"description"`
	Active      bool                       `json:"active"`
	RunOn       string                     `json:"run_on"`
	Runtime     string                     `json:"runtime"`
	Interval    *string                    `json:"interval"`
	FileName    *string                    `json:"file_name"`
	Variables   []analysisVariable         `json:"variables"`
	Tags        []tag                      `json:"tags"`
	Token       string                     `json:"token"`
	LastRun     *apiTime                   `json:"last_run"`
	LockedAt    *apiTime                   `json:"locked_at"`
	Console     []string                   `json:"console"`
	Version     int                        `json:"version"` // 0 until the first upload
	Versions    map[string]analysisVersion `json:"versions"`
	Profile     string                     `json:"profile"`
	CreatedAt   apiTime                    `json:"created_at"`
	UpdatedAt   apiTime                    `json:"updated_at"`
}

// analysisVariable is one environment variable: the API takes an array of string
// pairs (the SDK's single-object type is wrong; MCP sdk-boundary, CLI probes).
type analysisVariable struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// analysisVersion is one entry of AnalysisInfo.versions.
type analysisVersion struct {
	FileName  string  `json:"file_name"`
	CreatedAt apiTime `json:"created_at"`
	CreatedBy string  `json:"created_by"`
}

// analysisScriptDoc is one uploaded script version, kept gzip-compressed: that is the
// form the download URL serves, and it keeps large scripts small in the store.
type analysisScriptDoc struct {
	AnalysisID string  `json:"analysis_id"`
	Version    int     `json:"version"`
	FileName   string  `json:"file_name"`
	Gzip       []byte  `json:"gzip"`
	Size       int     `json:"size"` // of the source, uncompressed
	CreatedAt  apiTime `json:"created_at"`
}

// scriptDownloadDoc is an issued download link, keyed by its unguessable key.
type scriptDownloadDoc struct {
	Key        string  `json:"key"`
	AnalysisID string  `json:"analysis_id"`
	Version    int     `json:"version"`
	ExpireAt   apiTime `json:"expire_at"`
}

const (
	runOnTago     = "tago"
	runOnExternal = "external"
	// defaultRuntime: the API's default when runtime is omitted (tagoio-cli
	// analysis-create, probed).
	defaultRuntime = "node-legacy"
	// maxAnalysisVariables: DOCS environment-variables (docs/api-notes.md §5).
	maxAnalysisVariables = 20
	// scriptFilesPrefix is where download links point: an emulator-owned path, served
	// without a token like the real signed S3 URL.
	scriptFilesPrefix = "/_emulator/files/"
	// scriptLinkLifetime: the OAS documents 2 hours for the profile-backup download
	// URL, the only signed URL whose lifetime any source gives.
	scriptLinkLifetime = 2 * time.Hour
)

var analysisRuntimes = []string{"node-legacy", "python-legacy", "node-rt2025", "python-rt2025", "deno-rt2025", "other"}

// canonicalRuntime validates a runtime or upload language. Older callers send
// "node"/"python" (CLI uploads with language "node"); they are the legacy runtimes.
func canonicalRuntime(s string) (string, bool) {
	switch s {
	case "node":
		return "node-legacy", true
	case "python":
		return "python-legacy", true
	}
	return s, oneOf(s, analysisRuntimes)
}

func scriptKey(analysisID string, version int) string {
	return fmt.Sprintf("%s/%010d", analysisID, version)
}

// analysisRecord is AnalysisInfo.
func analysisRecord(a *analysisDoc) record {
	tags, vars, console := a.Tags, a.Variables, a.Console
	if tags == nil {
		tags = []tag{}
	}
	if vars == nil {
		vars = []analysisVariable{}
	}
	if console == nil {
		console = []string{}
	}
	versions := a.Versions
	if versions == nil {
		versions = map[string]analysisVersion{}
	}
	var version any // null until a script is uploaded
	if a.Version > 0 {
		version = a.Version
	}
	return record{
		"id": a.ID, "name": a.Name, "description": a.Description, "active": a.Active,
		"run_on": a.RunOn, "runtime": a.Runtime, "interval": a.Interval, "file_name": a.FileName,
		"variables": vars, "tags": tags, "token": a.Token, "last_run": a.LastRun,
		"created_at": a.CreatedAt, "updated_at": a.UpdatedAt, "locked_at": a.LockedAt,
		"console": console, "version": version, "versions": versions, "profile": a.Profile,
	}
}

var analysisListSpec = listSpec{
	defaultFields: []string{"id", "name"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "name,asc",
	filters: map[string]filterKind{
		"id": filterString, "name": filterString, "active": filterBool, "run_on": filterString,
		"runtime": filterString, "tags": filterTags,
		"created_at": filterDate, "updated_at": filterDate, "last_run": filterDate,
	},
}

// Analysis tokens reach none of these routes: they may use management routes only as
// an Access Management policy grants (docs/api-notes.md §1.2), and without one the API says
// "Authorization Denied".
func (e *Emulator) registerAnalyses(r *Router) {
	r.Handle("GET", "/analysis", e.listAnalyses, kindProfile)
	r.Handle("POST", "/analysis", e.createAnalysis, kindProfile)
	r.Handle("GET", "/analysis/{id}", e.getAnalysis, kindProfile)
	r.Handle("PUT", "/analysis/{id}", e.editAnalysis, kindProfile)
	r.Handle("DELETE", "/analysis/{id}", e.deleteAnalysis, kindProfile)
	r.Handle("GET", "/analysis/{id}/token", e.analysisToken, kindProfile)
	r.Handle("POST", "/analysis/{id}/upload", e.uploadAnalysisScript, kindProfile)
	r.Handle("GET", "/analysis/{id}/download", e.downloadAnalysisScript, kindProfile)
}

func loadAnalysis(tx Tx, id string) (*analysisDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Analysis ID")
	}
	a, err := getDoc[analysisDoc](tx, collAnalyses, id)
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, notFound("Analysis not found")
	}
	return a, nil
}

func (e *Emulator) listAnalyses(c *Ctx) (int, any, error) {
	var docs []*analysisDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[analysisDoc](tx, collAnalyses, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, a := range docs {
		items = append(items, analysisRecord(a))
	}
	out, err := runList(c.Query, items, analysisListSpec, c.Now)
	return http.StatusOK, out, err
}

func (e *Emulator) getAnalysis(c *Ctx) (int, any, error) {
	var a *analysisDoc
	if err := e.store.View(func(tx Tx) (err error) {
		a, err = loadAnalysis(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, analysisRecord(a), nil
}

// newAnalysisToken builds the analysis token document for analysis id.
func newAnalysisToken(id string, now time.Time) *tokenDoc {
	return &tokenDoc{
		Token: "a-" + newUUID(), Kind: tokenKindAnalysis, Name: "Analysis token",
		Permission: "full", CreatedAt: apiTime(now), AnalysisID: id,
	}
}

// applyAnalysisBody validates body onto a. It returns whether run_on changed (the
// caller then rotates the token).
func applyAnalysisBody(a *analysisDoc, body jsonBody, create bool, now time.Time) (runOnChanged bool, err error) {
	if name, present, err := body.str("name"); err != nil {
		return false, err
	} else if present || create {
		if strings.TrimSpace(name) == "" {
			return false, badRequest("name is required and must be a non-empty string")
		}
		a.Name = name
	}
	if v, present, err := body.nullableStr("description"); err != nil {
		return false, err
	} else if present {
		a.Description = v
	}
	if v, present, err := body.boolean("active"); err != nil {
		return false, err
	} else if present {
		a.Active = v
	}
	if v, present, err := body.str("run_on"); err != nil || (present && v != runOnTago && v != runOnExternal) {
		return false, badRequest("run_on must be one of: tago, external")
	} else if present {
		runOnChanged = !create && v != a.RunOn
		a.RunOn = v
	}
	if v, present, err := body.str("runtime"); err != nil {
		return false, err
	} else if present {
		rt, ok := canonicalRuntime(v)
		if !ok {
			return false, badRequest("runtime must be one of: %s", strings.Join(analysisRuntimes, ", "))
		}
		if !create && rt != a.Runtime {
			// MCP: runtime cannot change after creation (the CLI changes it by
			// re-uploading the script with another language).
			return false, badRequest("runtime cannot be changed (it is %s); upload the script with another language instead", a.Runtime)
		}
		a.Runtime = rt
	}
	if v, present, err := body.nullableStr("interval"); err != nil {
		return false, badRequest("interval must be a relative time of at least 1 minute, \"Never\" or null")
	} else if present {
		if v != nil && !strings.EqualFold(*v, "never") && !atLeastOneMinute(*v, now) {
			return false, badRequest("interval must be a relative time of at least 1 minute (like \"1 hour\"), \"Never\" or null")
		}
		a.Interval = v
	}
	if v, present, err := body.nullableStr("file_name"); err != nil {
		return false, err
	} else if present {
		a.FileName = v
	}
	if body.has("variables") {
		vars, err := analysisVariables(body["variables"])
		if err != nil {
			return false, err
		}
		a.Variables = vars // replace, not merge
	}
	if v, present, err := body.tags("tags"); err != nil {
		return false, err
	} else if present {
		a.Tags = v // replace, not merge
	}
	return runOnChanged, nil
}

// analysisVariables decodes variables: an array (null empties it) of at most 20
// {key, value} string pairs with unique non-empty keys.
func analysisVariables(raw json.RawMessage) ([]analysisVariable, error) {
	if isJSONNull(raw) {
		return []analysisVariable{}, nil
	}
	items, err := objectArray(raw, "variables")
	if err != nil {
		return nil, err
	}
	if len(items) > maxAnalysisVariables {
		return nil, badRequest("variables: at most %d environment variables are allowed", maxAnalysisVariables)
	}
	seen := map[string]bool{}
	out := make([]analysisVariable, 0, len(items))
	for i, it := range items {
		path := fmt.Sprintf("variables[%d]", i)
		key, err := nonEmptyString(it, path, "key")
		if err != nil {
			return nil, err
		}
		if seen[key] {
			return nil, badRequest("%s.key %q is used twice; keys must be unique", path, key)
		}
		seen[key] = true
		value, _, err := it.str("value")
		if err != nil {
			return nil, badRequest("%s.value must be a string", path)
		}
		out = append(out, analysisVariable{Key: key, Value: value})
	}
	return out, nil
}

func (e *Emulator) createAnalysis(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	now := apiTime(c.Now)
	never := "Never"
	a := &analysisDoc{
		ID: newObjectID(), Active: true, RunOn: runOnTago, Runtime: defaultRuntime, Interval: &never,
		Variables: []analysisVariable{}, Tags: []tag{}, Console: []string{},
		Versions: map[string]analysisVersion{}, Profile: e.profileID, CreatedAt: now, UpdatedAt: now,
	}
	if _, err := applyAnalysisBody(a, body, true, c.Now); err != nil {
		return 0, nil, err
	}
	tok := newAnalysisToken(a.ID, c.Now)
	a.Token = tok.Token
	err = e.store.Update(func(tx Tx) error {
		if err := putDoc(tx, collTokens, tok.Token, tok); err != nil {
			return err
		}
		return putDoc(tx, collAnalyses, a.ID, a)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"id": a.ID, "token": a.Token}, nil
}

func (e *Emulator) editAnalysis(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		a, err := loadAnalysis(tx, c.Param("id"))
		if err != nil {
			return err
		}
		runOnChanged, err := applyAnalysisBody(a, body, false, c.Now)
		if err != nil {
			return err
		}
		if runOnChanged {
			// API changelog v8.12.13: changing run_on resets the analysis token.
			if err := deleteAnalysisTokens(tx, a.ID); err != nil {
				return err
			}
			tok := newAnalysisToken(a.ID, c.Now)
			if err := putDoc(tx, collTokens, tok.Token, tok); err != nil {
				return err
			}
			a.Token = tok.Token
		}
		a.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collAnalyses, a.ID, a)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

func deleteAnalysisTokens(tx Tx, analysisID string) error {
	toks, err := listDocs[tokenDoc](tx, collTokens, func(t *tokenDoc) bool {
		return t.Kind == tokenKindAnalysis && t.AnalysisID == analysisID
	})
	if err != nil {
		return err
	}
	for _, t := range toks {
		if err := tx.Delete(collTokens, t.Token); err != nil {
			return err
		}
	}
	return nil
}

func (e *Emulator) deleteAnalysis(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		a, err := loadAnalysis(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if err := deleteProtected(a.Tags); err != nil {
			return err
		}
		if err := deleteAnalysisTokens(tx, a.ID); err != nil {
			return err
		}
		prefix := a.ID + "/"
		var scripts []string
		if err := tx.ForEach(collAnalysisScripts, func(id string, _ []byte) error {
			if strings.HasPrefix(id, prefix) {
				scripts = append(scripts, id)
			}
			return nil
		}); err != nil {
			return err
		}
		for _, id := range scripts {
			if err := tx.Delete(collAnalysisScripts, id); err != nil {
				return err
			}
		}
		links, err := listDocs[scriptDownloadDoc](tx, collScriptDownloads, func(d *scriptDownloadDoc) bool { return d.AnalysisID == a.ID })
		if err != nil {
			return err
		}
		for _, l := range links {
			if err := tx.Delete(collScriptDownloads, l.Key); err != nil {
				return err
			}
		}
		return tx.Delete(collAnalyses, a.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

// analysisToken answers GET /analysis/{id}/token with the analysis token, for
// external analyses only (docs/api-notes.md §2.7; a tago analysis's token belongs to TagoIO's
// runner). The SDK names the call tokenGenerate, but this is a GET: answering the
// current token, rather than rotating it, keeps a running external analysis alive
// when a client merely reads it, and is a valid token either way. Rotation happens
// when run_on changes.
func (e *Emulator) analysisToken(c *Ctx) (int, any, error) {
	var a *analysisDoc
	if err := e.store.View(func(tx Tx) (err error) {
		a, err = loadAnalysis(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	if a.RunOn != runOnExternal {
		return 0, nil, badRequest("The analysis token is only available for analyses that run on external (run_on is %s)", a.RunOn)
	}
	return http.StatusOK, record{"analysis_token": a.Token}, nil
}

// decodeScriptBase64 accepts standard and URL alphabets, padded or not.
func decodeScriptBase64(s string) ([]byte, bool) {
	s = strings.TrimSpace(s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, true
		}
	}
	return nil, false
}

func gzipBytes(src []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(src); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// uploadAnalysisScript stores {file: <base64 source>, file_name, language} as the
// analysis's next script version.
func (e *Emulator) uploadAnalysisScript(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	file, present, err := body.str("file")
	if err != nil || !present || strings.TrimSpace(file) == "" {
		return 0, nil, badRequest("file is required: the script source, base64-encoded")
	}
	src, ok := decodeScriptBase64(file)
	if !ok {
		return 0, nil, badRequest("file must be base64-encoded")
	}
	fileName, fileNamePresent, err := body.str("file_name")
	if err != nil {
		return 0, nil, err
	}
	if fileNamePresent && strings.TrimSpace(fileName) == "" {
		return 0, nil, badRequest("file_name must be a non-empty string")
	}
	language, languagePresent, err := body.str("language")
	if err != nil {
		return 0, nil, err
	}
	runtime := ""
	if languagePresent {
		rt, ok := canonicalRuntime(language)
		if !ok {
			return 0, nil, badRequest("language must be one of: %s (or node, python)", strings.Join(analysisRuntimes, ", "))
		}
		runtime = rt
	}
	gz, err := gzipBytes(src)
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		a, err := loadAnalysis(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if !fileNamePresent {
			fileName = "script.js" // the old Python SDK always sent one; JS and CLI do too
			if a.FileName != nil && *a.FileName != "" {
				fileName = *a.FileName
			}
		}
		if runtime != "" {
			// The runtime follows the language of the last upload (tagoio-cli
			// analysis-edit, probed: it is how the runtime changes).
			a.Runtime = runtime
		}
		acct, _, err := e.ensureAccount(tx, c.Now)
		if err != nil {
			return err
		}
		a.Version++
		if a.Versions == nil {
			a.Versions = map[string]analysisVersion{}
		}
		now := apiTime(c.Now)
		a.Versions[strconv.Itoa(a.Version)] = analysisVersion{
			FileName: fileName, CreatedAt: now,
			CreatedBy: fmt.Sprintf("%s (%s)", acct.Name, e.AccountEmail()), // SDK: "John Doe (john.doe@email.com)"
		}
		a.FileName = &fileName
		a.UpdatedAt = now
		script := &analysisScriptDoc{
			AnalysisID: a.ID, Version: a.Version, FileName: fileName, Gzip: gz, Size: len(src), CreatedAt: now,
		}
		if err := putDoc(tx, collAnalysisScripts, scriptKey(a.ID, a.Version), script); err != nil {
			return err
		}
		return putDoc(tx, collAnalyses, a.ID, a)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Uploaded", nil
}

// downloadAnalysisScript answers {url, size, size_unit, expire_at}: a link on the
// emulator itself to the gzip of the script (the real API signs an S3 URL).
func (e *Emulator) downloadAnalysisScript(c *Ctx) (int, any, error) {
	version := 0
	if s, ok := c.Query.Get("version").Value(); ok && s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			return 0, nil, badRequest("version must be a positive integer")
		}
		version = v
	}
	keyBytes := make([]byte, 32)
	mustRandom(keyBytes)
	link := &scriptDownloadDoc{Key: hex.EncodeToString(keyBytes), ExpireAt: apiTime(c.Now.Add(scriptLinkLifetime))}
	var size int
	err := e.store.Update(func(tx Tx) error {
		a, err := loadAnalysis(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if a.Version == 0 {
			return notFound("Analysis file can't be found") // text the CLI has seen for a script-less analysis
		}
		if version == 0 {
			version = a.Version
		}
		script, err := getDoc[analysisScriptDoc](tx, collAnalysisScripts, scriptKey(a.ID, version))
		if err != nil {
			return err
		}
		if script == nil {
			return notFound("Analysis script version %d not found (latest is %d)", version, a.Version)
		}
		size = len(script.Gzip)
		link.AnalysisID, link.Version = a.ID, version
		if err := purgeExpiredScriptLinks(tx, c.Now); err != nil {
			return err
		}
		return putDoc(tx, collScriptDownloads, link.Key, link)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{
		"url": requestBaseURL(c.R) + scriptFilesPrefix + link.Key, "size": size, "size_unit": "bytes",
		"expire_at": link.ExpireAt,
	}, nil
}

func purgeExpiredScriptLinks(tx Tx, now time.Time) error {
	old, err := listDocs[scriptDownloadDoc](tx, collScriptDownloads, func(d *scriptDownloadDoc) bool {
		return !now.Before(d.ExpireAt.Time())
	})
	if err != nil {
		return err
	}
	for _, d := range old {
		if err := tx.Delete(collScriptDownloads, d.Key); err != nil {
			return err
		}
	}
	return nil
}

// requestBaseURL is the emulator's own base URL as the client reached it.
func requestBaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := r.Header.Get("X-Forwarded-Proto"); p == "http" || p == "https" {
		scheme = p
	}
	return scheme + "://" + r.Host
}

// serveScriptFile serves GET /_emulator/files/<key>: the gzip of a script version,
// with no token, until the link expires (like the signed S3 URL it stands for).
func (e *Emulator) serveScriptFile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, errorf(http.StatusMethodNotAllowed, "Method %s not allowed on %s", r.Method, r.URL.Path))
		return
	}
	key := strings.TrimPrefix(r.URL.Path, scriptFilesPrefix)
	var script *analysisScriptDoc
	err := e.store.View(func(tx Tx) error {
		link, err := getDoc[scriptDownloadDoc](tx, collScriptDownloads, key)
		if err != nil {
			return err
		}
		if link == nil {
			return notFound("File not found")
		}
		if !time.Now().Before(link.ExpireAt.Time()) {
			return errorf(http.StatusForbidden, "Request has expired") // what S3 says
		}
		script, err = getDoc[analysisScriptDoc](tx, collAnalysisScripts, scriptKey(link.AnalysisID, link.Version))
		if err != nil {
			return err
		}
		if script == nil {
			return notFound("File not found")
		}
		return nil
	})
	if err != nil {
		writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/gzip")
	w.Header().Set("Content-Length", strconv.Itoa(len(script.Gzip)))
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", script.FileName+".gz"))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		_, _ = w.Write(script.Gzip)
	}
}
