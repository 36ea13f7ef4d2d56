package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

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

// existsByID answers a checkGone: whether the API still finds rs's object by its id.
func existsByID[T any](ctx context.Context, rs *terraform.ResourceState, get func(context.Context, string) (T, error)) (bool, error) {
	_, err := get(ctx, rs.Primary.ID)
	if client.IsNotFound(err) {
		return false, nil
	}
	return err == nil, err
}

// testCheckingGone is a TestCase of steps whose CheckDestroy proves every object of
// resourceType gone from the API (checkGone).
func (e *accEnv) testCheckingGone(resourceType string, exists func(ctx context.Context, rs *terraform.ResourceState) (bool, error), steps []resource.TestStep) resource.TestCase {
	return resource.TestCase{ProtoV6ProviderFactories: protoV6ProviderFactories, CheckDestroy: e.checkGone(resourceType, exists), Steps: steps}
}
