package export

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// Run user newsletter and show_last_updated_at, and dashboard theme, background and setup, are
// written when TagoIO holds something other than the schema's default.
func TestRender_newFields(t *testing.T) {
	yes, zone, menu := true, "UTC", "menu"
	acc := &account{
		runUsers: []client.RunUser{{ID: "0000000000000000000000b1", Name: "Reader", Email: "r@example.com", Timezone: &zone,
			Newsletter: &yes, Options: &client.RunUserOptions{ShowLastUpdatedAt: &menu}}},
		dashboards: []client.Dashboard{{ID: "0000000000000000000000c1", Label: "Look", Type: "dashboard",
			Theme: json.RawMessage(`{"font":"Roboto"}`), Background: json.RawMessage(`{}`), Setup: json.RawMessage(`null`)}},
	}
	b := &builder{names: map[kind]map[string]string{}, files: map[string][]byte{}, warn: func(string, ...any) {}}
	b.assignNames(acc)
	files, err := render(b.blocks(acc), b.files, "http://127.0.0.1:8080")
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range files {
		all.Write(f)
	}
	out := all.String()
	for _, want := range []string{`newsletter = true`, `show_last_updated_at = "menu"`, `theme = jsonencode({`, `font = "Roboto"`} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
	for _, unwanted := range []string{"background", "setup"} { // TagoIO's defaults: left out
		if strings.Contains(out, unwanted) {
			t.Errorf("export writes %s, which holds only the default:\n%s", unwanted, out)
		}
	}
}
