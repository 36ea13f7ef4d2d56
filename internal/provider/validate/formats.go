package validate

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// NotBlank refuses "" and values made only of white space. It is for settings where an empty
// value would silently mean "use the default" (or the environment's value) rather than itself.
func NotBlank() validator.String {
	return stringRule{"must not be empty or blank", func(s string) string {
		if strings.TrimSpace(s) == "" {
			return "must not be empty or blank (remove the attribute to use the default)"
		}
		return ""
	}}
}

// NoControlCharacters refuses names that contain control characters (line feeds, tabs, NUL,
// escape sequences): TagoIO stores them, and they then break lists, logs and terminals.
func NoControlCharacters() validator.String {
	const desc = "must not contain control characters (such as line feeds, tabs or NUL)"
	return stringRule{desc, func(s string) string {
		for i, r := range s {
			if unicode.IsControl(r) {
				return fmt.Sprintf("%s: found %U at byte %d", desc, r, i)
			}
		}
		return ""
	}}
}

// phonePattern: digits and the separators people write between them.
var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 ().\-]*$`)

// IsPhone reports a phone number: an optional leading +, digits, and the usual separators
// (spaces, dots, dashes, parentheses), 6 to 15 digits (E.164 allows at most 15).
func IsPhone(s string) bool {
	if !phonePattern.MatchString(s) {
		return false
	}
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits >= 6 && digits <= 15
}

const phoneRule = "must be a phone number such as +15555550123 (digits, an optional leading +, spaces, dots, dashes or parentheses; 6 to 15 digits)"

// Phone accepts a phone number (see IsPhone).
func Phone() validator.String {
	return stringRule{phoneRule, func(s string) string {
		if !IsPhone(s) {
			return phoneRule
		}
		return ""
	}}
}

// IsEmail reports a bare e-mail address such as jane@example.com (no display name, no spaces).
func IsEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s
}

// emailListRule is what an e-mail recipient list accepts.
const emailListRule = "must be an e-mail address such as jane@example.com, or several separated by commas"

// EmailList accepts one e-mail address or several separated by commas, the way TagoIO's
// e-mail actions take their recipients.
func EmailList() validator.String {
	return stringRule{emailListRule, func(s string) string {
		if problem := CheckEmailList(s); problem != "" {
			return problem
		}
		return ""
	}}
}

// CheckEmailList returns the rule an e-mail recipient list breaks, or "".
func CheckEmailList(s string) string {
	for _, part := range strings.Split(s, ",") {
		if !IsEmail(strings.TrimSpace(part)) {
			return fmt.Sprintf("%s (%q is not one)", emailListRule, strings.TrimSpace(part))
		}
	}
	return ""
}

// CheckPhone returns the rule a phone number breaks, or "". A WhatsApp recipient may carry
// Twilio's "whatsapp:" prefix.
func CheckPhone(s string) string {
	if !IsPhone(strings.TrimPrefix(s, "whatsapp:")) {
		return phoneRule
	}
	return ""
}

// Regexp accepts a regular expression that compiles. TagoIO evaluates these as JavaScript
// regular expressions, which know a few constructs Go's engine does not (look-arounds,
// back-references); those pass, so that only what no engine can compile is refused.
func Regexp() validator.String {
	const desc = "must be a regular expression that compiles"
	return stringRule{desc, func(s string) string {
		_, err := syntax.Parse(s, syntax.Perl)
		if err == nil {
			return ""
		}
		var se *syntax.Error
		if errors.As(err, &se) && (se.Code == syntax.ErrInvalidPerlOp || se.Code == syntax.ErrInvalidEscape) {
			return "" // a JavaScript-only construct
		}
		return desc + " (" + err.Error() + ")"
	}}
}

// uniqueAttribute is a list validator that refuses two elements with the same value of one
// string attribute.
type uniqueAttribute struct{ name string }

// UniqueAttribute refuses a list of objects in which two elements share the value of the
// string attribute name (a key the API looks elements up by).
func UniqueAttribute(name string) validator.List { return uniqueAttribute{name} }

func (u uniqueAttribute) Description(context.Context) string {
	return fmt.Sprintf("each element's %s must be unique", u.name)
}
func (u uniqueAttribute) MarkdownDescription(ctx context.Context) string { return u.Description(ctx) }

func (u uniqueAttribute) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	seen := map[string]int{}
	for i, elem := range req.ConfigValue.Elements() {
		obj, ok := elem.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		v, ok := obj.Attributes()[u.name].(types.String)
		if !ok || v.IsNull() || v.IsUnknown() {
			continue
		}
		if first, dup := seen[v.ValueString()]; dup {
			at := req.Path.AtListIndex(i).AtName(u.name)
			resp.Diagnostics.AddAttributeError(at, "Duplicate "+u.name,
				fmt.Sprintf("Attribute %s: each %s must be unique, but %q is used by elements %d and %d.", at, u.name, v.ValueString(), first, i))
			continue
		}
		seen[v.ValueString()] = i
	}
}
