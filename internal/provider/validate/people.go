package validate

import (
	"net/mail"
	"regexp"
	"time"

	// The IANA time zone database is built in, so Timezone gives the same answer on every
	// machine, including those without /usr/share/zoneinfo (Windows, scratch containers).
	_ "time/tzdata"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Email accepts a bare e-mail address such as jane@example.com (no display name, no spaces).
func Email() validator.String {
	return stringRule{"must be an e-mail address such as jane@example.com", func(s string) string {
		addr, err := mail.ParseAddress(s)
		if err != nil || addr.Address != s {
			return "must be an e-mail address such as jane@example.com"
		}
		return ""
	}}
}

// Timezone accepts an IANA time zone name such as America/New_York or UTC.
func Timezone() validator.String {
	return stringRule{"must be an IANA time zone name such as America/New_York or UTC", func(s string) string {
		// LoadLocation also accepts "" and "Local", which name no zone TagoIO knows.
		if s == "" || s == "Local" {
			return "must be an IANA time zone name such as America/New_York or UTC"
		}
		if _, err := time.LoadLocation(s); err != nil {
			return "must be an IANA time zone name such as America/New_York or UTC (names are case-sensitive)"
		}
		return ""
	}}
}

var languageTagPattern = regexp.MustCompile(`^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$`)

// LanguageTag accepts a language code such as en, pt or pt-BR.
func LanguageTag() validator.String {
	return stringRule{"must be a language code such as en, pt or pt-BR", func(s string) string {
		if !languageTagPattern.MatchString(s) {
			return "must be a language code such as en, pt or pt-BR"
		}
		return ""
	}}
}
