package emulator

import (
	"net/http"
	"testing"
)

func TestNotFoundStatus_AnswersUnknownIDsLikeTheOptionSays(t *testing.T) {
	const unknown = "aaaaaaaaaaaaaaaaaaaaaaaa"
	for _, tc := range []struct {
		status      int
		wantStatus  int
		wantMessage string
	}{
		{0, http.StatusNotFound, "Device not found"},
		{http.StatusNotFound, http.StatusNotFound, "Device not found"},
		{http.StatusBadRequest, http.StatusBadRequest, "Invalid Device ID"},
		{http.StatusUnprocessableEntity, http.StatusUnprocessableEntity, "Invalid Device ID"},
	} {
		e, err := New(Options{NotFoundStatus: tc.status})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = e.Close() })
		tok := e.ProfileToken()
		req(t, e, "GET", "/device/"+unknown, tok, nil).fail(t, tc.wantStatus, tc.wantMessage)
		req(t, e, "DELETE", "/device/"+unknown, tok, nil).fail(t, tc.wantStatus, tc.wantMessage)
		msg := map[int]string{0: "Run User not found", 404: "Run User not found", 400: "Invalid Run User ID", 422: "Invalid Run User ID"}[tc.status]
		req(t, e, "GET", "/run/users/"+unknown, tok, nil).fail(t, tc.wantStatus, msg)
		// A missing route is still a 404, whatever the option: only object ids change.
		req(t, e, "GET", "/nope", tok, nil).fail(t, http.StatusNotFound, "Route not found")
		// A known device is still found.
		dev := mkDevice(t, e, "known", nil)
		req(t, e, "GET", "/device/"+dev.DeviceID, tok, nil).ok(t, 200, nil)
	}
}

func TestNotFoundStatus_RefusesOtherStatuses(t *testing.T) {
	if _, err := New(Options{NotFoundStatus: 500}); err == nil {
		t.Fatal("want an error for a not-found status of 500")
	}
}
