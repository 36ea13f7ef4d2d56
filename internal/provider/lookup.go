package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
