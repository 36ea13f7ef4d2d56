package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// account is everything the exporter read, with the details each object's resource needs.
type account struct {
	devices    []device
	tokens     []deviceToken
	buckets    []client.Bucket
	secrets    []client.Secret
	actions    []client.Action
	analyses   []analysis
	dashboards []client.Dashboard
	widgets    []widget
	run        *client.Run
	runUsers   []client.RunUser
	policies   []client.AccessPolicy
	widgetsOn  []client.Dashboard // the dashboards whose widgets are exported

	dictionaries []dictionary // with every language's expressions
	entities     []client.Entity

	serviceAuthorizations []client.ServiceAuthorization // tokens included; imported by name
	files                 []client.File                 // Filename is the whole path, the import ID

	networks   []client.Network   // the profile's own, not TagoIO's catalog
	connectors []client.Connector // the profile's own, not TagoIO's catalog

	teamMembers     []client.TeamMember // pending invitations included
	runCustomDomain *runCustomDomain    // nil when the TagoRUN has none

	// The labels of every device and dashboard listed, exported or not: tokens and widgets are
	// named after them.
	deviceLabels    map[string]string
	dashboardLabels map[string]string
}

type device struct {
	client.Device
	params []client.DeviceParam
}

type deviceToken struct {
	deviceID string
	importID string
	client.DeviceToken
}

type analysis struct {
	client.Analysis
	script []byte // nil when the analysis has no script
}

type widget struct {
	dashboardID string
	client.Widget
	position *client.ArrangementEntry
}

// reader reads an account kind by kind and reports progress on stderr.
type reader struct {
	c        *client.Client
	kinds    kindSet
	progress *progress
	warn     func(format string, args ...any)
	skip     func(format string, args ...any) // a warning about an object left out
}

// listed is what the lists of phase one returned: the objects whose details phase two reads.
type listed struct {
	devices  []client.Device
	actions  []client.Action
	analyses []client.Analysis
	runUsers []client.RunUser
	policies []client.AccessPolicy
}

// read lists every object first, so that the progress line has its total, then reads the details
// of the objects whose lists hold only some fields.
func (r *reader) read(ctx context.Context) (*account, error) {
	acc := &account{deviceLabels: map[string]string{}, dashboardLabels: map[string]string{}}
	l, err := r.list(ctx, acc)
	if err != nil {
		return nil, err
	}
	if err := r.readDetails(ctx, acc, l); err != nil {
		return nil, err
	}
	r.progress.finish()
	return acc, nil
}

// list lists every kind to export. Tokens, buckets and secrets are complete in their lists, and
// dashboards are read in full here: the widgets to read are the ones their arrangements place.
func (r *reader) list(ctx context.Context, acc *account) (*listed, error) {
	l := &listed{}
	var err error
	// Tokens are listed per device: the devices are listed whenever tokens are wanted.
	if r.kinds.has(kindDevice) || r.kinds.has(kindDeviceToken) {
		if l.devices, err = r.c.Devices.List(ctx, client.ListOptions{Fields: []string{"id", "name"}}); err != nil {
			return nil, fmt.Errorf("listing devices: %w", err)
		}
		for _, d := range l.devices {
			acc.deviceLabels[d.ID] = d.Name
		}
	}
	if r.kinds.has(kindDevice) {
		r.progress.add(len(l.devices))
	}
	if r.kinds.has(kindDeviceToken) {
		for _, d := range l.devices {
			tokens, err := r.c.DeviceTokens.List(ctx, d.ID)
			if err != nil {
				return nil, fmt.Errorf("listing the tokens of device %s: %w", d.ID, err)
			}
			acc.tokens = append(acc.tokens, importableTokens(d, tokens)...)
		}
		r.progress.add(len(acc.tokens))
	}
	if r.kinds.has(kindBucket) {
		acc.buckets, err = r.c.Buckets.List(ctx, client.ListOptions{})
		switch {
		case client.IsRouteMissing(err):
			r.skip("legacy buckets skipped: this TagoIO no longer serves the /bucket routes")
			acc.buckets = nil
		case err != nil:
			return nil, fmt.Errorf("listing legacy buckets: %w", err)
		}
		r.progress.add(len(acc.buckets))
	}
	if r.kinds.has(kindSecret) {
		if acc.secrets, err = r.c.Secrets.List(ctx, client.ListOptions{}); err != nil {
			return nil, fmt.Errorf("listing secrets: %w", err)
		}
		r.progress.add(len(acc.secrets))
	}
	if r.kinds.has(kindAction) {
		if l.actions, err = r.c.Actions.List(ctx, client.ListOptions{Fields: []string{"id", "name"}}); err != nil {
			return nil, fmt.Errorf("listing actions: %w", err)
		}
		r.progress.add(len(l.actions))
	}
	if r.kinds.has(kindAnalysis) {
		if l.analyses, err = r.c.Analyses.List(ctx, client.ListOptions{Fields: []string{"id", "name"}}); err != nil {
			return nil, fmt.Errorf("listing analyses: %w", err)
		}
		r.progress.add(len(l.analyses))
	}
	if r.kinds.has(kindDashboard) || r.kinds.has(kindWidget) {
		dashboards, err := r.readDashboards(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range dashboards {
			acc.dashboardLabels[d.ID] = d.Label
		}
		if r.kinds.has(kindDashboard) {
			acc.dashboards = dashboards
			r.progress.add(len(dashboards))
		}
		if r.kinds.has(kindWidget) {
			acc.widgetsOn = dashboards
			for _, d := range dashboards {
				r.progress.add(len(widgetIDs(d)))
			}
		}
	}
	if r.kinds.has(kindRunUser) {
		if l.runUsers, err = r.c.RunUsers.List(ctx, client.ListOptions{Fields: []string{"id", "name"}}); err != nil {
			return nil, fmt.Errorf("listing run users: %w", err)
		}
		r.progress.add(len(l.runUsers))
	}
	if r.kinds.has(kindAccessManagement) {
		if l.policies, err = r.c.AccessManagement.List(ctx, client.ListOptions{Fields: []string{"id", "name"}}); err != nil {
			return nil, fmt.Errorf("listing access management policies: %w", err)
		}
		r.progress.add(len(l.policies))
	}
	if r.kinds.has(kindRun) {
		r.progress.add(1)
	}
	if r.kinds.has(kindDictionary) {
		if err := r.readDictionaries(ctx, acc); err != nil {
			return nil, err
		}
	}
	if r.kinds.has(kindEntity) {
		if err := r.readEntities(ctx, acc); err != nil {
			return nil, err
		}
	}
	if r.kinds.has(kindServiceAuthorization) {
		if err := r.readServiceAuthorizations(ctx, acc); err != nil {
			return nil, err
		}
	}
	if err := r.readIntegrations(ctx, acc); err != nil {
		return nil, err
	}
	if r.kinds.has(kindFile) {
		if err := r.readFiles(ctx, acc); err != nil {
			return nil, err
		}
	}
	if r.kinds.has(kindTeamMember) {
		if err := r.readTeamMembers(ctx, acc); err != nil {
			return nil, err
		}
	}
	if r.kinds.has(kindRunCustomDomain) {
		if err := r.readRunCustomDomain(ctx, acc); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// readDetails reads each listed object in full. An object deleted since it was listed is left
// out with a warning: an account may change while a large export runs.
func (r *reader) readDetails(ctx context.Context, acc *account, l *listed) error {
	if r.kinds.has(kindDevice) {
		for _, d := range l.devices {
			full, err := r.c.Devices.Get(ctx, d.ID)
			var params []client.DeviceParam
			if err == nil {
				params, err = r.c.Devices.ListParams(ctx, d.ID)
			}
			r.progress.done(1, "devices")
			if r.deleted(err, "device", d.ID) {
				continue
			}
			if err != nil {
				return fmt.Errorf("reading device %s: %w", d.ID, err)
			}
			acc.devices = append(acc.devices, device{Device: *full, params: params})
		}
	}
	r.progress.done(len(acc.tokens), "device tokens")
	r.progress.done(len(acc.buckets), "legacy buckets")
	r.progress.done(len(acc.secrets), "secrets")
	for _, a := range l.actions {
		full, err := r.c.Actions.Get(ctx, a.ID)
		r.progress.done(1, "actions")
		if r.deleted(err, "action", a.ID) {
			continue
		}
		if err != nil {
			return fmt.Errorf("reading action %s: %w", a.ID, err)
		}
		acc.actions = append(acc.actions, *full)
	}
	for _, a := range l.analyses {
		full, err := r.c.Analyses.Get(ctx, a.ID)
		r.progress.done(1, "analyses")
		if r.deleted(err, "analysis", a.ID) {
			continue
		}
		if err != nil {
			return fmt.Errorf("reading analysis %s: %w", a.ID, err)
		}
		item := analysis{Analysis: *full}
		if full.Version != "" {
			item.script, err = r.c.Analyses.DownloadScript(ctx, a.ID, string(full.Version))
			switch {
			case client.IsNotFound(err): // source is optional: left out, the script stays as it is
				r.warn("analysis %q (%s): its script could not be downloaded; source is left out", full.Name, a.ID)
			case err != nil:
				return fmt.Errorf("downloading the script of analysis %s: %w", a.ID, err)
			}
		}
		acc.analyses = append(acc.analyses, item)
	}
	r.progress.done(len(acc.dashboards), "dashboards")
	for i := range acc.widgetsOn {
		widgets, err := r.readWidgets(ctx, &acc.widgetsOn[i])
		if err != nil {
			return err
		}
		acc.widgets = append(acc.widgets, widgets...)
	}
	for _, u := range l.runUsers {
		full, err := r.c.RunUsers.Get(ctx, u.ID)
		r.progress.done(1, "run users")
		if r.deleted(err, "run user", u.ID) {
			continue
		}
		if err != nil {
			return fmt.Errorf("reading run user %s: %w", u.ID, err)
		}
		acc.runUsers = append(acc.runUsers, *full)
	}
	for _, p := range l.policies {
		full, err := r.c.AccessManagement.Get(ctx, p.ID)
		r.progress.done(1, "access management")
		if r.deleted(err, "access management policy", p.ID) {
			continue
		}
		if err != nil {
			return fmt.Errorf("reading access management policy %s: %w", p.ID, err)
		}
		acc.policies = append(acc.policies, *full)
	}
	if r.kinds.has(kindRun) {
		run, err := r.c.Run.Get(ctx)
		r.progress.done(1, "run")
		switch {
		case client.IsNotFound(err): // a profile whose plan has no TagoRUN
			r.skip("TagoRUN settings skipped: this profile has none")
		case err != nil:
			return fmt.Errorf("reading the TagoRUN settings: %w", err)
		default:
			acc.run = run
		}
	}
	return nil
}

// deleted reports, with a warning, an object deleted since it was listed.
func (r *reader) deleted(err error, what, id string) bool {
	if !client.IsNotFound(err) {
		return false
	}
	r.skip("%s %s was deleted during the export; skipped", what, id)
	return true
}

// readWidgets reads the widgets a dashboard places in its arrangement: TagoIO has no route that
// lists a dashboard's widgets, so a widget that is on no grid cannot be found.
func (r *reader) readWidgets(ctx context.Context, d *client.Dashboard) ([]widget, error) {
	var out []widget
	for _, id := range widgetIDs(*d) {
		w, err := r.c.Widgets.Get(ctx, d.ID, id)
		r.progress.done(1, "widgets")
		if client.IsNotFound(err) {
			r.skip("dashboard %q (%s): widget %s is in the arrangement but does not exist; skipped", d.Label, d.ID, id)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading widget %s of dashboard %s: %w", id, d.ID, err)
		}
		out = append(out, widget{dashboardID: d.ID, Widget: *w, position: arrangementEntry(*d, id)})
	}
	return out, nil
}

// readDashboards lists the dashboards and reads each one: the list has no arrangement.
func (r *reader) readDashboards(ctx context.Context) ([]client.Dashboard, error) {
	listed, err := r.c.Dashboards.List(ctx, client.ListOptions{Fields: []string{"id", "label"}})
	if err != nil {
		return nil, fmt.Errorf("listing dashboards: %w", err)
	}
	out := make([]client.Dashboard, 0, len(listed))
	for _, d := range listed {
		full, err := r.c.Dashboards.Get(ctx, d.ID)
		if err != nil {
			return nil, fmt.Errorf("reading dashboard %s: %w", d.ID, err)
		}
		out = append(out, *full)
	}
	return out, nil
}

// widgetIDs are the widgets a dashboard's arrangement places, each once, in arrangement order.
func widgetIDs(d client.Dashboard) []string {
	var ids []string
	for _, e := range d.Arrangement {
		if e.WidgetID != "" && !slices.Contains(ids, e.WidgetID) {
			ids = append(ids, e.WidgetID)
		}
	}
	return ids
}

// arrangementEntry is the widget's first entry in the arrangement, as the provider reads it.
func arrangementEntry(d client.Dashboard, widgetID string) *client.ArrangementEntry {
	for i := range d.Arrangement {
		if d.Arrangement[i].WidgetID == widgetID {
			entry := d.Arrangement[i]
			return &entry
		}
	}
	return nil
}

// importableTokens gives every token its import ID: `<device_id>/<name>` when the name is
// unique on its device, else the provider's resource ID, `<device_id>/<first 16 hex characters
// of the token's SHA-256>`, which does not depend on the name.
func importableTokens(d client.Device, tokens []client.DeviceToken) []deviceToken {
	count := map[string]int{}
	for _, t := range tokens {
		count[t.Name]++
	}
	out := make([]deviceToken, 0, len(tokens))
	for _, t := range tokens {
		importID := d.ID + "/" + t.Name
		if count[t.Name] > 1 {
			sum := sha256.Sum256([]byte(t.Token))
			importID = d.ID + "/" + hex.EncodeToString(sum[:])[:16]
		}
		out = append(out, deviceToken{deviceID: d.ID, importID: importID, DeviceToken: t})
	}
	return out
}

// progress prints "exported 120/350 objects (devices)" on stderr: at most one line a second,
// and a last line at the end.
type progress struct {
	w          io.Writer
	total      int
	finished   int
	lastKind   string
	lastPrint  time.Time
	now        func() time.Time
	printEvery time.Duration
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, now: time.Now, printEvery: time.Second}
}

func (p *progress) add(n int) { p.total += n }

func (p *progress) done(n int, kind string) {
	if n == 0 {
		return
	}
	p.finished += n
	p.lastKind = kind
	if now := p.now(); now.Sub(p.lastPrint) >= p.printEvery {
		p.lastPrint = now
		p.print()
	}
}

func (p *progress) finish() { p.print() }

func (p *progress) print() {
	if p.w == nil {
		return
	}
	if p.lastKind == "" {
		_, _ = fmt.Fprintf(p.w, "exported %d/%d objects\n", p.finished, p.total)
		return
	}
	_, _ = fmt.Fprintf(p.w, "exported %d/%d objects (%s)\n", p.finished, p.total, p.lastKind)
}
