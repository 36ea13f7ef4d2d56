package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

// singleDataSource is the one shape of the singular data sources (tagoio_device, tagoio_secret,
// ...): the configuration names one object, read reads and maps it, and what read returns
// becomes the state. What differs from one object to the next (its schema, the attributes that
// name it, how it is read and mapped) is written in the object's own <name>_data_source.go and
// handed to this type, so that file still shows the data source's whole shape.
type singleDataSource[Model any] struct {
	client *client.Client

	typeName string // the part after "tagoio_"
	schema   func() schema.Schema
	// oneOf names the attributes exactly one of which must be set ("id" and "name", ...); nil
	// when the configuration names the object in one way only.
	oneOf []string
	// read reads the object the configuration names and maps it. It returns nil when it could
	// not (its diagnostics say why); what it returns is stored even beside an error it added.
	read func(ctx context.Context, c *client.Client, cfg *Model, diags *diag.Diagnostics) *Model
}

var (
	_ datasource.DataSourceWithConfigure        = &singleDataSource[struct{}]{}
	_ datasource.DataSourceWithConfigValidators = &singleDataSource[struct{}]{}
)

func (d *singleDataSource[Model]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.typeName
}

func (d *singleDataSource[Model]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema()
}

func (d *singleDataSource[Model]) ConfigValidators(context.Context) []datasource.ConfigValidator {
	if d.oneOf == nil {
		return nil
	}
	roots := make([]path.Expression, len(d.oneOf))
	for i, name := range d.oneOf {
		roots[i] = path.MatchRoot(name)
	}
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(roots...)}
}

func (d *singleDataSource[Model]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *singleDataSource[Model]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg Model
	ctx, cancel, ok := openDataSourceRead(ctx, req.Config, &cfg, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if state := d.read(ctx, d.client, &cfg, &resp.Diagnostics); state != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	}
}

// objectToRead reads the object a singular data source names: the one with the configured id,
// else the one whose lookup field has the configured value (idToRead). nil when there is none
// or the read failed; the diagnostics say which.
func objectToRead[Listed, Object any](ctx context.Context, id, value types.String, kind string, by lookupField[Listed],
	list func(context.Context, client.ListOptions) ([]Listed, error), get func(context.Context, string) (*Object, error),
	diags *diag.Diagnostics) *Object {
	objectID, ok := idToRead(ctx, id, value, kind, by, list, diags)
	if !ok {
		return nil
	}
	object, err := get(ctx, objectID)
	if err != nil {
		addReadError(diags, kind, objectID, err)
		return nil
	}
	return object
}

// catalogObjectToRead reads an object of TagoIO's catalog (connectors, networks) by its id, else
// by its exact name. The catalog's list holds whole objects, so the one the name finds is used
// as listed.
func catalogObjectToRead[Object any](ctx context.Context, id, name types.String, kind string, nameOf func(Object) string,
	list func(context.Context, client.ListOptions) ([]Object, error), get func(context.Context, string) (*Object, error),
	diags *diag.Diagnostics) *Object {
	if !id.IsNull() {
		object, err := get(ctx, id.ValueString())
		if err != nil {
			addReadError(diags, kind, id.ValueString(), err)
			return nil
		}
		return object
	}
	want := name.ValueString()
	found, err := list(ctx, client.ListOptions{Filter: map[string]string{"name": want}})
	if err != nil {
		addReadError(diags, pluralKind(kind)+" named", want, err)
		return nil
	}
	match, ok := exactlyOneNamed(found, nameOf, kind, want, diags)
	if !ok {
		return nil
	}
	return &match
}

// lookupIDAttribute is the "id" of a singular data source that also finds its object another
// way: set it, or the other attribute.
func lookupIDAttribute(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Computed: true, Validators: []validator.String{validate.ObjectID()}}
}

// lookupValueAttribute is the attribute a singular data source finds its object by when no id
// is set (its name, key, slug, ...).
func lookupValueAttribute(desc string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Computed: true, Validators: validators}
}

// requiredIDAttribute is a required TagoIO ID in a data source's configuration (the object
// it reads, or whose objects it lists).
func requiredIDAttribute(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Required: true, Validators: []validator.String{validate.ObjectID()}}
}

// computedInt64 is a read-only integer attribute of a data source.
func computedInt64(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
}

// computedFloat64 is a read-only number attribute of a data source.
func computedFloat64(desc string) schema.Float64Attribute {
	return schema.Float64Attribute{MarkdownDescription: desc, Computed: true}
}

// computedStrings is a read-only list of strings of a data source.
func computedStrings(desc string) schema.ListAttribute {
	return schema.ListAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
}
