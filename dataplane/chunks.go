package dataplane

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Chunk is one time chunk of an immutable device: the records whose time falls in
// [From, To]. An immutable device keeps its current chunk and as many before it as its
// chunk retention says (TagoIO's chunk management docs).
type Chunk struct {
	ID     string    // "<from Unix seconds>_<to Unix seconds>"
	From   time.Time // inclusive
	To     time.Time // inclusive, to the millisecond
	Amount int64     // records in the chunk
}

type wireChunk struct {
	ID     string   `json:"id"`
	From   string   `json:"from"`
	To     string   `json:"to"`
	Amount *float64 `json:"amount"`
}

// devicePath is /device/{id} of a DeviceData (whose data path is /device/{id}/data).
func (d *DeviceData) devicePath() string { return strings.TrimSuffix(d.path, "/data") }

// Chunks lists the device's chunks, newest first (GET /device/{id}/chunk). Only
// immutable devices have chunks; for others the API answers an error.
func (d *DeviceData) Chunks(ctx context.Context) ([]Chunk, error) {
	var wire []wireChunk
	if err := call(ctx, d.c, http.MethodGet, d.devicePath()+"/chunk", nil, nil, &wire); err != nil {
		return nil, err
	}
	out := make([]Chunk, 0, len(wire))
	for _, w := range wire {
		ch := Chunk{ID: w.ID}
		if w.Amount != nil {
			ch.Amount = int64(*w.Amount)
		}
		var err error
		if ch.From, err = time.Parse(time.RFC3339Nano, w.From); err != nil {
			return nil, &ArgumentError{Field: "chunk.from", Reason: "the API answered an unreadable date " + w.From}
		}
		if ch.To, err = time.Parse(time.RFC3339Nano, w.To); err != nil {
			return nil, &ArgumentError{Field: "chunk.to", Reason: "the API answered an unreadable date " + w.To}
		}
		out = append(out, ch)
	}
	return out, nil
}

// DeleteChunk removes every record of one chunk (DELETE /device/{id}/chunk/{chunkID}).
func (d *DeviceData) DeleteChunk(ctx context.Context, chunkID string) error {
	if chunkID == "" {
		return &ArgumentError{Field: "chunkID", Reason: "is required"}
	}
	return call(ctx, d.c, http.MethodDelete, d.devicePath()+"/chunk/"+url.PathEscape(chunkID), nil, nil, nil)
}
