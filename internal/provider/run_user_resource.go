package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure      = &runUserResource{}
	_ resource.ResourceWithImportState    = &runUserResource{}
	_ resource.ResourceWithValidateConfig = &runUserResource{}
	_ resource.ResourceWithModifyPlan     = &runUserResource{}
)

const runUserKind = "run user"

// Display options of a run user. The date formats are the three PUT /account documents (docs/api-notes.md
// §2.1) in both the dash form listed there and the slash form the run-user examples use
// ("MM/DD/YYYY", OAS /run/users): accepting both is the reading most accounts survive.
var (
	runUserSeparators  = []string{".", ","}
	runUserDateFormats = []string{"YYYY-MM-DD", "DD-MM-YYYY", "MM-DD-YYYY", "YYYY/MM/DD", "DD/MM/YYYY", "MM/DD/YYYY"}
	runUserTimeFormats = []string{"12", "24"}
	// Where the "last updated" time shows on widgets: TagoIO's examples list these two.
	runUserLastUpdatedPlaces = []string{"footer", "menu"}
)

var runUserOptionsAttrTypes = map[string]attr.Type{
	"decimal_separator": types.StringType, "thousand_separator": types.StringType,
	"date_format": types.StringType, "time_format": types.StringType, "show_last_updated_at": types.StringType,
}

// NewRunUserResource is the tagoio_run_user resource.
func NewRunUserResource() resource.Resource { return &runUserResource{} }

type runUserResource struct {
	client      *client.Client
	defaultTags tagDefaults
}

// runUserFields are the attributes read from GET /run/users/{id}, shared by the resource and the
// data source.
type runUserFields struct {
	ID         types.String `tfsdk:"id"`
	Name       types.String `tfsdk:"name"`
	Email      types.String `tfsdk:"email"`
	Timezone   types.String `tfsdk:"timezone"`
	Company    types.String `tfsdk:"company"`
	Phone      types.String `tfsdk:"phone"`
	Language   types.String `tfsdk:"language"`
	Active     types.Bool   `tfsdk:"active"`
	Newsletter types.Bool   `tfsdk:"newsletter"`
	Tags       types.List   `tfsdk:"tags"`
	Options    types.Object `tfsdk:"options"`
	CreatedAt  types.String `tfsdk:"created_at"`
}

type runUserModel struct {
	runUserFields
	TagsAll           types.List     `tfsdk:"tags_all"`
	Password          types.String   `tfsdk:"password"`
	PasswordWO        types.String   `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64    `tfsdk:"password_wo_version"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

type runUserOptionsModel struct {
	DecimalSeparator  types.String `tfsdk:"decimal_separator"`
	ThousandSeparator types.String `tfsdk:"thousand_separator"`
	DateFormat        types.String `tfsdk:"date_format"`
	TimeFormat        types.String `tfsdk:"time_format"`
	ShowLastUpdatedAt types.String `tfsdk:"show_last_updated_at"`
}

func (r *runUserResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_run_user"
}

func (r *runUserResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	optionalText := func(desc string, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true,
			Validators: append([]validator.String{stringvalidator.LengthAtLeast(1)}, validators...)}
	}
	option := func(desc string, rule validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc,
			Optional:            true,
			Computed:            true,
			Validators:          []validator.String{rule},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A user of the account's TagoRUN (the white-label application end users sign in to). " +
			"Terraform sets the password but TagoIO never shows it back: with Terraform 1.11 or later prefer the write-only " +
			"`password_wo`, which never enters the plan or the state; `password` is kept in the state (sensitive) as configured.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Run user ID (24 hexadecimal characters)."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Full name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 100), validate.NoControlCharacters()},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "E-mail address, the user's login. TagoIO cannot change it: changing it replaces the user.",
				Required:            true,
				Validators:          []validator.String{validate.Email()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"password": schema.StringAttribute{
				MarkdownDescription: "Password. TagoIO never returns it, so Terraform keeps the configured value in the state (sensitive) " +
					"and changing it sets the new password. Required to create a user unless `password_wo` is set; an imported user " +
					"needs neither. Conflicts with `password_wo`.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.ConflictsWith(path.MatchRoot("password_wo"))},
			},
			"password_wo": schema.StringAttribute{
				MarkdownDescription: "Write-only password (Terraform 1.11 or later): sent to TagoIO on create and whenever " +
					"`password_wo_version` changes, never stored in the plan or the state. Requires `password_wo_version`.",
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.AlsoRequires(path.MatchRoot("password_wo_version")),
				},
			},
			"password_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Version of `password_wo`: change it (e.g. increment it) to send a new `password_wo` to TagoIO, " +
					"since Terraform cannot see changes to a write-only value.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))},
			},
			"timezone": schema.StringAttribute{
				MarkdownDescription: "IANA time zone name, such as `America/New_York` or `UTC`.",
				Required:            true,
				Validators:          []validator.String{validate.Timezone()},
			},
			"company": optionalText("Company."),
			"phone":   optionalText("Phone number, such as `+15555550123`.", validate.Phone()),
			"language": schema.StringAttribute{
				MarkdownDescription: "Language code, such as `en` or `pt-BR`. When unset TagoIO picks one (e.g. `en`) and it is kept.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.LanguageTag()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the user may sign in. When unset TagoIO decides (its default differs between sources) " +
					"and the value it chose is kept.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"newsletter": schema.BoolAttribute{
				MarkdownDescription: "Whether the user receives the TagoRUN newsletter. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"tags":     tagsResourceAttribute("run user"),
			"tags_all": tagsAllResourceAttribute("run user"),
			"options": schema.SingleNestedAttribute{
				MarkdownDescription: "Display preferences. Each one left unset keeps the value TagoIO has. `decimal_separator` and " +
					"`thousand_separator` are meant to be set together and to differ; TagoIO stores them either way, so " +
					"anything else plans with a warning, as does a separator or date format outside the usual ones.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"decimal_separator": option("Decimal separator: `.` or `,`.", validate.KnownValue(runUserSeparators...)),
					"thousand_separator": option("Thousands separator: `.` or `,` (the other one than `decimal_separator`).",
						validate.KnownValue(runUserSeparators...)),
					"date_format": option("Date format: `"+strings.Join(runUserDateFormats, "`, `")+"`.",
						validate.KnownValue(runUserDateFormats...)),
					"time_format": option("Clock: `12` or `24` hours.", stringvalidator.OneOf(runUserTimeFormats...)),
					"show_last_updated_at": option("Where widgets show when their data was last updated: `footer` or `menu`.",
						validate.KnownValue(runUserLastUpdatedPlaces...)),
				},
			},
			"created_at": createdAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *runUserResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
	r.defaultTags = defaultTagsFrom(req.ProviderData)
}

// ValidateConfig checks that the two separators are set together and differ.
func (r *runUserResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var options types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("options"), &options)...)
	if resp.Diagnostics.HasError() || options.IsNull() || options.IsUnknown() {
		return
	}
	var o runUserOptionsModel
	resp.Diagnostics.Append(options.As(ctx, &o, basetypes.ObjectAsOptions{})...)
	if resp.Diagnostics.HasError() || o.DecimalSeparator.IsUnknown() || o.ThousandSeparator.IsUnknown() {
		return
	}
	decimal, thousand := o.DecimalSeparator, o.ThousandSeparator
	switch {
	case decimal.IsNull() != thousand.IsNull():
		missing := "thousand_separator"
		if decimal.IsNull() {
			missing = "decimal_separator"
		}
		resp.Diagnostics.AddAttributeWarning(path.Root("options").AtName(missing), "Missing "+missing,
			"decimal_separator and thousand_separator are meant to be set together, one \".\" and the other \",\"; TagoIO "+
				"keeps the one set as it is.")
	case !decimal.IsNull() && decimal.Equal(thousand):
		resp.Diagnostics.AddAttributeWarning(path.Root("options").AtName("thousand_separator"), "Same separators",
			"decimal_separator and thousand_separator are the same, so numbers display ambiguously; TagoIO stores them as they are.")
	}
}

// ModifyPlan refuses, at plan time, to create a user without a password; an imported user (state
// not null) needs none.
func (r *runUserResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	defer r.defaultTags.planTagsAll(ctx, req, resp) // last: after any resp.Plan.Set below
	if !req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var password, passwordWO types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password"), &password)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &passwordWO)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if password.IsNull() && passwordWO.IsNull() {
		addInvalidAttributeError(&resp.Diagnostics, path.Root("password"), "Missing run user password",
			"Creating a run user needs a password: set password_wo (with password_wo_version; Terraform 1.11 or later, kept out "+
				"of the state) or password. Only a run user imported into Terraform may have neither.")
	}
}

func (r *runUserResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	passwordWO := writeOnlyPassword(ctx, req.Config, &resp.Diagnostics)
	toCreate := func(m *runUserModel, ctx context.Context) (client.RunUserCreate, diag.Diagnostics) {
		return m.toCreate(ctx, passwordWO)
	}
	createThenRead(ctx, req, resp, runUserKind, postBody(toCreate, r.client.RunUsers.Create), r.readBack())
}

func (r *runUserResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, runUserKind, r.readBack())
}

func (r *runUserResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	passwordWO := writeOnlyPassword(ctx, req.Config, &resp.Diagnostics)
	toUpdate := func(m *runUserModel, ctx context.Context, state runUserModel) (client.RunUserUpdate, diag.Diagnostics) {
		return m.toUpdate(ctx, state, passwordWO)
	}
	updateThenRead(ctx, req, resp, runUserKind, putChanges(toUpdate, r.client.RunUsers.Update), r.readBack())
}

func (r *runUserResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, runUserKind, r.client.RunUsers.Delete)
}

// ImportState takes the run user ID. The password cannot be imported: TagoIO never returns it.
func (r *runUserResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObjectID(ctx, req, resp, runUserKind)
}

// readBack is the one GET of Create, Read and Update; the write-only password never reaches the
// state.
func (r *runUserResource) readBack() readBackFunc[runUserModel] {
	return func(ctx context.Context, id string, m *runUserModel, _ *diag.Diagnostics) error {
		user, err := r.client.RunUsers.Get(ctx, id)
		if err == nil {
			m.fromAPI(user, r.defaultTags)
			m.PasswordWO = types.StringNull()
		}
		return err
	}
}

// writeOnlyPassword is password_wo, which only the configuration holds (Terraform keeps it out
// of the plan and the state).
func writeOnlyPassword(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) types.String {
	var passwordWO types.String
	diags.Append(config.GetAttribute(ctx, path.Root("password_wo"), &passwordWO)...)
	return passwordWO
}

// fromAPI maps a run user read from the API onto the model; Create, Read, Update, import and the
// data sources all use it. The e-mail the model already holds is kept when the API's differs only
// in case, since e-mail providers ignore case and TagoIO may store it lowercased.
func (m *runUserFields) fromAPI(u *client.RunUser) {
	m.ID = types.StringValue(u.ID)
	m.Name = types.StringValue(u.Name)
	if m.Email.IsNull() || m.Email.IsUnknown() || !strings.EqualFold(m.Email.ValueString(), u.Email) {
		m.Email = types.StringValue(u.Email)
	}
	m.Timezone = stringOrNull(u.Timezone)
	m.Company = stringOrNull(u.Company)
	m.Phone = stringOrNull(u.Phone)
	m.Language = stringOrNull(u.Language)
	m.Active = types.BoolValue(u.Active)
	m.Newsletter = boolOr(u.Newsletter, false) // null: never subscribed
	m.Tags = tagsFromAPI(u.Tags)
	m.Options = runUserOptionsFromAPI(u.Options)
	m.CreatedAt = stringOrNull(&u.CreatedAt)
}

// runUserOptionsFromAPI is always an object, its unset fields null, so that options left out of
// the configuration (computed) and options read on import compare equal.
func runUserOptionsFromAPI(o *client.RunUserOptions) types.Object {
	if o == nil {
		o = &client.RunUserOptions{}
	}
	return types.ObjectValueMust(runUserOptionsAttrTypes, map[string]attr.Value{
		"decimal_separator":    stringOrNull(o.DecimalSeparator),
		"thousand_separator":   stringOrNull(o.ThousandSeparator),
		"date_format":          stringOrNull(o.DateFormat),
		"time_format":          stringOrNull(o.TimeFormat),
		"show_last_updated_at": stringOrNull(o.ShowLastUpdatedAt),
	})
}

// runUserOptionsToAPI sends the known options of the plan; nil when there are none.
func runUserOptionsToAPI(ctx context.Context, v types.Object) (*client.RunUserOptions, diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	var o runUserOptionsModel
	diags := v.As(ctx, &o, basetypes.ObjectAsOptions{UnhandledUnknownAsEmpty: true})
	out := &client.RunUserOptions{
		DecimalSeparator:  stringPtr(o.DecimalSeparator),
		ThousandSeparator: stringPtr(o.ThousandSeparator),
		DateFormat:        stringPtr(o.DateFormat),
		TimeFormat:        stringPtr(o.TimeFormat),
		ShowLastUpdatedAt: stringPtr(o.ShowLastUpdatedAt),
	}
	if *out == (client.RunUserOptions{}) {
		return nil, diags
	}
	return out, diags
}

// toCreate builds the POST /run/users body with the password from password or password_wo.
func (m *runUserModel) toCreate(ctx context.Context, passwordWO types.String) (client.RunUserCreate, diag.Diagnostics) {
	tags, diags := tagsToAPI(ctx, m.TagsAll)
	options, d := runUserOptionsToAPI(ctx, m.Options)
	diags.Append(d...)
	password := m.Password.ValueString()
	if !passwordWO.IsNull() {
		password = passwordWO.ValueString()
	}
	return client.RunUserCreate{
		Name:       m.Name.ValueString(),
		Email:      m.Email.ValueString(),
		Password:   password,
		Timezone:   m.Timezone.ValueString(),
		Company:    stringPtr(m.Company),
		Phone:      stringPtr(m.Phone),
		Language:   stringPtr(m.Language),
		Tags:       tags,
		Active:     boolPtr(m.Active),
		Newsletter: boolPtr(m.Newsletter),
		Options:    options,
	}, diags
}

// toUpdate builds a PUT body with only what changed from state. The password is sent when the
// configured password changed, or when password_wo_version changed (the write-only value comes
// from the configuration); removing password from the configuration leaves the password as is.
func (m *runUserModel) toUpdate(ctx context.Context, state runUserModel, passwordWO types.String) (client.RunUserUpdate, diag.Diagnostics) {
	var diags diag.Diagnostics
	u := client.RunUserUpdate{
		Name:       stringChange(m.Name, state.Name),
		Timezone:   stringChange(m.Timezone, state.Timezone),
		Company:    stringChange(m.Company, state.Company),
		Phone:      stringChange(m.Phone, state.Phone),
		Language:   stringChange(m.Language, state.Language),
		Active:     boolChange(m.Active, state.Active),
		Newsletter: boolChange(m.Newsletter, state.Newsletter),
	}
	u.Tags = tagsChange(ctx, m.TagsAll, state.TagsAll, &diags)
	if !m.Options.Equal(state.Options) {
		options, d := runUserOptionsToAPI(ctx, m.Options)
		diags.Append(d...)
		u.Options = options
	}
	switch {
	case !passwordWO.IsNull() && !m.PasswordWOVersion.Equal(state.PasswordWOVersion):
		u.Password = stringPtr(passwordWO)
	case !m.Password.IsNull() && !m.Password.Equal(state.Password):
		u.Password = stringPtr(m.Password)
	}
	return u, diags
}

// fromAPI is runUserFields.fromAPI with the provider's default tags told apart from the object's own.
func (m *runUserModel) fromAPI(in *client.RunUser, defaults tagDefaults) {
	prior := m.Tags
	m.runUserFields.fromAPI(in)
	m.Tags, m.TagsAll = defaults.split(in.Tags, prior)
}
