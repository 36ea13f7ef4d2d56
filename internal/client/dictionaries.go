package client

import (
	"context"
	"net/http"
	"net/url"
)

// DictionaryLanguage is one language of a dictionary: its code (such as "en-US") and whether it
// is offered to users.
type DictionaryLanguage struct {
	Code   string `json:"code"`
	Active bool   `json:"active"`
}

// Dictionary is a dictionary as GET /dictionary/{id} returns it (JS SDK DictionaryInfo): its
// languages without their expressions, which DictionariesService.Language reads one language at a
// time.
type Dictionary struct {
	ID        string               `json:"id"`
	Name      string               `json:"name"`
	Slug      string               `json:"slug"`
	Fallback  string               `json:"fallback"`
	Languages []DictionaryLanguage `json:"languages"`
	CreatedAt string               `json:"created_at"`
	UpdatedAt string               `json:"updated_at"`
}

// DictionaryCreate is the POST /dictionary body. The fallback becomes the first language.
type DictionaryCreate struct {
	Name     string `json:"name"`
	Slug     string `json:"slug"`
	Fallback string `json:"fallback,omitempty"`
}

// DictionaryUpdate is a partial PUT /dictionary/{id} body.
type DictionaryUpdate struct {
	Name     *string `json:"name,omitempty"`
	Slug     *string `json:"slug,omitempty"`
	Fallback *string `json:"fallback,omitempty"`
}

// IsEmpty reports an update with nothing to send.
func (u DictionaryUpdate) IsEmpty() bool { return u.Name == nil && u.Slug == nil && u.Fallback == nil }

// DictionaryLanguageEdit is the PUT /dictionary/{id}/{language} body: the language's whole set
// of expressions (key -> text), which replaces the stored one, and whether it is active. A
// language the dictionary lacks is added.
type DictionaryLanguageEdit struct {
	Expressions map[string]string `json:"dictionary"`
	Active      bool              `json:"active"`
}

type dictionaryCreateResult struct {
	Dictionary string `json:"dictionary"`
	ID         string `json:"id"`
}

// DictionariesService is /dictionary.
type DictionariesService struct{ c *Client }

var dictionaryFields = []string{"id", "name", "slug", "fallback", "languages", "created_at", "updated_at"}

func dictionaryPath(id string) string { return "/dictionary/" + url.PathEscape(id) }

// Create creates a dictionary and returns its id. Slugs are unique in a profile, so a create whose
// answer was lost is recognised by its slug, and a create refused because another dictionary
// holds the slug is reported as a ConflictError naming it.
func (s *DictionariesService) Create(ctx context.Context, in DictionaryCreate) (string, error) {
	var out dictionaryCreateResult
	adopted, err := s.c.create(ctx, createSpec{
		kind:      "dictionary",
		name:      in.Slug,
		uniqueKey: "slug",
		req:       Request{Method: http.MethodPost, Path: "/dictionary", Body: in},
		lookup: func(ctx context.Context) ([]candidate, error) {
			found, err := s.List(ctx, ListOptions{Filter: map[string]string{"slug": in.Slug}})
			if err != nil {
				return nil, err
			}
			out := make([]candidate, 0, len(found))
			for _, d := range found {
				out = append(out, candidate{ID: d.ID, Name: d.Slug, CreatedAt: d.CreatedAt})
			}
			return out, nil
		},
	}, &out)
	if err != nil {
		return "", err
	}
	if adopted != "" {
		return adopted, nil
	}
	return firstNonEmpty(out.Dictionary, out.ID), nil
}

// Get reads one dictionary (its languages, not their expressions).
func (s *DictionariesService) Get(ctx context.Context, id string) (*Dictionary, error) {
	var out Dictionary
	if err := s.c.Do(ctx, Request{Method: http.MethodGet, Path: dictionaryPath(id)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Update edits a dictionary's name, slug or fallback language.
func (s *DictionariesService) Update(ctx context.Context, id string, in DictionaryUpdate) error {
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: dictionaryPath(id), Body: in}, nil)
}

// Delete deletes a dictionary with all its languages.
func (s *DictionariesService) Delete(ctx context.Context, id string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: dictionaryPath(id)}, nil)
}

// Language reads a language's expressions, without filling missing keys from the fallback
// language. ref is the dictionary's id or slug.
func (s *DictionariesService) Language(ctx context.Context, ref, code string) (map[string]string, error) {
	out := map[string]string{}
	err := s.c.Do(ctx, Request{
		Method: http.MethodGet, Path: dictionaryPath(ref) + "/" + url.PathEscape(code),
		Query: url.Values{"fallback": {"false"}},
	}, &out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// EditLanguage replaces a language's expressions and sets whether it is active; it adds the
// language when the dictionary lacks it.
func (s *DictionariesService) EditLanguage(ctx context.Context, id, code string, in DictionaryLanguageEdit) error {
	if in.Expressions == nil {
		in.Expressions = map[string]string{}
	}
	return s.c.Do(ctx, Request{Method: http.MethodPut, Path: dictionaryPath(id) + "/" + url.PathEscape(code), Body: in}, nil)
}

// DeleteLanguage removes a language (never the fallback one, which TagoIO refuses).
func (s *DictionariesService) DeleteLanguage(ctx context.Context, id, code string) error {
	return s.c.Do(ctx, Request{Method: http.MethodDelete, Path: dictionaryPath(id) + "/" + url.PathEscape(code)}, nil)
}

// List lists every dictionary matching opts (all pages), ordered by name unless opts say otherwise.
func (s *DictionariesService) List(ctx context.Context, opts ListOptions) ([]Dictionary, error) {
	if opts.Fields == nil {
		opts.Fields = dictionaryFields
	}
	if opts.OrderBy == "" {
		opts.OrderBy = "name,asc"
	}
	return ListAll[Dictionary](ctx, s.c, "/dictionary", opts)
}
