package validate

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// KnownValue is for open lists, where TagoIO takes any string: a value outside known is sent as
// it is, with a plan-time warning that names the known values (a typo shows, a value TagoIO added
// after this release still works and imports).
func KnownValue(known ...string) validator.String { return knownValue{known} }

type knownValue struct{ known []string }

func (v knownValue) Description(context.Context) string {
	return "should be one of " + quotedList(v.known) + "; other values are sent as they are, with a warning"
}

func (v knownValue) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v knownValue) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || slices.Contains(v.known, req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeWarning(req.Path, "Value not known to this provider",
		fmt.Sprintf("Attribute %s is %q, which is none of the values this provider knows: %s. TagoIO accepts any value here, "+
			"so it is sent as it is; check it for a typo.", req.Path, req.ConfigValue.ValueString(), quotedList(v.known)))
}

func quotedList(values []string) string {
	quoted := make([]string, len(values))
	for i, s := range values {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(quoted, ", ")
}
