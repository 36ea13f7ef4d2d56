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

// The objects added after the option (dictionaries, entities, service authorizations, custom
// connectors and networks) answer
// their unknown ids the same way, on every route that takes one.
func TestNotFoundStatus_LaterObjectsAnswerUnknownIDsLikeTheOptionSays(t *testing.T) {
	const unknown = "aaaaaaaaaaaaaaaaaaaaaaaa"
	for _, status := range []int{http.StatusNotFound, http.StatusBadRequest, http.StatusUnprocessableEntity} {
		e, err := New(Options{NotFoundStatus: status})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = e.Close() })
		tok := e.ProfileToken()
		message := func(object string) string {
			if status == http.StatusNotFound {
				return object + " not found"
			}
			return "Invalid " + object + " ID"
		}
		for _, route := range []struct{ method, path, object string }{
			{"GET", "/dictionary/" + unknown, "Dictionary"},
			{"PUT", "/dictionary/" + unknown, "Dictionary"},
			{"DELETE", "/dictionary/" + unknown, "Dictionary"},
			{"GET", "/entity/" + unknown, "Entity"},
			{"PUT", "/entity/" + unknown, "Entity"},
			{"DELETE", "/entity/" + unknown, "Entity"},
			{"PUT", "/serviceauth/at" + unknown, "Authorization"},
			{"DELETE", "/serviceauth/at" + unknown, "Authorization"},
			{"GET", "/integration/connector/" + unknown, "Connector"},
			{"PUT", "/integration/connector/" + unknown, "Connector"},
			{"DELETE", "/integration/connector/" + unknown, "Connector"},
			{"GET", "/integration/network/" + unknown, "Network"},
			{"PUT", "/integration/network/" + unknown, "Network"},
			{"DELETE", "/integration/network/" + unknown, "Network"},
		} {
			var body any
			if route.method == "PUT" {
				body = map[string]any{}
			}
			req(t, e, route.method, route.path, tok, body).fail(t, status, message(route.object))
		}
	}
}
