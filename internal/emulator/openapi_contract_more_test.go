package emulator

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// helperToken calls a POST /_emulator/ helper that answers {token}.
func helperToken(t testing.TB, e *Emulator, path string, body any) string {
	t.Helper()
	res := req(t, e, "POST", path, "", body)
	var out struct {
		Token string `json:"token"`
	}
	if res.Code != 200 || json.Unmarshal(res.Raw, &out) != nil || out.Token == "" {
		t.Fatalf("%s: %d %s", path, res.Code, res.Raw)
	}
	return out.Token
}

// mkSerialDevice creates a device on the HTTP network with a token carrying serial.
func mkSerialDevice(t testing.TB, e *Emulator, name, serial string) (created, string) {
	t.Helper()
	dev := mkDevice(t, e, name, nil)
	var tok map[string]any
	req(t, e, "POST", "/device/token", e.ProfileToken(), map[string]any{"device": dev.DeviceID, "name": "serial", "serie_number": serial}).ok(t, 201, &tok)
	return dev, as[string](t, tok["token"])
}

// currentChunkID is the id of the chunk holding now for a period.
func currentChunkID(period string, now time.Time) string {
	start := chunkStart(now, period)
	return fmt.Sprintf("%d_%d", start.Unix(), addChunks(start, period, 1).Add(-time.Millisecond).Unix())
}

// unwrapResult hands the validator the result object at the top level, where the
// OpenAPI file documents the backup answers' fields (see profile_backups.go).
func unwrapResult(t *testing.T, body []byte) []byte {
	var env struct {
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(body, &env); err != nil || len(env.Result) == 0 || env.Result[0] != '{' {
		t.Fatalf("not an enveloped object: %s", body)
	}
	return env.Result
}

// ingestAccountContractCases covers chunks, exports, conversion, network ingest, tag
// keys, widget data, the account's plan, allocation and login, profile statistics,
// backups and service providers.
func ingestAccountContractCases(t *testing.T, e *Emulator) []contractCase {
	tok := e.ProfileToken()
	imm := mkDevice(t, e, "Contract chunks", map[string]any{"type": "immutable", "chunk_period": "week", "chunk_retention": 2,
		"tags": []map[string]string{{"key": "site", "value": "a"}}})
	req(t, e, "POST", "/data", imm.Token, []map[string]any{{"variable": "temperature", "value": 21}}).ok(t, 200, nil)
	mut := mkDevice(t, e, "Contract export", nil)
	req(t, e, "POST", "/data", mut.Token, []map[string]any{{"variable": "temperature", "value": 22, "unit": "C"}}).ok(t, 200, nil)
	var backup map[string]string
	req(t, e, "POST", "/device/"+mut.DeviceID+"/data/backup", tok, map[string]any{"file_address": "/contract/$DEVICE$"}).ok(t, 200, &backup)
	conv := mkDevice(t, e, "Contract convert", map[string]any{"active": false})
	victimChunkDev := mkDevice(t, e, "Contract chunk victim", map[string]any{"type": "immutable", "chunk_period": "day", "chunk_retention": 1})

	netTok := helperToken(t, e, "/_emulator/network-token", map[string]string{"network": NetworkHTTPID})
	authKey := helperToken(t, e, "/_emulator/authorization", nil)
	serialDev, _ := mkSerialDevice(t, e, "Contract serial", "SN-CONTRACT-1")

	dash := mkDashboard(t, e, "Contract widget data", nil)
	widget := mkWidget(t, e, dash, map[string]any{"type": "display", "label": "Display #1",
		"data": []map[string]any{{"origin": mut.DeviceID, "query": "last_value", "variables": []string{"temperature"}}}})

	var created map[string]any
	req(t, e, "POST", "/profile/"+e.ProfileID()+"/backup", tok, nil).ok(t, 200, &created)
	backupID := as[string](t, created["backup_id"])
	var victim map[string]any
	req(t, e, "POST", "/profile/"+e.ProfileID()+"/backup", tok, nil).ok(t, 200, &victim)
	smsSid, smsToken := postSecret(t, e, "TWILIO_SID", "AC1"), postSecret(t, e, "TWILIO_TOKEN", "t1")

	pid := e.ProfileID()
	week := currentChunkID("week", time.Now())
	return []contractCase{
		{name: "list chunks", method: "GET", path: "/device/" + imm.DeviceID + "/chunk", token: tok, wantStatus: 200},
		{name: "export chunk", method: "POST", path: "/device/" + imm.DeviceID + "/chunk/backup", token: tok, wantStatus: 200,
			body: map[string]any{"chunk_id": week, "file_address": "/device/$DEVICE$/$FROM$_$TO$", "headers": true}},
		{name: "delete chunk", method: "DELETE", path: "/device/" + victimChunkDev.DeviceID + "/chunk/" + currentChunkID("day", time.Now()), token: tok, wantStatus: 200},
		{name: "export data", method: "POST", path: "/device/" + mut.DeviceID + "/data/backup", token: tok, wantStatus: 200,
			body: map[string]any{"file_address": "/device/$DEVICE$/$TIMESTAMP$", "headers": true}},
		{name: "import data", method: "POST", path: "/device/" + mut.DeviceID + "/data/restore", token: tok, wantStatus: 200,
			body: map[string]any{"file_address": "/" + backup["file_address"]}},
		{name: "convert device", method: "POST", path: "/device/" + conv.DeviceID + "/convert", token: tok, wantStatus: 200,
			body: map[string]any{"type": "immutable", "chunk_period": "quarter", "chunk_retention": 4}},

		{name: "resolve serial", method: "GET", path: "/integration/network/resolve/SN-CONTRACT-1", token: netTok, wantStatus: 200},
		{name: "resolve serial with authorization", method: "GET", path: "/integration/network/resolve/SN-CONTRACT-1/" + authKey, token: netTok, wantStatus: 200},
		{name: "network edits params", method: "POST", path: "/integration/network/" + serialDev.DeviceID + "/params", token: netTok, wantStatus: 200,
			body: []map[string]any{{"key": "downlink_url", "value": "https://mydownlink.url.io", "sent": true}}},
		{name: "network sends data", method: "POST", path: "/integration/network/data?authorization_token=" + authKey, token: netTok, wantStatus: 200,
			body: []map[string]any{{"variable": "payload", "value": "41BC7E1F2A", "metadata": map[string]string{"serial": "SN-CONTRACT-1"}}}},

		{name: "tag keys", method: "GET", path: "/tags/keys/Device", token: tok, wantStatus: 200},
		{name: "widget data", method: "GET", path: "/data/" + dash + "/" + widget, token: tok, wantStatus: 200,
			knownNulls: []string{"$.result.widget.realtime"},
			// the SDK's Data record has unit; a widget's display is free-form in its WidgetInfo
			sdkFields: []string{"$.result.content[].result[].unit", "$.result.widget.display.*"}},

		{name: "account plan", method: "GET", path: "/account/plan", token: tok, wantStatus: 200},
		{name: "allocation", method: "GET", path: "/account/allocation", token: tok, wantStatus: 200},
		{name: "edit allocation", method: "POST", path: "/account/allocation", token: tok, wantStatus: 200,
			body: []map[string]any{{"profile": pid, "analysis": 200, "data_records": 6667, "email": 17, "file_storage": 80, "input": 33334, "output": 100000, "push_notification": 4, "run_users": 0, "sms": 5}}},
		{name: "login", method: "POST", path: "/account/login", wantStatus: 200,
			body: map[string]any{"email": e.AccountEmail(), "password": e.AccountPassword()}, knownNulls: []string{"$.result.phone"}},

		{name: "profile statistics", method: "GET", path: "/profiled/" + pid + "/statistics?timezone=UTC", token: tok, wantStatus: 200},
		{name: "create backup", method: "POST", path: "/profile/" + pid + "/backup", token: tok, wantStatus: 200, reshape: unwrapResult},
		{name: "list backups", method: "GET", path: "/profile/" + pid + "/backup?page=1&amount=20&orderBy=created_at,desc", token: tok, wantStatus: 200,
			knownNulls: []string{"$.result[0].error_message", "$.result[1].error_message", "$.result[2].error_message"}},
		{name: "download backup", method: "POST", path: "/profile/" + pid + "/backup/" + backupID + "/download", token: tok, wantStatus: 200,
			body: map[string]any{"password": e.AccountPassword()}, reshape: unwrapResult},
		{name: "download backup wrong password", method: "POST", path: "/profile/" + pid + "/backup/" + backupID + "/download", token: tok, wantStatus: 401,
			body: map[string]any{"password": "nope"}},
		{name: "download missing backup", method: "POST", path: "/profile/" + pid + "/backup/" + newObjectID() + "/download", token: tok, wantStatus: 404,
			body: map[string]any{"password": e.AccountPassword()}},
		{name: "delete backup", method: "DELETE", path: "/profile/" + pid + "/backup/" + as[string](t, victim["backup_id"]), token: tok, wantStatus: 200,
			body: map[string]any{"password": e.AccountPassword()}},
		{name: "configure services", method: "PUT", path: "/profile/" + pid + "/service", token: tok, wantStatus: 200,
			body: map[string]any{"sms": map[string]any{"provider": "twilio", "from": "+15551234567", "secrets": map[string]string{"twilio_sid": smsSid, "twilio_token": smsToken}}}},
		{name: "configure services bad provider", method: "PUT", path: "/profile/" + pid + "/service", token: tok, wantStatus: 400,
			body: map[string]any{"sms": map[string]any{"provider": "carrier-pigeon"}}},
		{name: "test service", method: "POST", path: "/profile/" + pid + "/service/test/sms", token: tok, wantStatus: 200,
			body: map[string]any{"to": "+15559876543", "message": "This is a test SMS from TagoIO"}},
		{name: "test service bad number", method: "POST", path: "/profile/" + pid + "/service/test/sms", token: tok, wantStatus: 400,
			body: map[string]any{"to": "555"}},
		{name: "test unconfigured service", method: "POST", path: "/profile/" + pid + "/service/test/email", token: tok, wantStatus: 404,
			body: map[string]any{"to": "user@example.com"}},
	}
}
