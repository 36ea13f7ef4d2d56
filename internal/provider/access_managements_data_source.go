package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewAccessManagementsDataSource is the tagoio_access_managements data source.
func NewAccessManagementsDataSource() datasource.DataSource {
	return newListDataSource[accessManagementsDataSourceModel]("access_managements", accessPolicyKind, accessManagementsSchema, accessPolicySummary)
}

func accessManagementsSchema() schema.Schema {
	return filteredListSchema(
		"Lists Access Management policies, optionally filtered by name and tags (the API's list filters). "+
			"Every page is read. TagoIO's list holds no targets or permissions: read one policy with `tagoio_access_management` for those.",
		"policies", "ordered by name",
		map[string]schema.Attribute{ // filters
			"name": nameFilterAttribute("Name filter; `*` is a wildcard (`Sensors*` matches every name starting with `Sensors`)."),
		},
		map[string]schema.Attribute{ // each item
			"id":         computedString("Policy ID."),
			"name":       computedString("Policy name."),
			"active":     computedBool("Whether the policy applies."),
			"tags":       tagsDataSourceAttribute("policy"),
			"created_at": computedString("Creation time (ISO-8601)."),
		},
	)
}

// accessPolicySummary is one listed accesspolicy in the state.
func accessPolicySummary(p *client.AccessPolicy) accessPolicySummaryItem {
	return accessPolicySummaryItem{
		ID: types.StringValue(p.ID), Name: types.StringValue(p.Name), Active: types.BoolValue(p.Active),
		Tags: tagsFromAPI(p.Tags), CreatedAt: stringOrNull(&p.CreatedAt),
	}
}

type accessManagementsDataSourceModel struct {
	Name     types.String              `tfsdk:"name"`
	Tags     types.List                `tfsdk:"tags"`
	IDs      []types.String            `tfsdk:"ids"`
	Policies []accessPolicySummaryItem `tfsdk:"policies"`
}

func (m *accessManagementsDataSourceModel) listFilters() listFilter {
	return listFilter{m.Tags, map[string]types.String{"name": m.Name}}
}

func (*accessManagementsDataSourceModel) list(c *client.Client) listCall[client.AccessPolicy] {
	return c.AccessManagement.List
}

func (m *accessManagementsDataSourceModel) setItems(items []accessPolicySummaryItem) {
	m.IDs, m.Policies = idsOf(items, func(i *accessPolicySummaryItem) types.String { return i.ID }), items
}

type accessPolicySummaryItem struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Active    types.Bool   `tfsdk:"active"`
	Tags      types.List   `tfsdk:"tags"`
	CreatedAt types.String `tfsdk:"created_at"`
}
