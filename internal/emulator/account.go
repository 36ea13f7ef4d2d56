package emulator

import (
	"net/http"
	"strings"
	"time"
)

// The emulated account (docs/api-notes.md §2.1) owns the one emulated profile (§2.2). Both
// are created on first use and kept in collMeta, so they survive restarts with the
// rest of the state.

const (
	accountKey = "account"
	profileKey = "profile"

	defaultAccountEmail = "admin@tagoio-emulator.local"
	defaultAccountName  = "TagoIO Emulator"
	defaultProfileName  = "Emulator Profile"
	// accountPlan: the emulator enforces no quota, so it reports the largest plan.
	accountPlan = "scale"
)

// accountDoc is the stored account. The email is not stored: it is
// Options.AccountEmail (not editable through the API).
type accountDoc struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	Company    string         `json:"company"`
	Language   string         `json:"language"`
	Timezone   string         `json:"timezone"`
	Newsletter bool           `json:"newsletter"`
	Phone      *string        `json:"phone"`
	Options    accountOptions `json:"options"`
	CreatedAt  apiTime        `json:"created_at"`
	UpdatedAt  apiTime        `json:"updated_at"`
}

// accountOptions are the account's display preferences (OAS PUT /account).
type accountOptions struct {
	DecimalSeparator  string  `json:"decimal_separator"`
	ThousandSeparator string  `json:"thousand_separator"`
	DateFormat        string  `json:"date_format"`
	TimeFormat        string  `json:"time_format"`
	ShowLastUpdatedAt string  `json:"show_last_updated_at"`
	UserViewWelcome   bool    `json:"user_view_welcome"`
	LastWhatsNew      apiTime `json:"last_whats_new"`
}

// profileDoc is the stored profile; its id is Emulator.ProfileID.
type profileDoc struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	LogoURL   *string `json:"logo_url"`
	BannerURL *string `json:"banner_url"`
	CreatedAt apiTime `json:"created_at"`
	UpdatedAt apiTime `json:"updated_at"`
}

// AccountEmail is the email of the emulated account (Options.AccountEmail or the
// default), e.g. for the credentials of profile-token requests.
func (e *Emulator) AccountEmail() string {
	if e.opts.AccountEmail != "" {
		return e.opts.AccountEmail
	}
	return defaultAccountEmail
}

// ensureAccount loads the account and the profile, creating them in tx (which must be
// writable) the first time.
func (e *Emulator) ensureAccount(tx Tx, now time.Time) (*accountDoc, *profileDoc, error) {
	acct, prof, err := readAccount(tx)
	if err != nil || (acct != nil && prof != nil) {
		return acct, prof, err
	}
	at := apiTime(now)
	if acct == nil {
		name := e.opts.AccountName
		if name == "" {
			name = defaultAccountName
		}
		acct = &accountDoc{
			ID: newObjectID(), Name: name, Language: "en", Timezone: "UTC",
			Options: accountOptions{
				DecimalSeparator: ".", ThousandSeparator: ",", DateFormat: "YYYY-MM-DD",
				TimeFormat: "24", ShowLastUpdatedAt: "footer", LastWhatsNew: at,
			},
			CreatedAt: at, UpdatedAt: at,
		}
		if err := putDoc(tx, collMeta, accountKey, acct); err != nil {
			return nil, nil, err
		}
	}
	if prof == nil {
		prof = &profileDoc{ID: e.profileID, Name: defaultProfileName, CreatedAt: at, UpdatedAt: at}
		if err := putDoc(tx, collMeta, profileKey, prof); err != nil {
			return nil, nil, err
		}
	}
	return acct, prof, nil
}

// readAccount loads the account and the profile (nil when not created yet).
func readAccount(tx Tx) (*accountDoc, *profileDoc, error) {
	acct, err := getDoc[accountDoc](tx, collMeta, accountKey)
	if err != nil {
		return nil, nil, err
	}
	prof, err := getDoc[profileDoc](tx, collMeta, profileKey)
	return acct, prof, err
}

// accountState reads the account and profile, creating them on the first request.
func (e *Emulator) accountState(now time.Time) (acct *accountDoc, prof *profileDoc, err error) {
	if err = e.store.View(func(tx Tx) error {
		acct, prof, err = readAccount(tx)
		return err
	}); err != nil || (acct != nil && prof != nil) {
		return acct, prof, err
	}
	err = e.store.Update(func(tx Tx) error {
		acct, prof, err = e.ensureAccount(tx, now)
		return err
	})
	return acct, prof, err
}

func (e *Emulator) registerAccount(r *Router) {
	r.Handle("GET", "/account", e.getAccount, kindProfile)
	r.Handle("PUT", "/account", e.editAccount, kindProfile)
	r.Handle("GET", "/profile", e.listProfiles, kindProfile)
	r.Handle("GET", "/profile/{id}", e.getProfile, kindProfile)
	r.Handle("GET", "/profile/{id}/summary", e.profileSummary, kindProfile)
}

// accountRecord is the account object of GET /account (OAS example, JS AccountInfo).
// last_login is the account's creation: nobody logs in to the emulator, and a date
// is what clients typed for one (OAS: string) read.
func (e *Emulator) accountRecord(a *accountDoc) record {
	return record{
		"id": a.ID, "name": a.Name, "email": e.AccountEmail(), "active": true, "blocked": false,
		"company": a.Company, "language": a.Language, "timezone": a.Timezone,
		"newsletter": a.Newsletter, "phone": a.Phone, "plan": accountPlan, "send_invoice": false,
		"stripe_id": nil, "type": "user", "options": a.Options,
		"otp":        record{"authenticator": false, "sms": false, "email": false},
		"last_login": a.CreatedAt, "created_at": a.CreatedAt, "updated_at": a.UpdatedAt,
	}
}

func (e *Emulator) getAccount(c *Ctx) (int, any, error) {
	acct, _, err := e.accountState(c.Now)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, e.accountRecord(acct), nil
}

var (
	accountDateFormats = []string{"YYYY-MM-DD", "DD-MM-YYYY", "MM-DD-YYYY"}
	accountTimeFormats = []string{"12", "24"}
	accountSeparators  = []string{".", ","}
	accountLastUpdated = []string{"footer", "menu"}
)

func (e *Emulator) editAccount(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		acct, _, err := e.ensureAccount(tx, c.Now)
		if err != nil {
			return err
		}
		if err := applyAccountBody(acct, body); err != nil {
			return err
		}
		acct.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collMeta, accountKey, acct)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Account Successfully Updated", nil
}

// applyAccountBody applies a partial account: name, company, language, timezone,
// phone, newsletter and options (merged key by key). Other keys (email, plan...) are
// not editable here and are ignored.
func applyAccountBody(a *accountDoc, body jsonBody) error {
	if v, present, err := body.str("name"); err != nil {
		return err
	} else if present {
		if strings.TrimSpace(v) == "" {
			return badRequest("name must be a non-empty string")
		}
		a.Name = v
	}
	for _, f := range []struct {
		key string
		dst *string
	}{{"company", &a.Company}, {"language", &a.Language}} {
		if v, present, err := body.str(f.key); err != nil {
			return err
		} else if present {
			*f.dst = v
		}
	}
	if v, present, err := body.str("timezone"); err != nil {
		return err
	} else if present {
		if !validTimezone(v) {
			return badRequest("timezone must be an IANA time zone like \"America/Sao_Paulo\"")
		}
		a.Timezone = v
	}
	if v, present, err := body.nullableStr("phone"); err != nil {
		return err
	} else if present {
		a.Phone = v
	}
	if v, present, err := body.boolean("newsletter"); err != nil {
		return err
	} else if present {
		a.Newsletter = v
	}
	if !body.has("options") {
		return nil
	}
	opts, ok := asObject(body["options"])
	if !ok {
		return badRequest("options must be an object")
	}
	for _, f := range []struct {
		key     string
		allowed []string
		dst     *string
	}{
		{"date_format", accountDateFormats, &a.Options.DateFormat},
		{"time_format", accountTimeFormats, &a.Options.TimeFormat},
		{"decimal_separator", accountSeparators, &a.Options.DecimalSeparator},
		{"thousand_separator", accountSeparators, &a.Options.ThousandSeparator},
		{"show_last_updated_at", accountLastUpdated, &a.Options.ShowLastUpdatedAt},
	} {
		if !opts.has(f.key) {
			continue
		}
		v, err := enumField(opts, "options", f.key, f.allowed)
		if err != nil {
			return err
		}
		*f.dst = v
	}
	if v, present, err := opts.boolean("user_view_welcome"); err != nil {
		return badRequest("options.user_view_welcome must be a boolean")
	} else if present {
		a.Options.UserViewWelcome = v
	}
	if a.Options.DecimalSeparator == a.Options.ThousandSeparator {
		return badRequest("options.decimal_separator and options.thousand_separator must differ (one \".\", the other \",\")")
	}
	return nil
}

// profileListItem is ProfileListInfo.
func profileListItem(p *profileDoc, accountID string) record {
	return record{"id": p.ID, "name": p.Name, "logo_url": p.LogoURL, "account": accountID}
}

var profileListSpec = listSpec{
	defaultFields: []string{"id", "name", "logo_url", "account"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "name,asc",
	filters:       map[string]filterKind{"id": filterString, "name": filterString},
}

func (e *Emulator) listProfiles(c *Ctx) (int, any, error) {
	acct, prof, err := e.accountState(c.Now)
	if err != nil {
		return 0, nil, err
	}
	out, err := runList(c.Query, []record{profileListItem(prof, acct.ID)}, profileListSpec, c.Now)
	return http.StatusOK, out, err
}

// matchProfileParam accepts "current" or the emulated profile's id.
func (e *Emulator) matchProfileParam(id string) error {
	if id == "current" || id == e.profileID {
		return nil
	}
	if !isObjectID(id) {
		return badRequest("Invalid Profile ID")
	}
	return notFound("Profile not found")
}

// profileLimits is what the one emulated profile may use. The emulator enforces none
// of it; the numbers only give clients that read them something plausible.
var profileLimits = record{
	"input": 100_000_000, "output": 100_000_000, "sms": 1_000, "email": 100_000,
	"analysis": 100_000, "data_records": 100_000_000, "run_users": 10_000,
	"push_notification": 100_000, "file_storage": 102_400,
}

func profileAddons(p *profileDoc) record {
	return record{"custom_dns": false, "mobile": false, "control_tower": false, "profile": p.ID, "updated_at": p.CreatedAt}
}

func (e *Emulator) getProfile(c *Ctx) (int, any, error) {
	if err := e.matchProfileParam(c.Param("id")); err != nil {
		return 0, nil, err
	}
	acct, prof, err := e.accountState(c.Now)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{
		"info": record{
			"id": prof.ID, "account": acct.ID, "name": prof.Name, "logo_url": prof.LogoURL,
			"banner_url": prof.BannerURL, "created_at": prof.CreatedAt, "updated_at": prof.UpdatedAt,
		},
		"allocation":   profileLimits,
		"addons":       profileAddons(prof),
		"account_plan": accountPlan,
	}, nil
}

// summaryCounts maps each ProfileSummary.amount key to the collection whose documents
// it counts. Objects the emulator does not have (dictionaries, TagoCores...) count 0.
var summaryCounts = []struct {
	key  string
	coll string
}{
	{"device", collDevices},
	{"bucket", collLegacyBuckets},
	{"dashboard", collDashboards},
	{"analysis", collAnalyses},
	{"action", collActions},
	{"am", collAccessManagement},
	{"run_users", collRunUsers},
}

// amountKeys are every key of ProfileSummary.amount (JS type; OAS adds tcore_cluster).
var amountKeys = []string{
	"device", "bucket", "dashboard", "dashboard_shared", "analysis", "action", "am", "run_users",
	"dictionary", "connectors", "networks", "tcore", "tcore_cluster",
}

func countDocs(tx Tx, coll string) (int, error) {
	n := 0
	err := tx.ForEach(coll, func(string, []byte) error { n++; return nil })
	return n, err
}

func (e *Emulator) profileSummary(c *Ctx) (int, any, error) {
	if err := e.matchProfileParam(c.Param("id")); err != nil {
		return 0, nil, err
	}
	_, prof, err := e.accountState(c.Now)
	if err != nil {
		return 0, nil, err
	}
	amount := record{}
	for _, k := range amountKeys {
		amount[k] = 0
	}
	err = e.store.View(func(tx Tx) error {
		for _, sc := range summaryCounts {
			n, err := countDocs(tx, sc.coll)
			if err != nil {
				return err
			}
			amount[sc.key] = n
		}
		// The catalog's public connectors and networks are TagoIO's, not the profile's.
		conns, err := listDocs[connectorDoc](tx, collConnectors, func(d *connectorDoc) bool { return !d.Public })
		if err != nil {
			return err
		}
		nets, err := listDocs[networkDoc](tx, collNetworks, func(d *networkDoc) bool { return !d.Public })
		amount["connectors"], amount["networks"] = len(conns), len(nets)
		return err
	})
	if err != nil {
		return 0, nil, err
	}
	if only, _ := c.Query.Get("onlyAmount").Bool(); only {
		return http.StatusOK, record{"amount": amount}, nil
	}
	limit := record{"tcore": 100}
	for k, v := range profileLimits {
		limit[k] = v
	}
	used := record{}
	for _, k := range []string{"input", "output", "analysis", "sms", "email", "push_notification", "file_storage", "tcore", "tcore_cluster", "dashboard_output"} {
		used[k] = 0
	}
	used["run_users"] = amount["run_users"]
	used["data_records"] = e.totalDataRecords()
	return http.StatusOK, record{"limit": limit, "amount": amount, "limit_used": used, "addons": profileAddons(prof)}, nil
}

// totalDataRecords counts the records of every device (the data plane's index).
func (e *Emulator) totalDataRecords() int {
	e.data.mu.RLock()
	defer e.data.mu.RUnlock()
	n := 0
	for _, r := range e.data.devices {
		n += len(r.all)
	}
	return n
}
