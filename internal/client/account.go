package client

import (
	"context"
	"encoding/json"
	"net/http"
)

// Account is the account that owns the token's profile, as GET /account returns it (docs/api-notes.md
// §2.1). Billing and login secrets (stripe_id, passwords) are not part of the type.
type Account struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Email     string          `json:"email"`
	Company   *string         `json:"company"`
	Timezone  *string         `json:"timezone"`
	Language  *string         `json:"language"`
	Plan      *string         `json:"plan"`
	Type      *string         `json:"type"`
	Active    *bool           `json:"active"`
	Blocked   *bool           `json:"blocked"`
	Options   *AccountOptions `json:"options"`
	LastLogin *string         `json:"last_login"`
	CreatedAt string          `json:"created_at"`
	UpdatedAt string          `json:"updated_at"`
}

// AccountOptions are the account's display preferences.
type AccountOptions struct {
	DecimalSeparator  *string `json:"decimal_separator"`
	ThousandSeparator *string `json:"thousand_separator"`
	DateFormat        *string `json:"date_format"`
	TimeFormat        *string `json:"time_format"`
}

// Profile is the profile information of GET /profile/{id} (its "info" object).
type Profile struct {
	ID        string  `json:"id"`
	Account   string  `json:"account"`
	Name      string  `json:"name"`
	LogoURL   *string `json:"logo_url"`
	Region    *string `json:"region"`
	CreatedAt string  `json:"created_at"`
	UpdatedAt string  `json:"updated_at"`
	// AccountPlan is the plan of the account owning the profile ("account_plan").
	AccountPlan string `json:"-"`
}

// profileResult is GET /profile/{id}: {info:{...}, allocation, addons, account_plan}. A flat
// profile object is read too, in case a server answers the list item's shape.
type profileResult struct {
	Info        *Profile `json:"info"`
	AccountPlan string   `json:"account_plan"`
}

// AccountService is /account and the current profile.
type AccountService struct{ c *Client }

// Get reads the account.
func (s *AccountService) Get(ctx context.Context) (*Account, error) {
	var out Account
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/account"}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CurrentProfile reads the profile the token belongs to (GET /profile/current).
func (s *AccountService) CurrentProfile(ctx context.Context) (*Profile, error) {
	var raw json.RawMessage
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/profile/current"}, &raw); err != nil {
		return nil, err
	}
	var wrapped profileResult
	if err := json.Unmarshal(raw, &wrapped); err != nil {
		return nil, err
	}
	if wrapped.Info != nil && wrapped.Info.ID != "" {
		wrapped.Info.AccountPlan = wrapped.AccountPlan
		return wrapped.Info, nil
	}
	var flat Profile
	if err := json.Unmarshal(raw, &flat); err != nil {
		return nil, err
	}
	return &flat, nil
}
