package provider

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
)

// Files uploaded through the API import loss-free with generated configuration: a private text
// file under a folder with a unicode name, a public binary file, and one named by an import ID
// without its leading slash. The generated configuration leaves source and content out, which
// keeps the stored content; adding content then plans a replacement that uploads it.
func TestAccFile_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	b64 := func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
	const folder = "/tfacc-import-files/"
	env.apiCall("POST", "/files", []obj{{"filename": folder + "relatórios/ação 1 – 東京.csv", "file": b64([]byte("día,valor\n1,2\n"))}})
	env.apiCall("POST", "/files", []obj{{"filename": folder + "logo.png", "file": b64([]byte{0x89, 'P', 'N', 'G', 0, 1, 2}), "public": true}})
	env.apiCall("POST", "/files", []obj{{"filename": folder + "no-slash.txt", "file": b64([]byte("x"))}})
	res := env.importWithGeneratedConfig(
		[]importTarget{
			{Type: "tagoio_file", Name: "report", ID: folder + "relatórios/ação 1 – 東京.csv"},
			{Type: "tagoio_file", Name: "logo", ID: folder + "logo.png"},
			{Type: "tagoio_file", Name: "bare", ID: strings.TrimPrefix(folder, "/") + "no-slash.txt"},
		},
		[]apiObject{
			{Path: "/files", Query: map[string]string{"path": folder}},
			{Path: "/files", Query: map[string]string{"path": folder + "relatórios/"}},
		})
	for _, want := range []string{`path = "/tfacc-import-files/relatórios/ação 1 – 東京.csv"`, `public = true`, `path = "/tfacc-import-files/no-slash.txt"`} {
		if !strings.Contains(strings.Join(strings.Fields(res.Generated), " "), want) {
			t.Errorf("the generated configuration lacks %s:\n%s", want, res.Generated)
		}
	}
	// Setting content on an imported file uploads it: Terraform cannot know what TagoIO holds.
	edited := regexp.MustCompile(`content\s+= null`).ReplaceAllString(res.Generated, `content = "new"`)
	if edited == res.Generated {
		t.Fatalf("no content = null to edit in:\n%s", res.Generated)
	}
	if out := res.planAfterEdit(t, edited); !strings.Contains(out, "must be replaced") || !strings.Contains(out, "3 to add, 0 to change, 3 to destroy") {
		t.Errorf("adding content to an imported file should plan a replacement each:\n%s", out)
	}
}
