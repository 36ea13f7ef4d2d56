package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure   = &entityResource{}
	_ resource.ResourceWithImportState = &entityResource{}
	_ resource.ResourceWithModifyPlan  = &entityResource{}

	_ resource.ResourceWithValidateConfig = &entityResource{}
)

const entityKind = "entity"

var (
	// entityFieldTypes are the types TagoIO gives an entity field (SDK EntityFieldType).
	entityFieldTypes = []string{"uuid", "string", "int", "float", "json", "timestamp", "text", "boolean"}
	// entityNamePattern: field and index names are lowercase SQL-style identifiers.
	entityNamePattern = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)
	// builtInEntityFields and builtInEntityIndexes exist in every entity; TagoIO manages them.
	builtInEntityFields  = []string{"id", "created_at", "updated_at"}
	builtInEntityIndexes = []string{"id_idx", "id_created_at_idx", "id_updated_at_idx"}
)

// NewEntityResource is the tagoio_entity resource.
func NewEntityResource() resource.Resource { return &entityResource{} }

type entityResource struct {
	client      *client.Client
	defaultTags tagDefaults
}

type entityModel struct {
	ID        types.String   `tfsdk:"id"`
	Name      types.String   `tfsdk:"name"`
	Tags      types.List     `tfsdk:"tags"`
	TagsAll   types.List     `tfsdk:"tags_all"`
	Fields    types.Map      `tfsdk:"fields"`
	Indexes   types.Map      `tfsdk:"indexes"`
	CreatedAt types.String   `tfsdk:"created_at"`
	UpdatedAt types.String   `tfsdk:"updated_at"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

type entityFieldModel struct {
	Type        types.String `tfsdk:"type"`
	Required    types.Bool   `tfsdk:"required"`
	RenamedFrom types.String `tfsdk:"renamed_from"`
}

type entityIndexModel struct {
	Fields types.List `tfsdk:"fields"`
}

var (
	entityFieldAttrTypes = map[string]attr.Type{"type": types.StringType, "required": types.BoolType, "renamed_from": types.StringType}
	entityIndexAttrTypes = map[string]attr.Type{"fields": types.ListType{ElemType: types.StringType}}
)

func (r *entityResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_entity"
}

func entityNameValidator() validator.String {
	return stringvalidator.All(
		stringvalidator.RegexMatches(entityNamePattern, "must be lowercase letters, digits and underscores, starting with a letter or underscore"),
		stringvalidator.NoneOf(append(append([]string{}, builtInEntityFields...), builtInEntityIndexes...)...),
	)
}

func (r *entityResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A TagoIO entity: a table of typed records (customers, orders, assets) that analyses and widgets " +
			"read and write. Terraform manages its schema, field by field, and its indexes; the records are data, not " +
			"configuration (the data-plane package reads and writes them).\n\n" +
			"TagoIO edits a schema in place: a new field is added, a removed field is deleted **with its data**, `required` " +
			"changes in place, and a field is renamed, keeping its data, by giving it its new name and `renamed_from`. TagoIO " +
			"cannot change a field's type; the plan says so. The built-in `id`, `created_at` and `updated_at` fields and " +
			"their indexes are managed by TagoIO and not listed.\n\n" +
			"Importing: the import ID is the entity ID.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Entity ID (24 hexadecimal characters)."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Entity name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 100), validate.NoControlCharacters()},
			},
			"tags":     tagsResourceAttribute("entity"),
			"tags_all": tagsAllResourceAttribute("entity"),
			"fields": schema.MapNestedAttribute{
				MarkdownDescription: "The entity's fields by name (lowercase letters, digits and underscores); may be empty (`{}`): " +
					"TagoIO keeps entities with only its built-in fields.",
				Required: true,
				Validators: []validator.Map{
					mapvalidator.KeysAre(entityNameValidator()),
				},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						MarkdownDescription: "The field's type: one of `uuid`, `string`, `int`, `float`, `json`, `timestamp`, `text`, " +
							"`boolean`. TagoIO cannot change it once the field exists.",
						Required:   true,
						Validators: []validator.String{stringvalidator.OneOf(entityFieldTypes...)},
					},
					"required": schema.BoolAttribute{
						MarkdownDescription: "Whether every record must set the field. Default `false`. Changed in place.",
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(false),
					},
					"renamed_from": schema.StringAttribute{
						MarkdownDescription: "The field's previous name, to rename it in place and keep its data: rename the map key " +
							"and set this to the old key. Ignored once the old field no longer exists; never read from TagoIO.",
						Optional:   true,
						Validators: []validator.String{stringvalidator.RegexMatches(entityNamePattern, "must be lowercase letters, digits and underscores, starting with a letter or underscore")},
					},
				}},
			},
			"indexes": schema.MapNestedAttribute{
				MarkdownDescription: "Indexes by name: filtering records needs an index over the filtered fields. A changed index " +
					"is deleted and created again. Default: none (besides TagoIO's built-in ones).",
				Optional: true,
				Computed: true,
				Default:  mapdefault.StaticValue(types.MapValueMust(types.ObjectType{AttrTypes: entityIndexAttrTypes}, map[string]attr.Value{})),
				Validators: []validator.Map{
					mapvalidator.KeysAre(entityNameValidator()),
				},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"fields": schema.ListAttribute{
						MarkdownDescription: "The indexed fields, in order.",
						ElementType:         types.StringType,
						Required:            true,
						Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.UniqueValues()},
					},
				}},
			},
			"created_at": createdAtAttribute(),
			"updated_at": updatedAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *entityResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
	r.defaultTags = defaultTagsFrom(req.ProviderData)
}

// ValidateConfig refuses an index over a field the entity does not have, before any request.
func (r *entityResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m entityModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Fields.IsUnknown() || m.Fields.IsNull() || m.Indexes.IsUnknown() || m.Indexes.IsNull() {
		return
	}
	fields := m.Fields.Elements()
	var indexes map[string]entityIndexModel
	resp.Diagnostics.Append(m.Indexes.ElementsAs(ctx, &indexes, false)...)
	for _, name := range sortedNames(indexes) {
		var names []types.String
		resp.Diagnostics.Append(indexes[name].Fields.ElementsAs(ctx, &names, false)...)
		for _, f := range names {
			if f.IsUnknown() || f.IsNull() {
				continue
			}
			if _, ok := fields[f.ValueString()]; !ok && !slices.Contains(builtInEntityFields, f.ValueString()) {
				addInvalidAttributeError(&resp.Diagnostics, path.Root("indexes").AtMapKey(name).AtName("fields"), "Index over an unknown field",
					fmt.Sprintf("Index %s names %s, which is not a field of the entity.", name, f.ValueString()))
			}
		}
	}
}

// ModifyPlan refuses at plan time what TagoIO refuses: a new type for an existing field.
func (r *entityResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	defer r.defaultTags.planTagsAll(ctx, req, resp) // last: after any resp.Plan.Set below
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var plan entityModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.Fields.IsUnknown() {
		return
	}
	want, diags := entityFieldsFromModel(ctx, plan.Fields)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var state entityModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	have, diags := entityFieldsFromModel(ctx, state.Fields)
	resp.Diagnostics.Append(diags...)
	for _, name := range sortedNames(want) {
		old, ok := have[name]
		if !ok && want[name].renamedFrom != "" {
			old, ok = have[want[name].renamedFrom]
		}
		if ok && old.Type != want[name].Type {
			addInvalidAttributeError(&resp.Diagnostics, path.Root("fields").AtMapKey(name).AtName("type"), "Entity field type cannot change",
				fmt.Sprintf("TagoIO cannot change the type of field %s from %s to %s. Add a new field with the new type (and remove the old one, which deletes its data).",
					name, old.Type, want[name].Type))
		}
	}
}

func (r *entityResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createThenRead(ctx, req, resp, entityKind, func(ctx context.Context, plan *entityModel, diags *diag.Diagnostics) (string, error) {
		fields, d := entityFieldsFromModel(ctx, plan.Fields)
		diags.Append(d...)
		indexes, d := entityIndexesFromModel(ctx, plan.Indexes)
		diags.Append(d...)
		tags, d := tagsToAPI(ctx, plan.TagsAll)
		diags.Append(d...)
		if diags.HasError() {
			return "", nil
		}
		in := client.EntityCreate{Name: plan.Name.ValueString(), Tags: tags, Schema: map[string]client.EntityFieldChange{}, Index: map[string]client.EntityIndexChange{}}
		for name, f := range fields {
			in.Schema[name] = client.EntityFieldChange{Action: "create", Type: &f.Type, Required: &f.Required}
		}
		for name, idx := range indexes {
			in.Index[name] = client.EntityIndexChange{Action: "create", Fields: idx}
		}
		return r.client.Entities.Create(ctx, in)
	}, r.readBack())
}

func (r *entityResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, entityKind, r.readBack())
}

func (r *entityResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateThenRead(ctx, req, resp, entityKind, func(ctx context.Context, id string, plan, state *entityModel, diags *diag.Diagnostics) error {
		var update client.EntityUpdate
		update.Name = stringChange(plan.Name, state.Name)
		update.Tags = tagsChange(ctx, plan.TagsAll, state.TagsAll, diags)
		steps, d := entitySchemaSteps(ctx, *state, *plan)
		diags.Append(d...)
		if diags.HasError() {
			return nil
		}
		if !update.IsEmpty() {
			if err := r.client.Entities.Update(ctx, id, update); err != nil {
				return err
			}
		}
		for _, step := range steps {
			if err := r.client.Entities.EditSchema(ctx, id, step); err != nil {
				return err
			}
		}
		return nil
	}, r.readBack())
}

func (r *entityResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, entityKind, r.client.Entities.Delete)
}

// ImportState takes the entity ID.
func (r *entityResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObjectID(ctx, req, resp, entityKind)
}

// readBack is the one GET of Create, Read and Update.
func (r *entityResource) readBack() readBackFunc[entityModel] {
	return func(ctx context.Context, id string, m *entityModel, diags *diag.Diagnostics) error {
		e, err := r.client.Entities.Get(ctx, id)
		if err == nil {
			diags.Append(m.fromAPI(ctx, e, r.defaultTags)...)
		}
		return err
	}
}

// entitySchemaSteps is the schema edit as requests, in an order TagoIO accepts: indexes that go
// or change are deleted first (an index holds its fields), then fields are deleted, renamed,
// updated and created, then the new and changed indexes are created.
func entitySchemaSteps(ctx context.Context, state, plan entityModel) ([]client.EntitySchemaEdit, diag.Diagnostics) {
	var diags diag.Diagnostics
	have, d := entityFieldsFromModel(ctx, state.Fields)
	diags.Append(d...)
	want, d := entityFieldsFromModel(ctx, plan.Fields)
	diags.Append(d...)
	haveIdx, d := entityIndexesFromModel(ctx, state.Indexes)
	diags.Append(d...)
	wantIdx, d := entityIndexesFromModel(ctx, plan.Indexes)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	dropIdx := client.EntitySchemaEdit{Index: map[string]client.EntityIndexChange{}}
	addIdx := client.EntitySchemaEdit{Index: map[string]client.EntityIndexChange{}}
	for name, fields := range haveIdx {
		if w, ok := wantIdx[name]; !ok || !slices.Equal(w, fields) {
			dropIdx.Index[name] = client.EntityIndexChange{Action: "delete"}
		}
	}
	for name, fields := range wantIdx {
		if h, ok := haveIdx[name]; !ok || !slices.Equal(h, fields) {
			addIdx.Index[name] = client.EntityIndexChange{Action: "create", Fields: fields}
		}
	}
	fields := client.EntitySchemaEdit{Schema: map[string]client.EntityFieldChange{}}
	// A renamed field whose required flag changes too is updated after the rename: one request
	// cannot hold two changes of one field.
	afterRename := client.EntitySchemaEdit{Schema: map[string]client.EntityFieldChange{}}
	renamed := map[string]bool{}
	for name, w := range want {
		old, exists := have[name]
		switch {
		case !exists && w.renamedFrom != "" && have[w.renamedFrom] != nil && want[w.renamedFrom] == nil:
			fields.Schema[w.renamedFrom] = client.EntityFieldChange{Action: "rename", NewName: name}
			renamed[w.renamedFrom] = true
			if have[w.renamedFrom].Required != w.Required {
				afterRename.Schema[name] = client.EntityFieldChange{Action: "update", Required: &w.Required}
			}
		case !exists:
			fields.Schema[name] = client.EntityFieldChange{Action: "create", Type: &w.Type, Required: &w.Required}
		case old.Required != w.Required:
			fields.Schema[name] = client.EntityFieldChange{Action: "update", Required: &w.Required}
		}
	}
	for name := range have {
		if _, kept := want[name]; !kept && !renamed[name] {
			fields.Schema[name] = client.EntityFieldChange{Action: "delete"}
		}
	}
	var steps []client.EntitySchemaEdit
	for _, s := range []client.EntitySchemaEdit{dropIdx, fields, afterRename, addIdx} {
		if !s.IsEmpty() {
			steps = append(steps, s)
		}
	}
	return steps, diags
}

// entityField is a field as the resource compares it.
type entityField struct {
	Type        string
	Required    bool
	renamedFrom string
}

func entityFieldsFromModel(ctx context.Context, m types.Map) (map[string]*entityField, diag.Diagnostics) {
	var models map[string]entityFieldModel
	diags := m.ElementsAs(ctx, &models, false)
	out := make(map[string]*entityField, len(models))
	for name, f := range models {
		out[name] = &entityField{Type: f.Type.ValueString(), Required: f.Required.ValueBool(), renamedFrom: f.RenamedFrom.ValueString()}
	}
	return out, diags
}

func entityIndexesFromModel(ctx context.Context, m types.Map) (map[string][]string, diag.Diagnostics) {
	var models map[string]entityIndexModel
	diags := m.ElementsAs(ctx, &models, false)
	out := make(map[string][]string, len(models))
	for name, idx := range models {
		var fields []string
		diags.Append(idx.Fields.ElementsAs(ctx, &fields, false)...)
		out[name] = fields
	}
	return out, diags
}

// fromAPI maps an entity, leaving out the built-in fields and indexes. renamed_from is not an
// API value: it is kept from the model (the plan or the state).
func (m *entityModel) fromAPI(ctx context.Context, e *client.Entity, defaults tagDefaults) diag.Diagnostics {
	var diags diag.Diagnostics
	renamedFrom := map[string]types.String{}
	if !m.Fields.IsNull() && !m.Fields.IsUnknown() {
		var models map[string]entityFieldModel
		diags.Append(m.Fields.ElementsAs(ctx, &models, false)...)
		for name, f := range models {
			renamedFrom[name] = f.RenamedFrom
		}
	}
	m.ID = types.StringValue(e.ID)
	m.Name = types.StringValue(e.Name)
	m.Tags, m.TagsAll = defaults.split(e.Tags, m.Tags)
	fields := map[string]attr.Value{}
	for name, f := range e.Schema {
		if slices.Contains(builtInEntityFields, name) {
			continue
		}
		rf, ok := renamedFrom[name]
		if !ok {
			rf = types.StringNull()
		}
		obj, d := types.ObjectValue(entityFieldAttrTypes, map[string]attr.Value{
			"type": types.StringValue(f.Type), "required": types.BoolValue(f.Required), "renamed_from": rf,
		})
		diags.Append(d...)
		fields[name] = obj
	}
	var d diag.Diagnostics
	m.Fields, d = types.MapValue(types.ObjectType{AttrTypes: entityFieldAttrTypes}, fields)
	diags.Append(d...)
	m.Indexes, d = entityIndexesValue(e.Index)
	diags.Append(d...)
	m.CreatedAt = stringOrNull(&e.CreatedAt)
	m.UpdatedAt = stringOrNull(&e.UpdatedAt)
	return diags
}

// entityIndexesValue is the indexes map without TagoIO's built-in indexes.
func entityIndexesValue(index map[string]client.EntityIndex) (types.Map, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := map[string]attr.Value{}
	for name, idx := range index {
		if slices.Contains(builtInEntityIndexes, name) {
			continue
		}
		fields := make([]attr.Value, 0, len(idx.Fields))
		for _, f := range idx.Fields {
			fields = append(fields, types.StringValue(f))
		}
		list, d := types.ListValue(types.StringType, fields)
		diags.Append(d...)
		obj, d := types.ObjectValue(entityIndexAttrTypes, map[string]attr.Value{"fields": list})
		diags.Append(d...)
		out[name] = obj
	}
	m, d := types.MapValue(types.ObjectType{AttrTypes: entityIndexAttrTypes}, out)
	diags.Append(d...)
	return m, diags
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
