package emulator

import (
	"net/http"
	"slices"
	"strings"
)

// Service authorizations: tokens the profile gives external services (SDK
// Resources.serviceAuthorization, /serviceauth). The token is the object's only handle.
const collServiceAuth = "service_authorizations" // keyed by token

type serviceAuthDoc struct {
	Token            string  `json:"token"`
	Name             string  `json:"name"`
	Permission       string  `json:"permission"`
	VerificationCode *string `json:"verification_code"`
	ExpireTime       string  `json:"expire_time"`
	CreatedAt        apiTime `json:"created_at"`
}

var serviceAuthPermissions = []string{"write", "read", "full"}

func (e *Emulator) serviceAuthRecord(s *serviceAuthDoc) record {
	return record{
		"token": s.Token, "name": s.Name, "type": "authorization", "permission": s.Permission,
		"verification_code": s.VerificationCode, "expire_time": s.ExpireTime, "serie_number": nil,
		"last_authorization": nil, "ref_id": e.profileID, "created_at": s.CreatedAt, "created_by": nil,
	}
}

var serviceAuthListSpec = listSpec{
	defaultFields: []string{"name", "token", "permission"},
	alwaysFields:  []string{},
	defaultOrder:  "created_at,desc",
	filters: map[string]filterKind{
		"name": filterString, "permission": filterString, "verification_code": filterString, "created_at": filterDate,
	},
}

func (e *Emulator) registerServiceAuthorizations(r *Router) {
	r.Handle("GET", "/serviceauth", e.listServiceAuth, kindProfile)
	r.Handle("POST", "/serviceauth", e.createServiceAuth, kindProfile)
	r.Handle("PUT", "/serviceauth/{token}", e.editServiceAuth, kindProfile)
	r.Handle("DELETE", "/serviceauth/{token}", e.deleteServiceAuth, kindProfile)
}

func loadServiceAuth(tx Tx, token string) (*serviceAuthDoc, error) {
	s, err := getDoc[serviceAuthDoc](tx, collServiceAuth, token)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return nil, notFound("Authorization not found")
	}
	return s, nil
}

func (e *Emulator) listServiceAuth(c *Ctx) (int, any, error) {
	var docs []*serviceAuthDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[serviceAuthDoc](tx, collServiceAuth, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, s := range docs {
		items = append(items, e.serviceAuthRecord(s))
	}
	out, err := runList(c.Query, items, serviceAuthListSpec, c.Now)
	return http.StatusOK, out, err
}

func (e *Emulator) createServiceAuth(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	name, present, err := body.str("name")
	if err != nil {
		return 0, nil, err
	}
	if !present || strings.TrimSpace(name) == "" {
		return 0, nil, badRequest("name is required")
	}
	permission, present, err := body.str("permission")
	if err != nil {
		return 0, nil, err
	}
	if !present {
		permission = "full"
	} else if !slices.Contains(serviceAuthPermissions, permission) {
		return 0, nil, badRequest("permission must be one of write, read, full")
	}
	code, _, err := body.nullableStr("verification_code")
	if err != nil {
		return 0, nil, err
	}
	s := &serviceAuthDoc{Token: "at" + strings.ReplaceAll(newUUID(), "-", ""), Name: name, Permission: permission,
		VerificationCode: code, ExpireTime: "never", CreatedAt: apiTime(c.Now)}
	if err := e.store.Update(func(tx Tx) error { return putDoc(tx, collServiceAuth, s.Token, s) }); err != nil {
		return 0, nil, err
	}
	out := record{"token": s.Token, "name": s.Name, "profile": e.profileID}
	if code != nil {
		out["additional_parameters"] = *code
	}
	return http.StatusOK, out, nil
}

// editServiceAuth sets or clears the verification code, the only editable setting.
func (e *Emulator) editServiceAuth(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	code, _, err := body.nullableStr("verification_code")
	if err != nil {
		return 0, nil, err
	}
	if code != nil && *code == "" {
		code = nil
	}
	err = e.store.Update(func(tx Tx) error {
		s, err := loadServiceAuth(tx, c.Param("token"))
		if err != nil {
			return err
		}
		s.VerificationCode = code
		return putDoc(tx, collServiceAuth, s.Token, s)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Authorization Code Successfully Updated", nil
}

func (e *Emulator) deleteServiceAuth(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		s, err := loadServiceAuth(tx, c.Param("token"))
		if err != nil {
			return err
		}
		return tx.Delete(collServiceAuth, s.Token)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Token Successfully Removed", nil
}
