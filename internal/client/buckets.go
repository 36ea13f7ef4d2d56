package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
)

// Bucket is a legacy, standalone bucket as GET /bucket/{id} returned it before TagoIO gave every
// device its own storage (docs/api-notes.md §2.4; original Python SDK "Buckets"). Current SDKs no longer
// call these routes; a TagoIO that no longer serves them answers with a route-level not-found,
// which IsRouteMissing recognises.
type Bucket struct {
	ID            string  `json:"id"`
	Name          string  `json:"name"`
	Description   *string `json:"description"`
	Visible       *bool   `json:"visible"`
	Tags          []Tag   `json:"tags"`
	Profile       string  `json:"profile"`
	Type          string  `json:"type"`
	DataRetention *string `json:"data_retention"`
	CreatedAt     string  `json:"created_at"`
	UpdatedAt     string  `json:"updated_at"`
}

// BucketCreate is the POST /bucket body (name, description, visible, tags).
type BucketCreate struct {
	Name        string  `json:"name"`
	Description *string `json:"description,omitempty"`
	Visible     *bool   `json:"visible,omitempty"`
	Tags        []Tag   `json:"tags"`
}

// BucketUpdate is a partial PUT /bucket/{id} body. To clear the description, send "". Tags
// replace the whole list.
type BucketUpdate struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Visible     *bool   `json:"visible,omitempty"`
	Tags        *[]Tag  `json:"tags,omitempty"`
}

// IsEmpty reports an update with nothing to send.
func (u BucketUpdate) IsEmpty() bool {
	return u.Name == nil && u.Description == nil && u.Visible == nil && u.Tags == nil
}

// bucketCreateResult accepts the Python SDK's {bucket} and the {id}/{bucket_id} forms.
type bucketCreateResult struct {
	Bucket   string `json:"bucket"`
	ID       string `json:"id"`
	BucketID string `json:"bucket_id"`
}

// BucketsService is the legacy /bucket routes.
type BucketsService struct{ c *Client }

var bucketListFields = []string{"id", "name", "description", "visible", "tags", "type", "created_at", "updated_at"}

// Create creates a legacy bucket and returns its id.
func (s *BucketsService) Create(ctx context.Context, in BucketCreate) (string, error) {
	if in.Tags == nil {
		in.Tags = []Tag{}
	}
	var out bucketCreateResult
	adopted, err := s.c.create(ctx, createSpec{
		kind: "bucket",
		name: in.Name,
		req:  Request{Method: http.MethodPost, Path: "/bucket", Body: in},
		lookup: func(ctx context.Context) ([]candidate, error) {
			buckets, err := s.List(ctx, ListOptions{Filter: map[string]string{"name": in.Name}})
			if err != nil {
				return nil, err
			}
			found := make([]candidate, 0, len(buckets))
			for _, b := range buckets {
				found = append(found, candidate{ID: b.ID, Name: b.Name, CreatedAt: b.CreatedAt})
			}
			return found, nil
		},
	}, &out)
	if err != nil {
		return "", err
	}
	if adopted != "" {
		return adopted, nil
	}
	return firstNonEmpty(out.Bucket, out.ID, out.BucketID), nil
}

// Get reads one legacy bucket.
func (s *BucketsService) Get(ctx context.Context, id string) (*Bucket, error) {
	var out Bucket
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/bucket/" + url.PathEscape(id)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Update edits a legacy bucket (partial).
func (s *BucketsService) Update(ctx context.Context, id string, in BucketUpdate) error {
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: "/bucket/" + url.PathEscape(id), Body: in}, nil)
}

// Delete deletes a legacy bucket.
func (s *BucketsService) Delete(ctx context.Context, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: "/bucket/" + url.PathEscape(id)}, nil)
}

// List lists every legacy bucket matching opts (all pages), ordered by name.
func (s *BucketsService) List(ctx context.Context, opts ListOptions) ([]Bucket, error) {
	if opts.Fields == nil {
		opts.Fields = bucketListFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "name,asc"
	}
	return ListAll[Bucket](ctx, s.c, "/bucket", opts)
}

// DataAmount is the number of data records a legacy bucket holds.
func (s *BucketsService) DataAmount(ctx context.Context, id string) (int64, error) {
	var n json.Number
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/bucket/" + url.PathEscape(id) + "/data_amount"}, &n); err != nil {
		return 0, err
	}
	return n.Int64()
}

// Variables lists the variable names in use in a bucket, sorted and without repeats. The route
// answers objects ({variable, origin, amount?}, JS SDK VariablesInfo) or, in older versions,
// plain strings; both are read. It also answers for a device id, the device being its own bucket.
func (s *BucketsService) Variables(ctx context.Context, id string) ([]string, error) {
	var items []json.RawMessage
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/bucket/" + url.PathEscape(id) + "/variable"}, &items); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	names := []string{}
	for _, item := range items {
		var name string
		if json.Unmarshal(item, &name) != nil {
			var obj struct {
				Variable string `json:"variable"`
			}
			if json.Unmarshal(item, &obj) != nil {
				continue
			}
			name = obj.Variable
		}
		if name != "" && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names, nil
}
