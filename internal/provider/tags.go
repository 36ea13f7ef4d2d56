package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	datasourceschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// maxTags is TagoIO's limit of tags per object (API changelog v8.5.7).
const maxTags = 30

// Tags are a list of {key, value} objects in the API's order, not a map: TagoIO keeps their
// order and allows repeated keys, so a list round-trips losslessly and an object tagged by
// another client imports with an empty plan.
var tagAttrTypes = map[string]attr.Type{"key": types.StringType, "value": types.StringType}

var tagObjectType = types.ObjectType{AttrTypes: tagAttrTypes}

// tagsResourceAttribute is the `tags` attribute of every resource.
func tagsResourceAttribute(objectKind string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: "Tags of the " + objectKind + ", in order: a list of `{ key, value }` objects. Keys may repeat. " +
			"At most 30. Defaults to no tags; Terraform manages the whole list.",
		Optional: true,
		Computed: true,
		Default:  listdefault.StaticValue(types.ListValueMust(tagObjectType, []attr.Value{})),
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"key": schema.StringAttribute{
					MarkdownDescription: "Tag key.",
					Required:            true,
					Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				},
				"value": schema.StringAttribute{
					MarkdownDescription: "Tag value.",
					Required:            true,
				},
			},
		},
		Validators: []validator.List{listvalidator.SizeAtMost(maxTags)},
	}
}

// tagsDataSourceAttribute is the computed `tags` attribute of data sources.
func tagsDataSourceAttribute(objectKind string) datasourceschema.ListNestedAttribute {
	return datasourceschema.ListNestedAttribute{
		MarkdownDescription: "Tags of the " + objectKind + ", in the API's order.",
		Computed:            true,
		NestedObject: datasourceschema.NestedAttributeObject{
			Attributes: map[string]datasourceschema.Attribute{
				"key":   datasourceschema.StringAttribute{Computed: true, MarkdownDescription: "Tag key."},
				"value": datasourceschema.StringAttribute{Computed: true, MarkdownDescription: "Tag value."},
			},
		},
	}
}

// tagsFromAPI maps API tags to the Terraform list, keeping order and duplicates.
func tagsFromAPI(tags []client.Tag) types.List {
	elems := make([]attr.Value, 0, len(tags))
	for _, t := range tags {
		elems = append(elems, types.ObjectValueMust(tagAttrTypes, map[string]attr.Value{
			"key": types.StringValue(t.Key), "value": types.StringValue(t.Value),
		}))
	}
	return types.ListValueMust(tagObjectType, elems)
}

type tagModel struct {
	Key   types.String `tfsdk:"key"`
	Value types.String `tfsdk:"value"`
}

// tagsToAPI maps the Terraform list to API tags; null means none.
func tagsToAPI(ctx context.Context, list types.List) ([]client.Tag, diag.Diagnostics) {
	tags := []client.Tag{}
	if list.IsNull() || list.IsUnknown() {
		return tags, nil
	}
	var models []tagModel
	diags := list.ElementsAs(ctx, &models, false)
	for _, m := range models {
		tags = append(tags, client.Tag{Key: m.Key.ValueString(), Value: m.Value.ValueString()})
	}
	return tags, diags
}

// tagFiltersToAPI maps a data source's tag filter list ({key, value?}) to client filters.
func tagFiltersToAPI(ctx context.Context, list types.List) ([]client.TagFilter, diag.Diagnostics) {
	if list.IsNull() || list.IsUnknown() {
		return nil, nil
	}
	var models []tagModel
	diags := list.ElementsAs(ctx, &models, false)
	filters := make([]client.TagFilter, 0, len(models))
	for _, m := range models {
		filters = append(filters, client.TagFilter{Key: m.Key.ValueString(), Value: m.Value.ValueString()})
	}
	return filters, diags
}
