package provider

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestListFiltersSendOnlyWhatIsSet(t *testing.T) {
	opts, diags := listFilters(context.Background(), types.ListNull(tagObjectType), map[string]types.String{
		"name": types.StringValue("Sensor*"), "type": types.StringNull(), "active": boolFilter(types.BoolValue(false)),
		"visible": boolFilter(types.BoolNull()),
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(opts.Filter) != 2 || opts.Filter["name"] != "Sensor*" || opts.Filter["active"] != "false" || opts.Tags != nil {
		t.Fatalf("options = %+v, want name and active only", opts)
	}
}

func TestIDsOfKeepsTheItemsOrder(t *testing.T) {
	items := []deviceSummaryItem{{ID: types.StringValue("b")}, {ID: types.StringValue("a")}}
	ids := idsOf(items, func(i *deviceSummaryItem) types.String { return i.ID })
	if len(ids) != 2 || ids[0].ValueString() != "b" || ids[1].ValueString() != "a" {
		t.Fatalf("ids = %v", ids)
	}
}

func TestIDToRead(t *testing.T) {
	users := []client.RunUser{{ID: "1", Email: "Jane@Example.com"}, {ID: "2", Email: "jane@example.com.br"}}
	byEmail := lookupField[client.RunUser]{field: "email", phrase: "with e-mail", equal: strings.EqualFold,
		idAndValue: func(u client.RunUser) (string, string) { return u.ID, u.Email }}
	var sent client.ListOptions
	list := func(items []client.RunUser, err error) func(context.Context, client.ListOptions) ([]client.RunUser, error) {
		return func(_ context.Context, opts client.ListOptions) ([]client.RunUser, error) {
			sent = opts
			return items, err
		}
	}
	ctx := context.Background()

	var diags diag.Diagnostics
	if id, ok := idToRead(ctx, types.StringValue("abc"), types.StringNull(), runUserKind, byEmail, list(nil, errors.New("not called")), &diags); !ok || id != "abc" {
		t.Fatalf("a configured id is read as is: %q, %v", id, ok)
	}
	if id, ok := idToRead(ctx, types.StringNull(), types.StringValue("jane@example.com"), runUserKind, byEmail, list(users, nil), &diags); !ok || id != "1" {
		t.Fatalf("the one case-insensitive match: %q, %v, %v", id, ok, diags)
	}
	if sent.Filter["email"] != "jane@example.com" || len(sent.Fields) != 2 {
		t.Errorf("list options = %+v", sent)
	}
	for name, c := range map[string]struct {
		items []client.RunUser
		err   error
		want  string
	}{
		"none":     {users[1:], nil, "No run user has email"},
		"several":  {append(users, client.RunUser{ID: "3", Email: "JANE@example.com"}), nil, "2 run users have email"},
		"list err": {nil, errors.New("boom"), "Reading run users with e-mail jane@example.com failed"},
	} {
		var diags diag.Diagnostics
		if _, ok := idToRead(ctx, types.StringNull(), types.StringValue("jane@example.com"), runUserKind, byEmail, list(c.items, c.err), &diags); ok ||
			!diags.HasError() || !strings.Contains(diags[0].Detail(), c.want) {
			t.Errorf("%s: ok=%v, diags=%v; want an error saying %q", name, ok, diags, c.want)
		}
	}
}
