package provider

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // timezones validate the same on machines without a zoneinfo database

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/robfig/cron/v3"
)

// The enumerations of the action model (docs/api-notes.md §2.6, JS actions.types).
var (
	actionTypes = []string{"condition", "resource", "interval", "schedule", "usage_alert", "condition_geofence", "mqtt_topic"}

	conditionOperators = []string{"<", ">", "=", "!", "><", "*"}
	geofenceOperators  = []string{"IN", "OUT"}
	conditionValueType = []string{"string", "number", "boolean", "*"}
	triggerResources   = []string{"device", "bucket", "file", "analysis", "action", "am", "user", "financial", "profile"}
	triggerResourceOps = []string{"create", "update", "delete"}
	usageServices      = []string{"input", "output", "analysis", "data_records", "sms", "email", "run_users", "push_notification",
		"file_storage", "device", "dashboard", "action", "tcore", "team_members", "am"}
	usageConditions = []string{"=", ">"}

	actionKinds = []string{"script", "notification", "notification_run", "email", "sms", "mqtt", "post",
		"sms-twilio", "whatsapp-twilio", "email-sendgrid", "email-smtp", "queue-sqs"}
)

// maxUsageAlerts is TagoIO's limit of usage-alert conditions per action (docs/api-notes.md §5).
const maxUsageAlerts = 10

// attrRule lists the attributes of a nested object that a variant needs and may have; any other
// attribute set is an error that names it.
type attrRule struct {
	required []string
	optional []string
}

func (r attrRule) allowed() []string { return append(append([]string{}, r.required...), r.optional...) }

// triggerRules are the trigger item attributes of each trigger family (docs/api-notes.md §2.6).
// Conditions watch one device, or every device with a tag (tag_key and tag_value: the admin's
// "devices by tag" form); exactly one of device and tag_key is checked separately.
var triggerRules = map[string]attrRule{
	"condition": {required: []string{"variable", "is", "value_type"},
		optional: []string{"device", "tag_key", "tag_value", "value", "second_value", "unlock"}},
	"condition_geofence": {required: []string{"variable", "is", "geofence"}, optional: []string{"device", "tag_key", "tag_value", "unlock"}},
	"resource":           {required: []string{"resource", "when"}, optional: []string{"tag_key", "tag_value"}},
	"interval":           {required: []string{"interval"}},
	"schedule":           {required: []string{"cron", "timezone"}},
	"usage_alert":        {required: []string{"service_or_resource", "condition", "condition_value"}},
	// docs/api-notes.md §8.8: the MCP server omits the trigger of mqtt_topic actions (the topic is then
	// action.topic), the CLI sends {topic, tag_key, tag_value} items; both are accepted.
	"mqtt_topic": {required: []string{"topic"}, optional: []string{"device", "tag_key", "tag_value"}},
}

// actionKindRules are the action attributes of each action kind (docs/api-notes.md §2.6; required as the
// SDK types declare them, except where noted).
var actionKindRules = map[string]attrRule{
	"script":           {required: []string{"script"}},
	"notification":     {required: []string{"subject", "message"}},
	"notification_run": {required: []string{"subject", "message", "run_user"}},
	"email":            {required: []string{"to", "subject", "message"}},
	"sms":              {required: []string{"to", "message"}},
	"mqtt":             {required: []string{"topic", "payload", "device"}},
	"post":             {required: []string{"url"}, optional: []string{"headers"}},
	"sms-twilio":       {required: []string{"to", "from", "message", "twilio_sid", "twilio_token"}},
	// A WhatsApp message is a Twilio content template (content_sid); a message text is optional.
	"whatsapp-twilio": {required: []string{"to", "from", "twilio_sid", "twilio_token", "content_sid"},
		optional: []string{"message", "content_variables"}},
	"email-sendgrid": {required: []string{"to", "from", "subject", "message", "sendgrid_api_key"}},
	"email-smtp":     {required: []string{"to", "from", "subject", "message", "smtp_secret"}},
	"queue-sqs":      {required: []string{"sqs_secret"}, optional: []string{"batch_enabled"}},
}

// isSet reports a configured value: known and not null. A boolean false counts as unset, since it
// is the attribute's default.
func isSet(v attr.Value) bool {
	if v == nil || v.IsNull() || v.IsUnknown() {
		return false
	}
	if b, ok := v.(types.Bool); ok {
		return b.ValueBool()
	}
	return true
}

// checkAttrRule reports the missing and the foreign attributes of one nested object. Unknown
// values pass: they are checked once known.
func checkAttrRule(obj types.Object, rule attrRule, at path.Path, variant, variantAttr string, diags *diag.Diagnostics) {
	attrs := obj.Attributes()
	allowed := rule.allowed()
	names := make([]string, 0, len(attrs))
	for name := range attrs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if isSet(attrs[name]) && !slices.Contains(allowed, name) {
			addInvalidAttributeError(diags, at.AtName(name), "Attribute not allowed here",
				fmt.Sprintf("%s does not belong to %s %q. With %s %q, set only: %s.", name, variantAttr, variant, variantAttr, variant,
					strings.Join(allowed, ", ")))
		}
	}
	for _, name := range rule.required {
		if v := attrs[name]; v == nil || v.IsNull() {
			addInvalidAttributeError(diags, at.AtName(name), "Missing required attribute",
				fmt.Sprintf("%s is required when %s is %q (required: %s).", name, variantAttr, variant, strings.Join(rule.required, ", ")))
		}
	}
}

// validateActionConfig checks the trigger items against the trigger family and the action
// against its kind, at plan time.
func validateActionConfig(ctx context.Context, m actionModel, diags *diag.Diagnostics) {
	family := m.Type
	if !family.IsUnknown() && !family.IsNull() && !m.Trigger.IsUnknown() {
		validateTriggers(ctx, family.ValueString(), m.Trigger, diags)
		if m.TriggerWhenUnlock.ValueBool() && family.ValueString() != "condition" && family.ValueString() != "condition_geofence" {
			addInvalidAttributeError(diags, path.Root("trigger_when_unlock"), "Attribute not allowed here",
				fmt.Sprintf("trigger_when_unlock applies only to the condition and condition_geofence types; this action's type is %q.", family.ValueString()))
		}
	}
	if m.Action.IsNull() || m.Action.IsUnknown() {
		return
	}
	at := path.Root("action")
	kind, _ := m.Action.Attributes()["type"].(types.String)
	if kind.IsUnknown() || kind.IsNull() {
		return
	}
	rule, known := actionKindRules[kind.ValueString()]
	if !known {
		return // the OneOf validator on action.type reports it
	}
	if family.ValueString() == "mqtt_topic" && !slices.Contains(rule.required, "topic") {
		if m.Trigger.IsNull() {
			// Without trigger items, the topic an mqtt_topic action listens to is action.topic.
			rule = attrRule{required: append(slices.Clone(rule.required), "topic"), optional: rule.optional}
		} else {
			rule = attrRule{required: rule.required, optional: append(slices.Clone(rule.optional), "topic")}
		}
	}
	rule.optional = append(slices.Clone(rule.optional), "type") // the kind itself
	checkAttrRule(m.Action, rule, at, kind.ValueString(), "action.type", diags)
}

func validateTriggers(ctx context.Context, family string, list types.List, diags *diag.Diagnostics) {
	at := path.Root("trigger")
	rule, known := triggerRules[family]
	if !known {
		return // the OneOf validator on type reports it
	}
	if family == "mqtt_topic" && list.IsNull() {
		return // the topic is then action.topic
	}
	if list.IsNull() || len(list.Elements()) == 0 {
		addInvalidAttributeError(diags, at, "Missing trigger",
			fmt.Sprintf("An action of type %q needs at least one trigger item with: %s.", family, strings.Join(rule.required, ", ")))
		return
	}
	if family == "usage_alert" && len(list.Elements()) > maxUsageAlerts {
		addInvalidAttributeError(diags, at, "Too many usage alerts",
			fmt.Sprintf("An action of type \"usage_alert\" takes at most %d conditions, got: %d.", maxUsageAlerts, len(list.Elements())))
	}
	setConditions, unknownItems := 0, false
	for i, elem := range list.Elements() {
		obj, ok := elem.(types.Object)
		if !ok || obj.IsUnknown() || obj.IsNull() {
			unknownItems = true
			continue
		}
		itemPath := at.AtListIndex(i)
		checkAttrRule(obj, rule, itemPath, family, "type", diags)
		var item actionTriggerModel
		diags.Append(obj.As(ctx, &item, basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true})...)
		switch family {
		case "condition":
			validateTarget(item, itemPath, diags)
			validateCondition(item, itemPath, diags)
		case "condition_geofence":
			validateTarget(item, itemPath, diags)
			validateGeofenceItem(ctx, item, itemPath, diags)
		}
		if item.Unlock.IsUnknown() || !item.Unlock.ValueBool() {
			setConditions++
		}
	}
	if (family == "condition" || family == "condition_geofence") && setConditions == 0 && !unknownItems {
		addInvalidAttributeError(diags, at, "Missing trigger condition",
			"Every trigger item has unlock = true: add at least one item without unlock, the condition that fires the action.")
	}
}

// validateTarget checks that a condition watches one device or the devices with a tag, not both.
func validateTarget(item actionTriggerModel, at path.Path, diags *diag.Diagnostics) {
	if item.Device.IsUnknown() || item.TagKey.IsUnknown() {
		return
	}
	switch {
	case item.Device.IsNull() && item.TagKey.IsNull():
		addInvalidAttributeError(diags, at.AtName("device"), "Missing required attribute",
			"A condition watches a device: set device (its ID), or tag_key and tag_value (every device with that tag).")
	case !item.Device.IsNull() && !item.TagKey.IsNull():
		addInvalidAttributeError(diags, at.AtName("tag_key"), "Conflicting attributes",
			"Set either device or tag_key and tag_value, not both.")
	case !item.TagKey.IsNull() && item.TagValue.IsNull():
		addInvalidAttributeError(diags, at.AtName("tag_value"), "Missing required attribute",
			"tag_value is required with tag_key: the condition watches the devices whose tag_key tag has this value.")
	}
}

func validateCondition(item actionTriggerModel, at path.Path, diags *diag.Diagnostics) {
	if item.Is.IsUnknown() || item.Is.IsNull() {
		return
	}
	is := item.Is.ValueString()
	if !slices.Contains(conditionOperators, is) {
		addInvalidAttributeError(diags, at.AtName("is"), "Invalid condition operator",
			fmt.Sprintf("With type \"condition\", is must be one of %s, got: %q.", quoteAll(conditionOperators), is))
		return
	}
	if is != "*" && item.Value.IsNull() {
		addInvalidAttributeError(diags, at.AtName("value"), "Missing required attribute",
			fmt.Sprintf("value is required when is is %q (only \"*\", any value, needs none).", is))
	}
	if is == "><" && item.SecondValue.IsNull() {
		addInvalidAttributeError(diags, at.AtName("second_value"), "Missing required attribute",
			"second_value is required when is is \"><\" (between value and second_value).")
	}
	if is != "><" && isSet(item.SecondValue) {
		addInvalidAttributeError(diags, at.AtName("second_value"), "Attribute not allowed here",
			fmt.Sprintf("second_value is used only with is = \"><\" (between); this condition's is is %q.", is))
	}
	if item.ValueType.IsUnknown() {
		return
	}
	for _, v := range []struct {
		name  string
		value types.String
	}{{"value", item.Value}, {"second_value", item.SecondValue}} {
		if !isSet(v.value) {
			continue
		}
		s := v.value.ValueString()
		switch item.ValueType.ValueString() {
		case "number":
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				addInvalidAttributeError(diags, at.AtName(v.name), "Invalid number",
					fmt.Sprintf("With value_type \"number\", %s must be a number such as 30 or -2.5, got: %q.", v.name, s))
			}
		case "boolean":
			if s != "true" && s != "false" {
				addInvalidAttributeError(diags, at.AtName(v.name), "Invalid boolean",
					fmt.Sprintf("With value_type \"boolean\", %s must be \"true\" or \"false\", got: %q.", v.name, s))
			}
		}
	}
}

func validateGeofenceItem(ctx context.Context, item actionTriggerModel, at path.Path, diags *diag.Diagnostics) {
	if !item.Is.IsUnknown() && !item.Is.IsNull() && !slices.Contains(geofenceOperators, item.Is.ValueString()) {
		addInvalidAttributeError(diags, at.AtName("is"), "Invalid geofence operator",
			fmt.Sprintf("With type \"condition_geofence\", is must be \"IN\" or \"OUT\", got: %q.", item.Is.ValueString()))
	}
	if item.Geofence.IsNull() || item.Geofence.IsUnknown() {
		return
	}
	var g geofenceModel
	diags.Append(item.Geofence.As(ctx, &g, basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true})...)
	gp := at.AtName("geofence")
	circle := !g.Center.IsNull() || !g.Radius.IsNull()
	polygon := !g.Coordinates.IsNull()
	switch {
	case circle && polygon:
		addInvalidAttributeError(diags, gp, "Invalid geofence",
			"Set either center and radius (a circle) or coordinates (a polygon), not both.")
	case circle && (g.Center.IsNull() || g.Radius.IsNull()):
		addInvalidAttributeError(diags, gp, "Invalid geofence", "A circle needs both center ([longitude, latitude]) and radius (km).")
	case !circle && !polygon:
		addInvalidAttributeError(diags, gp, "Invalid geofence",
			"Set center and radius (a circle) or coordinates (a polygon of at least 3 [longitude, latitude] points).")
	}
	if !g.Center.IsNull() && !g.Center.IsUnknown() {
		checkLngLat(ctx, g.Center, gp.AtName("center"), diags)
	}
	if !g.Coordinates.IsNull() && !g.Coordinates.IsUnknown() {
		for i, point := range g.Coordinates.Elements() {
			if p, ok := point.(types.List); ok && !p.IsUnknown() && !p.IsNull() {
				checkLngLat(ctx, p, gp.AtName("coordinates").AtListIndex(i), diags)
			}
		}
	}
}

// checkLngLat checks a [longitude, latitude] pair.
func checkLngLat(ctx context.Context, list types.List, at path.Path, diags *diag.Diagnostics) {
	var pair []types.Float64
	if d := list.ElementsAs(ctx, &pair, true); d.HasError() {
		return
	}
	if len(pair) != 2 {
		addInvalidAttributeError(diags, at, "Invalid position", fmt.Sprintf("A position is [longitude, latitude]: 2 numbers, got %d.", len(pair)))
		return
	}
	lng, lat := pair[0], pair[1]
	if !lng.IsUnknown() && !lng.IsNull() && math.Abs(lng.ValueFloat64()) > 180 {
		addInvalidAttributeError(diags, at, "Invalid position", fmt.Sprintf("Longitude (first) must be between -180 and 180, got: %v.", lng.ValueFloat64()))
	}
	if !lat.IsUnknown() && !lat.IsNull() && math.Abs(lat.ValueFloat64()) > 90 {
		addInvalidAttributeError(diags, at, "Invalid position", fmt.Sprintf("Latitude (second) must be between -90 and 90, got: %v.", lat.ValueFloat64()))
	}
}

func quoteAll(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return strings.Join(quoted, ", ")
}

// stringCheck is a string validator made of a description and a check that returns the problem.
type stringCheck struct {
	description string
	check       func(string) string
}

func (c stringCheck) Description(context.Context) string         { return c.description }
func (c stringCheck) MarkdownDescription(context.Context) string { return c.description }

func (c stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := c.check(req.ConfigValue.ValueString()); problem != "" {
		addInvalidAttributeError(&resp.Diagnostics, req.Path, "Invalid attribute value",
			fmt.Sprintf("Attribute %s %s, got: %q.", req.Path, problem, req.ConfigValue.ValueString()))
	}
}

// cronExpression accepts a standard 5-field cron expression (minute hour day-of-month month
// day-of-week); TagoIO takes the timezone separately, so neither "TZ=" nor "@" shortcuts.
func cronExpression() validator.String {
	const desc = "must be a 5-field cron expression (minute hour day-of-month month day-of-week), such as \"0 8 * * 1-5\""
	return stringCheck{desc, func(s string) string {
		if len(strings.Fields(s)) != 5 || strings.HasPrefix(s, "@") || strings.HasPrefix(s, "TZ=") || strings.HasPrefix(s, "CRON_TZ=") {
			return desc
		}
		if _, err := cron.ParseStandard(s); err != nil {
			return desc + " (" + err.Error() + ")"
		}
		return ""
	}}
}

// ianaTimezone accepts an IANA timezone name such as "America/New_York" or "UTC".
func ianaTimezone() validator.String {
	const desc = "must be an IANA timezone name, such as \"America/New_York\", \"Europe/Lisbon\" or \"UTC\""
	return stringCheck{desc, func(s string) string {
		if s == "" || s == "Local" {
			return desc
		}
		if _, err := time.LoadLocation(s); err != nil {
			return desc
		}
		return ""
	}}
}
