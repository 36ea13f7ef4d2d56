package provider

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// TestMain adds the sweepers: `go test ./internal/provider -sweep=live` (make sweep) deletes
// every object whose name starts with testPrefix from the account named by TAGOIO_TOKEN and
// TAGOIO_API or TAGOIO_REGION, instead of running the tests.
func TestMain(m *testing.M) {
	resource.TestMain(m)
}

// testObject is one object a sweeper found: its id and the name the prefix is matched on.
type testObject struct{ id, name string }

// sweptKind lists every object of a kind and deletes one. A kind's objects that belong to
// another (device tokens, widgets) go with their owner.
type sweptKind struct {
	name   string
	list   func(ctx context.Context, c *client.Client) ([]testObject, error)
	delete func(ctx context.Context, c *client.Client, id string) error
}

// sweptKinds are the object kinds tests create, in the order a sweep deletes them (an action
// or a policy may name a device or an analysis; they go first).
var sweptKinds = []sweptKind{
	{"tagoio_action",
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			return listed(c.Actions.List(ctx, client.ListOptions{}))(func(a client.Action) testObject { return testObject{a.ID, a.Name} })
		},
		func(ctx context.Context, c *client.Client, id string) error { return c.Actions.Delete(ctx, id) }},
	{"tagoio_access_management",
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			return listed(c.AccessManagement.List(ctx, client.ListOptions{}))(func(p client.AccessPolicy) testObject { return testObject{p.ID, p.Name} })
		},
		func(ctx context.Context, c *client.Client, id string) error {
			return c.AccessManagement.Delete(ctx, id)
		}},
	{"tagoio_dashboard",
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			return listed(c.Dashboards.List(ctx, client.ListOptions{}))(func(d client.Dashboard) testObject { return testObject{d.ID, d.Label} })
		},
		func(ctx context.Context, c *client.Client, id string) error { return c.Dashboards.Delete(ctx, id) }},
	{"tagoio_analysis",
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			return listed(c.Analyses.List(ctx, client.ListOptions{}))(func(a client.Analysis) testObject { return testObject{a.ID, a.Name} })
		},
		func(ctx context.Context, c *client.Client, id string) error { return c.Analyses.Delete(ctx, id) }},
	{"tagoio_run_user", // matched on the name or the email
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			return listed(c.RunUsers.List(ctx, client.ListOptions{}))(func(u client.RunUser) testObject {
				if strings.HasPrefix(strings.ToLower(u.Email), testPrefix) {
					return testObject{u.ID, u.Email}
				}
				return testObject{u.ID, u.Name}
			})
		},
		func(ctx context.Context, c *client.Client, id string) error { return c.RunUsers.Delete(ctx, id) }},
	{"tagoio_secret", // keys are upper case: matched on testSecretPrefix
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			return listed(c.Secrets.List(ctx, client.ListOptions{}))(func(s client.Secret) testObject { return testObject{s.ID, s.Key} })
		},
		func(ctx context.Context, c *client.Client, id string) error { return c.Secrets.Delete(ctx, id) }},
	{"tagoio_device", // its tokens go with it
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			return listed(c.Devices.List(ctx, client.ListOptions{}))(func(d client.Device) testObject { return testObject{d.ID, d.Name} })
		},
		func(ctx context.Context, c *client.Client, id string) error { return c.Devices.Delete(ctx, id) }},
	{"tagoio_dictionary",
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			return listed(c.Dictionaries.List(ctx, client.ListOptions{}))(func(d client.Dictionary) testObject { return testObject{d.ID, d.Name} })
		},
		func(ctx context.Context, c *client.Client, id string) error { return c.Dictionaries.Delete(ctx, id) }},
	{"tagoio_connector", // after the devices that use it; filter[public] lists only the profile's own
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			return listed(c.Connectors.List(ctx, client.ListOptions{Filter: map[string]string{"public": "false"}}))(func(co client.Connector) testObject {
				return testObject{co.ID, co.Name}
			})
		},
		func(ctx context.Context, c *client.Client, id string) error { return c.Connectors.Delete(ctx, id) }},
	{"tagoio_network", // after the connectors that list it
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			return listed(c.Networks.List(ctx, client.ListOptions{Filter: map[string]string{"public": "false"}}))(func(n client.Network) testObject {
				return testObject{n.ID, n.Name}
			})
		},
		func(ctx context.Context, c *client.Client, id string) error { return c.Networks.Delete(ctx, id) }},
	{"tagoio_entity",
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			return listed(c.Entities.List(ctx, client.ListOptions{}))(func(e client.Entity) testObject { return testObject{e.ID, e.Name} })
		},
		func(ctx context.Context, c *client.Client, id string) error { return c.Entities.Delete(ctx, id) }},
	{"tagoio_service_authorization", // the API names an authorization by its token
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			return listed(c.ServiceAuthorizations.List(ctx, client.ListOptions{}))(func(a client.ServiceAuthorization) testObject {
				return testObject{a.Token, a.Name}
			})
		},
		func(ctx context.Context, c *client.Client, token string) error {
			return c.ServiceAuthorizations.Delete(ctx, token)
		}},
	{"tagoio_profile_team_member", // matched on the e-mail address (tfacc-...@example.com)
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			profile, err := c.Account.CurrentProfile(ctx)
			if err != nil {
				return nil, err
			}
			return listed(c.Team.List(ctx, profile.ID))(func(m client.TeamMember) testObject { return testObject{m.ID, m.Email} })
		},
		func(ctx context.Context, c *client.Client, id string) error {
			profile, err := c.Account.CurrentProfile(ctx)
			if err != nil {
				return err
			}
			return c.Team.Delete(ctx, profile.ID, id)
		}},
	{"tagoio_run_custom_domain", // one per profile, named by its subdomain; its id is the profile's
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			profile, err := c.Account.CurrentProfile(ctx)
			if err != nil {
				return nil, err
			}
			d, err := c.RunCustomDomain.Get(ctx, profile.ID)
			if client.IsNotFound(err) {
				return nil, nil
			}
			if err != nil {
				return nil, err
			}
			return []testObject{{profile.ID, d.Subdomain}}, nil
		},
		func(ctx context.Context, c *client.Client, profileID string) error {
			return c.RunCustomDomain.Delete(ctx, profileID)
		}},
	{"tagoio_bucket", // legacy: today's API has no /bucket routes, and then there is nothing to sweep
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			buckets, err := c.Buckets.List(ctx, client.ListOptions{})
			if client.IsNotFound(err) {
				return nil, nil
			}
			return listed(buckets, err)(func(b client.Bucket) testObject { return testObject{b.ID, b.Name} })
		},
		func(ctx context.Context, c *client.Client, id string) error { return c.Buckets.Delete(ctx, id) }},
	{"tagoio_file", // the top of the file storage: a tfacc- folder goes with everything in it
		func(ctx context.Context, c *client.Client) ([]testObject, error) {
			files, folders, err := c.Files.List(ctx, "/")
			if err != nil {
				return nil, err
			}
			out := make([]testObject, 0, len(files)+len(folders))
			for _, f := range files {
				name := strings.TrimLeft(f.Filename, "/")
				out = append(out, testObject{"/" + name, name})
			}
			for _, folder := range folders {
				name := strings.Trim(folder, "/")
				out = append(out, testObject{"/" + name, name})
			}
			return out, nil
		},
		func(ctx context.Context, c *client.Client, filePath string) error {
			return c.Files.Delete(ctx, filePath)
		}},
}

// listed maps a List answer to testObjects.
func listed[T any](items []T, err error) func(func(T) testObject) ([]testObject, error) {
	return func(of func(T) testObject) ([]testObject, error) {
		if err != nil {
			return nil, err
		}
		out := make([]testObject, 0, len(items))
		for _, it := range items {
			out = append(out, of(it))
		}
		return out, nil
	}
}

// isTestObject tells an object a test made from one it did not: only these are swept.
func isTestObject(name string) bool {
	return strings.HasPrefix(strings.ToLower(name), testPrefix) || strings.HasPrefix(name, testSecretPrefix)
}

func init() {
	for _, kind := range sweptKinds {
		resource.AddTestSweepers(kind.name, &resource.Sweeper{
			Name: kind.name,
			F: func(string) error {
				c, _, _, err := liveClient()
				if err != nil {
					return err
				}
				return sweep(context.Background(), c, kind)
			},
		})
	}
}

// sweep deletes every test object of a kind; an object already gone is not an error.
func sweep(ctx context.Context, c *client.Client, kind sweptKind) error {
	objects, err := kind.list(ctx, c)
	if err != nil {
		return fmt.Errorf("listing %s: %w", kind.name, err)
	}
	var failed []string
	for _, o := range objects {
		if !isTestObject(o.name) {
			continue
		}
		if err := kind.delete(ctx, c, o.id); err != nil && !client.IsNotFound(err) {
			failed = append(failed, fmt.Sprintf("%s (%s): %v", o.id, o.name, err))
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("deleting %s: %s", kind.name, strings.Join(failed, "; "))
	}
	return nil
}

// sweepAll deletes every test object of every kind (live mode, around each test).
func sweepAll(t *testing.T, c *client.Client) {
	t.Helper()
	for _, kind := range sweptKinds {
		if err := sweep(context.Background(), c, kind); err != nil {
			t.Fatalf("sweeping the live account: %v", err)
		}
	}
}

// testObjectsLeft names every test object the account still holds.
func testObjectsLeft(ctx context.Context, c *client.Client) ([]string, error) {
	var left []string
	for _, kind := range sweptKinds {
		objects, err := kind.list(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", kind.name, err)
		}
		for _, o := range objects {
			if isTestObject(o.name) {
				left = append(left, fmt.Sprintf("%s %s (%s)", kind.name, o.id, o.name))
			}
		}
	}
	sort.Strings(left)
	return left, nil
}

// envAssertSwept runs TestLiveAccountHasNoTestObjects (after make sweep, in .ci/run).
const envAssertSwept = "TAGOIO_ACC_ASSERT_SWEPT"

// After a live run and a sweep, the account holds no object a test made.
func TestLiveAccountHasNoTestObjects(t *testing.T) {
	if os.Getenv(envAssertSwept) == "" {
		t.Skipf("set %s=1 with the live account's TAGOIO_TOKEN and TAGOIO_API or TAGOIO_REGION (after make sweep)", envAssertSwept)
	}
	c, _, _, err := liveClient()
	if err != nil {
		t.Fatal(err)
	}
	left, err := testObjectsLeft(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) > 0 {
		t.Errorf("%d test objects are left in the account:\n%s", len(left), strings.Join(left, "\n"))
	}
}

// The sweeper deletes every test object of every kind and nothing else.
func TestSweepersDeleteOnlyTestObjects(t *testing.T) {
	t.Parallel()
	env := newEmulatorEnv(t)
	ctx := context.Background()
	c := env.client
	keep, err := c.Devices.Create(ctx, client.DeviceCreate{Name: "Not a test object", Type: "mutable", Connector: httpsConnectorID, Network: httpNetworkID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Devices.Create(ctx, client.DeviceCreate{Name: testPrefix + "device", Type: "mutable", Connector: httpsConnectorID, Network: httpNetworkID}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Secrets.Create(ctx, client.SecretCreate{Key: testSecretPrefix + "SECRET", Value: "v"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Analyses.Create(ctx, client.AnalysisCreate{Name: testPrefix + "analysis"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RunUsers.Create(ctx, client.RunUserCreate{Name: "Jane", Email: testPrefix + "jane@example.com", Password: "Some-Password-1", Timezone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	network, err := c.Networks.Create(ctx, client.NetworkCreate{Name: testPrefix + "network"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Connectors.Create(ctx, client.ConnectorCreate{Name: testPrefix + "connector",
		ConnectorSettings: client.ConnectorSettings{Networks: &[]string{network}}}); err != nil {
		t.Fatal(err)
	}
	keepConnector, err := c.Connectors.Create(ctx, client.ConnectorCreate{Name: "Not a test connector"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"/" + testPrefix + "top.txt", "/" + testPrefix + "folder/inner/a.txt", "/kept/" + testPrefix + "b.txt", "/kept.txt"} {
		if _, err := c.Files.Upload(ctx, client.FileUpload{Path: f, Content: []byte("x")}); err != nil {
			t.Fatal(err)
		}
	}
	profile, err := c.Account.CurrentProfile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{testPrefix + "member@example.com", "colleague@example.com"} {
		if _, err := c.Team.Invite(ctx, profile.ID, email); err != nil {
			t.Fatal(err)
		}
	}
	left, err := testObjectsLeft(ctx, c)
	if err != nil || len(left) != 9 {
		t.Fatalf("before the sweep: %v, %v; want the 9 test objects", left, err)
	}
	for _, kind := range sweptKinds {
		if err := sweep(ctx, c, kind); err != nil {
			t.Fatal(err)
		}
	}
	if left, err := testObjectsLeft(ctx, c); err != nil || len(left) != 0 {
		t.Errorf("after the sweep: %v, %v", left, err)
	}
	if _, err := c.Devices.Get(ctx, keep.ID); err != nil {
		t.Errorf("the sweep deleted a device no test made: %v", err)
	}
	if _, err := c.Connectors.Get(ctx, keepConnector); err != nil {
		t.Errorf("the sweep deleted a connector no test made: %v", err)
	}
	// Only the top of the file storage is matched: a file named tfacc- in another folder stays.
	for _, f := range []string{"/kept/" + testPrefix + "b.txt", "/kept.txt"} {
		if _, err := c.Files.Get(ctx, f); err != nil {
			t.Errorf("the sweep deleted %s: %v", f, err)
		}
	}
	if _, err := c.Team.GetByEmail(ctx, profile.ID, "colleague@example.com"); err != nil {
		t.Errorf("the sweep removed a team member no test invited: %v", err)
	}
}
