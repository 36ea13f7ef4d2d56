package client

import (
	"context"
	"net/http"
	"net/url"
)

// ServiceAuthorization is a token the profile gives an external service (JS SDK TokenDataList of
// Resources.serviceAuthorization). The token is the object's only handle.
type ServiceAuthorization struct {
	Token            string  `json:"token"`
	Name             string  `json:"name"`
	Permission       string  `json:"permission"`
	VerificationCode *string `json:"verification_code"`
	CreatedAt        string  `json:"created_at"`
}

// ServiceAuthorizationCreate is the POST /serviceauth body.
type ServiceAuthorizationCreate struct {
	Name             string  `json:"name"`
	Permission       string  `json:"permission,omitempty"`
	VerificationCode *string `json:"verification_code,omitempty"`
}

// ServiceAuthorizationsService is /serviceauth.
type ServiceAuthorizationsService struct{ c *Client }

var serviceAuthorizationFields = []string{"name", "token", "permission", "verification_code", "created_at"}

// Create creates an authorization and returns its token, registered with the masker before any
// log line can show it. The call is sensitive (its answer carries the token), and TagoIO cannot
// be asked which authorization a lost answer created by anything but a name, so a lost answer is
// resolved by name like other creates.
func (s *ServiceAuthorizationsService) Create(ctx context.Context, in ServiceAuthorizationCreate) (string, error) {
	if in.VerificationCode != nil {
		s.c.masker.Add(*in.VerificationCode)
	}
	var out struct {
		Token string `json:"token"`
	}
	adoptedID, err := s.c.create(ctx, createSpec{
		kind: "service authorization",
		name: in.Name,
		req:  Request{Method: http.MethodPost, Path: "/serviceauth", Body: in, Sensitive: true},
		lookup: func(ctx context.Context) ([]candidate, error) {
			found, err := s.List(ctx, ListOptions{Filter: map[string]string{"name": in.Name}})
			if err != nil {
				return nil, err
			}
			cands := make([]candidate, 0, len(found))
			for _, a := range found {
				cands = append(cands, candidate{ID: a.Token, Name: a.Name, CreatedAt: a.CreatedAt})
			}
			return cands, nil
		},
	}, &out)
	if err != nil {
		return "", err
	}
	adopted := firstNonEmpty(adoptedID, out.Token)
	s.c.masker.Add(adopted)
	return adopted, nil
}

// List lists every authorization matching opts (all pages), tokens included: each one is
// registered with the masker.
func (s *ServiceAuthorizationsService) List(ctx context.Context, opts ListOptions) ([]ServiceAuthorization, error) {
	if opts.Fields == nil {
		opts.Fields = serviceAuthorizationFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "created_at,desc"
	}
	out, err := ListAll[ServiceAuthorization](ctx, s.c, "/serviceauth", opts)
	for _, a := range out {
		s.c.masker.Add(a.Token)
		if a.VerificationCode != nil {
			s.c.masker.Add(*a.VerificationCode)
		}
	}
	return out, err
}

// Get finds the authorization with this token (TagoIO has no route that reads one).
func (s *ServiceAuthorizationsService) Get(ctx context.Context, token string) (*ServiceAuthorization, error) {
	s.c.masker.Add(token)
	all, err := s.List(ctx, ListOptions{})
	if err != nil {
		return nil, err
	}
	for _, a := range all {
		if a.Token == token {
			return &a, nil
		}
	}
	return nil, &APIError{StatusCode: http.StatusNotFound, Message: "Authorization not found", Method: http.MethodGet, Path: "/serviceauth"}
}

// SetVerificationCode sets the verification code ("" clears it).
func (s *ServiceAuthorizationsService) SetVerificationCode(ctx context.Context, token, code string) error {
	s.c.masker.Add(token, code)
	body := map[string]*string{"verification_code": nil}
	if code != "" {
		body["verification_code"] = &code
	}
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: "/serviceauth/" + url.PathEscape(token), Body: body, Sensitive: true}, nil)
}

// Delete deletes the authorization with this token.
func (s *ServiceAuthorizationsService) Delete(ctx context.Context, token string) error {
	s.c.masker.Add(token)
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: "/serviceauth/" + url.PathEscape(token)}, nil)
}
