package export

import (
	"encoding/base64"
	"encoding/json"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// resourceBlock is one exported object: its resource block and its import block. Every
// attribute mirrors what the provider's Read maps from the API, so that a plan after the import
// shows no change: optional attributes the API leaves empty and attributes at their schema
// default are left out, exactly as the provider maps them to null or to the default.
type resourceBlock struct {
	kind     kind
	name     string
	importID string
	comments []string // written above the resource block as "# " lines, wrapped
	attrs    []field
}

// builder turns an account into resource blocks, with the names and references between them.
type builder struct {
	names map[kind]map[string]string // kind -> object ID -> Terraform name
	files map[string][]byte          // files written next to the configuration (analysis scripts)
	warn  func(format string, args ...any)
}

// reference returns `tagoio_<kind>.<name>.id` when the object with this ID is exported, else the
// ID itself: an object the export left out (or that another account owns) stays a literal.
func (b *builder) reference(k kind, id string) expr {
	if name, ok := b.names[k][id]; ok {
		return reference{resourceType: resourceTypes[k], name: name}
	}
	return str(id)
}

// referenceAny is reference for an ID that may be of several kinds (a widget's data origin is a
// device, or a blueprint slot that is not exported).
func (b *builder) referenceAny(id string, candidates ...kind) expr {
	for _, k := range candidates {
		if _, ok := b.names[k][id]; ok {
			return b.reference(k, id)
		}
	}
	return str(id)
}

// assignNames names every object in the account; tokens and widgets are named after their device
// and dashboard.
func (b *builder) assignNames(acc *account) {
	n := newNamer()
	labels := func(k kind, fill func(map[string]string)) {
		m := map[string]string{}
		fill(m)
		b.names[k] = n.assign(resourceTypes[k], m, strings.TrimPrefix(resourceTypes[k], "tagoio_"))
	}
	labels(kindNetwork, func(m map[string]string) {
		for _, x := range acc.networks {
			m[x.ID] = x.Name
		}
	})
	labels(kindConnector, func(m map[string]string) {
		for _, x := range acc.connectors {
			m[x.ID] = x.Name
		}
	})
	labels(kindDevice, func(m map[string]string) {
		for _, d := range acc.devices {
			m[d.ID] = d.Name
		}
	})
	// A token is named after its device: the device's Terraform name, or its label when the
	// devices are not exported.
	deviceNames := map[string]string{}
	maps.Copy(deviceNames, acc.deviceLabels)
	for _, d := range acc.devices {
		deviceNames[d.ID] = b.names[kindDevice][d.ID]
	}
	labels(kindDeviceToken, func(m map[string]string) {
		for _, t := range acc.tokens {
			m[tokenKey(t)] = deviceNames[t.deviceID] + " " + t.Name
		}
	})
	labels(kindBucket, func(m map[string]string) {
		for _, x := range acc.buckets {
			m[x.ID] = x.Name
		}
	})
	labels(kindSecret, func(m map[string]string) {
		for _, x := range acc.secrets {
			m[x.ID] = x.Key
		}
	})
	labels(kindAnalysis, func(m map[string]string) {
		for _, x := range acc.analyses {
			m[x.ID] = x.Name
		}
	})
	labels(kindAction, func(m map[string]string) {
		for _, x := range acc.actions {
			m[x.ID] = x.Name
		}
	})
	labels(kindDashboard, func(m map[string]string) {
		for _, x := range acc.dashboards {
			m[x.ID] = x.Label
		}
	})
	dashboardNames := map[string]string{}
	maps.Copy(dashboardNames, acc.dashboardLabels)
	for _, d := range acc.dashboards {
		dashboardNames[d.ID] = b.names[kindDashboard][d.ID]
	}
	labels(kindWidget, func(m map[string]string) {
		for _, w := range acc.widgets {
			m[w.ID] = dashboardNames[w.dashboardID] + " " + w.Label
		}
	})
	labels(kindRunUser, func(m map[string]string) {
		for _, x := range acc.runUsers {
			m[x.ID] = x.Name
		}
	})
	labels(kindAccessManagement, func(m map[string]string) {
		for _, x := range acc.policies {
			m[x.ID] = x.Name
		}
	})
	labels(kindServiceAuthorization, func(m map[string]string) {
		for _, x := range acc.serviceAuthorizations {
			m[x.Name] = x.Name
		}
	})
	labels(kindEntity, func(m map[string]string) {
		for _, x := range acc.entities {
			m[x.ID] = x.Name
		}
	})
	labels(kindTeamMember, func(m map[string]string) {
		for _, x := range acc.teamMembers {
			m[x.ID] = teamMemberLabel(x)
		}
	})
	labels(kindDictionary, func(m map[string]string) {
		for _, x := range acc.dictionaries {
			m[x.ID] = x.Name
		}
	})
	labels(kindFile, func(m map[string]string) {
		for _, x := range acc.files {
			m[x.Filename] = x.Filename
		}
	})
	if acc.run != nil {
		b.names[kindRun] = map[string]string{runImportID(acc.run): "this"}
	}
	if acc.runCustomDomain != nil {
		b.names[kindRunCustomDomain] = map[string]string{acc.runCustomDomain.profileID: "this"}
	}
}

// tokenKey identifies a token among the exported ones without its value: its import ID.
func tokenKey(t deviceToken) string { return t.importID }

// blocks renders every object, kind by kind in the order of kinds, each kind sorted by name.
func (b *builder) blocks(acc *account) []resourceBlock {
	var out []resourceBlock
	for _, d := range acc.devices {
		out = append(out, b.device(d))
	}
	for _, t := range acc.tokens {
		out = append(out, b.deviceToken(t))
	}
	for _, x := range acc.buckets {
		out = append(out, b.bucket(x))
	}
	for _, x := range acc.secrets {
		out = append(out, b.secret(x))
	}
	for _, x := range acc.analyses {
		out = append(out, b.analysis(x))
	}
	for _, x := range acc.actions {
		out = append(out, b.action(x))
	}
	for _, x := range acc.dashboards {
		out = append(out, b.dashboard(x))
	}
	for _, x := range acc.widgets {
		out = append(out, b.widget(x))
	}
	for _, x := range acc.runUsers {
		out = append(out, b.runUser(x))
	}
	for _, x := range acc.policies {
		out = append(out, b.accessPolicy(x))
	}
	if acc.run != nil {
		out = append(out, b.run(acc.run))
	}
	for _, x := range acc.dictionaries {
		out = append(out, b.dictionary(x))
	}
	for _, x := range acc.entities {
		out = append(out, b.entity(x))
	}
	for _, x := range acc.serviceAuthorizations {
		out = append(out, b.serviceAuthorization(x))
	}
	for _, x := range acc.networks {
		out = append(out, b.network(x))
	}
	for _, x := range acc.connectors {
		out = append(out, b.connector(x))
	}
	for _, x := range acc.files {
		out = append(out, b.file(x))
	}
	for _, x := range acc.teamMembers {
		out = append(out, b.teamMember(x))
	}
	if acc.runCustomDomain != nil {
		out = append(out, b.runCustomDomain(acc.runCustomDomain))
	}
	slices.SortStableFunc(out, func(x, y resourceBlock) int {
		if c := slices.Index(kinds, x.kind) - slices.Index(kinds, y.kind); c != 0 {
			return c
		}
		return strings.Compare(x.name, y.name)
	})
	return out
}

// attrs collects a block's attributes; the helpers leave out what the provider maps to null or
// to the schema default.
type attrs []field

func (a *attrs) set(name string, value expr) { *a = append(*a, field{name, value}) }

// text sets an optional text; nil and "" are null for the provider (stringOrNull).
func (a *attrs) text(name string, s *string) {
	if s != nil && *s != "" {
		a.set(name, str(*s))
	}
}

// flag sets a boolean that differs from its schema default.
func (a *attrs) flag(name string, value, schemaDefault bool) {
	if value != schemaDefault {
		a.set(name, boolean(value))
	}
}

// tags sets a tags list; no tags is the schema default.
func (a *attrs) tags(tags []client.Tag) {
	if len(tags) > 0 {
		a.set("tags", tagsExpr(tags))
	}
}

func tagsExpr(tags []client.Tag) expr {
	items := make(list, 0, len(tags))
	for _, t := range tags {
		items = append(items, object{{"key", str(t.Key)}, {"value", str(t.Value)}})
	}
	return items
}

func (b *builder) device(d device) resourceBlock {
	var a attrs
	a.set("name", str(d.Name))
	a.set("type", str(d.Type))
	// A custom connector or network is a reference; TagoIO's catalog ones stay IDs.
	a.set("connector", b.reference(kindConnector, d.Connector))
	a.set("network", b.reference(kindNetwork, d.Network))
	a.text("description", d.Description)
	a.flag("active", d.Active, true)
	a.flag("visible", d.Visible, true)
	// serie_number, connector_parse and parse_function are never returned by TagoIO: they stay on
	// the server as they are (the serial number is written on the device's tokens).
	a.tags(d.Tags)
	if len(d.params) > 0 {
		params := make(list, 0, len(d.params))
		for _, p := range d.params {
			params = append(params, object{{"key", str(p.Key)}, {"value", str(p.Value)}})
		}
		a.set("configuration_params", params)
	}
	if d.ChunkPeriod != nil && *d.ChunkPeriod != "" {
		a.set("chunk_period", str(*d.ChunkPeriod))
		if d.ChunkRetention != nil {
			a.set("chunk_retention", integer(*d.ChunkRetention))
		}
	}
	a.text("mutable_variable_regex", d.MutableVariableRegex)
	if d.PayloadDecoder != nil && *d.PayloadDecoder != "" {
		// The API keeps the decoder base64-encoded and the provider shows its source; text that
		// is not base64 (set by an older client) is shown as it is, as the provider does.
		decoder := *d.PayloadDecoder
		if decoded, err := base64.StdEncoding.DecodeString(decoder); err == nil {
			decoder = string(decoded)
		}
		a.set("payload_decoder", str(decoder))
	}
	if d.RPM != nil && (d.RPM.DataInput != nil || d.RPM.DataOutput != nil) {
		var rpm object
		if d.RPM.DataInput != nil {
			rpm = append(rpm, field{"data_input", integer(*d.RPM.DataInput)})
		}
		if d.RPM.DataOutput != nil {
			rpm = append(rpm, field{"data_output", integer(*d.RPM.DataOutput)})
		}
		a.set("rpm", rpm)
	}
	return resourceBlock{kind: kindDevice, name: b.names[kindDevice][d.ID], importID: d.ID, attrs: a}
}

func (b *builder) deviceToken(t deviceToken) resourceBlock {
	var a attrs
	a.set("device_id", b.reference(kindDevice, t.deviceID))
	a.set("name", str(t.Name))
	a.set("permission", str(t.Permission))
	a.text("serie_number", t.SerieNumber)
	var comments []string
	if t.VerificationCode != nil && *t.VerificationCode != "" {
		a.set("verification_code", str(*t.VerificationCode))
		comments = append(comments, "verification_code is sensitive: move it to a variable before committing this file.")
	}
	// The token list has the absolute expiry, which is also what an import of the token holds;
	// middleware is not returned by TagoIO: left out, it stays as it is.
	if t.ExpireTime != nil && *t.ExpireTime != "" && *t.ExpireTime != "never" {
		a.set("expire_time", str(*t.ExpireTime))
	}
	return resourceBlock{kind: kindDeviceToken, name: b.names[kindDeviceToken][tokenKey(t)], importID: tokenKey(t),
		comments: comments, attrs: a}
}

func (b *builder) bucket(x client.Bucket) resourceBlock {
	var a attrs
	a.set("name", str(x.Name))
	a.text("description", x.Description)
	if x.Visible != nil {
		a.flag("visible", *x.Visible, true)
	}
	a.tags(x.Tags)
	return resourceBlock{kind: kindBucket, name: b.names[kindBucket][x.ID], importID: x.ID, attrs: a}
}

func (b *builder) secret(x client.Secret) resourceBlock {
	var a attrs
	a.set("key", str(x.Key))
	a.tags(x.Tags)
	return resourceBlock{kind: kindSecret, name: b.names[kindSecret][x.ID], importID: x.ID, attrs: a, comments: []string{
		"TagoIO never returns a secret's value: without value (or value_wo) Terraform leaves the stored value " +
			"as it is. To have Terraform set it, add value = var.<name> (or value_wo and value_wo_version on " +
			"Terraform >= 1.11): the next apply sends it.",
	}}
}

// scriptExtensions name an analysis script file by its runtime when TagoIO has no file name.
var scriptExtensions = map[string]string{
	"node-rt2025": ".js", "node-legacy": ".js", "deno-rt2025": ".ts", "python-rt2025": ".py", "python-legacy": ".py",
}

func (b *builder) analysis(x analysis) resourceBlock {
	name := b.names[kindAnalysis][x.ID]
	var a attrs
	var comments []string
	a.set("name", str(x.Name))
	a.text("description", x.Description)
	a.flag("active", x.Active, true)
	if x.RunOn != "" && x.RunOn != "tago" {
		a.set("run_on", str(x.RunOn))
	}
	if x.Runtime != nil && *x.Runtime != "" {
		a.set("runtime", str(*x.Runtime))
	} else {
		b.warn("analysis %q (%s) has no runtime: set runtime in the configuration (changing it replaces the analysis)", x.Name, x.ID)
		comments = append(comments, "TagoIO reports no runtime for this analysis: set runtime before applying.")
	}
	if !client.IsIntervalNever(x.Interval) {
		a.set("interval", str(*x.Interval))
	}
	if len(x.Variables) > 0 {
		env := map[string]string{}
		for _, v := range x.Variables {
			env[v.Key] = v.Value // a key repeated by another client: the last one wins, as in the provider
		}
		obj := make(object, 0, len(env))
		for _, k := range sortedKeys(env) {
			obj = append(obj, field{k, str(env[k])})
		}
		a.set("environment", obj)
		comments = append(comments, "environment holds values TagoIO returns as they are; they are sensitive: "+
			"move them to variables before committing this file.")
	}
	a.tags(x.Tags)
	switch {
	case x.script == nil: // no script uploaded: source stays unmanaged until one is set
	case !utf8.Valid(x.script):
		b.warn("analysis %q (%s): the script is not UTF-8 text, which file() cannot read; source is left out", x.Name, x.ID)
	default:
		file := "analyses/" + name + scriptExtension(x)
		b.files[file] = x.script
		a.set("source", call{"file", []expr{moduleFile(file)}})
	}
	return resourceBlock{kind: kindAnalysis, name: name, importID: x.ID, comments: comments, attrs: a}
}

// scriptExtensionPattern is an extension safe in a file name and a Terraform string: ".js", ".py".
var scriptExtensionPattern = regexp.MustCompile(`^\.[A-Za-z0-9]{1,8}$`)

func scriptExtension(x analysis) string {
	if x.FileName != nil {
		if ext := path.Ext(*x.FileName); scriptExtensionPattern.MatchString(ext) {
			return ext
		}
	}
	if x.Runtime != nil {
		if ext, ok := scriptExtensions[*x.Runtime]; ok {
			return ext
		}
	}
	return ".js"
}

func (b *builder) action(x client.Action) resourceBlock {
	var a attrs
	var comments []string
	a.set("name", str(x.Name))
	a.text("description", x.Description)
	a.flag("active", x.Active, true)
	if x.Lock != nil {
		a.flag("lock", *x.Lock, false)
	}
	if x.TriggerWhenUnlock != nil {
		a.flag("trigger_when_unlock", *x.TriggerWhenUnlock, false)
	}
	a.set("type", str(x.Type))
	if len(x.Trigger) > 0 {
		items := make(list, 0, len(x.Trigger))
		for _, t := range x.Trigger {
			items = append(items, b.trigger(t))
		}
		a.set("trigger", items)
	}
	a.set("action", b.actionSpec(x.Action))
	if len(x.Action.Headers) > 0 {
		comments = append(comments, "action.headers holds values TagoIO returns as they are; they usually carry credentials: "+
			"move them to variables before committing this file.")
	}
	a.tags(x.Tags)
	return resourceBlock{kind: kindAction, name: b.names[kindAction][x.ID], importID: x.ID, comments: comments, attrs: a}
}

func (b *builder) trigger(t client.ActionTrigger) expr {
	var o attrs
	if t.Device != nil && *t.Device != "" {
		o.set("device", b.reference(kindDevice, *t.Device))
	}
	o.text("variable", t.Variable)
	o.text("is", t.Is)
	o.text("value", t.Value)
	o.text("second_value", t.SecondValue)
	o.text("value_type", t.ValueType)
	if t.Unlock != nil {
		o.flag("unlock", *t.Unlock, false)
	}
	if g := t.Geofence; g != nil {
		var fence attrs
		if len(g.Center) > 0 {
			fence.set("center", numbers(g.Center))
		}
		if g.Radius != nil {
			fence.set("radius", number(*g.Radius))
		}
		if len(g.Coordinates) > 0 {
			points := make(list, 0, len(g.Coordinates))
			for _, p := range g.Coordinates {
				points = append(points, numbers(p))
			}
			fence.set("coordinates", points)
		}
		o.set("geofence", object(fence))
	}
	o.text("resource", t.Resource)
	o.text("when", t.When)
	o.text("tag_key", t.TagKey)
	o.text("tag_value", t.TagValue)
	o.text("topic", t.Topic)
	o.text("interval", t.Interval)
	o.text("cron", t.Cron)
	o.text("timezone", t.Timezone)
	o.text("service_or_resource", t.ServiceOrResource)
	o.text("condition", t.Condition)
	if t.ConditionValue != nil {
		o.set("condition_value", number(*t.ConditionValue))
	}
	return object(o)
}

func numbers(values []float64) expr {
	items := make(list, 0, len(values))
	for _, v := range values {
		items = append(items, number(v))
	}
	return items
}

func (b *builder) actionSpec(s client.ActionSpec) expr {
	var o attrs
	o.set("type", str(s.Type))
	if len(s.Script) > 0 {
		scripts := make(list, 0, len(s.Script))
		for _, id := range s.Script {
			scripts = append(scripts, b.reference(kindAnalysis, id))
		}
		o.set("script", scripts)
	}
	o.text("subject", s.Subject)
	o.text("message", s.Message)
	o.text("to", s.To)
	if s.RunUser != nil && *s.RunUser != "" {
		o.set("run_user", b.reference(kindRunUser, *s.RunUser))
	}
	o.text("topic", s.Topic)
	o.text("payload", s.Payload)
	if s.Device != nil && *s.Device != "" {
		o.set("device", b.reference(kindDevice, *s.Device))
	}
	o.text("url", s.URL)
	if len(s.Headers) > 0 {
		headers := make(object, 0, len(s.Headers))
		for _, k := range sortedKeys(s.Headers) {
			headers = append(headers, field{k, str(s.Headers[k])})
		}
		o.set("headers", headers)
	}
	o.text("from", s.From)
	// The third-party kinds hold the IDs of TagoIO secrets.
	for _, secret := range []struct {
		name string
		id   *string
	}{{"twilio_sid", s.TwilioSID}, {"twilio_token", s.TwilioToken}, {"sendgrid_api_key", s.SendgridAPIKey},
		{"smtp_secret", s.SMTPSecret}, {"sqs_secret", s.SQSSecret}} {
		if secret.id != nil && *secret.id != "" {
			o.set(secret.name, b.reference(kindSecret, *secret.id))
		}
	}
	o.text("content_sid", s.ContentSID)
	if len(s.ContentVariables) > 0 {
		vars := make(list, 0, len(s.ContentVariables))
		for _, v := range s.ContentVariables {
			vars = append(vars, object{{"name", str(v.Name)}, {"value", str(v.Value)}})
		}
		o.set("content_variables", vars)
	}
	if s.BatchEnabled != nil {
		o.flag("batch_enabled", *s.BatchEnabled, false)
	}
	return object(o)
}

func (b *builder) dashboard(x client.Dashboard) resourceBlock {
	var a attrs
	a.set("label", str(x.Label))
	if x.Type != "" && x.Type != "dashboard" {
		a.set("type", str(x.Type))
	}
	if x.Visible != nil {
		a.flag("visible", *x.Visible, true)
	}
	a.tags(x.Tags)
	if len(x.Tabs) > 0 {
		tabs := make(list, 0, len(x.Tabs))
		for _, t := range x.Tabs {
			var tab attrs
			tab.set("key", str(t.Key))
			tab.set("value", str(t.Value))
			tab.text("link", t.Link)
			if t.Hidden != nil {
				tab.flag("hidden", *t.Hidden, false)
			}
			tabs = append(tabs, object(tab))
		}
		a.set("tabs", tabs)
	}
	if len(x.GroupBy) > 0 {
		a.set("group_by", strList(x.GroupBy))
	}
	if x.Icon != nil && x.Icon.URL != "" {
		var icon attrs
		icon.set("url", str(x.Icon.URL))
		icon.text("color", &x.Icon.Color)
		a.set("icon", object(icon))
	}
	// theme, background and setup are optional and computed: left out when empty, the dashboard
	// keeps what TagoIO has.
	for _, f := range []struct {
		name string
		raw  json.RawMessage
	}{{"theme", x.Theme}, {"background", x.Background}, {"setup", x.Setup}} {
		if trimmed := strings.TrimSpace(string(f.raw)); trimmed == "" || trimmed == "null" || trimmed == "{}" {
			continue
		}
		value, err := jsonExpr(f.raw)
		if err != nil {
			b.warn("dashboard %q (%s): its %s is not valid JSON (%v); %s is left out", x.Label, x.ID, f.name, err, f.name)
			continue
		}
		a.set(f.name, call{"jsonencode", []expr{value}})
	}
	if len(x.BlueprintDevices) > 0 {
		slots := make(list, 0, len(x.BlueprintDevices))
		for _, d := range x.BlueprintDevices {
			var slot attrs
			slot.set("id", str(d.ID))
			slot.set("name", str(d.Name))
			slot.text("label", d.Label)
			if d.Type != nil && *d.Type != "" && *d.Type != "device" {
				slot.set("type", str(*d.Type))
			}
			if len(d.Conditions) > 0 {
				conditions := make([]client.Tag, 0, len(d.Conditions))
				for _, c := range d.Conditions {
					conditions = append(conditions, client.Tag(c))
				}
				slot.set("conditions", tagsExpr(conditions))
			}
			if len(d.FilterConditions) > 0 {
				filters := make(list, 0, len(d.FilterConditions))
				for _, f := range d.FilterConditions {
					var filter attrs
					if f.Type != "" && f.Type != "tag_match" {
						filter.set("type", str(f.Type))
					}
					filter.set("tag_key", str(f.TagKey))
					filter.set("blueprint_device", str(f.BlueprintDevice))
					filters = append(filters, object(filter))
				}
				slot.set("filter_conditions", filters)
			}
			slots = append(slots, object(slot))
		}
		a.set("blueprint_devices", slots)
	}
	a.text("blueprint_device_behavior", x.BlueprintDeviceBehavior)
	a.text("blueprint_selector_behavior", x.BlueprintSelectorBehavior)
	return resourceBlock{kind: kindDashboard, name: b.names[kindDashboard][x.ID], importID: x.ID, attrs: a}
}

func (b *builder) widget(w widget) resourceBlock {
	name := b.names[kindWidget][w.ID]
	var a attrs
	a.set("dashboard_id", b.reference(kindDashboard, w.dashboardID))
	a.set("label", str(w.Label))
	a.set("type", str(w.Type))
	if w.Realtime != nil {
		a.flag("realtime", *w.Realtime, false)
	}
	if w.AnalysisRun != nil && *w.AnalysisRun != "" {
		a.set("analysis_run", b.reference(kindAnalysis, *w.AnalysisRun))
	}
	if len(w.Data) > 0 {
		data := make(list, 0, len(w.Data))
		for _, d := range w.Data {
			var item attrs
			item.set("origin", b.referenceAny(d.Origin, kindDevice, kindBucket))
			if len(d.Variables) > 0 {
				item.set("variables", strList(d.Variables))
			}
			if d.Qty != nil {
				item.set("qty", integer(*d.Qty))
			}
			item.text("query", d.Query)
			item.text("timezone", d.Timezone)
			if d.Bucket != nil && *d.Bucket != "" {
				item.set("bucket", b.referenceAny(*d.Bucket, kindDevice, kindBucket))
			}
			item.text("start_date", d.StartDate)
			item.text("end_date", d.EndDate)
			if overwrite, ok := jsonBool(d.Overwrite); ok {
				item.set("overwrite", boolean(overwrite))
			}
			data = append(data, object(item))
		}
		a.set("data", data)
	}
	if len(w.Resource) > 0 {
		resources := make(list, 0, len(w.Resource))
		for _, r := range w.Resource {
			var item attrs
			if r.Type != "" && r.Type != "device" {
				item.set("type", str(r.Type))
			}
			if len(r.Filter) > 0 {
				item.set("filter", tagsExpr(r.Filter))
			}
			item.set("view", str(r.View))
			item.text("editable", r.Editable)
			resources = append(resources, object(item))
		}
		a.set("resource", resources)
	}
	if len(w.Display) > 0 && string(w.Display) != "null" {
		display, err := jsonExpr(w.Display)
		if err != nil {
			// display is optional: left out, the widget keeps what TagoIO has.
			b.warn("widget %q (%s): its display settings are not valid JSON (%v); display is left out", w.Label, w.ID, err)
		} else {
			a.set("display", call{"jsonencode", []expr{display}})
		}
	}
	if p := w.position; p != nil {
		var pos attrs
		pos.set("x", number(p.X))
		pos.set("y", number(p.Y))
		pos.set("width", number(p.Width))
		pos.set("height", number(p.Height))
		pos.text("tab", p.Tab)
		a.set("position", object(pos))
	}
	return resourceBlock{kind: kindWidget, name: name, importID: w.dashboardID + "/" + w.ID, attrs: a}
}

// jsonBool reads a JSON boolean; anything else is not one (the provider maps it to null).
func jsonBool(raw []byte) (value, ok bool) {
	switch strings.TrimSpace(string(raw)) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

func (b *builder) runUser(x client.RunUser) resourceBlock {
	var a attrs
	var comments []string
	a.set("name", str(x.Name))
	a.set("email", str(x.Email))
	if x.Timezone != nil && *x.Timezone != "" {
		a.set("timezone", str(*x.Timezone))
	} else {
		b.warn("run user %q (%s) has no timezone: set timezone in the configuration", x.Name, x.ID)
		comments = append(comments, "TagoIO reports no timezone for this user: set timezone before applying.")
	}
	a.text("company", x.Company)
	a.text("phone", x.Phone)
	a.text("language", x.Language)
	a.set("active", boolean(x.Active)) // optional and computed: written so that the configuration says it
	if x.Newsletter != nil {
		a.flag("newsletter", *x.Newsletter, false)
	}
	a.tags(x.Tags)
	if o := x.Options; o != nil {
		var opts attrs
		opts.text("decimal_separator", o.DecimalSeparator)
		opts.text("thousand_separator", o.ThousandSeparator)
		opts.text("date_format", o.DateFormat)
		opts.text("time_format", o.TimeFormat)
		opts.text("show_last_updated_at", o.ShowLastUpdatedAt)
		if len(opts) > 0 {
			a.set("options", object(opts))
		}
	}
	comments = append(comments,
		"TagoIO never returns a password: without password (or password_wo) Terraform leaves it as it is.")
	return resourceBlock{kind: kindRunUser, name: b.names[kindRunUser][x.ID], importID: x.ID, comments: comments, attrs: a}
}

// accessKinds maps the first element of an Access Management tuple to the kind whose objects an
// `[<kind>, "id", <id>]` tuple names.
var accessKinds = map[string]kind{
	"device": kindDevice, "analysis": kindAnalysis, "action": kindAction, "dashboard": kindDashboard,
	"run_user": kindRunUser, "secret": kindSecret, "access_management": kindAccessManagement, "am": kindAccessManagement,
}

// tuple writes a target or resource tuple, with a reference in place of an exported object's ID.
func (b *builder) tuple(values []string) expr {
	items := make(list, 0, len(values))
	for i, v := range values {
		if i == 2 && values[1] == "id" {
			if k, ok := accessKinds[values[0]]; ok {
				items = append(items, b.reference(k, v))
				continue
			}
		}
		items = append(items, str(v))
	}
	return items
}

func (b *builder) accessPolicy(x client.AccessPolicy) resourceBlock {
	var a attrs
	a.set("name", str(x.Name))
	a.flag("active", x.Active, true)
	a.tags(x.Tags)
	targets := make(list, 0, len(x.Targets))
	for _, t := range x.Targets {
		targets = append(targets, b.tuple(t))
	}
	a.set("targets", targets)
	permissions := make(list, 0, len(x.Permissions))
	seen := map[string]bool{}
	for _, p := range x.Permissions {
		actions := slices.Compact(slices.Sorted(slices.Values(p.Action)))
		// permissions is a set: a rule repeated by another client is one element.
		key := p.Effect + "\x00" + strings.Join(actions, "\x00") + "\x00\x00" + strings.Join(p.Resource, "\x00")
		if seen[key] {
			continue
		}
		seen[key] = true
		permissions = append(permissions, object{
			{"effect", str(p.Effect)}, {"action", strList(actions)}, {"resource", b.tuple(p.Resource)},
		})
	}
	a.set("permissions", permissions)
	return resourceBlock{kind: kindAccessManagement, name: b.names[kindAccessManagement][x.ID], importID: x.ID, attrs: a}
}

// runImportID is the ID the tagoio_run resource is imported by: the profile ID, or "tagorun" when
// TagoIO does not report it.
func runImportID(run *client.Run) string {
	if run.Profile != "" {
		return run.Profile
	}
	return "tagorun"
}

func (b *builder) run(x *client.Run) resourceBlock {
	var a attrs
	if x.Active != nil {
		a.set("active", boolean(*x.Active))
	}
	a.text("name", x.Name)
	a.text("sub_title", x.SubTitle)
	a.text("url", x.URL)
	a.text("email_domain", x.EmailDomain)
	a.text("signup_method", x.SignupMethod)
	a.text("favicon", x.Favicon)
	a.text("logo", x.Logo)
	a.text("signup_logo", x.SignupLogo)
	a.text("auth_token_ttl", x.AuthTokenTTL)
	if x.Dictionary != nil && *x.Dictionary != "" {
		a.set("dictionary", b.reference(kindDictionary, *x.Dictionary))
	}
	if len(x.SidebarButtons) > 0 {
		buttons := make(list, 0, len(x.SidebarButtons))
		for _, s := range x.SidebarButtons {
			var btn attrs
			btn.set("text", str(s.Text))
			btn.set("href", b.referenceAny(s.Href, kindDashboard)) // a dashboard button's href is its ID
			btn.text("color", s.Color)
			btn.text("icon_url", s.IconURL)
			btn.text("type", s.Type)
			if s.Value != nil && *s.Value != "" {
				btn.set("value", b.referenceAny(*s.Value, kindDashboard))
			}
			if s.IsInNewLine != nil {
				btn.set("is_in_new_line", boolean(*s.IsInNewLine))
			}
			buttons = append(buttons, object(btn))
		}
		a.set("sidebar_buttons", buttons)
	}
	if len(x.SigninButtons) > 0 {
		buttons := make(list, 0, len(x.SigninButtons))
		for _, s := range x.SigninButtons {
			var btn attrs
			btn.set("label", str(s.Label))
			btn.set("url", str(s.URL))
			if s.Type != "" && s.Type != "link" {
				btn.set("type", str(s.Type))
			}
			buttons = append(buttons, object(btn))
		}
		a.set("signin_buttons", buttons)
	}
	if len(x.SignupFields) > 0 {
		fields := make(list, 0, len(x.SignupFields))
		for _, f := range x.SignupFields {
			var field attrs
			field.set("name", str(f.Name))
			field.text("placeholder", f.Placeholder)
			field.text("type", f.Type)
			if f.Required {
				field.set("required", boolean(true))
			}
			fields = append(fields, object(field))
		}
		a.set("signup_fields", fields)
	}
	if x.Security != nil && x.Security.OTP != nil {
		otp := x.Security.OTP
		a.set("security", object{{"otp", object{
			{"authenticator", boolean(otp.Authenticator)}, {"sms", boolean(otp.SMS)}, {"email", boolean(otp.Email)},
		}}})
	}
	return resourceBlock{kind: kindRun, name: "this", importID: runImportID(x), attrs: a, comments: []string{
		"The TagoRUN settings: a singleton, adopted by the import. theme and email_templates are not exported: " +
			"list the theme options and e-mail templates Terraform should manage, and it manages only those.",
	}}
}
