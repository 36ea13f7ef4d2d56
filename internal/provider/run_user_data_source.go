package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

// NewRunUserDataSource is the tagoio_run_user data source.
func NewRunUserDataSource() datasource.DataSource {
	return &singleDataSource[runUserDataSourceModel]{typeName: "run_user", schema: runUserDataSourceSchema, oneOf: []string{"id", "email"}, read: readRunUser}
}

func runUserDataSourceSchema() schema.Schema {
	attributes := runUserDataSourceAttributes()
	attributes["id"] = lookupIDAttribute("Run user ID. Exactly one of `id` and `email` must be set.")
	attributes["email"] = lookupValueAttribute("E-mail address (compared without regard to case). It must match exactly one user.", validate.Email())
	return schema.Schema{
		MarkdownDescription: "Reads one TagoRUN user, by `id` or by `email`. The password is never readable.",
		Attributes:          attributes,
	}
}

func readRunUser(ctx context.Context, c *client.Client, cfg *runUserDataSourceModel, diags *diag.Diagnostics) *runUserDataSourceModel {
	byEmail := lookupField[client.RunUser]{field: "email", phrase: "with e-mail", equal: strings.EqualFold,
		idAndValue: func(u client.RunUser) (string, string) { return u.ID, u.Email }}
	user := objectToRead(ctx, cfg.ID, cfg.Email, runUserKind, byEmail, c.RunUsers.List, c.RunUsers.Get, diags)
	if user == nil {
		return nil
	}
	state := runUserDataSourceModel{runUserFields: runUserFields{Email: cfg.Email}, LastLogin: stringOrNull(user.LastLogin)}
	state.fromAPI(user)
	return &state
}

type runUserDataSourceModel struct {
	runUserFields
	LastLogin types.String `tfsdk:"last_login"`
}

// runUserDataSourceAttributes are the computed attributes of a run user in the data sources.
func runUserDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name":       computedString("Full name."),
		"timezone":   computedString("IANA time zone name."),
		"company":    computedString("Company."),
		"phone":      computedString("Phone number."),
		"language":   computedString("Language code."),
		"active":     computedBool("Whether the user may sign in."),
		"newsletter": computedBool("Whether the user receives the TagoRUN newsletter."),
		"tags":       tagsDataSourceAttribute("run user"),
		"options": schema.SingleNestedAttribute{
			MarkdownDescription: "Display preferences.",
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"decimal_separator":    computedString("Decimal separator."),
				"thousand_separator":   computedString("Thousands separator."),
				"date_format":          computedString("Date format."),
				"time_format":          computedString("Clock: `12` or `24` hours."),
				"show_last_updated_at": computedString("Where widgets show when their data was last updated (`footer` or `menu`)."),
			},
		},
		"created_at": computedString("Creation time (ISO-8601)."),
		"last_login": computedString("Last sign-in time (ISO-8601); null if the user never signed in."),
	}
}
