package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Small conversions between framework values and the client's optional fields. TagoIO answers
// null or "" for an unset text; both map to null, and the schemas refuse "" so that a configured
// value always round-trips.

func stringPtr(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

func boolPtr(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	b := v.ValueBool()
	return &b
}

func int64Ptr(v types.Int64) *int64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n := v.ValueInt64()
	return &n
}

func stringOrNull(s *string) types.String {
	if s == nil || *s == "" {
		return types.StringNull()
	}
	return types.StringValue(*s)
}

func int64OrNull(n *int64) types.Int64 {
	if n == nil {
		return types.Int64Null()
	}
	return types.Int64Value(*n)
}

func boolOr(b *bool, def bool) types.Bool {
	if b == nil {
		return types.BoolValue(def)
	}
	return types.BoolValue(*b)
}

// stringChange returns the value to send when a text changed: the new value, "" to clear it,
// or nil when it did not change.
func stringChange(plan, state types.String) *string {
	if plan.IsUnknown() || plan.Equal(state) {
		return nil
	}
	s := plan.ValueString() // "" when null: clears the field
	return &s
}

func boolChange(plan, state types.Bool) *bool {
	if plan.IsNull() || plan.IsUnknown() || plan.Equal(state) {
		return nil
	}
	b := plan.ValueBool()
	return &b
}

func int64Change(plan, state types.Int64) *int64 {
	if plan.IsNull() || plan.IsUnknown() || plan.Equal(state) {
		return nil
	}
	n := plan.ValueInt64()
	return &n
}

// stringList is a list of strings, in their order.
func stringList(values []string) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elems)
}

// nestedListToAPI is a list of nested objects to send: each element is read into its model M and
// converted by toAPI. Null and unknown send an empty list, as stringsToAPI does, because these
// lists go in full in a PUT and an empty one is how the API is told "none".
func nestedListToAPI[M, A any](ctx context.Context, list types.List, diags *diag.Diagnostics, toAPI func(M) A) []A {
	out := []A{}
	if list.IsNull() || list.IsUnknown() {
		return out
	}
	var models []M
	diags.Append(list.ElementsAs(ctx, &models, false)...)
	for _, m := range models {
		out = append(out, toAPI(m))
	}
	return out
}

// nestedListFromAPI is the state of a list of nested objects the API returned, in its order:
// each item becomes one object of attrTypes through toObject. None maps to null, since the
// schemas of these lists refuse an empty one.
func nestedListFromAPI[A any](attrTypes map[string]attr.Type, items []A, toObject func(A) map[string]attr.Value) types.List {
	objType := types.ObjectType{AttrTypes: attrTypes}
	if len(items) == 0 {
		return types.ListNull(objType)
	}
	elems := make([]attr.Value, 0, len(items))
	for _, item := range items {
		elems = append(elems, types.ObjectValueMust(attrTypes, toObject(item)))
	}
	return types.ListValueMust(objType, elems)
}

// stringsToAPI is a list of strings to send; null and unknown send an empty list.
func stringsToAPI(ctx context.Context, list types.List, diags *diag.Diagnostics) []string {
	out := []string{}
	if list.IsNull() || list.IsUnknown() {
		return out
	}
	diags.Append(list.ElementsAs(ctx, &out, false)...)
	return out
}
