package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	datasourceschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	providerschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
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

// tagsChange is the Tags field of an update: all of tags_all when it differs from the state, nil
// (not sent) when it does not. The whole list goes because TagoIO replaces an object's tags.
func tagsChange(ctx context.Context, plan, state types.List, diags *diag.Diagnostics) *[]client.Tag {
	if plan.Equal(state) {
		return nil
	}
	tags, d := tagsToAPI(ctx, plan)
	diags.Append(d...)
	return &tags
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

// Provider default tags (like the AWS provider's default_tags). They are a map, so each key has
// one default value; a resource's own `tags` stay a list (keys may repeat there). Every resource
// with tags sends `tags_all`: its own tags in their order, then each default tag, by key, whose
// key its own tags do not use (a resource tag wins on the same key, whatever its value).
// `tags_all` is computed in the plan, so adding, changing or removing a default tag, or a
// default tag removed outside Terraform, shows as an update of `tags_all`.

// tagDefaults are the provider's default tags, sorted by key.
type tagDefaults []client.Tag

func defaultTagsProviderAttribute() providerschema.MapAttribute {
	return providerschema.MapAttribute{
		MarkdownDescription: "Tags added to every resource that has `tags`, as a map of key to value. A resource's own tag with " +
			"the same key wins (all default tags with that key are left out). The merged list is each resource's " +
			"`tags_all`; `tags` stays what the resource configures. Changing a default tag updates every resource in place.",
		ElementType: types.StringType,
		Optional:    true,
		Validators: []validator.Map{
			mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
			mapvalidator.SizeAtMost(maxTags),
		},
	}
}

// defaultTagsFromConfig reads the provider's default_tags (null means none).
func defaultTagsFromConfig(ctx context.Context, m types.Map) (tagDefaults, diag.Diagnostics) {
	if m.IsNull() || m.IsUnknown() {
		return nil, nil
	}
	values := map[string]types.String{}
	diags := m.ElementsAs(ctx, &values, false)
	defaults := make(tagDefaults, 0, len(values))
	for key, value := range values {
		if value.IsUnknown() {
			addUnknownDefaultTagError(&diags, key)
			continue
		}
		defaults = append(defaults, client.Tag{Key: key, Value: value.ValueString()})
	}
	sort.Slice(defaults, func(i, j int) bool { return defaults[i].Key < defaults[j].Key })
	return defaults, diags
}

// defaultTagsFrom is the Configure step of a resource with tags.
func defaultTagsFrom(providerData any) tagDefaults {
	if data, ok := providerData.(*resourceData); ok {
		return data.defaultTags
	}
	return nil
}

// tagsAllResourceAttribute is the computed `tags_all` attribute of every resource with tags.
func tagsAllResourceAttribute(objectKind string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: "Every tag of the " + objectKind + " on TagoIO: `tags`, then the provider's `default_tags` whose key " +
			"`tags` does not use. This is what Terraform sends.",
		Computed: true,
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"key":   schema.StringAttribute{Computed: true, MarkdownDescription: "Tag key."},
				"value": schema.StringAttribute{Computed: true, MarkdownDescription: "Tag value."},
			},
		},
	}
}

// merge is own, then every default tag whose key own does not use.
func (d tagDefaults) merge(own []client.Tag) []client.Tag {
	used := map[string]bool{}
	for _, t := range own {
		used[t.Key] = true
	}
	merged := append([]client.Tag{}, own...)
	for _, t := range d {
		if !used[t.Key] {
			merged = append(merged, t)
		}
	}
	return merged
}

// split maps the tags TagoIO has onto `tags` and `tags_all`. A tag equal to a default tag (key
// and value) counts as the default's, unless the resource's own tags had it before (prior; null
// on import): so an imported object carrying the defaults plans nothing, and a resource that
// also sets a default tag itself keeps it in `tags`.
func (d tagDefaults) split(api []client.Tag, prior types.List) (own, all types.List) {
	isDefault := map[client.Tag]bool{}
	for _, t := range d {
		isDefault[t] = true
	}
	priorOwn := map[client.Tag]bool{}
	if !prior.IsNull() && !prior.IsUnknown() {
		for _, elem := range prior.Elements() {
			if obj, ok := elem.(types.Object); ok {
				key, _ := obj.Attributes()["key"].(types.String)
				value, _ := obj.Attributes()["value"].(types.String)
				priorOwn[client.Tag{Key: key.ValueString(), Value: value.ValueString()}] = true
			}
		}
	}
	ownTags := make([]client.Tag, 0, len(api))
	for _, t := range api {
		if !isDefault[t] || priorOwn[t] {
			ownTags = append(ownTags, t)
		}
	}
	return tagsFromAPI(ownTags), tagsFromAPI(api)
}

// planTagsAll sets `tags_all` in the plan from the planned `tags` and the default tags; every
// resource with tags calls it first in its ModifyPlan.
func (d tagDefaults) planTagsAll(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var tags types.List
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("tags"), &tags)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if tags.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("tags_all"), types.ListUnknown(tagObjectType))...)
		return
	}
	own, diags := tagsToAPI(ctx, tags)
	resp.Diagnostics.Append(diags...)
	merged := d.merge(own)
	if len(merged) > maxTags {
		addTooManyTagsError(&resp.Diagnostics, len(own), len(merged), maxTags)
		return
	}
	planned := tagsFromAPI(merged)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("tags_all"), planned)...)
	if req.State.Raw.IsNull() {
		return
	}
	var prior types.List
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("tags_all"), &prior)...)
	// A change of default tags alone is no change of configuration, so the framework kept every
	// computed value from the state; the edit it causes moves updated_at.
	if !prior.Equal(planned) {
		if _, diags := req.Plan.Schema.AttributeAtPath(ctx, path.Root("updated_at")); !diags.HasError() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("updated_at"), types.StringUnknown())...)
		}
	}
}
