package emulator

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
)

// Analysis services (docs/api-notes.md §4): an analysis token asks TagoIO to send an SMS, an
// email, an MQTT message... The emulator sends nothing. It validates the request as
// the API would and records it in the outbox, which tests and tools read at
// GET /_emulator/outbox (and clear with DELETE): the place to check "did my analysis
// send that email?".
//
// Answers are plain strings in result. docs/api-notes.md §8.12: their exact texts are not
// documented and clients do not parse them; these are short and say what happened.

// outboxCategories are the outbox's keys, always all present in its JSON.
var outboxCategories = []string{"sms", "email", "mqtt", "notification", "console", "other"}

// outboxEntry is one recorded service call.
type outboxEntry struct {
	Service  string          `json:"service"`  // the route's service name: "sms", "email-sendgrid", ...
	Analysis string          `json:"analysis"` // the id of the analysis whose token called
	Time     apiTime         `json:"time"`
	Body     json.RawMessage `json:"body"` // the request body as sent
}

// attachment is a file given to attachment/upload, served back at the URL returned.
type attachment struct {
	filename    string
	contentType string
	content     []byte
}

// outbox is kept in memory only: it is a test sink, not account state, so it does
// not survive a restart even with --data.
type outbox struct {
	mu          sync.Mutex
	entries     map[string][]outboxEntry
	attachments map[string]attachment
}

func newOutbox() *outbox {
	o := &outbox{}
	o.clear()
	return o
}

func (o *outbox) clear() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.entries = map[string][]outboxEntry{}
	o.attachments = map[string]attachment{}
}

func (o *outbox) add(category string, e outboxEntry) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.entries[category] = append(o.entries[category], e)
}

func (o *outbox) snapshot() map[string][]outboxEntry {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make(map[string][]outboxEntry, len(outboxCategories))
	for _, c := range outboxCategories {
		out[c] = append([]outboxEntry{}, o.entries[c]...)
	}
	return out
}

const outboxAttachmentsPrefix = "/_emulator/outbox/attachments/"

// serveOutbox serves GET/DELETE /_emulator/outbox and GET of uploaded attachments
// (emulator-owned routes: no token, not counted in the stats).
func (e *Emulator) serveOutbox(w http.ResponseWriter, r *http.Request) {
	p := normalizePath(r.URL.Path)
	if rest, ok := strings.CutPrefix(p, outboxAttachmentsPrefix); ok && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		id, _, _ := strings.Cut(rest, "/")
		e.outbox.mu.Lock()
		a, found := e.outbox.attachments[id]
		e.outbox.mu.Unlock()
		if !found {
			writeError(w, notFound("Attachment not found"))
			return
		}
		w.Header().Set("Content-Type", a.contentType)
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.filename}))
		_, _ = w.Write(a.content)
		return
	}
	if p != "/_emulator/outbox" {
		writeError(w, notFound("Route not found: %s %s", r.Method, r.URL.Path))
		return
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		writeJSON(w, http.StatusOK, e.outbox.snapshot())
	case http.MethodDelete:
		e.outbox.clear()
		writeJSON(w, http.StatusOK, e.outbox.snapshot())
	default:
		w.Header().Set("Allow", "GET, DELETE")
		writeError(w, errorf(http.StatusMethodNotAllowed, "Method %s not allowed on %s", r.Method, r.URL.Path))
	}
}

// thirdPartyServices go through the customer's own provider account (secret ids in the
// body, docs/api-notes.md §4); they are recorded as sent, under "other".
var thirdPartyServices = map[string]string{
	"sms-twilio":      "SMS sent",
	"whatsapp-twilio": "WhatsApp message sent",
	"email-sendgrid":  "Email sent",
	"email-smtp":      "Email sent",
	"queue-sqs":       "Message sent to the queue",
}

func (e *Emulator) registerServices(r *Router) {
	r.Handle("POST", "/analysis/services/console/send", e.serviceConsole, kindAnalysis)
	r.Handle("POST", "/analysis/services/sms/send", e.serviceSMS, kindAnalysis)
	r.Handle("POST", "/analysis/services/email/send", e.serviceEmail, kindAnalysis)
	r.Handle("POST", "/analysis/services/mqtt/publish", e.serviceMQTT, kindAnalysis)
	r.Handle("POST", "/analysis/services/notification/send", e.serviceNotification, kindAnalysis)
	r.Handle("POST", "/analysis/services/attachment/upload", e.serviceAttachment, kindAnalysis)
	for name := range thirdPartyServices {
		r.Handle("POST", "/analysis/services/"+name+"/send", e.serviceThirdParty, kindAnalysis)
	}
}

// serviceBody reads the JSON object body and returns it with its compact raw form.
func serviceBody(c *Ctx) (jsonBody, json.RawMessage, error) {
	b, err := readBody(c.R)
	if err != nil {
		return nil, nil, err
	}
	body, err := parseObject(b)
	if err != nil {
		return nil, nil, err
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, bytes.TrimSpace(b)); err != nil || compact.Len() == 0 {
		compact.Reset()
		compact.WriteString("{}")
	}
	return body, compact.Bytes(), nil
}

// record adds a call to the outbox.
func (e *Emulator) record(c *Ctx, category, service string, raw json.RawMessage) {
	e.outbox.add(category, outboxEntry{
		Service: service, Analysis: c.Auth.Token.AnalysisID, Time: apiTime(c.Now), Body: raw,
	})
}

// requireString reads a required non-empty string field.
func requireString(body jsonBody, key string) (string, error) {
	s, present, err := body.str(key)
	if err != nil || !present || strings.TrimSpace(s) == "" {
		return "", badRequest("%s is required and must be a non-empty string", key)
	}
	return s, nil
}

func optionalString(body jsonBody, key string) error {
	if _, _, err := body.nullableStr(key); err != nil {
		return err
	}
	return nil
}

func (e *Emulator) serviceConsole(c *Ctx) (int, any, error) {
	body, raw, err := serviceBody(c)
	if err != nil {
		return 0, nil, err
	}
	// The SDK's console.log joins its arguments into one string.
	if _, present, err := body.str("message"); err != nil || !present {
		return 0, nil, badRequest("message is required and must be a string")
	}
	if body.has("timestamp") && !body.isNull("timestamp") {
		if _, _, err := body.integer("timestamp"); err != nil {
			return 0, nil, badRequest("timestamp must be a Unix time in milliseconds")
		}
	}
	e.record(c, "console", "console", raw)
	return http.StatusOK, "Console message sent", nil
}

func (e *Emulator) serviceSMS(c *Ctx) (int, any, error) {
	body, raw, err := serviceBody(c)
	if err != nil {
		return 0, nil, err
	}
	for _, k := range []string{"to", "message"} {
		if _, err := requireString(body, k); err != nil {
			return 0, nil, err
		}
	}
	e.record(c, "sms", "sms", raw)
	return http.StatusOK, "SMS sent", nil
}

func (e *Emulator) serviceEmail(c *Ctx) (int, any, error) {
	body, raw, err := serviceBody(c)
	if err != nil {
		return 0, nil, err
	}
	if err := validateEmail(body); err != nil {
		return 0, nil, err
	}
	e.record(c, "email", "email", raw)
	return http.StatusOK, "Email sent", nil
}

// validateEmail: to (a string or a non-empty array of strings); then a template
// {name, params?}, or a subject with message or html (html wins over message at
// TagoIO, docs/api-notes.md §4); from (the sender's name) optional; attachment optional
// {archive, filename, type?}.
func validateEmail(body jsonBody) error {
	var to any
	if err := json.Unmarshal(body["to"], &to); err != nil || to == nil {
		return badRequest("to is required: an email address or an array of them")
	}
	switch v := to.(type) {
	case string:
		if strings.TrimSpace(v) == "" {
			return badRequest("to is required: an email address or an array of them")
		}
	case []any:
		if len(v) == 0 {
			return badRequest("to must not be an empty array")
		}
		for i, x := range v {
			if s, ok := x.(string); !ok || strings.TrimSpace(s) == "" {
				return badRequest("to[%d] must be a non-empty string", i)
			}
		}
	default:
		return badRequest("to must be a string or an array of strings")
	}
	if err := optionalString(body, "from"); err != nil {
		return err
	}
	if body.has("template") && !body.isNull("template") {
		tpl, err := parseObject(body["template"])
		if err != nil {
			return badRequest("template must be an object {name, params?}")
		}
		if _, err := requireString(tpl, "name"); err != nil {
			return badRequest("template.name is required and must be a non-empty string")
		}
		if tpl.has("params") && !tpl.isNull("params") {
			if _, err := parseObject(tpl["params"]); err != nil {
				return badRequest("template.params must be an object")
			}
		}
	} else {
		if _, err := requireString(body, "subject"); err != nil {
			return err
		}
		msg, _, merr := body.str("message")
		html, _, herr := body.str("html")
		if merr != nil || herr != nil {
			return badRequest("message and html must be strings")
		}
		if strings.TrimSpace(msg) == "" && strings.TrimSpace(html) == "" {
			return badRequest("message or html is required (or a template)")
		}
	}
	if body.has("attachment") && !body.isNull("attachment") {
		att, err := parseObject(body["attachment"])
		if err != nil {
			return badRequest("attachment must be an object {archive, filename, type?}")
		}
		for _, k := range []string{"archive", "filename"} {
			if _, err := requireString(att, k); err != nil {
				return badRequest("attachment.%s is required and must be a non-empty string", k)
			}
		}
		if err := optionalString(att, "type"); err != nil {
			return badRequest("attachment.type must be a string")
		}
	}
	return nil
}

// serviceMQTT: {topic, message, device, qos?, retain?}; old SDKs send bucket instead
// of device (the same id since devices own their data, docs/api-notes.md §2.4).
func (e *Emulator) serviceMQTT(c *Ctx) (int, any, error) {
	body, raw, err := serviceBody(c)
	if err != nil {
		return 0, nil, err
	}
	for _, k := range []string{"topic", "message"} {
		if _, err := requireString(body, k); err != nil {
			return 0, nil, err
		}
	}
	device, _, err := body.str("device")
	if err != nil {
		return 0, nil, err
	}
	if device == "" {
		if device, _, err = body.str("bucket"); err != nil {
			return 0, nil, err
		}
	}
	if device == "" {
		return 0, nil, badRequest("device is required (the id of the device to publish to)")
	}
	if !isObjectID(device) {
		return 0, nil, badRequest("Invalid Device ID")
	}
	if err := e.store.View(func(tx Tx) error {
		d, err := getDoc[deviceDoc](tx, collDevices, device)
		if err == nil && d == nil {
			err = badRequest("Device not found")
		}
		return err
	}); err != nil {
		return 0, nil, err
	}
	if qos, present, err := body.integer("qos"); err != nil || (present && (qos < 0 || qos > 2)) {
		return 0, nil, badRequest("qos must be 0, 1 or 2")
	}
	if _, _, err := body.boolean("retain"); err != nil {
		return 0, nil, err
	}
	e.record(c, "mqtt", "mqtt", raw)
	return http.StatusOK, "MQTT message published", nil
}

// serviceNotification sends a notification to the account: it is recorded in the
// outbox and also lands in the account's notification list (GET /notification). The
// old SDKs' ref_id (a dashboard or bucket to link) is kept on it.
func (e *Emulator) serviceNotification(c *Ctx) (int, any, error) {
	body, raw, err := serviceBody(c)
	if err != nil {
		return 0, nil, err
	}
	n, err := parseNotificationCreate(body, c.Now)
	if err != nil {
		return 0, nil, err
	}
	if err := e.store.Update(func(tx Tx) error { return putDoc(tx, collNotifications, n.ID, n) }); err != nil {
		return 0, nil, err
	}
	e.record(c, "notification", "notification", raw)
	return http.StatusOK, "Notification sent", nil
}

// serviceAttachment: {archive (base64), filename, type?} -> the URL of the file. The
// emulator serves it back at that URL under /_emulator/outbox/attachments/.
func (e *Emulator) serviceAttachment(c *Ctx) (int, any, error) {
	body, raw, err := serviceBody(c)
	if err != nil {
		return 0, nil, err
	}
	archive, err := requireString(body, "archive")
	if err != nil {
		return 0, nil, err
	}
	filename, err := requireString(body, "filename")
	if err != nil {
		return 0, nil, err
	}
	typ, _, err := body.nullableStr("type")
	if err != nil {
		return 0, nil, err
	}
	content, err := decodeBase64(archive)
	if err != nil {
		return 0, nil, badRequest("archive must be base64-encoded")
	}
	ct := "application/octet-stream"
	if typ != nil && strings.Contains(*typ, "/") {
		ct = *typ
	} else if byExt := mime.TypeByExtension(path.Ext(filename)); byExt != "" {
		ct = byExt
	}
	id := newObjectID()
	e.outbox.mu.Lock()
	e.outbox.attachments[id] = attachment{filename: filename, contentType: ct, content: content}
	e.outbox.mu.Unlock()
	e.record(c, "other", "attachment", raw)
	scheme := "http"
	if c.R.TLS != nil {
		scheme = "https"
	}
	return http.StatusOK, fmt.Sprintf("%s://%s%s%s/%s", scheme, c.R.Host, outboxAttachmentsPrefix, id, url.PathEscape(filename)), nil
}

func decodeBase64(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	var firstErr error
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		b, err := enc.DecodeString(s)
		if err == nil {
			return b, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}

// serviceThirdParty records a provider-specific send as it came (its fields are the
// customer's secret ids and the provider's options).
func (e *Emulator) serviceThirdParty(c *Ctx) (int, any, error) {
	_, raw, err := serviceBody(c)
	if err != nil {
		return 0, nil, err
	}
	name := strings.TrimPrefix(strings.TrimSuffix(c.Route.Template, "/send"), "/analysis/services/")
	e.record(c, "other", name, raw)
	return http.StatusOK, thirdPartyServices[name], nil
}
