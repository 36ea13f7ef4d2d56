package client_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestEntities_EditSchemaSendsOnlyTheChanges(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		ok(w, map[string]string{"message": "Entity Successfully Updated"})
	})
	c, _ := newTestClient(t, api.URL)
	no := false
	err := c.Entities.EditSchema(context.Background(), "672a64b91807cd0008baa4d5", client.EntitySchemaEdit{
		Schema: map[string]client.EntityFieldChange{
			"old":  {Action: "rename", NewName: "new"},
			"gone": {Action: "delete"},
			"flag": {Action: "update", Required: &no},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	req := api.Requests()[0]
	want := `{"schema":{"flag":{"action":"update","required":false},"gone":{"action":"delete"},"old":{"action":"rename","new_name":"new"}}}`
	if req.Method != http.MethodPut || req.Path != "/entity/672a64b91807cd0008baa4d5/schema" || req.Body != want {
		t.Errorf("request = %s %s %s\nwant body %s", req.Method, req.Path, req.Body, want)
	}
}
