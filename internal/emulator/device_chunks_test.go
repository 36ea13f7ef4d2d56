package emulator

import (
	"strings"
	"testing"
	"time"
)

func TestChunkListFollowsPeriodAndRetention(t *testing.T) {
	e := newEmu(t)
	dev := mkDevice(t, e, "imm", map[string]any{"type": "immutable", "chunk_period": "day", "chunk_retention": 2})
	now := time.Now().UTC()
	yesterday := now.AddDate(0, 0, -1)
	req(t, e, "POST", "/data", dev.Token, []map[string]any{
		{"variable": "t", "value": 1}, {"variable": "t", "value": 2},
		{"variable": "t", "value": 3, "time": yesterday.Format(time.RFC3339)},
	}).ok(t, 200, nil)

	chunks := getList(t, e, "/device/"+dev.DeviceID+"/chunk")
	if len(chunks) != 3 { // today and the two days the retention keeps
		t.Fatalf("want 3 chunks, got %v", chunks)
	}
	wantIDs := []string{currentChunkID("day", now), currentChunkID("day", yesterday), currentChunkID("day", now.AddDate(0, 0, -2))}
	if got := pluck(chunks, "id"); !eqStrings(got, wantIDs) {
		t.Fatalf("chunk ids %v, want newest first %v", got, wantIDs)
	}
	if chunks[0]["amount"] != float64(2) || chunks[1]["amount"] != float64(1) || chunks[2]["amount"] != float64(0) {
		t.Fatalf("amounts: %v", chunks)
	}
	from := chunkStart(now, "day")
	if chunks[0]["from"] != from.Format("2006-01-02T15:04:05.000+00:00") || chunks[0]["to"] != from.Add(24*time.Hour-time.Millisecond).Format("2006-01-02T15:04:05.000+00:00") {
		t.Fatalf("bounds %v %v", chunks[0]["from"], chunks[0]["to"])
	}
	for _, c := range chunks {
		if len(c) != 4 {
			t.Fatalf("chunk has undocumented fields: %v", c)
		}
	}

	// Deleting yesterday's chunk removes its record only; the chunk stays listed, empty.
	var msg string
	req(t, e, "DELETE", "/device/"+dev.DeviceID+"/chunk/"+wantIDs[1], e.ProfileToken(), nil).ok(t, 200, &msg)
	if msg != "Chunk "+wantIDs[1]+" deleted" {
		t.Fatalf("message %q", msg)
	}
	var amount float64
	req(t, e, "GET", "/device/"+dev.DeviceID+"/data_amount", e.ProfileToken(), nil).ok(t, 200, &amount)
	if amount != 2 {
		t.Fatalf("data amount %v after deleting one chunk, want 2", amount)
	}
	if c := getList(t, e, "/device/"+dev.DeviceID+"/chunk"); c[1]["amount"] != float64(0) {
		t.Fatalf("deleted chunk still counts records: %v", c[1])
	}
}

func TestChunkErrors(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	mut := mkDevice(t, e, "mut", nil)
	imm := mkDevice(t, e, "imm", map[string]any{"type": "immutable", "chunk_period": "week", "chunk_retention": 1})
	req(t, e, "GET", "/device/"+mut.DeviceID+"/chunk", tok, nil).fail(t, 400, "immutable")
	req(t, e, "GET", "/device/nope/chunk", tok, nil).fail(t, 400, "Invalid Device ID")
	req(t, e, "GET", "/device/"+newObjectID()+"/chunk", tok, nil).fail(t, 404, "Device not found")
	req(t, e, "DELETE", "/device/"+imm.DeviceID+"/chunk/abc", tok, nil).fail(t, 400, "Invalid chunk ID")
	// A day chunk is not a week chunk of this device.
	req(t, e, "DELETE", "/device/"+imm.DeviceID+"/chunk/"+currentChunkID("day", time.Now()), tok, nil).fail(t, 400, "not a week chunk")
	req(t, e, "GET", "/device/"+imm.DeviceID+"/chunk", imm.Token, nil).fail(t, 403, msgDenied)
}

func TestConvertDevice(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	active := mkDevice(t, e, "active", nil)
	req(t, e, "POST", "/device/"+active.DeviceID+"/convert", tok, map[string]any{"type": "immutable", "chunk_period": "month", "chunk_retention": 3}).
		fail(t, 400, "disabled")

	full := mkDevice(t, e, "full", nil)
	req(t, e, "POST", "/data", full.Token, map[string]any{"variable": "x", "value": 1}).ok(t, 200, nil)
	req(t, e, "PUT", "/device/"+full.DeviceID, tok, map[string]any{"active": false}).ok(t, 200, nil)
	req(t, e, "POST", "/device/"+full.DeviceID+"/convert", tok, map[string]any{"type": "immutable", "chunk_period": "month", "chunk_retention": 3}).
		fail(t, 400, "empty")

	dev := mkDevice(t, e, "dev", map[string]any{"active": false})
	for _, bad := range []map[string]any{
		{}, {"type": "hybrid"}, {"type": "immutable"}, {"type": "immutable", "chunk_period": "year", "chunk_retention": 1},
		{"type": "immutable", "chunk_period": "week", "chunk_retention": 27}, {"type": "immutable", "chunk_period": "day"},
	} {
		if res := req(t, e, "POST", "/device/"+dev.DeviceID+"/convert", tok, bad); res.Code != 400 {
			t.Errorf("convert %v: %d %s", bad, res.Code, res.Raw)
		}
	}
	var msg string
	req(t, e, "POST", "/device/"+dev.DeviceID+"/convert", tok, map[string]any{"type": "immutable", "chunk_period": "quarter", "chunk_retention": 4}).ok(t, 200, &msg)
	if msg != "Device type/chunk was converted" {
		t.Fatalf("message %q", msg)
	}
	info := getMap(t, e, "/device/"+dev.DeviceID)
	if info["type"] != "immutable" || info["chunk_period"] != "quarter" || info["chunk_retention"] != float64(4) {
		t.Fatalf("after convert: %v", info)
	}
	// The device token survives the conversion.
	req(t, e, "GET", "/info", dev.Token, nil).ok(t, 200, nil)
	req(t, e, "POST", "/device/"+dev.DeviceID+"/convert", tok, map[string]any{"type": "mutable"}).ok(t, 200, nil)
	info = getMap(t, e, "/device/"+dev.DeviceID)
	if _, has := info["chunk_period"]; info["type"] != "mutable" || has {
		t.Fatalf("after convert back: %v", info)
	}
	if !strings.Contains(string(req(t, e, "GET", "/device/"+dev.DeviceID+"/chunk", tok, nil).Raw), "immutable") {
		t.Fatal("a mutable device still lists chunks")
	}
}
