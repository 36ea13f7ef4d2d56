package validate

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// FilePathRule is what a path in the account's file storage must be, as FilePath checks it.
const FilePathRule = "a path in TagoIO Files such as /reports/summary.csv: a leading /, folders separated by single slashes, " +
	"no . or .. part, no trailing /, no control characters"

// CheckFilePath returns what is wrong with a file path in the account's file storage, or "".
// The API treats a path ending in / as a folder and resolves no "." or ".." (they would
// become part of the name), so such paths are refused before any request.
func CheckFilePath(s string) string {
	if !strings.HasPrefix(s, "/") {
		return "must start with /"
	}
	if s == "/" || strings.HasSuffix(s, "/") {
		return "must name a file, not a folder (no trailing /)"
	}
	for i, r := range s {
		if unicode.IsControl(r) {
			return fmt.Sprintf("must not contain control characters: found %U at byte %d", r, i)
		}
	}
	for _, part := range strings.Split(s[1:], "/") {
		switch {
		case part == "":
			return "must not contain an empty folder name (//)"
		case part == "." || part == "..":
			return "must not contain . or .. parts"
		case strings.TrimSpace(part) != part:
			return "must not have blanks at the start or end of a file or folder name"
		}
	}
	return ""
}

// FilePath validates a path in the account's file storage (CheckFilePath).
func FilePath() validator.String {
	return stringRule{"must be " + FilePathRule, CheckFilePath}
}

// FolderPath validates a folder of the account's file storage: "/" (the whole storage) or a
// path such as /reports, with or without a trailing /.
func FolderPath() validator.String {
	return stringRule{"must be / or a folder path such as /reports", func(s string) string {
		if s == "/" {
			return ""
		}
		if problem := CheckFilePath(strings.TrimSuffix(s, "/")); problem != "" && !strings.Contains(problem, "not a folder") {
			return problem
		}
		if strings.HasSuffix(s, "//") {
			return "must not end with //"
		}
		return ""
	}}
}
