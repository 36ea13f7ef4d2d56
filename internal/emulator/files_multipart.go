package emulator

import (
	"crypto/md5" //nolint:gosec // an ETag, as the storage behind TagoIO's Files computes it
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// The multipart upload of POST /files, as TagoIO's SDK runs it: "start" (form data or
// JSON: filename, public, contentType) answers an upload id; "upload" (form data:
// upload_id, part, file) stores one part and answers its ETag; "end" (JSON: upload_id,
// parts [{ETag, PartNumber}]) joins the parts in PartNumber order into the file and
// answers {file: <url>}. Pending uploads live in collFileUploads.
const collFileUploads = "file_uploads"

type pendingUpload struct {
	ID       string         `json:"id"`
	Filename string         `json:"filename"`
	Public   bool           `json:"public"`
	Parts    map[int][]byte `json:"parts"`
}

func etag(b []byte) string {
	sum := md5.Sum(b) //nolint:gosec // not a security use
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

func (e *Emulator) multipartFormStep(c *Ctx) (int, any, error) {
	if err := c.R.ParseMultipartForm(maxBody); err != nil {
		return 0, nil, badRequest("Invalid form data: %v", err)
	}
	form := c.R.MultipartForm
	get := func(k string) string {
		if v := form.Value[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	switch get("multipart_action") {
	case "start":
		public := get("public") == "true"
		return e.startUpload(get("filename"), public)
	case "upload":
		part, err := strconv.Atoi(get("part"))
		if err != nil || part < 1 {
			return 0, nil, badRequest("part must be a positive integer")
		}
		files := form.File["file"]
		if len(files) == 0 {
			return 0, nil, badRequest("file is required")
		}
		f, err := files[0].Open()
		if err != nil {
			return 0, nil, badRequest("Could not read the file: %v", err)
		}
		data, err := io.ReadAll(f)
		_ = f.Close()
		if err != nil {
			return 0, nil, badRequest("Could not read the file: %v", err)
		}
		return e.uploadPart(get("upload_id"), part, data)
	default:
		return 0, nil, badRequest("multipart_action must be start, upload or end")
	}
}

func (e *Emulator) multipartJSONStep(c *Ctx, b []byte) (int, any, error) {
	body, err := parseObject(b)
	if err != nil {
		return 0, nil, err
	}
	action, _, _ := body.str("multipart_action")
	filename, _, _ := body.str("filename")
	public, _, err := body.boolean("public")
	if err != nil {
		return 0, nil, badRequest("public must be a boolean")
	}
	switch action {
	case "start":
		return e.startUpload(filename, public)
	case "end":
		id, _, _ := body.str("upload_id")
		var parts []struct {
			ETag       string `json:"ETag"`
			PartNumber int    `json:"PartNumber"`
		}
		if raw, ok := body["parts"]; !ok || json.Unmarshal(raw, &parts) != nil || len(parts) == 0 {
			return 0, nil, badRequest("parts must be a non-empty array of {ETag, PartNumber}")
		}
		sort.Slice(parts, func(i, j int) bool { return parts[i].PartNumber < parts[j].PartNumber })
		var path string
		err := e.store.Update(func(tx Tx) error {
			up, err := loadUpload(tx, id)
			if err != nil {
				return err
			}
			var data []byte
			for _, p := range parts {
				chunk, ok := up.Parts[p.PartNumber]
				if !ok || etag(chunk) != p.ETag {
					return badRequest("Part %d was not uploaded with ETag %s", p.PartNumber, p.ETag)
				}
				data = append(data, chunk...)
			}
			path = up.Filename
			if err := tx.Delete(collFileUploads, id); err != nil {
				return err
			}
			return putDoc(tx, collDeviceExports, path, &exportDoc{Path: path, Data: data, Public: up.Public, CreatedAt: apiTime(c.Now)})
		})
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, record{"file": fileURL(c, path)}, nil
	default:
		return 0, nil, badRequest("multipart_action must be start or end in a JSON body (parts are sent as form data)")
	}
}

func (e *Emulator) startUpload(filename string, public bool) (int, any, error) {
	if filePath(filename) == "" || strings.HasSuffix(filename, "/") {
		return 0, nil, badRequest("filename is required and must name a file")
	}
	up := &pendingUpload{ID: newObjectID(), Filename: filePath(filename), Public: public, Parts: map[int][]byte{}}
	if err := e.store.Update(func(tx Tx) error { return putDoc(tx, collFileUploads, up.ID, up) }); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, up.ID, nil
}

func (e *Emulator) uploadPart(id string, part int, data []byte) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		up, err := loadUpload(tx, id)
		if err != nil {
			return err
		}
		up.Parts[part] = data
		return putDoc(tx, collFileUploads, id, up)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"ETag": etag(data)}, nil
}

func loadUpload(tx Tx, id string) (*pendingUpload, error) {
	if id == "" {
		return nil, badRequest("upload_id is required")
	}
	up, err := getDoc[pendingUpload](tx, collFileUploads, id)
	if err != nil {
		return nil, err
	}
	if up == nil {
		return nil, badRequest("Upload %s not found", id)
	}
	if up.Parts == nil {
		up.Parts = map[int][]byte{}
	}
	return up, nil
}
