package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ datasource.DataSourceWithConfigure        = &runUserDataSource{}
	_ datasource.DataSourceWithConfigValidators = &runUserDataSource{}
)

// NewRunUserDataSource is the tagoio_run_user data source.
func NewRunUserDataSource() datasource.DataSource { return &runUserDataSource{} }

type runUserDataSource struct {
	client *client.Client
}

type runUserDataSourceModel struct {
	runUserFields
	LastLogin types.String `tfsdk:"last_login"`
}

func (d *runUserDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_run_user"
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

func (d *runUserDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := runUserDataSourceAttributes()
	attributes["id"] = schema.StringAttribute{
		MarkdownDescription: "Run user ID. Exactly one of `id` and `email` must be set.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{validate.ObjectID()},
	}
	attributes["email"] = schema.StringAttribute{
		MarkdownDescription: "E-mail address (compared without regard to case). It must match exactly one user.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{validate.Email()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one TagoRUN user, by `id` or by `email`. The password is never readable.",
		Attributes:          attributes,
	}
}

func (d *runUserDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("email"))}
}

func (d *runUserDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *runUserDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg runUserDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := idToRead(ctx, cfg.ID, cfg.Email, runUserKind, lookupField[client.RunUser]{field: "email", phrase: "with e-mail", equal: strings.EqualFold,
		idAndValue: func(u client.RunUser) (string, string) { return u.ID, u.Email }},
		d.client.RunUsers.List, &resp.Diagnostics)
	if !ok {
		return
	}
	user, err := d.client.RunUsers.Get(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, runUserKind, id, err)
		return
	}
	state := runUserDataSourceModel{runUserFields: runUserFields{Email: cfg.Email}}
	state.fromAPI(user)
	state.LastLogin = stringOrNull(user.LastLogin)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
