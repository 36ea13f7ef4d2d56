package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

var _ datasource.DataSourceWithConfigure = &runDataSource{}

// NewRunDataSource is the tagoio_run data source.
func NewRunDataSource() datasource.DataSource { return &runDataSource{} }

type runDataSource struct {
	client *client.Client
}

type runDataSourceModel struct {
	runFields
	Theme          types.Map `tfsdk:"theme"`
	EmailTemplates types.Map `tfsdk:"email_templates"`
}

func (d *runDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_run"
}

func (d *runDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	boolean := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the TagoRUN settings of the profile the provider's token belongs to (every profile has exactly one).",
		Attributes: map[string]schema.Attribute{
			"id":             computedString("ID of the profile whose TagoRUN this is."),
			"active":         boolean("Whether the TagoRUN is active."),
			"name":           computedString("Application name."),
			"sub_title":      computedString("Subtitle."),
			"url":            computedString("TagoRUN address."),
			"email_domain":   computedString("Domain the e-mails are sent from."),
			"signup_method":  computedString("How end users sign up."),
			"favicon":        computedString("URL of the favicon."),
			"logo":           computedString("URL of the logo."),
			"signup_logo":    computedString("URL of the logo of the sign-up page."),
			"auth_token_ttl": computedString("How long a user's login lasts."),
			"dictionary":     computedString("ID of the dictionary that translates the TagoRUN's texts."),
			"sidebar_buttons": schema.ListNestedAttribute{
				MarkdownDescription: "Sidebar buttons, in order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"text": computedString("Label."), "href": computedString("Target."), "color": computedString("CSS color."),
					"icon_url": computedString("Icon URL."), "type": computedString("Button type."), "value": computedString("Value the type uses."),
					"is_in_new_line": boolean("Whether the button starts a new group."),
				}},
			},
			"signin_buttons": schema.ListNestedAttribute{
				MarkdownDescription: "Extra buttons of the sign-in page, in order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"label": computedString("Label."), "url": computedString("URL."), "type": computedString("Button type (`link`)."),
				}},
			},
			"signup_fields": schema.ListNestedAttribute{
				MarkdownDescription: "Extra fields of the sign-up form, in order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": computedString("Name the answer is kept under."), "placeholder": computedString("Text shown in the empty field."),
					"type": computedString("Field type."), "required": boolean("Whether the field must be filled in."),
				}},
			},
			"security": schema.SingleNestedAttribute{
				MarkdownDescription: "Security options.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"otp": schema.SingleNestedAttribute{
						MarkdownDescription: "Second factors TagoRUN users may enable.",
						Computed:            true,
						Attributes: map[string]schema.Attribute{
							"authenticator": boolean("Authenticator app."), "sms": boolean("SMS."), "email": boolean("E-mail."),
						},
					},
				},
			},
			"theme": schema.MapAttribute{
				MarkdownDescription: "Every theme option, as text (numbers written as text; unset options left out).",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"email_templates": schema.MapNestedAttribute{
				MarkdownDescription: "Every e-mail template, by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"subject": computedString("Subject."), "value": computedString("Body."),
				}},
			},
			"sso_saml_active": boolean("Whether SAML single sign-on is active."),
		},
	}
}

func (d *runDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *runDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout) // data sources are read at plan time: never unbounded
	defer cancel()
	run, err := d.client.Run.Get(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, runKind, "of this profile", err)
		return
	}
	var state runDataSourceModel
	resp.Diagnostics.Append(state.fromAPI(ctx, run)...)
	theme, diags := types.MapValueFrom(ctx, types.StringType, run.ThemeStrings())
	resp.Diagnostics.Append(diags...)
	state.Theme = theme
	state.EmailTemplates = emailTemplatesFromAPI(run.EmailTemplates)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
