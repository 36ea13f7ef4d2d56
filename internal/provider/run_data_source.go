package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// NewRunDataSource is the tagoio_run data source.
func NewRunDataSource() datasource.DataSource {
	return &singleDataSource[runDataSourceModel]{typeName: "run", schema: runDataSourceSchema, read: readRun}
}

func runDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads the TagoRUN settings of the profile the provider's token belongs to (every profile has exactly one).",
		Attributes: map[string]schema.Attribute{
			"id":             computedString("ID of the profile whose TagoRUN this is."),
			"active":         computedBool("Whether the TagoRUN is active."),
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
					"is_in_new_line": computedBool("Whether the button starts a new group."),
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
					"type": computedString("Field type."), "required": computedBool("Whether the field must be filled in."),
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
							"authenticator": computedBool("Authenticator app."), "sms": computedBool("SMS."), "email": computedBool("E-mail."),
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
			"sso_saml_active": computedBool("Whether SAML single sign-on is active."),
		},
	}
}

func readRun(ctx context.Context, c *client.Client, _ *runDataSourceModel, diags *diag.Diagnostics) *runDataSourceModel {
	run, err := c.Run.Get(ctx)
	if err != nil {
		addReadError(diags, runKind, "of this profile", err)
		return nil
	}
	var state runDataSourceModel
	diags.Append(state.fromAPI(ctx, run)...)
	theme, d := types.MapValueFrom(ctx, types.StringType, run.ThemeStrings())
	diags.Append(d...)
	state.Theme = theme
	state.EmailTemplates = emailTemplatesFromAPI(run.EmailTemplates)
	return &state
}

type runDataSourceModel struct {
	runFields
	Theme          types.Map `tfsdk:"theme"`
	EmailTemplates types.Map `tfsdk:"email_templates"`
}
