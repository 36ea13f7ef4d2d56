package dataplane

import (
	"context"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// call is the one place the chunk, export, ingest, tag and widget calls (chunks.go,
// exports.go, ingest.go, tags.go, widgets.go) reach the transport, so that moving the
// package onto another client type changes this function only.
func call(ctx context.Context, c *Client, method, path string, query map[string][]string, body, out any) error {
	return c.do(ctx, client.Request{Method: method, Path: path, Query: query, Body: body}, out)
}

// ArgumentError is a call refused before any request was sent (a required argument is
// missing or malformed), or an answer the package could not read.
type ArgumentError struct {
	Field  string
	Reason string
}

func (e *ArgumentError) Error() string { return "dataplane: " + e.Field + " " + e.Reason }
