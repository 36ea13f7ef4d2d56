package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// RunUser is a TagoRUN user as GET /run/users/{id} returns it (docs/api-notes.md §2.11). The password is
// never returned.
type RunUser struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	Email      string          `json:"email"`
	Timezone   *string         `json:"timezone"`
	Company    *string         `json:"company"`
	Phone      *string         `json:"phone"`
	Language   *string         `json:"language"`
	Active     bool            `json:"active"`
	Tags       []Tag           `json:"tags"`
	Options    *RunUserOptions `json:"options"`
	Profile    string          `json:"profile"`
	Newsletter *bool           `json:"newsletter"`
	LastLogin  *string         `json:"last_login"`
	CreatedAt  string          `json:"created_at"`
	UpdatedAt  string          `json:"updated_at"`
}

// RunUserOptions are the user's display preferences. Only the fields set are sent.
type RunUserOptions struct {
	DecimalSeparator  *string `json:"decimal_separator,omitempty"`
	ThousandSeparator *string `json:"thousand_separator,omitempty"`
	DateFormat        *string `json:"date_format,omitempty"`
	TimeFormat        *string `json:"time_format,omitempty"`
}

// RunUserCreate is the POST /run/users body. Timezone is optional in the OAS but required by the
// JS SDK's type (docs/api-notes.md §8.15): callers should always set it.
type RunUserCreate struct {
	Name     string          `json:"name"`
	Email    string          `json:"email"`
	Password string          `json:"password"`
	Timezone string          `json:"timezone,omitempty"`
	Company  *string         `json:"company,omitempty"`
	Phone    *string         `json:"phone,omitempty"`
	Language *string         `json:"language,omitempty"`
	Tags     []Tag           `json:"tags"`
	Active   *bool           `json:"active,omitempty"`
	Options  *RunUserOptions `json:"options,omitempty"`
}

// RunUserUpdate is a partial PUT /run/users/{id} body: only non-nil fields are sent. The email
// cannot be changed. To clear a text, send an empty string; tags replace the whole list.
type RunUserUpdate struct {
	Name     *string         `json:"name,omitempty"`
	Password *string         `json:"password,omitempty"`
	Timezone *string         `json:"timezone,omitempty"`
	Company  *string         `json:"company,omitempty"`
	Phone    *string         `json:"phone,omitempty"`
	Language *string         `json:"language,omitempty"`
	Tags     *[]Tag          `json:"tags,omitempty"`
	Active   *bool           `json:"active,omitempty"`
	Options  *RunUserOptions `json:"options,omitempty"`
}

// IsEmpty reports an update with nothing to send.
func (u RunUserUpdate) IsEmpty() bool { return u == RunUserUpdate{} }

// runUserCreateResult is what POST /run/users returns: {user: id} in every source; "id" is
// accepted too, as other create routes use it.
type runUserCreateResult struct {
	User string `json:"user"`
	ID   string `json:"id"`
}

// RunUsersService is /run/users.
type RunUsersService struct{ c *Client }

// runUserListFields are the fields the client asks for in lists: enough for lookups and the
// plural data source.
var runUserListFields = []string{
	"id", "name", "email", "active", "timezone", "company", "phone", "language", "tags", "last_login", "created_at", "updated_at",
}

// Create creates a run user and returns its id. The password is masked in every log and error.
// Emails are unique per RUN, so a create whose answer was lost is recovered by looking the email up.
func (s *RunUsersService) Create(ctx context.Context, in RunUserCreate) (string, error) {
	s.c.masker.Add(in.Password)
	if in.Tags == nil {
		in.Tags = []Tag{}
	}
	var out runUserCreateResult
	adopted, err := s.c.create(ctx, createSpec{
		kind: "run user",
		name: in.Email,
		req:  Request{Method: http.MethodPost, Path: "/run/users", Body: in},
		lookup: func(ctx context.Context) ([]candidate, error) {
			users, err := s.List(ctx, ListOptions{Fields: []string{"id", "email", "created_at"}, Filter: map[string]string{"email": in.Email}})
			if err != nil {
				return nil, err
			}
			found := make([]candidate, 0, len(users))
			for _, u := range users {
				found = append(found, candidate{ID: u.ID, Name: u.Email, CreatedAt: u.CreatedAt})
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
	return firstNonEmpty(out.User, out.ID), nil
}

// Get reads one run user. The OAS documents the result as a one-element array while the SDKs
// read an object; both are accepted.
func (s *RunUsersService) Get(ctx context.Context, id string) (*RunUser, error) {
	path := "/run/users/" + url.PathEscape(id)
	var raw json.RawMessage
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: path}, &raw); err != nil {
		return nil, err
	}
	if trimmed := bytes.TrimSpace(raw); len(trimmed) > 0 && trimmed[0] == '[' {
		var users []RunUser
		if err := json.Unmarshal(trimmed, &users); err != nil {
			return nil, s.unexpected(path, err, raw)
		}
		if len(users) == 0 {
			return nil, &APIError{StatusCode: http.StatusNotFound, Message: "User Not Found", Method: http.MethodGet, Path: path}
		}
		return &users[0], nil
	}
	var u RunUser
	if err := json.Unmarshal(raw, &u); err != nil {
		return nil, s.unexpected(path, err, raw)
	}
	return &u, nil
}

func (s *RunUsersService) unexpected(path string, err error, raw []byte) error {
	return fmt.Errorf("TagoIO API GET %s: unexpected result (%v): %s", s.c.masker.String(path), err, truncate(s.c.masker.Body(raw), 300))
}

// Update edits a run user (partial). A new password is masked in every log and error.
func (s *RunUsersService) Update(ctx context.Context, id string, in RunUserUpdate) error {
	if in.Password != nil {
		s.c.masker.Add(*in.Password)
	}
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: "/run/users/" + url.PathEscape(id), Body: in}, nil)
}

// Delete deletes a run user and its sessions.
func (s *RunUsersService) Delete(ctx context.Context, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: "/run/users/" + url.PathEscape(id)}, nil)
}

// List lists every run user matching opts (all pages), ordered by name unless opts say
// otherwise. Without Fields it asks for the client's list fields.
func (s *RunUsersService) List(ctx context.Context, opts ListOptions) ([]RunUser, error) {
	if opts.Fields == nil {
		opts.Fields = runUserListFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "name,asc"
	}
	return ListAll[RunUser](ctx, s.c, "/run/users", opts)
}
