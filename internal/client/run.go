package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Run is the profile's TagoRUN settings as GET /run returns them (docs/api-notes.md §2.11, JS SDK
// RunInfo). It is a singleton: every profile has exactly one. Only the commonly used settings
// are typed; the whole answer is kept so that an update of an object setting (theme, email
// templates, security) sends the settings it does not change as they are.
type Run struct {
	Profile        string                      `json:"profile"`
	Active         *bool                       `json:"active"`
	Name           *string                     `json:"name"`
	SubTitle       *string                     `json:"sub_title"`
	URL            *string                     `json:"url"`
	EmailDomain    *string                     `json:"email_domain"`
	SignupMethod   *string                     `json:"signup_method"`
	Favicon        *string                     `json:"favicon"`
	Logo           *string                     `json:"logo"`
	SignupLogo     *string                     `json:"signup_logo"`
	SidebarButtons []RunSidebarButton          `json:"sidebar_buttons"`
	SigninButtons  []RunSigninButton           `json:"signin_buttons"`
	SignupFields   []RunSignupField            `json:"signup_fields"`
	EmailTemplates map[string]RunEmailTemplate `json:"email_templates"`
	Theme          map[string]any              `json:"theme"`
	Security       *RunSecurity                `json:"security"`
	AuthTokenTTL   *string                     `json:"auth_token_ttl"`
	SSOSAMLActive  *bool                       `json:"sso_saml_active"`
	Dictionary     *string                     `json:"dictionary"`
	CreatedAt      *string                     `json:"created_at"`

	raw map[string]json.RawMessage
}

// RunSidebarButton is a button of the TagoRUN sidebar.
type RunSidebarButton struct {
	Text        string  `json:"text"`
	Href        string  `json:"href"`
	Color       *string `json:"color,omitempty"`
	IconURL     *string `json:"iconUrl,omitempty"`
	Type        *string `json:"type,omitempty"`
	Value       *string `json:"value,omitempty"`
	IsInNewLine *bool   `json:"isInNewLine,omitempty"`
}

// RunSigninButton is an extra button of the TagoRUN sign-in page; "link" is the only type.
type RunSigninButton struct {
	Label string `json:"label"`
	Type  string `json:"type"`
	URL   string `json:"url"`
}

// RunSignupField is an extra field of the TagoRUN sign-up form (docs/api-notes.md §2.11).
type RunSignupField struct {
	Name        string  `json:"name"`
	Placeholder *string `json:"placeholder,omitempty"`
	Required    bool    `json:"required"`
	Type        *string `json:"type,omitempty"`
}

// RunEmailTemplate is one of the e-mails TagoRUN sends (password_recover, welcome_...).
type RunEmailTemplate struct {
	Subject string `json:"subject"`
	Value   string `json:"value"`
}

// RunSecurity holds the TagoRUN security options.
type RunSecurity struct {
	OTP *RunOTP `json:"otp,omitempty"`
}

// RunOTP says which second factors TagoRUN users may use.
type RunOTP struct {
	Authenticator bool `json:"authenticator"`
	SMS           bool `json:"sms"`
	Email         bool `json:"email"`
}

// UnmarshalJSON decodes the typed settings and keeps the whole object.
func (r *Run) UnmarshalJSON(b []byte) error {
	type plain Run
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*r = Run(p)
	r.raw = raw
	return nil
}

// RunUpdate is a partial PUT /run body: only non-nil fields are sent. Theme, EmailTemplates and
// Security are whole objects: build them with MergedTheme, MergedEmailTemplates and
// MergedSecurity so that the keys Terraform does not manage are sent back unchanged, whether the
// API merges or replaces objects.
type RunUpdate struct {
	Active         *bool               `json:"active,omitempty"`
	Name           *string             `json:"name,omitempty"`
	SubTitle       *string             `json:"sub_title,omitempty"`
	URL            *string             `json:"url,omitempty"`
	EmailDomain    *string             `json:"email_domain,omitempty"`
	SignupMethod   *string             `json:"signup_method,omitempty"`
	Favicon        *string             `json:"favicon,omitempty"`
	Logo           *string             `json:"logo,omitempty"`
	SignupLogo     *string             `json:"signup_logo,omitempty"`
	AuthTokenTTL   *string             `json:"auth_token_ttl,omitempty"`
	Dictionary     *string             `json:"dictionary,omitempty"`
	SidebarButtons *[]RunSidebarButton `json:"sidebar_buttons,omitempty"`
	SigninButtons  *[]RunSigninButton  `json:"signin_buttons,omitempty"`
	SignupFields   *[]RunSignupField   `json:"signup_fields,omitempty"`
	Theme          map[string]any      `json:"theme,omitempty"`
	EmailTemplates map[string]any      `json:"email_templates,omitempty"`
	Security       map[string]any      `json:"security,omitempty"`
}

// IsEmpty reports an update with nothing to send.
func (u RunUpdate) IsEmpty() bool {
	b, err := json.Marshal(u)
	return err == nil && string(b) == "{}"
}

// ThemeStrings is the theme with every value as text (numbers such as auth_bg_opacity in their
// shortest form); null values are left out.
func (r *Run) ThemeStrings() map[string]string {
	out := make(map[string]string, len(r.Theme))
	for k, v := range r.Theme {
		switch t := v.(type) {
		case string:
			out[k] = t
		case float64:
			out[k] = strconv.FormatFloat(t, 'f', -1, 64)
		case bool:
			out[k] = strconv.FormatBool(t)
		case nil:
		default:
			b, _ := json.Marshal(t)
			out[k] = string(b)
		}
	}
	return out
}

// MergedTheme is the current theme with the given keys set. A key whose current value is a
// number is sent as a number when the new text is one in its shortest form ("80", not "80.0"),
// so that it reads back as the same text.
func (r *Run) MergedTheme(set map[string]string) map[string]any {
	out := make(map[string]any, len(r.Theme)+len(set))
	for k, v := range r.Theme {
		out[k] = v
	}
	for k, v := range set {
		if _, wasNumber := r.Theme[k].(float64); wasNumber {
			if n, err := strconv.ParseFloat(v, 64); err == nil && strconv.FormatFloat(n, 'f', -1, 64) == v {
				out[k] = n
				continue
			}
		}
		out[k] = v
	}
	return out
}

// MergedEmailTemplates is the current set of e-mail templates with the given ones replaced.
func (r *Run) MergedEmailTemplates(set map[string]RunEmailTemplate) map[string]any {
	out := rawObject(r.raw["email_templates"])
	for k, v := range set {
		out[k] = v
	}
	return out
}

// MergedSecurity is the current security object with its otp options replaced.
func (r *Run) MergedSecurity(otp RunOTP) map[string]any {
	out := rawObject(r.raw["security"])
	out["otp"] = otp
	return out
}

// Apply returns the settings as they are once u is saved: u's fields replace the current ones.
// Since u carries whole objects (see RunUpdate), this holds whether the API merges or replaces.
func (r *Run) Apply(u RunUpdate) (*Run, error) {
	merged := make(map[string]json.RawMessage, len(r.raw))
	for k, v := range r.raw {
		merged[k] = v
	}
	b, err := json.Marshal(u)
	if err != nil {
		return nil, err
	}
	var changes map[string]json.RawMessage
	if err := json.Unmarshal(b, &changes); err != nil {
		return nil, err
	}
	for k, v := range changes {
		merged[k] = v
	}
	b, err = json.Marshal(merged)
	if err != nil {
		return nil, err
	}
	var out Run
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("applying the TagoRUN update: %w", err)
	}
	return &out, nil
}

// rawObject decodes a JSON object into a map whose values stay as they were; anything else
// (absent, null) gives an empty map.
func rawObject(b json.RawMessage) map[string]any {
	var fields map[string]json.RawMessage
	out := map[string]any{}
	if json.Unmarshal(b, &fields) == nil {
		for k, v := range fields {
			out[k] = v
		}
	}
	return out
}

// RunService is /run (the profile's TagoRUN settings).
type RunService struct{ c *Client }

// Get reads the TagoRUN settings. The anonymous token they carry is registered with the masker.
func (s *RunService) Get(ctx context.Context) (*Run, error) {
	var out Run
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: "/run"}, &out); err != nil {
		return nil, err
	}
	var anonymousToken string
	if json.Unmarshal(out.raw["anonymous_token"], &anonymousToken) == nil {
		s.c.masker.Add(anonymousToken)
	}
	return &out, nil
}

// Update saves a partial change of the TagoRUN settings.
func (s *RunService) Update(ctx context.Context, in RunUpdate) error {
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: "/run", Body: in}, nil)
}
