package emulator

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// DefaultAccountPassword is the account password when Options.AccountPassword is
// empty: fixed rather than generated, so that a script or a test can mint a profile
// token (or log in) without reading the emulator's output first.
const DefaultAccountPassword = "tagoio-emulator"

// AccountPassword is the account's password (Options.AccountPassword or the default).
func (e *Emulator) AccountPassword() string {
	if e.opts.AccountPassword != "" {
		return e.opts.AccountPassword
	}
	return DefaultAccountPassword
}

// Profile tokens (docs/api-notes.md §2.2): p-<uuid> tokens in collTokens with kind
// "profile", honouring read/write/full and expiry like the emulator's own token.
func (e *Emulator) registerProfileTokens(r *Router) {
	r.Handle("GET", "/profile/{id}/token", e.listProfileTokens, kindProfile)
	r.Handle("POST", "/profile/{id}/token", e.createProfileToken, kindProfile)
	r.Handle("DELETE", "/profile/{id}/token/{token}", e.deleteProfileToken, kindProfile)
	// Anonymous mint with the account's credentials (still in today's API).
	r.Handle("POST", "/account/profile/token", e.mintProfileToken, anonymous)
	// Old SDKs' Account.tokenList/tokenDelete (docs/api-notes.md §7; whether the cloud still
	// answers them is unknown, §8.16): the emulated profile's tokens.
	r.Handle("GET", "/account/profile/token", e.listOwnProfileTokens, kindProfile)
	r.Handle("DELETE", "/account/profile/token/{token}", e.deleteOwnProfileToken, kindProfile)
}

// profileTokenRecord is TokenDataList (JS common.types.ts). A non-expiring token has
// expire_time null, as device tokens (see deviceTokenRecord for the §8.3 reading).
func (e *Emulator) profileTokenRecord(t *tokenDoc) record {
	return record{
		"token": t.Token, "name": t.Name, "type": "profile", "permission": t.Permission,
		"serie_number": nil, "last_authorization": t.LastAuthorization, "verification_code": nil,
		"expire_time": t.ExpireTime, "ref_id": e.profileID, "created_at": t.CreatedAt, "created_by": nil,
	}
}

var profileTokenListSpec = listSpec{
	defaultFields: []string{"name", "token", "permission"},
	defaultOrder:  "created_at,desc",
	filters: map[string]filterKind{
		"name": filterString, "token": filterString, "permission": filterString, "created_at": filterDate,
	},
}

// checkProfileID accepts the emulated profile's id (or "current", as GET /profile/{id}).
func (e *Emulator) checkProfileID(id string) error {
	if id == e.profileID || id == "current" {
		return nil
	}
	if !isObjectID(id) {
		return badRequest("Invalid Profile ID")
	}
	return notFound("Profile not found")
}

// checkCredentials compares email (case-insensitive) and password with the account's.
func (e *Emulator) checkCredentials(body jsonBody) error {
	email, _, eerr := body.str("email")
	password, _, perr := body.str("password")
	if eerr != nil || perr != nil || email == "" || password == "" {
		return badRequest("email and password are required")
	}
	emailOK := strings.EqualFold(strings.TrimSpace(email), e.AccountEmail())
	passwordOK := subtle.ConstantTimeCompare([]byte(password), []byte(e.AccountPassword())) == 1
	if !emailOK || !passwordOK {
		return errorf(http.StatusUnauthorized, "Invalid credentials")
	}
	return nil
}

func (e *Emulator) listProfileTokens(c *Ctx) (int, any, error) {
	if err := e.checkProfileID(c.Param("id")); err != nil {
		return 0, nil, err
	}
	return e.listOwnProfileTokens(c)
}

func (e *Emulator) listOwnProfileTokens(c *Ctx) (int, any, error) {
	var toks []*tokenDoc
	if err := e.store.View(func(tx Tx) (err error) {
		toks, err = listDocs[tokenDoc](tx, collTokens, func(t *tokenDoc) bool { return t.Kind == tokenKindProfile })
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(toks))
	for _, t := range toks {
		items = append(items, e.profileTokenRecord(t))
	}
	// Store order is by token string (random); creation order is the natural tiebreak.
	sortRecords(items, "created_at", false)
	out, err := runList(c.Query, items, profileTokenListSpec, c.Now)
	return http.StatusOK, out, err
}

// newProfileToken validates {name, permission?, expire_time?} and stores the token.
// permission defaults to full and expire_time to never, as for device tokens.
func (e *Emulator) newProfileToken(c *Ctx, body jsonBody) (*tokenDoc, error) {
	name, err := requireString(body, "name")
	if err != nil {
		return nil, err
	}
	perm, permPresent, err := body.str("permission")
	if err != nil {
		return nil, err
	}
	if !permPresent {
		perm = "full"
	}
	if !validPermission(perm) {
		return nil, badRequest("permission must be one of: read, write, full, deny")
	}
	expire, err := parseTokenExpiry(body, c.Now)
	if err != nil {
		return nil, err
	}
	tok := &tokenDoc{
		Token: "p-" + newUUID(), Kind: tokenKindProfile, Name: name, Permission: perm,
		ExpireTime: expire, CreatedAt: apiTime(c.Now),
	}
	if err := e.store.Update(func(tx Tx) error { return putDoc(tx, collTokens, tok.Token, tok) }); err != nil {
		return nil, err
	}
	return tok, nil
}

// createProfileToken: {name, permission, expire_time?, email, password} ->
// {token, expire_date, permission}; docs/api-notes.md §8.2: expire_time is emitted too.
func (e *Emulator) createProfileToken(c *Ctx) (int, any, error) {
	if err := e.checkProfileID(c.Param("id")); err != nil {
		return 0, nil, err
	}
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	if err := e.checkCredentials(body); err != nil {
		return 0, nil, err
	}
	tok, err := e.newProfileToken(c, body)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{
		"token": tok.Token, "expire_date": tok.ExpireTime, "expire_time": tok.ExpireTime, "permission": tok.Permission,
	}, nil
}

// mintProfileToken is the anonymous POST /account/profile/token {profile_id, email,
// password, name}: {token}, plus the OAS example's name, permission and profile.
func (e *Emulator) mintProfileToken(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	if err := e.checkCredentials(body); err != nil {
		return 0, nil, err
	}
	profileID, err := requireString(body, "profile_id")
	if err != nil {
		return 0, nil, err
	}
	if err := e.checkProfileID(profileID); err != nil {
		return 0, nil, err
	}
	tok, err := e.newProfileToken(c, body)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{
		"token": tok.Token, "name": tok.Name, "permission": tok.Permission, "profile": e.profileID,
		"expire_date": tok.ExpireTime,
	}, nil
}

func (e *Emulator) deleteProfileToken(c *Ctx) (int, any, error) {
	if err := e.checkProfileID(c.Param("id")); err != nil {
		return 0, nil, err
	}
	return e.deleteOwnProfileToken(c)
}

func (e *Emulator) deleteOwnProfileToken(c *Ctx) (int, any, error) {
	raw := c.Param("token")
	err := e.store.Update(func(tx Tx) error {
		t, err := getDoc[tokenDoc](tx, collTokens, raw)
		if err != nil {
			return err
		}
		if t == nil || t.Kind != tokenKindProfile {
			return notFound("Token not found")
		}
		return tx.Delete(collTokens, raw)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Token Successfully Removed", nil
}
