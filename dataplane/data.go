package dataplane

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// Insert defaults.
const (
	// DefaultMaxBatchBytes keeps a 10% margin under the API's 200 kB body limit, in case the
	// server measures a body differently (after decompression, with a charset conversion).
	DefaultMaxBatchBytes = MaxRequestBytes * 9 / 10
	// DefaultConcurrency bounds the insert requests in flight: enough to hide latency, few
	// enough to stay inside the per-minute rate limits of a free plan for a while.
	DefaultConcurrency = 4
)

// Option tunes a Device or DeviceData.
type Option func(*dataAPI)

// WithConcurrency sets how many insert requests may be in flight at once (default 4).
func WithConcurrency(n int) Option {
	return func(d *dataAPI) {
		if n > 0 {
			d.concurrency = n
		}
	}
}

// WithMaxBatchBytes sets the largest insert body (default DefaultMaxBatchBytes); values above
// MaxRequestBytes are lowered to it.
func WithMaxBatchBytes(n int) Option {
	return func(d *dataAPI) {
		if n > 0 {
			d.maxBatchBytes = min(n, MaxRequestBytes)
		}
	}
}

// WithArrayStyle sets how lists are written in query strings (default ArrayIndices).
func WithArrayStyle(s ArrayStyle) Option { return func(d *dataAPI) { d.style = s } }

// dataAPI is the data routes of one device: /data with a device token, /device/{id}/data with
// a profile or analysis token. The payloads are the same (docs/api-notes.md §3).
type dataAPI struct {
	c             *Client
	path          string
	maxBatchBytes int
	concurrency   int
	style         ArrayStyle
	now           func() time.Time
	newGroup      func() string
}

func newDataAPI(c *Client, path string, opts []Option) *dataAPI {
	d := &dataAPI{
		c: c, path: path, maxBatchBytes: DefaultMaxBatchBytes, concurrency: DefaultConcurrency,
		now: time.Now, newGroup: newGroupID,
	}
	for _, o := range opts {
		o(d)
	}
	return d
}

// Insert validates every record, then sends them in as few requests as the 200 kB limit
// allows, at most the configured number at a time, and returns how many records the API added.
//
// Before splitting, a record without Time gets the moment of the call and a record without Group
// gets one group shared by the whole call, so that a split insert stores exactly what one request
// would have: the records' time and group say their order, not the order the requests land in.
// Variables are lowercased, as the API stores them.
//
// A record that breaks a rule fails the whole call with a *ValidationError before anything is
// sent. When requests fail, the others are still sent and the error is an *InsertError naming
// the failed batches and their records.
func (d *dataAPI) Insert(ctx context.Context, records ...Record) (int, error) {
	if len(records) == 0 {
		return 0, nil
	}
	batches, err := d.prepareInsert(records)
	if err != nil {
		return 0, err
	}
	return d.sendBatches(ctx, batches)
}

// batch is one insert request: records first..last (inclusive) of the call, encoded.
type batch struct {
	first, last int
	body        []byte
}

// prepareInsert fixes time and group, validates, encodes and splits.
func (d *dataAPI) prepareInsert(records []Record) ([]batch, error) {
	now, group := d.now(), ""
	fixed := make([]Record, len(records))
	var problems []*RecordError
	for i, r := range records {
		problems = append(problems, normalizeRecord(i, &r)...)
		if r.Time.IsZero() {
			r.Time = now
		}
		if r.Group == "" {
			if group == "" {
				group = d.newGroup()
			}
			r.Group = group
		}
		// The API sets these; an insert that carries a found record's must not send them.
		r.ID, r.Device, r.CreatedAt = "", "", time.Time{}
		fixed[i] = r
	}
	if len(problems) > 0 {
		return nil, &ValidationError{Problems: problems}
	}
	return encodeBatches(fixed, d.maxBatchBytes)
}

// encodeBatches encodes each record once and packs consecutive records into JSON arrays of at
// most maxBytes.
func encodeBatches(records []Record, maxBytes int) ([]batch, error) {
	var batches []batch
	var buf bytes.Buffer
	start := 0
	flush := func(end int) {
		buf.WriteByte(']')
		body := make([]byte, buf.Len())
		copy(body, buf.Bytes())
		batches = append(batches, batch{first: start, last: end - 1, body: body})
		buf.Reset()
		start = end
	}
	buf.Grow(maxBytes)
	// One encoder on a scratch buffer: encoding the wire struct directly skips the re-compaction
	// json.Marshal applies to a MarshalJSON result.
	var scratch bytes.Buffer
	encoder := json.NewEncoder(&scratch)
	var times timeCache
	for i := range records {
		scratch.Reset()
		err := encoder.Encode(records[i].wire(&times))
		enc := bytes.TrimSuffix(scratch.Bytes(), []byte{'\n'})
		if err != nil {
			return nil, &ValidationError{Problems: []*RecordError{{Index: i, Field: "record", Problem: "cannot be written as JSON: " + err.Error()}}}
		}
		if len(enc)+2 > maxBytes {
			return nil, &ValidationError{Problems: []*RecordError{{Index: i, Field: "record",
				Problem: fmt.Sprintf("is %d bytes as JSON, more than one request may carry (%d)", len(enc), maxBytes)}}}
		}
		// +1 for the separator or the opening bracket, +1 for the closing bracket.
		if buf.Len() > 0 && buf.Len()+1+len(enc)+1 > maxBytes {
			flush(i)
		}
		if buf.Len() == 0 {
			buf.WriteByte('[')
		} else {
			buf.WriteByte(',')
		}
		buf.Write(enc)
	}
	flush(len(records))
	return batches, nil
}

// BatchError is one insert request that failed.
type BatchError struct {
	Batch       int // 0-based, in the order of the records
	First, Last int // the records it carried (indexes of the Insert call, inclusive)
	Err         error
}

func (e BatchError) Error() string {
	return fmt.Sprintf("batch %d (records %d-%d): %v", e.Batch, e.First, e.Last, e.Err)
}

// InsertError reports the insert requests that failed; the other batches were added. A batch
// whose request got no answer may have been stored anyway (a POST is never re-sent blindly).
type InsertError struct {
	Batches int // requests in the call
	Added   int // records the API reported added by the requests that succeeded
	Failed  []BatchError
}

func (e *InsertError) Error() string {
	parts := make([]string, len(e.Failed))
	for i, f := range e.Failed {
		parts[i] = f.Error()
	}
	return fmt.Sprintf("%d of %d insert requests failed (%d records were added by the others): %s",
		len(e.Failed), e.Batches, e.Added, strings.Join(parts, "; "))
}

// Unwrap exposes each batch's error to errors.Is and errors.As.
func (e *InsertError) Unwrap() []error {
	errs := make([]error, len(e.Failed))
	for i, f := range e.Failed {
		errs[i] = f.Err
	}
	return errs
}

// sendBatches posts every batch with at most d.concurrency in flight.
func (d *dataAPI) sendBatches(ctx context.Context, batches []batch) (int, error) {
	added := make([]int, len(batches))
	errs := make([]error, len(batches))
	slots := make(chan struct{}, d.concurrency)
	var wg sync.WaitGroup
	for i := range batches {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			errs[i] = ctx.Err() // not sent
			continue
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer func() { <-slots }()
			added[i], errs[i] = d.postBatch(ctx, batches[i])
		}(i)
	}
	wg.Wait()
	result := &InsertError{Batches: len(batches)}
	for i, err := range errs {
		if err != nil {
			result.Failed = append(result.Failed, BatchError{Batch: i, First: batches[i].first, Last: batches[i].last, Err: err})
			continue
		}
		result.Added += added[i]
	}
	if len(result.Failed) > 0 {
		return result.Added, result
	}
	return result.Added, nil
}

func (d *dataAPI) postBatch(ctx context.Context, b batch) (int, error) {
	var raw json.RawMessage
	if err := d.c.do(ctx, client.Request{Method: http.MethodPost, Path: d.path, Body: b.body}, &raw); err != nil {
		return 0, err
	}
	if n, ok := leadingCount(raw); ok {
		return n, nil
	}
	// The reference documents "<n> Data Added"; any other success counts the batch.
	return b.last - b.first + 1, nil
}

var leadingNumber = regexp.MustCompile(`^\s*(\d+)`)

// leadingCount reads the n of "<n> Data Added" / "<n> Data Removed" (or a bare number).
func leadingCount(raw json.RawMessage) (int, bool) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		s = string(raw)
	}
	m := leadingNumber.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// Find returns the records the query selects. Summary queries (count, avg, sum, and others on
// some servers) answer a bare number; Find returns it as one record whose Value is that number
// and whose Time is now, as the official SDKs do. FindNumber returns it directly.
func (d *dataAPI) Find(ctx context.Context, q Query) ([]Record, error) {
	raw, err := d.get(ctx, q)
	if err != nil {
		return nil, err
	}
	if n, ok := numberResult(raw); ok {
		return []Record{{Value: n, Time: d.now().UTC()}}, nil
	}
	records, err := decodeRecords(raw)
	if err != nil {
		var one Record // tolerate a single object
		if json.Unmarshal(raw, &one) != nil {
			return nil, fmt.Errorf("TagoIO API GET %s: unexpected result: %w", d.path, err)
		}
		records = []Record{one}
	}
	return records, nil
}

// FindNumber runs a summary query (count, avg, sum, min, max) and returns its number. It reads
// the bare number the API answers and, tolerantly, the [{time, value}] form the JS SDK's types
// describe; no record at all is 0.
func (d *dataAPI) FindNumber(ctx context.Context, q Query) (float64, error) {
	raw, err := d.get(ctx, q)
	if err != nil {
		return 0, err
	}
	if n, ok := numberResult(raw); ok {
		return n, nil
	}
	records, err := decodeRecords(raw)
	if err != nil {
		return 0, fmt.Errorf("TagoIO API GET %s: expected a number: %w", d.path, err)
	}
	if len(records) == 0 {
		return 0, nil
	}
	switch v := records[0].Value.(type) {
	case float64:
		return v, nil
	case string: // a numeric text value, as min/max may return the record itself
		if n, err := strconv.ParseFloat(v, 64); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("TagoIO API GET %s: the %q query answered a record whose value %v is not a number", d.path, q.Query, records[0].Value)
}

func (d *dataAPI) get(ctx context.Context, q Query) (json.RawMessage, error) {
	values, err := q.Encode(d.style)
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	err = d.c.do(ctx, client.Request{Method: http.MethodGet, Path: d.path, Query: values}, &raw)
	return raw, err
}

// Remove deletes the records the query selects and returns how many the API removed. An empty
// query removes the last record only (query=last_item, as the SDKs' remove() without
// arguments), never the API's default of the last 15. Only mutable devices accept it.
func (d *dataAPI) Remove(ctx context.Context, q Query) (int, error) {
	if q.isEmpty() {
		q.Query = QueryLastItem
	}
	values, err := q.Encode(d.style)
	if err != nil {
		return 0, err
	}
	var raw json.RawMessage
	if err := d.c.do(ctx, client.Request{Method: http.MethodDelete, Path: d.path, Query: values}, &raw); err != nil {
		return 0, err
	}
	n, _ := leadingCount(raw)
	return n, nil
}

// RemoveVariableOrID is the original SDK's remove("variable_or_id"): a 24-hex string is taken
// as a record ID, anything else as a variable (its last 15 records, the API's default qty).
func (d *dataAPI) RemoveVariableOrID(ctx context.Context, variableOrID string) (int, error) {
	if isObjectID(variableOrID) {
		return d.Remove(ctx, Query{IDs: []string{variableOrID}})
	}
	return d.Remove(ctx, Query{Variables: []string{variableOrID}})
}

func isObjectID(s string) bool {
	if len(s) != 24 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// newGroupID returns an ID shaped like TagoIO's: 4 bytes of Unix time and 8 random bytes.
func newGroupID() string {
	var b [12]byte
	binary.BigEndian.PutUint32(b[:4], uint32(time.Now().Unix()))
	_, _ = rand.Read(b[4:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}
