package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const serviceAuthAddr = "tagoio_service_authorization.test"

func (e *accEnv) serviceAuthExists(ctx context.Context, rs *terraform.ResourceState) (bool, error) {
	_, err := e.client.ServiceAuthorizations.Get(ctx, rs.Primary.Attributes["token"])
	if client.IsNotFound(err) {
		return false, nil
	}
	return err == nil, err
}

func TestAccServiceAuthorization_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	sameID := statecheck.CompareValue(compare.ValuesSame())
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	cfg := func(permission, code string) string {
		return env.config(`
resource "tagoio_service_authorization" "test" {
  name              = "tfacc-billing"
  permission        = %q
  verification_code = %q
}`, permission, code)
	}
	var token string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_service_authorization", env.serviceAuthExists, []resource.TestStep{
		{
			Config: cfg("full", "first-code"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(serviceAuthAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectSensitiveValue(serviceAuthAddr, tfjsonpath.New("token")),
				statecheck.ExpectSensitiveValue(serviceAuthAddr, tfjsonpath.New("verification_code")),
				sameID.AddStateValue(serviceAuthAddr, tfjsonpath.New("id")),
				differentID.AddStateValue(serviceAuthAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				rs := s.RootModule().Resources[serviceAuthAddr]
				token = rs.Primary.Attributes["token"]
				if rs.Primary.ID == token || serviceAuthorizationID(token) != rs.Primary.ID {
					t.Errorf("the ID must be the token's digest, never the token")
				}
				a, err := env.client.ServiceAuthorizations.Get(ctx, token)
				if err != nil {
					return err
				}
				if a.Name != "tfacc-billing" || a.VerificationCode == nil || *a.VerificationCode != "first-code" {
					t.Errorf("TagoIO holds %+v", a)
				}
				return nil
			},
		},
		{ResourceName: serviceAuthAddr, ImportState: true, ImportStateId: "tfacc-billing", ImportStateVerify: true},
		{
			Config:            cfg("full", "second-code"),
			ConfigPlanChecks:  plans(serviceAuthAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(serviceAuthAddr, tfjsonpath.New("id"))},
			Check: func(*terraform.State) error {
				a, err := env.client.ServiceAuthorizations.Get(ctx, token)
				if err != nil {
					return err
				}
				if a.VerificationCode == nil || *a.VerificationCode != "second-code" {
					t.Errorf("TagoIO holds code %v", a.VerificationCode)
				}
				return nil
			},
		},
		{
			// verification_code = "" removes the code, in place.
			Config:           cfg("full", ""),
			ConfigPlanChecks: plans(serviceAuthAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				a, err := env.client.ServiceAuthorizations.Get(ctx, token)
				if err != nil {
					return err
				}
				if a.VerificationCode != nil && *a.VerificationCode != "" {
					t.Errorf("TagoIO still holds code %q", *a.VerificationCode)
				}
				return nil
			},
		},
		{
			Config:           cfg("read", "second-code"),
			ConfigPlanChecks: plans(serviceAuthAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(serviceAuthAddr, tfjsonpath.New("permission"), knownvalue.StringExact("read")),
				differentID.AddStateValue(serviceAuthAddr, tfjsonpath.New("id")),
			},
		},
		{
			// Deleted outside Terraform: the plan creates it again, without an error.
			PreConfig: func() {
				all, err := env.client.ServiceAuthorizations.List(ctx, client.ListOptions{})
				if err != nil || len(all) != 1 {
					t.Fatalf("list = %v, %v", all, err)
				}
				if err := env.client.ServiceAuthorizations.Delete(ctx, all[0].Token); err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg("read", "second-code"),
			ConfigPlanChecks: plans(serviceAuthAddr, plancheck.ResourceActionCreate),
		},
	}))
}

// An authorization made through the API is adopted by an import block (by name): plan only
// imports, the next plan is empty, the server's token is unchanged.
func TestAccServiceAuthorization_importBlockOfAPIObject(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	token := env.madeID(env.client.ServiceAuthorizations.Create(ctx, client.ServiceAuthorizationCreate{Name: "tfacc-handmade", Permission: "write"}))
	cfg := env.config(`
resource "tagoio_service_authorization" "test" {
  name       = "tfacc-handmade"
  permission = "write"
}`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, ResourceName: serviceAuthAddr, ImportStateId: "tfacc-handmade", ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{
				Config:           withImportBlock(cfg, serviceAuthAddr, "tfacc-handmade"),
				ConfigPlanChecks: plans(serviceAuthAddr, plancheck.ResourceActionNoop),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(serviceAuthAddr, tfjsonpath.New("token"), knownvalue.StringExact(token)),
				},
			},
			plansNothing(cfg),
		},
	})
}
