package emulator

import (
	"net/http"
	"strings"
	"time"
)

// tokenDoc is one token of any kind, stored in collTokens keyed by the token string.
type tokenDoc struct {
	Token             string   `json:"token"`
	Kind              string   `json:"kind"` // "profile" | "device" | "analysis"
	Name              string   `json:"name"`
	Permission        string   `json:"permission"` // read | write | full | deny
	ExpireTime        *apiTime `json:"expire_time"`
	CreatedAt         apiTime  `json:"created_at"`
	LastAuthorization *apiTime `json:"last_authorization"`
	DeviceID          string   `json:"device_id,omitempty"`
	SerieNumber       *string  `json:"serie_number"`
	VerificationCode  *string  `json:"verification_code"`
	Middleware        *string  `json:"middleware,omitempty"`
	AnalysisID        string   `json:"analysis_id,omitempty"` // analysis tokens: the analysis they belong to
}

const (
	tokenKindProfile  = "profile"
	tokenKindDevice   = "device"
	tokenKindAnalysis = "analysis"
)

func (t *tokenDoc) kind() tokenKind {
	switch t.Kind {
	case tokenKindProfile:
		return kindProfile
	case tokenKindDevice:
		return kindDevice
	case tokenKindAnalysis:
		return kindAnalysis
	}
	return 0
}

func (t *tokenDoc) expired(now time.Time) bool {
	return t.ExpireTime != nil && !now.Before(t.ExpireTime.Time())
}

// Auth is the identity of an authenticated request.
type Auth struct {
	Kind  tokenKind
	Token *tokenDoc
}

// tokenHeaders are every header docs/api-notes.md (§1.2) lists for a token; all are
// equivalent, the token's kind comes from the token table.
var tokenHeaders = []string{
	"Token", "Device-Token", "Account-Token", "Profile-Token", "Analysis-Token",
	"Middleware-Token", "Network-Token", "Public-Token", "Authorization", "Authorized",
}

// tokenQueryParams are the query parameters that may carry a token (token= is used by
// the SSE endpoint; the others are TCORE's list, docs/api-notes.md §1.2).
var tokenQueryParams = []string{"token", "authorization", "authorized", "account_token", "profile_token", "device_token", "public_token"}

// extractToken returns the first token found in the headers, then the query.
func extractToken(r *http.Request, q *QNode) string {
	for _, h := range tokenHeaders {
		if v := strings.TrimSpace(r.Header.Get(h)); v != "" {
			if len(v) > 7 && strings.EqualFold(v[:7], "bearer ") {
				v = strings.TrimSpace(v[7:])
			}
			return v
		}
	}
	for _, p := range tokenQueryParams {
		if v := strings.TrimSpace(q.String(p)); v != "" {
			return v
		}
	}
	return ""
}

// permits applies the read/write/full rule: read may only GET (HEAD), write may only
// change (POST/PUT/DELETE...), full may do both, deny nothing.
func permits(permission, method string) bool {
	reading := method == http.MethodGet || method == http.MethodHead
	switch permission {
	case "full":
		return true
	case "read":
		return reading
	case "write":
		return !reading
	}
	return false
}

// lastAuthorizationEvery throttles the last_authorization bookkeeping write.
const lastAuthorizationEvery = time.Minute

// authenticate resolves the request's token and checks it against the route.
func (e *Emulator) authenticate(c *Ctx) error {
	raw := extractToken(c.R, c.Query)
	if raw == "" {
		return errInvalidToken()
	}
	var tok *tokenDoc
	if err := e.store.View(func(tx Tx) error {
		var err error
		tok, err = getDoc[tokenDoc](tx, collTokens, raw)
		return err
	}); err != nil {
		return err
	}
	if tok == nil || tok.expired(c.Now) || tok.kind() == 0 {
		return errInvalidToken()
	}
	kind := tok.kind()
	if c.Route.Kinds&kind == 0 || !permits(tok.Permission, c.R.Method) {
		return errDenied()
	}
	if kind == kindDevice && (tok.LastAuthorization == nil || c.Now.Sub(tok.LastAuthorization.Time()) >= lastAuthorizationEvery) {
		if err := e.touchToken(raw, c.Now); err != nil {
			return err
		}
	}
	c.Auth = &Auth{Kind: kind, Token: tok}
	return nil
}

func (e *Emulator) touchToken(raw string, now time.Time) error {
	return e.store.Update(func(tx Tx) error {
		t, err := getDoc[tokenDoc](tx, collTokens, raw)
		if err != nil || t == nil {
			return err
		}
		t.LastAuthorization = timePtr(now)
		return putDoc(tx, collTokens, raw, t)
	})
}
