package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var _ datasource.DataSourceWithConfigure = &runUsersDataSource{}

// NewRunUsersDataSource is the tagoio_run_users data source.
func NewRunUsersDataSource() datasource.DataSource { return &runUsersDataSource{} }

type runUsersDataSource struct {
	client *client.Client
}

type runUsersDataSourceModel struct {
	Name   types.String         `tfsdk:"name"`
	Email  types.String         `tfsdk:"email"`
	Active types.Bool           `tfsdk:"active"`
	Tags   types.List           `tfsdk:"tags"`
	IDs    []types.String       `tfsdk:"ids"`
	Users  []runUserSummaryItem `tfsdk:"users"`
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

func (d *runUsersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_run_users"
}

func (d *runUsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists TagoRUN users, optionally filtered by name, e-mail, tags and status (the API's list filters). Every page is read.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "Name filter; `*` is a wildcard (`Jane*` matches every name starting with `Jane`).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "Only the user with this e-mail address.",
				Optional:            true,
				Validators:          []validator.String{validate.Email()},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Only active (`true`) or inactive (`false`) users.",
				Optional:            true,
			},
			"tags": schema.ListNestedAttribute{
				MarkdownDescription: "Only users having every one of these tags; leave `value` out to match any value of the key.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":   schema.StringAttribute{MarkdownDescription: "Tag key.", Required: true},
					"value": schema.StringAttribute{MarkdownDescription: "Tag value (optional).", Optional: true},
				}},
			},
			"ids": schema.ListAttribute{MarkdownDescription: "IDs of the matching users, ordered by name.", Computed: true, ElementType: types.StringType},
			"users": schema.ListNestedAttribute{
				MarkdownDescription: "The matching users, ordered by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         computed("Run user ID."),
					"name":       computed("Full name."),
					"email":      computed("E-mail address."),
					"active":     schema.BoolAttribute{MarkdownDescription: "Whether the user may sign in.", Computed: true},
					"timezone":   computed("IANA time zone name."),
					"company":    computed("Company."),
					"phone":      computed("Phone number."),
					"language":   computed("Language code."),
					"tags":       tagsDataSourceAttribute("run user"),
					"created_at": computed("Creation time (ISO-8601)."),
					"last_login": computed("Last sign-in time (ISO-8601); null if the user never signed in."),
				}},
			},
		},
	}
}

func (d *runUsersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *runUsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	var cfg runUsersDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := client.ListOptions{Filter: map[string]string{}}
	if !cfg.Name.IsNull() {
		opts.Filter["name"] = cfg.Name.ValueString()
	}
	if !cfg.Email.IsNull() {
		opts.Filter["email"] = cfg.Email.ValueString()
	}
	if !cfg.Active.IsNull() {
		opts.Filter["active"] = strconv.FormatBool(cfg.Active.ValueBool())
	}
	tags, diags := tagFiltersToAPI(ctx, cfg.Tags)
	resp.Diagnostics.Append(diags...)
	opts.Tags = tags
	users, err := d.client.RunUsers.List(ctx, opts)
	if err != nil {
		addReadError(&resp.Diagnostics, runUserKind+" list", "", err)
		return
	}
	cfg.IDs = make([]types.String, 0, len(users))
	cfg.Users = make([]runUserSummaryItem, 0, len(users))
	for _, u := range users {
		cfg.IDs = append(cfg.IDs, types.StringValue(u.ID))
		cfg.Users = append(cfg.Users, runUserSummaryItem{
			ID: types.StringValue(u.ID), Name: types.StringValue(u.Name), Email: types.StringValue(u.Email),
			Active: types.BoolValue(u.Active), Timezone: stringOrNull(u.Timezone), Company: stringOrNull(u.Company),
			Phone: stringOrNull(u.Phone), Language: stringOrNull(u.Language), Tags: tagsFromAPI(u.Tags),
			CreatedAt: stringOrNull(&u.CreatedAt), LastLogin: stringOrNull(u.LastLogin),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
