package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure   = &dashboardWidgetResource{}
	_ resource.ResourceWithImportState = &dashboardWidgetResource{}
)

const (
	widgetKind      = "dashboard widget"
	arrangementKind = "dashboard arrangement"
)

// widgetTypes are the widget types TagoIO's SDK knows (docs/api-notes.md §2.9: the SDK migration module,
// plus gauge and summary seen by the MCP server), then the legacy types that module still
// converts from, which older dashboards hold. TagoIO takes any type, so another value plans with
// a warning rather than an error.
var widgetTypes = []string{
	"angular", "area_chart", "card", "clock", "compose", "control", "cylinder", "dial", "display",
	"dynamic_table", "form", "gauge", "grainbin", "heat_map", "horizontal_bar_chart", "icon", "iframe",
	"image", "image_marker", "keypad", "line_chart", "map", "multiple_axis_chart", "note", "pie",
	"push_button", "semidonut", "solid", "static_table", "step_button", "summary", "tile",
	"vertical_bar_chart", "video", "vu-meter",
	"chart", "custom", "incremental_button", "input", "layer", "media", "table",
}

// widgetQueries are the data queries a widget's data source may use (docs/api-notes.md §2.9, SDK 12.3.1).
var widgetQueries = []string{
	"min", "max", "count", "avg", "sum", "last_value", "last_item", "last_insert", "aggregate", "conditional",
}

// widgetResourceViews are the device columns a device-list widget can show, besides tags.<key>
// and param.<key> (docs/api-notes.md §2.9).
var widgetResourceViews = []string{
	"name", "id", "bucket_name", "network_name", "connector_name", "connector", "network", "bucket",
	"last_input", "created_at", "active",
}

var tagOrParamPattern = regexp.MustCompile(`^(tags|param)\.\S+$`)

// maxDataQty is the largest qty a data query takes (docs/api-notes.md §5).
const maxDataQty = 10000

// NewDashboardWidgetResource is the tagoio_dashboard_widget resource.
func NewDashboardWidgetResource() resource.Resource { return &dashboardWidgetResource{} }

type dashboardWidgetResource struct {
	client *client.Client
}

// widgetFields are the attributes of a widget, shared by the resource and the data sources.
type widgetFields struct {
	ID          types.String         `tfsdk:"id"`
	DashboardID types.String         `tfsdk:"dashboard_id"`
	Label       types.String         `tfsdk:"label"`
	Type        types.String         `tfsdk:"type"`
	Realtime    types.Bool           `tfsdk:"realtime"`
	AnalysisRun types.String         `tfsdk:"analysis_run"`
	Data        types.List           `tfsdk:"data"`
	Resource    types.List           `tfsdk:"resource"`
	Display     jsontypes.Normalized `tfsdk:"display"`
	Position    types.Object         `tfsdk:"position"`
}

type dashboardWidgetModel struct {
	widgetFields
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

type widgetDataModel struct {
	Origin    types.String `tfsdk:"origin"`
	Variables types.List   `tfsdk:"variables"`
	Qty       types.Int64  `tfsdk:"qty"`
	Query     types.String `tfsdk:"query"`
	Timezone  types.String `tfsdk:"timezone"`
	Bucket    types.String `tfsdk:"bucket"`
	StartDate types.String `tfsdk:"start_date"`
	EndDate   types.String `tfsdk:"end_date"`
	Overwrite types.Bool   `tfsdk:"overwrite"`
}

type widgetResourceModel struct {
	Type     types.String `tfsdk:"type"`
	Filter   types.List   `tfsdk:"filter"`
	View     types.String `tfsdk:"view"`
	Editable types.String `tfsdk:"editable"`
}

type widgetPositionModel struct {
	X      types.Float64 `tfsdk:"x"`
	Y      types.Float64 `tfsdk:"y"`
	Width  types.Float64 `tfsdk:"width"`
	Height types.Float64 `tfsdk:"height"`
	Tab    types.String  `tfsdk:"tab"`
}

var (
	widgetDataAttrTypes = map[string]attr.Type{
		"origin": types.StringType, "variables": types.ListType{ElemType: types.StringType}, "qty": types.Int64Type,
		"query": types.StringType, "timezone": types.StringType, "bucket": types.StringType,
		"start_date": types.StringType, "end_date": types.StringType, "overwrite": types.BoolType,
	}
	widgetResourceAttrTypes = map[string]attr.Type{
		"type": types.StringType, "filter": types.ListType{ElemType: tagObjectType}, "view": types.StringType, "editable": types.StringType,
	}
	widgetPositionAttrTypes = map[string]attr.Type{
		"x": types.Float64Type, "y": types.Float64Type, "width": types.Float64Type, "height": types.Float64Type, "tab": types.StringType,
	}
)

func (r *dashboardWidgetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dashboard_widget"
}

func (r *dashboardWidgetResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	gridNumber := func(desc string) schema.Float64Attribute {
		return schema.Float64Attribute{MarkdownDescription: desc, Required: true, Validators: []validator.Float64{float64validator.AtLeast(0)}}
	}
	optionalText := func(desc string, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true,
			Validators: append([]validator.String{stringvalidator.LengthAtLeast(1)}, validators...)}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A widget of a TagoIO dashboard, with its place on the dashboard's grid. TagoIO keeps the places of all " +
			"widgets in one list on the dashboard (its arrangement) and replaces that whole list on every edit; each widget resource " +
			"owns its own entry: it adds it on create, moves it on update and removes it on delete, and the provider serializes " +
			"these edits per dashboard so that widgets created in parallel keep their places. Widgets placed by hand or by another " +
			"tool keep theirs too.\n\n" +
			"Refreshing a widget reads the widget and its dashboard's arrangement; the widgets of one dashboard share one read of " +
			"the dashboard per Terraform operation.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Widget ID (24 hexadecimal characters)."),
			"dashboard_id": schema.StringAttribute{
				MarkdownDescription: "ID of the dashboard the widget belongs to. Changing it replaces the widget.",
				Required:            true,
				Validators:          []validator.String{validate.ObjectID()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"label": schema.StringAttribute{
				MarkdownDescription: "Title shown on the widget; may be empty (`\"\"`), as TagoIO allows.",
				Required:            true,
				Validators:          []validator.String{validate.NoControlCharacters()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "Widget type, such as " + markdownList(widgetTypes) + " (the last ones are legacy types " +
					"older dashboards still hold). TagoIO takes any type: another value plans with a warning. TagoIO cannot " +
					"change a widget's type: changing it replaces the widget.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1), validate.KnownValue(widgetTypes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"realtime": schema.BoolAttribute{
				MarkdownDescription: "Whether the widget updates live as data arrives. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"analysis_run": schema.StringAttribute{
				MarkdownDescription: "ID of the analysis the widget runs (forms, dynamic tables and buttons).",
				Optional:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"data": schema.ListNestedAttribute{
				MarkdownDescription: "Where the widget's data comes from: one entry per device (or blueprint device) and its variables, in order.",
				Optional:            true,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"origin": schema.StringAttribute{
						MarkdownDescription: "ID of the device (or, on a blueprint dashboard, of the blueprint device) to read.",
						Required:            true,
						Validators:          []validator.String{validate.ObjectID()},
					},
					"variables": schema.ListAttribute{
						MarkdownDescription: "Variables to read, in order.",
						Optional:            true,
						ElementType:         types.StringType,
						Validators: []validator.List{listvalidator.SizeAtLeast(1),
							listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
					},
					"qty": schema.Int64Attribute{
						MarkdownDescription: fmt.Sprintf("How many records to read, 1 to %d.", maxDataQty),
						Optional:            true,
						Validators:          []validator.Int64{int64validator.Between(1, maxDataQty)},
					},
					"query": schema.StringAttribute{
						MarkdownDescription: "Data query: " + markdownList(widgetQueries) + ".",
						Optional:            true,
						Validators:          []validator.String{stringvalidator.OneOf(widgetQueries...)},
					},
					"timezone": optionalText("Time zone of the query's dates, such as `America/Sao_Paulo`.", validate.Timezone()),
					"bucket": optionalText("ID of the data store (bucket) to read; for today's devices it is the device ID.",
						validate.ObjectID()),
					"start_date": optionalText("Start of the period to read: an ISO-8601 date or a relative time such as `1 day`.",
						widgetDate()),
					"end_date": optionalText("End of the period to read: an ISO-8601 date or a relative time such as `1 hour`.",
						widgetDate()),
					"overwrite": schema.BoolAttribute{
						MarkdownDescription: "The entry's `overwrite` flag (a boolean in TagoIO's SDK).",
						Optional:            true,
					},
				}},
			},
			"resource": schema.ListNestedAttribute{
				MarkdownDescription: "Device lists shown by device-list widgets (such as dynamic tables), in order.",
				Optional:            true,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						MarkdownDescription: "What the list holds: `device` (the only kind TagoIO has). Defaults to `device`.",
						Optional:            true,
						Computed:            true,
						Default:             stringdefault.StaticString("device"),
						Validators:          []validator.String{stringvalidator.OneOf("device")},
					},
					"filter": schema.ListNestedAttribute{
						MarkdownDescription: "Only devices having every one of these tags. Defaults to none (every device).",
						Optional:            true,
						Computed:            true,
						Default:             listdefault.StaticValue(types.ListValueMust(tagObjectType, []attr.Value{})),
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"key":   schema.StringAttribute{MarkdownDescription: "Tag key.", Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
							"value": schema.StringAttribute{MarkdownDescription: "Tag value.", Required: true},
						}},
					},
					"view": schema.StringAttribute{
						MarkdownDescription: "Column shown: " + markdownList(widgetResourceViews) + ", `tags.<key>` or `param.<key>`.",
						Required:            true,
						Validators: []validator.String{stringvalidator.Any(
							stringvalidator.OneOf(widgetResourceViews...), stringvalidator.RegexMatches(tagOrParamPattern, "must be tags.<key> or param.<key>"))},
					},
					"editable": optionalText("What the user may edit in the column: `name`, `tags.<key>` or `param.<key>`.",
						stringvalidator.Any(stringvalidator.OneOf("name"), stringvalidator.RegexMatches(tagOrParamPattern, "must be tags.<key> or param.<key>"))),
				}},
			},
			"display": schema.StringAttribute{
				MarkdownDescription: "The widget's type-specific settings as JSON (use `jsonencode({...})`); TagoIO documents them per widget " +
					"type, and the admin's widget JSON view shows them. Key order and whitespace never show as a change. " +
					"When unset, the widget keeps what TagoIO gives it.",
				Optional:      true,
				Computed:      true,
				CustomType:    jsontypes.NormalizedType{},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), keepEquivalentJSON()},
			},
			"position": schema.SingleNestedAttribute{
				MarkdownDescription: "Where the widget sits on the dashboard's grid, in grid units; fractions are allowed (the admin " +
					"writes values such as `2.3333333333333335`). A position removed outside Terraform is put back by the next apply. " +
					"Left unset, the place is not managed: a widget created without one is not placed on the grid, and a widget " +
					"imported while it is not on the grid (not in the dashboard's arrangement) stays unplaced, with a null " +
					"position, until the configuration gives one.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"x":      gridNumber("Column of the widget's left edge (0 or more)."),
					"y":      gridNumber("Row of the widget's top edge (0 or more)."),
					"width":  gridNumber("Width in grid columns (0 or more)."),
					"height": gridNumber("Height in grid rows (0 or more)."),
					"tab":    optionalText("Key of the dashboard tab the widget is on (see the dashboard's `tabs`); unset for the first tab."),
				},
			},
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *dashboardWidgetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// Create posts the widget, places it on the grid (one read and one write of the dashboard's
// arrangement, under the dashboard's lock) and reads it back.
func (r *dashboardWidgetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan dashboardWidgetModel
	ctx, cancel, ok := openModel(ctx, req.Plan, &plan, createTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	body, diags := plan.toCreate(ctx)
	resp.Diagnostics.Append(diags...)
	position, diags := positionToAPI(ctx, plan.Position)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	dashboardID := plan.DashboardID.ValueString()
	created, err := r.client.Widgets.Create(ctx, dashboardID, body)
	if err != nil {
		addCreateError(&resp.Diagnostics, widgetKind, err)
		return
	}
	id := created.ID
	if created.UnknownOutcomes > 0 {
		addUnplacedWidgetCopyWarning(&resp.Diagnostics, dashboardID, body.Label, id, created.UnknownOutcomes)
	}
	tflog.Info(ctx, "created TagoIO dashboard widget", map[string]any{"id": id, "dashboard_id": dashboardID, "label": body.Label})
	// Save the id at once: if placing or reading the widget fails, it is still in the state.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("dashboard_id"), dashboardID)...)

	placed := positionSet(plan.Position)
	position.WidgetID = id
	if placed {
		if !r.place(ctx, dashboardID, position, &resp.Diagnostics) {
			return
		}
	}
	if r.readBack(ctx, dashboardID, id, &plan, entryIf(placed, &position), &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

// Read is one GET of the widget plus its dashboard's arrangement, which the widgets of one
// dashboard share (see readArrangement).
func (r *dashboardWidgetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state dashboardWidgetModel
	ctx, cancel, ok := openModel(ctx, req.State, &state, readTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, dashboardID := state.ID.ValueString(), state.DashboardID.ValueString()
	widget, err := r.client.Widgets.Get(ctx, dashboardID, id)
	if err == nil {
		var entries []client.ArrangementEntry
		if entries, err = readArrangement(ctx, r.client, dashboardID); err == nil {
			state.fromAPI(widget, dashboardID, arrangementEntryOf(entries, id))
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			return
		}
	}
	// err is set here; a 404 means the widget, or its whole dashboard, was deleted outside Terraform.
	readFailed(ctx, resp, widgetKind, id, err)
}

// Update sends the widget's changed settings, moves its grid entry when the position changed,
// and reads the widget back.
func (r *dashboardWidgetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state dashboardWidgetModel
	ctx, cancel, ok := openUpdate(ctx, req, &plan, &state, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, dashboardID := state.ID.ValueString(), state.DashboardID.ValueString()

	update, changed, diags := plan.toUpdate(ctx, state)
	resp.Diagnostics.Append(diags...)
	position, diags := positionToAPI(ctx, plan.Position)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if changed {
		if err := r.client.Widgets.Update(ctx, dashboardID, id, update); err != nil {
			addUpdateError(&resp.Diagnostics, widgetKind, id, err)
			return
		}
	}
	placed := positionSet(plan.Position)
	position.WidgetID = id
	if placed && !plan.Position.Equal(state.Position) {
		if !r.place(ctx, dashboardID, position, &resp.Diagnostics) {
			return
		}
	}
	if r.readBack(ctx, dashboardID, id, &plan, entryIf(placed, &position), &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

// positionSet reports a planned position; without one the widget's place is left alone.
func positionSet(position types.Object) bool {
	return !position.IsNull() && !position.IsUnknown()
}

func entryIf(placed bool, entry *client.ArrangementEntry) *client.ArrangementEntry {
	if !placed {
		return nil
	}
	return entry
}

// Delete deletes the widget, then removes its grid entry (the API leaves it behind).
func (r *dashboardWidgetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state dashboardWidgetModel
	ctx, cancel, ok := openModel(ctx, req.State, &state, deleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, dashboardID := state.ID.ValueString(), state.DashboardID.ValueString()
	if err := r.client.Widgets.Delete(ctx, dashboardID, id); err != nil && !client.IsNotFound(err) {
		addDeleteError(&resp.Diagnostics, widgetKind, id, err)
		return
	}
	err := modifyArrangement(ctx, r.client, dashboardID, func(entries []client.ArrangementEntry) ([]client.ArrangementEntry, bool) {
		return withoutArrangementEntry(entries, id)
	})
	if err != nil && !client.IsNotFound(err) { // a deleted dashboard has no arrangement left to clean
		addUpdateError(&resp.Diagnostics, arrangementKind, dashboardID, err)
	}
}

// ImportState takes `<dashboard_id>/<widget_id>`: a widget is only reachable through its dashboard.
func (r *dashboardWidgetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	const format = "`<dashboard_id>/<widget_id>`, two TagoIO IDs (24 lowercase hexadecimal characters each), " +
		"e.g. 6230e392f5772600124c81da/623c79da5a13360011819b1d"
	dashboardID, widgetID, ok := strings.Cut(req.ID, "/")
	if !ok || !validate.IsObjectID(dashboardID) || !validate.IsObjectID(widgetID) {
		addImportIDError(&resp.Diagnostics, widgetKind, format, req.ID)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), widgetID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("dashboard_id"), dashboardID)...)
}

// place puts the widget at position in its dashboard's arrangement.
func (r *dashboardWidgetResource) place(ctx context.Context, dashboardID string, position client.ArrangementEntry, diags *diag.Diagnostics) bool {
	err := modifyArrangement(ctx, r.client, dashboardID, func(entries []client.ArrangementEntry) ([]client.ArrangementEntry, bool) {
		return withArrangementEntry(entries, position), true
	})
	if err != nil {
		addUpdateError(diags, arrangementKind, dashboardID, err)
	}
	return err == nil
}

// readBack reads the widget after a write into m, with the arrangement entry it was given.
func (r *dashboardWidgetResource) readBack(ctx context.Context, dashboardID, id string, m *dashboardWidgetModel,
	entry *client.ArrangementEntry, diags *diag.Diagnostics) bool {
	widget, err := r.client.Widgets.Get(ctx, dashboardID, id)
	if err != nil {
		addReadError(diags, widgetKind, id, err)
		return false
	}
	m.fromAPI(widget, dashboardID, entry)
	return true
}

// fromAPI maps a widget and its arrangement entry (nil: not on the grid) onto the model; Create,
// Read, Update, import and the data sources all use it.
func (m *widgetFields) fromAPI(w *client.Widget, dashboardID string, entry *client.ArrangementEntry) {
	m.ID = types.StringValue(w.ID)
	m.DashboardID = types.StringValue(dashboardID)
	m.Label = types.StringValue(w.Label)
	m.Type = types.StringValue(w.Type)
	m.Realtime = boolOr(w.Realtime, false) // null and false mean the same: not live
	m.AnalysisRun = stringOrNull(w.AnalysisRun)
	m.Data = widgetDataFromAPI(w.Data)
	m.Resource = widgetResourcesFromAPI(w.Resource)
	m.Display = jsonOrNull(w.Display)
	m.Position = positionFromAPI(entry)
}

// toCreate builds the POST body.
func (m *dashboardWidgetModel) toCreate(ctx context.Context) (client.WidgetCreate, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := client.WidgetCreate{
		Label:       m.Label.ValueString(),
		Type:        m.Type.ValueString(),
		Realtime:    boolPtr(m.Realtime),
		AnalysisRun: stringPtr(m.AnalysisRun),
		Data:        widgetDataToAPI(ctx, m.Data, &diags),
		Resource:    widgetResourcesToAPI(ctx, m.Resource, &diags),
	}
	if !m.Display.IsNull() && !m.Display.IsUnknown() {
		body.Display = json.RawMessage(m.Display.ValueString())
	}
	return body, diags
}

// toUpdate builds a PUT body with what changed from state (each one replaces the whole field),
// and reports whether anything did. analysis_run is always part of it (see client.WidgetUpdate).
func (m *dashboardWidgetModel) toUpdate(ctx context.Context, state dashboardWidgetModel) (client.WidgetUpdate, bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	u := client.WidgetUpdate{
		Label:       stringChange(m.Label, state.Label),
		Realtime:    boolChange(m.Realtime, state.Realtime),
		AnalysisRun: stringPtr(m.AnalysisRun),
	}
	changed := u.Label != nil || u.Realtime != nil || !m.AnalysisRun.Equal(state.AnalysisRun)
	if !m.Data.Equal(state.Data) {
		data := widgetDataToAPI(ctx, m.Data, &diags)
		u.Data, changed = &data, true
	}
	if !m.Resource.Equal(state.Resource) {
		resources := widgetResourcesToAPI(ctx, m.Resource, &diags)
		u.Resource, changed = &resources, true
	}
	if !m.Display.IsUnknown() && !m.Display.IsNull() && !m.Display.Equal(state.Display) {
		u.Display, changed = json.RawMessage(m.Display.ValueString()), true
	}
	return u, changed, diags
}

func widgetDataToAPI(ctx context.Context, list types.List, diags *diag.Diagnostics) []client.WidgetData {
	return nestedListToAPI(ctx, list, diags, func(d widgetDataModel) client.WidgetData {
		var variables []string
		diags.Append(d.Variables.ElementsAs(ctx, &variables, false)...)
		item := client.WidgetData{
			Origin:    d.Origin.ValueString(),
			Variables: variables,
			Qty:       int64Ptr(d.Qty),
			Query:     stringPtr(d.Query),
			Timezone:  stringPtr(d.Timezone),
			Bucket:    stringPtr(d.Bucket),
			StartDate: stringPtr(d.StartDate),
			EndDate:   stringPtr(d.EndDate),
		}
		if !d.Overwrite.IsNull() && !d.Overwrite.IsUnknown() {
			item.Overwrite = json.RawMessage(fmt.Sprint(d.Overwrite.ValueBool()))
		}
		return item
	})
}

// widgetDataFromAPI keeps the API's order; no data maps to null (the schema refuses an empty list).
func widgetDataFromAPI(data []client.WidgetData) types.List {
	return nestedListFromAPI(widgetDataAttrTypes, data, func(d client.WidgetData) map[string]attr.Value {
		variables := types.ListNull(types.StringType)
		if len(d.Variables) > 0 {
			values := make([]attr.Value, 0, len(d.Variables))
			for _, v := range d.Variables {
				values = append(values, types.StringValue(v))
			}
			variables = types.ListValueMust(types.StringType, values)
		}
		return map[string]attr.Value{
			"origin":     types.StringValue(d.Origin),
			"variables":  variables,
			"qty":        int64OrNull(d.Qty),
			"query":      stringOrNull(d.Query),
			"timezone":   stringOrNull(d.Timezone),
			"bucket":     stringOrNull(d.Bucket),
			"start_date": stringOrNull(d.StartDate),
			"end_date":   stringOrNull(d.EndDate),
			"overwrite":  overwriteFromAPI(d.Overwrite),
		}
	})
}

func widgetResourcesToAPI(ctx context.Context, list types.List, diags *diag.Diagnostics) []client.WidgetResource {
	return nestedListToAPI(ctx, list, diags, func(m widgetResourceModel) client.WidgetResource {
		filter, d := tagsToAPI(ctx, m.Filter)
		diags.Append(d...)
		return client.WidgetResource{
			Type: m.Type.ValueString(), Filter: filter, View: m.View.ValueString(), Editable: stringPtr(m.Editable),
		}
	})
}

func widgetResourcesFromAPI(resources []client.WidgetResource) types.List {
	return nestedListFromAPI(widgetResourceAttrTypes, resources, func(r client.WidgetResource) map[string]attr.Value {
		kind := r.Type
		if kind == "" {
			kind = "device" // the only kind; older widgets leave it out
		}
		return map[string]attr.Value{
			"type": types.StringValue(kind), "filter": tagsFromAPI(r.Filter), "view": types.StringValue(r.View),
			"editable": stringOrNull(r.Editable),
		}
	})
}

// overwriteFromAPI reads data[].overwrite, a boolean in the SDK's types (docs/api-notes.md leaves it
// untyped): anything else maps to null rather than failing the read.
func overwriteFromAPI(raw json.RawMessage) types.Bool {
	var b bool
	if len(raw) == 0 || json.Unmarshal(raw, &b) != nil {
		return types.BoolNull()
	}
	return types.BoolValue(b)
}

// positionToAPI builds the widget's arrangement entry (without its widget id) from the plan.
func positionToAPI(ctx context.Context, obj types.Object) (client.ArrangementEntry, diag.Diagnostics) {
	if !positionSet(obj) {
		return client.ArrangementEntry{}, nil
	}
	var p widgetPositionModel
	diags := obj.As(ctx, &p, basetypes.ObjectAsOptions{})
	return client.ArrangementEntry{
		X: p.X.ValueFloat64(), Y: p.Y.ValueFloat64(), Width: p.Width.ValueFloat64(), Height: p.Height.ValueFloat64(),
		Tab: stringPtr(p.Tab),
	}, diags
}

// positionFromAPI maps an arrangement entry; nil (not on the grid) maps to null, which the next
// plan shows as a change back to the configured position.
func positionFromAPI(e *client.ArrangementEntry) types.Object {
	if e == nil {
		return types.ObjectNull(widgetPositionAttrTypes)
	}
	return types.ObjectValueMust(widgetPositionAttrTypes, map[string]attr.Value{
		"x": types.Float64Value(e.X), "y": types.Float64Value(e.Y),
		"width": types.Float64Value(e.Width), "height": types.Float64Value(e.Height),
		"tab": stringOrNull(e.Tab),
	})
}

// jsonOrNull maps free-form JSON from the API; absent and null map to null.
func jsonOrNull(raw json.RawMessage) jsontypes.Normalized {
	if len(raw) == 0 || string(raw) == "null" {
		return jsontypes.NewNormalizedNull()
	}
	return jsontypes.NewNormalizedValue(string(raw))
}

// keepEquivalentJSON plans the state's JSON text when the configuration holds the same JSON
// written differently (key order, whitespace), so that neither reformatting the configuration
// nor importing a widget shows as a change. The normalized type only covers what the API
// answers, not what the configuration says.
func keepEquivalentJSON() planmodifier.String {
	return keepEquivalentJSONModifier{"Keeps the state's JSON when the configured JSON is equivalent."}
}

type keepEquivalentJSONModifier struct{ describedAs }

func (keepEquivalentJSONModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	if sameJSON(req.PlanValue.ValueString(), req.StateValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

// sameJSON reports two JSON texts with the same content: key order, whitespace and the way a
// number is written (1e21, 1000000000000000000000, 1.50, 1.5) do not matter, the numbers' exact
// values do. The API may answer a number in exponent form where jsonencode writes it out.
func sameJSON(a, b string) bool {
	decode := func(s string) (any, bool) {
		d := json.NewDecoder(strings.NewReader(s))
		d.UseNumber()
		var v any
		if d.Decode(&v) != nil || d.More() {
			return nil, false
		}
		return v, true
	}
	va, okA := decode(a)
	vb, okB := decode(b)
	return okA && okB && sameJSONValue(va, vb)
}

func sameJSONValue(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, v := range a {
			if w, found := b[k]; !found || !sameJSONValue(v, w) {
				return false
			}
		}
		return true
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !sameJSONValue(a[i], b[i]) {
				return false
			}
		}
		return true
	case json.Number:
		b, ok := b.(json.Number)
		if !ok {
			return false
		}
		ra, okA := new(big.Rat).SetString(string(a))
		rb, okB := new(big.Rat).SetString(string(b))
		return okA && okB && ra.Cmp(rb) == 0
	default:
		return a == b // string, bool or nil
	}
}

// markdownList renders values as `a`, `b` or `c`.
func markdownList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}

// widgetDate accepts the dates a widget's data query takes: an ISO-8601 date or date-time,
// "YYYY-MM-DD HH:mm:ss", or a relative time such as "1 day" (docs/api-notes.md §1.9).
func widgetDate() validator.String { return widgetDateValidator{widgetDateRule} }

type widgetDateValidator struct{ describedAs }

const widgetDateRule = "must be an ISO-8601 date (2024-01-31 or 2024-01-31T12:00:00Z), \"YYYY-MM-DD HH:mm:ss\", " +
	"or \"<number> <unit>\" such as \"1 day\" or \"6 hours\""

func (widgetDateValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if _, ok := validate.ParseRelative(s); ok {
		return
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02", "2006-01-02 15:04:05"} {
		if _, err := time.Parse(layout, s); err == nil {
			return
		}
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid attribute value",
		fmt.Sprintf("Attribute %s %s, got: %q.", req.Path, widgetDateRule, s))
}
