package emulator

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func getExport(t *testing.T, e *Emulator, path string) (int, string) {
	t.Helper()
	w := httptest.NewRecorder()
	e.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/_emulator/exports/"+path, nil))
	b, _ := io.ReadAll(w.Body)
	return w.Code, string(b)
}

func TestDataBackupAndRestoreRoundTrip(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	src := mkDevice(t, e, "src", nil)
	req(t, e, "POST", "/data", src.Token, []map[string]any{
		{"variable": "temperature", "value": 21.5, "unit": "C", "group": "g1", "time": "2024-01-02T03:04:05.678Z", "location": map[string]float64{"lat": 1, "lng": 2}},
		{"variable": "status", "value": "on, really", "metadata": map[string]any{"color": "red"}},
		{"variable": "flag", "value": true},
	}).ok(t, 200, nil)

	var out map[string]string
	req(t, e, "POST", "/device/"+src.DeviceID+"/data/backup", tok, map[string]any{"file_address": "/backups/$DEVICE$/$TIMESTAMP$", "headers": true}).ok(t, 200, &out)
	if len(out) != 1 || !strings.HasPrefix(out["file_address"], "backups/"+src.DeviceID+"/") || !strings.HasSuffix(out["file_address"], ".csv") {
		t.Fatalf("backup result %v", out)
	}
	code, csv := getExport(t, e, out["file_address"])
	if code != 200 || !strings.HasPrefix(csv, "id,variable,value,unit,group,time,location,metadata\n") || strings.Count(csv, "\n") != 4 {
		t.Fatalf("export file %d:\n%s", code, csv)
	}

	dst := mkDevice(t, e, "dst", nil)
	var msg string
	req(t, e, "POST", "/device/"+dst.DeviceID+"/data/restore", tok, map[string]any{"file_address": "/" + out["file_address"]}).ok(t, 200, &msg)
	if msg != "Data import added to the queue successfully!" {
		t.Fatalf("message %q", msg)
	}
	recs := getList(t, e, "/device/"+dst.DeviceID+"/data?variables=temperature&variables=status&variables=flag&qty=10")
	if len(recs) != 3 {
		t.Fatalf("restored %d records: %v", len(recs), recs)
	}
	byVar := map[string]map[string]any{}
	for _, r := range recs {
		byVar[as[string](t, r["variable"])] = r
	}
	temp := byVar["temperature"]
	if temp["value"] != 21.5 || temp["unit"] != "C" || temp["group"] != "g1" || temp["time"] != "2024-01-02T03:04:05.678Z" || temp["location"] == nil {
		t.Fatalf("temperature restored as %v", temp)
	}
	if byVar["status"]["value"] != "on, really" || byVar["flag"]["value"] != true || byVar["status"]["metadata"] == nil {
		t.Fatalf("restored %v", byVar)
	}

	// Headerless files restore in column order too.
	req(t, e, "POST", "/device/"+src.DeviceID+"/data/backup", tok, map[string]any{"file_address": "raw", "headers": false}).ok(t, 200, &out)
	if _, body := getExport(t, e, "raw.csv"); strings.HasPrefix(body, "id,") {
		t.Fatalf("headers:false still wrote a header: %s", body)
	}
	req(t, e, "POST", "/device/"+dst.DeviceID+"/data/restore", tok, map[string]any{"file_address": "raw"}).ok(t, 200, nil)
	var amount float64
	req(t, e, "GET", "/device/"+dst.DeviceID+"/data_amount", tok, nil).ok(t, 200, &amount)
	if amount != 6 {
		t.Fatalf("data amount %v, want 6", amount)
	}
}

func TestExportErrors(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	mut := mkDevice(t, e, "mut", nil)
	imm := mkDevice(t, e, "imm", map[string]any{"type": "immutable", "chunk_period": "month", "chunk_retention": 1})
	req(t, e, "POST", "/device/"+mut.DeviceID+"/data/backup", tok, map[string]any{}).fail(t, 400, "file_address is required")
	req(t, e, "POST", "/device/"+mut.DeviceID+"/data/backup", tok, map[string]any{"file_address": "x", "headers": "yes"}).fail(t, 400, "headers must be a boolean")
	req(t, e, "POST", "/device/"+imm.DeviceID+"/data/backup", tok, map[string]any{"file_address": "x"}).fail(t, 400, "chunk/backup")
	req(t, e, "POST", "/device/"+mut.DeviceID+"/chunk/backup", tok, map[string]any{"file_address": "x", "chunk_id": currentChunkID("month", time.Now())}).fail(t, 400, "immutable")
	req(t, e, "POST", "/device/"+imm.DeviceID+"/chunk/backup", tok, map[string]any{"file_address": "x"}).fail(t, 400, "chunk_id is required")
	req(t, e, "POST", "/device/"+mut.DeviceID+"/data/restore", tok, map[string]any{"file_address": "/nowhere.csv"}).fail(t, 400, "not found")
	req(t, e, "POST", "/device/"+mut.DeviceID+"/data/restore", tok, map[string]any{}).fail(t, 400, "file_address is required")
	if code, _ := getExport(t, e, "nowhere.csv"); code != 404 {
		t.Fatalf("missing export served with %d", code)
	}
}

func TestChunkBackupWritesTheChunk(t *testing.T) {
	e := newEmu(t)
	imm := mkDevice(t, e, "imm", map[string]any{"type": "immutable", "chunk_period": "day", "chunk_retention": 1})
	now := time.Now().UTC()
	req(t, e, "POST", "/data", imm.Token, []map[string]any{
		{"variable": "today", "value": 1}, {"variable": "yesterday", "value": 2, "time": now.AddDate(0, 0, -1).Format(time.RFC3339)},
	}).ok(t, 200, nil)
	id := currentChunkID("day", now)
	var out map[string]string
	req(t, e, "POST", "/device/"+imm.DeviceID+"/chunk/backup", e.ProfileToken(), map[string]any{"chunk_id": id, "file_address": "/device/$DEVICE$/$FROM$_$TO$"}).ok(t, 200, &out)
	day := now.Format("2006-01-02")
	if out["chunk_id"] != id || out["file_address"] != "device/"+imm.DeviceID+"/"+day+"_"+day+".csv" || len(out) != 2 {
		t.Fatalf("chunk backup result %v", out)
	}
	_, csv := getExport(t, e, out["file_address"])
	if !strings.Contains(csv, ",today,") || strings.Contains(csv, "yesterday") {
		t.Fatalf("chunk export holds the wrong records:\n%s", csv)
	}
}
