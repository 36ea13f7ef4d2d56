package emulator

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// The account's file storage (TagoIO's Files): GET /files lists one folder, POST /files
// uploads base64 files, PUT /files moves, DELETE /files deletes, PUT /files/permission
// makes files public or private, GET /files/permission?file= tells whether one file is
// public (the SDK's checkPermission; not in the OpenAPI file) and PUT /files/copy copies. The data, chunk and entity
// backups write their CSV files into the same storage, so an export shows up in the
// list and can be moved, copied or deleted like an upload.
//
// A file is an exportDoc in collDeviceExports keyed by its path without the leading
// slash; a folder is any path prefix ending in "/" that some file has (as in an object
// store, an empty folder does not exist). GET /_emulator/exports/<path> serves the
// bytes: it is the URL an upload answers.

func (e *Emulator) registerFiles(r *Router) {
	r.Handle("GET", "/files", e.listFiles, kindProfile)
	r.Handle("POST", "/files", e.uploadFiles, kindProfile)
	r.Handle("PUT", "/files", e.moveFiles, kindProfile)
	r.Handle("DELETE", "/files", e.deleteFiles, kindProfile)
	r.Handle("PUT", "/files/permission", e.editFilePermissions, kindProfile)
	r.Handle("GET", "/files/permission", e.checkFilePermission, kindProfile)
	r.Handle("PUT", "/files/copy", e.copyFiles, kindProfile)
	r.Handle("POST", "/entity/{id}/data/backup", e.backupEntityData, kindProfile)
}

// defaultFilesQty is how many files a list answers without qty (the SDK's default).
const defaultFilesQty = 300

// filePath is the storage key of an address: no leading slash, no surrounding blanks.
func filePath(address string) string { return strings.TrimLeft(strings.TrimSpace(address), "/") }

// fileURL is where the emulator serves a stored file.
func fileURL(c *Ctx, path string) string {
	return requestBaseURL(c.R) + "/_emulator/exports/" + (&url.URL{Path: path}).EscapedPath()
}

func (e *Emulator) listFiles(c *Ctx) (int, any, error) {
	q := c.R.URL.Query()
	folder := filePath(q.Get("path"))
	if folder != "" && !strings.HasSuffix(folder, "/") {
		folder += "/"
	}
	qty := defaultFilesQty
	if s := q.Get("qty"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return 0, nil, badRequest("qty must be a positive integer")
		}
		qty = n
	}
	after := filePath(q.Get("pagination_token"))

	var all []*exportDoc
	if err := e.store.View(func(tx Tx) (err error) {
		all, err = listDocs[exportDoc](tx, collDeviceExports, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	files := []record{}
	folders := []string{}
	seenFolder := map[string]bool{}
	var usage float64
	total := 0
	for _, f := range all { // key order: paths sorted
		usage += float64(f.size())
		if !strings.HasPrefix(f.Path, folder) {
			continue
		}
		rest := strings.TrimPrefix(f.Path, folder)
		if sub, _, nested := strings.Cut(rest, "/"); nested {
			if !seenFolder[sub] {
				seenFolder[sub] = true
				folders = append(folders, folder+sub)
			}
			continue
		}
		total++
		if f.Path <= after || len(files) >= qty {
			continue
		}
		files = append(files, record{"filename": f.Path, "last_modified": f.CreatedAt, "public": f.Public, "size": f.size()})
	}
	sort.Strings(folders)
	// usage is the storage in use, in megabytes with two decimals.
	usage = math.Round(usage/1e6*100) / 100
	return http.StatusOK, record{"files": files, "folders": folders, "total": total, "usage": usage}, nil
}

// uploadFiles stores the files of a base64 upload (an array of {filename, file, public?})
// or runs one step of a multipart upload (files_multipart.go).
func (e *Emulator) uploadFiles(c *Ctx) (int, any, error) {
	if strings.HasPrefix(c.R.Header.Get("Content-Type"), "multipart/form-data") {
		return e.multipartFormStep(c)
	}
	b, err := readBody(c.R)
	if err != nil {
		return 0, nil, err
	}
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' {
		return e.multipartJSONStep(c, b)
	}
	items, err := parseArrayOfObjects(b)
	if err != nil {
		return 0, nil, err
	}
	docs := make([]*exportDoc, 0, len(items))
	for i, it := range items {
		name, present, err := it.str("filename")
		if err != nil || !present || filePath(name) == "" || strings.HasSuffix(name, "/") {
			return 0, nil, badRequest("[%d].filename is required and must name a file", i)
		}
		content, present, err := it.str("file")
		if err != nil || !present {
			return 0, nil, badRequest("[%d].file is required and must be a base64 string", i)
		}
		data, err := base64.StdEncoding.DecodeString(content)
		if err != nil {
			return 0, nil, badRequest("[%d].file is not valid base64: %v", i, err)
		}
		public, _, err := it.boolean("public")
		if err != nil {
			return 0, nil, badRequest("[%d].public must be a boolean", i)
		}
		docs = append(docs, &exportDoc{Path: filePath(name), Data: data, Public: public, CreatedAt: apiTime(c.Now)})
	}
	if err := e.store.Update(func(tx Tx) error {
		for _, d := range docs {
			if err := putDoc(tx, collDeviceExports, d.Path, d); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return 0, nil, err
	}
	if len(docs) == 1 {
		return http.StatusOK, record{"file": fileURL(c, docs[0].Path)}, nil
	}
	return http.StatusOK, "Successfully Uploaded", nil
}

// parseArrayOfObjects decodes a body that must be a JSON array of objects.
func parseArrayOfObjects(b []byte) ([]jsonBody, error) {
	if t := bytes.TrimSpace(b); len(t) == 0 || t[0] != '[' {
		return nil, badRequest("The body must be an array")
	}
	items, err := parseObjectOrArray(b)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, badRequest("The body must not be empty")
	}
	return items, nil
}

// fromTo reads the {from, to} pairs of a move or a copy.
func fromTo(c *Ctx) ([][2]string, error) {
	b, err := readBody(c.R)
	if err != nil {
		return nil, err
	}
	items, err := parseArrayOfObjects(b)
	if err != nil {
		return nil, err
	}
	out := make([][2]string, 0, len(items))
	for i, it := range items {
		from, okFrom, errFrom := it.str("from")
		to, okTo, errTo := it.str("to")
		if errFrom != nil || errTo != nil || !okFrom || !okTo || filePath(from) == "" || filePath(to) == "" {
			return nil, badRequest("[%d] needs from and to, both non-empty strings", i)
		}
		out = append(out, [2]string{filePath(from), filePath(to)})
	}
	return out, nil
}

// matchingFiles returns the files a path names: the file itself, or every file under it
// when it is a folder. None is an error.
func matchingFiles(tx Tx, path string) ([]*exportDoc, error) {
	if f, err := getDoc[exportDoc](tx, collDeviceExports, path); err != nil || f != nil {
		return []*exportDoc{f}, err
	}
	prefix := strings.TrimSuffix(path, "/") + "/"
	files, err := listDocs[exportDoc](tx, collDeviceExports, func(f *exportDoc) bool { return strings.HasPrefix(f.Path, prefix) })
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, badRequest("File /%s not found", path)
	}
	return files, nil
}

// relocate moves (keep=false) or copies (keep=true) files and folders.
func (e *Emulator) relocate(c *Ctx, keep bool) (int, any, error) {
	pairs, err := fromTo(c)
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		for _, p := range pairs {
			files, err := matchingFiles(tx, p[0])
			if err != nil {
				return err
			}
			for _, f := range files {
				dest := p[1]
				if f.Path != p[0] { // inside a folder: keep the part below it
					dest = strings.TrimSuffix(p[1], "/") + "/" + strings.TrimPrefix(f.Path, strings.TrimSuffix(p[0], "/")+"/")
				}
				if !keep {
					if err := tx.Delete(collDeviceExports, f.Path); err != nil {
						return err
					}
				} else {
					f.CreatedAt = apiTime(c.Now)
				}
				f.Path = dest
				if err := putDoc(tx, collDeviceExports, dest, f); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

func (e *Emulator) moveFiles(c *Ctx) (int, any, error) { return e.relocate(c, false) }

func (e *Emulator) copyFiles(c *Ctx) (int, any, error) { return e.relocate(c, true) }

// deleteFiles deletes the files and folders named by an array of paths.
func (e *Emulator) deleteFiles(c *Ctx) (int, any, error) {
	b, err := readBody(c.R)
	if err != nil {
		return 0, nil, err
	}
	var paths []string
	if err := json.Unmarshal(b, &paths); err != nil || len(paths) == 0 {
		return 0, nil, badRequest("The body must be a non-empty array of file paths")
	}
	err = e.store.Update(func(tx Tx) error {
		for _, p := range paths {
			if filePath(p) == "" {
				return badRequest("A file path must not be empty")
			}
			files, err := matchingFiles(tx, filePath(p))
			if err != nil {
				return err
			}
			for _, f := range files {
				if err := tx.Delete(collDeviceExports, f.Path); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

// editFilePermissions sets public on each {file, public} of the body.
func (e *Emulator) editFilePermissions(c *Ctx) (int, any, error) {
	b, err := readBody(c.R)
	if err != nil {
		return 0, nil, err
	}
	items, err := parseArrayOfObjects(b)
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		for i, it := range items {
			name, present, err := it.str("file")
			if err != nil || !present || filePath(name) == "" {
				return badRequest("[%d].file is required and must be a non-empty string", i)
			}
			public, present, err := it.boolean("public")
			if err != nil || !present {
				return badRequest("[%d].public is required and must be a boolean", i)
			}
			files, err := matchingFiles(tx, filePath(name))
			if err != nil {
				return err
			}
			for _, f := range files {
				f.Public = public
				if err := putDoc(tx, collDeviceExports, f.Path, f); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

// checkFilePermission answers {public} for the one file named by ?file= (the SDK's
// Resources.files.checkPermission); a folder or a missing path is not a file.
func (e *Emulator) checkFilePermission(c *Ctx) (int, any, error) {
	name := filePath(c.R.URL.Query().Get("file"))
	if name == "" {
		return 0, nil, badRequest("file is required")
	}
	var f *exportDoc
	if err := e.store.View(func(tx Tx) (err error) {
		f, err = getDoc[exportDoc](tx, collDeviceExports, name)
		return err
	}); err != nil {
		return 0, nil, err
	}
	if f == nil {
		return 0, nil, badRequest("File /%s not found", name)
	}
	return http.StatusOK, record{"public": f.Public}, nil
}

// backupEntityData writes an entity's records as a CSV file into Files: the columns are
// id, the schema's own fields in name order, created_at and updated_at.
func (e *Emulator) backupEntityData(c *Ctx) (int, any, error) {
	in, err := parseExportRequest(c, false)
	if err != nil {
		return 0, nil, err
	}
	var content, path string
	err = e.store.Update(func(tx Tx) error {
		d, err := loadEntity(tx, c.Param("id"))
		if err != nil {
			return err
		}
		records, err := loadEntityRecords(tx, d.ID)
		if err != nil {
			return err
		}
		cols := []string{"id"}
		for _, name := range sortedEntityNames(d.Schema) {
			if name != "id" && name != "created_at" && name != "updated_at" {
				cols = append(cols, name)
			}
		}
		cols = append(cols, "created_at", "updated_at")
		if content, err = entityCSV(cols, records, in.headers); err != nil {
			return err
		}
		path = exportPath(in.fileAddress, d.ID, c.Now, nil)
		return putDoc(tx, collDeviceExports, path, &exportDoc{Path: path, Content: content, CreatedAt: apiTime(c.Now)})
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"file_address": path}, nil
}

func entityCSV(cols []string, records []record, headers bool) (string, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if headers {
		if err := w.Write(cols); err != nil {
			return "", err
		}
	}
	for _, r := range records {
		row := make([]string, len(cols))
		for i, col := range cols {
			row[i] = csvCell(r[col])
		}
		if err := w.Write(row); err != nil {
			return "", err
		}
	}
	w.Flush()
	return buf.String(), w.Error()
}

// csvCell writes a value as text: strings as they are, null as empty, the rest as JSON.
func csvCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.Trim(string(b), `"`)
}
