package provider

import (
	"context"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure   = &runResource{}
	_ resource.ResourceWithImportState = &runResource{}
)

const runKind = "TagoRUN settings"

// runFallbackID is the id when TagoIO does not say which profile the settings belong to.
const runFallbackID = "tagorun"

// hostnamePattern accepts a DNS name such as fleet.run.tago.io or mail.example.com.
var hostnamePattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$`)

// Object types of the TagoRUN settings Terraform models.
var (
	runSidebarButtonAttrTypes = map[string]attr.Type{
		"text": types.StringType, "href": types.StringType, "color": types.StringType, "icon_url": types.StringType,
		"type": types.StringType, "value": types.StringType, "is_in_new_line": types.BoolType,
	}
	runSigninButtonAttrTypes = map[string]attr.Type{"label": types.StringType, "url": types.StringType, "type": types.StringType}
	runSignupFieldAttrTypes  = map[string]attr.Type{
		"name": types.StringType, "placeholder": types.StringType, "type": types.StringType, "required": types.BoolType,
	}
	runOTPAttrTypes           = map[string]attr.Type{"authenticator": types.BoolType, "sms": types.BoolType, "email": types.BoolType}
	runSecurityAttrTypes      = map[string]attr.Type{"otp": types.ObjectType{AttrTypes: runOTPAttrTypes}}
	runEmailTemplateAttrTypes = map[string]attr.Type{"subject": types.StringType, "value": types.StringType}
)

// NewRunResource is the tagoio_run resource.
func NewRunResource() resource.Resource { return &runResource{} }

type runResource struct {
	client *client.Client
}

// runFields are the settings read from GET /run, shared with the data source.
type runFields struct {
	ID             types.String `tfsdk:"id"`
	Active         types.Bool   `tfsdk:"active"`
	Name           types.String `tfsdk:"name"`
	SubTitle       types.String `tfsdk:"sub_title"`
	URL            types.String `tfsdk:"url"`
	EmailDomain    types.String `tfsdk:"email_domain"`
	SignupMethod   types.String `tfsdk:"signup_method"`
	Favicon        types.String `tfsdk:"favicon"`
	Logo           types.String `tfsdk:"logo"`
	SignupLogo     types.String `tfsdk:"signup_logo"`
	AuthTokenTTL   types.String `tfsdk:"auth_token_ttl"`
	SidebarButtons types.List   `tfsdk:"sidebar_buttons"`
	SigninButtons  types.List   `tfsdk:"signin_buttons"`
	SignupFields   types.List   `tfsdk:"signup_fields"`
	Security       types.Object `tfsdk:"security"`
	SSOSAMLActive  types.Bool   `tfsdk:"sso_saml_active"`
	Dictionary     types.String `tfsdk:"dictionary"`
}

type runModel struct {
	runFields
	Theme          types.Map      `tfsdk:"theme"`
	EmailTemplates types.Map      `tfsdk:"email_templates"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

type runSidebarButtonModel struct {
	Text        types.String `tfsdk:"text"`
	Href        types.String `tfsdk:"href"`
	Color       types.String `tfsdk:"color"`
	IconURL     types.String `tfsdk:"icon_url"`
	Type        types.String `tfsdk:"type"`
	Value       types.String `tfsdk:"value"`
	IsInNewLine types.Bool   `tfsdk:"is_in_new_line"`
}

type runSigninButtonModel struct {
	Label types.String `tfsdk:"label"`
	URL   types.String `tfsdk:"url"`
	Type  types.String `tfsdk:"type"`
}

type runSignupFieldModel struct {
	Name        types.String `tfsdk:"name"`
	Placeholder types.String `tfsdk:"placeholder"`
	Type        types.String `tfsdk:"type"`
	Required    types.Bool   `tfsdk:"required"`
}

type runSecurityModel struct {
	OTP runOTPModel `tfsdk:"otp"`
}

type runOTPModel struct {
	Authenticator types.Bool `tfsdk:"authenticator"`
	SMS           types.Bool `tfsdk:"sms"`
	Email         types.Bool `tfsdk:"email"`
}

type runEmailTemplateModel struct {
	Subject types.String `tfsdk:"subject"`
	Value   types.String `tfsdk:"value"`
}

func (r *runResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_run"
}

func (r *runResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	optionalString := func(desc string, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc + " Left as it is when not set.", Optional: true, Computed: true,
			Validators: append([]validator.String{stringvalidator.LengthAtLeast(1)}, validators...), PlanModifiers: keep,
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The TagoRUN settings of the profile (the white-label portal of its end users). A singleton: every profile " +
			"has exactly one TagoRUN, so creating this resource **adopts** the existing settings and applies the configured ones, and " +
			"destroying it **only removes it from the state** (the settings stay as they are, with a warning).\n\n" +
			"Only the settings set in the configuration are sent; everything else (settings not set here, and those the provider " +
			"does not model, such as integrations or the device Wi-Fi setup feature) is left untouched. `theme` and `email_templates` manage only " +
			"the keys they list; removing a key from them stops managing it without changing it in TagoIO.\n\n" +
			"The ID, and the import ID, is the ID of the profile the token belongs to (`tagorun` if TagoIO does not report it). " +
			"An import manages no theme option or e-mail template until the configuration lists them.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("ID of the profile whose TagoRUN this is."),
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the TagoRUN is active. Left as it is when not set.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"name":          optionalString("Application name shown to TagoRUN users.", stringvalidator.LengthAtMost(100), validate.NoControlCharacters()),
			"sub_title":     optionalString("Subtitle shown under the name."),
			"url":           optionalString("TagoRUN address, such as `fleet.run.tago.io`: a lowercase host name.", stringvalidator.RegexMatches(hostnamePattern, "must be a lowercase host name such as fleet.run.tago.io")),
			"email_domain":  optionalString("Domain the TagoRUN e-mails are sent from, such as `mail.example.com`.", stringvalidator.RegexMatches(hostnamePattern, "must be a lowercase domain name such as mail.example.com")),
			"signup_method": optionalString("How end users sign up, such as `default` (TagoIO documents no closed list)."),
			"favicon":       optionalString("URL of the favicon.", validate.HTTPURL()),
			"logo":          optionalString("URL of the logo.", validate.HTTPURL()),
			"signup_logo":   optionalString("URL of the logo of the sign-up page.", validate.HTTPURL()),
			"dictionary":    optionalString("ID of the dictionary (`tagoio_dictionary`) that translates the TagoRUN's texts.", validate.ObjectID()),
			"auth_token_ttl": optionalString("How long a user's login lasts, as `<number> <unit>` such as `3 months` or `12 hours`.",
				validate.RelativeTime(time.Minute)),
			"sidebar_buttons": schema.ListNestedAttribute{
				MarkdownDescription: "Sidebar buttons, in order. When set, Terraform manages the whole list; left as it is when not set.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"text":           schema.StringAttribute{MarkdownDescription: "Label.", Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"href":           schema.StringAttribute{MarkdownDescription: "Target: a TagoRUN path (`/`, `users`, a dashboard ID) or a URL.", Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"color":          schema.StringAttribute{MarkdownDescription: "CSS color of the icon.", Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"icon_url":       schema.StringAttribute{MarkdownDescription: "URL of the icon (SVG).", Optional: true, Validators: []validator.String{validate.HTTPURL()}},
					"type":           schema.StringAttribute{MarkdownDescription: "Button type, such as `dashboard` or `link`.", Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"value":          schema.StringAttribute{MarkdownDescription: "Value the type uses (e.g. a dashboard ID).", Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"is_in_new_line": schema.BoolAttribute{MarkdownDescription: "Whether the button starts a new group.", Optional: true},
				}},
			},
			"signin_buttons": schema.ListNestedAttribute{
				MarkdownDescription: "Extra buttons of the sign-in page, in order. When set, Terraform manages the whole list; left as it is when not set.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"label": schema.StringAttribute{MarkdownDescription: "Label.", Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"url":   schema.StringAttribute{MarkdownDescription: "URL the button opens.", Required: true, Validators: []validator.String{validate.HTTPURL()}},
					"type": schema.StringAttribute{
						MarkdownDescription: "Button type: `link` (the only one TagoIO has). Defaults to `link`.",
						Optional:            true, Computed: true, Default: stringdefault.StaticString("link"),
						Validators: []validator.String{stringvalidator.OneOf("link")},
					},
				}},
			},
			"signup_fields": schema.ListNestedAttribute{
				MarkdownDescription: "Extra fields of the sign-up form, in order. When set, Terraform manages the whole list (`[]` removes " +
					"every field); left as it is when not set.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						MarkdownDescription: "Name the answer is kept under, such as `company`.", Required: true,
						Validators: []validator.String{stringvalidator.LengthAtLeast(1), validate.NoControlCharacters()},
					},
					"placeholder": schema.StringAttribute{MarkdownDescription: "Text shown in the empty field.", Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"type": schema.StringAttribute{
						MarkdownDescription: "Field type, such as `text` or `number` (TagoIO documents no closed list).", Optional: true,
						Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"required": schema.BoolAttribute{
						MarkdownDescription: "Whether the field must be filled in. Defaults to `false`.",
						Optional:            true, Computed: true, Default: booldefault.StaticBool(false),
					},
				}},
			},
			"security": schema.SingleNestedAttribute{
				MarkdownDescription: "Security options. Left as it is when not set.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"otp": schema.SingleNestedAttribute{
						MarkdownDescription: "Second factors (one-time passwords) TagoRUN users may enable.",
						Required:            true,
						Attributes: map[string]schema.Attribute{
							"authenticator": schema.BoolAttribute{MarkdownDescription: "Authenticator app.", Required: true},
							"sms":           schema.BoolAttribute{MarkdownDescription: "SMS.", Required: true},
							"email":         schema.BoolAttribute{MarkdownDescription: "E-mail.", Required: true},
						},
					},
				},
			},
			"theme": schema.MapAttribute{
				MarkdownDescription: "Theme options to manage, by name (`primary`, `navbar`, `buttonPrimary`, `auth_bg_opacity`, ...), as CSS " +
					"values or numbers written as text. Only the listed options are managed; the others keep their values. Not imported: " +
					"the configuration says which options to manage.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Map{mapvalidator.SizeAtLeast(1), mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1))},
			},
			"email_templates": schema.MapNestedAttribute{
				MarkdownDescription: "E-mail templates to manage, by name (`password_recover`, `welcome_actived`, `welcome_adminconfirm`, " +
					"`welcome_autoconfirm`, ...). Only the listed templates are managed; the others keep their text. Not imported: the " +
					"configuration says which templates to manage.",
				Optional: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"subject": schema.StringAttribute{MarkdownDescription: "Subject.", Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"value":   schema.StringAttribute{MarkdownDescription: "Body (Markdown, with `$name$`-style variables).", Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
				}},
				Validators: []validator.Map{mapvalidator.SizeAtLeast(1)},
			},
			"sso_saml_active": schema.BoolAttribute{
				MarkdownDescription: "Whether SAML single sign-on is active (configured outside these settings).",
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *runResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// Create adopts the existing settings: it applies the configured ones over them.
func (r *runResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan runModel
	ctx, cancel, ok := openModel(ctx, req.Plan, &plan, createTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	r.apply(ctx, &plan, runModel{}, &resp.State, &resp.Diagnostics)
}

func (r *runResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state runModel
	ctx, cancel, ok := openModel(ctx, req.State, &state, readTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	run, err := r.client.Run.Get(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, runKind, state.ID.ValueString(), err)
		return
	}
	resp.Diagnostics.Append(state.fromAPI(ctx, run)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *runResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state runModel
	ctx, cancel, ok := openUpdate(ctx, req, &plan, &state, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	r.apply(ctx, &plan, state, &resp.State, &resp.Diagnostics)
}

// Delete only forgets the settings: TagoIO has no way to remove a profile's TagoRUN.
func (r *runResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	addForgottenWarning(&resp.Diagnostics, runKind, "the TagoRUN keeps its current settings.")
}

// ImportState takes the ID of the profile the provider's token belongs to.
func (r *runResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	const format = "the ID of the profile the provider's token belongs to (24 lowercase hexadecimal characters)"
	if !validate.IsObjectID(req.ID) && req.ID != runFallbackID {
		addImportIDError(&resp.Diagnostics, runKind, format, req.ID)
		return
	}
	run, err := r.client.Run.Get(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, runKind, req.ID, err)
		return
	}
	if run.Profile != "" && run.Profile != req.ID {
		addImportIDError(&resp.Diagnostics, runKind, format+": "+run.Profile, req.ID)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// apply reads the current settings once, sends what the plan changes from state (everything
// configured, on create) and records the settings as they are after the change.
func (r *runResource) apply(ctx context.Context, plan *runModel, state runModel, out stateSetter, diags *diag.Diagnostics) {
	current, err := r.client.Run.Get(ctx)
	if err != nil {
		addReadError(diags, runKind, state.ID.ValueString(), err)
		return
	}
	update, d := plan.toUpdate(ctx, state, current)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	after := current
	if !update.IsEmpty() {
		if err := r.client.Run.Update(ctx, update); err != nil {
			addUpdateError(diags, runKind, current.Profile, err)
			return
		}
		if after, err = current.Apply(update); err != nil {
			addUpdateError(diags, runKind, current.Profile, err)
			return
		}
	}
	diags.Append(plan.fromAPI(ctx, after)...)
	diags.Append(out.Set(ctx, plan)...)
}

// stateSetter is the part of tfsdk.State that apply needs.
type stateSetter interface {
	Set(ctx context.Context, val any) diag.Diagnostics
}

// fromAPI maps the settings onto the resource: the modelled fields, and the theme options and
// e-mail templates that the state manages.
func (m *runModel) fromAPI(ctx context.Context, run *client.Run) diag.Diagnostics {
	diags := m.runFields.fromAPI(ctx, run)
	if !m.Theme.IsNull() && !m.Theme.IsUnknown() {
		all := run.ThemeStrings()
		managed := map[string]attr.Value{}
		for k := range m.Theme.Elements() {
			if v, ok := all[k]; ok {
				managed[k] = types.StringValue(v)
			}
		}
		m.Theme = types.MapValueMust(types.StringType, managed)
	}
	if !m.EmailTemplates.IsNull() && !m.EmailTemplates.IsUnknown() {
		managed := map[string]client.RunEmailTemplate{}
		for k := range m.EmailTemplates.Elements() {
			if t, ok := run.EmailTemplates[k]; ok {
				managed[k] = t
			}
		}
		m.EmailTemplates = emailTemplatesFromAPI(managed)
	}
	return diags
}

// fromAPI maps the typed settings; Create, Read, Update, import and the data source use it. The
// id is the profile's; empty texts map to null.
func (m *runFields) fromAPI(_ context.Context, run *client.Run) diag.Diagnostics {
	switch {
	case run.Profile != "":
		m.ID = types.StringValue(run.Profile)
	case m.ID.IsNull() || m.ID.IsUnknown():
		m.ID = types.StringValue(runFallbackID)
	}
	m.Active = boolOr(run.Active, true)
	m.Name = stringOrNull(run.Name)
	m.SubTitle = stringOrNull(run.SubTitle)
	m.URL = stringOrNull(run.URL)
	m.EmailDomain = stringOrNull(run.EmailDomain)
	m.SignupMethod = stringOrNull(run.SignupMethod)
	m.Favicon = stringOrNull(run.Favicon)
	m.Logo = stringOrNull(run.Logo)
	m.SignupLogo = stringOrNull(run.SignupLogo)
	m.AuthTokenTTL = stringOrNull(run.AuthTokenTTL)
	m.Dictionary = stringOrNull(run.Dictionary)
	m.SSOSAMLActive = boolOr(run.SSOSAMLActive, false)

	sidebar := make([]attr.Value, 0, len(run.SidebarButtons))
	for _, b := range run.SidebarButtons {
		isInNewLine := types.BoolNull()
		if b.IsInNewLine != nil {
			isInNewLine = types.BoolValue(*b.IsInNewLine)
		}
		sidebar = append(sidebar, types.ObjectValueMust(runSidebarButtonAttrTypes, map[string]attr.Value{
			"text": types.StringValue(b.Text), "href": types.StringValue(b.Href), "color": stringOrNull(b.Color),
			"icon_url": stringOrNull(b.IconURL), "type": stringOrNull(b.Type), "value": stringOrNull(b.Value),
			"is_in_new_line": isInNewLine,
		}))
	}
	m.SidebarButtons = types.ListValueMust(types.ObjectType{AttrTypes: runSidebarButtonAttrTypes}, sidebar)

	signin := make([]attr.Value, 0, len(run.SigninButtons))
	for _, b := range run.SigninButtons {
		buttonType := b.Type
		if buttonType == "" {
			buttonType = "link"
		}
		signin = append(signin, types.ObjectValueMust(runSigninButtonAttrTypes, map[string]attr.Value{
			"label": types.StringValue(b.Label), "url": types.StringValue(b.URL), "type": types.StringValue(buttonType),
		}))
	}
	m.SigninButtons = types.ListValueMust(types.ObjectType{AttrTypes: runSigninButtonAttrTypes}, signin)

	signup := make([]attr.Value, 0, len(run.SignupFields))
	for _, f := range run.SignupFields {
		signup = append(signup, types.ObjectValueMust(runSignupFieldAttrTypes, map[string]attr.Value{
			"name": types.StringValue(f.Name), "placeholder": stringOrNull(f.Placeholder), "type": stringOrNull(f.Type),
			"required": types.BoolValue(f.Required),
		}))
	}
	m.SignupFields = types.ListValueMust(types.ObjectType{AttrTypes: runSignupFieldAttrTypes}, signup)

	var otp client.RunOTP
	if run.Security != nil && run.Security.OTP != nil {
		otp = *run.Security.OTP
	}
	m.Security = types.ObjectValueMust(runSecurityAttrTypes, map[string]attr.Value{
		"otp": types.ObjectValueMust(runOTPAttrTypes, map[string]attr.Value{
			"authenticator": types.BoolValue(otp.Authenticator), "sms": types.BoolValue(otp.SMS), "email": types.BoolValue(otp.Email),
		}),
	})
	return nil
}

// toUpdate builds the PUT /run body: the settings whose planned value is known and differs from
// state (on create the state is empty, so everything configured). Object settings are merged
// into the current ones so that what Terraform does not manage is sent back unchanged.
func (m *runModel) toUpdate(ctx context.Context, state runModel, current *client.Run) (client.RunUpdate, diag.Diagnostics) {
	var diags diag.Diagnostics
	u := client.RunUpdate{
		Active:       boolChange(m.Active, state.Active),
		Name:         runStringChange(m.Name, state.Name),
		SubTitle:     runStringChange(m.SubTitle, state.SubTitle),
		URL:          runStringChange(m.URL, state.URL),
		EmailDomain:  runStringChange(m.EmailDomain, state.EmailDomain),
		SignupMethod: runStringChange(m.SignupMethod, state.SignupMethod),
		Favicon:      runStringChange(m.Favicon, state.Favicon),
		Logo:         runStringChange(m.Logo, state.Logo),
		SignupLogo:   runStringChange(m.SignupLogo, state.SignupLogo),
		AuthTokenTTL: runStringChange(m.AuthTokenTTL, state.AuthTokenTTL),
		Dictionary:   runStringChange(m.Dictionary, state.Dictionary),
	}
	if settable(m.SidebarButtons) && !m.SidebarButtons.Equal(state.SidebarButtons) {
		var models []runSidebarButtonModel
		diags.Append(m.SidebarButtons.ElementsAs(ctx, &models, false)...)
		buttons := make([]client.RunSidebarButton, 0, len(models))
		for _, b := range models {
			buttons = append(buttons, client.RunSidebarButton{
				Text: b.Text.ValueString(), Href: b.Href.ValueString(), Color: stringPtr(b.Color), IconURL: stringPtr(b.IconURL),
				Type: stringPtr(b.Type), Value: stringPtr(b.Value), IsInNewLine: boolPtr(b.IsInNewLine),
			})
		}
		u.SidebarButtons = &buttons
	}
	if settable(m.SigninButtons) && !m.SigninButtons.Equal(state.SigninButtons) {
		var models []runSigninButtonModel
		diags.Append(m.SigninButtons.ElementsAs(ctx, &models, false)...)
		buttons := make([]client.RunSigninButton, 0, len(models))
		for _, b := range models {
			buttons = append(buttons, client.RunSigninButton{Label: b.Label.ValueString(), URL: b.URL.ValueString(), Type: b.Type.ValueString()})
		}
		u.SigninButtons = &buttons
	}
	if settable(m.SignupFields) && !m.SignupFields.Equal(state.SignupFields) {
		var models []runSignupFieldModel
		diags.Append(m.SignupFields.ElementsAs(ctx, &models, false)...)
		fields := make([]client.RunSignupField, 0, len(models))
		for _, f := range models {
			fields = append(fields, client.RunSignupField{
				Name: f.Name.ValueString(), Placeholder: stringPtr(f.Placeholder), Type: stringPtr(f.Type), Required: f.Required.ValueBool(),
			})
		}
		u.SignupFields = &fields
	}
	if settable(m.Security) && !m.Security.Equal(state.Security) {
		var sec runSecurityModel
		diags.Append(m.Security.As(ctx, &sec, basetypes.ObjectAsOptions{})...)
		u.Security = current.MergedSecurity(client.RunOTP{
			Authenticator: sec.OTP.Authenticator.ValueBool(), SMS: sec.OTP.SMS.ValueBool(), Email: sec.OTP.Email.ValueBool(),
		})
	}
	if settable(m.Theme) && !m.Theme.Equal(state.Theme) {
		set := map[string]string{}
		diags.Append(m.Theme.ElementsAs(ctx, &set, false)...)
		u.Theme = current.MergedTheme(set)
	}
	if settable(m.EmailTemplates) && !m.EmailTemplates.Equal(state.EmailTemplates) {
		var models map[string]runEmailTemplateModel
		diags.Append(m.EmailTemplates.ElementsAs(ctx, &models, false)...)
		set := make(map[string]client.RunEmailTemplate, len(models))
		for k, t := range models {
			set[k] = client.RunEmailTemplate{Subject: t.Subject.ValueString(), Value: t.Value.ValueString()}
		}
		u.EmailTemplates = current.MergedEmailTemplates(set)
	}
	return u, diags
}

// runStringChange is the text to send: the planned value when it is set and differs from state.
// A setting that is no longer configured keeps its value (nothing is sent).
func runStringChange(plan, state types.String) *string {
	if !settable(plan) || plan.Equal(state) {
		return nil
	}
	return stringPtr(plan)
}

func settable(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// emailTemplatesFromAPI maps e-mail templates to the Terraform map.
func emailTemplatesFromAPI(templates map[string]client.RunEmailTemplate) types.Map {
	elems := make(map[string]attr.Value, len(templates))
	for k, t := range templates {
		elems[k] = types.ObjectValueMust(runEmailTemplateAttrTypes, map[string]attr.Value{
			"subject": types.StringValue(t.Subject), "value": types.StringValue(t.Value),
		})
	}
	return types.MapValueMust(types.ObjectType{AttrTypes: runEmailTemplateAttrTypes}, elems)
}
