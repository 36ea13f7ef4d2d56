package provider

import (
	"context"
	"errors"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// listDataSource is the one shape of the plural data sources (tagoio_devices, tagoio_secrets,
// ...): the configuration's filters become the API's list filters, every page is read, each
// object the API returns becomes one summary item, in the API's order. What differs from one
// object to the next is written in the object's own <names>_data_source.go: its schema, its
// item mapping, and, as methods of its model (listModel), its list call, its filters and where
// the items go. So that file still shows the data source's whole shape.
//
//	Config: the data source's model (filters in, ids and items out)
//	Object: what the client's list returns
//	Item:   one summary in the state
type listDataSource[Config any, Model listModel[Config, Object, Item], Object, Item any] struct {
	client *client.Client

	typeName string // the part after "tagoio_"
	kind     string // the object's kind in diagnostics (deviceKind, ...)
	schema   func() schema.Schema
	item     func(o *Object) Item // maps one object to its summary
}

// listModel is the model of a plural data source: how it lists (a client list call that takes
// the filters) and where the items (and their ids, where the schema has them) go. A model whose
// list takes filters also has listFilters (listFiltered); one whose failed list needs its own
// diagnostic has listError (listErrorReporter).
type listModel[Config, Object, Item any] interface {
	*Config
	list(c *client.Client) listCall[Object]
	setItems(items []Item)
}

// listCall reads every matching object. A list made of several reads names the one that failed
// with a *listStepError.
type listCall[Object any] func(ctx context.Context, opts client.ListOptions) ([]Object, error)

// listFiltered is a model whose configuration filters the list.
type listFiltered interface {
	listFilters() listFilter
}

// listFilter is what a configuration filters by: its tag filters, and the API's list filters by
// key (a null one is not sent).
type listFilter struct {
	tags   types.List
	values map[string]types.String
}

// listErrorReporter is a model that reports a failed list itself (instead of "Error reading
// <kind> list").
type listErrorReporter interface {
	listError(diags *diag.Diagnostics, err error)
}

// newListDataSource is the plural data source of the model Config: typeName after "tagoio_",
// kind in diagnostics, its schema and the mapping of one listed object to its summary.
func newListDataSource[Config any, Model listModel[Config, Object, Item], Object, Item any](typeName, kind string,
	schema func() schema.Schema, item func(o *Object) Item) datasource.DataSource {
	return &listDataSource[Config, Model, Object, Item]{typeName: typeName, kind: kind, schema: schema, item: item}
}

var _ datasource.DataSourceWithConfigure = &listDataSource[secretsDataSourceModel, *secretsDataSourceModel, client.Secret, secretFields]{}

func (d *listDataSource[Config, Model, Object, Item]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.typeName
}

func (d *listDataSource[Config, Model, Object, Item]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema()
}

func (d *listDataSource[Config, Model, Object, Item]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *listDataSource[Config, Model, Object, Item]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg Config
	ctx, cancel, ok := openDataSourceRead(ctx, req.Config, &cfg, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	model := Model(&cfg)
	var opts client.ListOptions
	if f, ok := any(model).(listFiltered); ok {
		var diags diag.Diagnostics
		filter := f.listFilters()
		opts, diags = listFilters(ctx, filter.tags, filter.values)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	objects, err := model.list(d.client)(ctx, opts)
	if err != nil {
		var step *listStepError
		reporter, reports := any(model).(listErrorReporter)
		switch {
		case errors.As(err, &step):
			addReadError(&resp.Diagnostics, step.kind, step.id, step.err)
		case reports:
			reporter.listError(&resp.Diagnostics, err)
		default:
			addReadError(&resp.Diagnostics, d.kind+" list", "", err)
		}
		return
	}
	items := make([]Item, 0, len(objects))
	for i := range objects {
		items = append(items, d.item(&objects[i]))
	}
	model.setItems(items)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// itemFromAPI is the summary of an object that is the fields its resource maps (fromAPI).
func itemFromAPI[Object, Item any, Fields interface {
	*Item
	fromAPI(o *Object)
}](o *Object) Item {
	var item Item
	Fields(&item).fromAPI(o)
	return item
}

// sameItem is the summary of a list that maps its objects itself.
func sameItem[Item any](item *Item) Item { return *item }

// listStepError is a failed read inside a list made of several reads (a dashboard, then each
// of its widgets): the diagnostic names that object instead of the list.
type listStepError struct {
	kind, id string
	err      error
}

func (e *listStepError) Error() string { return e.kind + " " + e.id + ": " + e.err.Error() }
func (e *listStepError) Unwrap() error { return e.err }

// listFilters builds list options from the configuration's filters (a null one is not sent) and
// its tag filters.
func listFilters(ctx context.Context, tags types.List, filters map[string]types.String) (client.ListOptions, diag.Diagnostics) {
	opts := client.ListOptions{Filter: map[string]string{}}
	for key, v := range filters {
		if !v.IsNull() && !v.IsUnknown() {
			opts.Filter[key] = v.ValueString()
		}
	}
	var diags diag.Diagnostics
	opts.Tags, diags = tagFiltersToAPI(ctx, tags)
	return opts, diags
}

// boolFilter is a boolean filter as the API's list takes it ("true"/"false"), null when unset.
func boolFilter(v types.Bool) types.String {
	if v.IsNull() || v.IsUnknown() {
		return types.StringNull()
	}
	return types.StringValue(strconv.FormatBool(v.ValueBool()))
}

// idsOf is the "ids" attribute beside a list of items.
func idsOf[Item any](items []Item, id func(*Item) types.String) []types.String {
	ids := make([]types.String, len(items))
	for i := range items {
		ids[i] = id(&items[i])
	}
	return ids
}

// computedString is a read-only string attribute of a data source.
func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
}

// computedBool is a read-only boolean attribute of a data source.
func computedBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
}

// nameFilterAttribute is an optional text filter of a plural data source; desc says what "*"
// matches.
func nameFilterAttribute(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
}

// filterAttribute is an optional text filter of a plural data source, checked by validators.
func filterAttribute(desc string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: validators}
}

// oneOfFilterAttribute is an optional filter of a plural data source that takes one of values.
func oneOfFilterAttribute(desc string, values ...string) schema.StringAttribute {
	return filterAttribute(desc, stringvalidator.OneOf(values...))
}

// boolFilterAttribute is an optional true/false filter of a plural data source (boolFilter).
func boolFilterAttribute(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: desc, Optional: true}
}

// tagFiltersAttribute is the "tags" filter of a plural data source; plural names the objects.
func tagFiltersAttribute(plural string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: "Only " + plural + " having every one of these tags; leave `value` out to match any value of the key.",
		Optional:            true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"key":   schema.StringAttribute{MarkdownDescription: "Tag key.", Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"value": schema.StringAttribute{MarkdownDescription: "Tag value (optional).", Optional: true},
		}},
	}
}

// filteredListSchema is the schema of a plural data source that filters the API's list: its
// description, its filters and the tag filters, then "ids" and the items (attribute named plural,
// each item with the attributes item), both in the list's order ("ordered by name").
func filteredListSchema(description, plural, order string, filters, item map[string]schema.Attribute) schema.Schema {
	attributes := filters
	attributes["tags"] = tagFiltersAttribute(plural)
	attributes["ids"] = idsAttribute("IDs of the matching " + plural + ", " + order + ".")
	attributes[plural] = itemsAttribute("The matching "+plural+", "+order+".", item)
	return schema.Schema{MarkdownDescription: description, Attributes: attributes}
}

// idsAttribute is the "ids" attribute of a plural data source.
func idsAttribute(desc string) schema.ListAttribute {
	return schema.ListAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
}

// itemsAttribute is the list of summaries of a plural data source.
func itemsAttribute(desc string, attributes map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{MarkdownDescription: desc, Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: attributes}}
}
