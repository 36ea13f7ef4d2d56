package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewProfileTeamMembersDataSource is the tagoio_profile_team_members data source.
func NewProfileTeamMembersDataSource() datasource.DataSource {
	return newListDataSource[profileTeamMembersDataSourceModel]("profile_team_members", profileTeamMemberKind, profileTeamMembersSchema,
		itemFromAPI[client.TeamMember, profileTeamMemberFields])
}

func profileTeamMembersSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the team of the profile the provider's token belongs to: the accounts it is shared with, " +
			"pending invitations included (`active = false`), in TagoIO's order.",
		Attributes: map[string]schema.Attribute{
			"ids": idsAttribute("Account IDs of the team members (the import IDs of `tagoio_profile_team_member`)."),
			"members": itemsAttribute("The team members.", map[string]schema.Attribute{
				"id":         computedString("The member's TagoIO account ID."),
				"email":      computedString("The member's e-mail address."),
				"name":       computedString("The member account's name."),
				"active":     computedBool("`false` while the invitation is pending, `true` once accepted."),
				"created_at": computedString("When the member was invited (ISO-8601)."),
			}),
		},
	}
}

type profileTeamMembersDataSourceModel struct {
	IDs     []types.String            `tfsdk:"ids"`
	Members []profileTeamMemberFields `tfsdk:"members"`
}

// list reads the whole team: the team route takes no filters.
func (*profileTeamMembersDataSourceModel) list(c *client.Client) listCall[client.TeamMember] {
	return func(ctx context.Context, _ client.ListOptions) ([]client.TeamMember, error) {
		profile, err := c.Account.CurrentProfile(ctx)
		if err != nil {
			return nil, err
		}
		return c.Team.List(ctx, profile.ID)
	}
}

func (m *profileTeamMembersDataSourceModel) setItems(items []profileTeamMemberFields) {
	m.IDs, m.Members = idsOf(items, func(i *profileTeamMemberFields) types.String { return i.ID }), items
}
