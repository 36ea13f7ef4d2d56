package dataplane

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// Services are TagoIO's analysis services (docs/api-notes.md §4), reached with an analysis token: the
// original SDK's tago.Services(token). Build them on a client carrying the analysis token,
// e.g. the token a Runtime hands to its handler:
//
//	svc := dataplane.NewServices(base.WithToken(analysisToken))
//
// Each call returns the API's acknowledgement text, which docs/api-notes.md does not pin down.
type Services struct {
	c *Client
}

// NewServices returns the services reached with c's analysis token.
func NewServices(c *Client) *Services { return &Services{c: c} }

func (s *Services) send(ctx context.Context, path string, body any) (string, error) {
	var raw json.RawMessage
	if err := s.c.do(ctx, client.Request{Method: http.MethodPost, Path: path, Body: body}, &raw); err != nil {
		return "", err
	}
	return resultText(raw), nil
}

// resultText is a result that is a string, or its JSON when it is not.
func resultText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// SMS is a text message.
type SMS struct {
	To      string `json:"to"` // phone number with country code, e.g. "+5599999999999"
	Message string `json:"message"`
}

// SMS sends a text message (POST /analysis/services/sms/send).
func (s *Services) SMS(ctx context.Context, m SMS) (string, error) {
	if m.To == "" || m.Message == "" {
		return "", errors.New("sms: to and message are required")
	}
	return s.send(ctx, "/analysis/services/sms/send", m)
}

// Email is an e-mail: a plain Message, an HTML body, or a Template, with an optional attachment.
type Email struct {
	To []string // one or more addresses
	// From is the sender name shown to the recipient. The original SDK's "from" (the address the
	// recipient replies to) goes here as well: it is the same "from" key, which today's API
	// shows as the sender name (docs/api-notes.md §4, §9).
	From    string
	Subject string // with Message or HTML
	Message string
	HTML    string // the API uses it instead of Message when both are set
	// Template is an e-mail template of TagoRUN, sent instead of Subject/Message/HTML.
	Template   *EmailTemplate
	Attachment *EmailAttachment
}

// EmailTemplate names a TagoRUN e-mail template; Params fill its $KEY$ placeholders.
type EmailTemplate struct {
	Name   string         `json:"name"`
	Params map[string]any `json:"params,omitempty"`
}

// EmailAttachment is a file attached to an e-mail.
type EmailAttachment struct {
	Archive  string `json:"archive"`
	Filename string `json:"filename"`
	Type     string `json:"type,omitempty"` // e.g. "base64" when Archive is base64
}

// AttachmentFromBytes attaches any content, base64-encoded.
func AttachmentFromBytes(filename string, content []byte) *EmailAttachment {
	return &EmailAttachment{Archive: base64.StdEncoding.EncodeToString(content), Filename: filename, Type: "base64"}
}

// emailBody is the wire form: "to" is a string for one address, a list for several.
type emailBody struct {
	To         any              `json:"to"`
	From       string           `json:"from,omitempty"`
	Subject    string           `json:"subject,omitempty"`
	Message    string           `json:"message,omitempty"`
	HTML       string           `json:"html,omitempty"`
	Template   *EmailTemplate   `json:"template,omitempty"`
	Attachment *EmailAttachment `json:"attachment,omitempty"`
}

// Email sends an e-mail (POST /analysis/services/email/send).
func (s *Services) Email(ctx context.Context, e Email) (string, error) {
	var problems []string
	if len(e.To) == 0 || slicesHasEmpty(e.To) {
		problems = append(problems, "to needs at least one address and no empty one")
	}
	if e.Template != nil {
		if e.Template.Name == "" {
			problems = append(problems, "template needs a name")
		}
	} else if e.Subject == "" || (e.Message == "" && e.HTML == "") {
		problems = append(problems, "subject and a message or html body are required (or a template)")
	}
	if a := e.Attachment; a != nil && (a.Filename == "" || a.Archive == "") {
		problems = append(problems, "attachment needs archive and filename")
	}
	if len(problems) > 0 {
		return "", fmt.Errorf("email: %s", strings.Join(problems, "; "))
	}
	body := emailBody{From: e.From, Subject: e.Subject, Message: e.Message, HTML: e.HTML, Template: e.Template, Attachment: e.Attachment}
	if len(e.To) == 1 {
		body.To = e.To[0]
	} else {
		body.To = e.To
	}
	return s.send(ctx, "/analysis/services/email/send", body)
}

func slicesHasEmpty(items []string) bool {
	for _, s := range items {
		if strings.TrimSpace(s) == "" {
			return true
		}
	}
	return false
}

// MQTTMessage is a message published to a device's MQTT topic.
type MQTTMessage struct {
	Topic   string
	Message string
	Device  string // the device ID that receives it
	Bucket  string // the original SDK's name for Device, used when Device is empty
	QoS     *int   // 0, 1 or 2
	Retain  *bool
}

type mqttBody struct {
	Topic   string `json:"topic"`
	Message string `json:"message"`
	Device  string `json:"device,omitempty"`
	QoS     *int   `json:"qos,omitempty"`
	Retain  *bool  `json:"retain,omitempty"`
}

// MQTT publishes a message (POST /analysis/services/mqtt/publish). The original SDK's "bucket"
// is sent as today's "device".
func (s *Services) MQTT(ctx context.Context, m MQTTMessage) (string, error) {
	if m.Topic == "" {
		return "", errors.New("mqtt: topic is required")
	}
	if m.QoS != nil && (*m.QoS < 0 || *m.QoS > 2) {
		return "", fmt.Errorf("mqtt: qos %d is not 0, 1 or 2", *m.QoS)
	}
	device := m.Device
	if device == "" {
		device = m.Bucket
	}
	if device == "" {
		// The original SDK let the bucket be omitted; since API v8.17.7 the message goes to a
		// device's broker topic and the API rejects a publish without one (docs/api-notes.md §2.4).
		return "", errors.New("mqtt: device is required: the ID of the device that receives the message (the original SDK's bucket)")
	}
	return s.send(ctx, "/analysis/services/mqtt/publish", mqttBody{Topic: m.Topic, Message: m.Message, Device: device, QoS: m.QoS, Retain: m.Retain})
}

// Notification is a notification to the account (NotificationCreate of docs/api-notes.md §2.10).
type Notification struct {
	Title              string               `json:"title"`
	Message            string               `json:"message"`
	Read               *bool                `json:"read,omitempty"`
	Icon               *NotificationIcon    `json:"icon,omitempty"`
	Buttons            []NotificationButton `json:"buttons,omitempty"`
	ButtonsEnabled     *bool                `json:"buttons_enabled,omitempty"`
	ButtonsAutodisable *bool                `json:"buttons_autodisable,omitempty"`
	// RefID is the original SDK's ref_id: the dashboard or device (bucket) the notification
	// points to. It is sent as is.
	RefID string `json:"ref_id,omitempty"`
}

// NotificationIcon is an image (ImageURL) or an SVG (SVGURL) icon.
type NotificationIcon struct {
	ImageURL string `json:"image_url,omitempty"`
	SVGURL   string `json:"svg_url,omitempty"`
	SVGColor string `json:"svg_color,omitempty"`
	BgColor  string `json:"bg_color,omitempty"`
	Fit      string `json:"fit,omitempty"` // fill, contain or cover (image icons)
}

// NotificationButton is a button of a notification; ID must not contain spaces.
type NotificationButton struct {
	ID       string                `json:"id"`
	Label    string                `json:"label"`
	Color    string                `json:"color,omitempty"`
	Triggers []NotificationTrigger `json:"triggers"`
}

// NotificationTrigger is what pressing a button does: run an analysis (AnalysisID, Scope),
// call a URL (URL, Method, Body) or answer a profile share (ShareProfile "accept"/"refuse").
type NotificationTrigger struct {
	AnalysisID   string         `json:"analysis_id,omitempty"`
	Scope        any            `json:"scope,omitempty"`
	URL          string         `json:"url,omitempty"`
	Method       string         `json:"method,omitempty"` // POST, GET, PUT, DELETE or REDIRECT
	Body         map[string]any `json:"body,omitempty"`
	ShareProfile string         `json:"share_profile,omitempty"`
}

func (n Notification) validate() error {
	var problems []string
	if n.Title == "" || n.Message == "" {
		problems = append(problems, "title and message are required")
	}
	for i, b := range n.Buttons {
		if b.ID == "" || strings.ContainsAny(b.ID, " \t\n") {
			problems = append(problems, fmt.Sprintf("button %d: id %q must be set and contain no spaces", i, b.ID))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("notification: %s", strings.Join(problems, "; "))
	}
	return nil
}

// Notification notifies the account (POST /analysis/services/notification/send).
func (s *Services) Notification(ctx context.Context, n Notification) (string, error) {
	if err := n.validate(); err != nil {
		return "", err
	}
	return s.send(ctx, "/analysis/services/notification/send", n)
}

// Console writes a line to the analysis console (POST /analysis/services/console/send); a zero
// at means now.
func (s *Services) Console(ctx context.Context, message string, at time.Time) (string, error) {
	if at.IsZero() {
		at = time.Now()
	}
	return s.send(ctx, "/analysis/services/console/send", map[string]any{"message": message, "timestamp": at.UnixMilli()})
}
