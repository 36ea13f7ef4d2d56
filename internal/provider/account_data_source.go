package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const accountKind = "account"

// NewAccountDataSource is the tagoio_account data source.
func NewAccountDataSource() datasource.DataSource {
	return &singleDataSource[accountDataSourceModel]{typeName: "account", schema: accountDataSourceSchema, read: readAccount}
}

func accountDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads the TagoIO account and profile that the provider's token belongs to (`GET /account` and " +
			"`GET /profile/current`). It holds no secret: no tokens, passwords or billing identifiers.",
		Attributes: map[string]schema.Attribute{
			"id":                 computedString("Account ID."),
			"name":               computedString("Account holder's name."),
			"email":              computedString("Account e-mail."),
			"company":            computedString("Company."),
			"timezone":           computedString("Time zone (IANA name, such as `America/Sao_Paulo`)."),
			"language":           computedString("Language, such as `en`."),
			"plan":               computedString("Plan: `free`, `starter`, `scale`, ..."),
			"type":               computedString("Account type, such as `user`."),
			"active":             computedBool("Whether the account is active."),
			"blocked":            computedBool("Whether the account is blocked."),
			"decimal_separator":  computedString("Decimal separator the account displays numbers with."),
			"thousand_separator": computedString("Thousands separator."),
			"last_login":         computedString("Last login time (ISO-8601)."),
			"created_at":         computedString("Creation time (ISO-8601)."),
			"updated_at":         computedString("Last update time (ISO-8601)."),
			"profile_id":         computedString("ID of the profile the token belongs to."),
			"profile_name":       computedString("Name of that profile."),
			"profile_region":     computedString("Region of that profile, as TagoIO reports it."),
		},
	}
}

func readAccount(ctx context.Context, c *client.Client, _ *accountDataSourceModel, diags *diag.Diagnostics) *accountDataSourceModel {
	account, err := c.Account.Get(ctx)
	if err != nil {
		addReadError(diags, accountKind, "of the token", err)
		return nil
	}
	profile, err := c.Account.CurrentProfile(ctx)
	if err != nil {
		addReadError(diags, "profile", "current", err)
		return nil
	}
	var state accountDataSourceModel
	state.fromAPI(account, profile)
	return &state
}

type accountDataSourceModel struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	Email             types.String `tfsdk:"email"`
	Company           types.String `tfsdk:"company"`
	Timezone          types.String `tfsdk:"timezone"`
	Language          types.String `tfsdk:"language"`
	Plan              types.String `tfsdk:"plan"`
	Type              types.String `tfsdk:"type"`
	Active            types.Bool   `tfsdk:"active"`
	Blocked           types.Bool   `tfsdk:"blocked"`
	DecimalSeparator  types.String `tfsdk:"decimal_separator"`
	ThousandSeparator types.String `tfsdk:"thousand_separator"`
	LastLogin         types.String `tfsdk:"last_login"`
	CreatedAt         types.String `tfsdk:"created_at"`
	UpdatedAt         types.String `tfsdk:"updated_at"`
	ProfileID         types.String `tfsdk:"profile_id"`
	ProfileName       types.String `tfsdk:"profile_name"`
	ProfileRegion     types.String `tfsdk:"profile_region"`
}

// fromAPI maps the account and its current profile.
func (m *accountDataSourceModel) fromAPI(a *client.Account, p *client.Profile) {
	m.ID = types.StringValue(a.ID)
	m.Name = types.StringValue(a.Name)
	m.Email = types.StringValue(a.Email)
	m.Company = stringOrNull(a.Company)
	m.Timezone = stringOrNull(a.Timezone)
	m.Language = stringOrNull(a.Language)
	m.Plan = stringOrNull(a.Plan)
	m.Type = stringOrNull(a.Type)
	m.Active = boolOr(a.Active, true)
	m.Blocked = boolOr(a.Blocked, false)
	m.DecimalSeparator, m.ThousandSeparator = types.StringNull(), types.StringNull()
	if a.Options != nil {
		m.DecimalSeparator = stringOrNull(a.Options.DecimalSeparator)
		m.ThousandSeparator = stringOrNull(a.Options.ThousandSeparator)
	}
	m.LastLogin = stringOrNull(a.LastLogin)
	m.CreatedAt = stringOrNull(&a.CreatedAt)
	m.UpdatedAt = stringOrNull(&a.UpdatedAt)
	m.ProfileID = types.StringValue(p.ID)
	m.ProfileName = stringOrNull(&p.Name)
	m.ProfileRegion = stringOrNull(p.Region)
	if m.Plan.IsNull() && p.AccountPlan != "" {
		m.Plan = types.StringValue(p.AccountPlan)
	}
}
