package dataplane

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// The account calls of the original SDK that are not Terraform objects: the notification inbox,
// TagoRUN user notifications, profile tokens and running an analysis. They take a profile
// (account) token.

// NotificationInfo is a notification as the API lists it.
type NotificationInfo struct {
	ID                 string               `json:"id"`
	Title              string               `json:"title"`
	Message            string               `json:"message"`
	Read               bool                 `json:"read"`
	Icon               *NotificationIcon    `json:"icon"`
	Buttons            []NotificationButton `json:"buttons"`
	ButtonsEnabled     bool                 `json:"buttons_enabled"`
	ButtonsAutodisable bool                 `json:"buttons_autodisable"`
	RunUser            string               `json:"run_user,omitempty"`
	CreatedAt          string               `json:"created_at"`
}

// Notifications is the account's notification inbox (docs/api-notes.md §2.10).
type Notifications struct {
	c *Client
}

// NewNotifications returns the inbox of c's profile.
func NewNotifications(c *Client) *Notifications { return &Notifications{c: c} }

// List lists the notifications, newest first (every page). read filters by the read flag; nil
// lists all.
func (n *Notifications) List(ctx context.Context, read *bool) ([]NotificationInfo, error) {
	opts := client.ListOptions{OrderBy: "created_at,desc"}
	if read != nil {
		opts.Filter = map[string]string{"read": strconv.FormatBool(*read)}
	}
	return client.ListAll[NotificationInfo](ctx, n.c.api, "/notification", opts)
}

// Create adds a notification to the inbox and returns its ID.
func (n *Notifications) Create(ctx context.Context, in Notification) (string, error) {
	if err := in.validate(); err != nil {
		return "", err
	}
	return createdID(ctx, n.c, client.Request{Method: http.MethodPost, Path: "/notification", Body: in})
}

// Delete deletes a notification.
func (n *Notifications) Delete(ctx context.Context, id string) error {
	return n.c.do(ctx, client.Request{Method: http.MethodDelete, Path: "/notification/" + url.PathEscape(id)}, nil)
}

// MarkRead marks notifications as read (the original SDK's markAsRead).
func (n *Notifications) MarkRead(ctx context.Context, ids ...string) error {
	return n.setRead(ctx, ids, true)
}

// MarkUnread marks notifications as unread.
func (n *Notifications) MarkUnread(ctx context.Context, ids ...string) error {
	return n.setRead(ctx, ids, false)
}

func (n *Notifications) setRead(ctx context.Context, ids []string, read bool) error {
	if len(ids) == 0 {
		return errors.New("notifications: no notification ID given")
	}
	return n.c.do(ctx, client.Request{Method: http.MethodPut, Path: "/notification/read",
		Body: map[string]any{"notification_ids": ids, "read": read}}, nil)
}

// MarkAllRead marks every notification as read.
func (n *Notifications) MarkAllRead(ctx context.Context) error {
	return n.c.do(ctx, client.Request{Method: http.MethodPut, Path: "/notification/markallread"}, nil)
}

// PressButton presses a button of a notification, which runs its triggers.
func (n *Notifications) PressButton(ctx context.Context, notificationID, buttonID string) error {
	return n.c.do(ctx, client.Request{Method: http.MethodPut,
		Path: "/notification/" + url.PathEscape(notificationID) + "/" + url.PathEscape(buttonID)}, nil)
}

// Accept is the original SDK's notifications.accept(id): today's API has no accept route, so it
// presses the notification's accept button (docs/api-notes.md §7): the button whose trigger answers a
// share with "accept", else the button whose id or label is "accept".
func (n *Notifications) Accept(ctx context.Context, notificationID string) error {
	return n.answer(ctx, notificationID, "accept")
}

// Refuse is the original SDK's notifications.refuse(id), mapped like Accept.
func (n *Notifications) Refuse(ctx context.Context, notificationID string) error {
	return n.answer(ctx, notificationID, "refuse")
}

func (n *Notifications) answer(ctx context.Context, notificationID, answer string) error {
	all, err := n.List(ctx, nil)
	if err != nil {
		return err
	}
	for _, info := range all {
		if info.ID != notificationID {
			continue
		}
		buttonID, ok := answerButton(info.Buttons, answer)
		if !ok {
			return fmt.Errorf("notification %s has no %q button to press (its buttons: %s)", notificationID, answer, buttonNames(info.Buttons))
		}
		return n.PressButton(ctx, notificationID, buttonID)
	}
	return fmt.Errorf("notification %s not found", notificationID)
}

func answerButton(buttons []NotificationButton, answer string) (string, bool) {
	for _, b := range buttons {
		for _, t := range b.Triggers {
			if t.ShareProfile == answer {
				return b.ID, true
			}
		}
	}
	for _, b := range buttons {
		if strings.EqualFold(b.ID, answer) || strings.EqualFold(b.Label, answer) {
			return b.ID, true
		}
	}
	return "", false
}

func buttonNames(buttons []NotificationButton) string {
	if len(buttons) == 0 {
		return "none"
	}
	names := make([]string, len(buttons))
	for i, b := range buttons {
		names[i] = strconv.Quote(b.ID)
	}
	return strings.Join(names, ", ")
}

// RunNotifications are the notifications of TagoRUN users (docs/api-notes.md §2.11).
type RunNotifications struct {
	c *Client
}

// NewRunNotifications returns the TagoRUN notifications of c's profile.
func NewRunNotifications(c *Client) *RunNotifications { return &RunNotifications{c: c} }

// List lists the notifications of one TagoRUN user.
func (r *RunNotifications) List(ctx context.Context, userID string) ([]NotificationInfo, error) {
	var out []NotificationInfo
	err := r.c.do(ctx, client.Request{Method: http.MethodGet, Path: "/run/notification/" + url.PathEscape(userID)}, &out)
	return out, err
}

// Create notifies a TagoRUN user and returns the notification's ID.
func (r *RunNotifications) Create(ctx context.Context, userID string, in Notification) (string, error) {
	if err := in.validate(); err != nil {
		return "", err
	}
	body := struct {
		RunUser string `json:"run_user"`
		Notification
	}{userID, in}
	return createdID(ctx, r.c, client.Request{Method: http.MethodPost, Path: "/run/notification", Body: body})
}

// NotificationEdit changes a TagoRUN notification; only the fields set are sent.
type NotificationEdit struct {
	Title              *string               `json:"title,omitempty"`
	Message            *string               `json:"message,omitempty"`
	Read               *bool                 `json:"read,omitempty"`
	Icon               *NotificationIcon     `json:"icon,omitempty"`
	Buttons            *[]NotificationButton `json:"buttons,omitempty"`
	ButtonsEnabled     *bool                 `json:"buttons_enabled,omitempty"`
	ButtonsAutodisable *bool                 `json:"buttons_autodisable,omitempty"`
}

// Edit changes a TagoRUN notification.
func (r *RunNotifications) Edit(ctx context.Context, id string, in NotificationEdit) error {
	if in == (NotificationEdit{}) {
		return nil
	}
	return r.c.do(ctx, client.Request{Method: http.MethodPut, Path: "/run/notification/" + url.PathEscape(id), Body: in}, nil)
}

// Delete deletes a TagoRUN notification.
func (r *RunNotifications) Delete(ctx context.Context, id string) error {
	return r.c.do(ctx, client.Request{Method: http.MethodDelete, Path: "/run/notification/" + url.PathEscape(id)}, nil)
}

// createdID posts and reads the new object's id from {"id": ...}.
func createdID(ctx context.Context, c *Client, req client.Request) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	if err := c.do(ctx, req, &out); err != nil {
		return "", err
	}
	return out.ID, nil
}

// ProfileToken is an item of a profile's token list (docs/api-notes.md §2.2). ExpireTime is an ISO
// date, "never" or nil.
type ProfileToken struct {
	Token             string  `json:"token"`
	Name              string  `json:"name"`
	Permission        string  `json:"permission"`
	ExpireTime        *string `json:"expire_time"`
	LastAuthorization *string `json:"last_authorization"`
	CreatedAt         string  `json:"created_at"`
}

// ProfileTokenCreate is a new profile token. The API asks for the account's e-mail and password
// (and the second factor when it is on) to mint one.
type ProfileTokenCreate struct {
	Name       string `json:"name"`
	Permission string `json:"permission"`            // "full", "write" or "read"
	ExpireTime string `json:"expire_time,omitempty"` // "never", an ISO date or "1 day"; empty: the API's default
	Email      string `json:"email"`
	Password   string `json:"password"`
	PinCode    string `json:"pin_code,omitempty"`
	OTPType    string `json:"otp_type,omitempty"` // "sms", "email" or "authenticator"
}

// ProfileTokenCreated is the new token; ExpireDate is empty when it never expires.
type ProfileTokenCreated struct {
	Token      string
	ExpireDate string
	Permission string
}

// ProfileTokens are the tokens of a profile: the original SDK's Account.tokenList/tokenCreate/
// tokenDelete, today under /profile/{id}/token.
type ProfileTokens struct {
	c *Client
}

// NewProfileTokens returns the token calls of c's account.
func NewProfileTokens(c *Client) *ProfileTokens { return &ProfileTokens{c: c} }

var profileTokenFields = []string{"token", "name", "permission", "expire_time", "last_authorization", "created_at"}

// List lists every token of a profile, newest first.
func (p *ProfileTokens) List(ctx context.Context, profileID string) ([]ProfileToken, error) {
	tokens, err := client.ListAll[ProfileToken](ctx, p.c.api, "/profile/"+url.PathEscape(profileID)+"/token",
		client.ListOptions{Fields: profileTokenFields, OrderBy: "created_at,desc"})
	for _, t := range tokens {
		p.c.api.Masker().Add(t.Token)
	}
	return tokens, err
}

// Create mints a profile token. The password, the pin code and the new token are masked in
// every log line and error text.
func (p *ProfileTokens) Create(ctx context.Context, profileID string, in ProfileTokenCreate) (*ProfileTokenCreated, error) {
	p.c.api.Masker().Add(in.Password, in.PinCode)
	if in.Name == "" || in.Email == "" || in.Password == "" {
		return nil, errors.New("profile token: name, email and password are required")
	}
	switch in.Permission {
	case "full", "write", "read":
	default:
		return nil, fmt.Errorf("profile token: permission %q is not full, write or read", in.Permission)
	}
	// The sources disagree on the expiry key (docs/api-notes.md §8.2): read either.
	var out struct {
		Token      string  `json:"token"`
		ExpireDate *string `json:"expire_date"`
		ExpireTime *string `json:"expire_time"`
		Permission string  `json:"permission"`
	}
	err := p.c.do(ctx, client.Request{Method: http.MethodPost, Path: "/profile/" + url.PathEscape(profileID) + "/token", Body: in}, &out)
	if err != nil {
		return nil, err
	}
	p.c.api.Masker().Add(out.Token)
	created := &ProfileTokenCreated{Token: out.Token, Permission: out.Permission}
	for _, d := range []*string{out.ExpireDate, out.ExpireTime} {
		if d != nil && *d != "" && *d != "never" {
			created.ExpireDate = *d
			break
		}
	}
	return created, nil
}

// Delete deletes a profile token.
func (p *ProfileTokens) Delete(ctx context.Context, profileID, token string) error {
	p.c.api.Masker().Add(token)
	return p.c.do(ctx, client.Request{Method: http.MethodDelete,
		Path: "/profile/" + url.PathEscape(profileID) + "/token/" + url.PathEscape(token)}, nil)
}

// Analyses runs analyses on demand.
type Analyses struct {
	c *Client
}

// NewAnalyses returns the analysis calls of c's profile.
func NewAnalyses(c *Client) *Analyses { return &Analyses{c: c} }

// Run triggers an analysis with a scope (usually a list of records) and returns the token of
// the run when the API gives one (typed {analysis_token} in the SDKs; docs/api-notes.md §8.9). The run
// is asynchronous: the API does not say when or how it ended.
func (a *Analyses) Run(ctx context.Context, analysisID string, scope any) (string, error) {
	body := map[string]any{} // like the JS SDK, no scope sends {}
	if scope != nil {
		body["scope"] = scope
	}
	var raw json.RawMessage
	err := a.c.do(ctx, client.Request{Method: http.MethodPost, Path: "/analysis/" + url.PathEscape(analysisID) + "/run", Body: body}, &raw)
	if err != nil {
		return "", err
	}
	var out struct {
		AnalysisToken string `json:"analysis_token"`
	}
	if json.Unmarshal(raw, &out) == nil && out.AnalysisToken != "" {
		a.c.api.Masker().Add(out.AnalysisToken)
		return out.AnalysisToken, nil
	}
	return "", nil
}
