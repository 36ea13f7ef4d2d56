package provider

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// An object deleted outside Terraform is planned for creation again, without an error, whether
// the server answers its id with 404 (TagoIO) or with 400 "Invalid ... ID" (TagoCore). Every
// lifecycle case's object is in one configuration, so that one Terraform working directory
// serves them all; the objects others hang on (a token's device, a widget's dashboard) are
// deleted a step after their dependants, since deleting them takes the dependants along.
func TestAccOutOfBandDelete_eitherNotFoundAnswer(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusNotFound, http.StatusBadRequest} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			env := newAccEnvWithOptions(t, emulator.Options{NotFoundStatus: status})
			cases := lifecycleCases()
			dependants, holders := splitByHolding(cases)
			cfg := env.config("%s", configOfAll(cases))
			held := map[string]*terraform.ResourceState{}
			remember := func(s *terraform.State) error {
				for _, c := range cases {
					held[c.addr] = s.RootModule().Resources[c.addr]
				}
				return nil
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				CheckDestroy:             env.accountEmpty,
				Steps: []resource.TestStep{
					{Config: cfg, Check: remember},
					env.deletedByHandThenCreated(t, cfg, dependants, held, remember),
					env.deletedByHandThenCreated(t, cfg, holders, held, remember),
				},
			})
		})
	}
}

// deletedByHandThenCreated is the step that deletes each case's object through the API, as
// someone in the TagoIO admin would, and expects the plan to create each again (under a new id,
// where the id is not the object's path or its profile's) and the account to hold exactly what
// the state holds. held is the state of the previous step, which remember updates.
func (e *accEnv) deletedByHandThenCreated(t *testing.T, cfg string, group []lifecycleCase, held map[string]*terraform.ResourceState, remember resource.TestCheckFunc) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() {
			for _, c := range group {
				if err := c.deleteOutOfBand(context.Background(), e.client, held[c.addr]); err != nil {
					t.Fatalf("deleting the %s by hand: %v", c.name, err)
				}
			}
		},
		Config:           cfg,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: eachPlanned(group, plancheck.ResourceActionCreate)},
		Check: func(s *terraform.State) error {
			for _, c := range group {
				if s.RootModule().Resources[c.addr].Primary.ID == held[c.addr].Primary.ID && !c.keyedByPath && !c.profileID {
					return fmt.Errorf("%s was not created again", c.addr)
				}
			}
			if err := e.inventoryMatchesState(s); err != nil {
				return err
			}
			return remember(s)
		},
	}
}
