package client

import (
	"context"
	"net/http"
	"net/url"
)

// Secret is a profile secret as GET /secrets/{id} returns it (JS SDK SecretsInfo, docs/api-notes.md §2.14).
// The API never returns the value, only its length.
type Secret struct {
	ID          string `json:"id"`
	Key         string `json:"key"`
	Tags        []Tag  `json:"tags"`
	ValueLength *int64 `json:"value_length"`
	CreatedAt   string `json:"created_at"`
	UpdatedAt   string `json:"updated_at"`
}

// SecretCreate is the POST /secrets body.
type SecretCreate struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Tags  []Tag  `json:"tags"`
}

// SecretUpdate is a partial PUT /secrets/{id} body: the key cannot be edited, only the value and
// the tags (which replace the whole list).
type SecretUpdate struct {
	Value *string `json:"value,omitempty"`
	Tags  *[]Tag  `json:"tags,omitempty"`
}

// IsEmpty reports an update with nothing to send.
func (u SecretUpdate) IsEmpty() bool { return u.Value == nil && u.Tags == nil }

// secretCreateResult accepts the SDK's {id} and the {secret}/{secret_id} forms other TagoIO
// create routes use, since docs/api-notes.md does not pin this one down.
type secretCreateResult struct {
	ID       string `json:"id"`
	Secret   string `json:"secret"`
	SecretID string `json:"secret_id"`
}

// SecretsService is /secrets.
type SecretsService struct{ c *Client }

var secretFields = []string{"id", "key", "tags", "value_length", "created_at", "updated_at"}

// Create creates a secret and returns its id. The value is registered with the masker before
// the request can be logged.
func (s *SecretsService) Create(ctx context.Context, in SecretCreate) (string, error) {
	s.c.masker.Add(in.Value)
	if in.Tags == nil {
		in.Tags = []Tag{}
	}
	var out secretCreateResult
	adopted, err := s.c.create(ctx, createSpec{
		kind: "secret",
		name: in.Key,
		req:  Request{Method: http.MethodPost, Path: "/secrets", Body: in, Sensitive: true},
		lookup: func(ctx context.Context) ([]candidate, error) {
			secrets, err := s.List(ctx, ListOptions{Filter: map[string]string{"key": in.Key}})
			if err != nil {
				return nil, err
			}
			found := make([]candidate, 0, len(secrets))
			for _, sec := range secrets {
				found = append(found, candidate{ID: sec.ID, Name: sec.Key, CreatedAt: sec.CreatedAt})
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
	return firstNonEmpty(out.ID, out.Secret, out.SecretID), nil
}

// Get reads one secret (without its value).
func (s *SecretsService) Get(ctx context.Context, id string) (*Secret, error) {
	var out Secret
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/secrets/" + url.PathEscape(id)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Update edits a secret's value and/or tags.
func (s *SecretsService) Update(ctx context.Context, id string, in SecretUpdate) error {
	if in.Value != nil {
		s.c.masker.Add(*in.Value)
	}
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: "/secrets/" + url.PathEscape(id), Body: in, Sensitive: true}, nil)
}

// Delete deletes a secret.
func (s *SecretsService) Delete(ctx context.Context, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: "/secrets/" + url.PathEscape(id)}, nil)
}

// List lists every secret matching opts (all pages), ordered by key unless opts say otherwise.
// The key filter treats "*" as a wildcard.
func (s *SecretsService) List(ctx context.Context, opts ListOptions) ([]Secret, error) {
	if opts.Fields == nil {
		opts.Fields = secretFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "key,asc"
	}
	return ListAll[Secret](ctx, s.c, "/secrets", opts)
}
