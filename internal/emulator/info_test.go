package emulator

import "testing"

func TestInfoWithDeviceToken(t *testing.T) {
	t.Parallel()
	e := newEmu(t)
	c := mkDevice(t, e, "Dev", map[string]any{"tags": []map[string]string{{"key": "k", "value": "v"}}})
	var info map[string]any
	req(t, e, "GET", "/info", c.Token, nil).ok(t, 200, &info)
	want := getMap(t, e, "/device/"+c.DeviceID)
	if len(info) != len(want) || info["id"] != c.DeviceID || info["name"] != "Dev" || info["profile"] != e.ProfileID() {
		t.Fatalf("info %v\nwant %v", info, want)
	}
	req(t, e, "GET", "/info/", "", nil, "Device-Token: "+c.Token).ok(t, 200, nil)
	req(t, e, "GET", "/info?details=true", "", nil, "Authorization: "+c.Token).ok(t, 200, nil)
	req(t, e, "GET", "/info", "", nil).fail(t, 401, "Invalid Token")
}
