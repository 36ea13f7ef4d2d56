package emulator

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"
)

type fileEntry struct {
	Filename     string  `json:"filename"`
	LastModified string  `json:"last_modified"`
	Public       bool    `json:"public"`
	Size         float64 `json:"size"`
}

type fileList struct {
	Files   []fileEntry `json:"files"`
	Folders []string    `json:"folders"`
	Total   int         `json:"total"`
	Usage   float64     `json:"usage"`
}

func listFilesAt(t *testing.T, e *Emulator, query string) fileList {
	t.Helper()
	var l fileList
	req(t, e, "GET", "/files"+query, e.ProfileToken(), nil).ok(t, 200, &l)
	return l
}

func fileNames(l fileList) string {
	names := make([]string, len(l.Files))
	for i, f := range l.Files {
		names[i] = f.Filename
	}
	return strings.Join(names, ",")
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// uploadFiles stores files through the API: name -> content.
func uploadFiles(t *testing.T, e *Emulator, public bool, names ...string) {
	t.Helper()
	var body []map[string]any
	for _, n := range names {
		body = append(body, map[string]any{"filename": n, "file": b64("content of " + n), "public": public})
	}
	req(t, e, "POST", "/files", e.ProfileToken(), body).ok(t, 200, nil)
}

func TestFilesUploadListAndServe(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	var one struct {
		File string `json:"file"`
	}
	req(t, e, "POST", "/files", tok, []map[string]any{{"filename": "/images/logo one.png", "file": b64("PNGDATA"), "public": true}}).ok(t, 200, &one)
	if !strings.HasSuffix(one.File, "/_emulator/exports/images/logo%20one.png") {
		t.Fatalf("upload answered %q", one.File)
	}
	if code, body := getExport(t, e, "images/logo%20one.png"); code != 200 || body != "PNGDATA" {
		t.Fatalf("served file %d %q", code, body)
	}
	var msg string
	req(t, e, "POST", "/files", tok, []map[string]any{
		{"filename": "/a.txt", "file": b64("aaa")}, {"filename": "/b.txt", "file": b64("bbbbb")}, {"filename": "/c.txt", "file": b64("c")},
	}).ok(t, 200, &msg)
	if msg != "Successfully Uploaded" {
		t.Fatalf("multi-file upload answered %q", msg)
	}

	root := listFilesAt(t, e, "")
	if fileNames(root) != "a.txt,b.txt,c.txt" || strings.Join(root.Folders, ",") != "images" || root.Total != 3 {
		t.Fatalf("root listing %+v", root)
	}
	if f := root.Files[1]; f.Size != 5 || f.Public || f.LastModified == "" {
		t.Fatalf("b.txt entry %+v", f)
	}
	images := listFilesAt(t, e, "?path=/images")
	if fileNames(images) != "images/logo one.png" || len(images.Folders) != 0 || !images.Files[0].Public || images.Files[0].Size != 7 {
		t.Fatalf("images listing %+v", images)
	}

	// Paging: qty caps a page, pagination_token starts after a file.
	page := listFilesAt(t, e, "?qty=2")
	if fileNames(page) != "a.txt,b.txt" || page.Total != 3 {
		t.Fatalf("first page %+v", page)
	}
	if next := listFilesAt(t, e, "?qty=2&pagination_token=b.txt"); fileNames(next) != "c.txt" {
		t.Fatalf("second page %+v", next)
	}
	req(t, e, "GET", "/files?qty=0", tok, nil).fail(t, 400, "qty")
	req(t, e, "GET", "/files?qty=many", tok, nil).fail(t, 400, "qty")
}

func TestFilesUploadErrors(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	req(t, e, "POST", "/files", tok, map[string]any{"filename": "/x.png", "multipart_action": "upload"}).fail(t, 400, "multipart_action")
	req(t, e, "POST", "/files", tok, map[string]any{"filename": "/", "multipart_action": "start"}).fail(t, 400, "filename")
	req(t, e, "POST", "/files", tok, map[string]any{"multipart_action": "end", "upload_id": "nope", "parts": []map[string]any{{"ETag": `"x"`, "PartNumber": 1}}}).fail(t, 400, "not found")
	req(t, e, "POST", "/files", tok, "[]").fail(t, 400, "empty")
	req(t, e, "POST", "/files", tok, `"x"`).fail(t, 400, "array")
	req(t, e, "POST", "/files", tok, []map[string]any{{"file": b64("x")}}).fail(t, 400, "filename")
	req(t, e, "POST", "/files", tok, []map[string]any{{"filename": "/dir/", "file": b64("x")}}).fail(t, 400, "filename")
	req(t, e, "POST", "/files", tok, []map[string]any{{"filename": "/x"}}).fail(t, 400, "file is required")
	req(t, e, "POST", "/files", tok, []map[string]any{{"filename": "/x", "file": "%%%"}}).fail(t, 400, "base64")
	req(t, e, "POST", "/files", tok, []map[string]any{{"filename": "/x", "file": b64("x"), "public": "yes"}}).fail(t, 400, "public")
	req(t, e, "GET", "/files", "", nil).fail(t, 401, "")
	if l := listFilesAt(t, e, ""); len(l.Files) != 0 || len(l.Folders) != 0 || l.Total != 0 {
		t.Fatalf("a refused upload stored something: %+v", l)
	}
}

func TestFilesMoveCopyDeleteAndPermission(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	uploadFiles(t, e, false, "/a.txt", "/docs/one.txt", "/docs/sub/two.txt")

	var msg string
	req(t, e, "PUT", "/files", tok, []map[string]string{{"from": "/a.txt", "to": "/archive/a.txt"}}).ok(t, 200, &msg)
	if msg != "Successfully Updated" {
		t.Fatalf("move answered %q", msg)
	}
	if code, body := getExport(t, e, "archive/a.txt"); code != 200 || body != "content of /a.txt" {
		t.Fatalf("moved file %d %q", code, body)
	}
	if code, _ := getExport(t, e, "a.txt"); code != 404 {
		t.Fatalf("the moved file is still at its old path: %d", code)
	}
	// A folder moves with everything under it.
	req(t, e, "PUT", "/files", tok, []map[string]string{{"from": "/docs", "to": "/papers"}}).ok(t, 200, nil)
	if l := listFilesAt(t, e, "?path=/papers"); fileNames(l) != "papers/one.txt" || strings.Join(l.Folders, ",") != "papers/sub" {
		t.Fatalf("moved folder %+v", l)
	}

	req(t, e, "PUT", "/files/copy", tok, []map[string]string{{"from": "/archive/a.txt", "to": "/a - Copy.txt"}}).ok(t, 200, &msg)
	if msg != "Successfully Updated" {
		t.Fatalf("copy answered %q", msg)
	}
	if l := listFilesAt(t, e, ""); fileNames(l) != "a - Copy.txt" || strings.Join(l.Folders, ",") != "archive,papers" {
		t.Fatalf("root after copy %+v", l)
	}
	if code, body := getExport(t, e, "archive/a.txt"); code != 200 || body != "content of /a.txt" {
		t.Fatalf("the copy's source changed: %d %q", code, body)
	}

	req(t, e, "PUT", "/files/permission", tok, []map[string]any{{"file": "/a - Copy.txt", "public": true}}).ok(t, 200, &msg)
	if l := listFilesAt(t, e, ""); msg != "Successfully Updated" || !l.Files[0].Public {
		t.Fatalf("permission %q: %+v", msg, l)
	}
	req(t, e, "PUT", "/files/permission", tok, []map[string]any{{"file": "/a - Copy.txt", "public": false}}).ok(t, 200, nil)
	if l := listFilesAt(t, e, ""); l.Files[0].Public {
		t.Fatalf("file still public: %+v", l)
	}

	req(t, e, "DELETE", "/files", tok, []string{"/a - Copy.txt", "/papers"}).ok(t, 200, &msg)
	if l := listFilesAt(t, e, ""); msg != "Successfully Removed" || len(l.Files) != 0 || strings.Join(l.Folders, ",") != "archive" {
		t.Fatalf("after delete %q: %+v", msg, l)
	}
}

func TestFilesEditErrors(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	uploadFiles(t, e, false, "/keep.txt")
	for _, path := range []string{"/files", "/files/copy"} {
		req(t, e, "PUT", path, tok, map[string]string{"from": "/keep.txt", "to": "/x"}).fail(t, 400, "array")
		req(t, e, "PUT", path, tok, []map[string]string{{"from": "/keep.txt"}}).fail(t, 400, "from and to")
		req(t, e, "PUT", path, tok, []map[string]string{{"from": "/missing.txt", "to": "/x"}}).fail(t, 400, "not found")
	}
	req(t, e, "DELETE", "/files", tok, map[string]string{"file": "/keep.txt"}).fail(t, 400, "array")
	req(t, e, "DELETE", "/files", tok, []string{}).fail(t, 400, "array")
	req(t, e, "DELETE", "/files", tok, []string{""}).fail(t, 400, "empty")
	// One missing path fails the whole delete: nothing is removed.
	req(t, e, "DELETE", "/files", tok, []string{"/keep.txt", "/missing.txt"}).fail(t, 400, "not found")
	req(t, e, "PUT", "/files/permission", tok, []map[string]any{{"public": true}}).fail(t, 400, "file is required")
	req(t, e, "PUT", "/files/permission", tok, []map[string]any{{"file": "/keep.txt"}}).fail(t, 400, "public")
	req(t, e, "PUT", "/files/permission", tok, []map[string]any{{"file": "/missing.txt", "public": true}}).fail(t, 400, "not found")
	if l := listFilesAt(t, e, ""); fileNames(l) != "keep.txt" || l.Files[0].Public {
		t.Fatalf("a refused edit changed the files: %+v", l)
	}
}

// Backups write into Files: a device data backup and an entity backup show up in the list.
func TestBackupsLandInFiles(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	dev := mkDevice(t, e, "dev", nil)
	req(t, e, "POST", "/data", dev.Token, map[string]any{"variable": "t", "value": 1}).ok(t, 200, nil)
	var out map[string]string
	req(t, e, "POST", "/device/"+dev.DeviceID+"/data/backup", tok, map[string]any{"file_address": "/exports/device.csv"}).ok(t, 200, &out)

	var ent struct {
		ID string `json:"id"`
	}
	req(t, e, "POST", "/entity", tok, map[string]any{"name": "orders", "schema": map[string]any{
		"amount": map[string]any{"type": "int"}, "note": map[string]any{"type": "string"}}}).ok(t, 200, &ent)
	req(t, e, "POST", "/entity/"+ent.ID+"/data", tok, []map[string]any{{"amount": 5, "note": "a, b"}}).ok(t, 200, nil)
	req(t, e, "POST", "/entity/"+ent.ID+"/data/backup", tok, map[string]any{"file_address": "/exports/orders"}).ok(t, 200, &out)
	if len(out) != 1 || out["file_address"] != "exports/orders.csv" {
		t.Fatalf("entity backup answered %v", out)
	}
	code, csv := getExport(t, e, "exports/orders.csv")
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if code != 200 || len(lines) != 2 || lines[0] != "id,amount,note,created_at,updated_at" || !strings.Contains(lines[1], `,5,"a, b",`) {
		t.Fatalf("entity export %d:\n%s", code, csv)
	}
	if l := listFilesAt(t, e, "?path=/exports"); fileNames(l) != "exports/device.csv,exports/orders.csv" {
		t.Fatalf("exports listing %+v", l)
	}

	req(t, e, "POST", "/entity/"+ent.ID+"/data/backup", tok, map[string]any{"file_address": "/x", "headers": false}).ok(t, 200, &out)
	if _, csv := getExport(t, e, "x.csv"); strings.HasPrefix(csv, "id,") || strings.Count(csv, "\n") != 1 {
		t.Fatalf("export without headers:\n%s", csv)
	}
	req(t, e, "POST", "/entity/"+ent.ID+"/data/backup", tok, map[string]any{}).fail(t, 400, "file_address")
	req(t, e, "POST", "/entity/"+ent.ID+"/data/backup", tok, map[string]any{"file_address": "/y", "headers": "no"}).fail(t, 400, "headers")
	req(t, e, "POST", "/entity/000000000000000000000000/data/backup", tok, map[string]any{"file_address": "/y"}).fail(t, 404, "")
}

func filesContractCases(t *testing.T, e *Emulator) []contractCase {
	t.Helper()
	tok := e.ProfileToken()
	uploadFiles(t, e, true, "/contract/layer05.png", "/contract/reports/r.csv")
	var ent struct {
		ID string `json:"id"`
	}
	req(t, e, "POST", "/entity", tok, map[string]any{"name": "contract_files", "schema": map[string]any{"amount": map[string]any{"type": "int"}}}).ok(t, 200, &ent)
	return []contractCase{
		{name: "list files", method: "GET", path: "/files?path=/contract&qty=10", token: tok, wantStatus: 200},
		{name: "upload base64 file", method: "POST", path: "/files", token: tok, wantStatus: 200,
			body: []map[string]any{{"filename": "/contract/new.png", "file": b64("x"), "public": true}}},
		{name: "start multipart upload", method: "POST", path: "/files", token: tok, wantStatus: 200,
			body: map[string]any{"multipart_action": "start", "filename": "/contract/big.png", "contentType": "image/png", "public": true}},
		{name: "move file", method: "PUT", path: "/files", token: tok, wantStatus: 200,
			body: []map[string]string{{"from": "/contract/new.png", "to": "/contract/images/new.png"}}},
		{name: "copy file", method: "PUT", path: "/files/copy", token: tok, wantStatus: 200,
			body: []map[string]string{{"from": "/contract/layer05.png", "to": "/contract/layer05 - Copy.png"}}},
		{name: "edit file permission", method: "PUT", path: "/files/permission", token: tok, wantStatus: 200,
			body: []map[string]any{{"file": "/contract/layer05.png", "public": false}}},
		{name: "delete file", method: "DELETE", path: "/files", token: tok, wantStatus: 200, body: []string{"/contract/layer05 - Copy.png"}},
		{name: "export entity data", method: "POST", path: "/entity/" + ent.ID + "/data/backup", token: tok, wantStatus: 200,
			body: map[string]any{"file_address": "/my_data/export.csv", "headers": true}},
	}
}

// formStep sends one form-data step of a multipart upload.
func formStep(t *testing.T, e *Emulator, fields map[string]string, file []byte) env {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if file != nil {
		fw, err := w.CreateFormFile("file", "upload.bin")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(file)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/files", &buf)
	r.Header.Set("Content-Type", w.FormDataContentType())
	r.Header.Set("token", e.ProfileToken())
	rec := httptest.NewRecorder()
	e.Handler().ServeHTTP(rec, r)
	out := env{Code: rec.Code, Raw: rec.Body.Bytes()}
	if err := json.Unmarshal(out.Raw, &out); err != nil {
		t.Fatalf("not JSON: %s", out.Raw)
	}
	return out
}

// The SDK's uploadFile: start, parts as form data (sent out of order), end joins them.
func TestFilesMultipartUpload(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	var uploadID string
	formStep(t, e, map[string]string{"multipart_action": "start", "filename": "/big/file.bin", "public": "true", "contentType": "application/octet-stream"}, nil).ok(t, 200, &uploadID)
	var p2, p1 struct {
		ETag string `json:"ETag"`
	}
	formStep(t, e, map[string]string{"multipart_action": "upload", "filename": "/big/file.bin", "upload_id": uploadID, "part": "2"}, []byte("world")).ok(t, 200, &p2)
	formStep(t, e, map[string]string{"multipart_action": "upload", "filename": "/big/file.bin", "upload_id": uploadID, "part": "1"}, []byte("hello ")).ok(t, 200, &p1)
	formStep(t, e, map[string]string{"multipart_action": "upload", "upload_id": uploadID, "part": "x"}, []byte("?")).fail(t, 400, "part")
	formStep(t, e, map[string]string{"multipart_action": "upload", "upload_id": uploadID, "part": "3"}, nil).fail(t, 400, "file is required")
	formStep(t, e, map[string]string{"multipart_action": "upload", "upload_id": "nope", "part": "1"}, []byte("?")).fail(t, 400, "not found")
	formStep(t, e, map[string]string{"multipart_action": "end"}, nil).fail(t, 400, "multipart_action")

	end := func(parts []map[string]any) env {
		return req(t, e, "POST", "/files", tok, map[string]any{"multipart_action": "end", "filename": "/big/file.bin", "upload_id": uploadID, "parts": parts})
	}
	end([]map[string]any{{"ETag": `"wrong"`, "PartNumber": 1}}).fail(t, 400, "Part 1")
	end(nil).fail(t, 400, "parts")
	var done struct {
		File string `json:"file"`
	}
	end([]map[string]any{{"ETag": p2.ETag, "PartNumber": 2}, {"ETag": p1.ETag, "PartNumber": 1}}).ok(t, 200, &done)
	if !strings.HasSuffix(done.File, "/_emulator/exports/big/file.bin") {
		t.Fatalf("end answered %q", done.File)
	}
	if code, body := getExport(t, e, "big/file.bin"); code != 200 || body != "hello world" {
		t.Fatalf("assembled file %d %q", code, body)
	}
	if l := listFilesAt(t, e, "?path=/big"); fileNames(l) != "big/file.bin" || !l.Files[0].Public || l.Files[0].Size != 11 {
		t.Fatalf("listing %+v", l)
	}
	// The upload is finished: ending it again finds nothing.
	end([]map[string]any{{"ETag": p1.ETag, "PartNumber": 1}}).fail(t, 400, "not found")
}

func TestFilesCheckPermission(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	uploadFiles(t, e, true, "/docs/a.txt")
	uploadFiles(t, e, false, "/docs/b.txt")
	var got struct {
		Public bool `json:"public"`
	}
	req(t, e, "GET", "/files/permission?file=/docs/a.txt", tok, nil).ok(t, 200, &got)
	if !got.Public {
		t.Error("a.txt was uploaded public")
	}
	req(t, e, "GET", "/files/permission?file=docs/b.txt", tok, nil).ok(t, 200, &got)
	if got.Public {
		t.Error("b.txt was uploaded private")
	}
	req(t, e, "GET", "/files/permission?file=/docs", tok, nil).fail(t, 400, "not found")
	req(t, e, "GET", "/files/permission", tok, nil).fail(t, 400, "file")
}
