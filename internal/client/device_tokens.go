package client

import (
	"context"
	"net/http"
	"net/url"
)

// DeviceToken is an item of a device's token list. ExpireTime is an ISO date, "never" or null.
type DeviceToken struct {
	Token             string  `json:"token"`
	Name              string  `json:"name"`
	Permission        string  `json:"permission"`
	SerieNumber       *string `json:"serie_number"`
	VerificationCode  *string `json:"verification_code"`
	ExpireTime        *string `json:"expire_time"`
	LastAuthorization *string `json:"last_authorization"`
	CreatedAt         string  `json:"created_at"`
}

// DeviceTokenCreate is the POST /device/token body. ExpireTime is "never", an ISO date or a
// relative "<n> <unit>" such as "1 day".
type DeviceTokenCreate struct {
	Device           string  `json:"device"`
	Name             string  `json:"name"`
	Permission       string  `json:"permission"`
	ExpireTime       *string `json:"expire_time,omitempty"`
	SerieNumber      *string `json:"serie_number,omitempty"`
	VerificationCode *string `json:"verification_code,omitempty"`
	Middleware       *string `json:"middleware,omitempty"`
}

// DeviceTokenCreated is the new token. ExpireDate is the absolute expiry or empty for "never".
type DeviceTokenCreated struct {
	Token      string
	ExpireDate string
	Permission string
}

// deviceTokenCreateResult accepts both spellings of the expiry key (docs/api-notes.md §8.2).
type deviceTokenCreateResult struct {
	Token      string  `json:"token"`
	ExpireDate *string `json:"expire_date"`
	ExpireTime *string `json:"expire_time"`
	Permission string  `json:"permission"`
}

// DeviceTokensService is /device/token.
type DeviceTokensService struct{ c *Client }

var deviceTokenFields = []string{
	"token", "name", "permission", "serie_number", "verification_code", "expire_time", "last_authorization", "created_at",
}

// List lists every token of a device (all pages), newest first.
func (s *DeviceTokensService) List(ctx context.Context, deviceID string) ([]DeviceToken, error) {
	return s.list(ctx, deviceID, nil)
}

func (s *DeviceTokensService) list(ctx context.Context, deviceID string, filter map[string]string) ([]DeviceToken, error) {
	tokens, err := ListAll[DeviceToken](ctx, s.c, "/device/token/"+url.PathEscape(deviceID), ListOptions{
		Fields: deviceTokenFields, Filter: filter, OrderBy: "created_at,desc",
	})
	for _, t := range tokens {
		s.c.masker.Add(t.Token)
	}
	return tokens, err
}

// Create creates a device token.
func (s *DeviceTokensService) Create(ctx context.Context, in DeviceTokenCreate) (*DeviceTokenCreated, error) {
	if in.VerificationCode != nil {
		s.c.masker.Add(*in.VerificationCode)
	}
	var out deviceTokenCreateResult
	var byName map[string]DeviceToken
	adopted, err := s.c.create(ctx, createSpec{
		kind: "device token",
		name: in.Name,
		req:  Request{Method: http.MethodPost, Path: "/device/token", Body: in},
		lookup: func(ctx context.Context) ([]candidate, error) {
			tokens, err := s.list(ctx, in.Device, map[string]string{"name": in.Name})
			if err != nil {
				return nil, err
			}
			byName = map[string]DeviceToken{}
			found := make([]candidate, 0, len(tokens))
			for _, t := range tokens {
				byName[t.Token] = t
				found = append(found, candidate{ID: t.Token, Name: t.Name, CreatedAt: t.CreatedAt})
			}
			return found, nil
		},
	}, &out)
	if err != nil {
		return nil, err
	}
	if adopted != "" {
		t := byName[adopted]
		created := &DeviceTokenCreated{Token: t.Token, Permission: t.Permission}
		if t.ExpireTime != nil && *t.ExpireTime != "never" {
			created.ExpireDate = *t.ExpireTime
		}
		return created, nil
	}
	s.c.masker.Add(out.Token)
	created := &DeviceTokenCreated{Token: out.Token, Permission: out.Permission}
	for _, d := range []*string{out.ExpireDate, out.ExpireTime} {
		if d != nil && *d != "never" && *d != "" {
			created.ExpireDate = *d
			break
		}
	}
	return created, nil
}

// Delete deletes a device token.
func (s *DeviceTokensService) Delete(ctx context.Context, token string) error {
	s.c.masker.Add(token)
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: "/device/token/" + url.PathEscape(token)}, nil)
}
