package provider

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// switchableEmulator serves one emulator data file on one fixed URL, and can reopen that file
// with other options (faults on or off) between Terraform steps: the emulator's fault options
// are fixed at construction, and the provider's api_url must not change.
type switchableEmulator struct {
	t        *testing.T
	URL      string
	Token    string
	dataPath string
	srv      *http.Server

	mu      sync.RWMutex
	current *emulator.Emulator
}

func newSwitchableEmulator(t *testing.T, opts emulator.Options) *switchableEmulator {
	t.Helper()
	inProcessOnly(t, "fault injection")
	s := &switchableEmulator{t: t, dataPath: filepath.Join(t.TempDir(), "emulator.db")}
	opts.DataPath = s.dataPath
	e, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	s.current, s.Token = e, e.ProfileToken()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.URL = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.srv.Shutdown(ctx)
		s.mu.Lock()
		defer s.mu.Unlock()
		_ = s.current.Close()
	})
	return s
}

func (s *switchableEmulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.current.Handler().ServeHTTP(w, r)
}

// reopen closes the emulator (waiting for requests in flight) and opens its data file again
// with opts, keeping the token. It returns the stats of the emulator it closed.
func (s *switchableEmulator) reopen(opts emulator.Options) emulator.StatsSnapshot {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	stats := s.current.Stats().Snapshot()
	if err := s.current.Close(); err != nil {
		s.t.Fatalf("closing the emulator: %v", err)
	}
	opts.DataPath, opts.Token = s.dataPath, s.Token
	e, err := emulator.New(opts)
	if err != nil {
		s.t.Fatalf("reopening the emulator: %v", err)
	}
	s.current = e
	return stats
}

// providerBlock points the provider at the emulator the way a user sets api_url.
func providerBlock(url, token string) string {
	return fmt.Sprintf("provider \"tagoio\" {\n  api_url = %q\n  token   = %q\n}\n", url, token)
}

// accountInventory is every object of the account by kind, as the API lists it: kind -> id -> name.
type accountInventory map[string]map[string]string

// listAccount lists every kind the provider manages, through the client. Device tokens are
// listed per device and keyed by their value (the state holds the value of a device's default
// token and of every tagoio_device_token); widgets cannot be listed (the API has no route for
// it), so the caller checks them one by one.
func listAccount(ctx context.Context, c *client.Client) (accountInventory, error) {
	inv := accountInventory{}
	add := func(kind, id, name string) {
		if inv[kind] == nil {
			inv[kind] = map[string]string{}
		}
		inv[kind][id] = name
	}
	devices, err := c.Devices.List(ctx, client.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing devices: %w", err)
	}
	for _, d := range devices {
		add("tagoio_device", d.ID, d.Name)
		tokens, err := c.DeviceTokens.List(ctx, d.ID)
		if err != nil {
			return nil, fmt.Errorf("listing the tokens of device %s: %w", d.ID, err)
		}
		for _, tok := range tokens {
			add("device token", tok.Token, d.ID+"/"+tok.Name)
		}
	}
	actions, err := c.Actions.List(ctx, client.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing actions: %w", err)
	}
	for _, a := range actions {
		add("tagoio_action", a.ID, a.Name)
	}
	analyses, err := c.Analyses.List(ctx, client.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing analyses: %w", err)
	}
	for _, a := range analyses {
		add("tagoio_analysis", a.ID, a.Name)
	}
	dashboards, err := c.Dashboards.List(ctx, client.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing dashboards: %w", err)
	}
	for _, d := range dashboards {
		add("tagoio_dashboard", d.ID, d.Label)
	}
	users, err := c.RunUsers.List(ctx, client.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing Run users: %w", err)
	}
	for _, u := range users {
		add("tagoio_run_user", u.ID, u.Email)
	}
	policies, err := c.AccessManagement.List(ctx, client.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing access policies: %w", err)
	}
	for _, p := range policies {
		add("tagoio_access_management", p.ID, p.Name)
	}
	secrets, err := c.Secrets.List(ctx, client.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing secrets: %w", err)
	}
	for _, s := range secrets {
		add("tagoio_secret", s.ID, s.Key)
	}
	dictionaries, err := c.Dictionaries.List(ctx, client.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing dictionaries: %w", err)
	}
	for _, d := range dictionaries {
		add("tagoio_dictionary", d.ID, d.Slug)
	}
	// filter[public] lists only the profile's own connectors and networks (docs/api-notes.md §2.5).
	own := client.ListOptions{Filter: map[string]string{"public": "false"}}
	connectors, err := c.Connectors.List(ctx, own)
	if err != nil {
		return nil, fmt.Errorf("listing connectors: %w", err)
	}
	for _, co := range connectors {
		add("tagoio_connector", co.ID, co.Name)
	}
	networks, err := c.Networks.List(ctx, own)
	if err != nil {
		return nil, fmt.Errorf("listing networks: %w", err)
	}
	for _, n := range networks {
		add("tagoio_network", n.ID, n.Name)
	}
	entities, err := c.Entities.List(ctx, client.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing entities: %w", err)
	}
	for _, en := range entities {
		add("tagoio_entity", en.ID, en.Name)
	}
	authorizations, err := c.ServiceAuthorizations.List(ctx, client.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing service authorizations: %w", err)
	}
	for _, a := range authorizations {
		// The resource's id is a digest of the token.
		add("tagoio_service_authorization", serviceAuthorizationID(a.Token), a.Name)
	}
	files, err := c.Files.Walk(ctx, "/")
	if err != nil {
		return nil, fmt.Errorf("listing files: %w", err)
	}
	for _, f := range files {
		add("tagoio_file", f.Filename, f.Filename)
	}
	profile, err := c.Account.CurrentProfile(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the profile: %w", err)
	}
	members, err := c.Team.List(ctx, profile.ID)
	if err != nil {
		return nil, fmt.Errorf("listing team members: %w", err)
	}
	for _, m := range members {
		add("tagoio_profile_team_member", m.ID, m.Email)
	}
	if err := addRunCustomDomain(ctx, c, add); err != nil {
		return nil, err
	}
	return inv, nil
}

// idsInState is every resource id in the state by resource type, and the device token values
// under "device token".
func idsInState(s *terraform.State) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	add := func(kind, id string) {
		if out[kind] == nil {
			out[kind] = map[string]bool{}
		}
		out[kind][id] = true
	}
	for addr, rs := range s.RootModule().Resources {
		if strings.HasPrefix(addr, "data.") {
			continue
		}
		add(rs.Type, rs.Primary.ID)
		if rs.Type == "tagoio_device" || rs.Type == "tagoio_device_token" {
			add("device token", rs.Primary.Attributes["token"])
		}
	}
	return out
}

// sameIDs compares the ids the API lists with those in the state, and names the difference.
func sameIDs(kind string, listed map[string]string, inState map[string]bool) error {
	var orphans, missing []string
	for id, name := range listed {
		if !inState[id] {
			orphans = append(orphans, fmt.Sprintf("%s (%s)", id, name))
		}
	}
	for id := range inState {
		if _, ok := listed[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(orphans)+len(missing) == 0 {
		return nil
	}
	sort.Strings(orphans)
	sort.Strings(missing)
	return fmt.Errorf("%s: %d in the API but not in the state (orphans or duplicates: %s); %d in the state but not in the API (%s)",
		kind, len(orphans), strings.Join(orphans, ", "), len(missing), strings.Join(missing, ", "))
}

// duplicateNames names the values that appear more than once.
func duplicateNames(kind string, listed map[string]string) error {
	seen := map[string]int{}
	for _, name := range listed {
		seen[name]++
	}
	var dups []string
	for name, n := range seen {
		if n > 1 {
			dups = append(dups, fmt.Sprintf("%q x%d", name, n))
		}
	}
	if len(dups) == 0 {
		return nil
	}
	sort.Strings(dups)
	return fmt.Errorf("%s: duplicate names %s", kind, strings.Join(dups, ", "))
}
