package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure   = &analysisResource{}
	_ resource.ResourceWithImportState = &analysisResource{}
	_ resource.ResourceWithModifyPlan  = &analysisResource{}
)

const analysisKind = "analysis"

// Where an analysis runs and the runtimes it can use (docs/api-notes.md §2.7).
var (
	analysisRunOn    = []string{"tago", "external"}
	analysisRuntimes = []string{"node-rt2025", "python-rt2025", "deno-rt2025", "node-legacy", "python-legacy", "other"}
)

// maxAnalysisVariables is TagoIO's limit of environment variables per analysis (docs/api-notes.md §5).
const maxAnalysisVariables = 20

// NewAnalysisResource is the tagoio_analysis resource.
func NewAnalysisResource() resource.Resource { return &analysisResource{} }

type analysisResource struct {
	client      *client.Client
	defaultTags tagDefaults
}

// analysisFields are the attributes read from GET /analysis/{id}, shared by the resource and the
// data source.
type analysisFields struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Active      types.Bool   `tfsdk:"active"`
	RunOn       types.String `tfsdk:"run_on"`
	Runtime     types.String `tfsdk:"runtime"`
	Interval    types.String `tfsdk:"interval"`
	Environment types.Map    `tfsdk:"environment"`
	Tags        types.List   `tfsdk:"tags"`
	Token       types.String `tfsdk:"token"`
	Version     types.String `tfsdk:"version"`
	CreatedAt   types.String `tfsdk:"created_at"`
	UpdatedAt   types.String `tfsdk:"updated_at"`
}

type analysisModel struct {
	analysisFields
	TagsAll      types.List     `tfsdk:"tags_all"`
	Source       types.String   `tfsdk:"source"`
	SourceSHA256 types.String   `tfsdk:"source_sha256"`
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
}

func (r *analysisResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_analysis"
}

func (r *analysisResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A TagoIO analysis: a script that TagoIO runs (`run_on = \"tago\"`) or that runs on your own machine " +
			"(`run_on = \"external\"`), with its schedule, environment variables and script. The script (`source`) is uploaded " +
			"whenever it changes; a script changed outside Terraform shows in the plan as a change back to `source`.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Analysis ID (24 hexadecimal characters)."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Analysis name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 100), validate.NoControlCharacters()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the analysis runs. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			// Editable in place: the official SDK's edit takes run_on, and TagoIO's API changelog
			// (v8.12.13) documents the effect of changing it (a new token), shown in ModifyPlan.
			"run_on": schema.StringAttribute{
				MarkdownDescription: "Where the analysis runs: `tago` (TagoIO runs the script, the default) or `external` (your own " +
					"process, authenticated by `token`). Changing it makes TagoIO issue a new `token`.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString("tago"),
				Validators: []validator.String{stringvalidator.OneOf(analysisRunOn...)},
			},
			"runtime": schema.StringAttribute{
				MarkdownDescription: "The script runtime: `node-rt2025`, `python-rt2025` or `deno-rt2025` for new analyses; " +
					"`node-legacy`, `python-legacy` and `other` exist for older ones. TagoIO cannot change it: changing it replaces the analysis.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(analysisRuntimes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"interval": schema.StringAttribute{
				MarkdownDescription: "How often TagoIO runs the analysis, as `<number> <unit>` (unit minute(s), hour(s), day(s), week(s), " +
					"month(s), quarter(s) or year(s)), at least `1 minute`. Leave it out to run it only when triggered (TagoIO's \"Never\").",
				Optional:   true,
				Validators: []validator.String{validate.RelativeTime(time.Minute)},
			},
			"environment": schema.MapAttribute{
				MarkdownDescription: "Environment variables the script reads, as a map of name to value. At most 20. The values are " +
					"sensitive (they usually hold credentials). When set, Terraform manages the whole set. **Left unset (or `null`, " +
					"as `terraform plan -generate-config-out` writes it for a sensitive value) it keeps whatever variables TagoIO " +
					"has**, so importing an analysis never deletes them; to remove every variable, set `environment = {}`.",
				Optional:      true,
				Computed:      true,
				Sensitive:     true,
				ElementType:   types.StringType,
				PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
				Validators: []validator.Map{
					mapvalidator.SizeAtMost(maxAnalysisVariables),
					mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
				},
			},
			"tags":     tagsResourceAttribute("analysis"),
			"tags_all": tagsAllResourceAttribute("analysis"),
			"source": schema.StringAttribute{
				MarkdownDescription: "The script, as text: usually `file(\"script.js\")`. Uploaded when the analysis is created and " +
					"whenever it changes. When the script is changed outside Terraform, the next refresh downloads it, so the plan " +
					"shows the change back to this value. Leave it out to leave the script unmanaged (the current script is then " +
					"shown here after a refresh). A script that is not UTF-8 text is never shown: `source` stays null and the script " +
					"stays as it is unless this is set.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: keep,
			},
			"source_sha256": schema.StringAttribute{
				MarkdownDescription: "SHA-256 (hex) of `source`: the script last uploaded or downloaded.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"version": schema.StringAttribute{
				MarkdownDescription: "The script version TagoIO runs; every upload makes a new one. Null when no script was uploaded.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "The analysis token (sensitive): an external analysis authenticates with it. TagoIO issues a new " +
					"one when `run_on` changes.",
				Computed:      true,
				Sensitive:     true,
				PlanModifiers: keep,
			},
			"created_at": createdAtAttribute(),
			"updated_at": updatedAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *analysisResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
	r.defaultTags = defaultTagsFrom(req.ProviderData)
}

// ModifyPlan shows what an update changes besides the configuration: a new run_on makes TagoIO
// issue a new token, and a new source makes a new script version.
func (r *analysisResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	defer r.defaultTags.planTagsAll(ctx, req, resp) // last: after any resp.Plan.Set below
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan analysisModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() { // create
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("source_sha256"), sourceHash(plan.Source))...)
		return
	}
	var state analysisModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.RunOn.IsUnknown() || !plan.RunOn.Equal(state.RunOn) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("token"), types.StringUnknown())...)
	}
	if plan.Source.IsUnknown() || !plan.Source.Equal(state.Source) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("source_sha256"), sourceHash(plan.Source))...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("version"), types.StringUnknown())...)
	}
}

func (r *analysisResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan analysisModel
	ctx, cancel, ok := openModel(ctx, req.Plan, &plan, createTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	body, diags := plan.toCreate(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.client.Analyses.Create(ctx, body)
	if err != nil {
		addCreateError(&resp.Diagnostics, analysisKind, err)
		return
	}
	id := created.ID
	tflog.Info(ctx, "created TagoIO analysis", map[string]any{"id": id, "name": body.Name})
	plan.ID = types.StringValue(id)
	plan.Token = stringOrNull(&created.Token)
	// Save the id at once: if the upload or the read below fails, the analysis is still in the state.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), plan.ID)...)

	if plan.Source.IsUnknown() {
		plan.Source = types.StringNull() // not configured: the script stays unmanaged
	}
	if !plan.Source.IsNull() {
		if err := r.upload(ctx, id, plan); err != nil {
			addCreateError(&resp.Diagnostics, analysisKind+" script", err)
			return
		}
	}
	plan.SourceSHA256 = sourceHash(plan.Source)

	analysis, err := r.client.Analyses.Get(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, analysisKind, id, err)
		return
	}
	plan.fromAPI(analysis, r.defaultTags)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *analysisResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state analysisModel
	ctx, cancel, ok := openModel(ctx, req.State, &state, readTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := state.ID.ValueString()
	maskMapValues(r.client, state.Environment) // before the answer that holds them can reach a log line
	analysis, err := r.client.Analyses.Get(ctx, id)
	if readFailed(ctx, resp, analysisKind, id, err) {
		return
	}
	knownVersion := state.Version
	state.fromAPI(analysis, r.defaultTags)
	// The script is downloaded only when its version is not the one in the state: after an upload
	// outside Terraform, and on import (no version yet). A refresh of an unchanged analysis stays
	// one request.
	if analysis.Version != "" && !knownVersion.Equal(state.Version) {
		script, err := r.client.Analyses.DownloadScript(ctx, id, string(analysis.Version))
		if err != nil {
			addReadError(&resp.Diagnostics, analysisKind+" script", id, err)
			return
		}
		state.Source, state.SourceSHA256 = sourceFromAPI(script)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *analysisResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var newRunOn bool // TagoIO issues a new token: an external analysis may need its own route to show it
	updateThenRead(ctx, req, resp, analysisKind, func(ctx context.Context, id string, plan, state *analysisModel, diags *diag.Diagnostics) error {
		update, d := plan.toUpdate(ctx, *state)
		diags.Append(d...)
		if diags.HasError() {
			return nil
		}
		if !update.IsEmpty() {
			if err := r.client.Analyses.Update(ctx, id, update); err != nil {
				return err
			}
		}
		newRunOn, plan.Token = update.RunOn != nil, state.Token
		if plan.Source.IsUnknown() {
			plan.Source = state.Source
		}
		if !plan.Source.IsNull() && !plan.Source.Equal(state.Source) {
			if err := r.upload(ctx, id, *plan); err != nil {
				addUpdateError(diags, analysisKind+" script", id, err)
				return nil
			}
		}
		plan.SourceSHA256 = sourceHash(plan.Source)
		return nil
	}, func(ctx context.Context, id string, plan *analysisModel, diags *diag.Diagnostics) error {
		analysis, err := r.client.Analyses.Get(ctx, id)
		if err != nil {
			return err
		}
		plan.fromAPI(analysis, r.defaultTags)
		if newRunOn && analysis.Token == "" && analysis.RunOn == "external" {
			// GET /analysis/{id} did not show the new token; an external analysis has its own route for it.
			token, err := r.client.Analyses.Token(ctx, id)
			if err != nil {
				addReadError(diags, analysisKind+" token", id, err)
				return nil
			}
			plan.Token = stringOrNull(&token)
		}
		return nil
	})
}

func (r *analysisResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, analysisKind, r.client.Analyses.Delete)
}

// ImportState takes the analysis ID. The first refresh downloads the script into source.
func (r *analysisResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObjectID(ctx, req, resp, analysisKind)
}

// upload sends plan.Source as the analysis script.
func (r *analysisResource) upload(ctx context.Context, id string, plan analysisModel) error {
	runtime := plan.Runtime.ValueString()
	return r.client.Analyses.UploadScript(ctx, id, client.ScriptUpload{
		Content:  []byte(plan.Source.ValueString()),
		FileName: scriptFileName(runtime),
		Language: runtime,
	})
}

// scriptFileName names the uploaded script after its runtime, as the TagoIO admin does.
func scriptFileName(runtime string) string {
	switch {
	case strings.HasPrefix(runtime, "python"):
		return "script.py"
	case strings.HasPrefix(runtime, "deno"):
		return "script.ts"
	}
	return "script.js"
}

// sourceFromAPI maps a downloaded script to source and source_sha256. A script that is not UTF-8
// text (saved by another tool in another encoding) cannot be a Terraform string without being
// altered: source stays null, so the script stays as it is unless the configuration sets one, and
// source_sha256 is the hash of its bytes.
func sourceFromAPI(script []byte) (source, sha types.String) {
	if !utf8.Valid(script) {
		sum := sha256.Sum256(script)
		return types.StringNull(), types.StringValue(hex.EncodeToString(sum[:]))
	}
	source = types.StringValue(string(script))
	return source, sourceHash(source)
}

// sourceHash is the hex SHA-256 of a script; null for no script and unknown for an unknown one.
func sourceHash(source types.String) types.String {
	if source.IsUnknown() {
		return types.StringUnknown()
	}
	if source.IsNull() {
		return types.StringNull()
	}
	sum := sha256.Sum256([]byte(source.ValueString()))
	return types.StringValue(hex.EncodeToString(sum[:]))
}

// fromAPI maps an analysis read from the API onto the model; Create, Read, Update, import and the
// data source all use it. The script (source) is not part of GET /analysis/{id}. The token is
// kept when the answer has none.
func (m *analysisFields) fromAPI(a *client.Analysis) {
	m.ID = types.StringValue(a.ID)
	m.Name = types.StringValue(a.Name)
	m.Description = stringOrNull(a.Description)
	m.Active = types.BoolValue(a.Active)
	m.RunOn = types.StringValue(a.RunOn)
	m.Runtime = stringOrNull(a.Runtime)
	m.Interval = types.StringNull()
	if !client.IsIntervalNever(a.Interval) {
		m.Interval = types.StringValue(*a.Interval)
	}
	env := make(map[string]attr.Value, len(a.Variables))
	for _, v := range a.Variables {
		env[v.Key] = types.StringValue(v.Value) // a key repeated by another client: the last one wins
	}
	m.Environment = types.MapValueMust(types.StringType, env)
	m.Tags = tagsFromAPI(a.Tags)
	if a.Token != "" {
		m.Token = types.StringValue(a.Token)
	}
	m.Version = stringOrNull((*string)(&a.Version))
	m.CreatedAt = types.StringValue(a.CreatedAt)
	m.UpdatedAt = types.StringValue(a.UpdatedAt)
}

// toCreate builds the POST /analysis body.
func (m *analysisModel) toCreate(ctx context.Context) (client.AnalysisCreate, diag.Diagnostics) {
	tags, diags := tagsToAPI(ctx, m.TagsAll)
	vars, d := environmentToAPI(ctx, m.Environment)
	diags.Append(d...)
	body := client.AnalysisCreate{
		Name:        m.Name.ValueString(),
		Description: stringPtr(m.Description),
		Active:      boolPtr(m.Active),
		RunOn:       stringPtr(m.RunOn),
		Runtime:     stringPtr(m.Runtime),
		Interval:    stringPtr(m.Interval),
		Variables:   vars,
		Tags:        tags,
	}
	if !m.Source.IsNull() && !m.Source.IsUnknown() {
		name := scriptFileName(m.Runtime.ValueString())
		body.FileName = &name
	}
	return body, diags
}

// toUpdate builds a PUT body with only what changed from state. Runtime never reaches here: it
// forces replacement.
func (m *analysisModel) toUpdate(ctx context.Context, state analysisModel) (client.AnalysisUpdate, diag.Diagnostics) {
	var diags diag.Diagnostics
	u := client.AnalysisUpdate{
		Name:        stringChange(m.Name, state.Name),
		Description: stringChange(m.Description, state.Description),
		Active:      boolChange(m.Active, state.Active),
		RunOn:       stringChange(m.RunOn, state.RunOn),
	}
	if !m.Interval.Equal(state.Interval) {
		interval := client.IntervalNever
		if !m.Interval.IsNull() {
			interval = m.Interval.ValueString()
		}
		u.Interval = &interval
	}
	if !m.Environment.IsUnknown() && !m.Environment.Equal(state.Environment) {
		vars, d := environmentToAPI(ctx, m.Environment)
		diags.Append(d...)
		u.Variables = &vars
	}
	u.Tags = tagsChange(ctx, m.TagsAll, state.TagsAll, &diags)
	return u, diags
}

// environmentToAPI maps the environment map to the API's list, ordered by name so that the same
// map always sends the same body.
func environmentToAPI(ctx context.Context, env types.Map) ([]client.AnalysisVariable, diag.Diagnostics) {
	vars := []client.AnalysisVariable{}
	if env.IsNull() || env.IsUnknown() {
		return vars, nil
	}
	var values map[string]string
	diags := env.ElementsAs(ctx, &values, false)
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		vars = append(vars, client.AnalysisVariable{Key: k, Value: values[k]})
	}
	return vars, diags
}

// fromAPI is analysisFields.fromAPI with the provider's default tags told apart from the object's own.
func (m *analysisModel) fromAPI(in *client.Analysis, defaults tagDefaults) {
	prior := m.Tags
	m.analysisFields.fromAPI(in)
	m.Tags, m.TagsAll = defaults.split(in.Tags, prior)
}
