package emulator

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
)

// collDictionaries holds the profile's dictionaries (multi-language expressions), keyed by id.
const collDictionaries = "dictionaries"

// dictionaryLanguage is one language of a dictionary: its code, whether it is offered, and its
// expressions (key -> text). The expressions are only returned by the language route.
type dictionaryLanguage struct {
	Code        string            `json:"code"`
	Active      bool              `json:"active"`
	Expressions map[string]string `json:"expressions"`
}

// dictionaryDoc is a stored dictionary (OpenAPI "Dictionary" operations, SDK DictionaryInfo).
type dictionaryDoc struct {
	ID        string               `json:"id"`
	Name      string               `json:"name"`
	Slug      string               `json:"slug"`
	Fallback  string               `json:"fallback"`
	Languages []dictionaryLanguage `json:"languages"`
	CreatedAt apiTime              `json:"created_at"`
	UpdatedAt apiTime              `json:"updated_at"`
}

// dictionarySlugRe: the slug is what expressions name (#SLUG.KEY#); the SDK's expression parser
// only recognises uppercase letters and digits there.
var dictionarySlugRe = regexp.MustCompile(`^[A-Z0-9]+$`)

// dictionaryKeyRe: an expression key, as the SDK's parser recognises it (#SLUG.KEY#).
var dictionaryKeyRe = regexp.MustCompile(`^[A-Z0-9_]+$`)

// dictionaryRecord is DictionaryInfo: languages without their expressions.
func dictionaryRecord(d *dictionaryDoc) record {
	langs := make([]record, 0, len(d.Languages))
	for _, l := range d.Languages {
		langs = append(langs, record{"code": l.Code, "active": l.Active})
	}
	return record{
		"id": d.ID, "name": d.Name, "slug": d.Slug, "fallback": d.Fallback, "languages": langs,
		"created_at": d.CreatedAt, "updated_at": d.UpdatedAt,
	}
}

var dictionaryListSpec = listSpec{
	defaultFields: []string{"id", "name", "slug", "languages"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "name,asc",
	filters: map[string]filterKind{
		"id": filterString, "name": filterString, "slug": filterString, "fallback": filterString,
		"created_at": filterDate, "updated_at": filterDate,
	},
}

func (e *Emulator) registerDictionaries(r *Router) {
	r.Handle("GET", "/dictionary", e.listDictionaries, kindProfile)
	r.Handle("POST", "/dictionary", e.createDictionary, kindProfile)
	r.Handle("GET", "/dictionary/{id}", e.getDictionary, kindProfile)
	r.Handle("PUT", "/dictionary/{id}", e.editDictionary, kindProfile)
	r.Handle("DELETE", "/dictionary/{id}", e.deleteDictionary, kindProfile)
	// GET takes a slug or an id; PUT and DELETE an id.
	r.Handle("GET", "/dictionary/{id}/{language}", e.getDictionaryLanguage, kindProfile|kindAnalysis)
	r.Handle("PUT", "/dictionary/{id}/{language}", e.editDictionaryLanguage, kindProfile)
	r.Handle("DELETE", "/dictionary/{id}/{language}", e.deleteDictionaryLanguage, kindProfile)
}

func loadDictionary(tx Tx, id string) (*dictionaryDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Dictionary ID")
	}
	d, err := getDoc[dictionaryDoc](tx, collDictionaries, id)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, notFound("Dictionary not found")
	}
	return d, nil
}

// loadDictionaryBySlugOrID finds a dictionary by id, else by slug.
func loadDictionaryBySlugOrID(tx Tx, ref string) (*dictionaryDoc, error) {
	if isObjectID(ref) {
		return loadDictionary(tx, ref)
	}
	found, err := listDocs[dictionaryDoc](tx, collDictionaries, func(d *dictionaryDoc) bool { return d.Slug == ref })
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, notFound("Dictionary not found")
	}
	return found[0], nil
}

func (d *dictionaryDoc) language(code string) *dictionaryLanguage {
	for i := range d.Languages {
		if d.Languages[i].Code == code {
			return &d.Languages[i]
		}
	}
	return nil
}

func (e *Emulator) listDictionaries(c *Ctx) (int, any, error) {
	var docs []*dictionaryDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[dictionaryDoc](tx, collDictionaries, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, d := range docs {
		items = append(items, dictionaryRecord(d))
	}
	out, err := runList(c.Query, items, dictionaryListSpec, c.Now)
	return http.StatusOK, out, err
}

func (e *Emulator) getDictionary(c *Ctx) (int, any, error) {
	var d *dictionaryDoc
	if err := e.store.View(func(tx Tx) (err error) {
		d, err = loadDictionary(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, dictionaryRecord(d), nil
}

// dictionaryText reads a non-empty string field.
func dictionaryText(body jsonBody, k string) (string, bool, error) {
	s, present, err := body.str(k)
	if err != nil || !present {
		return "", present, err
	}
	if strings.TrimSpace(s) == "" {
		return "", true, badRequest("%s must be a non-empty string", k)
	}
	return s, true, nil
}

func dictionarySlug(body jsonBody) (string, bool, error) {
	s, present, err := body.str("slug")
	if err != nil || !present {
		return "", present, err
	}
	if !dictionarySlugRe.MatchString(s) {
		return "", true, badRequest("slug must contain only uppercase letters and digits")
	}
	return s, true, nil
}

// dictionaryLanguageItems reads a languages array of {code, active} (create also carries a message
// the API ignores).
func dictionaryLanguageItems(body jsonBody) ([]dictionaryLanguage, error) {
	raw, ok := body["languages"]
	if !ok {
		return nil, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil || body.isNull("languages") {
		return nil, badRequest("languages must be an array of {code, active} objects")
	}
	out := make([]dictionaryLanguage, 0, len(items))
	for i, it := range items {
		obj, err := parseObject(it)
		if err != nil {
			return nil, badRequest("languages[%d] must be a {code, active} object", i)
		}
		code, present, err := obj.str("code")
		if err != nil || !present || strings.TrimSpace(code) == "" {
			return nil, badRequest("languages[%d].code must be a non-empty string", i)
		}
		active, present, err := obj.boolean("active")
		if err != nil {
			return nil, badRequest("languages[%d].active must be a boolean", i)
		}
		if !present {
			active = true
		}
		out = append(out, dictionaryLanguage{Code: code, Active: active})
	}
	return out, nil
}

// slugTaken reports another dictionary of the profile with this slug.
func slugTaken(tx Tx, slug, exceptID string) error {
	clash, err := listDocs[dictionaryDoc](tx, collDictionaries, func(d *dictionaryDoc) bool {
		return d.Slug == slug && d.ID != exceptID
	})
	if err != nil {
		return err
	}
	if len(clash) > 0 {
		return badRequest("slug %s is already used by another dictionary", slug)
	}
	return nil
}

func (e *Emulator) createDictionary(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	name, present, err := dictionaryText(body, "name")
	if err != nil {
		return 0, nil, err
	}
	if !present {
		return 0, nil, badRequest("name is required")
	}
	slug, present, err := dictionarySlug(body)
	if err != nil {
		return 0, nil, err
	}
	if !present {
		return 0, nil, badRequest("slug is required")
	}
	fallback, fallbackPresent, err := dictionaryText(body, "fallback")
	if err != nil {
		return 0, nil, err
	}
	langs, err := dictionaryLanguageItems(body)
	if err != nil {
		return 0, nil, err
	}
	now := apiTime(c.Now)
	d := &dictionaryDoc{ID: newObjectID(), Name: name, Slug: slug, Fallback: fallback, Languages: []dictionaryLanguage{}, CreatedAt: now, UpdatedAt: now}
	// The fallback is the dictionary's first language.
	if fallbackPresent {
		d.Languages = append(d.Languages, dictionaryLanguage{Code: fallback, Active: true, Expressions: map[string]string{}})
	}
	for _, l := range langs {
		if d.language(l.Code) == nil {
			l.Expressions = map[string]string{}
			d.Languages = append(d.Languages, l)
		}
	}
	if !fallbackPresent && len(d.Languages) > 0 {
		d.Fallback = d.Languages[0].Code
	}
	err = e.store.Update(func(tx Tx) error {
		if err := slugTaken(tx, slug, ""); err != nil {
			return err
		}
		return putDoc(tx, collDictionaries, d.ID, d)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, record{"dictionary": d.ID}, nil
}

func (e *Emulator) editDictionary(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	name, namePresent, err := dictionaryText(body, "name")
	if err != nil {
		return 0, nil, err
	}
	slug, slugPresent, err := dictionarySlug(body)
	if err != nil {
		return 0, nil, err
	}
	fallback, fallbackPresent, err := dictionaryText(body, "fallback")
	if err != nil {
		return 0, nil, err
	}
	langs, err := dictionaryLanguageItems(body)
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		d, err := loadDictionary(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if namePresent {
			d.Name = name
		}
		if slugPresent {
			if err := slugTaken(tx, slug, d.ID); err != nil {
				return err
			}
			d.Slug = slug
		}
		for _, l := range langs {
			if have := d.language(l.Code); have != nil {
				have.Active = l.Active
			} else {
				l.Expressions = map[string]string{}
				d.Languages = append(d.Languages, l)
			}
		}
		if fallbackPresent {
			if d.language(fallback) == nil {
				return badRequest("fallback %s is not a language of this dictionary", fallback)
			}
			d.Fallback = fallback
		}
		d.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collDictionaries, d.ID, d)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

func (e *Emulator) deleteDictionary(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		d, err := loadDictionary(tx, c.Param("id"))
		if err != nil {
			return err
		}
		return tx.Delete(collDictionaries, d.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

// getDictionaryLanguage returns a language's expressions; with fallback=true the keys the language
// lacks are filled from the fallback language. An unknown language is an empty object.
func (e *Emulator) getDictionaryLanguage(c *Ctx) (int, any, error) {
	var d *dictionaryDoc
	if err := e.store.View(func(tx Tx) (err error) {
		d, err = loadDictionaryBySlugOrID(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	out := map[string]string{}
	if c.Query.String("fallback") == "true" {
		if fb := d.language(d.Fallback); fb != nil {
			for k, v := range fb.Expressions {
				out[k] = v
			}
		}
	}
	if l := d.language(c.Param("language")); l != nil {
		for k, v := range l.Expressions {
			out[k] = v
		}
	}
	return http.StatusOK, out, nil
}

// editDictionaryLanguage replaces a language's expressions (adding the language when new).
func (e *Emulator) editDictionaryLanguage(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	raw, ok := body["dictionary"]
	if !ok || body.isNull("dictionary") {
		return 0, nil, badRequest("dictionary is required: an object of expression keys and texts")
	}
	var expressions map[string]string
	if err := json.Unmarshal(raw, &expressions); err != nil {
		return 0, nil, badRequest("dictionary must be an object of expression keys and texts")
	}
	for k := range expressions {
		if !dictionaryKeyRe.MatchString(k) {
			return 0, nil, badRequest("expression key %q must contain only uppercase letters, digits and underscores", k)
		}
	}
	active, activePresent, err := body.boolean("active")
	if err != nil {
		return 0, nil, err
	}
	code := c.Param("language")
	err = e.store.Update(func(tx Tx) error {
		d, err := loadDictionary(tx, c.Param("id"))
		if err != nil {
			return err
		}
		l := d.language(code)
		if l == nil {
			d.Languages = append(d.Languages, dictionaryLanguage{Code: code, Active: true})
			l = &d.Languages[len(d.Languages)-1]
		}
		if activePresent {
			l.Active = active
		}
		l.Expressions = expressions
		if d.Fallback == "" {
			d.Fallback = code
		}
		d.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collDictionaries, d.ID, d)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Dictionary language Successfully Updated", nil
}

func (e *Emulator) deleteDictionaryLanguage(c *Ctx) (int, any, error) {
	code := c.Param("language")
	err := e.store.Update(func(tx Tx) error {
		d, err := loadDictionary(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if d.language(code) == nil {
			return notFound("Language not found")
		}
		if code == d.Fallback {
			return badRequest("%s is the fallback language: choose another fallback before removing it", code)
		}
		kept := d.Languages[:0]
		for _, l := range d.Languages {
			if l.Code != code {
				kept = append(kept, l)
			}
		}
		d.Languages = kept
		d.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collDictionaries, d.ID, d)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Dictionary language Successfully Removed", nil
}
