package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// The recurring parts of the acceptance tests' steps, one definition each, so that a test shows
// only what it proves.

// plans is a ConfigPlanChecks that expects the plan to take action on addr, before the other
// checks in more.
func plans(addr string, action plancheck.ResourceActionType, more ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)}, more...)}
}

// recordID is a Check that keeps addr's id in *id, for the out-of-band changes of later steps.
func recordID(addr string, id *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s is not in the state", addr)
		}
		*id = rs.Primary.ID
		return nil
	}
}

// recreatedAfterDelete is the step after an object was deleted in the TagoIO admin
// (deleteByHand): the plan creates it again, without an error, under a new id (the one the
// previous step recorded in *oldID is gone).
func recreatedAfterDelete(t *testing.T, cfg, addr string, oldID *string, deleteByHand func() error) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() {
			if err := deleteByHand(); err != nil {
				t.Fatalf("deleting %s (%s) by hand: %v", addr, *oldID, err)
			}
		},
		Config:           cfg,
		ConfigPlanChecks: plans(addr, plancheck.ResourceActionCreate),
		Check: func(s *terraform.State) error {
			if idOf(s, addr) == *oldID {
				return fmt.Errorf("%s was not created again: it still has id %s", addr, *oldID)
			}
			return nil
		},
	}
}

// existsByID is the exists function of a checkGone for objects the API reads by id with get.
func existsByID[T any](get func(context.Context, string) (T, error)) func(context.Context, *terraform.ResourceState) (bool, error) {
	return func(ctx context.Context, rs *terraform.ResourceState) (bool, error) {
		_, err := get(ctx, rs.Primary.ID)
		if client.IsNotFound(err) {
			return false, nil
		}
		return err == nil, err
	}
}

// testCheckingGone is a TestCase of steps whose CheckDestroy proves every object of
// resourceType gone from the API (checkGone).
func (e *accEnv) testCheckingGone(resourceType string, exists func(ctx context.Context, rs *terraform.ResourceState) (bool, error), steps []resource.TestStep) resource.TestCase {
	return resource.TestCase{ProtoV6ProviderFactories: protoV6ProviderFactories, CheckDestroy: e.checkGone(resourceType, exists), Steps: steps}
}

// plansNothing is a step that applies cfg, a configuration written otherwise than the previous
// step's but meaning the same, and expects an empty plan. After a step with the same
// configuration it would prove nothing new: terraform-plugin-testing plans twice after every
// step (without and with a refresh) and fails on anything but an empty plan.
func plansNothing(cfg string) resource.TestStep {
	return resource.TestStep{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}}
}

// blockCase is the body of one configuration block (its attributes) and the error it must cause.
type blockCase struct{ body, want string }

// eachBlockFails expects, for each case, `block { body }` to fail with the case's error (eachFails).
func (e *accEnv) eachBlockFails(t *testing.T, block string, planOnly bool, cases map[string]blockCase, cli ...tfversion.TerraformVersionCheck) {
	t.Helper()
	failures := make(map[string]planFailure, len(cases))
	for name, tc := range cases {
		failures[name] = planFailure{config: e.config("%s {\n  %s\n}", block, tc.body), want: tc.want}
	}
	e.eachFails(t, planOnly, failures, cli...)
}

// namedAndWrapped is cases for a block that needs a name: each body gets name = "tfacc-x" first,
// and a space in a pattern matches any run of whitespace, since Terraform wraps long messages.
func namedAndWrapped(cases map[string]blockCase) map[string]blockCase {
	named := make(map[string]blockCase, len(cases))
	for name, tc := range cases {
		named[name] = blockCase{body: "name = \"tfacc-x\"\n  " + tc.body, want: strings.ReplaceAll(tc.want, " ", `\s+`)}
	}
	return named
}

// planFailure is a whole configuration and the error (a regular expression) Terraform must end with.
type planFailure struct{ config, want string }

// eachFails runs the cases, in a subtest of their own, as the steps of one TestCase (failingSteps);
// with planOnly the plan fails, so no request could have been made. cli skips the cases on
// Terraform CLIs without the feature they use.
func (e *accEnv) eachFails(t *testing.T, planOnly bool, cases map[string]planFailure, cli ...tfversion.TerraformVersionCheck) {
	t.Helper()
	t.Run("each fails", func(t *testing.T) {
		tc := e.test(failingSteps(t, planOnly, cases)...)
		tc.TerraformVersionChecks = cli
		resource.ParallelTest(t, tc)
	})
}

// failingSteps is one step a case, in name order, each expecting its case's error. A table of
// failures is one TestCase, not one each: a TestCase is a new Terraform working directory (two
// `terraform version`, an `init`, a closing `show`), while a failing step is one plan, and
// starting Terraform is most of what the suite spends. The log names each case before its plan,
// so a failing step says which case it was.
func failingSteps(t *testing.T, planOnly bool, cases map[string]planFailure) []resource.TestStep {
	t.Helper()
	steps := make([]resource.TestStep, 0, len(cases))
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		steps = append(steps, resource.TestStep{
			PreConfig:   func() { t.Logf("case %q", name) },
			Config:      cases[name].config,
			PlanOnly:    planOnly,
			ExpectError: regexp.MustCompile(cases[name].want),
		})
	}
	return steps
}

// importFailure is an import id and the error (a regular expression) importing by it must end with.
type importFailure struct{ id, want string }

// failingImports is one step a case, in name order, importing addr (declared in cfg) by the
// case's id and expecting the case's error: like failingSteps, one TestCase for the table.
func failingImports(t *testing.T, cfg, addr string, cases map[string]importFailure) []resource.TestStep {
	t.Helper()
	steps := make([]resource.TestStep, 0, len(cases))
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		steps = append(steps, resource.TestStep{
			PreConfig:     func() { t.Logf("case %q", name) },
			Config:        cfg,
			ResourceName:  addr,
			ImportState:   true,
			ImportStateId: cases[name].id,
			ExpectError:   regexp.MustCompile(cases[name].want),
		})
	}
	return steps
}

// importVerifies is a step that imports addr by its id and expects the same state as the
// configuration made, but for the attributes in ignore (which TagoIO does not return).
func importVerifies(addr string, ignore ...string) resource.TestStep {
	return resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: ignore}
}

// apiHolds is a Check that reads an object through the API (get, by the id that id finds) and
// hands it to check, which reports what TagoIO holds that the step did not expect.
func apiHolds[T any](id func(*terraform.State) string, get func(context.Context, string) (T, error), check func(T) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		obj, err := get(context.Background(), id(s))
		if err != nil {
			return fmt.Errorf("reading %s through the API: %w", id(s), err)
		}
		return check(obj)
	}
}

// idInState finds the id of addr in the state.
func idInState(addr string) func(*terraform.State) string {
	return func(s *terraform.State) string { return idOf(s, addr) }
}

// recorded finds the id an earlier step recorded (recordID).
func recorded(id *string) func(*terraform.State) string {
	return func(*terraform.State) string { return *id }
}

// withImportBlock is cfg with an import block that adopts the object id as addr.
func withImportBlock(cfg, addr, id string) string {
	return fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n\n", addr, id) + cfg
}

// madeID is the id of an object the test made through the API (a Create's id and error); the
// test stops if the API refused it.
func (e *accEnv) madeID(id string, err error) string {
	e.t.Helper()
	if err != nil {
		e.t.Fatalf("making a test object through the API: %v", err)
	}
	return id
}

// writeOnlyCLI skips a test on Terraform CLIs before 1.11, which have no write-only attributes.
var writeOnlyCLI = tfversion.SkipBelow(tfversion.Version1_11_0)

// withWriteOnly is tc skipped on Terraform CLIs before 1.11 (writeOnlyCLI).
func withWriteOnly(tc resource.TestCase) resource.TestCase {
	tc.TerraformVersionChecks = append(tc.TerraformVersionChecks, writeOnlyCLI)
	return tc
}
