package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

// NewRunUsersDataSource is the tagoio_run_users data source.
func NewRunUsersDataSource() datasource.DataSource {
	return newListDataSource[runUsersDataSourceModel]("run_users", runUserKind, runUsersSchema, runUserSummary)
}

func runUsersSchema() schema.Schema {
	return filteredListSchema(
		"Lists TagoRUN users, optionally filtered by name, e-mail, tags and status (the API's list filters). Every page is read.",
		"users", "ordered by name",
		map[string]schema.Attribute{ // filters
			"name":   nameFilterAttribute("Name filter; `*` is a wildcard (`Jane*` matches every name starting with `Jane`)."),
			"email":  filterAttribute("Only the user with this e-mail address.", validate.Email()),
			"active": boolFilterAttribute("Only active (`true`) or inactive (`false`) users."),
		},
		map[string]schema.Attribute{ // each item
			"id":         computedString("Run user ID."),
			"name":       computedString("Full name."),
			"email":      computedString("E-mail address."),
			"active":     computedBool("Whether the user may sign in."),
			"timezone":   computedString("IANA time zone name."),
			"company":    computedString("Company."),
			"phone":      computedString("Phone number."),
			"language":   computedString("Language code."),
			"tags":       tagsDataSourceAttribute("run user"),
			"created_at": computedString("Creation time (ISO-8601)."),
			"last_login": computedString("Last sign-in time (ISO-8601); null if the user never signed in."),
		},
	)
}

// runUserSummary is one listed runuser in the state.
func runUserSummary(u *client.RunUser) runUserSummaryItem {
	return runUserSummaryItem{
		ID: types.StringValue(u.ID), Name: types.StringValue(u.Name), Email: types.StringValue(u.Email),
		Active: types.BoolValue(u.Active), Timezone: stringOrNull(u.Timezone), Company: stringOrNull(u.Company),
		Phone: stringOrNull(u.Phone), Language: stringOrNull(u.Language), Tags: tagsFromAPI(u.Tags),
		CreatedAt: stringOrNull(&u.CreatedAt), LastLogin: stringOrNull(u.LastLogin),
	}
}

type runUsersDataSourceModel struct {
	Name   types.String         `tfsdk:"name"`
	Email  types.String         `tfsdk:"email"`
	Active types.Bool           `tfsdk:"active"`
	Tags   types.List           `tfsdk:"tags"`
	IDs    []types.String       `tfsdk:"ids"`
	Users  []runUserSummaryItem `tfsdk:"users"`
}

func (m *runUsersDataSourceModel) listFilters() listFilter {
	return listFilter{m.Tags, map[string]types.String{"name": m.Name, "email": m.Email, "active": boolFilter(m.Active)}}
}

func (*runUsersDataSourceModel) list(c *client.Client) listCall[client.RunUser] {
	return c.RunUsers.List
}

func (m *runUsersDataSourceModel) setItems(items []runUserSummaryItem) {
	m.IDs, m.Users = idsOf(items, func(i *runUserSummaryItem) types.String { return i.ID }), items
}

type runUserSummaryItem struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Email     types.String `tfsdk:"email"`
	Active    types.Bool   `tfsdk:"active"`
	Timezone  types.String `tfsdk:"timezone"`
	Company   types.String `tfsdk:"company"`
	Phone     types.String `tfsdk:"phone"`
	Language  types.String `tfsdk:"language"`
	Tags      types.List   `tfsdk:"tags"`
	CreatedAt types.String `tfsdk:"created_at"`
	LastLogin types.String `tfsdk:"last_login"`
}
