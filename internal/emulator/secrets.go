package emulator

import (
	"net/http"
	"regexp"
	"strings"
)

// secretDoc is a stored secret (JS Resources/Secrets.ts). The value is stored as the API
// stores it, but no route ever returns it.
type secretDoc struct {
	ID        string  `json:"id"`
	Key       string  `json:"key"`
	Value     string  `json:"value"`
	Tags      []tag   `json:"tags"`
	CreatedAt apiTime `json:"created_at"`
	UpdatedAt apiTime `json:"updated_at"`
}

// secretKeyRe: the API uppercases keys and accepts only letters, digits and
// underscores (tagoio-cli secret-key.ts, probed against the API).
var secretKeyRe = regexp.MustCompile(`^[A-Z0-9_]+$`)

// maxSecretValue is the Text secret's limit (DOCS getting-started/secrets).
const maxSecretValue = 2048

// secretRecord is SecretsInfo: everything but the value, whose length stands in.
func secretRecord(s *secretDoc) record {
	tags := s.Tags
	if tags == nil {
		tags = []tag{}
	}
	return record{
		"id": s.ID, "key": s.Key, "tags": tags, "value_length": len([]rune(s.Value)),
		"created_at": s.CreatedAt, "updated_at": s.UpdatedAt,
	}
}

var secretListSpec = listSpec{
	defaultFields: []string{"id", "key"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "key,asc",
	filters: map[string]filterKind{
		"id": filterString, "key": filterString, "tags": filterTags,
		"created_at": filterDate, "updated_at": filterDate,
	},
}

func (e *Emulator) registerSecrets(r *Router) {
	r.Handle("GET", "/secrets", e.listSecrets, kindProfile)
	r.Handle("POST", "/secrets", e.createSecret, kindProfile)
	r.Handle("GET", "/secrets/{id}", e.getSecret, kindProfile)
	r.Handle("PUT", "/secrets/{id}", e.editSecret, kindProfile)
	r.Handle("DELETE", "/secrets/{id}", e.deleteSecret, kindProfile)
}

func loadSecret(tx Tx, id string) (*secretDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Secret ID")
	}
	s, err := getDoc[secretDoc](tx, collSecrets, id)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return nil, notFound("Secret not found")
	}
	return s, nil
}

func (e *Emulator) listSecrets(c *Ctx) (int, any, error) {
	var docs []*secretDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[secretDoc](tx, collSecrets, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, s := range docs {
		items = append(items, secretRecord(s))
	}
	out, err := runList(c.Query, items, secretListSpec, c.Now)
	return http.StatusOK, out, err
}

func (e *Emulator) getSecret(c *Ctx) (int, any, error) {
	var s *secretDoc
	if err := e.store.View(func(tx Tx) (err error) {
		s, err = loadSecret(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, secretRecord(s), nil
}

// secretKey reads and normalises key: required, uppercased, [A-Z0-9_].
func secretKey(body jsonBody) (string, bool, error) {
	k, present, err := body.str("key")
	if err != nil {
		return "", present, err
	}
	if !present {
		return "", false, nil
	}
	k = strings.ToUpper(strings.TrimSpace(k))
	if !secretKeyRe.MatchString(k) {
		return "", true, badRequest("key is required and may contain only letters, digits and underscores (it is stored uppercased)")
	}
	return k, true, nil
}

func secretValue(body jsonBody) (string, bool, error) {
	v, present, err := body.str("value")
	if err != nil || !present {
		return "", present, err
	}
	if v == "" {
		return "", true, badRequest("value must be a non-empty string")
	}
	if n := len([]rune(v)); n > maxSecretValue {
		return "", true, badRequest("value is too long: %d characters, at most %d", n, maxSecretValue)
	}
	return v, true, nil
}

func (e *Emulator) createSecret(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	key, present, err := secretKey(body)
	if err != nil {
		return 0, nil, err
	}
	if !present {
		return 0, nil, badRequest("key is required")
	}
	value, present, err := secretValue(body)
	if err != nil {
		return 0, nil, err
	}
	if !present {
		return 0, nil, badRequest("value is required")
	}
	tags, _, err := body.tags("tags")
	if err != nil {
		return 0, nil, err
	}
	if tags == nil {
		tags = []tag{}
	}
	now := apiTime(c.Now)
	s := &secretDoc{ID: newObjectID(), Key: key, Value: value, Tags: tags, CreatedAt: now, UpdatedAt: now}
	err = e.store.Update(func(tx Tx) error {
		clash, err := listDocs[secretDoc](tx, collSecrets, func(o *secretDoc) bool { return o.Key == key })
		if err != nil {
			return err
		}
		if len(clash) > 0 {
			// The API answers a duplicate with an opaque "Sorry, Internal Error" (CLI
			// notes); a 400 naming the cause is what a client can act on, and a 5xx
			// would make the SDKs retry a request that can never succeed.
			return badRequest("key %s is already used by another secret of this profile", key)
		}
		return putDoc(tx, collSecrets, s.ID, s)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{"id": s.ID}, nil
}

func (e *Emulator) editSecret(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	key, keyPresent, err := secretKey(body)
	if err != nil {
		return 0, nil, err
	}
	value, valuePresent, err := secretValue(body)
	if err != nil {
		return 0, nil, err
	}
	tags, tagsPresent, err := body.tags("tags")
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		s, err := loadSecret(tx, c.Param("id"))
		if err != nil {
			return err
		}
		// SecretsEdit has no key and the docs say keys cannot be edited; resending
		// the same key is harmless.
		if keyPresent && key != s.Key {
			return badRequest("key cannot be changed; delete the secret and create a new one")
		}
		if valuePresent {
			s.Value = value
		}
		if tagsPresent {
			s.Tags = tags // replace, not merge
		}
		s.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collSecrets, s.ID, s)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

func (e *Emulator) deleteSecret(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		s, err := loadSecret(tx, c.Param("id"))
		if err != nil {
			return err
		}
		return tx.Delete(collSecrets, s.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}
