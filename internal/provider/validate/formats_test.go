package validate_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

func TestFormatValidators(t *testing.T) {
	cases := []struct {
		name  string
		v     validator.String
		value string
		ok    bool
	}{
		{"blank empty", validate.NotBlank(), "", false},
		{"blank spaces", validate.NotBlank(), "   ", false},
		{"blank tab", validate.NotBlank(), "\t", false},
		{"blank ok", validate.NotBlank(), "p-123", true},
		{"control none", validate.NoControlCharacters(), "Boiler room – sensor 1", true},
		{"control line feed", validate.NoControlCharacters(), "Boiler\nroom", false},
		{"control tab", validate.NoControlCharacters(), "Boiler\troom", false},
		{"control NUL", validate.NoControlCharacters(), "Boiler\x00", false},
		{"control escape", validate.NoControlCharacters(), "\x1b[31mred", false},
		{"control C1", validate.NoControlCharacters(), "a\u0085b", false},
		{"phone e164", validate.Phone(), "+15555550123", true},
		{"phone spaced", validate.Phone(), "+55 (11) 91234-5678", true},
		{"phone dotted", validate.Phone(), "555.555.0123", true},
		{"phone words", validate.Phone(), "call me maybe", false},
		{"phone letters", validate.Phone(), "+1555CALLNOW", false},
		{"phone too short", validate.Phone(), "12345", false},
		{"phone too long", validate.Phone(), "+1234567890123456", false},
		{"phone plus inside", validate.Phone(), "1+5555550123", false},
		{"emails one", validate.EmailList(), "ops@example.com", true},
		{"emails several", validate.EmailList(), "ops@example.com, oncall@example.com", true},
		{"emails not one", validate.EmailList(), "not-an-email", false},
		{"emails one bad", validate.EmailList(), "ops@example.com, nobody", false},
		{"emails trailing comma", validate.EmailList(), "ops@example.com,", false},
		{"regexp ok", validate.Regexp(), "^temp_.*", true},
		{"regexp js lookahead", validate.Regexp(), "^(?!tmp_).*", true},
		{"regexp js backreference", validate.Regexp(), `(a)\1`, true},
		{"regexp open bracket", validate.Regexp(), "([", false},
		{"regexp unbalanced", validate.Regexp(), "(temp", false},
		{"regexp dangling repeat", validate.Regexp(), "*temp", false},
		{"regexp bad range", validate.Regexp(), "[z-a]", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			problem := run(tc.v, types.StringValue(tc.value))
			if (problem == "") != tc.ok {
				t.Fatalf("value %q: problem %q, want ok=%v", tc.value, problem, tc.ok)
			}
			if problem != "" && !strings.Contains(problem, "x ") {
				t.Errorf("error does not name the attribute: %q", problem)
			}
		})
	}
	for _, v := range []validator.String{validate.NotBlank(), validate.Phone(), validate.Regexp()} {
		if run(v, types.StringNull()) != "" || run(v, types.StringUnknown()) != "" {
			t.Error("null and unknown values must pass: they are checked when known")
		}
	}
	if got := validate.CheckPhone("whatsapp:+15555550123"); got != "" {
		t.Errorf("a WhatsApp recipient with Twilio's prefix is a phone number: %s", got)
	}
	if got := validate.CheckPhone("whatsapp:me"); got == "" {
		t.Error("whatsapp:me is not a phone number")
	}
}

func TestUniqueAttribute(t *testing.T) {
	objType := types.ObjectType{AttrTypes: map[string]attr.Type{"key": types.StringType}}
	list := func(keys ...attr.Value) types.List {
		elems := make([]attr.Value, len(keys))
		for i, k := range keys {
			elems[i] = types.ObjectValueMust(objType.AttrTypes, map[string]attr.Value{"key": k})
		}
		return types.ListValueMust(objType, elems)
	}
	check := func(l types.List) []string {
		resp := &validator.ListResponse{}
		validate.UniqueAttribute("key").ValidateList(context.Background(),
			validator.ListRequest{Path: path.Root("configuration_params"), ConfigValue: l}, resp)
		var out []string
		for _, d := range resp.Diagnostics.Errors() {
			out = append(out, d.Detail())
		}
		return out
	}
	if errs := check(list(types.StringValue("a"), types.StringValue("b"))); len(errs) != 0 {
		t.Errorf("distinct keys: %v", errs)
	}
	errs := check(list(types.StringValue("a"), types.StringValue("b"), types.StringValue("a")))
	if len(errs) != 1 || !strings.Contains(errs[0], `configuration_params[2].key`) || !strings.Contains(errs[0], `"a" is used by elements 0 and 2`) {
		t.Errorf("duplicate keys: %v", errs)
	}
	if errs := check(list(types.StringUnknown(), types.StringUnknown())); len(errs) != 0 {
		t.Errorf("unknown keys are checked once known: %v", errs)
	}
}
