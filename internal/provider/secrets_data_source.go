package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewSecretsDataSource is the tagoio_secrets data source.
func NewSecretsDataSource() datasource.DataSource {
	return newListDataSource[secretsDataSourceModel]("secrets", secretKind, secretsSchema, itemFromAPI[client.Secret, secretFields])
}

func secretsSchema() schema.Schema {
	return filteredListSchema(
		"Lists TagoIO secrets, optionally filtered by key and tags (the API's list filters). Every page is read. "+
			"Values are never returned.",
		"secrets", "ordered by key",
		map[string]schema.Attribute{ // filters
			"key": nameFilterAttribute("Key filter; `*` is a wildcard (`SMTP_*` matches every key starting with `SMTP_`)."),
		},
		map[string]schema.Attribute{ // each item
			"id":           computedString("Secret ID."),
			"key":          computedString("Secret key."),
			"tags":         tagsDataSourceAttribute("secret"),
			"value_length": computedInt64("Length of the stored value."),
			"created_at":   computedString("Creation time (ISO-8601)."),
			"updated_at":   computedString("Last update time (ISO-8601)."),
		},
	)
}

type secretsDataSourceModel struct {
	Key     types.String   `tfsdk:"key"`
	Tags    types.List     `tfsdk:"tags"`
	IDs     []types.String `tfsdk:"ids"`
	Secrets []secretFields `tfsdk:"secrets"`
}

func (m *secretsDataSourceModel) listFilters() listFilter {
	return listFilter{m.Tags, map[string]types.String{"key": m.Key}}
}

func (*secretsDataSourceModel) list(c *client.Client) listCall[client.Secret] { return c.Secrets.List }

func (m *secretsDataSourceModel) setItems(items []secretFields) {
	m.IDs, m.Secrets = idsOf(items, func(i *secretFields) types.String { return i.ID }), items
}
