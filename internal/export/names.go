package export

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// terraformName turns a label into a readable Terraform resource name: lowercase ASCII letters,
// digits and underscores. Accents are dropped (é → e), every other run of characters becomes one
// underscore, and a name that would start with a digit gets the fallback as prefix (Terraform
// names cannot start with a digit). A label with nothing usable becomes the fallback.
func terraformName(label, fallback string) string {
	var b strings.Builder
	pendingUnderscore := false
	for _, r := range norm.NFD.String(label) {
		switch {
		case unicode.Is(unicode.Mn, r): // a combining accent left by the decomposition
			continue
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if pendingUnderscore && b.Len() > 0 {
				b.WriteByte('_')
			}
			pendingUnderscore = false
			b.WriteRune(unicode.ToLower(r))
		default:
			pendingUnderscore = true
		}
	}
	name := b.String()
	switch {
	case name == "":
		return fallback
	case name[0] >= '0' && name[0] <= '9':
		return fallback + "_" + name
	}
	return name
}

// namer hands out unique names per resource type. Names are given in the order of the objects'
// IDs, so that the same account always gets the same names and an object added later never
// renames an older one: the first "boiler" is boiler, the next boiler_2, then boiler_3.
type namer struct {
	used map[string]map[string]bool // resource type -> names taken
}

func newNamer() *namer { return &namer{used: map[string]map[string]bool{}} }

// assign names every object of one resource type: labels maps an object ID to its label.
func (n *namer) assign(resourceType string, labels map[string]string, fallback string) map[string]string {
	used := n.used[resourceType]
	if used == nil {
		used = map[string]bool{}
		n.used[resourceType] = used
	}
	names := make(map[string]string, len(labels))
	for _, id := range slices.Sorted(maps.Keys(labels)) {
		base := terraformName(labels[id], fallback)
		name := base
		for i := 2; used[name]; i++ {
			name = base + "_" + strconv.Itoa(i)
		}
		used[name] = true
		names[id] = name
	}
	return names
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
