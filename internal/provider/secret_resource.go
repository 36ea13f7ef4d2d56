package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = &secretResource{}
	_ resource.ResourceWithImportState = &secretResource{}
	_ resource.ResourceWithModifyPlan  = &secretResource{}
)

const secretKind = "secret"

// secretKeyPattern: TagoIO accepts letters, digits and underscores in a secret key and stores it
// uppercased (tagoio-cli secret-key rule), so only the stored spelling is accepted: a lowercase
// key would come back uppercased and never match the configuration.
var secretKeyPattern = regexp.MustCompile(`^[A-Z0-9_]+$`)

// maxSecretValueLength is TagoIO's limit of a text secret's value, in characters.
const maxSecretValueLength = 2048

// NewSecretResource is the tagoio_secret resource.
func NewSecretResource() resource.Resource { return &secretResource{} }

type secretResource struct {
	client      *client.Client
	defaultTags tagDefaults
}

// secretFields are the attributes read from GET /secrets/{id}, shared with the data sources.
type secretFields struct {
	ID          types.String `tfsdk:"id"`
	Key         types.String `tfsdk:"key"`
	Tags        types.List   `tfsdk:"tags"`
	ValueLength types.Int64  `tfsdk:"value_length"`
	CreatedAt   types.String `tfsdk:"created_at"`
	UpdatedAt   types.String `tfsdk:"updated_at"`
}

type secretModel struct {
	secretFields
	TagsAll        types.List     `tfsdk:"tags_all"`
	Value          types.String   `tfsdk:"value"`
	ValueWO        types.String   `tfsdk:"value_wo"`
	ValueWOVersion types.Int64    `tfsdk:"value_wo_version"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

func (r *secretResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_secret"
}

func (r *secretResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A TagoIO secret: a named value (an API key, a password) that actions and analyses refer to by ID " +
			"instead of holding it, such as the `twilio_token` or `sendgrid_api_key` of an action.\n\n" +
			"TagoIO never returns a secret's value, so Terraform keeps the configured value and sends it on create and whenever " +
			"it changes. **A change of the value made outside Terraform cannot be detected** (only `value_length` is refreshed). " +
			"Set the value with `value` (kept, encrypted by your backend, in the state) or, on Terraform 1.11 and later, with the " +
			"write-only `value_wo` (never stored): bump `value_wo_version` to send a new one.\n\n" +
			"Importing: the import ID is the secret ID. An imported secret's value is unknown to Terraform; set `value` (or " +
			"`value_wo` and `value_wo_version`) in the configuration and the first apply sends it, which adopts the secret.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Secret ID (24 hexadecimal characters): what actions take as a secret reference."),
			"key": schema.StringAttribute{
				MarkdownDescription: "Secret key (its name): uppercase letters, digits and underscores, such as `SENDGRID_API_KEY` " +
					"(TagoIO stores keys uppercased). TagoIO cannot rename a secret: changing it replaces the secret.",
				Required: true,
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, 100),
					stringvalidator.RegexMatches(secretKeyPattern, "must be uppercase letters, digits and underscores (TagoIO stores keys uppercased)"),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"value": schema.StringAttribute{
				MarkdownDescription: "The secret value (sensitive, at most 2048 characters). Sent on create and when it changes; never read back from TagoIO. " +
					"Conflicts with `value_wo`. One of the two is needed to create the secret.",
				Optional:  true,
				Sensitive: true,
				Validators: []validator.String{
					stringvalidator.UTF8LengthBetween(1, maxSecretValueLength),
					stringvalidator.ConflictsWith(path.MatchRoot("value_wo")),
					stringvalidator.PreferWriteOnlyAttribute(path.MatchRoot("value_wo")),
				},
			},
			"value_wo": schema.StringAttribute{
				MarkdownDescription: "The secret value, write-only (Terraform 1.11 and later): sent to TagoIO, never stored in the plan " +
					"or the state. Needs `value_wo_version`; bump it to send a new value.",
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
				Validators: []validator.String{
					stringvalidator.UTF8LengthBetween(1, maxSecretValueLength),
					stringvalidator.AlsoRequires(path.MatchRoot("value_wo_version")),
				},
			},
			"value_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Version of `value_wo`: any change sends the current `value_wo` to TagoIO.",
				Optional:            true,
				Validators: []validator.Int64{
					int64validator.AtLeast(0),
					int64validator.AlsoRequires(path.MatchRoot("value_wo")),
				},
			},
			"tags":     tagsResourceAttribute("secret"),
			"tags_all": tagsAllResourceAttribute("secret"),
			"value_length": schema.Int64Attribute{
				MarkdownDescription: "Length of the stored value, as TagoIO reports it (the only thing it tells about the value).",
				Computed:            true,
			},
			"created_at": createdAtAttribute(),
			"updated_at": updatedAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *secretResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
	r.defaultTags = defaultTagsFrom(req.ProviderData)
}

// ModifyPlan requires a value when the secret is created: TagoIO needs one, and an imported
// secret may be kept without one.
func (r *secretResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	defer r.defaultTags.planTagsAll(ctx, req, resp) // last: after any resp.Plan.Set below
	if !req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var value, valueWO types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("value"), &value)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("value_wo"), &valueWO)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if value.IsNull() && valueWO.IsNull() {
		addInvalidAttributeError(&resp.Diagnostics, path.Root("value"), "Missing secret value",
			"Creating a secret needs its value: set value, or value_wo and value_wo_version (Terraform 1.11 and later).")
	}
}

func (r *secretResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createThenRead(ctx, req, resp, secretKind, func(ctx context.Context, plan *secretModel, diags *diag.Diagnostics) (string, error) {
		value, d := secretValueToSend(ctx, req.Config, *plan)
		diags.Append(d...)
		tags, d := tagsToAPI(ctx, plan.TagsAll)
		diags.Append(d...)
		if diags.HasError() {
			return "", nil
		}
		if value == nil {
			addInvalidAttributeError(diags, path.Root("value"), "Missing secret value",
				"Creating a secret needs its value: set value, or value_wo and value_wo_version (Terraform 1.11 and later).")
			return "", nil
		}
		return r.client.Secrets.Create(ctx, client.SecretCreate{Key: plan.Key.ValueString(), Value: *value, Tags: tags})
	}, r.readBack())
}

func (r *secretResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, secretKind, r.readBack())
}

func (r *secretResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateThenRead(ctx, req, resp, secretKind, func(ctx context.Context, id string, plan, state *secretModel, diags *diag.Diagnostics) error {
		var update client.SecretUpdate
		// The value is sent when it changed, or when a new write-only version asks for it.
		if !plan.Value.Equal(state.Value) || !plan.ValueWOVersion.Equal(state.ValueWOVersion) {
			value, d := secretValueToSend(ctx, req.Config, *plan)
			diags.Append(d...)
			update.Value = value
		}
		update.Tags = tagsChange(ctx, plan.TagsAll, state.TagsAll, diags)
		if diags.HasError() || update.IsEmpty() {
			return nil
		}
		return r.client.Secrets.Update(ctx, id, update)
	}, r.readBack())
}

func (r *secretResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, secretKind, r.client.Secrets.Delete)
}

// ImportState takes the secret ID. The value stays unknown until the configuration sets it.
func (r *secretResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObjectID(ctx, req, resp, secretKind)
}

// readBack is the one GET of Create, Read and Update; it keeps the value: TagoIO never returns it.
func (r *secretResource) readBack() readBackFunc[secretModel] {
	return getThenTagged(r.client.Secrets.Get, (*secretModel).fromAPI, r.defaultTags)
}

// secretValueToSend is the value to send: value from the plan, or the write-only value_wo, which
// is only in the configuration (Terraform keeps it out of the plan and the state).
func secretValueToSend(ctx context.Context, config tfsdk.Config, plan secretModel) (*string, diag.Diagnostics) {
	if p := stringPtr(plan.Value); p != nil {
		return p, nil
	}
	var valueWO types.String
	diags := config.GetAttribute(ctx, path.Root("value_wo"), &valueWO)
	return stringPtr(valueWO), diags
}

// fromAPI maps a secret read from the API; Create, Read, Update, import and the data sources use
// it. The value is not part of the answer.
func (m *secretFields) fromAPI(s *client.Secret) {
	m.ID = types.StringValue(s.ID)
	m.Key = types.StringValue(s.Key)
	m.Tags = tagsFromAPI(s.Tags)
	m.ValueLength = int64OrNull(s.ValueLength)
	m.CreatedAt = stringOrNull(&s.CreatedAt)
	m.UpdatedAt = stringOrNull(&s.UpdatedAt)
}

// fromAPI is secretFields.fromAPI with the provider's default tags told apart from the object's own.
func (m *secretModel) fromAPI(in *client.Secret, defaults tagDefaults) {
	prior := m.Tags
	m.secretFields.fromAPI(in)
	m.Tags, m.TagsAll = defaults.split(in.Tags, prior)
}
