package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const connectorID = "63ea6bd581db210009ff8f2a"

func TestConnectors_CreateSendsOnlyWhatIsSetAndReadsTheConnectorKey(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		ok(w, map[string]any{"connector": connectorID})
	})
	c, _ := newTestClient(t, api.URL)
	decoder := "Y29uc29sZS5sb2coMSk="
	id, err := c.Connectors.Create(context.Background(), client.ConnectorCreate{Name: "tfacc-conn", ConnectorSettings: client.ConnectorSettings{
		Networks: &[]string{"62336c32ab6e0d0012e06c04"}, PayloadDecoder: &decoder,
		DeviceParameters: &[]client.DeviceParameter{{Name: ptrTo("port"), Default: json.RawMessage(`8080`)}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if id != connectorID {
		t.Errorf("id = %q, want %q", id, connectorID)
	}
	req := api.Requests()[0]
	want := `{"name":"tfacc-conn","networks":["62336c32ab6e0d0012e06c04"],"device_parameters":[{"name":"port","default":8080}],"payload_decoder":"Y29uc29sZS5sb2coMSk="}`
	if req.Method != http.MethodPost || req.Path != "/integration/connector" || req.Body != want {
		t.Errorf("request = %s %s %s", req.Method, req.Path, req.Body)
	}
}

func TestNetworks_UpdateClearsWithEmptyValuesAndDeleteOfUnknownIsNotFound(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.Method == http.MethodDelete {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"status":false,"message":"Network not found"}`))
			return
		}
		ok(w, "Successfully Updated")
	})
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	empty, off := "", false
	update := client.NetworkUpdate{NetworkSettings: client.NetworkSettings{Description: &empty, Public: &off, DeviceParameters: &[]client.DeviceParameter{}}}
	if update.IsEmpty() || !(client.NetworkUpdate{}).IsEmpty() {
		t.Fatal("IsEmpty is wrong")
	}
	if err := c.Networks.Update(ctx, connectorID, update); err != nil {
		t.Fatal(err)
	}
	err := c.Networks.Delete(ctx, connectorID)
	if !client.IsNotFound(err) {
		t.Fatalf("delete error %v is not a not-found", err)
	}
	reqs := api.Requests()
	if reqs[0].Method != http.MethodPut || reqs[0].Path != "/integration/network/"+connectorID ||
		reqs[0].Body != `{"description":"","device_parameters":[],"public":false}` {
		t.Errorf("update = %s %s %s", reqs[0].Method, reqs[0].Path, reqs[0].Body)
	}
}
