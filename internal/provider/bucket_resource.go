package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
	createThenRead(ctx, req, resp, bucketKind, func(ctx context.Context, plan *bucketModel, diags *diag.Diagnostics) (string, error) {
		tags, d := tagsToAPI(ctx, plan.TagsAll)
		diags.Append(d...)
		if diags.HasError() {
			return "", nil
		}
		id, err := r.client.Buckets.Create(ctx, client.BucketCreate{
			Name: plan.Name.ValueString(), Description: stringPtr(plan.Description), Visible: boolPtr(plan.Visible), Tags: tags,
		})
		return id, legacyBucketsGone(diags, "creating a bucket", err)
	}, r.readBack)
}

func (r *bucketResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, bucketKind, r.readBack)
}

func (r *bucketResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateThenRead(ctx, req, resp, bucketKind, func(ctx context.Context, id string, plan, state *bucketModel, diags *diag.Diagnostics) error {
		update := client.BucketUpdate{
			Name:        stringChange(plan.Name, state.Name),
			Description: stringChange(plan.Description, state.Description),
			Visible:     boolChange(plan.Visible, state.Visible),
		}
		update.Tags = tagsChange(ctx, plan.TagsAll, state.TagsAll, diags)
		if diags.HasError() || update.IsEmpty() {
			return nil
		}
		return legacyBucketsGone(diags, "updating bucket "+id, r.client.Buckets.Update(ctx, id, update))
	}, r.readBack)
}

func (r *bucketResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, bucketKind, func(ctx context.Context, id string) error {
		return legacyBucketsGone(&resp.Diagnostics, "deleting bucket "+id, r.client.Buckets.Delete(ctx, id))
	})
}

// ImportState takes the bucket ID.
func (r *bucketResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObjectID(ctx, req, resp, bucketKind)
}

// readBack is the bucket's one GET, shared by Create, Read and Update.
func (r *bucketResource) readBack(ctx context.Context, id string, m *bucketModel, diags *diag.Diagnostics) error {
	b, err := r.client.Buckets.Get(ctx, id)
	if err == nil {
		m.fromAPI(b, r.defaultTags)
	}
	return legacyBucketsGone(diags, "reading bucket "+id, err)
}

// legacyBucketsGone reports err in plain words when the API no longer serves buckets, and then
// returns nil (checked before not-found: a removed route is not a deleted bucket); any other
// error is returned for the usual wording.
func legacyBucketsGone(diags *diag.Diagnostics, doing string, err error) error {
	if client.IsRouteMissing(err) {
		addLegacyBucketsGoneError(diags, doing, err)
		return nil
	}
	return err
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
