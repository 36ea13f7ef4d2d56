package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ datasource.DataSourceWithConfigure        = &entityDataSource{}
	_ datasource.DataSourceWithConfigValidators = &entityDataSource{}
)

// NewEntityDataSource is the tagoio_entity data source.
func NewEntityDataSource() datasource.DataSource { return &entityDataSource{} }

type entityDataSource struct {
	client *client.Client
}

type entityDataSourceModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Tags      types.List   `tfsdk:"tags"`
	Fields    types.Map    `tfsdk:"fields"`
	Indexes   types.Map    `tfsdk:"indexes"`
	CreatedAt types.String `tfsdk:"created_at"`
	UpdatedAt types.String `tfsdk:"updated_at"`
}

var entityDataSourceFieldAttrTypes = map[string]attr.Type{"type": types.StringType, "required": types.BoolType}

func (d *entityDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_entity"
}

func (d *entityDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one TagoIO entity, by `id` or by exact `name`, with its fields and indexes (TagoIO's built-in " +
			"`id`, `created_at` and `updated_at` fields and their indexes left out), for example to pass its ID to an analysis.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Entity ID. Exactly one of `id` and `name` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Exact entity name.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"tags": tagsDataSourceAttribute("entity"),
			"fields": schema.MapNestedAttribute{
				MarkdownDescription: "The entity's fields by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type":     schema.StringAttribute{MarkdownDescription: "The field's type.", Computed: true},
					"required": schema.BoolAttribute{MarkdownDescription: "Whether every record must set the field.", Computed: true},
				}},
			},
			"indexes": schema.MapNestedAttribute{
				MarkdownDescription: "The entity's indexes by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"fields": schema.ListAttribute{MarkdownDescription: "The indexed fields, in order.", ElementType: types.StringType, Computed: true},
				}},
			},
			"created_at": schema.StringAttribute{MarkdownDescription: "Creation time (ISO-8601).", Computed: true},
			"updated_at": schema.StringAttribute{MarkdownDescription: "Last update time (ISO-8601).", Computed: true},
		},
	}
}

func (d *entityDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *entityDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *entityDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg entityDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := cfg.ID.ValueString()
	if cfg.ID.IsNull() {
		name := cfg.Name.ValueString()
		found, err := d.client.Entities.List(ctx, client.ListOptions{Fields: []string{"id", "name"}, Filter: map[string]string{"name": name}})
		if err != nil {
			addReadError(&resp.Diagnostics, "entities named", name, err)
			return
		}
		match, ok := exactlyOneNamed(found, func(e client.Entity) string { return e.Name }, entityKind, name, &resp.Diagnostics)
		if !ok {
			return
		}
		id = match.ID
	}
	e, err := d.client.Entities.Get(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, entityKind, id, err)
		return
	}
	state := entityDataSourceModel{
		ID: types.StringValue(e.ID), Name: types.StringValue(e.Name), Tags: tagsFromAPI(e.Tags),
		CreatedAt: stringOrNull(&e.CreatedAt), UpdatedAt: stringOrNull(&e.UpdatedAt),
	}
	fields := map[string]attr.Value{}
	for name, f := range e.Schema {
		if slices.Contains(builtInEntityFields, name) {
			continue
		}
		obj, diags := types.ObjectValue(entityDataSourceFieldAttrTypes, map[string]attr.Value{
			"type": types.StringValue(f.Type), "required": types.BoolValue(f.Required),
		})
		resp.Diagnostics.Append(diags...)
		fields[name] = obj
	}
	var diags diag.Diagnostics
	state.Fields, diags = types.MapValue(types.ObjectType{AttrTypes: entityDataSourceFieldAttrTypes}, fields)
	resp.Diagnostics.Append(diags...)
	state.Indexes, diags = entityIndexesValue(e.Index)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
