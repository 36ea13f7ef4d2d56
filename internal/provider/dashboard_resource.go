package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
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
	_ resource.ResourceWithModifyPlan     = &dashboardResource{}
	_ resource.ResourceWithConfigure      = &dashboardResource{}
	_ resource.ResourceWithImportState    = &dashboardResource{}
	_ resource.ResourceWithValidateConfig = &dashboardResource{}
)

const dashboardKind = "dashboard"

// Enumerations of a dashboard (docs/api-notes.md §2.8).
var (
	dashboardTypes             = []string{"dashboard", "blueprint"}
	blueprintDeviceTypes       = []string{"device", "entity"}
	blueprintDeviceBehaviors   = []string{"more_than_one", "always"}
	blueprintSelectorBehaviors = []string{"open", "closed", "always_open", "always_closed"}
	blueprintFilterTypes       = []string{"tag_match"}
)

// NewDashboardResource is the tagoio_dashboard resource.
func NewDashboardResource() resource.Resource { return &dashboardResource{} }

type dashboardResource struct {
	client      *client.Client
	defaultTags tagDefaults
}

// dashboardFields are the attributes read from GET /dashboard/{id}, shared by the resource and
// the data source. The arrangement is not one of them: the widgets own it.
type dashboardFields struct {
	ID                        types.String         `tfsdk:"id"`
	Label                     types.String         `tfsdk:"label"`
	Type                      types.String         `tfsdk:"type"`
	Visible                   types.Bool           `tfsdk:"visible"`
	Tags                      types.List           `tfsdk:"tags"`
	Tabs                      types.List           `tfsdk:"tabs"`
	GroupBy                   types.List           `tfsdk:"group_by"`
	Icon                      types.Object         `tfsdk:"icon"`
	BlueprintDevices          types.List           `tfsdk:"blueprint_devices"`
	BlueprintDeviceBehavior   types.String         `tfsdk:"blueprint_device_behavior"`
	BlueprintSelectorBehavior types.String         `tfsdk:"blueprint_selector_behavior"`
	Theme                     jsontypes.Normalized `tfsdk:"theme"`
	Background                jsontypes.Normalized `tfsdk:"background"`
	Setup                     jsontypes.Normalized `tfsdk:"setup"`
	CreatedAt                 types.String         `tfsdk:"created_at"`
	UpdatedAt                 types.String         `tfsdk:"updated_at"`
}

type dashboardModel struct {
	dashboardFields
	TagsAll  types.List     `tfsdk:"tags_all"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

type dashboardTabModel struct {
	Key    types.String `tfsdk:"key"`
	Value  types.String `tfsdk:"value"`
	Link   types.String `tfsdk:"link"`
	Hidden types.Bool   `tfsdk:"hidden"`
}

type dashboardIconModel struct {
	URL   types.String `tfsdk:"url"`
	Color types.String `tfsdk:"color"`
}

type blueprintDeviceModel struct {
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	Label            types.String `tfsdk:"label"`
	Type             types.String `tfsdk:"type"`
	Conditions       types.List   `tfsdk:"conditions"`
	FilterConditions types.List   `tfsdk:"filter_conditions"`
}

type blueprintFilterModel struct {
	Type            types.String `tfsdk:"type"`
	TagKey          types.String `tfsdk:"tag_key"`
	BlueprintDevice types.String `tfsdk:"blueprint_device"`
}

var (
	dashboardTabAttrTypes    = map[string]attr.Type{"key": types.StringType, "value": types.StringType, "link": types.StringType, "hidden": types.BoolType}
	dashboardIconAttrTypes   = map[string]attr.Type{"url": types.StringType, "color": types.StringType}
	blueprintFilterAttrTypes = map[string]attr.Type{"type": types.StringType, "tag_key": types.StringType, "blueprint_device": types.StringType}
	blueprintDeviceAttrs     = map[string]attr.Type{
		"id": types.StringType, "name": types.StringType, "label": types.StringType, "type": types.StringType,
		"conditions":        types.ListType{ElemType: tagObjectType},
		"filter_conditions": types.ListType{ElemType: types.ObjectType{AttrTypes: blueprintFilterAttrTypes}},
	}
	dashboardTabObjectType    = types.ObjectType{AttrTypes: dashboardTabAttrTypes}
	blueprintDeviceObjectType = types.ObjectType{AttrTypes: blueprintDeviceAttrs}
	blueprintFilterObjectType = types.ObjectType{AttrTypes: blueprintFilterAttrTypes}
)

func (r *dashboardResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dashboard"
}

func (r *dashboardResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	emptyList := func(elem attr.Type) defaults.List {
		return listdefault.StaticValue(types.ListValueMust(elem, []attr.Value{}))
	}
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A TagoIO dashboard: its label, tabs, sidebar settings and, for blueprint dashboards, the device slots " +
			"its widgets read from. The dashboard does not manage where widgets sit (its arrangement): each " +
			"`tagoio_dashboard_widget` owns its own place, and an update of the dashboard never sends the arrangement, so it " +
			"never moves or drops a widget.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Dashboard ID (24 hexadecimal characters)."),
			"label": schema.StringAttribute{
				MarkdownDescription: "Dashboard title.",
				Required:            true,
				Validators:          append([]validator.String{validate.NoControlCharacters()}, nonEmpty...),
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "`dashboard` (default) or `blueprint` (one dashboard for many devices, picked in a selector).",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString("dashboard"),
				Validators:          []validator.String{stringvalidator.OneOf(dashboardTypes...)},
			},
			"visible": schema.BoolAttribute{
				MarkdownDescription: "Whether the dashboard is listed in the sidebar (it stays reachable from the dashboard list). Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"tags":     tagsResourceAttribute("dashboard"),
			"tags_all": tagsAllResourceAttribute("dashboard"),
			"tabs": schema.ListNestedAttribute{
				MarkdownDescription: "Tabs, in order. Widgets are placed on a tab by its `key`. Defaults to none (one unnamed tab).",
				Optional:            true,
				Computed:            true,
				Default:             emptyList(dashboardTabObjectType),
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key": schema.StringAttribute{
						MarkdownDescription: "Tab key, unique in the dashboard (the admin uses a timestamp such as `1648142133869`).",
						Required:            true,
						Validators:          nonEmpty,
					},
					"value": schema.StringAttribute{MarkdownDescription: "Tab title.", Required: true, Validators: nonEmpty},
					"link": schema.StringAttribute{
						MarkdownDescription: "Link the tab opens instead of its widgets.",
						Optional:            true,
						Validators:          nonEmpty,
					},
					"hidden": schema.BoolAttribute{
						MarkdownDescription: "Whether the tab is hidden. Defaults to `false`.",
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(false),
					},
				}},
			},
			"group_by": schema.ListAttribute{
				MarkdownDescription: "Tag keys the sidebar groups dashboards by, in order. Defaults to none.",
				Optional:            true,
				Computed:            true,
				ElementType:         types.StringType,
				Default:             emptyList(types.StringType),
				Validators:          []validator.List{listvalidator.ValueStringsAre(nonEmpty...)},
			},
			"icon": schema.SingleNestedAttribute{
				MarkdownDescription: "Sidebar icon.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"url":   schema.StringAttribute{MarkdownDescription: "Icon image URL (SVG or PNG).", Required: true, Validators: []validator.String{validate.HTTPURL()}},
					"color": schema.StringAttribute{MarkdownDescription: "Icon color, such as `hsl(328, 89%, 47%)`.", Optional: true, Validators: nonEmpty},
				},
			},
			"blueprint_devices": schema.ListNestedAttribute{
				MarkdownDescription: "Blueprint dashboards only: the device slots, in order. The user picks a device for each slot, " +
					"and widgets whose data `origin` is a slot's `id` show that device's data. Defaults to none.",
				Optional: true,
				Computed: true,
				Default:  emptyList(blueprintDeviceObjectType),
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": schema.StringAttribute{
						MarkdownDescription: "Slot ID, chosen by you (24 lowercase hexadecimal characters, unique in the dashboard); " +
							"widgets refer to the slot by it.",
						Required:   true,
						Validators: []validator.String{validate.ObjectID()},
					},
					"name": schema.StringAttribute{
						MarkdownDescription: "Slot name, unique in the dashboard; `filter_conditions` refer to slots by it.",
						Required:            true,
						Validators:          nonEmpty,
					},
					"label": schema.StringAttribute{MarkdownDescription: "Label of the slot's selector.", Optional: true, Validators: nonEmpty},
					"type": schema.StringAttribute{
						MarkdownDescription: "What the slot holds: `device` (default) or `entity`.",
						Optional:            true,
						Computed:            true,
						Default:             stringdefault.StaticString("device"),
						Validators:          []validator.String{stringvalidator.OneOf(blueprintDeviceTypes...)},
					},
					"conditions": schema.ListNestedAttribute{
						MarkdownDescription: "Tags a device must have to fit the slot. Defaults to none.",
						Optional:            true,
						Computed:            true,
						Default:             emptyList(tagObjectType),
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"key":   schema.StringAttribute{MarkdownDescription: "Tag key.", Required: true, Validators: nonEmpty},
							"value": schema.StringAttribute{MarkdownDescription: "Tag value.", Required: true},
						}},
					},
					"filter_conditions": schema.ListNestedAttribute{
						MarkdownDescription: "Narrow the slot to devices sharing a tag value with the device picked in another slot. Defaults to none.",
						Optional:            true,
						Computed:            true,
						Default:             emptyList(blueprintFilterObjectType),
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"type": schema.StringAttribute{
								MarkdownDescription: "Kind of filter: `tag_match` (the only one). Defaults to `tag_match`.",
								Optional:            true,
								Computed:            true,
								Default:             stringdefault.StaticString("tag_match"),
								Validators:          []validator.String{stringvalidator.OneOf(blueprintFilterTypes...)},
							},
							"tag_key":          schema.StringAttribute{MarkdownDescription: "Tag key whose values must match.", Required: true, Validators: nonEmpty},
							"blueprint_device": schema.StringAttribute{MarkdownDescription: "`name` of the other slot.", Required: true, Validators: nonEmpty},
						}},
					},
				}},
			},
			"blueprint_device_behavior": schema.StringAttribute{
				MarkdownDescription: "Blueprint dashboards only: when the device selector shows, `more_than_one` (only when several devices fit) or `always`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(blueprintDeviceBehaviors...)},
			},
			"blueprint_selector_behavior": schema.StringAttribute{
				MarkdownDescription: "Blueprint dashboards only: how the device selector opens: " + markdownList(blueprintSelectorBehaviors) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(blueprintSelectorBehaviors...)},
			},
			"theme":      dashboardJSONAttribute("The dashboard's colors and styles, as the admin's dashboard JSON shows them."),
			"background": dashboardJSONAttribute("The dashboard's background (image or color settings)."),
			"setup": dashboardJSONAttribute("Setup settings of a dashboard distributed to other accounts or " +
				"duplicated with a setup (TagoIO keeps them as given)."),
			"created_at": createdAtAttribute(),
			"updated_at": updatedAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *dashboardResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
	r.defaultTags = defaultTagsFrom(req.ProviderData)
}

// ValidateConfig checks the rules that tie attributes together, at plan time.
func (r *dashboardResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m dashboardModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !m.Type.IsUnknown() && m.Type.ValueString() != "blueprint" {
		dashboardType := "dashboard"
		if !m.Type.IsNull() {
			dashboardType = m.Type.ValueString()
		}
		for name, v := range map[string]attr.Value{
			"blueprint_devices": m.BlueprintDevices, "blueprint_device_behavior": m.BlueprintDeviceBehavior,
			"blueprint_selector_behavior": m.BlueprintSelectorBehavior,
		} {
			if list, ok := v.(types.List); ok && !list.IsNull() && !list.IsUnknown() && len(list.Elements()) == 0 {
				continue // an explicit empty list is the default anyway
			}
			if !v.IsNull() {
				// TagoIO stores and returns them on any dashboard (an imported one may hold them), so
				// they plan, with a warning that only blueprint dashboards use them.
				resp.Diagnostics.AddAttributeWarning(path.Root(name), "Unused "+name,
					fmt.Sprintf("%s applies only to dashboards of type \"blueprint\"; this dashboard's type is %q. TagoIO keeps the "+
						"setting but does not use it.", name, dashboardType))
			}
		}
	}
	if !m.Tabs.IsNull() && !m.Tabs.IsUnknown() {
		var tabs []dashboardTabModel
		resp.Diagnostics.Append(m.Tabs.ElementsAs(ctx, &tabs, false)...)
		keys := make([]types.String, 0, len(tabs))
		for _, t := range tabs {
			keys = append(keys, t.Key)
		}
		checkUnique(path.Root("tabs"), "key", keys, &resp.Diagnostics)
	}
	if !m.BlueprintDevices.IsNull() && !m.BlueprintDevices.IsUnknown() {
		r.validateBlueprintDevices(ctx, m.BlueprintDevices, &resp.Diagnostics)
	}
}

// validateBlueprintDevices checks that slot ids and names are unique and that every filter
// condition names another slot.
func (r *dashboardResource) validateBlueprintDevices(ctx context.Context, list types.List, diags *diag.Diagnostics) {
	var devices []blueprintDeviceModel
	diags.Append(list.ElementsAs(ctx, &devices, false)...)
	if diags.HasError() {
		return
	}
	ids := make([]types.String, 0, len(devices))
	names := make([]types.String, 0, len(devices))
	known := map[string]bool{}
	for _, d := range devices {
		ids, names = append(ids, d.ID), append(names, d.Name)
		if d.Name.IsUnknown() {
			return // a name known only at apply: the references cannot be checked now
		}
		known[d.Name.ValueString()] = true
	}
	checkUnique(path.Root("blueprint_devices"), "id", ids, diags)
	checkUnique(path.Root("blueprint_devices"), "name", names, diags)
	for i, d := range devices {
		if d.FilterConditions.IsNull() || d.FilterConditions.IsUnknown() {
			continue
		}
		var filters []blueprintFilterModel
		diags.Append(d.FilterConditions.ElementsAs(ctx, &filters, false)...)
		for j, f := range filters {
			if f.BlueprintDevice.IsUnknown() || f.BlueprintDevice.IsNull() {
				continue
			}
			target := f.BlueprintDevice.ValueString()
			if !known[target] || target == d.Name.ValueString() {
				diags.AddAttributeError(
					path.Root("blueprint_devices").AtListIndex(i).AtName("filter_conditions").AtListIndex(j).AtName("blueprint_device"),
					"Unknown blueprint device",
					fmt.Sprintf("blueprint_device must be the name of another of this dashboard's blueprint_devices (%s), got: %q.",
						strings.Join(otherNames(known, d.Name.ValueString()), ", "), target))
			}
		}
	}
}

func otherNames(known map[string]bool, self string) []string {
	var out []string
	for name := range known {
		if name != self {
			out = append(out, fmt.Sprintf("%q", name))
		}
	}
	if len(out) == 0 {
		return []string{"none"}
	}
	slices.Sort(out)
	return out
}

// checkUnique reports the second element of list whose field repeats an earlier one.
func checkUnique(list path.Path, field string, values []types.String, diags *diag.Diagnostics) {
	seen := map[string]int{}
	for i, v := range values {
		if v.IsNull() || v.IsUnknown() {
			continue
		}
		if first, dup := seen[v.ValueString()]; dup {
			diags.AddAttributeError(list.AtListIndex(i).AtName(field), "Duplicate "+field,
				fmt.Sprintf("Each %s must be unique: %q is used by elements %d and %d.", field, v.ValueString(), first, i))
			continue
		}
		seen[v.ValueString()] = i
	}
}

func (r *dashboardResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createThenRead(ctx, req, resp, dashboardKind, postBody((*dashboardModel).toCreate, r.client.Dashboards.Create), r.readBack())
}

func (r *dashboardResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, dashboardKind, func(ctx context.Context, id string, state *dashboardModel, _ *diag.Diagnostics) error {
		dashboard, err := r.client.Dashboards.Get(ctx, id)
		if err == nil {
			state.fromAPI(dashboard, r.defaultTags)
			rememberArrangement(ctx, r.client, id, dashboard.Arrangement) // its widgets' refreshes reuse it
		}
		return err
	})
}

// Update sends only what changed, and never the arrangement (see client.DashboardUpdate).
func (r *dashboardResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateThenRead(ctx, req, resp, dashboardKind, putChanges((*dashboardModel).toUpdate, r.client.Dashboards.Update), r.readBack())
}

func (r *dashboardResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, dashboardKind, r.client.Dashboards.Delete)
}

// ImportState takes the dashboard ID.
func (r *dashboardResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObjectID(ctx, req, resp, dashboardKind)
}

// readBack is the one GET of Create, Read and Update.
func (r *dashboardResource) readBack() readBackFunc[dashboardModel] {
	return getThenTagged(r.client.Dashboards.Get, (*dashboardModel).fromAPI, r.defaultTags)
}

// fromAPI maps a dashboard read from the API onto the model; Create, Read, Update, import and
// the data source all use it. Lists keep the API's order; absent lists map to empty ones (the
// schema's defaults), an empty icon to null.
func (m *dashboardFields) fromAPI(d *client.Dashboard) {
	m.ID = types.StringValue(d.ID)
	m.Label = types.StringValue(d.Label)
	m.Type = types.StringValue(d.Type)
	if d.Type == "" {
		m.Type = types.StringValue("dashboard")
	}
	m.Visible = boolOr(d.Visible, true)
	m.Tags = tagsFromAPI(d.Tags)
	m.Tabs = tabsFromAPI(d.Tabs)
	groupBy := make([]attr.Value, 0, len(d.GroupBy))
	for _, g := range d.GroupBy {
		groupBy = append(groupBy, types.StringValue(g))
	}
	m.GroupBy = types.ListValueMust(types.StringType, groupBy)
	m.Icon = types.ObjectNull(dashboardIconAttrTypes)
	if d.Icon != nil && d.Icon.URL != "" {
		m.Icon = types.ObjectValueMust(dashboardIconAttrTypes, map[string]attr.Value{
			"url": types.StringValue(d.Icon.URL), "color": stringOrNull(&d.Icon.Color),
		})
	}
	m.BlueprintDevices = blueprintDevicesFromAPI(d.BlueprintDevices)
	m.BlueprintDeviceBehavior = stringOrNull(d.BlueprintDeviceBehavior)
	m.BlueprintSelectorBehavior = stringOrNull(d.BlueprintSelectorBehavior)
	m.Theme = jsonOrNull(d.Theme)
	m.Background = jsonOrNull(d.Background)
	m.Setup = jsonOrNull(d.Setup)
	m.CreatedAt = types.StringValue(d.CreatedAt)
	m.UpdatedAt = stringOrNull(&d.UpdatedAt)
}

// dashboardJSONAttribute is a free-form JSON setting of a dashboard (TagoIO documents no fixed
// shape): when unset, the dashboard keeps what TagoIO has.
func dashboardJSONAttribute(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc + " JSON (use `jsonencode({...})`); key order and whitespace never show as a change. " +
			"When unset, the dashboard keeps what TagoIO has.",
		Optional:      true,
		Computed:      true,
		CustomType:    jsontypes.NormalizedType{},
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), keepEquivalentJSON()},
	}
}

// jsonToAPI is a configured JSON setting as the API takes it; nil when not configured.
func jsonToAPI(v jsontypes.Normalized) json.RawMessage {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return json.RawMessage(v.ValueString())
}

// jsonChange is the JSON to send when the setting changed; nil otherwise.
func jsonChange(plan, state jsontypes.Normalized) *json.RawMessage {
	raw := jsonToAPI(plan)
	if raw == nil || plan.Equal(state) {
		return nil
	}
	return &raw
}

func tabsFromAPI(tabs []client.DashboardTab) types.List {
	elems := make([]attr.Value, 0, len(tabs))
	for _, t := range tabs {
		elems = append(elems, types.ObjectValueMust(dashboardTabAttrTypes, map[string]attr.Value{
			"key": types.StringValue(t.Key), "value": types.StringValue(t.Value),
			"link": stringOrNull(t.Link), "hidden": boolOr(t.Hidden, false),
		}))
	}
	return types.ListValueMust(dashboardTabObjectType, elems)
}

func blueprintDevicesFromAPI(devices []client.BlueprintDevice) types.List {
	elems := make([]attr.Value, 0, len(devices))
	for _, d := range devices {
		conditions := make([]client.Tag, 0, len(d.Conditions))
		for _, c := range d.Conditions {
			conditions = append(conditions, client.Tag(c))
		}
		filters := make([]attr.Value, 0, len(d.FilterConditions))
		for _, f := range d.FilterConditions {
			kind := f.Type
			if kind == "" {
				kind = "tag_match"
			}
			filters = append(filters, types.ObjectValueMust(blueprintFilterAttrTypes, map[string]attr.Value{
				"type": types.StringValue(kind), "tag_key": types.StringValue(f.TagKey), "blueprint_device": types.StringValue(f.BlueprintDevice),
			}))
		}
		kind := types.StringValue("device")
		if d.Type != nil && *d.Type != "" {
			kind = types.StringValue(*d.Type)
		}
		elems = append(elems, types.ObjectValueMust(blueprintDeviceAttrs, map[string]attr.Value{
			"id": types.StringValue(d.ID), "name": types.StringValue(d.Name), "label": stringOrNull(d.Label), "type": kind,
			"conditions":        tagsFromAPI(conditions),
			"filter_conditions": types.ListValueMust(blueprintFilterObjectType, filters),
		}))
	}
	return types.ListValueMust(blueprintDeviceObjectType, elems)
}

// toCreate builds the POST /dashboard body; it never carries an arrangement.
func (m *dashboardModel) toCreate(ctx context.Context) (client.DashboardCreate, diag.Diagnostics) {
	var diags diag.Diagnostics
	tags, d := tagsToAPI(ctx, m.TagsAll)
	diags.Append(d...)
	return client.DashboardCreate{
		Label:                     m.Label.ValueString(),
		Type:                      m.Type.ValueString(),
		Visible:                   boolPtr(m.Visible),
		Tags:                      tags,
		Tabs:                      tabsToAPI(ctx, m.Tabs, &diags),
		GroupBy:                   stringsToAPI(ctx, m.GroupBy, &diags),
		Icon:                      iconToAPI(ctx, m.Icon, &diags),
		BlueprintDevices:          blueprintDevicesToAPI(ctx, m.BlueprintDevices, &diags),
		BlueprintDeviceBehavior:   stringPtr(m.BlueprintDeviceBehavior),
		BlueprintSelectorBehavior: stringPtr(m.BlueprintSelectorBehavior),
		Theme:                     jsonToAPI(m.Theme),
		Background:                jsonToAPI(m.Background),
		Setup:                     jsonToAPI(m.Setup),
	}, diags
}

// toUpdate builds a PUT body with only what changed from state.
func (m *dashboardModel) toUpdate(ctx context.Context, state dashboardModel) (client.DashboardUpdate, diag.Diagnostics) {
	var diags diag.Diagnostics
	u := client.DashboardUpdate{
		Label:   stringChange(m.Label, state.Label),
		Type:    stringChange(m.Type, state.Type),
		Visible: boolChange(m.Visible, state.Visible),
	}
	u.Tags = tagsChange(ctx, m.TagsAll, state.TagsAll, &diags)
	if !m.Tabs.Equal(state.Tabs) {
		tabs := tabsToAPI(ctx, m.Tabs, &diags)
		u.Tabs = &tabs
	}
	if !m.GroupBy.Equal(state.GroupBy) {
		groupBy := stringsToAPI(ctx, m.GroupBy, &diags)
		u.GroupBy = &groupBy
	}
	if !m.Icon.Equal(state.Icon) {
		u.Icon = iconToAPI(ctx, m.Icon, &diags)
		if u.Icon == nil {
			u.Icon = &client.DashboardIcon{} // {} is how the API says "no icon"
		}
	}
	if !m.BlueprintDevices.Equal(state.BlueprintDevices) {
		devices := blueprintDevicesToAPI(ctx, m.BlueprintDevices, &diags)
		u.BlueprintDevices = &devices
	}
	u.BlueprintDeviceBehavior = nullableChange(m.BlueprintDeviceBehavior, state.BlueprintDeviceBehavior)
	u.BlueprintSelectorBehavior = nullableChange(m.BlueprintSelectorBehavior, state.BlueprintSelectorBehavior)
	u.Theme, u.Background, u.Setup = jsonChange(m.Theme, state.Theme), jsonChange(m.Background, state.Background), jsonChange(m.Setup, state.Setup)
	return u, diags
}

// nullableChange returns the value to send when an optional enumeration changed: the new value,
// null to clear it, or nil when it did not change.
func nullableChange(plan, state types.String) *client.Nullable[string] {
	if plan.IsUnknown() || plan.Equal(state) {
		return nil
	}
	if plan.IsNull() {
		return &client.Nullable[string]{Null: true}
	}
	return &client.Nullable[string]{Value: plan.ValueString()}
}

func tabsToAPI(ctx context.Context, list types.List, diags *diag.Diagnostics) []client.DashboardTab {
	return nestedListToAPI(ctx, list, diags, func(t dashboardTabModel) client.DashboardTab {
		return client.DashboardTab{
			Key: t.Key.ValueString(), Value: t.Value.ValueString(), Link: stringPtr(t.Link), Hidden: boolPtr(t.Hidden),
		}
	})
}

func iconToAPI(ctx context.Context, obj types.Object, diags *diag.Diagnostics) *client.DashboardIcon {
	if obj.IsNull() || obj.IsUnknown() {
		return nil
	}
	var icon dashboardIconModel
	diags.Append(obj.As(ctx, &icon, basetypes.ObjectAsOptions{})...)
	return &client.DashboardIcon{URL: icon.URL.ValueString(), Color: icon.Color.ValueString()}
}

func blueprintDevicesToAPI(ctx context.Context, list types.List, diags *diag.Diagnostics) []client.BlueprintDevice {
	return nestedListToAPI(ctx, list, diags, func(d blueprintDeviceModel) client.BlueprintDevice {
		conditions, dd := tagsToAPI(ctx, d.Conditions)
		diags.Append(dd...)
		device := client.BlueprintDevice{
			ID: d.ID.ValueString(), Name: d.Name.ValueString(), Label: stringPtr(d.Label), Type: stringPtr(d.Type),
			Conditions: make([]client.BlueprintCondition, 0, len(conditions)),
			FilterConditions: nestedListToAPI(ctx, d.FilterConditions, diags, func(f blueprintFilterModel) client.BlueprintFilterCondition {
				return client.BlueprintFilterCondition{
					Type: f.Type.ValueString(), TagKey: f.TagKey.ValueString(), BlueprintDevice: f.BlueprintDevice.ValueString(),
				}
			}),
		}
		for _, c := range conditions {
			device.Conditions = append(device.Conditions, client.BlueprintCondition(c))
		}
		return device
	})
}

// ModifyPlan computes tags_all from tags and the provider's default tags.
func (r *dashboardResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.defaultTags.planTagsAll(ctx, req, resp)
}

// fromAPI is dashboardFields.fromAPI with the provider's default tags told apart from the object's own.
func (m *dashboardModel) fromAPI(in *client.Dashboard, defaults tagDefaults) {
	prior := m.Tags
	m.dashboardFields.fromAPI(in)
	m.Tags, m.TagsAll = defaults.split(in.Tags, prior)
}
