package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure   = &profileTeamMemberResource{}
	_ resource.ResourceWithImportState = &profileTeamMemberResource{}
)

const profileTeamMemberKind = "profile team member"

// NewProfileTeamMemberResource is the tagoio_profile_team_member resource.
func NewProfileTeamMemberResource() resource.Resource { return &profileTeamMemberResource{} }

type profileTeamMemberResource struct {
	client *client.Client
}

// profileTeamMemberFields are what the API returns for a member (docs/api-notes.md §2.2a),
// shared with the tagoio_profile_team_members data source.
type profileTeamMemberFields struct {
	ID        types.String `tfsdk:"id"`
	Email     types.String `tfsdk:"email"`
	Name      types.String `tfsdk:"name"`
	Active    types.Bool   `tfsdk:"active"`
	CreatedAt types.String `tfsdk:"created_at"`
}

type profileTeamMemberModel struct {
	profileTeamMemberFields
	ProfileID types.String   `tfsdk:"profile_id"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

func (r *profileTeamMemberResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_profile_team_member"
}

func (r *profileTeamMemberResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A member of the profile's team: another TagoIO account the profile (the one the provider's token " +
			"belongs to) is shared with, invited by e-mail.\n\n" +
			"**Permissions.** TagoIO has no per-member permissions: a team member reaches everything in the profile " +
			"(devices, dashboards, analyses, actions, ...) except billing, resource allocation and the audit log. Share " +
			"only with accounts you trust that far. (Access Management policies target Run users and analyses, not team members.)\n\n" +
			"**Pending and accepted invitations.** Creating the resource sends an invitation e-mail; the member is listed at " +
			"once with `active = false`, and `active` becomes `true` when the invitee accepts (Terraform does not wait for it). " +
			"TagoIO's help pages say an invitation is valid for 7 days. An invitation that was declined (or, as this provider " +
			"reads it, expired) is no longer listed: the next plan invites the address again. Destroying the resource removes " +
			"the member, or withdraws a pending invitation. The invitee needs a TagoIO account, and only the profile's owner can invite.\n\n" +
			"Importing: the import ID is the member's e-mail address or the member's account ID (the `id`, as the " +
			"`tagoio_profile_team_members` data source lists it).",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The member's TagoIO account ID."),
			"email": schema.StringAttribute{
				MarkdownDescription: "The e-mail address of the TagoIO account to share the profile with. Compared without " +
					"regard to case: a change of case only is recorded in place, with no request; any other change removes " +
					"this member and invites the new address.",
				Required:   true,
				Validators: []validator.String{validate.Email()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(
					func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
						resp.RequiresReplace = !strings.EqualFold(req.StateValue.ValueString(), req.PlanValue.ValueString())
					},
					"A new address is a new member; a change of case only is the same address.",
					"A new address is a new member; a change of case only is the same address.",
				)},
			},
			"name": keptComputedString("The member account's name, as TagoIO shows it."),
			"active": schema.BoolAttribute{
				MarkdownDescription: "`false` while the invitation is pending, `true` once the invitee accepted it.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"created_at": keptComputedString("When the member was invited (ISO-8601)."),
			"profile_id": keptComputedString("The ID of the shared profile: the profile the provider's token belongs to."),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *profileTeamMemberResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *profileTeamMemberResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan profileTeamMemberModel
	ctx, cancel, ok := openModel(ctx, req.Plan, &plan, createTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	profile, err := r.client.Account.CurrentProfile(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "profile", "current", err)
		return
	}
	email := plan.Email.ValueString()
	adopted, err := r.client.Team.Invite(ctx, profile.ID, email)
	if err != nil {
		addCreateError(&resp.Diagnostics, profileTeamMemberKind, err)
		return
	}
	// The invitation's answer carries no id. Until the read below finds the member, the state's
	// id is the e-mail address, which Read and Delete resolve: whatever fails next, the
	// invitation stays refreshable and destroyable.
	plan.ID, plan.ProfileID = types.StringValue(email), types.StringValue(profile.ID)
	if adopted != "" {
		plan.ID = types.StringValue(adopted)
	}
	tflog.Info(ctx, "invited TagoIO profile team member", map[string]any{"id": plan.ID.ValueString(), "profile_id": profile.ID})
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), plan.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("email"), plan.Email)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("profile_id"), plan.ProfileID)...)
	if err := r.readBack(ctx, plan.ID.ValueString(), &plan, &resp.Diagnostics); err != nil {
		addReadError(&resp.Diagnostics, profileTeamMemberKind, plan.ID.ValueString(), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *profileTeamMemberResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, profileTeamMemberKind, r.readBack)
}

// Update changes nothing in TagoIO: a new address forces a new member, so an update only records
// new timeouts or a change of the address's case, reading the member again.
func (r *profileTeamMemberResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateThenRead(ctx, req, resp, profileTeamMemberKind, func(_ context.Context, _ string, plan, state *profileTeamMemberModel, _ *diag.Diagnostics) error {
		plan.ProfileID = state.ProfileID
		return nil
	}, r.readBack)
}

func (r *profileTeamMemberResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state profileTeamMemberModel
	ctx, cancel, ok := openModel(ctx, req.State, &state, deleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if !r.ensureProfileID(ctx, &state, &resp.Diagnostics) {
		return
	}
	profileID, id := state.ProfileID.ValueString(), state.ID.ValueString()
	if !validate.IsObjectID(id) {
		// A create whose read-back failed left the e-mail address as the id.
		m, err := r.client.Team.GetByEmail(ctx, profileID, id)
		if client.IsNotFound(err) {
			return
		}
		if err != nil {
			addDeleteError(&resp.Diagnostics, profileTeamMemberKind, id, err)
			return
		}
		id = m.ID
	}
	if err := r.client.Team.Delete(ctx, profileID, id); err != nil && !client.IsNotFound(err) {
		addDeleteError(&resp.Diagnostics, profileTeamMemberKind, id, err)
	}
}

// ImportState takes the member's e-mail address or account ID; the first Read finds the member
// either way and records its account ID.
func (r *profileTeamMemberResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	byEmail := strings.Contains(req.ID, "@") && validate.IsEmail(req.ID)
	if !byEmail && !validate.IsObjectID(req.ID) {
		addImportIDError(&resp.Diagnostics, profileTeamMemberKind,
			"the member's e-mail address, or the member's account ID (24 lowercase hexadecimal characters)", req.ID)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	if byEmail {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("email"), req.ID)...)
	}
}

// ensureProfileID fills the profile's id when the state lacks it (just imported).
func (r *profileTeamMemberResource) ensureProfileID(ctx context.Context, m *profileTeamMemberModel, diags *diag.Diagnostics) bool {
	if m.ProfileID.ValueString() != "" {
		return true
	}
	profile, err := r.client.Account.CurrentProfile(ctx)
	if err != nil {
		addReadError(diags, "profile", "current", err)
		return false
	}
	m.ProfileID = types.StringValue(profile.ID)
	return true
}

// readBack reads a member by account ID, or by e-mail address when idOrEmail is one (an import by
// e-mail, or a create whose read-back failed), in the profile m names (the current one when m
// names none: just imported).
func (r *profileTeamMemberResource) readBack(ctx context.Context, idOrEmail string, m *profileTeamMemberModel, diags *diag.Diagnostics) error {
	if !r.ensureProfileID(ctx, m, diags) {
		return nil
	}
	get := r.client.Team.GetByEmail
	if validate.IsObjectID(idOrEmail) {
		get = r.client.Team.Get
	}
	tm, err := get(ctx, m.ProfileID.ValueString(), idOrEmail)
	if err == nil {
		m.fromAPI(tm)
	}
	return err
}

// fromAPI maps a member; Create, Read, Update, import and the data source use it. A configured
// address that differs from TagoIO's only in case is kept, so that no plan is perpetual.
func (m *profileTeamMemberFields) fromAPI(tm *client.TeamMember) {
	m.ID = types.StringValue(tm.ID)
	if !strings.EqualFold(m.Email.ValueString(), tm.Email) {
		m.Email = types.StringValue(tm.Email)
	}
	m.Name = stringOrNull(&tm.Name)
	m.Active = types.BoolValue(tm.Active)
	m.CreatedAt = stringOrNull(&tm.CreatedAt)
}
