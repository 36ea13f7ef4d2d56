package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithModifyPlan  = &bucketResource{}
	_ resource.ResourceWithConfigure   = &bucketResource{}
	_ resource.ResourceWithImportState = &bucketResource{}
)

const bucketKind = "bucket"

// legacyBucketNote opens every bucket page: the resource exists for accounts that still have
// standalone buckets.
const legacyBucketNote = "**Legacy.** Standalone buckets are the data stores of the original TagoIO SDK. Since 2022 every TagoIO " +
	"device is its own data storage (its `type` chooses how data is kept), and TagoIO removed standalone bucket management from " +
	"its current SDKs in 2024. New configurations should use `tagoio_device`. When the TagoIO API no longer serves the `/bucket` " +
	"routes, the provider says so in plain words instead of treating the bucket as deleted."

// NewBucketResource is the tagoio_bucket resource.
func NewBucketResource() resource.Resource { return &bucketResource{} }

type bucketResource struct {
	client      *client.Client
	defaultTags tagDefaults
}

// bucketFields are the attributes of a legacy bucket, shared with the data sources.
type bucketFields struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Visible     types.Bool   `tfsdk:"visible"`
	Tags        types.List   `tfsdk:"tags"`
	CreatedAt   types.String `tfsdk:"created_at"`
	UpdatedAt   types.String `tfsdk:"updated_at"`
}

type bucketModel struct {
	bucketFields
	TagsAll  types.List     `tfsdk:"tags_all"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (r *bucketResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bucket"
}

func (r *bucketResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A legacy, standalone TagoIO bucket (name, description, visibility, tags) on the `/bucket` routes.\n\n" +
			legacyBucketNote + "\n\nThe import ID is the bucket ID.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Bucket ID (24 hexadecimal characters)."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Bucket name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 100), validate.NoControlCharacters()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"visible": schema.BoolAttribute{
				MarkdownDescription: "Whether the bucket is visible in the TagoIO admin. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"tags":       tagsResourceAttribute("bucket"),
			"tags_all":   tagsAllResourceAttribute("bucket"),
			"created_at": createdAtAttribute(),
			"updated_at": updatedAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *bucketResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
	r.defaultTags = defaultTagsFrom(req.ProviderData)
}

func (r *bucketResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan bucketModel
	ctx, cancel, ok := openModel(ctx, req.Plan, &plan, createTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	tags, diags := tagsToAPI(ctx, plan.TagsAll)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, err := r.client.Buckets.Create(ctx, client.BucketCreate{
		Name: plan.Name.ValueString(), Description: stringPtr(plan.Description), Visible: boolPtr(plan.Visible), Tags: tags,
	})
	if err != nil {
		bucketError(&resp.Diagnostics, "creating a bucket", err, func() { addCreateError(&resp.Diagnostics, bucketKind, err) })
		return
	}
	tflog.Info(ctx, "created TagoIO bucket", map[string]any{"id": id, "name": plan.Name.ValueString()})
	plan.ID = types.StringValue(id)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), plan.ID)...)

	bucket, err := r.client.Buckets.Get(ctx, id)
	if err != nil {
		bucketError(&resp.Diagnostics, "reading bucket "+id, err, func() { addReadError(&resp.Diagnostics, bucketKind, id, err) })
		return
	}
	plan.fromAPI(bucket, r.defaultTags)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bucketResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state bucketModel
	ctx, cancel, ok := openModel(ctx, req.State, &state, readTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := state.ID.ValueString()
	bucket, err := r.client.Buckets.Get(ctx, id)
	switch {
	case client.IsRouteMissing(err): // before IsNotFound: a removed route is not a deleted bucket
		addLegacyBucketsGoneError(&resp.Diagnostics, "reading bucket "+id, err)
		return
	case client.IsNotFound(err):
		addRemovedWarning(&resp.Diagnostics, bucketKind, id)
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		addReadError(&resp.Diagnostics, bucketKind, id, err)
		return
	}
	state.fromAPI(bucket, r.defaultTags)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *bucketResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state bucketModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel, ok := openModel(ctx, req.Plan, &plan, updateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := state.ID.ValueString()

	update := client.BucketUpdate{
		Name:        stringChange(plan.Name, state.Name),
		Description: stringChange(plan.Description, state.Description),
		Visible:     boolChange(plan.Visible, state.Visible),
	}
	if !plan.TagsAll.Equal(state.TagsAll) {
		tags, diags := tagsToAPI(ctx, plan.TagsAll)
		resp.Diagnostics.Append(diags...)
		update.Tags = &tags
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if !update.IsEmpty() {
		if err := r.client.Buckets.Update(ctx, id, update); err != nil {
			bucketError(&resp.Diagnostics, "updating bucket "+id, err, func() { addUpdateError(&resp.Diagnostics, bucketKind, id, err) })
			return
		}
	}
	bucket, err := r.client.Buckets.Get(ctx, id)
	if err != nil {
		bucketError(&resp.Diagnostics, "reading bucket "+id, err, func() { addReadError(&resp.Diagnostics, bucketKind, id, err) })
		return
	}
	plan.fromAPI(bucket, r.defaultTags)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bucketResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state bucketModel
	ctx, cancel, ok := openModel(ctx, req.State, &state, deleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := state.ID.ValueString()
	err := r.client.Buckets.Delete(ctx, id)
	switch {
	case client.IsRouteMissing(err):
		addLegacyBucketsGoneError(&resp.Diagnostics, "deleting bucket "+id, err)
	case err != nil && !client.IsNotFound(err):
		addDeleteError(&resp.Diagnostics, bucketKind, id, err)
	}
}

// ImportState takes the bucket ID.
func (r *bucketResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !validate.IsObjectID(req.ID) {
		addImportIDError(&resp.Diagnostics, bucketKind, "the bucket ID: 24 lowercase hexadecimal characters", req.ID)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// bucketError reports err in plain words when the API no longer serves buckets, and with the
// usual wording otherwise.
func bucketError(diags *diag.Diagnostics, doing string, err error, otherwise func()) {
	if client.IsRouteMissing(err) {
		addLegacyBucketsGoneError(diags, doing, err)
		return
	}
	otherwise()
}

// fromAPI maps a legacy bucket read from the API; the resource and the data sources use it. An
// absent visible flag means visible, the API's default.
func (m *bucketFields) fromAPI(b *client.Bucket) {
	m.ID = types.StringValue(b.ID)
	m.Name = types.StringValue(b.Name)
	m.Description = stringOrNull(b.Description)
	m.Visible = boolOr(b.Visible, true)
	m.Tags = tagsFromAPI(b.Tags)
	m.CreatedAt = stringOrNull(&b.CreatedAt)
	m.UpdatedAt = stringOrNull(&b.UpdatedAt)
}

// ModifyPlan computes tags_all from tags and the provider's default tags.
func (r *bucketResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.defaultTags.planTagsAll(ctx, req, resp)
}

// fromAPI is bucketFields.fromAPI with the provider's default tags told apart from the object's own.
func (m *bucketModel) fromAPI(in *client.Bucket, defaults tagDefaults) {
	prior := m.Tags
	m.bucketFields.fromAPI(in)
	m.Tags, m.TagsAll = defaults.split(in.Tags, prior)
}
