package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithModifyPlan  = &accessManagementResource{}
	_ resource.ResourceWithConfigure   = &accessManagementResource{}
	_ resource.ResourceWithImportState = &accessManagementResource{}
)

const accessPolicyKind = "access management policy" // the resource is tagoio_access_management

// The Access Management grammar (docs/api-notes.md §2.12). Targets and permission resources are string
// tuples whose first element names the kind; the API rejects unknown kinds, effects, resources and
// actions, but silently stores tuples of any other shape, which then grant nothing, so the
// provider checks their shape too.
var (
	accessTargetKinds = []string{"run_user", "analysis"}
	accessEffects     = []string{"allow", "deny"}
	accessCRUD        = []string{"access", "create", "edit", "delete"}
	// accessActions is the permission catalog: resource -> actions. Device, dashboard and account
	// actions are those of docs/api-notes.md §2.12; dashboard's are the union of those for analysis targets
	// and for run_user targets (access, arrangement). The reference lists the other resources with
	// "…", so they and their actions come from the official JS SDK's "check policy <Resource> /
	// <Action>" notes, in snake_case, with the access/create/edit/delete the OAS gives every
	// resource where the SDK shows them.
	accessActions = map[string][]string{
		"device": {"access", "create", "edit", "delete", "token_access", "get_data", "send_data", "edit_data", "delete_data",
			"manage_chunks", "export_data", "import_data"},
		"dashboard":             {"access", "create", "edit", "delete", "duplicate", "related_devices", "related_analysis", "arrangement"},
		"account":               {"access_profile", "access_account_information", "access_profile_statistics"},
		"analysis":              {"access", "create", "edit", "delete", "run_analysis", "upload_analysis_script", "download_analysis_script"},
		"run_user":              {"access", "create", "edit", "delete", "login_as_user", "access_notification", "create_notification", "edit_notification", "delete_notification"},
		"profile":               {"access_tagorun_settings", "edit_tagorun_settings", "access_notification", "create_notification", "edit_notification", "delete_notification"},
		"file":                  {"access", "edit", "upload"},
		"sql":                   {"access", "execute"},
		"connector":             {"access"},
		"network":               {"access"},
		"action":                accessCRUD,
		"entity":                accessCRUD,
		"access_management":     accessCRUD,
		"dictionary":            accessCRUD,
		"service_authorization": accessCRUD,
		// The SDK labels it "Secrets" and the tag API names the type "secrets" (§2.13): the wire
		// name is unconfirmed, so both spellings pass and TagoIO decides at apply.
		"secret":  accessCRUD,
		"secrets": accessCRUD,
	}
)

// accessResources lists the catalog's resources in a stable order, for error texts.
func accessResources() []string {
	out := make([]string, 0, len(accessActions))
	for r := range accessActions {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

var (
	accessTargetType     = types.ListType{ElemType: types.StringType}
	accessPermissionAttr = map[string]attr.Type{
		"effect":   types.StringType,
		"action":   types.SetType{ElemType: types.StringType},
		"resource": types.ListType{ElemType: types.StringType},
	}
	accessPermissionType = types.ObjectType{AttrTypes: accessPermissionAttr}
)

// NewAccessManagementResource is the tagoio_access_management resource.
func NewAccessManagementResource() resource.Resource { return &accessManagementResource{} }

type accessManagementResource struct {
	client      *client.Client
	defaultTags tagDefaults
}

// accessPolicyFields are the attributes read from GET /am/{id}, shared by the resource and the
// data source.
type accessPolicyFields struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Active      types.Bool   `tfsdk:"active"`
	Tags        types.List   `tfsdk:"tags"`
	Targets     types.List   `tfsdk:"targets"`
	Permissions types.Set    `tfsdk:"permissions"`
	CreatedAt   types.String `tfsdk:"created_at"`
}

type accessPolicyModel struct {
	accessPolicyFields
	TagsAll  types.List     `tfsdk:"tags_all"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

type accessPermissionModel struct {
	Effect   types.String `tfsdk:"effect"`
	Action   types.Set    `tfsdk:"action"`
	Resource types.List   `tfsdk:"resource"`
}

func (r *accessManagementResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_access_management"
}

const accessTupleForms = "`[kind]` (all), `[kind, \"id\", <id>]`, `[kind, \"tag_match\", <tag key>]` or " +
	"`[kind, \"tag.key\", <key>, \"tag.value\", <value>]`"

func (r *accessManagementResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An Access Management policy: what run users or analyses (the targets) may do on which resources. " +
			"Profile tokens are never restricted by policies. Within a policy TagoIO evaluates every `allow` before every `deny` " +
			"whatever their order, so `permissions` is a set: its order never shows as a change.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Policy ID (24 hexadecimal characters)."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Policy name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 100), validate.NoControlCharacters()},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the policy applies. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"tags":     tagsResourceAttribute("policy"),
			"tags_all": tagsAllResourceAttribute("policy"),
			"targets": schema.ListAttribute{
				MarkdownDescription: "Who the policy applies to: a list of tuples whose first element is `run_user` or `analysis`, in one of " +
					"the forms " + accessTupleForms + ", e.g. `[\"run_user\", \"tag_match\", \"company\"]`.",
				Required:    true,
				ElementType: accessTargetType,
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.ValueListsAre(accessTupleValidator{what: "target", kinds: accessTargetKinds}),
				},
			},
			"permissions": schema.SetNestedAttribute{
				MarkdownDescription: "The rules, as a set (TagoIO returns them allow-before-deny, and that is also how it evaluates them).",
				Required:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"effect": schema.StringAttribute{
							MarkdownDescription: "`allow` or `deny`.",
							Required:            true,
							Validators:          []validator.String{stringvalidator.OneOf(accessEffects...)},
						},
						"action": schema.SetAttribute{
							MarkdownDescription: "Actions on the resource, e.g. `access`, `edit`, `get_data`. Each must exist for the resource: " +
								accessCatalogMarkdown() + ".",
							Required:    true,
							ElementType: types.StringType,
							Validators:  []validator.Set{setvalidator.SizeAtLeast(1)},
						},
						"resource": schema.ListAttribute{
							MarkdownDescription: "The resources the rule covers: a tuple whose first element is the resource (`" +
								strings.Join(accessResources(), "`, `") + "`), in one of the forms " + accessTupleForms +
								", or `[\"file\", \"path\", <prefix>]` for files.",
							Required:    true,
							ElementType: types.StringType,
							Validators:  []validator.List{accessTupleValidator{what: "resource", kinds: accessResources(), pathKind: "file"}},
						},
					},
					Validators: []validator.Object{accessActionsValidator{"every action must exist for the permission's resource"}},
				},
			},
			"created_at": createdAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *accessManagementResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
	r.defaultTags = defaultTagsFrom(req.ProviderData)
}

func (r *accessManagementResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createThenRead(ctx, req, resp, accessPolicyKind, postBody((*accessPolicyModel).toCreate, r.client.AccessManagement.Create), r.readBack())
}

func (r *accessManagementResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, accessPolicyKind, r.readBack())
}

func (r *accessManagementResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateThenRead(ctx, req, resp, accessPolicyKind, putChanges((*accessPolicyModel).toUpdate, r.client.AccessManagement.Update), r.readBack())
}

func (r *accessManagementResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, accessPolicyKind, r.client.AccessManagement.Delete)
}

// ImportState takes the policy ID.
func (r *accessManagementResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObjectID(ctx, req, resp, accessPolicyKind)
}

// readBack is the policy's one GET, shared by Create, Read and Update.
func (r *accessManagementResource) readBack() readBackFunc[accessPolicyModel] {
	return getThenTagged(r.client.AccessManagement.Get, (*accessPolicyModel).fromAPI, r.defaultTags)
}

// fromAPI maps a policy read from the API onto the model; Create, Read, Update, import and the
// data source all use it. Permissions are a set, so the API's allow-before-deny order (and any
// order of actions) compares equal to the configuration's.
func (m *accessPolicyFields) fromAPI(p *client.AccessPolicy) {
	m.ID = types.StringValue(p.ID)
	m.Name = types.StringValue(p.Name)
	m.Active = types.BoolValue(p.Active)
	m.Tags = tagsFromAPI(p.Tags)
	targets := make([]attr.Value, 0, len(p.Targets))
	for _, t := range p.Targets {
		targets = append(targets, stringList(t))
	}
	m.Targets = types.ListValueMust(accessTargetType, targets)
	// A set holds no duplicates: a policy written elsewhere may repeat an action or a rule.
	permissions := make([]attr.Value, 0, len(p.Permissions))
	seen := map[string]bool{}
	for _, perm := range p.Permissions {
		names := slices.Compact(slices.Sorted(slices.Values(perm.Action)))
		key := perm.Effect + "\x00" + strings.Join(names, "\x00") + "\x00\x00" + strings.Join(perm.Resource, "\x00")
		if seen[key] {
			continue
		}
		seen[key] = true
		actions := make([]attr.Value, 0, len(names))
		for _, a := range names {
			actions = append(actions, types.StringValue(a))
		}
		permissions = append(permissions, types.ObjectValueMust(accessPermissionAttr, map[string]attr.Value{
			"effect":   types.StringValue(perm.Effect),
			"action":   types.SetValueMust(types.StringType, actions),
			"resource": stringList(perm.Resource),
		}))
	}
	m.Permissions = types.SetValueMust(accessPermissionType, permissions)
	m.CreatedAt = stringOrNull(&p.CreatedAt)
}

func (m *accessPolicyModel) targetsToAPI(ctx context.Context, diags *diag.Diagnostics) [][]string {
	var targets [][]string
	diags.Append(m.Targets.ElementsAs(ctx, &targets, false)...)
	if targets == nil {
		targets = [][]string{}
	}
	return targets
}

// permissionsToAPI sends the rules allow-before-deny, the order TagoIO keeps them in anyway, so
// that what is sent reads the same as what is evaluated.
func (m *accessPolicyModel) permissionsToAPI(ctx context.Context, diags *diag.Diagnostics) []client.AccessPermission {
	var models []accessPermissionModel
	diags.Append(m.Permissions.ElementsAs(ctx, &models, false)...)
	out := make([]client.AccessPermission, 0, len(models))
	for _, p := range models {
		var actions, resource []string
		diags.Append(p.Action.ElementsAs(ctx, &actions, false)...)
		diags.Append(p.Resource.ElementsAs(ctx, &resource, false)...)
		out = append(out, client.AccessPermission{Effect: p.Effect.ValueString(), Action: actions, Resource: resource})
	}
	slices.SortStableFunc(out, func(a, b client.AccessPermission) int { return strings.Compare(a.Effect, b.Effect) })
	return out
}

// toCreate builds the POST /am body.
func (m *accessPolicyModel) toCreate(ctx context.Context) (client.AccessPolicyCreate, diag.Diagnostics) {
	tags, diags := tagsToAPI(ctx, m.TagsAll)
	return client.AccessPolicyCreate{
		Name:        m.Name.ValueString(),
		Active:      m.Active.ValueBool(),
		Targets:     m.targetsToAPI(ctx, &diags),
		Permissions: m.permissionsToAPI(ctx, &diags),
		Tags:        tags,
	}, diags
}

// toUpdate builds a PUT body with only what changed from state; targets, permissions and tags
// replace the whole list.
func (m *accessPolicyModel) toUpdate(ctx context.Context, state accessPolicyModel) (client.AccessPolicyUpdate, diag.Diagnostics) {
	var diags diag.Diagnostics
	u := client.AccessPolicyUpdate{
		Name:   stringChange(m.Name, state.Name),
		Active: boolChange(m.Active, state.Active),
	}
	u.Tags = tagsChange(ctx, m.TagsAll, state.TagsAll, &diags)
	if !m.Targets.Equal(state.Targets) {
		targets := m.targetsToAPI(ctx, &diags)
		u.Targets = &targets
	}
	if !m.Permissions.Equal(state.Permissions) {
		permissions := m.permissionsToAPI(ctx, &diags)
		u.Permissions = &permissions
	}
	return u, diags
}

// accessCatalogMarkdown documents the catalog in the schema.
func accessCatalogMarkdown() string {
	parts := make([]string, 0, len(accessActions))
	for _, r := range accessResources() {
		parts = append(parts, fmt.Sprintf("`%s`: `%s`", r, strings.Join(accessActions[r], "`, `")))
	}
	return strings.Join(parts, "; ")
}

// accessTupleValidator checks a target or resource tuple: a known first element and one of the
// forms TagoIO matches. pathKind is the one kind that also takes [kind, "path", <prefix>].
type accessTupleValidator struct {
	what     string // "target" or "resource"
	kinds    []string
	pathKind string
}

func (v accessTupleValidator) Description(context.Context) string {
	return fmt.Sprintf("a %s tuple: first element one of %s, in one of the forms %s", v.what, strings.Join(v.kinds, ", "), accessTupleForms)
}

func (v accessTupleValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v accessTupleValidator) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var elems []types.String
	resp.Diagnostics.Append(req.ConfigValue.ElementsAs(ctx, &elems, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	tuple := make([]string, 0, len(elems))
	for _, e := range elems {
		if e.IsUnknown() {
			return // checked when known
		}
		tuple = append(tuple, e.ValueString())
	}
	if problem := v.problem(tuple); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid access "+v.what,
			fmt.Sprintf("Attribute %s %s, got: %s.", req.Path, problem, quoteTuple(tuple)))
	}
}

func (v accessTupleValidator) problem(t []string) string {
	switch {
	case len(t) == 0:
		return "must not be empty: its first element is one of " + strings.Join(v.kinds, ", ")
	case !slices.Contains(v.kinds, t[0]):
		return fmt.Sprintf("must start with one of %s", strings.Join(v.kinds, ", "))
	}
	// An empty tag key or value (["run_user", "tag.key", "", ...]) is legitimate: TagoIO stores it.
	forms := "must have one of the forms " + strings.ReplaceAll(accessTupleForms, "`", "")
	if v.pathKind != "" {
		forms += fmt.Sprintf(" (and [%q, \"path\", <prefix>])", v.pathKind)
	}
	switch len(t) {
	case 1:
		return ""
	case 3:
		switch {
		case t[1] == "id" && !validate.IsObjectID(t[2]):
			return "has an id that is not a TagoIO ID (24 lowercase hexadecimal characters)"
		case t[1] == "id", t[1] == "tag_match", t[1] == "path" && t[0] == v.pathKind:
			return ""
		}
	case 5:
		if t[1] == "tag.key" && t[3] == "tag.value" {
			return ""
		}
	}
	return forms
}

func quoteTuple(t []string) string {
	quoted := make([]string, len(t))
	for i, s := range t {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// accessActionsValidator checks that every action of a permission exists for its resource.
type accessActionsValidator struct{ describedAs }

func (accessActionsValidator) ValidateObject(ctx context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	resource, okResource := attrs["resource"].(types.List)
	actions, okActions := attrs["action"].(types.Set)
	if !okResource || !okActions || resource.IsNull() || resource.IsUnknown() || len(resource.Elements()) == 0 || actions.IsNull() || actions.IsUnknown() {
		return
	}
	first, ok := resource.Elements()[0].(types.String)
	if !ok || first.IsUnknown() {
		return
	}
	allowed, known := accessActions[first.ValueString()]
	if !known {
		return // the resource validator reports it
	}
	var names []types.String
	resp.Diagnostics.Append(actions.ElementsAs(ctx, &names, false)...)
	for _, a := range names {
		if a.IsUnknown() || slices.Contains(allowed, a.ValueString()) {
			continue
		}
		resp.Diagnostics.AddAttributeError(req.Path.AtName("action"), "Invalid access action",
			fmt.Sprintf("Action %q does not exist for resource %q: use one of %s.", a.ValueString(), first.ValueString(), strings.Join(allowed, ", ")))
	}
}

// ModifyPlan computes tags_all from tags and the provider's default tags.
func (r *accessManagementResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.defaultTags.planTagsAll(ctx, req, resp)
}

// fromAPI is accessPolicyFields.fromAPI with the provider's default tags told apart from the object's own.
func (m *accessPolicyModel) fromAPI(in *client.AccessPolicy, defaults tagDefaults) {
	prior := m.Tags
	m.accessPolicyFields.fromAPI(in)
	m.Tags, m.TagsAll = defaults.split(in.Tags, prior)
}
