package provider

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure   = &fileResource{}
	_ resource.ResourceWithImportState = &fileResource{}
	_ resource.ResourceWithModifyPlan  = &fileResource{}

	_ resource.ResourceWithValidateConfig = &fileResource{}
)

const fileKind = "file"

// NewFileResource is the tagoio_file resource.
func NewFileResource() resource.Resource { return &fileResource{} }

type fileResource struct {
	client *client.Client
}

// fileFields are the attributes read from the folder list of GET /files.
type fileFields struct {
	ID           types.String `tfsdk:"id"`
	Path         types.String `tfsdk:"path"`
	Public       types.Bool   `tfsdk:"public"`
	Size         types.Int64  `tfsdk:"size"`
	LastModified types.String `tfsdk:"last_modified"`
}

type fileModel struct {
	fileFields
	Source        types.String   `tfsdk:"source"`
	Content       types.String   `tfsdk:"content"`
	ContentBase64 types.String   `tfsdk:"content_base64"`
	ContentHash   types.String   `tfsdk:"content_hash"`
	URL           types.String   `tfsdk:"url"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

func (r *fileResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_file"
}

func (r *fileResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	contentSources := []path.Expression{path.MatchRoot("source"), path.MatchRoot("content"), path.MatchRoot("content_base64")}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A file in the account's file storage (TagoIO Files), uploaded from a local file (`source`) or from " +
			"`content`/`content_base64`, with its public or private setting.\n\n" +
			"TagoIO cannot hand a file's content back cheaply, so Terraform compares the SHA-256 of the configured content " +
			"(`content_hash`, computed when planning) with the one it last uploaded: a changed local file or content plans " +
			"a replacement (the file is deleted and uploaded again at the same path). A file written outside Terraform is " +
			"noticed by its `size` or `last_modified` changing, and the next plan uploads the configured content again. " +
			"`public` is changed in place. A file deleted outside Terraform is created again.\n\n" +
			"Uploads are sent in one request (base64); very large files are better uploaded with TagoIO's own tools. " +
			"Because the path is the file's identity, do not use `create_before_destroy` with this resource: the new file " +
			"would be uploaded to the same path and then deleted with the old one.\n\n" +
			"Importing: the import ID is the file's path, such as `/reports/summary.csv`. An imported file keeps the content " +
			"TagoIO has while `source`, `content` and `content_base64` are all left out; setting one of them uploads it.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The file's path, as `path`."),
			"path": schema.StringAttribute{
				MarkdownDescription: "The file's path in TagoIO Files, with a leading `/` and folders separated by `/`, such as " +
					"`/reports/summary.csv`. Folders exist as long as a file is in them. Changing it replaces the file.",
				Required:      true,
				Validators:    []validator.String{validate.FilePath()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"source": schema.StringAttribute{
				MarkdownDescription: "A local file to upload. It is read when Terraform plans (its SHA-256 becomes `content_hash`) " +
					"and again when it uploads, so it must exist at plan time. Exactly one of `source`, `content` and " +
					"`content_base64` is needed to create a file. Not read back from TagoIO.",
				Optional: true,
				Validators: []validator.String{
					validate.NotBlank(),
					stringvalidator.ConflictsWith(contentSources...),
				},
			},
			"content": schema.StringAttribute{
				MarkdownDescription: "The file's content as text (UTF-8), instead of `source`. Not read back from TagoIO.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.ConflictsWith(contentSources...)},
			},
			"content_base64": schema.StringAttribute{
				MarkdownDescription: "The file's content as base64 (for binary content, such as `filebase64(...)` of a generated " +
					"file), instead of `source`. Not read back from TagoIO.",
				Optional: true,
				Validators: []validator.String{
					stringvalidator.ConflictsWith(contentSources...),
					base64Content(),
				},
			},
			"content_hash": schema.StringAttribute{
				MarkdownDescription: "SHA-256 (hex) of the content last uploaded, computed from `source`, `content` or " +
					"`content_base64` when planning; a change replaces the file. Null for an imported file whose content " +
					"Terraform has not uploaded, and cleared when the file is written outside Terraform.",
				Computed: true,
			},
			"public": schema.BoolAttribute{
				MarkdownDescription: "Whether anyone with the file's URL can read it without a token. Default `false`. Changed in place.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"size": schema.Int64Attribute{
				MarkdownDescription: "The file's size in bytes, as TagoIO lists it.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"last_modified": schema.StringAttribute{
				MarkdownDescription: "When the file was last written (ISO-8601), as TagoIO lists it.",
				Computed:            true,
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "The file's URL, as TagoIO answered the upload (reading it needs a token unless `public`). " +
					"Known only for a file this resource uploaded: TagoIO's file list does not give it, so it is null after an import.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *fileResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig: a source file that cannot be read fails at validation, before any request.
func (r *fileResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var source types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("source"), &source)...)
	if resp.Diagnostics.HasError() || source.IsNull() || source.IsUnknown() || source.ValueString() == "" {
		return
	}
	f, err := os.Open(source.ValueString())
	if err == nil {
		var info os.FileInfo
		if info, err = f.Stat(); err == nil && info.IsDir() {
			err = errors.New("it is a directory")
		}
		_ = f.Close()
	}
	if err != nil {
		addFileSourceError(&resp.Diagnostics, source.ValueString(), err)
	}
}

// ModifyPlan computes content_hash from the configured content (reading source), so that a
// changed local file plans a replacement; without any content it keeps the state's hash (an
// imported file), and a new file without content is refused. Nothing is sent to TagoIO.
func (r *fileResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, config fileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var state *fileModel
	if !req.State.Raw.IsNull() {
		state = &fileModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	switch {
	case config.Source.IsUnknown() || config.Content.IsUnknown() || config.ContentBase64.IsUnknown():
		plan.ContentHash = types.StringUnknown()
	case config.Source.IsNull() && config.Content.IsNull() && config.ContentBase64.IsNull():
		if state == nil {
			addFileNoContentError(&resp.Diagnostics)
			return
		}
		plan.ContentHash = state.ContentHash
	default:
		_, hash, diags := fileContent(config)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		plan.ContentHash = types.StringValue(hash)
	}
	if state != nil && !plan.ContentHash.Equal(state.ContentHash) {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("content_hash"))
		plan.Size = types.Int64Unknown()
		plan.LastModified = types.StringUnknown()
		plan.URL = types.StringUnknown()
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func (r *fileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan fileModel
	ctx, cancel, ok := openModel(ctx, req.Plan, &plan, createTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	content, hash, diags := fileContent(plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.ContentHash.IsUnknown() && plan.ContentHash.ValueString() != hash {
		addFileChangedSincePlanError(&resp.Diagnostics, plan.Source.ValueString(), plan.ContentHash.ValueString(), hash)
		return
	}
	filePath := plan.Path.ValueString()
	// The upload replaces any file at the path, so a file Terraform does not manage is refused.
	if _, err := r.client.Files.Get(ctx, filePath); err == nil {
		addFileExistsError(&resp.Diagnostics, filePath)
		return
	} else if !client.IsNotFound(err) {
		addCreateError(&resp.Diagnostics, fileKind, err)
		return
	}
	url, err := r.client.Files.Upload(ctx, client.FileUpload{Path: filePath, Content: content, Public: plan.Public.ValueBool()})
	if err != nil {
		addCreateError(&resp.Diagnostics, fileKind, err)
		return
	}
	tflog.Info(ctx, "uploaded TagoIO file", map[string]any{"path": filePath, "bytes": len(content)})
	// The file exists from here: the state keeps enough to refresh and destroy it.
	plan.ID = types.StringValue(filePath)
	plan.ContentHash = types.StringValue(hash)
	plan.URL = stringOrNull(&url)
	for name, value := range map[string]any{"id": plan.ID, "path": plan.Path, "content_hash": plan.ContentHash, "public": plan.Public, "url": plan.URL} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), value)...)
	}
	if err := r.readBack(ctx, filePath, &plan, &resp.Diagnostics); err != nil {
		addReadError(&resp.Diagnostics, fileKind, filePath, err)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *fileResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, fileKind, func(ctx context.Context, id string, state *fileModel, diags *diag.Diagnostics) error {
		f, err := r.client.Files.Get(ctx, id)
		if err == nil {
			state.noticeContentDrift(id, f, diags)
			state.fromAPI(id, f)
		}
		return err
	})
}

func (r *fileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateThenRead(ctx, req, resp, fileKind, func(ctx context.Context, id string, plan, state *fileModel, _ *diag.Diagnostics) error {
		if public := boolChange(plan.Public, state.Public); public != nil {
			return r.client.Files.SetPublic(ctx, id, *public)
		}
		return nil
	}, r.readBack)
}

func (r *fileResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, fileKind, func(ctx context.Context, id string) error {
		// DELETE /files deletes everything under a folder's path: a file that is gone is left
		// alone, so that a folder of the same name can never be deleted in its place.
		if _, err := r.client.Files.Get(ctx, id); err != nil {
			return err
		}
		return r.client.Files.Delete(ctx, id)
	})
}

// ImportState takes the file's path; the leading slash may be left out.
func (r *fileResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	filePath := client.CanonicalFilePath(req.ID)
	if validate.CheckFilePath(filePath) != "" {
		addImportIDError(&resp.Diagnostics, fileKind, validate.FilePathRule, req.ID)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), filePath)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("path"), filePath)...)
}

// readBack reads the file after a write and maps it into m.
func (r *fileResource) readBack(ctx context.Context, filePath string, m *fileModel, _ *diag.Diagnostics) error {
	f, err := r.client.Files.Get(ctx, filePath)
	if err == nil {
		m.fromAPI(filePath, f)
	}
	return err
}

// noticeContentDrift forgets the uploaded content's hash when the file was written again outside
// Terraform: the content cannot be read back, but such a write shows as a new size or time.
func (m *fileModel) noticeContentDrift(id string, f *client.File, diags *diag.Diagnostics) {
	if m.ContentHash.IsNull() {
		return
	}
	switch {
	case !m.Size.IsNull() && m.Size.ValueInt64() != f.Size:
		addFileContentDriftWarning(diags, id, "size")
		m.ContentHash = types.StringNull()
	case !m.LastModified.IsNull() && m.LastModified.ValueString() != f.LastModified:
		addFileContentDriftWarning(diags, id, "last modification time")
		m.ContentHash = types.StringNull()
	}
}

// fromAPI maps a listed file; filePath is the path it was asked by (the list may name it
// relative to its folder).
func (m *fileFields) fromAPI(filePath string, f *client.File) {
	m.ID = types.StringValue(filePath)
	m.Path = types.StringValue(filePath)
	m.Public = types.BoolValue(f.Public)
	m.Size = types.Int64Value(f.Size)
	m.LastModified = stringOrNull(&f.LastModified)
}

// fileContent returns the configured content and its SHA-256 (hex): the local source file,
// content as text, or content_base64 decoded.
func fileContent(m fileModel) ([]byte, string, diag.Diagnostics) {
	var diags diag.Diagnostics
	var content []byte
	switch {
	case !m.Source.IsNull():
		b, err := os.ReadFile(m.Source.ValueString())
		if err != nil {
			addFileSourceError(&diags, m.Source.ValueString(), err)
			return nil, "", diags
		}
		content = b
	case !m.Content.IsNull():
		content = []byte(m.Content.ValueString())
	case !m.ContentBase64.IsNull():
		b, err := base64.StdEncoding.DecodeString(m.ContentBase64.ValueString())
		if err != nil { // base64Content refuses it at validation already
			addInvalidAttributeError(&diags, path.Root("content_base64"), "Invalid base64", err.Error())
			return nil, "", diags
		}
		content = b
	default:
		addFileNoContentError(&diags)
		return nil, "", diags
	}
	sum := sha256.Sum256(content)
	return content, hex.EncodeToString(sum[:]), diags
}

// base64Pattern is standard base64 with padding, as Terraform's base64encode and filebase64 write it.
var base64Pattern = regexp.MustCompile(`^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$`)

// base64Content refuses content_base64 that is not standard base64.
func base64Content() validator.String {
	return stringvalidator.RegexMatches(base64Pattern, "must be standard base64 (as base64encode or filebase64 write it)")
}
