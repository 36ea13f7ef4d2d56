package provider

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

// An object deleted outside Terraform is planned for creation again, without an error, whether
// the server answers its id with 404 (TagoIO) or with 400 "Invalid ... ID" (TagoCore).
func TestAccOutOfBandDelete_eitherNotFoundAnswer(t *testing.T) {
	for _, status := range []int{http.StatusNotFound, http.StatusBadRequest} {
		for _, tc := range lifecycleCases() {
			t.Run(fmt.Sprintf("%d/%s", status, tc.name), func(t *testing.T) {
				env := newAccEnvWithOptions(t, emulator.Options{NotFoundStatus: status})
				cfg := env.config("%s", tc.config)
				var gone *terraform.ResourceState
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: protoV6ProviderFactories,
					CheckDestroy:             env.accountEmpty,
					Steps: []resource.TestStep{
						{
							Config: cfg,
							Check: func(s *terraform.State) error {
								gone = s.RootModule().Resources[tc.addr]
								return nil
							},
						},
						{
							PreConfig: func() {
								if err := tc.deleteOutOfBand(context.Background(), env.client, gone); err != nil {
									t.Fatal(err)
								}
							},
							Config:           cfg,
							ConfigPlanChecks: plans(tc.addr, plancheck.ResourceActionCreate),
							Check: func(s *terraform.State) error {
								if s.RootModule().Resources[tc.addr].Primary.ID == gone.Primary.ID && !tc.keyedByPath && !tc.profileID {
									return fmt.Errorf("%s was not created again", tc.addr)
								}
								return env.inventoryMatchesState(s)
							},
						},
					},
				})
			})
		}
	}
}
