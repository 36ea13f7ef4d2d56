package provider

import (
	"context"
	"fmt"
	"regexp"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
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
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure      = &dictionaryResource{}
	_ resource.ResourceWithImportState    = &dictionaryResource{}
	_ resource.ResourceWithValidateConfig = &dictionaryResource{}
)

const dictionaryKind = "dictionary"

var (
	// dictionarySlugPattern: widgets and Run texts name an expression as #SLUG.KEY#, and TagoIO's
	// expression syntax allows only uppercase letters and digits in the slug.
	dictionarySlugPattern = regexp.MustCompile(`^[A-Z0-9]+$`)
	// dictionaryKeyPattern: the KEY of #SLUG.KEY#.
	dictionaryKeyPattern = regexp.MustCompile(`^[A-Z0-9_]+$`)
	// languageCodePattern: a language tag such as en-US or pt-BR. Loose on purpose: TagoIO may
	// offer languages this provider does not know.
	languageCodePattern = regexp.MustCompile(`^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$`)
)

// NewDictionaryResource is the tagoio_dictionary resource.
func NewDictionaryResource() resource.Resource { return &dictionaryResource{} }

type dictionaryResource struct {
	client *client.Client
}

// dictionaryFields are the attributes read from the API, shared with the data source.
type dictionaryFields struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Slug      types.String `tfsdk:"slug"`
	Fallback  types.String `tfsdk:"fallback"`
	Languages types.Map    `tfsdk:"languages"`
	CreatedAt types.String `tfsdk:"created_at"`
	UpdatedAt types.String `tfsdk:"updated_at"`
}

type dictionaryModel struct {
	dictionaryFields
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// dictionaryLanguageModel is one element of languages.
type dictionaryLanguageModel struct {
	Active      types.Bool `tfsdk:"active"`
	Expressions types.Map  `tfsdk:"expressions"`
}

var dictionaryLanguageAttrTypes = map[string]attr.Type{
	"active":      types.BoolType,
	"expressions": types.MapType{ElemType: types.StringType},
}

func (r *dictionaryResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dictionary"
}

func (r *dictionaryResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A TagoIO dictionary: the texts of an application in several languages. Dashboards, widgets and " +
			"TagoRUN show `#SLUG.KEY#` as the text of `KEY` in the user's language, or in the fallback language when the " +
			"user's language lacks it.\n\n" +
			"Terraform manages the languages listed in `languages` and each one's whole set of expressions: a language " +
			"or an expression added outside Terraform shows in the next plan, which removes it.\n\n" +
			"Importing: the import ID is the dictionary ID.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Dictionary ID (24 hexadecimal characters)."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Dictionary name, as the TagoIO admin lists it.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 100), validate.NoControlCharacters()},
			},
			"slug": schema.StringAttribute{
				MarkdownDescription: "The name expressions use, `#SLUG.KEY#`: uppercase letters and digits, unique in the profile. " +
					"Editable in place, but every `#SLUG.KEY#` written with the old slug stops resolving.",
				Required: true,
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, 30),
					stringvalidator.RegexMatches(dictionarySlugPattern, "must be uppercase letters and digits"),
				},
			},
			"fallback": schema.StringAttribute{
				MarkdownDescription: "The language whose text is shown when the user's language lacks a key, such as `en-US`. " +
					"It must be one of `languages`.",
				Required:   true,
				Validators: []validator.String{stringvalidator.RegexMatches(languageCodePattern, "must be a language code such as en-US")},
			},
			"languages": schema.MapNestedAttribute{
				MarkdownDescription: "The dictionary's languages, by language code (such as `en-US`, `pt-BR`); may be empty (`{}`), " +
					"as a dictionary made through the API holds none until its first language is added.",
				Required: true,
				Validators: []validator.Map{
					mapvalidator.KeysAre(stringvalidator.RegexMatches(languageCodePattern, "must be a language code such as en-US")),
				},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"active": schema.BoolAttribute{
							MarkdownDescription: "Whether the language is offered to users. Default `true`.",
							Optional:            true,
							Computed:            true,
							Default:             booldefault.StaticBool(true),
						},
						"expressions": schema.MapAttribute{
							MarkdownDescription: "The language's texts by key (uppercase letters, digits and underscores), such as " +
								"`{ WELCOME = \"Welcome\" }` for `#SLUG.WELCOME#`. Default: none.",
							ElementType: types.StringType,
							Optional:    true,
							Computed:    true,
							Default:     mapdefault.StaticValue(types.MapValueMust(types.StringType, map[string]attr.Value{})),
							Validators: []validator.Map{
								mapvalidator.KeysAre(stringvalidator.RegexMatches(dictionaryKeyPattern,
									"must be uppercase letters, digits and underscores")),
							},
						},
					},
				},
			},
			"created_at": createdAtAttribute(),
			"updated_at": updatedAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *dictionaryResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig: the fallback must be one of the languages (TagoIO refuses any other), once the
// dictionary has any (TagoIO creates a dictionary before its languages).
func (r *dictionaryResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m dictionaryModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Fallback.IsUnknown() || m.Fallback.IsNull() || m.Languages.IsUnknown() || m.Languages.IsNull() ||
		len(m.Languages.Elements()) == 0 {
		return
	}
	if _, ok := m.Languages.Elements()[m.Fallback.ValueString()]; !ok {
		addInvalidAttributeError(&resp.Diagnostics, path.Root("fallback"), "Fallback language not in languages",
			fmt.Sprintf("fallback %q must be one of the keys of languages.", m.Fallback.ValueString()))
	}
}

func (r *dictionaryResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan dictionaryModel
	ctx, cancel, ok := openModel(ctx, req.Plan, &plan, createTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	langs, diags := dictionaryLanguagesToAPI(ctx, plan.Languages)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, err := r.client.Dictionaries.Create(ctx, client.DictionaryCreate{
		Name: plan.Name.ValueString(), Slug: plan.Slug.ValueString(), Fallback: plan.Fallback.ValueString(),
	})
	if err != nil {
		addCreateError(&resp.Diagnostics, dictionaryKind, err)
		return
	}
	tflog.Info(ctx, "created TagoIO dictionary", map[string]any{"id": id, "slug": plan.Slug.ValueString()})
	plan.ID = types.StringValue(id)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), plan.ID)...)

	// The fallback language exists from the create; every language gets its expressions.
	for _, code := range sortedCodes(langs) {
		if err := r.client.Dictionaries.EditLanguage(ctx, id, code, langs[code]); err != nil {
			addUpdateError(&resp.Diagnostics, dictionaryKind, id, err)
			return
		}
	}
	if err := r.readBack()(ctx, id, &plan, &resp.Diagnostics); err != nil {
		addReadError(&resp.Diagnostics, dictionaryKind, id, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *dictionaryResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, dictionaryKind, r.readBack())
}

func (r *dictionaryResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateThenRead(ctx, req, resp, dictionaryKind, func(ctx context.Context, id string, plan, state *dictionaryModel, diags *diag.Diagnostics) error {
		want, d := dictionaryLanguagesToAPI(ctx, plan.Languages)
		diags.Append(d...)
		have, d := dictionaryLanguagesToAPI(ctx, state.Languages)
		diags.Append(d...)
		if diags.HasError() {
			return nil
		}
		// Languages first (a new fallback must exist before it is named), then the dictionary,
		// then the removed languages (the old fallback can go only once it no longer is one).
		for _, code := range sortedCodes(want) {
			if old, ok := have[code]; ok && sameLanguage(old, want[code]) {
				continue
			}
			if err := r.client.Dictionaries.EditLanguage(ctx, id, code, want[code]); err != nil {
				return err
			}
		}
		update := client.DictionaryUpdate{
			Name:     stringChange(plan.Name, state.Name),
			Slug:     stringChange(plan.Slug, state.Slug),
			Fallback: stringChange(plan.Fallback, state.Fallback),
		}
		if !update.IsEmpty() {
			if err := r.client.Dictionaries.Update(ctx, id, update); err != nil {
				return err
			}
		}
		for _, code := range sortedCodes(have) {
			if _, kept := want[code]; kept {
				continue
			}
			if err := r.client.Dictionaries.DeleteLanguage(ctx, id, code); err != nil && !client.IsNotFound(err) {
				return err
			}
		}
		return nil
	}, r.readBack())
}

func (r *dictionaryResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, dictionaryKind, r.client.Dictionaries.Delete)
}

// ImportState takes the dictionary ID.
func (r *dictionaryResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObjectID(ctx, req, resp, dictionaryKind)
}

// readBack is the one read of Create, Read and Update: the dictionary and its languages.
func (r *dictionaryResource) readBack() readBackFunc[dictionaryModel] {
	return func(ctx context.Context, id string, m *dictionaryModel, diags *diag.Diagnostics) error {
		d, langs, err := readDictionary(ctx, r.client, id)
		if err == nil {
			diags.Append(m.fromAPI(d, langs)...)
		}
		return err
	}
}

// readDictionary reads a dictionary and each of its languages' expressions (one request per
// language: the dictionary's own answer lists the languages without their texts).
func readDictionary(ctx context.Context, c *client.Client, id string) (*client.Dictionary, map[string]map[string]string, error) {
	d, err := c.Dictionaries.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	langs := make(map[string]map[string]string, len(d.Languages))
	for _, l := range d.Languages {
		expressions, err := c.Dictionaries.Language(ctx, d.ID, l.Code)
		if err != nil {
			return nil, nil, err
		}
		langs[l.Code] = expressions
	}
	return d, langs, nil
}

// fromAPI maps a dictionary and its languages' expressions; Create, Read, Update, import and the
// data source use it.
func (m *dictionaryFields) fromAPI(d *client.Dictionary, expressions map[string]map[string]string) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(d.ID)
	m.Name = types.StringValue(d.Name)
	m.Slug = types.StringValue(d.Slug)
	m.Fallback = stringOrNull(&d.Fallback)
	langs := make(map[string]attr.Value, len(d.Languages))
	for _, l := range d.Languages {
		texts := make(map[string]attr.Value, len(expressions[l.Code]))
		for k, v := range expressions[l.Code] {
			texts[k] = types.StringValue(v)
		}
		exprs, dd := types.MapValue(types.StringType, texts)
		diags.Append(dd...)
		obj, dd := types.ObjectValue(dictionaryLanguageAttrTypes, map[string]attr.Value{
			"active": types.BoolValue(l.Active), "expressions": exprs,
		})
		diags.Append(dd...)
		langs[l.Code] = obj
	}
	value, dd := types.MapValue(types.ObjectType{AttrTypes: dictionaryLanguageAttrTypes}, langs)
	diags.Append(dd...)
	m.Languages = value
	m.CreatedAt = stringOrNull(&d.CreatedAt)
	m.UpdatedAt = stringOrNull(&d.UpdatedAt)
	return diags
}

// dictionaryLanguagesToAPI turns the languages attribute into one language edit per code.
func dictionaryLanguagesToAPI(ctx context.Context, languages types.Map) (map[string]client.DictionaryLanguageEdit, diag.Diagnostics) {
	var models map[string]dictionaryLanguageModel
	diags := languages.ElementsAs(ctx, &models, false)
	out := make(map[string]client.DictionaryLanguageEdit, len(models))
	for code, l := range models {
		texts := map[string]string{}
		diags.Append(l.Expressions.ElementsAs(ctx, &texts, false)...)
		out[code] = client.DictionaryLanguageEdit{Expressions: texts, Active: l.Active.IsNull() || l.Active.ValueBool()}
	}
	return out, diags
}

func sameLanguage(a, b client.DictionaryLanguageEdit) bool {
	if a.Active != b.Active || len(a.Expressions) != len(b.Expressions) {
		return false
	}
	for k, v := range a.Expressions {
		if w, ok := b.Expressions[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func sortedCodes(m map[string]client.DictionaryLanguageEdit) []string {
	codes := make([]string, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}
