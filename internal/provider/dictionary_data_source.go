package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ datasource.DataSourceWithConfigure        = &dictionaryDataSource{}
	_ datasource.DataSourceWithConfigValidators = &dictionaryDataSource{}
)

// NewDictionaryDataSource is the tagoio_dictionary data source.
func NewDictionaryDataSource() datasource.DataSource { return &dictionaryDataSource{} }

type dictionaryDataSource struct {
	client *client.Client
}

func (d *dictionaryDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dictionary"
}

func (d *dictionaryDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one TagoIO dictionary, by `id` or by `slug`, with every language's expressions.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Dictionary ID. Exactly one of `id` and `slug` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"slug": schema.StringAttribute{
				MarkdownDescription: "The dictionary's slug (the `SLUG` of `#SLUG.KEY#`).",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(dictionarySlugPattern, "must be uppercase letters and digits")},
			},
			"name":     schema.StringAttribute{MarkdownDescription: "Dictionary name.", Computed: true},
			"fallback": schema.StringAttribute{MarkdownDescription: "The fallback language's code.", Computed: true},
			"languages": schema.MapNestedAttribute{
				MarkdownDescription: "The dictionary's languages by code.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"active":      schema.BoolAttribute{MarkdownDescription: "Whether the language is offered to users.", Computed: true},
					"expressions": schema.MapAttribute{MarkdownDescription: "The language's texts by key.", ElementType: types.StringType, Computed: true},
				}},
			},
			"created_at": schema.StringAttribute{MarkdownDescription: "Creation time (ISO-8601).", Computed: true},
			"updated_at": schema.StringAttribute{MarkdownDescription: "Last update time (ISO-8601).", Computed: true},
		},
	}
}

func (d *dictionaryDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("slug"))}
}

func (d *dictionaryDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *dictionaryDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg dictionaryFields
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := cfg.ID.ValueString()
	if cfg.ID.IsNull() {
		slug := cfg.Slug.ValueString()
		found, err := d.client.Dictionaries.List(ctx, client.ListOptions{Fields: []string{"id", "slug"}, Filter: map[string]string{"slug": slug}})
		if err != nil {
			addReadError(&resp.Diagnostics, dictionaryKind+"s with slug", slug, err)
			return
		}
		var matches []client.Dictionary
		for _, x := range found {
			if x.Slug == slug { // the API's filter may ignore case
				matches = append(matches, x)
			}
		}
		if len(matches) != 1 {
			addLookupError(&resp.Diagnostics, dictionaryKind, "slug", slug, len(matches))
			return
		}
		id = matches[0].ID
	}
	dict, langs, err := readDictionary(ctx, d.client, id)
	if err != nil {
		addReadError(&resp.Diagnostics, dictionaryKind, id, err)
		return
	}
	var state dictionaryFields
	resp.Diagnostics.Append(state.fromAPI(dict, langs)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
