package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure      = &actionResource{}
	_ resource.ResourceWithImportState    = &actionResource{}
	_ resource.ResourceWithValidateConfig = &actionResource{}
	_ resource.ResourceWithModifyPlan     = &actionResource{}
)

const actionKind = "action"

// NewActionResource is the tagoio_action resource.
func NewActionResource() resource.Resource { return &actionResource{} }

type actionResource struct {
	client      *client.Client
	defaultTags tagDefaults
}

// actionFields are the attributes read from GET /action/{id}, shared by the resource and the
// data source.
type actionFields struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	Description       types.String `tfsdk:"description"`
	Active            types.Bool   `tfsdk:"active"`
	Lock              types.Bool   `tfsdk:"lock"`
	TriggerWhenUnlock types.Bool   `tfsdk:"trigger_when_unlock"`
	Type              types.String `tfsdk:"type"`
	Trigger           types.List   `tfsdk:"trigger"`
	Action            types.Object `tfsdk:"action"`
	Tags              types.List   `tfsdk:"tags"`
	CreatedAt         types.String `tfsdk:"created_at"`
	UpdatedAt         types.String `tfsdk:"updated_at"`
}

type actionModel struct {
	actionFields
	TagsAll  types.List     `tfsdk:"tags_all"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// actionTriggerModel is one trigger item: the union of every family's attributes.
type actionTriggerModel struct {
	Device            types.String  `tfsdk:"device"`
	Variable          types.String  `tfsdk:"variable"`
	Is                types.String  `tfsdk:"is"`
	Value             types.String  `tfsdk:"value"`
	SecondValue       types.String  `tfsdk:"second_value"`
	ValueType         types.String  `tfsdk:"value_type"`
	Unlock            types.Bool    `tfsdk:"unlock"`
	Geofence          types.Object  `tfsdk:"geofence"`
	Resource          types.String  `tfsdk:"resource"`
	When              types.String  `tfsdk:"when"`
	TagKey            types.String  `tfsdk:"tag_key"`
	TagValue          types.String  `tfsdk:"tag_value"`
	Topic             types.String  `tfsdk:"topic"`
	Interval          types.String  `tfsdk:"interval"`
	Cron              types.String  `tfsdk:"cron"`
	Timezone          types.String  `tfsdk:"timezone"`
	ServiceOrResource types.String  `tfsdk:"service_or_resource"`
	Condition         types.String  `tfsdk:"condition"`
	ConditionValue    types.Float64 `tfsdk:"condition_value"`
}

type geofenceModel struct {
	Center      types.List    `tfsdk:"center"`
	Radius      types.Float64 `tfsdk:"radius"`
	Coordinates types.List    `tfsdk:"coordinates"`
}

// actionSpecModel is the action object: its kind and the union of every kind's attributes.
type actionSpecModel struct {
	Type             types.String `tfsdk:"type"`
	Script           types.List   `tfsdk:"script"`
	Subject          types.String `tfsdk:"subject"`
	Message          types.String `tfsdk:"message"`
	To               types.String `tfsdk:"to"`
	RunUser          types.String `tfsdk:"run_user"`
	Topic            types.String `tfsdk:"topic"`
	Payload          types.String `tfsdk:"payload"`
	Device           types.String `tfsdk:"device"`
	URL              types.String `tfsdk:"url"`
	Headers          types.Map    `tfsdk:"headers"`
	From             types.String `tfsdk:"from"`
	TwilioSID        types.String `tfsdk:"twilio_sid"`
	TwilioToken      types.String `tfsdk:"twilio_token"`
	SendgridAPIKey   types.String `tfsdk:"sendgrid_api_key"`
	SMTPSecret       types.String `tfsdk:"smtp_secret"`
	SQSSecret        types.String `tfsdk:"sqs_secret"`
	ContentSID       types.String `tfsdk:"content_sid"`
	ContentVariables types.List   `tfsdk:"content_variables"`
	BatchEnabled     types.Bool   `tfsdk:"batch_enabled"`
}

var (
	float64ListType   = types.ListType{ElemType: types.Float64Type}
	geofenceAttrTypes = map[string]attr.Type{
		"center": float64ListType, "radius": types.Float64Type, "coordinates": types.ListType{ElemType: float64ListType},
	}
	actionTriggerAttrTypes = map[string]attr.Type{
		"device": types.StringType, "variable": types.StringType, "is": types.StringType, "value": types.StringType,
		"second_value": types.StringType, "value_type": types.StringType, "unlock": types.BoolType,
		"geofence": types.ObjectType{AttrTypes: geofenceAttrTypes}, "resource": types.StringType, "when": types.StringType,
		"tag_key": types.StringType, "tag_value": types.StringType, "topic": types.StringType, "interval": types.StringType,
		"cron":     types.StringType,
		"timezone": types.StringType, "service_or_resource": types.StringType, "condition": types.StringType,
		"condition_value": types.Float64Type,
	}
	actionTriggerObjectType  = types.ObjectType{AttrTypes: actionTriggerAttrTypes}
	contentVariableAttrTypes = map[string]attr.Type{"name": types.StringType, "value": types.StringType}
	actionSpecAttrTypes      = map[string]attr.Type{
		"type": types.StringType, "script": types.ListType{ElemType: types.StringType}, "subject": types.StringType,
		"message": types.StringType, "to": types.StringType, "run_user": types.StringType, "topic": types.StringType,
		"payload": types.StringType, "device": types.StringType, "url": types.StringType,
		"headers": types.MapType{ElemType: types.StringType}, "from": types.StringType, "twilio_sid": types.StringType,
		"twilio_token": types.StringType, "sendgrid_api_key": types.StringType, "smtp_secret": types.StringType,
		"sqs_secret": types.StringType, "content_sid": types.StringType,
		"content_variables": types.ListType{ElemType: types.ObjectType{AttrTypes: contentVariableAttrTypes}},
		"batch_enabled":     types.BoolType,
	}
)

// Descriptions shared by the resource and the data source schemas.
var (
	actionTypeDescription = "Trigger family: `condition` (a device variable meets a condition), `condition_geofence` (a device " +
		"enters or leaves an area), `resource` (an object is created, updated or deleted), `interval` (every N minutes, hours, ...), " +
		"`schedule` (a cron expression), `usage_alert` (an account usage limit) or `mqtt_topic` (a message on an MQTT topic)."
	triggerDescriptions = map[string]string{
		"device": "`condition`, `condition_geofence`: ID of the device whose data is watched (or set `tag_key` and `tag_value` " +
			"to watch every device with that tag).",
		"variable": "`condition`, `condition_geofence`: the variable watched.",
		"is": "`condition`: the operator, one of `<`, `>`, `=`, `!` (not equal), `><` (between `value` and `second_value`) or `*` (any value); " +
			"`condition_geofence`: `IN` or `OUT`.",
		"value":        "`condition`: the value compared (as text, e.g. `\"30\"`); not needed with `is = \"*\"`.",
		"second_value": "`condition`: the upper bound, only with `is = \"><\"` (between).",
		"value_type":   "`condition`: how the value is compared: `string`, `number`, `boolean` or `*`.",
		"unlock": "`condition`, `condition_geofence`: `true` makes this item an unlock (reset) condition: after firing, a locked action " +
			"fires again only once an unlock item has matched. Defaults to `false`.",
		"geofence": "`condition_geofence`: the area, either a circle (`center` and `radius`) or a polygon (`coordinates`).",
		"resource": "`resource`: the kind of object watched: `device`, `bucket`, `file`, `analysis`, `action`, `am`, `user`, `financial` or `profile`.",
		"when":     "`resource`: the event: `create`, `update` or `delete`.",
		"tag_key": "`resource`: only objects with this tag key. `condition`, `condition_geofence`, `mqtt_topic`: watch the devices " +
			"with this tag key (instead of `device`).",
		"tag_value": "With `tag_key`: the tag value.",
		"topic": "`mqtt_topic`: the MQTT topic listened to. Trigger items are optional for `mqtt_topic`: without them, set the " +
			"topic in `action.topic`.",
		"interval": "`interval`: how often, as `<number> <unit>` with unit minute(s), hour(s), day(s), week(s), month(s), quarter(s) " +
			"or year(s); at least `1 minute`.",
		"cron":     "`schedule`: a 5-field cron expression (minute hour day-of-month month day-of-week), e.g. `0 8 * * 1-5`.",
		"timezone": "`schedule`: the IANA timezone of the cron expression, e.g. `America/New_York` or `UTC`.",
		"service_or_resource": "`usage_alert`: the usage watched: `input`, `output`, `analysis`, `data_records`, `sms`, `email`, `run_users`, " +
			"`push_notification`, `file_storage`, `device`, `dashboard`, `action`, `tcore`, `team_members` or `am`.",
		"condition":       "`usage_alert`: `=` or `>`.",
		"condition_value": "`usage_alert`: the usage amount compared.",
	}
	geofenceDescriptions = map[string]string{
		"center":      "Circle center as `[longitude, latitude]`.",
		"radius":      "Circle radius in kilometres.",
		"coordinates": "Polygon vertices, each `[longitude, latitude]`; at least 3.",
	}
	actionSpecDescriptions = map[string]string{
		"type": "What the action does: `script` (run analyses), `notification` (TagoIO notification), `notification_run` (notification " +
			"to a TagoRUN user), `email`, `sms`, `mqtt` (publish), `post` (HTTP POST), `sms-twilio`, `whatsapp-twilio`, `email-sendgrid`, " +
			"`email-smtp` or `queue-sqs`. Each kind takes its own attributes; the plan fails on a missing or foreign one.",
		"script":   "`script`: IDs of the analyses to run.",
		"subject":  "`notification`, `notification_run`, `email`, `email-sendgrid`, `email-smtp`: the subject.",
		"message":  "The message (every kind that sends one). May use `$VARIABLE$`, `$VALUE$`, `$UNIT$`, `$TIME$`, `$LOCATION$`, `$DEVICE$`.",
		"to":       "`email`, `sms` and the third-party kinds: the recipient (e-mail address or phone number).",
		"run_user": "`notification_run`: ID of the TagoRUN user notified.",
		"topic":    "`mqtt`: the topic published to. With `type = \"mqtt_topic\"`: the topic the action listens to.",
		"payload":  "`mqtt`: the payload published.",
		"device":   "`mqtt`: ID of the device the message is published to (sent to TagoIO as `bucket`).",
		"url":      "`post`: the URL the data is posted to.",
		"headers": "`post`: HTTP headers sent with the POST. Sensitive: they usually carry credentials. **Left unset (or " +
			"`null`, as `terraform plan -generate-config-out` writes it for a sensitive value) it keeps the headers TagoIO has**, " +
			"so importing an action never deletes them; to remove them all, set `headers = {}`.",
		"from":              "Third-party kinds: the sender (phone number or e-mail address).",
		"twilio_sid":        "`sms-twilio`, `whatsapp-twilio`: ID of the TagoIO secret holding the Twilio account SID.",
		"twilio_token":      "`sms-twilio`, `whatsapp-twilio`: ID of the TagoIO secret holding the Twilio auth token.",
		"sendgrid_api_key":  "`email-sendgrid`: ID of the TagoIO secret holding the SendGrid API key.",
		"smtp_secret":       "`email-smtp`: ID of the TagoIO secret holding the SMTP settings.",
		"sqs_secret":        "`queue-sqs`: ID of the TagoIO secret holding the AWS SQS settings.",
		"content_sid":       "`whatsapp-twilio`: the Twilio content template SID.",
		"content_variables": "`whatsapp-twilio`: the template variables, as `{ name, value }` objects.",
		"batch_enabled":     "`queue-sqs`: whether messages are sent in batches. Defaults to `false`.",
	}
)

func (r *actionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_action"
}

func (r *actionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	str := func(name string, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: triggerDescriptions[name], Optional: true, Validators: validators}
	}
	spec := func(name string, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: actionSpecDescriptions[name], Optional: true, Validators: validators}
	}
	nonEmpty := stringvalidator.LengthAtLeast(1)
	resp.Schema = schema.Schema{
		MarkdownDescription: "A TagoIO action: when its trigger fires (`type` and `trigger`), it does what `action` says. " +
			"Every attribute is checked against the trigger family and the action kind at plan time.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("Action ID (24 hexadecimal characters)."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Action name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 100), validate.NoControlCharacters()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description.",
				Optional:            true,
				Validators:          []validator.String{nonEmpty},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the action fires. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"lock": schema.BoolAttribute{
				MarkdownDescription: "`condition` actions: after firing, fire again only once an unlock item (`unlock = true`) has matched. " +
					"Defaults to `false`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"trigger_when_unlock": schema.BoolAttribute{
				MarkdownDescription: "`condition` and `condition_geofence` actions: also fire when an unlock item matches. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"type": schema.StringAttribute{
				MarkdownDescription: actionTypeDescription,
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(actionTypes...)},
			},
			"trigger": schema.ListNestedAttribute{
				MarkdownDescription: "The trigger items, in order. Each item sets only the attributes of the action's `type` (noted on each " +
					"attribute); the plan fails on a missing or foreign one. Required for every type but `mqtt_topic`, whose items " +
					"(`topic` with `tag_key` and `tag_value`) are optional. `usage_alert` takes at most 10 items.",
				Optional: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"device":       str("device", validate.ObjectID()),
					"variable":     str("variable", nonEmpty),
					"is":           str("is", stringvalidator.OneOf(append(append([]string{}, conditionOperators...), geofenceOperators...)...)),
					"value":        str("value", nonEmpty),
					"second_value": str("second_value", nonEmpty),
					"value_type":   str("value_type", stringvalidator.OneOf(conditionValueType...)),
					"unlock": schema.BoolAttribute{
						MarkdownDescription: triggerDescriptions["unlock"],
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(false),
					},
					"geofence": schema.SingleNestedAttribute{
						MarkdownDescription: triggerDescriptions["geofence"],
						Optional:            true,
						Attributes: map[string]schema.Attribute{
							"center": schema.ListAttribute{
								MarkdownDescription: geofenceDescriptions["center"],
								Optional:            true,
								ElementType:         types.Float64Type,
								Validators:          []validator.List{listvalidator.SizeBetween(2, 2)},
							},
							"radius": schema.Float64Attribute{
								MarkdownDescription: geofenceDescriptions["radius"],
								Optional:            true,
								Validators:          []validator.Float64{float64validator.AtLeast(0.001)},
							},
							"coordinates": schema.ListAttribute{
								MarkdownDescription: geofenceDescriptions["coordinates"],
								Optional:            true,
								ElementType:         float64ListType,
								Validators:          []validator.List{listvalidator.SizeAtLeast(3)},
							},
						},
					},
					"resource":            str("resource", stringvalidator.OneOf(triggerResources...)),
					"when":                str("when", stringvalidator.OneOf(triggerResourceOps...)),
					"tag_key":             str("tag_key", nonEmpty),
					"tag_value":           str("tag_value", nonEmpty),
					"topic":               str("topic", nonEmpty),
					"interval":            str("interval", validate.RelativeTime(time.Minute)),
					"cron":                str("cron", cronExpression()),
					"timezone":            str("timezone", ianaTimezone()),
					"service_or_resource": str("service_or_resource", stringvalidator.OneOf(usageServices...)),
					"condition":           str("condition", stringvalidator.OneOf(usageConditions...)),
					"condition_value": schema.Float64Attribute{
						MarkdownDescription: triggerDescriptions["condition_value"],
						Optional:            true,
						Validators:          []validator.Float64{float64validator.AtLeast(0)},
					},
				}},
			},
			"action": schema.SingleNestedAttribute{
				MarkdownDescription: "What the action does when it fires: `type` and the attributes of that kind.",
				Required:            true,
				Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						MarkdownDescription: actionSpecDescriptions["type"],
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOf(actionKinds...)},
					},
					"script": schema.ListAttribute{
						MarkdownDescription: actionSpecDescriptions["script"],
						Optional:            true,
						ElementType:         types.StringType,
						Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(),
							listvalidator.ValueStringsAre(validate.ObjectID())},
					},
					"subject":  spec("subject", nonEmpty),
					"message":  spec("message", nonEmpty),
					"to":       spec("to", nonEmpty),
					"run_user": spec("run_user", validate.ObjectID()),
					"topic":    spec("topic", nonEmpty),
					"payload":  spec("payload", nonEmpty),
					"device":   spec("device", validate.ObjectID()),
					"url":      spec("url", validate.HTTPURL()),
					"headers": schema.MapAttribute{
						MarkdownDescription: actionSpecDescriptions["headers"],
						Optional:            true,
						Computed:            true,
						Sensitive:           true,
						ElementType:         types.StringType,
						Validators:          []validator.Map{mapvalidator.KeysAre(nonEmpty)},
						PlanModifiers:       []planmodifier.Map{keepHeadersModifier{"Unset headers keep the headers TagoIO has."}},
					},
					"from":             spec("from", nonEmpty),
					"twilio_sid":       spec("twilio_sid", validate.ObjectID()),
					"twilio_token":     spec("twilio_token", validate.ObjectID()),
					"sendgrid_api_key": spec("sendgrid_api_key", validate.ObjectID()),
					"smtp_secret":      spec("smtp_secret", validate.ObjectID()),
					"sqs_secret":       spec("sqs_secret", validate.ObjectID()),
					"content_sid":      spec("content_sid", nonEmpty),
					"content_variables": schema.ListNestedAttribute{
						MarkdownDescription: actionSpecDescriptions["content_variables"],
						Optional:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"name":  schema.StringAttribute{MarkdownDescription: "Variable name.", Required: true, Validators: []validator.String{nonEmpty}},
							"value": schema.StringAttribute{MarkdownDescription: "Variable value.", Required: true},
						}},
						// Twilio fills a template's variables by name: a repeated name would hide one value.
						Validators: []validator.List{validate.UniqueAttribute("name")},
					},
					"batch_enabled": schema.BoolAttribute{
						MarkdownDescription: actionSpecDescriptions["batch_enabled"],
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(false),
					},
				},
			},
			"tags":       tagsResourceAttribute("action"),
			"tags_all":   tagsAllResourceAttribute("action"),
			"created_at": createdAtAttribute(),
			"updated_at": updatedAtAttribute(),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *actionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
	r.defaultTags = defaultTagsFrom(req.ProviderData)
}

// ValidateConfig checks the trigger items against the trigger family and the action against its
// kind (action_validation.go).
func (r *actionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m actionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateActionConfig(ctx, m, &resp.Diagnostics)
}

// ModifyPlan keeps updated_at when the plan differs from the state only by the precision of
// numbers: an action imported with an import block holds the API's float64 (-46.630000000000003)
// while the configuration holds -46.63 exactly, and that alone must not plan an update.
func (r *actionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.defaultTags.planTagsAll(ctx, req, resp) // first: the comparison below sees the planned tags_all
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return // create or destroy
	}
	if !equalUpToFloat64(resp.Plan.Raw, req.State.Raw, "updated_at") {
		return
	}
	var updatedAt types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("updated_at"), &updatedAt)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("updated_at"), updatedAt)...)
}

func (r *actionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createThenRead(ctx, req, resp, actionKind, postBody((*actionModel).toCreate, r.client.Actions.Create), r.readBack())
}

func (r *actionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, actionKind, func(ctx context.Context, id string, state *actionModel, diags *diag.Diagnostics) error {
		if headers, ok := state.Action.Attributes()["headers"].(types.Map); ok {
			maskMapValues(r.client, headers) // before the answer that holds them can reach a log line
		}
		return r.readBack()(ctx, id, state, diags)
	})
}

func (r *actionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateThenRead(ctx, req, resp, actionKind, putChanges((*actionModel).toUpdate, r.client.Actions.Update), r.readBack())
}

func (r *actionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, actionKind, r.client.Actions.Delete)
}

// ImportState takes the action ID.
func (r *actionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !validate.IsObjectID(req.ID) {
		addImportIDError(&resp.Diagnostics, actionKind, "the action ID: 24 lowercase hexadecimal characters", req.ID)
		return
	}
	// Import the whole action rather than only its id. Terraform logs (TF_LOG=WARN and up) how a
	// refresh changed the state, and older versions (1.5 among them) print in full the values of
	// sensitive attributes nested in another one, such as action.headers; an imported state that
	// already holds the action leaves the refresh that follows nothing to report.
	action, err := r.client.Actions.Get(ctx, req.ID)
	if err != nil {
		addReadError(&resp.Diagnostics, actionKind, req.ID, err)
		return
	}
	state := actionModel{Timeouts: timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)}}
	state.fromAPI(action, r.defaultTags)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// readBack is the one GET of Create, Read and Update.
func (r *actionResource) readBack() readBackFunc[actionModel] {
	return func(ctx context.Context, id string, m *actionModel, _ *diag.Diagnostics) error {
		action, err := r.client.Actions.Get(ctx, id)
		if err == nil {
			prior := m.Action
			m.fromAPI(action, r.defaultTags)
			m.Action = keepEmptyHeaders(prior, m.Action)
		}
		return err
	}
}

// fromAPI maps an action read from the API onto the model; Create, Read, Update, import and the
// data source all use it. Empty texts, lists and maps map to null, and unset booleans to their
// defaults, so that what the configuration leaves out round-trips.
func (m *actionFields) fromAPI(a *client.Action) {
	m.ID = types.StringValue(a.ID)
	m.Name = types.StringValue(a.Name)
	m.Description = stringOrNull(a.Description)
	m.Active = types.BoolValue(a.Active)
	m.Lock = boolOr(a.Lock, false)
	m.TriggerWhenUnlock = boolOr(a.TriggerWhenUnlock, false)
	m.Type = types.StringValue(a.Type)
	m.Tags = tagsFromAPI(a.Tags)
	m.CreatedAt = types.StringValue(a.CreatedAt)
	m.UpdatedAt = types.StringValue(a.UpdatedAt)
	if len(a.Trigger) == 0 {
		m.Trigger = types.ListNull(actionTriggerObjectType)
	} else {
		items := make([]attr.Value, 0, len(a.Trigger))
		for _, t := range a.Trigger {
			items = append(items, triggerFromAPI(t))
		}
		m.Trigger = types.ListValueMust(actionTriggerObjectType, items)
	}
	m.Action = actionSpecFromAPI(a.Action)
}

func triggerFromAPI(t client.ActionTrigger) attr.Value {
	geofence := types.ObjectNull(geofenceAttrTypes)
	if g := t.Geofence; g != nil {
		center := types.ListNull(types.Float64Type)
		if len(g.Center) > 0 {
			center = float64List(g.Center)
		}
		coordinates := types.ListNull(float64ListType)
		if len(g.Coordinates) > 0 {
			points := make([]attr.Value, 0, len(g.Coordinates))
			for _, p := range g.Coordinates {
				points = append(points, float64List(p))
			}
			coordinates = types.ListValueMust(float64ListType, points)
		}
		geofence = types.ObjectValueMust(geofenceAttrTypes, map[string]attr.Value{
			"center": center, "radius": float64OrNull(g.Radius), "coordinates": coordinates,
		})
	}
	return types.ObjectValueMust(actionTriggerAttrTypes, map[string]attr.Value{
		"device": stringOrNull(t.Device), "variable": stringOrNull(t.Variable), "is": stringOrNull(t.Is),
		"value": stringOrNull(t.Value), "second_value": stringOrNull(t.SecondValue), "value_type": stringOrNull(t.ValueType),
		"unlock": boolOr(t.Unlock, false), "geofence": geofence,
		"resource": stringOrNull(t.Resource), "when": stringOrNull(t.When), "tag_key": stringOrNull(t.TagKey),
		"tag_value": stringOrNull(t.TagValue), "topic": stringOrNull(t.Topic), "interval": stringOrNull(t.Interval), "cron": stringOrNull(t.Cron),
		"timezone": stringOrNull(t.Timezone), "service_or_resource": stringOrNull(t.ServiceOrResource),
		"condition": stringOrNull(t.Condition), "condition_value": float64OrNull(t.ConditionValue),
	})
}

func actionSpecFromAPI(s client.ActionSpec) types.Object {
	script := types.ListNull(types.StringType)
	if len(s.Script) > 0 {
		ids := make([]attr.Value, 0, len(s.Script))
		for _, id := range s.Script {
			ids = append(ids, types.StringValue(id))
		}
		script = types.ListValueMust(types.StringType, ids)
	}
	headers := types.MapNull(types.StringType)
	if len(s.Headers) > 0 {
		values := make(map[string]attr.Value, len(s.Headers))
		for k, v := range s.Headers {
			values[k] = types.StringValue(v)
		}
		headers = types.MapValueMust(types.StringType, values)
	}
	contentVarType := types.ObjectType{AttrTypes: contentVariableAttrTypes}
	contentVars := types.ListNull(contentVarType)
	if len(s.ContentVariables) > 0 {
		items := make([]attr.Value, 0, len(s.ContentVariables))
		for _, v := range s.ContentVariables {
			items = append(items, types.ObjectValueMust(contentVariableAttrTypes, map[string]attr.Value{
				"name": types.StringValue(v.Name), "value": types.StringValue(v.Value),
			}))
		}
		contentVars = types.ListValueMust(contentVarType, items)
	}
	return types.ObjectValueMust(actionSpecAttrTypes, map[string]attr.Value{
		"type": types.StringValue(s.Type), "script": script, "subject": stringOrNull(s.Subject),
		"message": stringOrNull(s.Message), "to": stringOrNull(s.To), "run_user": stringOrNull(s.RunUser),
		"topic": stringOrNull(s.Topic), "payload": stringOrNull(s.Payload), "device": stringOrNull(s.Device),
		"url": stringOrNull(s.URL), "headers": headers, "from": stringOrNull(s.From),
		"twilio_sid": stringOrNull(s.TwilioSID), "twilio_token": stringOrNull(s.TwilioToken),
		"sendgrid_api_key": stringOrNull(s.SendgridAPIKey), "smtp_secret": stringOrNull(s.SMTPSecret),
		"sqs_secret": stringOrNull(s.SQSSecret), "content_sid": stringOrNull(s.ContentSID),
		"content_variables": contentVars, "batch_enabled": boolOr(s.BatchEnabled, false),
	})
}

// toCreate builds the POST /action body.
func (m *actionModel) toCreate(ctx context.Context) (client.ActionCreate, diag.Diagnostics) {
	tags, diags := tagsToAPI(ctx, m.TagsAll)
	triggers, d := m.triggersToAPI(ctx)
	diags.Append(d...)
	spec, d := m.actionToAPI(ctx)
	diags.Append(d...)
	return client.ActionCreate{
		Name:              m.Name.ValueString(),
		Description:       stringPtr(m.Description),
		Active:            boolPtr(m.Active),
		Lock:              boolPtr(m.Lock),
		Type:              m.Type.ValueString(),
		Tags:              tags,
		Trigger:           triggers,
		Action:            spec,
		TriggerWhenUnlock: boolPtr(m.TriggerWhenUnlock),
	}, diags
}

// toUpdate builds a PUT body with only what changed from state. The trigger list and the action
// object are replaced whole; the type is sent with the trigger, since the items' shape depends on it.
func (m *actionModel) toUpdate(ctx context.Context, state actionModel) (client.ActionUpdate, diag.Diagnostics) {
	var diags diag.Diagnostics
	u := client.ActionUpdate{
		Name:              stringChange(m.Name, state.Name),
		Description:       stringChange(m.Description, state.Description),
		Active:            boolChange(m.Active, state.Active),
		Lock:              boolChange(m.Lock, state.Lock),
		TriggerWhenUnlock: boolChange(m.TriggerWhenUnlock, state.TriggerWhenUnlock),
	}
	if !m.Type.Equal(state.Type) || !m.Trigger.Equal(state.Trigger) {
		triggers, d := m.triggersToAPI(ctx)
		diags.Append(d...)
		if triggers == nil {
			triggers = []client.ActionTrigger{}
		}
		u.Type, u.Trigger = stringPtr(m.Type), &triggers
	}
	if !m.Action.Equal(state.Action) {
		spec, d := m.actionToAPI(ctx)
		diags.Append(d...)
		u.Action = &spec
	}
	u.Tags = tagsChange(ctx, m.TagsAll, state.TagsAll, &diags)
	return u, diags
}

func (m *actionModel) triggersToAPI(ctx context.Context) ([]client.ActionTrigger, diag.Diagnostics) {
	if m.Trigger.IsNull() || m.Trigger.IsUnknown() {
		return nil, nil
	}
	var items []actionTriggerModel
	diags := m.Trigger.ElementsAs(ctx, &items, false)
	family := m.Type.ValueString()
	out := make([]client.ActionTrigger, 0, len(items))
	for _, it := range items {
		t := client.ActionTrigger{
			Device: stringPtr(it.Device), Variable: stringPtr(it.Variable), Is: stringPtr(it.Is),
			Value: stringPtr(it.Value), SecondValue: stringPtr(it.SecondValue), ValueType: stringPtr(it.ValueType),
			Resource: stringPtr(it.Resource), When: stringPtr(it.When), TagKey: stringPtr(it.TagKey),
			TagValue: stringPtr(it.TagValue), Topic: stringPtr(it.Topic), Interval: stringPtr(it.Interval), Cron: stringPtr(it.Cron),
			Timezone: stringPtr(it.Timezone), ServiceOrResource: stringPtr(it.ServiceOrResource),
			Condition: stringPtr(it.Condition), ConditionValue: float64Ptr(it.ConditionValue),
		}
		if family == "condition" || family == "condition_geofence" {
			t.Unlock = boolPtr(it.Unlock) // only these families have unlock items
		}
		if !it.Geofence.IsNull() && !it.Geofence.IsUnknown() {
			var g geofenceModel
			diags.Append(it.Geofence.As(ctx, &g, basetypes.ObjectAsOptions{})...)
			fence := &client.Geofence{Radius: float64Ptr(g.Radius)}
			diags.Append(g.Center.ElementsAs(ctx, &fence.Center, true)...)
			diags.Append(g.Coordinates.ElementsAs(ctx, &fence.Coordinates, true)...)
			t.Geofence = fence
		}
		out = append(out, t)
	}
	return out, diags
}

func (m *actionModel) actionToAPI(ctx context.Context) (client.ActionSpec, diag.Diagnostics) {
	var s actionSpecModel
	diags := m.Action.As(ctx, &s, basetypes.ObjectAsOptions{})
	if diags.HasError() {
		return client.ActionSpec{}, diags
	}
	spec := client.ActionSpec{
		Type: s.Type.ValueString(), Subject: stringPtr(s.Subject), Message: stringPtr(s.Message), To: stringPtr(s.To),
		RunUser: stringPtr(s.RunUser), Topic: stringPtr(s.Topic), Payload: stringPtr(s.Payload), Device: stringPtr(s.Device),
		URL: stringPtr(s.URL), From: stringPtr(s.From), TwilioSID: stringPtr(s.TwilioSID), TwilioToken: stringPtr(s.TwilioToken),
		SendgridAPIKey: stringPtr(s.SendgridAPIKey), SMTPSecret: stringPtr(s.SMTPSecret), SQSSecret: stringPtr(s.SQSSecret),
		ContentSID: stringPtr(s.ContentSID),
	}
	if s.Type.ValueString() == "queue-sqs" {
		spec.BatchEnabled = boolPtr(s.BatchEnabled) // the other kinds have no batches
	}
	diags.Append(s.Script.ElementsAs(ctx, &spec.Script, true)...)
	diags.Append(s.Headers.ElementsAs(ctx, &spec.Headers, true)...)
	if !s.ContentVariables.IsNull() && !s.ContentVariables.IsUnknown() {
		var vars []struct {
			Name  types.String `tfsdk:"name"`
			Value types.String `tfsdk:"value"`
		}
		diags.Append(s.ContentVariables.ElementsAs(ctx, &vars, false)...)
		for _, v := range vars {
			spec.ContentVariables = append(spec.ContentVariables, client.ContentVariable{Name: v.Name.ValueString(), Value: v.Value.ValueString()})
		}
	}
	return spec, diags
}

// keepHeadersModifier plans unset headers: on create none (nothing is sent), on update the headers
// in the state as long as the action keeps its kind, so that a configuration that does not set
// them (a generated one writes `null` for a sensitive value) never deletes them.
type keepHeadersModifier struct{ describedAs }

func (keepHeadersModifier) PlanModifyMap(ctx context.Context, req planmodifier.MapRequest, resp *planmodifier.MapResponse) {
	if !req.ConfigValue.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	resp.PlanValue = types.MapNull(types.StringType)
	if req.State.Raw.IsNull() {
		return // create: none sent, none stored
	}
	var planKind, stateKind types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("action").AtName("type"), &planKind)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("action").AtName("type"), &stateKind)...)
	if planKind.IsUnknown() {
		resp.PlanValue = req.PlanValue
	} else if planKind.Equal(stateKind) {
		resp.PlanValue = req.StateValue
	}
}

// keepEmptyHeaders keeps `headers = {}` (explicitly none) as an empty map where the API, having
// none, reads back as null.
func keepEmptyHeaders(prior, now types.Object) types.Object {
	priorHeaders, ok := prior.Attributes()["headers"].(types.Map)
	if !ok || priorHeaders.IsNull() || priorHeaders.IsUnknown() || len(priorHeaders.Elements()) != 0 {
		return now
	}
	attrs := now.Attributes()
	if h, ok := attrs["headers"].(types.Map); !ok || !h.IsNull() {
		return now
	}
	attrs["headers"] = priorHeaders
	return types.ObjectValueMust(actionSpecAttrTypes, attrs)
}

// maskMapValues registers the known values of a sensitive map as secrets of the client, so that
// they are masked in every log line and error text, the API's answers included.
func maskMapValues(c *client.Client, m types.Map) {
	for _, v := range m.Elements() {
		if s, ok := v.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			c.Masker().Add(s.ValueString())
		}
	}
}

func float64Ptr(v types.Float64) *float64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	f := v.ValueFloat64()
	return &f
}

func float64OrNull(f *float64) types.Float64 {
	if f == nil {
		return types.Float64Null()
	}
	return types.Float64Value(*f)
}

func float64List(values []float64) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.Float64Value(v))
	}
	return types.ListValueMust(types.Float64Type, elems)
}

// fromAPI is actionFields.fromAPI with the provider's default tags told apart from the object's own.
func (m *actionModel) fromAPI(in *client.Action, defaults tagDefaults) {
	prior := m.Tags
	m.actionFields.fromAPI(in)
	m.Tags, m.TagsAll = defaults.split(in.Tags, prior)
}
