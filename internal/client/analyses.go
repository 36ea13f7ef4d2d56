package client

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/go-retryablehttp"
)

// Analysis is a TagoIO analysis as GET /analysis/{id} returns it (docs/api-notes.md §2.7). Version is the
// script version in use ("" when no script was uploaded).
type Analysis struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Description *string           `json:"description"`
	Active      bool              `json:"active"`
	RunOn       string            `json:"run_on"`
	Runtime     *string           `json:"runtime"`
	Interval    *string           `json:"interval"`
	FileName    *string           `json:"file_name"`
	Variables   AnalysisVariables `json:"variables"`
	Tags        []Tag             `json:"tags"`
	Token       string            `json:"token"`
	Version     ScriptVersion     `json:"version"`
	LastRun     *string           `json:"last_run"`
	CreatedAt   string            `json:"created_at"`
	UpdatedAt   string            `json:"updated_at"`
}

// AnalysisVariable is an environment variable of an analysis.
type AnalysisVariable struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// AnalysisVariables is the "variables" list. The API keeps an array of {key, value}; the SDK's
// type declares a single object (docs/api-notes.md §2.7) and values may be numbers or booleans, so
// decoding accepts all of these.
type AnalysisVariables []AnalysisVariable

// UnmarshalJSON accepts an array of {key, value}, a single {key, value} object, or null.
func (v *AnalysisVariables) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		*v = nil
		return nil
	}
	type rawVariable struct {
		Key   string          `json:"key"`
		Value json.RawMessage `json:"value"`
	}
	var items []rawVariable
	if data[0] == '{' {
		var one rawVariable
		if err := json.Unmarshal(data, &one); err != nil {
			return fmt.Errorf("analysis variables: %w", err)
		}
		items = []rawVariable{one}
	} else if err := json.Unmarshal(data, &items); err != nil {
		return fmt.Errorf("analysis variables: %w", err)
	}
	out := make(AnalysisVariables, 0, len(items))
	for _, it := range items {
		value := ""
		if text := scalarText(it.Value); text != nil {
			value = *text
		}
		out = append(out, AnalysisVariable{Key: it.Key, Value: value})
	}
	*v = out
	return nil
}

// ScriptVersion is an analysis script version; the SDK types it as number or string.
type ScriptVersion string

// UnmarshalJSON accepts a number, a string or null.
func (v *ScriptVersion) UnmarshalJSON(data []byte) error {
	if text := scalarText(data); text != nil {
		*v = ScriptVersion(*text)
		return nil
	}
	*v = ""
	return nil
}

// AnalysisCreate is the POST /analysis body.
type AnalysisCreate struct {
	Name        string             `json:"name"`
	Description *string            `json:"description,omitempty"`
	Active      *bool              `json:"active,omitempty"`
	RunOn       *string            `json:"run_on,omitempty"`
	Runtime     *string            `json:"runtime,omitempty"`
	Interval    *string            `json:"interval,omitempty"`
	FileName    *string            `json:"file_name,omitempty"`
	Variables   []AnalysisVariable `json:"variables"`
	Tags        []Tag              `json:"tags"`
}

// AnalysisUpdate is a partial PUT /analysis/{id} body: only non-nil fields are sent. Variables
// and tags replace the whole list. To clear the description send ""; to stop the schedule send
// IntervalNever.
type AnalysisUpdate struct {
	Name        *string             `json:"name,omitempty"`
	Description *string             `json:"description,omitempty"`
	Active      *bool               `json:"active,omitempty"`
	RunOn       *string             `json:"run_on,omitempty"`
	Interval    *string             `json:"interval,omitempty"`
	Variables   *[]AnalysisVariable `json:"variables,omitempty"`
	Tags        *[]Tag              `json:"tags,omitempty"`
}

// IsEmpty reports an update with nothing to send.
func (u AnalysisUpdate) IsEmpty() bool {
	return u.Name == nil && u.Description == nil && u.Active == nil && u.RunOn == nil && u.Interval == nil &&
		u.Variables == nil && u.Tags == nil
}

// IntervalNever is the interval of an analysis that does not run on a schedule (the original SDK
// docs' "Never"; the API answers it in any case, or null).
const IntervalNever = "Never"

// IsIntervalNever reports an interval meaning "no schedule": null, "" or "never" in any case.
func IsIntervalNever(interval *string) bool {
	return interval == nil || *interval == "" || strings.EqualFold(*interval, IntervalNever)
}

// AnalysisCreated is what POST /analysis returns. Token is empty when the create was recovered
// after a lost answer: read it from the analysis.
type AnalysisCreated struct {
	ID    string
	Token string
}

// analysisCreateResult accepts the documented keys and the spelling other routes use.
type analysisCreateResult struct {
	ID         string `json:"id"`
	AnalysisID string `json:"analysis_id"`
	Analysis   string `json:"analysis"`
	Token      string `json:"token"`
}

// ScriptUpload is a script for POST /analysis/{id}/upload. Content is the source text; the
// client base64-encodes it as the API expects. Language is the analysis runtime.
type ScriptUpload struct {
	Content  []byte
	FileName string
	Language string
}

// scriptDownload is what GET /analysis/{id}/download answers: a signed URL of a gzip of the script.
type scriptDownload struct {
	URL string `json:"url"`
}

// maxScriptSize bounds a downloaded script, so that a wrong URL cannot exhaust memory.
const maxScriptSize = 64 << 20

// AnalysesService is /analysis.
type AnalysesService struct{ c *Client }

// analysisListFields are the fields the client asks for in lists.
var analysisListFields = []string{"id", "name", "active", "run_on", "runtime", "tags", "last_run", "created_at", "updated_at"}

// Create creates an analysis and returns its id and token. The script is uploaded separately
// (UploadScript).
func (s *AnalysesService) Create(ctx context.Context, in AnalysisCreate) (*AnalysisCreated, error) {
	if in.Tags == nil {
		in.Tags = []Tag{}
	}
	if in.Variables == nil {
		in.Variables = []AnalysisVariable{}
	}
	s.maskVariables(in.Variables)
	var out analysisCreateResult
	adopted, err := s.c.create(ctx, createSpec{
		kind: "analysis",
		name: in.Name,
		req:  Request{Method: http.MethodPost, Path: "/analysis", Body: in, Sensitive: true},
		lookup: func(ctx context.Context) ([]candidate, error) {
			analyses, err := s.List(ctx, ListOptions{Filter: map[string]string{"name": in.Name}})
			if err != nil {
				return nil, err
			}
			found := make([]candidate, 0, len(analyses))
			for _, a := range analyses {
				found = append(found, candidate{ID: a.ID, Name: a.Name, CreatedAt: a.CreatedAt})
			}
			return found, nil
		},
	}, &out)
	if err != nil {
		return nil, err
	}
	if adopted != "" {
		return &AnalysisCreated{ID: adopted}, nil
	}
	s.c.masker.Add(out.Token)
	id := firstNonEmpty(out.ID, out.AnalysisID, out.Analysis)
	if id == "" {
		return nil, fmt.Errorf("TagoIO API POST /analysis answered without the new analysis's id")
	}
	return &AnalysisCreated{ID: id, Token: out.Token}, nil
}

// Get reads one analysis, token included.
func (s *AnalysesService) Get(ctx context.Context, id string) (*Analysis, error) {
	var a Analysis
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/analysis/" + url.PathEscape(id), Sensitive: true}, &a); err != nil {
		return nil, err
	}
	s.c.masker.Add(a.Token)
	s.maskVariables(a.Variables)
	return &a, nil
}

// Update edits an analysis (partial). Changing RunOn makes the API issue a new token.
func (s *AnalysesService) Update(ctx context.Context, id string, in AnalysisUpdate) error {
	if in.Variables != nil {
		s.maskVariables(*in.Variables)
	}
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: "/analysis/" + url.PathEscape(id), Body: in, Sensitive: true}, nil)
}

// Delete deletes an analysis.
func (s *AnalysesService) Delete(ctx context.Context, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: "/analysis/" + url.PathEscape(id)}, nil)
}

// List lists every analysis matching opts (all pages), by name. Filters the API knows: name ("*"
// is a wildcard), active, run_on, runtime and tags.
func (s *AnalysesService) List(ctx context.Context, opts ListOptions) ([]Analysis, error) {
	if opts.Fields == nil {
		opts.Fields = analysisListFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "name,asc"
	}
	// The SDK lists "/analysis/" with a trailing slash; both forms reach the same route.
	analyses, err := ListAll[Analysis](ctx, s.c, "/analysis", opts)
	for _, a := range analyses {
		s.c.masker.Add(a.Token)
		s.maskVariables(a.Variables)
	}
	return analyses, err
}

// Token returns the token of an analysis that runs externally (GET /analysis/{id}/token). The
// SDK calls this "tokenGenerate", so call it only when GET /analysis/{id} has no token.
func (s *AnalysesService) Token(ctx context.Context, id string) (string, error) {
	var out struct {
		AnalysisToken string `json:"analysis_token"`
		Token         string `json:"token"`
	}
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/analysis/" + url.PathEscape(id) + "/token", Sensitive: true}, &out); err != nil {
		return "", err
	}
	token := firstNonEmpty(out.AnalysisToken, out.Token)
	s.c.masker.Add(token)
	return token, nil
}

// UploadScript uploads the analysis script; the API makes it a new version. Sending the same
// script again after a lost answer only adds an identical version, so the upload is retried.
func (s *AnalysesService) UploadScript(ctx context.Context, id string, in ScriptUpload) error {
	body := map[string]string{
		"file":      base64.StdEncoding.EncodeToString(in.Content),
		"file_name": in.FileName,
		"language":  in.Language,
	}
	return s.c.Do(ctx, Request{Method: http.MethodPost, Path: "/analysis/" + url.PathEscape(id) + "/upload", Body: body, Sensitive: true, Repeatable: true}, nil)
}

// DownloadScript returns the source of the analysis script: version "" is the version in use.
// The API answers a signed URL of a gzip file (docs/api-notes.md §2.7); the URL is fetched without the
// profile token, since it may point to another host.
func (s *AnalysesService) DownloadScript(ctx context.Context, id, version string) ([]byte, error) {
	req := Request{Method: http.MethodGet, Path: "/analysis/" + url.PathEscape(id) + "/download", Sensitive: true}
	if version != "" {
		req.Query = url.Values{"version": {version}}
	}
	var out scriptDownload
	if err := s.c.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	if out.URL == "" {
		return nil, fmt.Errorf("TagoIO API GET %s answered without a download URL", req.Path)
	}
	target, err := s.c.baseURL.Parse(out.URL) // a relative URL is on the API host
	if err != nil {
		return nil, fmt.Errorf("TagoIO API GET %s answered an invalid download URL", req.Path)
	}
	// The signature in a signed URL is a credential for the file.
	s.c.masker.Add(target.String(), target.RawQuery)
	raw, err := s.c.fetch(ctx, target.String())
	if err != nil {
		return nil, err
	}
	return gunzipIfCompressed(raw)
}

// fetch GETs a URL outside the API (no token, no envelope) with the client's retry policy.
func (c *Client) fetch(ctx context.Context, rawURL string) ([]byte, error) {
	masked := c.masker.String(rawURL)
	httpReq, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("building the download request for %s: %w", masked, err)
	}
	httpReq.Header.Set("User-Agent", c.userAgent)
	policy := &retryPolicy{c: c, ctx: ctx, method: http.MethodGet, url: masked}
	rc := &retryablehttp.Client{
		HTTPClient:   c.httpClient,
		RetryMax:     c.maxRetries,
		RetryWaitMin: c.retryWaitMin,
		RetryWaitMax: c.retryWaitMax,
		CheckRetry:   policy.check,
		Backoff:      policy.backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
		RequestLogHook: func(_ retryablehttp.Logger, _ *http.Request, attempt int) {
			c.debug(ctx, "TagoIO download request", map[string]any{"url": masked, "attempt": attempt + 1})
		},
	}
	resp, err := rc.Do(httpReq)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("downloading %s: %w", masked, ctxErr)
		}
		return nil, &RequestError{Method: http.MethodGet, Path: masked, Err: fmt.Errorf("%s", c.masker.String(err.Error()))}
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxScriptSize+1))
	if err != nil {
		return nil, &RequestError{Method: http.MethodGet, Path: masked, Err: fmt.Errorf("%s", c.masker.String(err.Error()))}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &APIError{StatusCode: resp.StatusCode, Method: http.MethodGet, Path: masked,
			Message: c.masker.Body([]byte(truncate(strings.TrimSpace(string(body)), 300)))}
	}
	if len(body) > maxScriptSize {
		return nil, fmt.Errorf("downloading %s: the file is larger than %d MiB", masked, maxScriptSize>>20)
	}
	return body, nil
}

// gunzipIfCompressed decompresses gzip data (the API serves scripts gzipped) and returns anything
// else as it is (an HTTP layer may have decompressed it already).
func gunzipIfCompressed(data []byte) ([]byte, error) {
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decompressing the analysis script: %w", err)
	}
	defer func() { _ = zr.Close() }()
	out, err := io.ReadAll(io.LimitReader(zr, maxScriptSize+1))
	if err != nil {
		return nil, fmt.Errorf("decompressing the analysis script: %w", err)
	}
	if len(out) > maxScriptSize {
		return nil, fmt.Errorf("the analysis script is larger than %d MiB", maxScriptSize>>20)
	}
	return out, nil
}

// maskVariables registers environment variable values as secrets: they usually hold credentials.
func (s *AnalysesService) maskVariables(vars []AnalysisVariable) {
	for _, v := range vars {
		s.c.masker.Add(v.Value)
	}
}
