package emulator

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
)

// The profile's own SMS and e-mail providers (TagoIO's "Configure Service Provider"
// and "Test Service Provider"). Credentials are secret IDs; each must name a secret of
// the profile. A test message is recorded in the outbox (GET /_emulator/outbox) under
// its type with service "<type>-test", the way analysis services are.
func (e *Emulator) registerProfileServices(r *Router) {
	r.Handle("PUT", "/profile/{id}/service", e.configureServices, kindProfile)
	r.Handle("POST", "/profile/{id}/service/test/{type}", e.testService, kindProfile)
}

const servicesKey = "profile_services" // in collMeta

// serviceProvider is one configured provider.
type serviceProvider struct {
	Provider string            `json:"provider"`
	From     string            `json:"from,omitempty"`
	Secrets  map[string]string `json:"secrets"`
}

type servicesDoc struct {
	Email *serviceProvider `json:"email,omitempty"`
	SMS   *serviceProvider `json:"sms,omitempty"`
}

// providerSecrets are the secrets each provider requires.
var providerSecrets = map[string]map[string][]string{
	"email": {"sendgrid": {"api_key"}, "ses": {"data"}, "smtp": {"data"}},
	"sms":   {"twilio": {"twilio_sid", "twilio_token"}, "sns": {"data"}},
}

func parseServiceProvider(tx Tx, typ string, raw json.RawMessage) (*serviceProvider, error) {
	var p serviceProvider
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, badRequest("%s must be an object {provider, from, secrets}", typ)
	}
	need, ok := providerSecrets[typ][p.Provider]
	if !ok {
		names := map[string]string{"email": "sendgrid, ses or smtp", "sms": "twilio or sns"}
		return nil, badRequest("%s.provider must be %s", typ, names[typ])
	}
	if typ == "email" && !strings.Contains(p.From, "@") {
		return nil, badRequest("email.from must be an e-mail address")
	}
	if typ == "sms" && p.Provider == "twilio" && !e164.MatchString(p.From) {
		return nil, badRequest("sms.from must be a phone number in E.164 format (e.g., +15551234567) for twilio")
	}
	for _, k := range need {
		id := p.Secrets[k]
		if id == "" {
			return nil, badRequest("%s.secrets.%s is required for the %s provider", typ, k, p.Provider)
		}
		if !isObjectID(id) {
			return nil, badRequest("%s.secrets.%s must be a secret ID", typ, k)
		}
		if s, err := tx.Get(collSecrets, id); err != nil {
			return nil, err
		} else if s == nil {
			return nil, badRequest("%s.secrets.%s: secret %s not found", typ, k, id)
		}
	}
	return &p, nil
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

func (e *Emulator) configureServices(c *Ctx) (int, any, error) {
	if err := e.matchProfileParam(c.Param("id")); err != nil {
		return 0, nil, err
	}
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	if !body.has("email") && !body.has("sms") {
		return 0, nil, badRequest("Configure email, sms or both")
	}
	err = e.store.Update(func(tx Tx) error {
		cur, err := getDoc[servicesDoc](tx, collMeta, servicesKey)
		if err != nil {
			return err
		}
		if cur == nil {
			cur = &servicesDoc{}
		}
		if raw, ok := body["email"]; ok {
			if cur.Email, err = parseServiceProvider(tx, "email", raw); err != nil {
				return err
			}
		}
		if raw, ok := body["sms"]; ok {
			if cur.SMS, err = parseServiceProvider(tx, "sms", raw); err != nil {
				return err
			}
		}
		return putDoc(tx, collMeta, servicesKey, cur)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Service provider configured successfully", nil
}

func (e *Emulator) testService(c *Ctx) (int, any, error) {
	if err := e.matchProfileParam(c.Param("id")); err != nil {
		return 0, nil, err
	}
	typ := c.Param("type")
	if typ != "sms" && typ != "email" {
		return 0, nil, badRequest("The service type must be sms or email")
	}
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	to, present, err := body.str("to")
	if err != nil || !present || to == "" {
		return 0, nil, badRequest("to is required")
	}
	if typ == "sms" && !e164.MatchString(to) {
		return 0, nil, badRequest("Invalid phone number format. Use E.164 format (e.g., +15551234567)")
	}
	if typ == "email" && !strings.Contains(to, "@") {
		return 0, nil, badRequest("Invalid email address")
	}
	var cur *servicesDoc
	if err := e.store.View(func(tx Tx) (err error) {
		cur, err = getDoc[servicesDoc](tx, collMeta, servicesKey)
		return err
	}); err != nil {
		return 0, nil, err
	}
	if cur == nil || typ == "sms" && cur.SMS == nil || typ == "email" && cur.Email == nil {
		return 0, nil, notFound("No service provider configured for the specified service type")
	}
	raw, _ := json.Marshal(body)
	e.outbox.add(typ, outboxEntry{Service: typ + "-test", Time: apiTime(c.Now), Body: raw})
	return http.StatusOK, record{"message": "Test message sent successfully", "message_id": newObjectID()}, nil
}
