package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewDictionaryDataSource is the tagoio_dictionary data source.
func NewDictionaryDataSource() datasource.DataSource {
	return &singleDataSource[dictionaryFields]{typeName: "dictionary", schema: dictionaryDataSourceSchema, oneOf: []string{"id", "slug"}, read: readDictionaryDataSource}
}

func dictionaryDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one TagoIO dictionary, by `id` or by `slug`, with every language's expressions.",
		Attributes: map[string]schema.Attribute{
			"id": lookupIDAttribute("Dictionary ID. Exactly one of `id` and `slug` must be set."),
			"slug": lookupValueAttribute("The dictionary's slug (the `SLUG` of `#SLUG.KEY#`).",
				stringvalidator.RegexMatches(dictionarySlugPattern, "must be uppercase letters and digits")),
			"name":     computedString("Dictionary name."),
			"fallback": computedString("The fallback language's code."),
			"languages": schema.MapNestedAttribute{
				MarkdownDescription: "The dictionary's languages by code.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"active":      computedBool("Whether the language is offered to users."),
					"expressions": schema.MapAttribute{MarkdownDescription: "The language's texts by key.", ElementType: types.StringType, Computed: true},
				}},
			},
			"created_at": computedString("Creation time (ISO-8601)."),
			"updated_at": computedString("Last update time (ISO-8601)."),
		},
	}
}

func readDictionaryDataSource(ctx context.Context, c *client.Client, cfg *dictionaryFields, diags *diag.Diagnostics) *dictionaryFields {
	bySlug := lookupField[client.Dictionary]{field: "slug", phrase: "with slug", // the API's filter may ignore case
		idAndValue: func(x client.Dictionary) (string, string) { return x.ID, x.Slug }}
	id, ok := idToRead(ctx, cfg.ID, cfg.Slug, dictionaryKind, bySlug, c.Dictionaries.List, diags)
	if !ok {
		return nil
	}
	dict, langs, err := readDictionary(ctx, c, id)
	if err != nil {
		addReadError(diags, dictionaryKind, id, err)
		return nil
	}
	var state dictionaryFields
	diags.Append(state.fromAPI(dict, langs)...)
	return &state
}
