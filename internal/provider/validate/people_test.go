package validate_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

func TestPeopleValidators(t *testing.T) {
	t.Parallel()
	check := func(kind, value string, ok bool) {
		t.Helper()
		v := map[string]func() string{
			"email":    func() string { return run(validate.Email(), types.StringValue(value)) },
			"timezone": func() string { return run(validate.Timezone(), types.StringValue(value)) },
			"language": func() string { return run(validate.LanguageTag(), types.StringValue(value)) },
		}[kind]
		if problem := v(); (problem == "") != ok {
			t.Errorf("%s %q: problem %q, want ok=%v", kind, value, problem, ok)
		}
	}
	for value, ok := range map[string]bool{
		"jane@example.com": true, "jane.doe+run@sub.example.com.br": true,
		"jane": false, "jane@": false, "Jane <jane@example.com>": false, "jane @example.com": false, "runuser@email": true, "": false,
	} {
		check("email", value, ok)
	}
	for value, ok := range map[string]bool{
		"America/New_York": true, "UTC": true, "America/Sao_Paulo": true, "Europe/Lisbon": true,
		"New_York/America": false, "america/new_york": false, "Local": false, "": false, "GMT+3": false,
	} {
		check("timezone", value, ok)
	}
	for value, ok := range map[string]bool{
		"en": true, "pt": true, "pt-BR": true, "pt_br": true, "zh-Hant-TW": true,
		"e": false, "english language": false, "en-": false, "": false,
	} {
		check("language", value, ok)
	}
}
