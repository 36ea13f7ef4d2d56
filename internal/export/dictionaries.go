package export

import (
	"context"
	"fmt"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// dictionary is a dictionary with each language's expressions, which its own answer lacks.
type dictionary struct {
	client.Dictionary
	texts map[string]map[string]string // language code -> key -> text
}

// readDictionaries lists the dictionaries and reads every language's expressions.
func (r *reader) readDictionaries(ctx context.Context, acc *account) error {
	listed, err := r.c.Dictionaries.List(ctx, client.ListOptions{})
	if err != nil {
		return fmt.Errorf("listing dictionaries: %w", err)
	}
	r.progress.add(len(listed))
	for _, d := range listed {
		x := dictionary{Dictionary: d, texts: map[string]map[string]string{}}
		var readErr error
		for _, l := range d.Languages {
			if x.texts[l.Code], readErr = r.c.Dictionaries.Language(ctx, d.ID, l.Code); readErr != nil {
				break
			}
		}
		r.progress.done(1, "dictionaries")
		if r.deleted(readErr, "dictionary", d.ID) {
			continue
		}
		if readErr != nil {
			return fmt.Errorf("reading dictionary %s: %w", d.ID, readErr)
		}
		acc.dictionaries = append(acc.dictionaries, x)
	}
	return nil
}

// dictionary writes every language with its expressions; active is written only when false
// (its schema default is true).
func (b *builder) dictionary(x dictionary) resourceBlock {
	var a attrs
	a.set("name", str(x.Name))
	a.set("slug", str(x.Slug))
	a.set("fallback", str(x.Fallback))
	langs := make(object, 0, len(x.Languages))
	for _, l := range x.Languages {
		var lang attrs
		lang.flag("active", l.Active, true)
		if texts := x.texts[l.Code]; len(texts) > 0 {
			exprs := make(object, 0, len(texts))
			for _, k := range sortedKeys(texts) {
				exprs = append(exprs, field{k, str(texts[k])})
			}
			lang.set("expressions", exprs)
		}
		langs = append(langs, field{l.Code, object(lang)})
	}
	a.set("languages", langs)
	return resourceBlock{kind: kindDictionary, name: b.names[kindDictionary][x.ID], importID: x.ID, attrs: a}
}
