package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// The client's hot paths, for `go test -bench . -benchmem` (make bench runs them): decoding the
// envelope of every answer, the whole path of one request, and walking a paged list.

// benchDevice is a device as GET /device/{id} returns it.
func benchDevice(i int) map[string]any {
	return map[string]any{
		"id": fmt.Sprintf("6298fcc3e0b6840012b6%04x", i), "name": "Boiler room " + strconv.Itoa(i),
		"description": "Gas boiler, building A", "active": true, "visible": true,
		"profile": "6298fcc3e0b6840012b6abf0", "type": "mutable", "connector": "62333bd36977fc001a2990c8",
		"network": "62336c32ab6e0d0012e06c04", "payload_decoder": nil,
		"tags":       []map[string]string{{"key": "site", "value": "building-a"}, {"key": "kind", "value": "boiler"}},
		"created_at": "2024-05-01T10:00:00.000Z", "updated_at": "2024-05-01T10:00:00.000Z", "last_input": nil,
	}
}

func benchEnvelope(b *testing.B, result any) []byte {
	b.Helper()
	raw, err := json.Marshal(map[string]any{"status": true, "result": result})
	if err != nil {
		b.Fatal(err)
	}
	return raw
}

func benchClient(b *testing.B, url string, rt http.RoundTripper) *Client {
	b.Helper()
	cfg := Config{BaseURL: url, Token: "p-00000000-1111-2222-3333-444444444444"}
	if rt != nil {
		cfg.HTTPClient = &http.Client{Transport: rt}
	}
	c, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkDecodeEnvelope is what Do does with every answer's bytes: read the envelope, then the
// result into its type. One device (a read after create or a refresh), and a page of 1000.
func BenchmarkDecodeEnvelope(b *testing.B) {
	list := make([]map[string]any, 1000)
	for i := range list {
		list[i] = benchDevice(i)
	}
	c := benchClient(b, "http://api.invalid", nil)
	resp := &http.Response{StatusCode: http.StatusOK, Header: http.Header{}}
	for _, tc := range []struct {
		name  string
		body  []byte
		items int
	}{{"device", benchEnvelope(b, benchDevice(1)), 1}, {"page_of_1000_devices", benchEnvelope(b, list), 1000}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.body)))
			b.ReportAllocs()
			for b.Loop() {
				raw, err := c.decode(http.MethodGet, "/device", resp, tc.body)
				if err != nil {
					b.Fatal(err)
				}
				var devices []Device
				if tc.items == 1 {
					devices = make([]Device, 1)
					err = json.Unmarshal(raw, &devices[0])
				} else {
					err = json.Unmarshal(raw, &devices)
				}
				if err != nil || len(devices) != tc.items || devices[0].Name == "" {
					b.Fatalf("decoded %d devices (%v)", len(devices), err)
				}
			}
		})
	}
}

// cannedTransport answers every request with the same body, without a network.
type cannedTransport struct{ body []byte }

func (t cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(t.body)), Request: req}, nil
}

// BenchmarkGetDevice is the whole client path of one request (request building, retry policy,
// pacing, masking, logging hooks, envelope) on an in-memory transport: the client's own cost per
// request, which a refresh pays once per resource. With 500 secrets known to the masker (the
// tokens a large configuration makes it learn), masking must not make it grow.
func BenchmarkGetDevice(b *testing.B) {
	body := benchEnvelope(b, benchDevice(1))
	for _, secrets := range []int{0, 500} {
		b.Run(fmt.Sprintf("secrets_%d", secrets), func(b *testing.B) {
			c := benchClient(b, "http://api.invalid", cannedTransport{body: body})
			for i := range secrets {
				c.masker.Add(fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i))
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				d, err := c.Devices.Get(ctx, "6298fcc3e0b6840012b60001")
				if err != nil || d.Name != "Boiler room 1" {
					b.Fatalf("%+v, %v", d, err)
				}
			}
		})
	}
}

// BenchmarkListAllPages walks 2500 devices in pages of 1000 (three requests) through an
// httptest server: what a data source listing a large account pays.
func BenchmarkListAllPages(b *testing.B) {
	const total = 2500
	pages := map[string][]byte{}
	for page := 1; (page-1)*DefaultPageSize < total; page++ {
		var items []map[string]any
		for i := (page - 1) * DefaultPageSize; i < min(page*DefaultPageSize, total); i++ {
			items = append(items, benchDevice(i))
		}
		pages[strconv.Itoa(page)] = benchEnvelope(b, items)
	}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Query().Get("page")]
		if !ok {
			body = []byte(`{"status":true,"result":[]}`)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer server.Close()
	c := benchClient(b, server.URL, nil)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		devices, err := ListAll[Device](ctx, c, "/device", ListOptions{})
		if err != nil || len(devices) != total {
			b.Fatalf("listed %d devices (%v)", len(devices), err)
		}
	}
	b.ReportMetric(float64(total), "objects/op")
}
