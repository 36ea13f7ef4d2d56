package provider

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const runUserAddr = "tagoio_run_user.test"

// recordedCall is one request the recording proxy passed on to the emulator.
type recordedCall struct {
	Method, Path, Body string
}

// recordingProxy sits between the provider and the emulator and keeps every request, so a test
// can prove what reached the API (the emulator keeps only a hash of a password and never returns it).
type recordingProxy struct {
	*httptest.Server
	mu    sync.Mutex
	calls []recordedCall
}

func newRecordingProxy(t *testing.T, target string) *recordingProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &recordingProxy{}
	forward := httputil.NewSingleHostReverseProxy(u)
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		p.mu.Lock()
		p.calls = append(p.calls, recordedCall{r.Method, r.URL.Path, string(body)})
		p.mu.Unlock()
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(p.Close)
	return p
}

// bodiesOf returns the bodies of the requests with this method and path.
func (p *recordingProxy) bodiesOf(method, path string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, c := range p.calls {
		if c.Method == method && c.Path == path {
			out = append(out, c.Body)
		}
	}
	return out
}

// configVia is env.config with the provider pointed at the proxy.
func (e *accEnv) configVia(p *recordingProxy, hcl string, args ...any) string {
	return fmt.Sprintf("provider \"tagoio\" {\n  api_url = %q\n  token   = %q\n}\n\n", p.URL, e.token) + fmt.Sprintf(hcl, args...)
}

// expectPasswordSent checks that the last request of this method and path carried the password.
func expectPasswordSent(p *recordingProxy, method, path, password string) error {
	bodies := p.bodiesOf(method, path)
	if len(bodies) == 0 {
		return fmt.Errorf("no %s %s reached the API", method, path)
	}
	if last := bodies[len(bodies)-1]; !strings.Contains(last, fmt.Sprintf(`"password":%q`, password)) {
		return fmt.Errorf("the last %s %s did not carry the password: %s", method, path, last)
	}
	return nil
}

func TestAccRunUser_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	proxy := newRecordingProxy(t, env.apiURL)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	differentID := statecheck.CompareValue(compare.ValuesDiffer())

	created := env.configVia(proxy, `
resource "tagoio_run_user" "test" {
  name     = "tfacc-Jane Doe"
  email    = "tfacc-jane@example.com"
  password = "First-Password-1"
  timezone = "America/Sao_Paulo"
  company  = "ACME"
  phone    = "+5511999990000"
  language = "pt-BR"
  active   = true
  tags = [
    { key = "role", value = "operator" },
    { key = "site", value = "north" },
  ]
  options = {
    decimal_separator  = ","
    thousand_separator = "."
    date_format        = "DD/MM/YYYY"
    time_format        = "24"
  }
}`)

	updated := env.configVia(proxy, `
resource "tagoio_run_user" "test" {
  name     = "tfacc-Jane D. Doe"
  email    = "tfacc-jane@example.com"
  password = "Second-Password-2"
  timezone = "Europe/Lisbon"
  active   = false
  tags     = [{ key = "role", value = "viewer" }]
  options = {
    date_format = "YYYY-MM-DD"
  }
}`)

	replaced := strings.Replace(updated, "tfacc-jane@example.com", "tfacc-jane.doe@example.com", 1)

	resource.ParallelTest(t, env.testCheckingGone("tagoio_run_user", existsByID(env.client.RunUsers.Get), []resource.TestStep{
		{
			Config:           created,
			ConfigPlanChecks: plans(runUserAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("email"), knownvalue.StringExact("tfacc-jane@example.com")),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("company"), knownvalue.StringExact("ACME")),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("language"), knownvalue.StringExact("pt-BR")),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("options"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"decimal_separator": knownvalue.StringExact(","), "thousand_separator": knownvalue.StringExact("."),
					"date_format": knownvalue.StringExact("DD/MM/YYYY"), "time_format": knownvalue.StringExact("24"), "show_last_updated_at": knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("tags").AtSliceIndex(1).AtMapKey("value"), knownvalue.StringExact("north")),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("password"), knownvalue.StringExact("First-Password-1")),
				statecheck.ExpectSensitiveValue(runUserAddr, tfjsonpath.New("password")),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				sameID.AddStateValue(runUserAddr, tfjsonpath.New("id")),
				differentID.AddStateValue(runUserAddr, tfjsonpath.New("id")),
			},
			Check: apiHolds(idInState(runUserAddr), env.client.RunUsers.Get, func(u *client.RunUser) error {
				if u.Name != "tfacc-Jane Doe" || u.Timezone == nil || *u.Timezone != "America/Sao_Paulo" || !u.Active || len(u.Tags) != 2 {
					t.Errorf("API user = %+v", u)
				}
				return expectPasswordSent(proxy, http.MethodPost, "/run/users", "First-Password-1")
			}),
		},
		// TagoIO never returns the password.
		importVerifies(runUserAddr, "password", "password_wo_version"),
		{
			Config:           updated,
			ConfigPlanChecks: plans(runUserAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Jane D. Doe")),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("company"), knownvalue.Null()),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("phone"), knownvalue.Null()),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
				// Options left out of the configuration keep the value TagoIO has.
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("options"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"decimal_separator": knownvalue.StringExact(","), "thousand_separator": knownvalue.StringExact("."),
					"date_format": knownvalue.StringExact("YYYY-MM-DD"), "time_format": knownvalue.StringExact("24"), "show_last_updated_at": knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("password"), knownvalue.StringExact("Second-Password-2")),
				sameID.AddStateValue(runUserAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				u, err := env.client.RunUsers.Get(context.Background(), idOf(s, runUserAddr))
				if err != nil {
					return err
				}
				if u.Active || (u.Company != nil && *u.Company != "") || len(u.Tags) != 1 || u.Options == nil || u.Options.DateFormat == nil || *u.Options.DateFormat != "YYYY-MM-DD" {
					t.Errorf("API user = %+v", u)
				}
				return expectPasswordSent(proxy, http.MethodPut, "/run/users/"+idOf(s, runUserAddr), "Second-Password-2")
			},
		},
		{
			Config:           replaced,
			ConfigPlanChecks: plans(runUserAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("email"), knownvalue.StringExact("tfacc-jane.doe@example.com")),
				differentID.AddStateValue(runUserAddr, tfjsonpath.New("id")),
			},
			Check: func(*terraform.State) error {
				return expectPasswordSent(proxy, http.MethodPost, "/run/users", "Second-Password-2")
			},
		},
	}))
}

// Removing the legacy password from the configuration changes nothing in TagoIO: a password
// cannot be unset.
func TestAccRunUser_removingThePasswordSendsNothing(t *testing.T) {
	env := newAccEnv(t)
	proxy := newRecordingProxy(t, env.apiURL)
	cfg := func(password string) string {
		return env.configVia(proxy, `
resource "tagoio_run_user" "test" {
  name     = "tfacc-Sam"
  email    = "tfacc-sam@example.com"
  timezone = "UTC"
  %s
}`, password)
	}
	resource.ParallelTest(t, env.test(
		resource.TestStep{Config: cfg(`password = "Sams-Password-1"`)},
		resource.TestStep{
			Config:           cfg(""),
			ConfigPlanChecks: plans(runUserAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("password"), knownvalue.Null()),
			},
			Check: func(s *terraform.State) error {
				if puts := proxy.bodiesOf(http.MethodPut, "/run/users/"+idOf(s, runUserAddr)); len(puts) != 0 {
					return fmt.Errorf("a PUT was sent: %v", puts)
				}
				return nil
			},
		},
	))
}

// The write-only password (Terraform 1.11+) reaches TagoIO on create and when its version
// changes, and never enters the plan or the state.
func TestAccRunUser_writeOnlyPassword(t *testing.T) {
	env := newAccEnv(t)
	proxy := newRecordingProxy(t, env.apiURL)
	cfg := func(password string, version int) string {
		return env.configVia(proxy, `
resource "tagoio_run_user" "test" {
  name                = "tfacc-Wanda"
  email               = "tfacc-wanda@example.com"
  timezone            = "UTC"
  password_wo         = %q
  password_wo_version = %d
}`, password, version)
	}
	resource.ParallelTest(t, withWriteOnly(env.testCheckingGone("tagoio_run_user", existsByID(env.client.RunUsers.Get), []resource.TestStep{
		{
			Config: cfg("Write-Only-Pass-1", 1),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("password_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("password"), knownvalue.Null()),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(1)),
			},
			Check: func(*terraform.State) error {
				return expectPasswordSent(proxy, http.MethodPost, "/run/users", "Write-Only-Pass-1")
			},
		},
		// A new write-only value alone is invisible to Terraform: nothing to do.
		plansNothing(cfg("Write-Only-Pass-2", 1)),
		{
			Config:           cfg("Write-Only-Pass-2", 2),
			ConfigPlanChecks: plans(runUserAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("password_wo"), knownvalue.Null()),
			},
			Check: func(s *terraform.State) error {
				return expectPasswordSent(proxy, http.MethodPut, "/run/users/"+idOf(s, runUserAddr), "Write-Only-Pass-2")
			},
		},
		importVerifies(runUserAddr, "password", "password_wo_version"),
	})))
}

func TestAccRunUser_writeOnlyInvalidConfigFailsAtPlan(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	cases := map[string]blockCase{
		"both passwords": {"password = \"Legacy-Pass-1\"\n  password_wo = \"Write-Only-Pass-1\"\n  password_wo_version = 1",
			`(?s)password_wo.*cannot be specified when.*password`},
		"no version": {`password_wo = "Write-Only-Pass-1"`, `(?s)password_wo_version.*must be specified`},
	}
	for name, tc := range cases {
		cases[name] = blockCase{body: "name     = \"tfacc-X\"\n  email    = \"tfacc-x@example.com\"\n  timezone = \"UTC\"\n  " + tc.body, want: tc.want}
	}
	env.eachBlockFails(t, `resource "tagoio_run_user" "test"`, true, cases, writeOnlyCLI)
}

func TestAccRunUser_outOfBandChanges(t *testing.T) {
	env := newAccEnv(t)
	cfg := env.config(`
resource "tagoio_run_user" "test" {
  name     = "tfacc-Olga"
  email    = "tfacc-olga@example.com"
  password = "Olgas-Password-1"
  timezone = "UTC"
  tags     = [{ key = "team", value = "ops" }]
}`)
	var id string
	ctx := context.Background()
	resource.ParallelTest(t, env.testCheckingGone("tagoio_run_user", existsByID(env.client.RunUsers.Get), []resource.TestStep{
		{Config: cfg, Check: recordID(runUserAddr, &id)},
		{
			// Edited in the TagoIO admin: the plan shows the update back to the configuration.
			PreConfig: func() {
				name, tags := "Olga (renamed by hand)", []client.Tag{{Key: "team", Value: "sales"}}
				if err := env.client.RunUsers.Update(ctx, id, client.RunUserUpdate{Name: &name, Tags: &tags}); err != nil {
					t.Fatal(err)
				}
			},
			Config: cfg,
			ConfigPlanChecks: plans(runUserAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("name"), knownvalue.StringExact("tfacc-Olga")),
			),
			Check: apiHolds(recorded(&id), env.client.RunUsers.Get, func(u *client.RunUser) error {
				if u.Name != "tfacc-Olga" || u.Tags[0].Value != "ops" {
					t.Errorf("the update did not reach the API: %+v", u)
				}
				return nil
			}),
		},
		// Deleted in the TagoIO admin: the plan creates it again, without an error.
		recreatedAfterDelete(t, cfg, runUserAddr, &id, func() error { return env.client.RunUsers.Delete(ctx, id) }),
	}))
}

// A user created elsewhere imports without a password and plans nothing; creating one without a
// password is a plan-time error.
func TestAccRunUser_importNeedsNoPassword(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	id := env.madeID(env.client.RunUsers.Create(context.Background(), client.RunUserCreate{
		Name: "tfacc-Made by hand", Email: "tfacc-hand@example.com", Password: "Hand-Made-Pass-1", Timezone: "UTC", Language: ptr("en"),
		Active: ptr(true), Tags: []client.Tag{{Key: "z", Value: "1"}, {Key: "a", Value: "2"}},
	}))
	cfg := withImportBlock(env.config(`
resource "tagoio_run_user" "test" {
  name     = "tfacc-Made by hand"
  email    = "tfacc-hand@example.com"
  timezone = "UTC"
  tags     = [{ key = "z", value = "1" }, { key = "a", value = "2" }]
}`), runUserAddr, id)
	resource.Test(t, env.test(
		resource.TestStep{
			Config:           cfg,
			ConfigPlanChecks: plans(runUserAddr, plancheck.ResourceActionNoop),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("language"), knownvalue.StringExact("en")),
				statecheck.ExpectKnownValue(runUserAddr, tfjsonpath.New("password"), knownvalue.Null()),
			},
		},
		resource.TestStep{
			Config: env.config(`
resource "tagoio_run_user" "fresh" {
  name     = "tfacc-No password"
  email    = "tfacc-nopass@example.com"
  timezone = "UTC"
}`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Missing run user password.*password_wo`),
		},
	))
}

func TestAccRunUser_invalidConfigFailsAtPlan(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	cases := map[string]blockCase{
		"bad email":          {`email = "jane"`, `e-mail address`},
		"bad timezone":       {`timezone = "New_York/America"`, `IANA time zone`},
		"local timezone":     {`timezone = "Local"`, `IANA time zone`},
		"bad language":       {`language = "english"`, `language code`},
		"empty company":      {`company = ""`, `company string length must be at least 1`},
		"bad time format":    {`options = { time_format = "13" }`, `(?s)time_format.*value must be one of`},
		"version without wo": {`password_wo_version = 1`, `(?s)password_wo.*must be specified`},
	}
	for name, tc := range cases {
		for _, attr := range []string{"email", "timezone"} {
			if !strings.HasPrefix(tc.body, attr+" ") {
				tc.body += map[string]string{"email": "\n  email = \"x@example.com\"", "timezone": "\n  timezone = \"UTC\""}[attr]
			}
		}
		cases[name] = blockCase{body: "name     = \"tfacc-x\"\n  password = \"Some-Password-1\"\n  " + tc.body, want: tc.want}
	}
	env.eachBlockFails(t, `resource "tagoio_run_user" "test"`, true, cases)
}

// The write-only password, driven through the provider server itself so that it runs with any
// Terraform (or none): it reaches the API on create and on a version change, and is absent
// from every plan and state the provider returns.
func TestRunUserWriteOnlyPassword_providerServer(t *testing.T) {
	t.Parallel()
	env := newEmulatorEnv(t)
	proxy := newRecordingProxy(t, env.apiURL)
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		t.Fatalf("schema: %v %v", err, schemas.Diagnostics)
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }

	providerType, ok := schemas.Provider.ValueType().(tftypes.Object)
	if !ok {
		t.Fatal("provider schema is not an object")
	}
	configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		Config: dynamicValue(t, providerType, objectOf(providerType, map[string]tftypes.Value{"api_url": str(proxy.URL), "token": str(env.token)})),
	})
	if err != nil || hasErrors(configured.Diagnostics) {
		t.Fatalf("configure: %v %s", err, diagText(configured.Diagnostics))
	}

	userType, ok := schemas.ResourceSchemas["tagoio_run_user"].ValueType().(tftypes.Object)
	if !ok {
		t.Fatal("tagoio_run_user schema is not an object")
	}
	config := func(password string, version int64) tftypes.Value {
		set := map[string]tftypes.Value{"name": str("Wes"), "email": str("wes@example.com"), "timezone": str("UTC")}
		if password != "" {
			set["password_wo"], set["password_wo_version"] = str(password), num(version)
		}
		return objectOf(userType, set)
	}
	// apply plans and applies one change and returns the new state.
	apply := func(prior, cfg tftypes.Value) (tftypes.Value, []*tfprotov6.Diagnostic) {
		t.Helper()
		planned, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
			TypeName: "tagoio_run_user", PriorState: dynamicValue(t, userType, prior),
			ProposedNewState: dynamicValue(t, userType, cfg), Config: dynamicValue(t, userType, cfg),
		})
		if err != nil {
			t.Fatal(err)
		}
		if hasErrors(planned.Diagnostics) {
			return tftypes.Value{}, planned.Diagnostics
		}
		if v := attrOf(t, userType, planned.PlannedState, "password_wo"); !v.IsNull() {
			t.Errorf("the plan holds password_wo: %v", v)
		}
		applied, err := server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
			TypeName: "tagoio_run_user", PriorState: dynamicValue(t, userType, prior), PlannedState: planned.PlannedState,
			Config: dynamicValue(t, userType, cfg), PlannedPrivate: planned.PlannedPrivate,
		})
		if err != nil || hasErrors(applied.Diagnostics) {
			t.Fatalf("apply: %v %s", err, diagText(applied.Diagnostics))
		}
		state, err := applied.NewState.Unmarshal(userType)
		if err != nil {
			t.Fatal(err)
		}
		return state, nil
	}
	none := tftypes.NewValue(userType, nil)

	// Terraform 1.11+ says it can handle write-only values; an older one gets a clear error.
	for _, allowed := range []bool{true, false} {
		validated, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{
			TypeName: "tagoio_run_user", Config: dynamicValue(t, userType, config("Wes-Write-Only-1", 1)),
			ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: allowed},
		})
		if err != nil || hasErrors(validated.Diagnostics) == allowed {
			t.Fatalf("validate (write-only allowed: %v): %v %s", allowed, err, diagText(validated.Diagnostics))
		}
	}

	// Creating without any password is refused at plan time.
	if _, diags := apply(none, config("", 0)); !hasErrors(diags) || !strings.Contains(diags[0].Summary, "Missing run user password") {
		t.Fatalf("create without a password: diagnostics %s", diagText(diags))
	}

	state, _ := apply(none, config("Wes-Write-Only-1", 1))
	id := stateString(t, state, "id")
	if !regexp.MustCompile(`^[0-9a-f]{24}$`).MatchString(id) {
		t.Fatalf("id = %q", id)
	}
	if err := expectPasswordSent(proxy, http.MethodPost, "/run/users", "Wes-Write-Only-1"); err != nil {
		t.Error(err)
	}
	assertNoPassword(t, state, "Wes-Write-Only-1")
	if _, err := env.client.RunUsers.Get(ctx, id); err != nil {
		t.Fatalf("the user is not in the API: %v", err)
	}

	// A new version sends the new write-only value.
	state, _ = apply(state, config("Wes-Write-Only-2", 2))
	if err := expectPasswordSent(proxy, http.MethodPut, "/run/users/"+id, "Wes-Write-Only-2"); err != nil {
		t.Error(err)
	}
	assertNoPassword(t, state, "Wes-Write-Only-2")
}

func assertNoPassword(t *testing.T, state tftypes.Value, password string) {
	t.Helper()
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"password_wo", "password"} {
		if !attrs[name].IsNull() {
			t.Errorf("state %s = %v, want null", name, attrs[name])
		}
	}
	if strings.Contains(state.String(), password) {
		t.Errorf("the state holds the password: %s", state)
	}
}

// objectOf builds an object of typ with the given attributes and every other one null.
func objectOf(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, at := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(typ, vals)
}

func dynamicValue(t *testing.T, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func attrOf(t *testing.T, typ tftypes.Object, dv *tfprotov6.DynamicValue, name string) tftypes.Value {
	t.Helper()
	v, err := dv.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs[name]
}

func stateString(t *testing.T, state tftypes.Value, name string) string {
	t.Helper()
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	var s string
	if err := attrs[name].As(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func hasErrors(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func diagText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "[%v] %s: %s\n", d.Severity, d.Summary, d.Detail)
	}
	return b.String()
}
