package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
)

// runUserDoc is a stored TagoRUN user (docs/api-notes.md §2.11). Only a hash of the password
// is kept, and it is never returned.
type runUserDoc struct {
	ID           string          `json:"id"`
	Profile      string          `json:"profile"`
	Name         string          `json:"name"`
	Email        string          `json:"email"`
	PasswordHash string          `json:"password_hash"`
	Timezone     string          `json:"timezone"`
	Company      *string         `json:"company"`
	Phone        *string         `json:"phone"`
	Language     string          `json:"language"`
	Tags         []tag           `json:"tags"`
	Active       bool            `json:"active"`
	Options      json.RawMessage `json:"options"`
	LastLogin    *apiTime        `json:"last_login"`
	CreatedAt    apiTime         `json:"created_at"`
	UpdatedAt    apiTime         `json:"updated_at"`
}

// runUserTokenDoc is a token minted by GET /run/users/{id}/login, kept so that
// deleting the user can cascade to its tokens. Run-user tokens open only the
// /run/{runURL}/* routes, which the emulator does not serve; they are not in
// collTokens, so they authenticate nothing here.
type runUserTokenDoc struct {
	Token      string   `json:"token"`
	RunUser    string   `json:"run_user"`
	Name       string   `json:"name"`
	ExpireTime *apiTime `json:"expire_time"`
	CreatedAt  apiTime  `json:"created_at"`
}

// minRunUserPassword: no source states the cloud's password rule; 8 characters is the
// emulator's choice (the OAS example "Testing_01" passes, and real clients' passwords
// for end users rarely are shorter).
const minRunUserPassword = 8

// runUserEmailRe is deliberately loose: the OAS example "runuser@email" has no dot.
var runUserEmailRe = regexp.MustCompile(`^[^\s@]+@[^\s@]+$`)

// runUserInfo is the UserInfo object: never the password.
func runUserInfo(u *runUserDoc) record {
	return record{
		"id": u.ID, "profile": u.Profile, "name": u.Name, "email": u.Email,
		"timezone": u.Timezone, "company": u.Company, "phone": u.Phone, "language": u.Language,
		"tags": tagsOrEmpty(u.Tags), "active": u.Active, "newsletter": nil,
		"options":    rawOr(u.Options, "{}"),
		"otp":        record{"authenticator": false, "sms": false, "email": false},
		"last_login": u.LastLogin, "created_at": u.CreatedAt, "updated_at": u.UpdatedAt,
	}
}

var runUserListSpec = listSpec{
	defaultFields: []string{"id", "name"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "name,asc",
	filters: map[string]filterKind{
		"id": filterString, "name": filterString, "email": filterString, "active": filterBool,
		"tags": filterTags, "timezone": filterString, "company": filterString, "phone": filterString,
		"language": filterString, "created_at": filterDate, "updated_at": filterDate, "last_login": filterDate,
	},
}

func (e *Emulator) registerRunUsers(r *Router) {
	r.Handle("GET", "/run/users", e.listRunUsers, kindProfile)
	r.Handle("POST", "/run/users", e.createRunUser, kindProfile)
	r.Handle("GET", "/run/users/{id}", e.getRunUser, kindProfile)
	r.Handle("PUT", "/run/users/{id}", e.editRunUser, kindProfile)
	r.Handle("DELETE", "/run/users/{id}", e.deleteRunUser, kindProfile)
	r.Handle("GET", "/run/users/{id}/login", e.loginAsRunUser, kindProfile)
}

// loadRunUser validates the id and loads the user, or answers 400/404.
func loadRunUser(tx Tx, id string) (*runUserDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Run User ID")
	}
	u, err := getDoc[runUserDoc](tx, collRunUsers, id)
	if err != nil {
		return nil, err
	}
	if u == nil {
		return nil, notFound("Run User not found")
	}
	return u, nil
}

func (e *Emulator) listRunUsers(c *Ctx) (int, any, error) {
	var docs []*runUserDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[runUserDoc](tx, collRunUsers, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, u := range docs {
		items = append(items, runUserInfo(u))
	}
	out, err := runList(c.Query, items, runUserListSpec, c.Now)
	return http.StatusOK, out, err
}

func (e *Emulator) getRunUser(c *Ctx) (int, any, error) {
	var u *runUserDoc
	if err := e.store.View(func(tx Tx) (err error) {
		u, err = loadRunUser(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, runUserInfo(u), nil
}

// createRunUser answers 200 {user}, the status the OAS documents.
func (e *Emulator) createRunUser(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	now := apiTime(c.Now)
	u := &runUserDoc{
		ID: newObjectID(), Profile: e.profileID, Tags: []tag{}, Options: json.RawMessage(`{}`),
		CreatedAt: now, UpdatedAt: now,
		// Timezone: required by the JS type, optional in the OAS; the emulator takes
		// the OAS reading (a client that omits it survives) and defaults to UTC.
		Timezone: "UTC", Language: "en",
		// New users are inactive until activated (MCP notes).
		Active: false,
	}
	if err := applyRunUserBody(u, body, true); err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		if err := ensureEmailFree(tx, u.Email); err != nil {
			return err
		}
		return putDoc(tx, collRunUsers, u.ID, u)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"user": u.ID}, nil
}

func (e *Emulator) editRunUser(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		u, err := loadRunUser(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if err := applyRunUserBody(u, body, false); err != nil {
			return err
		}
		u.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collRunUsers, u.ID, u)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "TagoIO Run User Successfully Updated", nil
}

// deleteRunUser removes the user and every token minted for it.
func (e *Emulator) deleteRunUser(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		u, err := loadRunUser(tx, c.Param("id"))
		if err != nil {
			return err
		}
		toks, err := listDocs[runUserTokenDoc](tx, collRunUserTokens, func(t *runUserTokenDoc) bool { return t.RunUser == u.ID })
		if err != nil {
			return err
		}
		for _, t := range toks {
			if err := tx.Delete(collRunUserTokens, t.Token); err != nil {
				return err
			}
		}
		return tx.Delete(collRunUsers, u.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

// loginAsRunUser mints a run-user token. expire_time defaults to "8 hours" (JS doc).
// The result carries expire_date (JS type) and expire_time (OAS, and what the MCP
// server saw live): clients read either.
func (e *Emulator) loginAsRunUser(c *Ctx) (int, any, error) {
	expireIn := strings.TrimSpace(c.Query.String("expire_time"))
	if expireIn == "" {
		expireIn = "8 hours"
	}
	exp, err := parseExpireTime(expireIn, c.Now)
	if err != nil {
		return 0, nil, badRequest("expire_time must be a relative time like \"8 hours\", an ISO-8601 date or \"never\"")
	}
	tok := &runUserTokenDoc{Token: newUUID(), Name: "Login by Run Administrator", CreatedAt: apiTime(c.Now)}
	if exp != nil {
		tok.ExpireTime = timePtr(*exp)
	}
	err = e.store.Update(func(tx Tx) error {
		u, err := loadRunUser(tx, c.Param("id"))
		if err != nil {
			return err
		}
		tok.RunUser = u.ID
		return putDoc(tx, collRunUserTokens, tok.Token, tok)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{
		"token": tok.Token, "name": tok.Name, "run_user": tok.RunUser,
		"expire_date": tok.ExpireTime, "expire_time": tok.ExpireTime, "created_at": tok.CreatedAt,
	}, nil
}

// ensureEmailFree refuses an email another Run user of the profile already has
// (compared case-insensitively, as mail addresses are).
func ensureEmailFree(tx Tx, email string) error {
	taken, err := listDocs[runUserDoc](tx, collRunUsers, func(u *runUserDoc) bool { return strings.EqualFold(u.Email, email) })
	if err != nil {
		return err
	}
	if len(taken) > 0 {
		return badRequest("email %s is already in use by another Run user", email)
	}
	return nil
}

// applyRunUserBody validates body and applies it to u. Arrays and objects (tags,
// options) replace the stored ones. The email cannot change after creation (MCP); a
// PUT that repeats the current email is accepted.
func applyRunUserBody(u *runUserDoc, body jsonBody, create bool) error {
	if name, present, err := body.str("name"); err != nil {
		return err
	} else if present || create {
		if strings.TrimSpace(name) == "" {
			return badRequest("name is required and must be a non-empty string")
		}
		u.Name = name
	}
	email, present, err := body.str("email")
	if err != nil {
		return err
	}
	switch {
	case create && (!present || !runUserEmailRe.MatchString(strings.TrimSpace(email))):
		return badRequest("email is required and must be an email address")
	case create:
		u.Email = strings.TrimSpace(email)
	case present && !strings.EqualFold(strings.TrimSpace(email), u.Email):
		return badRequest("email cannot be changed")
	}
	if pw, present, err := body.str("password"); err != nil {
		return err
	} else if present || create {
		if len([]rune(pw)) < minRunUserPassword {
			return badRequest("password is required and must have at least %d characters", minRunUserPassword)
		}
		u.PasswordHash = runUserPasswordHash(pw)
	}
	for _, f := range []struct {
		key string
		dst *string
	}{{"timezone", &u.Timezone}, {"language", &u.Language}} {
		if v, present, err := body.str(f.key); err != nil {
			return err
		} else if present {
			*f.dst = v
		}
	}
	for _, f := range []struct {
		key string
		dst **string
	}{{"company", &u.Company}, {"phone", &u.Phone}} {
		if v, present, err := body.nullableStr(f.key); err != nil {
			return err
		} else if present {
			*f.dst = v
		}
	}
	if v, present, err := body.boolean("active"); err != nil {
		return err
	} else if present {
		u.Active = v
	}
	if v, present, err := body.tags("tags"); err != nil {
		return err
	} else if present {
		u.Tags = v
	}
	return applyRunUserOptions(u, body)
}

// applyRunUserOptions validates options {decimal_separator, thousand_separator,
// date_format, time_format}; time_format is "12" or "24" (as for the account).
func applyRunUserOptions(u *runUserDoc, body jsonBody) error {
	opts, raw, present, err := fieldObject(body, "options")
	if err != nil || !present {
		return err
	}
	for _, k := range []string{"decimal_separator", "thousand_separator", "date_format"} {
		if _, _, err := opts.str(k); err != nil {
			return within("options.", err)
		}
	}
	if tf, present, err := opts.str("time_format"); err != nil {
		return within("options.", err)
	} else if present && tf != "12" && tf != "24" {
		return badRequest("options.time_format must be \"12\" or \"24\"")
	}
	u.Options = raw
	return nil
}

func runUserPasswordHash(pw string) string {
	sum := sha256.Sum256([]byte(pw))
	return hex.EncodeToString(sum[:])
}
