package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestFiles_UploadSendsOneBase64FileAndReadsItsURL(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		ok(w, map[string]any{"file": "https://api.tago.io/file/p/reports/a%20b.csv"})
	})
	c, _ := newTestClient(t, api.URL)
	got, err := c.Files.Upload(context.Background(), client.FileUpload{Path: "reports/a b.csv", Content: []byte("x,y\n"), Public: true})
	if err != nil {
		t.Fatal(err)
	}
	if got != "https://api.tago.io/file/p/reports/a%20b.csv" {
		t.Errorf("url = %q", got)
	}
	req := api.Requests()[0]
	var body []map[string]any
	if err := json.Unmarshal([]byte(req.Body), &body); err != nil {
		t.Fatal(err)
	}
	if req.Method != http.MethodPost || req.Path != "/files" || len(body) != 1 ||
		body[0]["filename"] != "/reports/a b.csv" || body[0]["file"] != "eCx5Cg==" || body[0]["public"] != true {
		t.Errorf("request = %s %s %s", req.Method, req.Path, req.Body)
	}
}

func TestFiles_GetFindsTheFileInItsFolderAcrossPages(t *testing.T) {
	// The first page is full (1000 files), the second holds the file asked for.
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		files := []map[string]any{}
		if r.URL.Query().Get("pagination_token") == "" {
			for i := 0; i < 1000; i++ {
				files = append(files, map[string]any{"filename": "docs/a" + strings.Repeat("0", 4) + string(rune('a'+i%26)), "size": 1})
			}
		} else {
			files = append(files, map[string]any{"filename": "docs/ünï.txt", "size": 7, "public": true, "last_modified": "2026-01-02T03:04:05.000Z"})
		}
		ok(w, map[string]any{"files": files, "folders": []string{}, "total": len(files)})
	})
	c, _ := newTestClient(t, api.URL)
	f, err := c.Files.Get(context.Background(), "/docs/ünï.txt")
	if err != nil {
		t.Fatal(err)
	}
	if f.Size != 7 || !f.Public || f.LastModified != "2026-01-02T03:04:05.000Z" {
		t.Errorf("file = %+v", f)
	}
	reqs := api.Requests()
	if len(reqs) != 2 || !strings.Contains(reqs[0].Query, "path=%2Fdocs%2F") || !strings.Contains(reqs[1].Query, "pagination_token=docs") {
		t.Errorf("requests = %+v", reqs)
	}
}

func TestFiles_GetOfAMissingFileIsNotFound(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		// A folder of the same name is not the file.
		ok(w, map[string]any{"files": []map[string]any{{"filename": "other.txt", "size": 1}}, "folders": []string{"gone"}, "total": 1})
	})
	c, _ := newTestClient(t, api.URL)
	_, err := c.Files.Get(context.Background(), "/gone")
	if !client.IsNotFound(err) {
		t.Fatalf("err = %v, want a not-found error", err)
	}
}

func TestFiles_PermissionAndDeleteBodies(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) { ok(w, "Successfully Updated") })
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	if err := c.Files.SetPublic(ctx, "a.txt", false); err != nil {
		t.Fatal(err)
	}
	if err := c.Files.Delete(ctx, "a.txt"); err != nil {
		t.Fatal(err)
	}
	reqs := api.Requests()
	if reqs[0].Method != http.MethodPut || reqs[0].Path != "/files/permission" || reqs[0].Body != `[{"file":"/a.txt","public":false}]` {
		t.Errorf("permission = %s %s %s", reqs[0].Method, reqs[0].Path, reqs[0].Body)
	}
	if reqs[1].Method != http.MethodDelete || reqs[1].Path != "/files" || reqs[1].Body != `["/a.txt"]` {
		t.Errorf("delete = %s %s %s", reqs[1].Method, reqs[1].Path, reqs[1].Body)
	}
}

func TestFiles_WalkNamesEveryFileByItsWholePath(t *testing.T) {
	// The top folder names its files and folders by name; the sub-folder by whole path.
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		switch r.URL.Query().Get("path") {
		case "/":
			ok(w, map[string]any{"files": []map[string]any{{"filename": "top.txt", "size": 1}}, "folders": []string{"reports"}, "total": 1})
		case "/reports/":
			ok(w, map[string]any{"files": []map[string]any{{"filename": "reports/a.csv", "size": 2}}, "folders": []string{"2026"}, "total": 1})
		case "/reports/2026/":
			ok(w, map[string]any{"files": []map[string]any{{"filename": "b.csv", "size": 3}}, "folders": []string{}, "total": 1})
		default:
			t.Errorf("unexpected folder %q", r.URL.Query().Get("path"))
			ok(w, map[string]any{"files": []any{}, "folders": []string{}})
		}
	})
	c, _ := newTestClient(t, api.URL)
	files, err := c.Files.Walk(context.Background(), "/")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Filename)
	}
	if strings.Join(got, " ") != "/top.txt /reports/a.csv /reports/2026/b.csv" {
		t.Errorf("walked %v", got)
	}
}
