package validate_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

func run(v validator.String, value types.String) string {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: value}, resp)
	if !resp.Diagnostics.HasError() {
		return ""
	}
	return resp.Diagnostics.Errors()[0].Detail()
}

func TestValidators(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		v     validator.String
		value string
		ok    bool
	}{
		{"id ok", validate.ObjectID(), "6298fcc3e0b6840012b6abfa", true},
		{"id upper", validate.ObjectID(), "6298FCC3E0B6840012B6ABFA", false},
		{"id short", validate.ObjectID(), "6298fcc3", false},
		{"url https", validate.HTTPURL(), "https://api.tago.io", true},
		{"url emulator", validate.HTTPURL(), "http://127.0.0.1:8080", true},
		{"url no scheme", validate.HTTPURL(), "api.tago.io", false},
		{"url ftp", validate.HTTPURL(), "ftp://api.tago.io", false},
		{"duration ok", validate.Duration(time.Second, time.Hour), "30s", true},
		{"duration too short", validate.Duration(time.Second, time.Hour), "10ms", false},
		{"duration words", validate.Duration(time.Second, time.Hour), "1 minute", false},
		{"relative ok", validate.RelativeTime(time.Minute), "5 minutes", true},
		{"relative singular", validate.RelativeTime(time.Minute), "1 hour", true},
		{"relative too short", validate.RelativeTime(2 * time.Minute), "1 minute", false},
		{"relative bad unit", validate.RelativeTime(time.Minute), "5 fortnights", false},
		{"relative zero", validate.RelativeTime(time.Minute), "0 days", false},
		{"expire never", validate.ExpireTime(), "never", true},
		{"expire relative", validate.ExpireTime(), "3 months", true},
		{"expire date", validate.ExpireTime(), "2030-01-31", true},
		{"expire datetime", validate.ExpireTime(), "2030-01-31T12:00:00Z", true},
		{"expire junk", validate.ExpireTime(), "tomorrow", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			problem := run(tc.v, types.StringValue(tc.value))
			if (problem == "") != tc.ok {
				t.Fatalf("value %q: problem %q, want ok=%v", tc.value, problem, tc.ok)
			}
			if problem != "" && !strings.Contains(problem, "x") {
				t.Errorf("error does not name the attribute: %q", problem)
			}
		})
	}
	for _, v := range []validator.String{validate.ObjectID(), validate.ExpireTime()} {
		if run(v, types.StringNull()) != "" || run(v, types.StringUnknown()) != "" {
			t.Error("null and unknown values must pass: they are checked when known")
		}
	}
}
