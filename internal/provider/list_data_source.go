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
// object to the next (its schema, its filters, its list call, its item) is written in the
// object's own <names>_data_source.go and handed to this type, so the file still shows the
// data source's whole shape:
//
//	Config: the data source's model (filters in, ids and items out)
//	Object: what the client's list returns
//	Item:   one summary in the state
type listDataSource[Config, Object, Item any] struct {
	client *client.Client

	typeName string // the part after "tagoio_"
	kind     string // the object's kind in diagnostics (deviceKind, ...)
	schema   func() schema.Schema
	// filters turns the configuration into the list's filters; nil sends none.
	filters func(ctx context.Context, cfg *Config) (client.ListOptions, diag.Diagnostics)
	// list reads every matching object.
	list func(ctx context.Context, c *client.Client, cfg *Config, opts client.ListOptions) ([]Object, error)
	// item maps one object to its summary.
	item func(o *Object) Item
	// store puts the items (and their ids, where the schema has them) into the configuration,
	// which becomes the state.
	store func(cfg *Config, items []Item)
	// listError reports a failed list; nil reports "Error reading <kind> list". A list made of
	// several reads names the one that failed with a *listStepError.
	listError func(diags *diag.Diagnostics, err error)
}

var _ datasource.DataSourceWithConfigure = &listDataSource[struct{}, struct{}, struct{}]{}

func (d *listDataSource[Config, Object, Item]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.typeName
}

func (d *listDataSource[Config, Object, Item]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema()
}

func (d *listDataSource[Config, Object, Item]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *listDataSource[Config, Object, Item]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg Config
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var opts client.ListOptions
	if d.filters != nil {
		var diags diag.Diagnostics
		opts, diags = d.filters(ctx, &cfg)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	objects, err := d.list(ctx, d.client, &cfg, opts)
	if err != nil {
		var step *listStepError
		switch {
		case errors.As(err, &step):
			addReadError(&resp.Diagnostics, step.kind, step.id, step.err)
		case d.listError != nil:
			d.listError(&resp.Diagnostics, err)
		default:
			addReadError(&resp.Diagnostics, d.kind+" list", "", err)
		}
		return
	}
	items := make([]Item, 0, len(objects))
	for i := range objects {
		items = append(items, d.item(&objects[i]))
	}
	d.store(&cfg, items)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

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

// idsAttribute is the "ids" attribute of a plural data source.
func idsAttribute(desc string) schema.ListAttribute {
	return schema.ListAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
}

// itemsAttribute is the list of summaries of a plural data source.
func itemsAttribute(desc string, attributes map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{MarkdownDescription: desc, Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: attributes}}
}
