package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// exactlyOneNamed picks the one item whose name is exactly name from a list the API filtered by
// name (its filter treats "*" as a wildcard and may ignore case). It reports 0 or several
// matches as a diagnostic that says what to do.
func exactlyOneNamed[T any](items []T, nameOf func(T) string, kind, name string, diags *diag.Diagnostics) (T, bool) {
	var matches []T
	for _, it := range items {
		if nameOf(it) == name {
			matches = append(matches, it)
		}
	}
	if len(matches) != 1 {
		addLookupError(diags, kind, "name", name, len(matches))
		var zero T
		return zero, false
	}
	return matches[0], true
}

// lookupField is how a singular data source finds its object when no id is configured: the
// list filter it sends, how its read error names the list, and the item's id and value.
type lookupField[T any] struct {
	field      string // the list filter and the attribute: "name", "label", "key", "email"
	phrase     string // "named", "labelled", "with key", "with e-mail"
	idAndValue func(T) (id, value string)
	// equal compares an item's value with the configured one; nil means exactly equal.
	equal func(item, configured string) bool
}

// byName finds an object by its exact name.
func byName[T any](idAndName func(T) (id, name string)) lookupField[T] {
	return lookupField[T]{field: "name", phrase: "named", idAndValue: idAndName}
}

// idToRead is the id a singular data source reads: the configured id, else the id of the one
// object whose field is the configured value. The API's filter treats "*" as a wildcard and may
// ignore case, so the list is narrowed to exact matches; none or several is a diagnostic that
// says what to do, and false.
func idToRead[T any](ctx context.Context, id, value types.String, kind string, by lookupField[T],
	list func(context.Context, client.ListOptions) ([]T, error), diags *diag.Diagnostics) (string, bool) {
	if !id.IsNull() {
		return id.ValueString(), true
	}
	want := value.ValueString()
	items, err := list(ctx, client.ListOptions{Fields: []string{"id", by.field}, Filter: map[string]string{by.field: want}})
	if err != nil {
		addReadError(diags, pluralKind(kind)+" "+by.phrase, want, err)
		return "", false
	}
	var matches []string
	for _, it := range items {
		itemID, got := by.idAndValue(it)
		if got == want || (by.equal != nil && by.equal(got, want)) {
			matches = append(matches, itemID)
		}
	}
	if len(matches) != 1 {
		addLookupError(diags, kind, by.field, want, len(matches))
		return "", false
	}
	return matches[0], true
}
