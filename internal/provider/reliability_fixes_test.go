package provider

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// losingProxy forwards to the emulator and, for the first request that lose matches, replaces
// the emulator's answer with a 500 after the emulator processed it: the client cannot know that
// the request succeeded.
func losingProxy(t *testing.T, target string, lose func(*http.Request) bool) (string, *atomic.Int32) {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	var lost atomic.Int32
	proxy := httputil.NewSingleHostReverseProxy(u)
	proxy.ModifyResponse = func(resp *http.Response) error {
		if lose(resp.Request) && lost.CompareAndSwap(0, 1) {
			_ = resp.Body.Close()
			resp.StatusCode = http.StatusInternalServerError
			resp.Body = io.NopCloser(strings.NewReader(`{"status":false,"message":"Internal Server Error"}`))
			resp.ContentLength = -1
			resp.Header.Del("Content-Length")
		}
		return nil
	}
	front := httptest.NewServer(proxy)
	t.Cleanup(front.Close)
	return front.URL, &lost
}

// A parameter save whose answer was lost had created the parameters: the sync lists them again
// instead of sending the save twice, so no parameter is duplicated.
func TestDeviceSyncParams_lostAnswerCreatesNoDuplicate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	inProcessOnly(t, "lost answers and request stats")
	server := emulator.NewTestServer(t, emulator.Options{})
	front, lost := losingProxy(t, server.URL, func(r *http.Request) bool {
		return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/params")
	})
	c, err := client.New(client.Config{BaseURL: front, Token: server.Token, MaxRetries: 2, RetryWaitMin: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	dev, err := c.Devices.Create(ctx, client.DeviceCreate{Name: "tfacc-Params", Type: "mutable", Connector: httpsConnectorID, Network: httpNetworkID})
	if err != nil {
		t.Fatal(err)
	}
	r := &deviceResource{client: c}
	desired := []client.DeviceParam{{Key: "interval", Value: "30"}, {Key: "mode", Value: "eco"}}
	if err := r.syncParams(ctx, dev.ID, desired); err != nil {
		t.Fatalf("syncParams: %v", err)
	}
	if lost.Load() != 1 {
		t.Fatal("no answer was lost: the test did not test anything")
	}
	params, err := c.Devices.ListParams(ctx, dev.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range params {
		got = append(got, p.Key+"="+p.Value)
	}
	if strings.Join(got, ",") != "interval=30,mode=eco" {
		t.Errorf("parameters = %v, want interval=30,mode=eco once each", got)
	}
}
