package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // IANA time zones for schedule triggers and the account, on any machine
)

// Validation of an action's trigger family (type), its trigger[] items and its action
// payload (docs/api-notes.md §2.6, §5). Every error is a 400 whose message names the field.

// actionTypes are the trigger families of ActionCreateInfo.type.
var actionTypes = []string{"condition", "resource", "interval", "schedule", "usage_alert", "condition_geofence", "mqtt_topic"}

var (
	conditionOperators  = []string{"<", ">", "=", "!", "><", "*"}
	conditionValueTypes = []string{"string", "number", "boolean", "*"}
	resourceKinds       = []string{"device", "bucket", "file", "analysis", "action", "am", "user", "financial", "profile"}
	resourceEvents      = []string{"create", "update", "delete"}
	usageAlertServices  = []string{
		"input", "output", "analysis", "data_records", "sms", "email", "run_users", "push_notification",
		"file_storage", "device", "dashboard", "action", "tcore", "team_members", "am",
	}
	geofenceOperators = []string{"IN", "OUT"}
)

// maxUsageAlerts is the per-action usage-alert condition limit (DOCS trigger-by-usage-alert).
const maxUsageAlerts = 10

func oneOf(v string, allowed []string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

func validActionType(t string) error {
	if !oneOf(t, actionTypes) {
		return badRequest("type must be one of: %s", strings.Join(actionTypes, ", "))
	}
	return nil
}

// isJSONNull reports whether raw is absent or the literal null.
func isJSONNull(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || bytes.Equal(t, []byte("null"))
}

// objectArray decodes raw as an array of JSON objects; path names the field in errors.
func objectArray(raw json.RawMessage, path string) ([]jsonBody, error) {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil || isJSONNull(raw) {
		return nil, badRequest("%s must be an array of objects", path)
	}
	out := make([]jsonBody, 0, len(items))
	for i, it := range items {
		obj, ok := asObject(it)
		if !ok {
			return nil, badRequest("%s[%d] must be an object", path, i)
		}
		out = append(out, obj)
	}
	return out, nil
}

// asObject decodes raw as a JSON object (absent, null and non-objects are not).
func asObject(raw json.RawMessage) (jsonBody, bool) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, false
	}
	obj, err := parseObject(raw)
	return obj, err == nil
}

// nonEmptyString reads a required, non-empty string field of obj.
func nonEmptyString(obj jsonBody, path, key string) (string, error) {
	s, present, err := obj.str(key)
	if err != nil || !present || strings.TrimSpace(s) == "" {
		return "", badRequest("%s.%s is required and must be a non-empty string", path, key)
	}
	return s, nil
}

// checkOptionalString checks that an optional field of obj, when set, is a string.
func checkOptionalString(obj jsonBody, path, key string) error {
	if !obj.has(key) || obj.isNull(key) {
		return nil
	}
	if _, _, err := obj.str(key); err != nil {
		return badRequest("%s.%s must be a string", path, key)
	}
	return nil
}

func enumField(obj jsonBody, path, key string, allowed []string) (string, error) {
	s, present, err := obj.str(key)
	if err != nil || !present || !oneOf(s, allowed) {
		return "", badRequest("%s.%s must be one of: %s", path, key, strings.Join(allowed, " "))
	}
	return s, nil
}

func objectIDField(obj jsonBody, path, key string) (string, error) {
	s, present, err := obj.str(key)
	if err != nil || !present || !isObjectID(s) {
		return "", badRequest("%s.%s must be a 24-character hexadecimal ID", path, key)
	}
	return s, nil
}

func optionalBool(obj jsonBody, path, key string) error {
	if obj.has(key) && !obj.isNull(key) {
		if _, _, err := obj.boolean(key); err != nil {
			return badRequest("%s.%s must be a boolean", path, key)
		}
	}
	return nil
}

func numberField(obj jsonBody, path, key string) (float64, error) {
	var f float64
	raw, ok := obj[key]
	if !ok || obj.isNull(key) || json.Unmarshal(raw, &f) != nil {
		return 0, badRequest("%s.%s must be a number", path, key)
	}
	return f, nil
}

// validTriggers checks trigger[] against the action's type. raw is the trigger as
// sent (nil when absent).
func validTriggers(typ string, raw json.RawMessage) error {
	if typ == "mqtt_topic" && (isJSONNull(raw) || bytes.Equal(bytes.TrimSpace(raw), []byte("[]"))) {
		// docs/api-notes.md §8.8: MCP says trigger must be omitted for mqtt_topic, while the
		// CLI sends {topic, tag_key, tag_value} items. Both are accepted.
		return nil
	}
	if isJSONNull(raw) {
		return badRequest("trigger is required for %s actions", typ)
	}
	items, err := objectArray(raw, "trigger")
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return badRequest("trigger must have at least one item for %s actions", typ)
	}
	if typ == "usage_alert" && len(items) > maxUsageAlerts {
		return badRequest("trigger: at most %d usage alert conditions are allowed", maxUsageAlerts)
	}
	firing := 0
	for i, it := range items {
		path := fmt.Sprintf("trigger[%d]", i)
		var err error
		switch typ {
		case "condition":
			err = validConditionTrigger(it, path)
		case "resource":
			err = validResourceTrigger(it, path)
		case "interval":
			err = validIntervalTrigger(it, path)
		case "schedule":
			err = validScheduleTrigger(it, path)
		case "usage_alert":
			err = validUsageAlertTrigger(it, path)
		case "condition_geofence":
			err = validGeofenceTrigger(it, path)
		case "mqtt_topic":
			err = validMQTTTopicTrigger(it, path)
		}
		if err != nil {
			return err
		}
		if unlock, _, _ := it.boolean("unlock"); !unlock {
			firing++
		}
	}
	if firing == 0 {
		return badRequest("trigger needs at least one item without unlock: true (unlock items only re-arm the action)")
	}
	return nil
}

// triggerTarget checks the device a condition-like trigger watches: a device ID, or
// (the admin's "devices by tag" form, accepted so that such actions survive) a tag.
func triggerTarget(it jsonBody, path string) error {
	if !it.has("device") && it.has("tag_key") {
		if _, err := nonEmptyString(it, path, "tag_key"); err != nil {
			return err
		}
		return checkOptionalString(it, path, "tag_value")
	}
	_, err := objectIDField(it, path, "device")
	return err
}

func validConditionTrigger(it jsonBody, path string) error {
	if err := triggerTarget(it, path); err != nil {
		return err
	}
	if _, err := nonEmptyString(it, path, "variable"); err != nil {
		return err
	}
	is, err := enumField(it, path, "is", conditionOperators)
	if err != nil {
		return err
	}
	valueType, err := enumField(it, path, "value_type", conditionValueTypes)
	if err != nil {
		return err
	}
	if is != "*" {
		// The API refuses an empty value; a client with nothing to compare omits it
		// (and uses "*").
		v, err := conditionValue(it, path, "value", valueType)
		if err != nil {
			return err
		}
		if v == "" {
			return badRequest("%s.value is required when is is %q", path, is)
		}
	}
	if is == "><" {
		v, err := conditionValue(it, path, "second_value", valueType)
		if err != nil {
			return err
		}
		if v == "" {
			return badRequest("%s.second_value is required when is is \"><\" (between)", path)
		}
	}
	return optionalBool(it, path, "unlock")
}

// conditionValue reads value/second_value: a string (SDK type), or a number or
// boolean, which clients also send. It must fit value_type.
func conditionValue(it jsonBody, path, key, valueType string) (string, error) {
	raw, ok := it[key]
	if !ok || it.isNull(key) {
		return "", nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", badRequest("%s.%s must be a string", path, key)
	}
	var s string
	switch x := v.(type) {
	case string:
		if x == "" {
			return "", badRequest("%s.%s must not be empty (omit it instead)", path, key)
		}
		s = x
	case float64, bool:
		s = fmt.Sprint(x)
	default:
		return "", badRequest("%s.%s must be a string", path, key)
	}
	switch valueType {
	case "number":
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
			return "", badRequest("%s.%s must be numeric when value_type is number", path, key)
		}
	case "boolean":
		if _, ok := parseBool(s); !ok {
			return "", badRequest("%s.%s must be true or false when value_type is boolean", path, key)
		}
	}
	return s, nil
}

func validResourceTrigger(it jsonBody, path string) error {
	if _, err := enumField(it, path, "resource", resourceKinds); err != nil {
		return err
	}
	if _, err := enumField(it, path, "when", resourceEvents); err != nil {
		return err
	}
	for _, k := range []string{"tag_key", "tag_value"} {
		if err := checkOptionalString(it, path, k); err != nil {
			return err
		}
	}
	return nil
}

func validIntervalTrigger(it jsonBody, path string) error {
	s, _, err := it.str("interval")
	if err != nil || !atLeastOneMinute(s, time.Now()) {
		return badRequest("%s.interval must be a relative time of at least 1 minute, like \"5 minutes\"", path)
	}
	return nil
}

// atLeastOneMinute reports whether s is a relative time ("<n> <unit>") of at least
// one minute, the minimum for action intervals and analysis schedules.
func atLeastOneMinute(s string, now time.Time) bool {
	t, ok := addRelative(s, now, 1)
	return ok && t.Sub(now) >= time.Minute
}

func validScheduleTrigger(it jsonBody, path string) error {
	cron, present, err := it.str("cron")
	if err != nil || !present {
		return badRequest("%s.cron is required and must be a 5-field cron expression", path)
	}
	if err := validCron(cron); err != nil {
		return badRequest("%s.cron is not a valid 5-field cron expression: %v", path, err)
	}
	tz, present, err := it.str("timezone")
	if err != nil || !present || !validTimezone(tz) {
		return badRequest("%s.timezone must be an IANA time zone like \"America/New_York\"", path)
	}
	return nil
}

// validTimezone accepts IANA zone names (and UTC). "Local" is not a zone name.
func validTimezone(tz string) bool {
	if tz == "" || tz == "Local" {
		return false
	}
	_, err := time.LoadLocation(tz)
	return err == nil
}

// cronField is the range and the names one field of a 5-field cron expression accepts.
type cronField struct {
	name     string
	min, max int
	names    []string // names[i] stands for min+i
}

var cronFields = []cronField{
	{name: "minute", min: 0, max: 59},
	{name: "hour", min: 0, max: 23},
	{name: "day of month", min: 1, max: 31},
	{name: "month", min: 1, max: 12, names: []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
	{name: "day of week", min: 0, max: 7, names: []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
}

// validCron checks a standard 5-field expression: each field a comma list of "*",
// "n", "a-b", each optionally with "/step".
func validCron(expr string) error {
	fields := strings.Fields(expr)
	if len(fields) != len(cronFields) {
		return fmt.Errorf("want %d fields, got %d", len(cronFields), len(fields))
	}
	for i, f := range fields {
		for _, item := range strings.Split(f, ",") {
			if err := cronFields[i].check(item); err != nil {
				return fmt.Errorf("%s field %q: %w", cronFields[i].name, f, err)
			}
		}
	}
	return nil
}

func (cf cronField) check(item string) error {
	rng, step, hasStep := strings.Cut(item, "/")
	if hasStep {
		n, err := strconv.Atoi(step)
		if err != nil || n < 1 || n > cf.max {
			return fmt.Errorf("bad step %q", step)
		}
	}
	if rng == "*" {
		return nil
	}
	lo, hi, isRange := strings.Cut(rng, "-")
	a, err := cf.value(lo)
	if err != nil {
		return err
	}
	if !isRange {
		return nil
	}
	b, err := cf.value(hi)
	if err != nil {
		return err
	}
	if a > b {
		return fmt.Errorf("range %q runs backwards", rng)
	}
	return nil
}

func (cf cronField) value(s string) (int, error) {
	for i, n := range cf.names {
		if strings.EqualFold(s, n) {
			return cf.min + i, nil
		}
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < cf.min || v > cf.max {
		return 0, fmt.Errorf("%q is not between %d and %d", s, cf.min, cf.max)
	}
	return v, nil
}

func validUsageAlertTrigger(it jsonBody, path string) error {
	if _, err := enumField(it, path, "service_or_resource", usageAlertServices); err != nil {
		return err
	}
	if _, err := enumField(it, path, "condition", []string{"=", ">"}); err != nil {
		return err
	}
	_, err := numberField(it, path, "condition_value")
	return err
}

func validMQTTTopicTrigger(it jsonBody, path string) error {
	// CLI (probed): topic, tag_key and tag_value travel together.
	for _, k := range []string{"topic", "tag_key", "tag_value"} {
		if _, err := nonEmptyString(it, path, k); err != nil {
			return err
		}
	}
	return nil
}

func validGeofenceTrigger(it jsonBody, path string) error {
	if err := triggerTarget(it, path); err != nil {
		return err
	}
	if _, err := nonEmptyString(it, path, "variable"); err != nil {
		return err
	}
	if _, err := enumField(it, path, "is", geofenceOperators); err != nil {
		return err
	}
	value, ok := asObject(it["value"])
	if !ok {
		return badRequest("%s.value must be {center:[lng,lat], radius} or {coordinates:[[lng,lat],...]}", path)
	}
	vpath := path + ".value"
	hasCircle, hasPolygon := value.has("center") || value.has("radius"), value.has("coordinates")
	switch {
	case hasCircle && hasPolygon:
		return badRequest("%s has both a circle (center, radius) and a polygon (coordinates); send one", vpath)
	case hasCircle:
		if _, err := lngLat(value["center"], vpath+".center"); err != nil {
			return err
		}
		r, err := numberField(value, vpath, "radius")
		if err != nil || r <= 0 || math.IsInf(r, 0) {
			return badRequest("%s.radius must be a positive number (kilometres)", vpath)
		}
	case hasPolygon:
		if err := validPolygon(value["coordinates"], vpath+".coordinates"); err != nil {
			return err
		}
	default:
		return badRequest("%s must be {center:[lng,lat], radius} or {coordinates:[[lng,lat],...]}", vpath)
	}
	return optionalBool(it, path, "unlock")
}

type point struct{ lng, lat float64 }

// lngLat decodes a [longitude, latitude] pair.
func lngLat(raw json.RawMessage, path string) (point, error) {
	var p []float64
	if err := json.Unmarshal(raw, &p); err != nil || len(p) != 2 ||
		p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
		return point{}, badRequest("%s must be [longitude, latitude] with longitude in [-180,180] and latitude in [-90,90]", path)
	}
	return point{p[0], p[1]}, nil
}

// validPolygon accepts an open or closed ring (a closing point equal to the first is
// optional: GeoJSON writes it, the SDK's example does not) of at least 3 distinct
// vertices that encloses an area and does not cross itself.
func validPolygon(raw json.RawMessage, path string) error {
	var pts []json.RawMessage
	if err := json.Unmarshal(raw, &pts); err != nil {
		return badRequest("%s must be an array of [longitude, latitude] points", path)
	}
	ring := make([]point, 0, len(pts))
	for i, r := range pts {
		p, err := lngLat(r, fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			return err
		}
		ring = append(ring, p)
	}
	if len(ring) > 1 && ring[0] == ring[len(ring)-1] {
		ring = ring[:len(ring)-1]
	}
	distinct := map[point]bool{}
	for _, p := range ring {
		distinct[p] = true
	}
	if len(distinct) < 3 {
		return badRequest("%s must have at least 3 distinct points", path)
	}
	n := len(ring)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if j == i+1 || (i == 0 && j == n-1) {
				continue // adjacent edges share a vertex
			}
			if segmentsCross(ring[i], ring[(i+1)%n], ring[j], ring[(j+1)%n]) {
				return badRequest("%s crosses itself (edges %d and %d intersect)", path, i, j)
			}
		}
	}
	area := 0.0
	for i := range ring {
		a, b := ring[i], ring[(i+1)%len(ring)]
		area += a.lng*b.lat - b.lng*a.lat
	}
	if math.Abs(area) < 1e-12 {
		return badRequest("%s does not enclose an area (its points are on one line)", path)
	}
	return nil
}

// segmentsCross reports whether segments pq and rs intersect (touching counts).
func segmentsCross(p, q, r, s point) bool {
	orient := func(a, b, c point) float64 { return (b.lng-a.lng)*(c.lat-a.lat) - (b.lat-a.lat)*(c.lng-a.lng) }
	onSegment := func(a, b, c point) bool {
		return math.Min(a.lng, b.lng) <= c.lng && c.lng <= math.Max(a.lng, b.lng) &&
			math.Min(a.lat, b.lat) <= c.lat && c.lat <= math.Max(a.lat, b.lat)
	}
	d1, d2, d3, d4 := orient(r, s, p), orient(r, s, q), orient(p, q, r), orient(p, q, s)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		return true
	}
	return (d1 == 0 && onSegment(r, s, p)) || (d2 == 0 && onSegment(r, s, q)) ||
		(d3 == 0 && onSegment(p, q, r)) || (d4 == 0 && onSegment(p, q, s))
}

// actionPayloadTypes are the kinds of action.type.
var actionPayloadTypes = []string{
	"script", "notification", "notification_run", "email", "sms", "mqtt", "post",
	"sms-twilio", "whatsapp-twilio", "email-sendgrid", "email-smtp", "queue-sqs",
}

// actionRequiredStrings are the non-empty string fields each action.type needs
// (JS ActionTypeParams; docs/api-notes.md §2.6).
var actionRequiredStrings = map[string][]string{
	"notification":     {"subject", "message"},
	"notification_run": {"subject", "message"},
	"email":            {"to", "subject", "message"},
	"sms":              {"to", "message"},
	"mqtt":             {"topic"},
	"post":             {"url"},
	"sms-twilio":       {"to", "from", "message"},
	"whatsapp-twilio":  {"to", "from", "content_sid"},
	"email-sendgrid":   {"to", "from", "subject", "message"},
	"email-smtp":       {"to", "from", "subject", "message"},
}

// actionSecretFields hold secret IDs; each must name an existing secret.
var actionSecretFields = map[string][]string{
	"sms-twilio":      {"twilio_sid", "twilio_token"},
	"whatsapp-twilio": {"twilio_sid", "twilio_token"},
	"email-sendgrid":  {"sendgrid_api_key"},
	"email-smtp":      {"smtp_secret"},
	"queue-sqs":       {"sqs_secret"},
}

// validActionPayload checks the action object; secret references are looked up in tx.
func validActionPayload(tx Tx, raw json.RawMessage) error {
	act, ok := asObject(raw)
	if !ok {
		return badRequest("action must be an object with a type")
	}
	typ, present, err := act.str("type")
	if err != nil || !present || !oneOf(typ, actionPayloadTypes) {
		return badRequest("action.type must be one of: %s", strings.Join(actionPayloadTypes, ", "))
	}
	for _, k := range actionRequiredStrings[typ] {
		if _, err := nonEmptyString(act, "action", k); err != nil {
			return err
		}
	}
	switch typ {
	case "script":
		var ids []string
		if err := json.Unmarshal(act["script"], &ids); err != nil || len(ids) == 0 {
			return badRequest("action.script must be a non-empty array of analysis IDs")
		}
		for i, id := range ids {
			if !isObjectID(id) {
				return badRequest("action.script[%d] must be a 24-character hexadecimal analysis ID", i)
			}
		}
	case "notification_run":
		if _, err := objectIDField(act, "action", "run_user"); err != nil {
			return err
		}
	case "mqtt":
		if _, present, err := act.str("payload"); err != nil || !present {
			return badRequest("action.payload is required and must be a string")
		}
		// bucket means the device ID (docs/api-notes.md §2.4); newer clients may say device.
		key := "bucket"
		if !act.has("bucket") && act.has("device") {
			key = "device"
		}
		if _, err := objectIDField(act, "action", key); err != nil {
			return err
		}
	case "post":
		if err := validPostAction(act); err != nil {
			return err
		}
	case "whatsapp-twilio":
		if err := checkOptionalString(act, "action", "message"); err != nil {
			return err
		}
		if act.has("content_variables") && !act.isNull("content_variables") {
			vars, err := objectArray(act["content_variables"], "action.content_variables")
			if err != nil {
				return err
			}
			for i, v := range vars {
				p := fmt.Sprintf("action.content_variables[%d]", i)
				if _, err := nonEmptyString(v, p, "name"); err != nil {
					return err
				}
				if _, _, err := v.str("value"); err != nil {
					return badRequest("%s.value must be a string", p)
				}
			}
		}
	case "queue-sqs":
		if err := optionalBool(act, "action", "batch_enabled"); err != nil {
			return err
		}
	}
	for _, k := range actionSecretFields[typ] {
		id, err := objectIDField(act, "action", k)
		if err != nil {
			return badRequest("action.%s must be the ID of a secret", k)
		}
		s, err := getDoc[secretDoc](tx, collSecrets, id)
		if err != nil {
			return err
		}
		if s == nil {
			return badRequest("action.%s: secret %s not found", k, id)
		}
	}
	return nil
}

func validPostAction(act jsonBody) error {
	s, _, _ := act.str("url")
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return badRequest("action.url must be an absolute http:// or https:// URL")
	}
	if act.has("headers") && !act.isNull("headers") {
		if _, ok := asObject(act["headers"]); !ok {
			return badRequest("action.headers must be an object of header names to values")
		}
	}
	return nil
}
