// Package emulator is a local, stateful emulation of the TagoIO REST API (in the
// spirit of LocalStack), written from the API reference and TagoIO's OpenAPI file
// alone. It shares no code with the project's API client, so that agreement between
// the two is evidence that both follow the API.
//
// Layout: router (router.go) -> middleware chain (middleware.go, auth.go) -> one
// handler file per API object (devices.go, device_tokens.go, ...) -> Store
// (store.go, in memory or bbolt).
//
// Adding an API object:
//
//   - write <object>.go with a register<Object>(r *Router) method holding one line per
//     route: r.Handle("GET", "/thing/{id}", e.getThing, kindProfile|kindAnalysis);
//     and call it from registerRoutes;
//   - handlers are HandlerFunc: they return (status, result, error) and never write the
//     envelope themselves; errors are *apiError (badRequest, notFound, errorf);
//   - lists go through runList with a listSpec (default fields, default orderBy,
//     allowed filters), which gives paging, fields, orderBy and filters for free;
//     query strings are already parsed into c.Query (query.go) in every encoding;
//   - state lives in the Store as JSON documents in a collection; every multi-document
//     change happens inside one store.Update, which is atomic and durable;
//   - new cross-cutting behaviour (fault injection, rate limits, time scale) is a
//     Middleware inserted in Emulator.middlewares between latency and auth; stats
//     already has RecordFault for faults_by_route.
package emulator

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Options configures an Emulator.
type Options struct {
	Token    string        // profile token accepted with full permission; generated ("p-"+uuid v4) when empty
	DataPath string        // "" = in memory; else a bbolt file, crash-safe, reopened on restart with all state
	Latency  time.Duration // added to every request
	Logger   io.Writer     // optional request log; nil = silent

	AccountEmail         string // the account's email (GET /account); default admin@tagoio-emulator.local
	AccountPassword      string // the account's password, checked where the API asks for credentials; default DefaultAccountPassword
	AccountName          string // the account's name when first created (PUT /account changes it); default "TagoIO Emulator"
	DisableLegacyBuckets bool   // no /bucket routes: they answer 404 like any unknown route, as today's API does

	Faults        FaultOptions // injected 429/503 (before processing), 500 and dropped answers (after)
	RateLimitPlan string       // "" (no limits), "free", "starter" or "scale": docs/api-notes.md's per-route limits
	TimeScale     float64      // > 1 shortens the rate-limit window (a minute / TimeScale); default 1
	// NotFoundStatus is the status of an answer about an unknown object id: 0 or 404 (TagoIO),
	// or 400 or 422 with an "Invalid <Object> ID" message, as other servers of the API answer.
	NotFoundStatus int

	Clock func() time.Time // the rate limiter's clock; nil = time.Now (tests pass a fake one)
}

// Emulator is the emulated TagoIO API of one profile.
type Emulator struct {
	opts         Options
	store        Store
	stats        *Stats
	router       *Router
	handler      Handler
	profileID    string
	profileToken string
	logMu        sync.Mutex
	closeOnce    sync.Once
	closeErr     error
	faults       *faultInjector
	scripted     scriptedFaults // FailNext
	rateLimit    *rateLimiter   // nil without a plan
	data         *dataIndex     // device data records (data_index.go)
	outbox       *outbox        // what analysis services sent (services.go)
	events       *eventHub      // open SSE streams (events.go)
}

// stateDoc is the emulator's own state, kept in collMeta under stateKey.
type stateDoc struct {
	ProfileID    string `json:"profile_id"`
	ProfileToken string `json:"profile_token"`
}

const stateKey = "state"

// New builds the emulator's state (opening or creating Options.DataPath) and seeds
// the connector/network catalog.
func New(opts Options) (*Emulator, error) {
	var st Store
	if opts.DataPath == "" {
		st = newMemoryStore()
	} else {
		bs, err := openBoltStore(opts.DataPath)
		if err != nil {
			return nil, err
		}
		st = bs
	}
	e := &Emulator{opts: opts, store: st, stats: newStats(), faults: newFaultInjector(opts.Faults)}
	e.data, e.outbox, e.events = newDataIndex(), newOutbox(), newEventHub()
	if opts.RateLimitPlan != "" {
		limiter, ok := newRateLimiter(opts.RateLimitPlan, opts.TimeScale, opts.Clock)
		if !ok {
			return nil, errors.Join(fmt.Errorf("unknown rate-limit plan %q: use free, starter or scale", opts.RateLimitPlan), st.Close())
		}
		e.rateLimit = limiter
	}
	switch opts.NotFoundStatus {
	case 0, http.StatusNotFound, http.StatusBadRequest, http.StatusUnprocessableEntity:
	default:
		return nil, errors.Join(fmt.Errorf("not-found status %d: use 404, 400 or 422", opts.NotFoundStatus), st.Close())
	}
	if err := e.initState(); err != nil {
		return nil, errors.Join(err, st.Close())
	}
	if err := e.loadDataIndex(); err != nil {
		return nil, errors.Join(err, st.Close())
	}
	if err := seedCatalog(st); err != nil {
		return nil, errors.Join(err, st.Close())
	}
	e.router = &Router{}
	e.registerRoutes(e.router)
	e.handler = chain(e.dispatch, e.middlewares()...)
	return e, nil
}

// registerRoutes lists every API object; a new object adds its register function here.
func (e *Emulator) registerRoutes(r *Router) {
	e.registerStatus(r)
	e.registerInfo(r)
	e.registerIntegration(r)
	e.registerDevices(r)
	e.registerDeviceTokens(r)
	e.registerDeviceParams(r)
	e.registerDashboards(r)
	e.registerWidgets(r)
	e.registerRun(r)
	e.registerRunCustomDomain(r)
	e.registerRunUsers(r)
	e.registerAccessManagement(r)
	e.registerAccount(r)
	e.registerBuckets(r)
	e.registerSecrets(r)
	e.registerActions(r)
	e.registerAnalyses(r)
	e.registerData(r)
	e.registerServices(r)
	e.registerEvents(r)
	e.registerAnalysisRun(r)
	e.registerNotifications(r)
	e.registerRunNotifications(r)
	e.registerProfileTokens(r)
	e.registerDeviceChunks(r)
	e.registerDeviceExports(r)
	e.registerNetworkIngest(r)
	e.registerTagKeys(r)
	e.registerWidgetData(r)
	e.registerAccountBilling(r)
	e.registerProfileStatistics(r)
	e.registerProfileBackups(r)
	e.registerFiles(r)
	e.registerProfileServices(r)
	e.registerDictionaries(r)
	e.registerEntities(r)
	e.registerServiceAuthorizations(r)
	e.registerProfileTeam(r)
}

// middlewares is the chain every API request goes through, outermost first. Fault
// injection and per-route rate limits belong between latency and auth.
func (e *Emulator) middlewares() []Middleware {
	return []Middleware{
		e.recoverMiddleware,
		e.logMiddleware,
		e.statsMiddleware,
		e.latencyMiddleware,
		e.rateLimitMiddleware,
		e.faultMiddleware,
		e.scriptedFaultMiddleware,
		e.authMiddleware,
	}
}

// initState loads or creates the profile id and the profile token.
func (e *Emulator) initState() error {
	return e.store.Update(func(tx Tx) error {
		st, err := getDoc[stateDoc](tx, collMeta, stateKey)
		if err != nil {
			return err
		}
		if st == nil {
			st = &stateDoc{ProfileID: newObjectID()}
		}
		token := e.opts.Token
		if token == "" && st.ProfileToken != "" {
			// Restarted on the same data file: keep the token the clients already use.
			if cur, err := getDoc[tokenDoc](tx, collTokens, st.ProfileToken); err != nil {
				return err
			} else if cur != nil && cur.Kind == tokenKindProfile {
				token = st.ProfileToken
			}
		}
		if token == "" {
			token = "p-" + newUUID()
		}
		st.ProfileToken = token
		doc := &tokenDoc{
			Token: token, Kind: tokenKindProfile, Name: "Emulator profile token",
			Permission: "full", CreatedAt: apiTime(nowTime()),
		}
		if cur, err := getDoc[tokenDoc](tx, collTokens, token); err != nil {
			return err
		} else if cur != nil && cur.Kind == tokenKindProfile {
			doc.CreatedAt = cur.CreatedAt
		}
		if err := putDoc(tx, collTokens, token, doc); err != nil {
			return err
		}
		e.profileID, e.profileToken = st.ProfileID, token
		return putDoc(tx, collMeta, stateKey, st)
	})
}

// Handler returns the HTTP handler serving the API (and /_emulator/).
func (e *Emulator) Handler() http.Handler { return http.HandlerFunc(e.serveHTTP) }

func (e *Emulator) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, scriptFilesPrefix) { // analysis script download links (analyses.go)
		e.serveScriptFile(w, r)
		return
	}
	if p := r.URL.Path; p == "/_emulator" || strings.HasPrefix(p, "/_emulator/") {
		e.internalHandler(w, r)
		return
	}
	c := &Ctx{
		W: &statusWriter{ResponseWriter: w}, R: r, Query: ParseQuery(r.URL.RawQuery),
		Now: nowTime(), e: e,
	}
	c.Route, c.Params, c.Allowed = e.router.match(r.Method, normalizePath(r.URL.Path))
	e.handler(c)
}

// ProfileToken returns the profile token accepted with full permission.
func (e *Emulator) ProfileToken() string { return e.profileToken }

// ProfileID returns the 24-hex id of the single emulated profile.
func (e *Emulator) ProfileID() string { return e.profileID }

// Stats returns the request counters (also served at /_emulator/stats).
func (e *Emulator) Stats() *Stats { return e.stats }

// AddProfileToken creates another profile token with permission "read", "write" or
// "full" (or "deny") expiring at expiresAt (nil = never), for permission tests. It
// returns "" if the store refused the write.
func (e *Emulator) AddProfileToken(permission string, expiresAt *time.Time) string {
	doc := &tokenDoc{
		Token: "p-" + newUUID(), Kind: tokenKindProfile, Name: "Profile token (" + permission + ")",
		Permission: permission, CreatedAt: apiTime(nowTime()),
	}
	if expiresAt != nil {
		doc.ExpireTime = timePtr(*expiresAt)
	}
	if err := e.store.Update(func(tx Tx) error { return putDoc(tx, collTokens, doc.Token, doc) }); err != nil {
		e.logf("AddProfileToken: %v", err)
		return ""
	}
	return doc.Token
}

// Close releases the store (and the data file's lock). It is safe to call twice.
func (e *Emulator) Close() error {
	e.closeOnce.Do(func() { e.closeErr = e.store.Close() })
	return e.closeErr
}
