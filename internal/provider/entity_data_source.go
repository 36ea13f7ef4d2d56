package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewEntityDataSource is the tagoio_entity data source.
func NewEntityDataSource() datasource.DataSource {
	return &singleDataSource[entityDataSourceModel]{typeName: "entity", schema: entityDataSourceSchema, oneOf: []string{"id", "name"}, read: readEntity}
}

func entityDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one TagoIO entity, by `id` or by exact `name`, with its fields and indexes (TagoIO's built-in " +
			"`id`, `created_at` and `updated_at` fields and their indexes left out), for example to pass its ID to an analysis.",
		Attributes: map[string]schema.Attribute{
			"id":   lookupIDAttribute("Entity ID. Exactly one of `id` and `name` must be set."),
			"name": lookupValueAttribute("Exact entity name.", stringvalidator.LengthAtLeast(1)),
			"tags": tagsDataSourceAttribute("entity"),
			"fields": schema.MapNestedAttribute{
				MarkdownDescription: "The entity's fields by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type":     computedString("The field's type."),
					"required": computedBool("Whether every record must set the field."),
				}},
			},
			"indexes": schema.MapNestedAttribute{
				MarkdownDescription: "The entity's indexes by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"fields": schema.ListAttribute{MarkdownDescription: "The indexed fields, in order.", ElementType: types.StringType, Computed: true},
				}},
			},
			"created_at": computedString("Creation time (ISO-8601)."),
			"updated_at": computedString("Last update time (ISO-8601)."),
		},
	}
}

func readEntity(ctx context.Context, c *client.Client, cfg *entityDataSourceModel, diags *diag.Diagnostics) *entityDataSourceModel {
	e := objectToRead(ctx, cfg.ID, cfg.Name, entityKind, byName(func(e client.Entity) (string, string) { return e.ID, e.Name }),
		c.Entities.List, c.Entities.Get, diags)
	if e == nil {
		return nil
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
		obj, d := types.ObjectValue(entityDataSourceFieldAttrTypes, map[string]attr.Value{
			"type": types.StringValue(f.Type), "required": types.BoolValue(f.Required),
		})
		diags.Append(d...)
		fields[name] = obj
	}
	var d diag.Diagnostics
	state.Fields, d = types.MapValue(types.ObjectType{AttrTypes: entityDataSourceFieldAttrTypes}, fields)
	diags.Append(d...)
	state.Indexes, d = entityIndexesValue(e.Index)
	diags.Append(d...)
	return &state
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
