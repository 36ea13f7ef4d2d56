package client

import (
	"context"
	"net/http"
	"net/url"
)

// AccessPolicy is an Access Management policy as GET /am/{id} returns it (docs/api-notes.md §2.12).
// Targets and permission resources are string tuples such as ["run_user", "id", "<id>"]. The API
// returns the permissions sorted allow-before-deny, whatever order they were sent in. Lists never
// include Targets or Permissions.
type AccessPolicy struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	Active      bool               `json:"active"`
	Profile     string             `json:"profile"`
	Tags        []Tag              `json:"tags"`
	Targets     [][]string         `json:"targets"`
	Permissions []AccessPermission `json:"permissions"`
	CreatedAt   string             `json:"created_at"`
	UpdatedAt   *string            `json:"updated_at"`
}

// AccessPermission is one rule of a policy: the effect ("allow" or "deny") of the actions on the
// resource tuple.
type AccessPermission struct {
	Effect   string   `json:"effect"`
	Action   []string `json:"action"`
	Resource []string `json:"resource"`
}

// AccessPolicyCreate is the POST /am body.
type AccessPolicyCreate struct {
	Name        string             `json:"name"`
	Active      bool               `json:"active"`
	Targets     [][]string         `json:"targets"`
	Permissions []AccessPermission `json:"permissions"`
	Tags        []Tag              `json:"tags"`
}

// AccessPolicyUpdate is a partial PUT /am/{id} body: only non-nil fields are sent. Targets,
// permissions and tags replace the whole list when present.
type AccessPolicyUpdate struct {
	Name        *string             `json:"name,omitempty"`
	Active      *bool               `json:"active,omitempty"`
	Targets     *[][]string         `json:"targets,omitempty"`
	Permissions *[]AccessPermission `json:"permissions,omitempty"`
	Tags        *[]Tag              `json:"tags,omitempty"`
}

// IsEmpty reports an update with nothing to send.
func (u AccessPolicyUpdate) IsEmpty() bool {
	return u.Name == nil && u.Active == nil && u.Targets == nil && u.Permissions == nil && u.Tags == nil
}

// accessPolicyCreateResult is what POST /am returns: {am_id} (JS, OAS); "id" is accepted too.
type accessPolicyCreateResult struct {
	AmID string `json:"am_id"`
	ID   string `json:"id"`
}

// AccessManagementService is /am.
type AccessManagementService struct{ c *Client }

// accessPolicyListFields are every field the list route can return (it never returns targets or
// permissions).
var accessPolicyListFields = []string{"id", "name", "active", "tags", "created_at", "updated_at"}

// Create creates a policy and returns its id.
func (s *AccessManagementService) Create(ctx context.Context, in AccessPolicyCreate) (string, error) {
	if in.Tags == nil {
		in.Tags = []Tag{}
	}
	if in.Targets == nil {
		in.Targets = [][]string{}
	}
	if in.Permissions == nil {
		in.Permissions = []AccessPermission{}
	}
	var out accessPolicyCreateResult
	adopted, err := s.c.create(ctx, createSpec{
		kind: "access policy",
		name: in.Name,
		req:  Request{Method: http.MethodPost, Path: "/am", Body: in},
		lookup: func(ctx context.Context) ([]candidate, error) {
			policies, err := s.List(ctx, ListOptions{Fields: []string{"id", "name", "created_at"}, Filter: map[string]string{"name": in.Name}})
			if err != nil {
				return nil, err
			}
			found := make([]candidate, 0, len(policies))
			for _, p := range policies {
				found = append(found, candidate{ID: p.ID, Name: p.Name, CreatedAt: p.CreatedAt})
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
	return firstNonEmpty(out.AmID, out.ID), nil
}

// Get reads one policy with its targets and permissions.
func (s *AccessManagementService) Get(ctx context.Context, id string) (*AccessPolicy, error) {
	var p AccessPolicy
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/am/" + url.PathEscape(id)}, &p); err != nil {
		return nil, err
	}
	for i := range p.Permissions {
		// The OAS update example spells the effect "denied" (docs/api-notes.md §8.7); it means "deny".
		if p.Permissions[i].Effect == "denied" {
			p.Permissions[i].Effect = "deny"
		}
	}
	return &p, nil
}

// Update edits a policy (partial).
func (s *AccessManagementService) Update(ctx context.Context, id string, in AccessPolicyUpdate) error {
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: "/am/" + url.PathEscape(id), Body: in}, nil)
}

// Delete deletes a policy. Its answer text differs between sources (docs/api-notes.md §8.7) and is not read.
func (s *AccessManagementService) Delete(ctx context.Context, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: "/am/" + url.PathEscape(id)}, nil)
}

// List lists every policy matching opts (all pages), ordered by name unless opts say otherwise.
// Without Fields it asks for every field the list returns.
func (s *AccessManagementService) List(ctx context.Context, opts ListOptions) ([]AccessPolicy, error) {
	if opts.Fields == nil {
		opts.Fields = accessPolicyListFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "name,asc"
	}
	return ListAll[AccessPolicy](ctx, s.c, "/am", opts)
}
