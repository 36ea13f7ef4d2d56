package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const testWidgetID = "623c79da5a13360011819b1d"

func TestWidgets_CreatePostsToTheSDKPathWithDefaults(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"widget", "widget_id", "id"} {
		t.Run(key, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
				ok(w, map[string]any{key: testWidgetID})
			})
			c, _ := newTestClient(t, api.URL)
			created, err := c.Widgets.Create(context.Background(), testDashboardID, client.WidgetCreate{Label: "Temperature", Type: "card"})
			if err != nil {
				t.Fatal(err)
			}
			if created.ID != testWidgetID || created.UnknownOutcomes != 0 {
				t.Errorf("created = %+v", created)
			}
			req := api.Requests()[0]
			if req.Method != http.MethodPost || req.Path != "/dashboard/"+testDashboardID+"/widget/" {
				t.Errorf("request = %s %s", req.Method, req.Path)
			}
			if req.Body != `{"label":"Temperature","type":"card","data":[],"resource":[],"display":{}}` {
				t.Errorf("body = %s", req.Body)
			}
		})
	}
}

// No route lists a dashboard's widgets, so a create whose answer was lost cannot be looked up:
// it is sent again, and the lost answers are counted for the caller to report the copy they may
// have left.
func TestWidgets_CreateLostAnswerIsSentAgainAndCounted(t *testing.T) {
	t.Parallel()
	var posts atomic.Int32
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		switch posts.Add(1) {
		case 1:
			dropConnection(t, w) // processed or not: nothing can tell
		case 2:
			fail(w, http.StatusInternalServerError, "Internal Server Error")
		default:
			ok(w, map[string]any{"widget": testWidgetID})
		}
	})
	c, logs := newTestClient(t, api.URL)
	created, err := c.Widgets.Create(context.Background(), testDashboardID, client.WidgetCreate{Label: "Temperature", Type: "card"})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != testWidgetID || created.UnknownOutcomes != 2 {
		t.Errorf("created = %+v, want the third answer's id and 2 unknown outcomes", created)
	}
	if n := api.posts("/dashboard/"); n != 3 {
		t.Errorf("%d POSTs, want 3", n)
	}
	if !strings.Contains(logs.String(), "cannot be listed; sending it again") {
		t.Error("the blind re-send was not logged")
	}
}

// The blind re-sends stop at max_retries, with the last failure.
func TestWidgets_CreateLostAnswersStopAtMaxRetries(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) { dropConnection(t, w) })
	c, _ := newTestClient(t, api.URL) // 3 retries
	_, err := c.Widgets.Create(context.Background(), testDashboardID, client.WidgetCreate{Label: "Temperature", Type: "card"})
	var reqErr *client.RequestError
	if !errors.As(err, &reqErr) {
		t.Fatalf("error = %v, want the last RequestError", err)
	}
	if n := api.posts("/dashboard/"); n != 4 {
		t.Errorf("%d POSTs, want 4 (the first and 3 retries)", n)
	}
}

func TestWidgets_GetIsTolerant(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		_, _ = w.Write([]byte(`{"status":true,"result":{"id":"` + testWidgetID + `","dashboard":"` + testDashboardID + `",
			"label":"Display #1","type":"display","realtime":null,"analysis_run":null,"token":null,
			"data":[{"origin":"6238a3a27d792400139e5b47","query":"last_value","variables":"temperature","overwrite":true},
			        {"origin":"62308e38de51960019697e76","variables":["a","b"],"qty":10}],
			"resource":[],"display":{"show_units":true,"header_buttons":[]}}}`))
	})
	c, _ := newTestClient(t, api.URL)
	got, err := c.Widgets.Get(context.Background(), testDashboardID, testWidgetID)
	if err != nil {
		t.Fatal(err)
	}
	if api.Requests()[0].Path != "/dashboard/"+testDashboardID+"/widget/"+testWidgetID {
		t.Errorf("path = %s", api.Requests()[0].Path)
	}
	if got.Realtime != nil || got.AnalysisRun != nil || got.Type != "display" || got.Dashboard != testDashboardID {
		t.Errorf("widget = %+v", got)
	}
	if len(got.Data) != 2 || len(got.Data[0].Variables) != 1 || got.Data[0].Variables[0] != "temperature" ||
		string(got.Data[0].Overwrite) != "true" || *got.Data[0].Query != "last_value" {
		t.Errorf("data[0] = %+v", got.Data[0])
	}
	if got.Data[1].Qty == nil || *got.Data[1].Qty != 10 || len(got.Data[1].Variables) != 2 || got.Data[1].Query != nil {
		t.Errorf("data[1] = %+v", got.Data[1])
	}
	var display map[string]any
	if err := json.Unmarshal(got.Display, &display); err != nil || display["show_units"] != true {
		t.Errorf("display = %s (%v)", got.Display, err)
	}
}

// A widget PUT always carries analysis_run, or the API detaches the analysis; nothing else is
// sent unless set.
func TestWidgets_UpdateAlwaysSendsAnalysisRun(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) { ok(w, "Successfully Updated") })
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	label := "Renamed"
	if err := c.Widgets.Update(ctx, testDashboardID, testWidgetID, client.WidgetUpdate{Label: &label}); err != nil {
		t.Fatal(err)
	}
	analysis := "6238a3a27d792400139e5b47"
	data := []client.WidgetData{{Origin: "62308e38de51960019697e76", Variables: client.StringList{"t"}}}
	if err := c.Widgets.Update(ctx, testDashboardID, testWidgetID, client.WidgetUpdate{
		AnalysisRun: &analysis, Data: &data, Display: json.RawMessage(`{"a":1}`),
	}); err != nil {
		t.Fatal(err)
	}
	reqs := api.Requests()
	if reqs[0].Method != http.MethodPut || reqs[0].Path != "/dashboard/"+testDashboardID+"/widget/"+testWidgetID {
		t.Errorf("request = %s %s", reqs[0].Method, reqs[0].Path)
	}
	if reqs[0].Body != `{"label":"Renamed","analysis_run":null}` {
		t.Errorf("first body = %s", reqs[0].Body)
	}
	if reqs[1].Body != `{"analysis_run":"6238a3a27d792400139e5b47","data":[{"origin":"62308e38de51960019697e76","variables":["t"]}],"display":{"a":1}}` {
		t.Errorf("second body = %s", reqs[1].Body)
	}
}

func TestWidgets_Delete(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ string) { ok(w, "Successfully Removed") })
	c, _ := newTestClient(t, api.URL)
	if err := c.Widgets.Delete(context.Background(), testDashboardID, testWidgetID); err != nil {
		t.Fatal(err)
	}
	if got := api.Requests()[0]; got.Method != http.MethodDelete || got.Path != "/dashboard/"+testDashboardID+"/widget/"+testWidgetID {
		t.Errorf("request = %s %s", got.Method, got.Path)
	}
}
