package emulator

import (
	"net/http"
	"strings"
	"time"
)

// deviceTokenRecord is a token list item (docs/api-notes.md §2.3 DeviceToken). A non-expiring
// token has expire_time null: docs/api-notes.md §8.3 has "never" (JS example) against null (PY
// tests, MCP); a client decoding into a date type survives null but not "never", and
// one decoding into a string survives both.
func deviceTokenRecord(t *tokenDoc) record {
	return record{
		"token": t.Token, "name": t.Name, "permission": t.Permission,
		"serie_number": t.SerieNumber, "last_authorization": t.LastAuthorization,
		"verification_code": t.VerificationCode, "expire_time": t.ExpireTime,
		"created_at": t.CreatedAt, "device_id": t.DeviceID, "type": "device",
	}
}

var deviceTokenListSpec = listSpec{
	defaultFields: []string{"name", "token", "permission"},
	defaultOrder:  "created_at,desc",
	filters: map[string]filterKind{
		"name": filterString, "token": filterString, "permission": filterString,
		"serie_number": filterString, "created_at": filterDate,
	},
}

func (e *Emulator) registerDeviceTokens(r *Router) {
	r.Handle("GET", "/device/token/{deviceID}", e.listDeviceTokens, kindProfile)
	r.Handle("POST", "/device/token", e.createDeviceToken, kindProfile)
	r.Handle("DELETE", "/device/token/{token}", e.deleteDeviceToken, kindProfile)
}

func (e *Emulator) listDeviceTokens(c *Ctx) (int, any, error) {
	var toks []*tokenDoc
	err := e.store.View(func(tx Tx) error {
		d, err := loadDevice(tx, c.Param("deviceID"))
		if err != nil {
			return err
		}
		toks, err = listDocs[tokenDoc](tx, collTokens, func(t *tokenDoc) bool {
			return t.Kind == tokenKindDevice && t.DeviceID == d.ID
		})
		return err
	})
	if err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(toks))
	for _, t := range toks {
		items = append(items, deviceTokenRecord(t))
	}
	// Store order is by token string (random); creation order is the natural tiebreak.
	sortRecords(items, "created_at", false)
	out, err := runList(c.Query, items, deviceTokenListSpec, c.Now)
	return http.StatusOK, out, err
}

// validPermission: read, write, full, plus deny (in the SDK types, docs/api-notes.md §2.2).
func validPermission(p string) bool {
	switch p {
	case "read", "write", "full", "deny":
		return true
	}
	return false
}

// parseTokenExpiry reads expire_time: omitted or null or "never" -> never; an ISO date;
// or a relative "<n> <unit>" from now. The reference leaves the omitted case open (SDK
// "randomly generated", TCORE "1 month"); never is what clients that omit it survive.
// A date in the past is accepted (the token is simply expired).
func parseTokenExpiry(body jsonBody, now time.Time) (*apiTime, error) {
	s, present, err := body.nullableStr("expire_time")
	if err != nil || !present || s == nil || strings.TrimSpace(*s) == "" {
		return nil, err
	}
	t, perr := parseExpireTime(*s, now)
	if perr != nil {
		return nil, badRequest("expire_time must be \"never\", an ISO-8601 date or a relative time like \"3 hours\"")
	}
	if t == nil {
		return nil, nil
	}
	return timePtr(*t), nil
}

func (e *Emulator) createDeviceToken(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	devID, present, err := body.str("device")
	if err != nil {
		return 0, nil, err
	}
	if !present || devID == "" {
		return 0, nil, badRequest("device is required")
	}
	name, _, err := body.str("name")
	if err != nil {
		return 0, nil, err
	}
	if strings.TrimSpace(name) == "" {
		return 0, nil, badRequest("name is required and must be a non-empty string")
	}
	perm, permPresent, err := body.str("permission")
	if err != nil {
		return 0, nil, err
	}
	if !permPresent {
		perm = "full" // the OAS example omits permission; "full" is the admin's default
	}
	if !validPermission(perm) {
		return 0, nil, badRequest("permission must be one of: read, write, full, deny")
	}
	expire, err := parseTokenExpiry(body, c.Now)
	if err != nil {
		return 0, nil, err
	}
	tok := &tokenDoc{
		Token: newUUID(), Kind: tokenKindDevice, Name: name, Permission: perm,
		ExpireTime: expire, CreatedAt: apiTime(c.Now),
	}
	for _, f := range []struct {
		key string
		dst **string
	}{{"serie_number", &tok.SerieNumber}, {"verification_code", &tok.VerificationCode}, {"middleware", &tok.Middleware}} {
		v, _, err := body.nullableStr(f.key)
		if err != nil {
			return 0, nil, err
		}
		*f.dst = v
	}
	err = e.store.Update(func(tx Tx) error {
		d, err := loadDevice(tx, devID)
		if err != nil {
			return err
		}
		tok.DeviceID = d.ID
		return putDoc(tx, collTokens, tok.Token, tok)
	})
	if err != nil {
		return 0, nil, err
	}
	// docs/api-notes.md §8.2: SDK types read expire_date, the OAS example expire_time; both
	// keys are emitted.
	return http.StatusCreated, record{
		"token": tok.Token, "expire_date": tok.ExpireTime, "expire_time": tok.ExpireTime,
		"permission": tok.Permission,
	}, nil
}

func (e *Emulator) deleteDeviceToken(c *Ctx) (int, any, error) {
	raw := c.Param("token")
	err := e.store.Update(func(tx Tx) error {
		t, err := getDoc[tokenDoc](tx, collTokens, raw)
		if err != nil {
			return err
		}
		if t == nil || t.Kind != tokenKindDevice {
			return notFound("Token not found")
		}
		return tx.Delete(collTokens, raw)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Token Successfully Removed", nil
}
