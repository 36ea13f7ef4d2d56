package emulator

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Device data to and from CSV files in the account's Files (TagoIO's data export and
// import docs): POST /device/{id}/data/backup writes a mutable device's records,
// POST /device/{id}/chunk/backup one chunk of an immutable device, and POST
// /device/{id}/data/restore reads such a file back into a device. The API queues these
// jobs; the emulator runs them before it answers, so a test sees the result at once.
//
// The files are kept in collDeviceExports, keyed by their path without the leading
// slash ("device/<id>/<timestamp>.csv"); the restore reads from there. GET
// /_emulator/exports/<path> serves one (the contract is in docs/emulator.md).
const collDeviceExports = "device_exports"

func (e *Emulator) registerDeviceExports(r *Router) {
	r.Handle("POST", "/device/{id}/data/backup", e.backupDeviceData, kindProfile)
	r.Handle("POST", "/device/{id}/chunk/backup", e.backupChunk, kindProfile)
	r.Handle("POST", "/device/{id}/data/restore", e.restoreDeviceData, kindProfile)
}

// exportDoc is one file of the account's Files (files.go): a CSV written by an export
// (Content) or an uploaded file (Data).
type exportDoc struct {
	Path      string  `json:"path"`
	Device    string  `json:"device,omitempty"`
	Content   string  `json:"content,omitempty"`
	Data      []byte  `json:"data,omitempty"`
	Public    bool    `json:"public,omitempty"`
	CreatedAt apiTime `json:"created_at"`
}

// bytes is the file's content, whichever way it was written.
func (f *exportDoc) bytes() []byte {
	if f.Data != nil {
		return f.Data
	}
	return []byte(f.Content)
}

func (f *exportDoc) size() int { return len(f.Data) + len(f.Content) }

// csvColumns are the columns of an export, in order. A restore reads the columns by
// their header names (any order; variable is required) or, without a header row, in
// this order.
var csvColumns = []string{"id", "variable", "value", "unit", "group", "time", "location", "metadata"}

// exportRequest is the body of both backups.
type exportRequest struct {
	fileAddress string
	headers     bool
	chunkID     string
}

func parseExportRequest(c *Ctx, chunked bool) (exportRequest, error) {
	body, err := c.object()
	if err != nil {
		return exportRequest{}, err
	}
	var r exportRequest
	var present bool
	if r.fileAddress, present, err = body.str("file_address"); err != nil || !present || strings.Trim(r.fileAddress, "/ ") == "" {
		return r, badRequest("file_address is required and must be a non-empty string")
	}
	if r.headers, present, err = body.boolean("headers"); err != nil {
		return r, badRequest("headers must be a boolean")
	} else if !present {
		r.headers = true
	}
	if chunked {
		if r.chunkID, present, err = body.str("chunk_id"); err != nil || !present || r.chunkID == "" {
			return r, badRequest("chunk_id is required and must be a string")
		}
	}
	return r, nil
}

// exportPath fills the file_address placeholders ($DEVICE$, $TIMESTAMP$, and for a
// chunk $CHUNK$, $FROM$, $TO$ as dates) and gives the path the form the API answers:
// no leading slash, a .csv extension.
func exportPath(address, deviceID string, now time.Time, ch *chunk) string {
	repl := []string{"$DEVICE$", deviceID, "$TIMESTAMP$", strconv.FormatInt(now.UnixMilli(), 10)}
	if ch != nil {
		repl = append(repl, "$CHUNK$", ch.id(), "$FROM$", ch.from.Format("2006-01-02"), "$TO$", ch.to.Format("2006-01-02"))
	}
	p := strings.TrimLeft(strings.NewReplacer(repl...).Replace(strings.TrimSpace(address)), "/")
	if !strings.HasSuffix(strings.ToLower(p), ".csv") {
		p += ".csv"
	}
	return p
}

// writeCSV renders records as an export file.
func writeCSV(docs []*dataDoc, headers bool) (string, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if headers {
		if err := w.Write(csvColumns); err != nil {
			return "", err
		}
	}
	for _, d := range docs {
		value, _ := d.valueText()
		var unit, location string
		if d.Unit != nil {
			unit = *d.Unit
		}
		if d.Location != nil {
			b, err := json.Marshal(d.Location)
			if err != nil {
				return "", err
			}
			location = string(b)
		}
		row := []string{d.ID, d.Variable, value, unit, d.Group, formatTime(d.Time.Time()), location, string(d.Metadata)}
		if err := w.Write(row); err != nil {
			return "", err
		}
	}
	w.Flush()
	return buf.String(), w.Error()
}

func (e *Emulator) backupDeviceData(c *Ctx) (int, any, error) {
	in, err := parseExportRequest(c, false)
	if err != nil {
		return 0, nil, err
	}
	var path string
	err = e.exportRecords(c, func(d *deviceDoc) ([]*dataDoc, string, error) {
		if d.Type == typeImmutable {
			return nil, "", badRequest("Immutable devices are exported by chunk: use /device/%s/chunk/backup", d.ID)
		}
		path = exportPath(in.fileAddress, d.ID, c.Now, nil)
		var docs []*dataDoc
		if r := e.data.devices[d.ID]; r != nil {
			docs = r.all
		}
		return docs, path, nil
	}, in.headers)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"file_address": path}, nil
}

func (e *Emulator) backupChunk(c *Ctx) (int, any, error) {
	in, err := parseExportRequest(c, true)
	if err != nil {
		return 0, nil, err
	}
	var path string
	err = e.exportRecords(c, func(d *deviceDoc) ([]*dataDoc, string, error) {
		if !d.chunked() {
			return nil, "", badRequest("Chunks are only available for immutable devices")
		}
		ch, err := parseChunkID(d, in.chunkID)
		if err != nil {
			return nil, "", err
		}
		path = exportPath(in.fileAddress, d.ID, c.Now, &ch)
		return e.chunkRecords(d.ID, ch), path, nil
	}, in.headers)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"chunk_id": in.chunkID, "file_address": path}, nil
}

// exportRecords loads the device, lets pick choose the records and the path (under
// the index's read lock), and stores the CSV file.
func (e *Emulator) exportRecords(c *Ctx, pick func(*deviceDoc) ([]*dataDoc, string, error), headers bool) error {
	var d *deviceDoc
	if err := e.store.View(func(tx Tx) (err error) {
		d, err = loadDevice(tx, c.Param("id"))
		return err
	}); err != nil {
		return err
	}
	e.data.mu.RLock()
	docs, path, err := pick(d)
	var content string
	if err == nil {
		content, err = writeCSV(docs, headers)
	}
	e.data.mu.RUnlock()
	if err != nil {
		return err
	}
	doc := &exportDoc{Path: path, Device: d.ID, Content: content, CreatedAt: apiTime(c.Now)}
	return e.store.Update(func(tx Tx) error { return putDoc(tx, collDeviceExports, path, doc) })
}

// restoreDeviceData inserts the records of a CSV file the emulator exported (or one
// laid out the same way) into the device, through the same validation as POST /data.
func (e *Emulator) restoreDeviceData(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	address, present, err := body.str("file_address")
	if err != nil || !present || strings.Trim(address, "/ ") == "" {
		return 0, nil, badRequest("file_address is required and must be a non-empty string")
	}
	path := strings.TrimLeft(strings.TrimSpace(address), "/")
	var file *exportDoc
	if err := e.store.View(func(tx Tx) (err error) {
		if _, err = loadDevice(tx, c.Param("id")); err != nil {
			return err
		}
		if file, err = getDoc[exportDoc](tx, collDeviceExports, path); err != nil || file != nil || strings.HasSuffix(strings.ToLower(path), ".csv") {
			return err
		}
		// The backups answer the address with the .csv they add; accept it without.
		file, err = getDoc[exportDoc](tx, collDeviceExports, path+".csv")
		return err
	}); err != nil {
		return 0, nil, err
	}
	if file == nil {
		return 0, nil, badRequest("File %s not found in Files", address)
	}
	items, err := readCSVRecords(string(file.bytes()))
	if err != nil {
		return 0, nil, err
	}
	if _, err := e.insertRecords(dataTarget{deviceID: c.Param("id")}, items, c.Now); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Data import added to the queue successfully!", nil
}

// readCSVRecords turns an export file into insert items. The id and empty cells are
// dropped; a value that reads as a number or a boolean becomes one.
func readCSVRecords(content string) ([]jsonBody, error) {
	r := csv.NewReader(strings.NewReader(content))
	r.FieldsPerRecord = -1
	cols := csvColumns
	var items []jsonBody
	for first := true; ; first = false {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, badRequest("The file is not a valid CSV: %v", err)
		}
		if first && containsFold(row, "variable") { // a header row
			cols = row
			continue
		}
		item := jsonBody{}
		for i, cell := range row {
			if i >= len(cols) || cell == "" {
				continue
			}
			switch name := strings.ToLower(strings.TrimSpace(cols[i])); name {
			case "variable", "unit", "group", "time":
				item[name] = mustMarshal(cell)
			case "value":
				item[name] = csvValue(cell)
			case "location", "metadata":
				if !json.Valid([]byte(cell)) {
					return nil, badRequest("The %s cell %q is not JSON", name, cell)
				}
				item[name] = json.RawMessage(cell)
			}
		}
		items = append(items, item)
	}
	return items, nil
}

func containsFold(row []string, s string) bool {
	for _, c := range row {
		if strings.EqualFold(strings.TrimSpace(c), s) {
			return true
		}
	}
	return false
}

func csvValue(cell string) json.RawMessage {
	if _, err := strconv.ParseFloat(cell, 64); err == nil && json.Valid([]byte(cell)) {
		return json.RawMessage(cell)
	}
	if cell == "true" || cell == "false" {
		return json.RawMessage(cell)
	}
	return mustMarshal(cell)
}

func mustMarshal(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}

// serveExportFile answers GET /_emulator/exports/<path> with the file (files.go).
func (e *Emulator) serveExportFile(w http.ResponseWriter, path string) {
	var file *exportDoc
	if err := e.store.View(func(tx Tx) (err error) {
		file, err = getDoc[exportDoc](tx, collDeviceExports, path)
		return err
	}); err != nil {
		writeError(w, err)
		return
	}
	if file == nil {
		writeError(w, notFound("No export at %s", path))
		return
	}
	if file.Data != nil {
		w.Header().Set("Content-Type", http.DetectContentType(file.Data))
	} else {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	}
	_, _ = w.Write(file.bytes())
}
