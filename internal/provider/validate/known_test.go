package validate

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestKnownValueWarnsOutsideTheList(t *testing.T) {
	v := KnownValue("chart", "table")
	for value, warn := range map[string]bool{"chart": false, "table": false, "hologram": true} {
		var resp validator.StringResponse
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("type"), ConfigValue: types.StringValue(value)}, &resp)
		if resp.Diagnostics.HasError() {
			t.Errorf("%q: an error, want at most a warning: %v", value, resp.Diagnostics)
		}
		if got := resp.Diagnostics.WarningsCount() == 1; got != warn {
			t.Errorf("%q: warning = %v, want %v", value, got, warn)
		}
		if warn && !strings.Contains(resp.Diagnostics.Warnings()[0].Detail(), `"chart", "table"`) {
			t.Errorf("%q: the warning does not name the known values: %s", value, resp.Diagnostics.Warnings()[0].Detail())
		}
	}
}
