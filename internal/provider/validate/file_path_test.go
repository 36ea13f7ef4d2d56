package validate

import (
	"strings"
	"testing"
)

func TestCheckFilePath(t *testing.T) {
	t.Parallel()
	good := []string{"/a.txt", "/reports/2026/summary.csv", "/ünïcødé/файл 1.png", "/a b/c-d_e.f"}
	for _, p := range good {
		if problem := CheckFilePath(p); problem != "" {
			t.Errorf("CheckFilePath(%q) = %q, want accepted", p, problem)
		}
	}
	bad := map[string]string{
		"":                "start with /",
		"a.txt":           "start with /",
		"/":               "not a folder",
		"/reports/":       "not a folder",
		"/a//b.txt":       "empty folder",
		"/a/../b.txt":     ". or ..",
		"/./b.txt":        ". or ..",
		"/a\nb.txt":       "control characters",
		"/ a.txt":         "blanks",
		"/reports /a.txt": "blanks",
	}
	for p, want := range bad {
		if problem := CheckFilePath(p); problem == "" || !strings.Contains(problem, want) {
			t.Errorf("CheckFilePath(%q) = %q, want a problem saying %q", p, problem, want)
		}
	}
}

func TestFolderPath(t *testing.T) {
	t.Parallel()
	rule, ok := FolderPath().(stringRule)
	if !ok {
		t.Fatalf("FolderPath() is a %T, want a stringRule", FolderPath())
	}
	for _, p := range []string{"/", "/reports", "/reports/", "/a/b c/"} {
		if problem := rule.check(p); problem != "" {
			t.Errorf("FolderPath(%q) = %q, want accepted", p, problem)
		}
	}
	for _, p := range []string{"", "reports", "/a/../b", "//", "/a//b", "/a//"} {
		if problem := rule.check(p); problem == "" {
			t.Errorf("FolderPath(%q) accepted", p)
		}
	}
}
