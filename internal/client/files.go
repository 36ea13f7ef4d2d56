package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// File is one file of the account's file storage as GET /files lists it (docs/api-notes.md §2.15).
// Filename is kept as the API answered it; FilesService.Get matches it either as the file's
// whole path or as its name within the folder listed.
type File struct {
	Filename     string `json:"filename"`
	Size         int64  `json:"size"`
	LastModified string `json:"last_modified"`
	Public       bool   `json:"public"`
}

// FileFolder is one page of GET /files: the files directly in a folder and its sub-folders.
type FileFolder struct {
	Files   []File   `json:"files"`
	Folders []string `json:"folders"`
	Total   int      `json:"total"`
}

// FileUpload is one file of a base64 upload (POST /files with an array body).
type FileUpload struct {
	Path    string // the file's path in storage, such as "/reports/a.csv"
	Content []byte
	Public  bool
}

type fileUploadBody struct {
	Filename string `json:"filename"`
	File     string `json:"file"`
	Public   bool   `json:"public"`
}

type filePermission struct {
	File   string `json:"file"`
	Public bool   `json:"public"`
}

// FilesService is /files: the account's file storage.
type FilesService struct{ c *Client }

// filesPageSize is how many files one GET /files page asks for.
const filesPageSize = 1000

// CanonicalFilePath writes a storage path the way this provider keeps it: one leading slash,
// no surrounding blanks. The API treats "/a.txt" and "a.txt" as the same file.
func CanonicalFilePath(p string) string { return "/" + strings.TrimLeft(strings.TrimSpace(p), "/") }

// List lists the files directly in folder ("/" for the top), walking every page; a page's
// pagination_token is the last filename of the page before (docs/api-notes.md §2.15).
func (s *FilesService) List(ctx context.Context, folder string) ([]File, []string, error) {
	var files []File
	var folders []string
	token := ""
	for {
		q := url.Values{"path": {CanonicalFilePath(folder)}, "qty": {strconv.Itoa(filesPageSize)}}
		if token != "" {
			q.Set("pagination_token", token)
		}
		var page FileFolder
		if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/files", Query: q}, &page); err != nil {
			return nil, nil, err
		}
		files = append(files, page.Files...)
		if token == "" {
			folders = page.Folders
		}
		if len(page.Files) < filesPageSize || page.Files[len(page.Files)-1].Filename == token {
			return files, folders, nil
		}
		token = page.Files[len(page.Files)-1].Filename
	}
}

// Walk lists every file under folder ("/" for the whole storage), folder by folder, with each
// File's Filename set to its whole canonical path ("/reports/a.csv") whether the API named it
// by its whole path or by its name within the folder.
func (s *FilesService) Walk(ctx context.Context, folder string) ([]File, error) {
	prefix := strings.TrimPrefix(CanonicalFilePath(folder), "/")
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	files, folders, err := s.List(ctx, "/"+prefix)
	if err != nil {
		return nil, err
	}
	within := func(name string) string {
		name = strings.Trim(name, "/")
		if prefix != "" && !strings.HasPrefix(name, prefix) {
			name = prefix + name
		}
		return name
	}
	out := make([]File, 0, len(files))
	for _, f := range files {
		f.Filename = "/" + within(f.Filename)
		out = append(out, f)
	}
	for _, sub := range folders {
		below, err := s.Walk(ctx, "/"+within(sub)+"/")
		if err != nil {
			return nil, err
		}
		out = append(out, below...)
	}
	return out, nil
}

// Get reads one file by its path from its folder's list. A path no file has is a not-found
// APIError (client.IsNotFound), as for any object; a folder is not a file.
func (s *FilesService) Get(ctx context.Context, filePath string) (*File, error) {
	want := strings.TrimPrefix(CanonicalFilePath(filePath), "/")
	folder, name := path.Split(want)
	files, _, err := s.List(ctx, folder)
	if err != nil {
		return nil, err
	}
	for i := range files {
		got := strings.TrimLeft(files[i].Filename, "/")
		if got == want || (folder != "" && got == name) {
			return &files[i], nil
		}
	}
	return nil, &APIError{StatusCode: http.StatusNotFound, Message: "File /" + want + " not found", Method: http.MethodGet, Path: "/files"}
}

// Upload stores one file (replacing any file at the same path) and returns the URL the API
// answers for it. Writing the same file again does no harm, so a lost answer is retried. The
// body carries the file's content, which may be private: it is never logged.
func (s *FilesService) Upload(ctx context.Context, in FileUpload) (string, error) {
	body := []fileUploadBody{{Filename: CanonicalFilePath(in.Path), File: base64.StdEncoding.EncodeToString(in.Content), Public: in.Public}}
	var raw json.RawMessage
	if err := s.c.Do(ctx, Request{Method: http.MethodPost, Path: "/files", Body: body, Repeatable: true, Sensitive: true}, &raw); err != nil {
		return "", err
	}
	// One file answers {"file": <url>}; the API answers a text for several.
	var out struct {
		File string `json:"file"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		var text string
		if json.Unmarshal(raw, &text) == nil {
			return "", nil
		}
		return "", fmt.Errorf("TagoIO API POST /files: unexpected answer %.200s: %w", raw, err)
	}
	return out.File, nil
}

// SetPublic makes a file public (readable by its URL without a token) or private.
func (s *FilesService) SetPublic(ctx context.Context, filePath string, public bool) error {
	body := []filePermission{{File: CanonicalFilePath(filePath), Public: public}}
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: "/files/permission", Body: body}, nil)
}

// Delete deletes the files or folders at the paths. The API deletes everything under a path
// that names a folder: callers that mean one file check that it exists first (Get).
func (s *FilesService) Delete(ctx context.Context, paths ...string) error {
	body := make([]string, len(paths))
	for i, p := range paths {
		body[i] = CanonicalFilePath(p)
	}
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: "/files", Body: body}, nil)
}
