package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
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

const teamMemberAddr = "tagoio_profile_team_member.test"

// profileID is the id of the profile the test's token belongs to.
func (e *accEnv) profileID() string {
	e.t.Helper()
	p, err := e.client.Account.CurrentProfile(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return p.ID
}

func (e *accEnv) teamMemberExists(ctx context.Context, rs *terraform.ResourceState) (bool, error) {
	_, err := e.client.Team.Get(ctx, rs.Primary.Attributes["profile_id"], rs.Primary.ID)
	if client.IsNotFound(err) {
		return false, nil
	}
	return err == nil, err
}

func teamMemberConfig(env *accEnv, email string) string {
	return env.config(`
resource "tagoio_profile_team_member" "test" {
  email = %q
}`, email)
}

func TestAccProfileTeamMember_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	profile := env.profileID()
	replaced := statecheck.CompareValue(compare.ValuesDiffer())
	sameID := statecheck.CompareValue(compare.ValuesSame())
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_profile_team_member", env.teamMemberExists, []resource.TestStep{
		{
			Config: teamMemberConfig(env, "tfacc-ana@example.com"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(teamMemberAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(teamMemberAddr, tfjsonpath.New("email"), knownvalue.StringExact("tfacc-ana@example.com")),
				statecheck.ExpectKnownValue(teamMemberAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(teamMemberAddr, tfjsonpath.New("profile_id"), knownvalue.StringExact(profile)),
				statecheck.ExpectKnownValue(teamMemberAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				replaced.AddStateValue(teamMemberAddr, tfjsonpath.New("id")),
				sameID.AddStateValue(teamMemberAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				id = s.RootModule().Resources[teamMemberAddr].Primary.ID
				m, err := env.client.Team.Get(context.Background(), profile, id)
				if err != nil {
					return err
				}
				if m.Email != "tfacc-ana@example.com" || m.Active {
					t.Errorf("TagoIO holds %+v, want a pending invitation of tfacc-ana@example.com", m)
				}
				return nil
			},
		},
		{
			// The data source lists the member, pending.
			Config: teamMemberConfig(env, "tfacc-ana@example.com") + `
data "tagoio_profile_team_members" "all" {
  depends_on = [tagoio_profile_team_member.test]
}`,
			Check: func(s *terraform.State) error {
				ds := s.RootModule().Resources["data.tagoio_profile_team_members.all"].Primary.Attributes
				for i := 0; ; i++ {
					key := "members." + strconv.Itoa(i) + "."
					if _, ok := ds[key+"id"]; !ok {
						return fmt.Errorf("the data source does not list member %s: %v", id, ds)
					}
					if ds[key+"id"] == id {
						if ds[key+"email"] != "tfacc-ana@example.com" || ds[key+"active"] != "false" {
							return fmt.Errorf("the data source lists %v", ds)
						}
						return nil
					}
				}
			},
		},
		{Config: teamMemberConfig(env, "tfacc-ana@example.com"), ResourceName: teamMemberAddr, ImportState: true, ImportStateVerify: true},
		{
			// By e-mail address too; the state then holds the account ID.
			Config: teamMemberConfig(env, "tfacc-ana@example.com"), ResourceName: teamMemberAddr, ImportState: true,
			ImportStateId: "tfacc-ana@example.com", ImportStateVerify: true,
		},
		{
			// Differs from TagoIO's address only in case: the same member, recorded in place.
			Config:           teamMemberConfig(env, "TFACC-Ana@Example.com"),
			ConfigPlanChecks: plans(teamMemberAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(teamMemberAddr, tfjsonpath.New("email"), knownvalue.StringExact("TFACC-Ana@Example.com")),
				sameID.AddStateValue(teamMemberAddr, tfjsonpath.New("id")),
			},
		},
		{
			// A new address is a new member: the old one is removed.
			Config:           teamMemberConfig(env, "tfacc-bo@example.com"),
			ConfigPlanChecks: plans(teamMemberAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(teamMemberAddr, tfjsonpath.New("email"), knownvalue.StringExact("tfacc-bo@example.com")),
				replaced.AddStateValue(teamMemberAddr, tfjsonpath.New("id")),
			},
			Check: func(*terraform.State) error {
				if _, err := env.client.Team.Get(context.Background(), profile, id); !client.IsNotFound(err) {
					t.Errorf("the replaced member %s is still in the team (err %v)", id, err)
				}
				return nil
			},
		},
	}))
}

// An invitation accepted in TagoIO shows as active on refresh, with nothing to change; a member
// removed (or an invitation declined) outside Terraform is invited again, without an error.
func TestAccProfileTeamMember_acceptedRemovedAndDeclined(t *testing.T) {
	env := newAccEnv(t)
	env.requireEmulator("accepting an invitation needs the token its e-mail carries")
	ctx := context.Background()
	profile := env.profileID()
	cfg := teamMemberConfig(env, "tfacc-oob@example.com")
	answer := func(link string) {
		token, ok := env.server.Emulator.TeamInvitation("tfacc-oob@example.com")
		if !ok {
			t.Fatal("no pending invitation")
		}
		resp, err := http.Get(env.apiURL + "/profile/team/" + link + "/" + token)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", link, resp.StatusCode)
		}
	}
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_profile_team_member", env.teamMemberExists, []resource.TestStep{
		{Config: cfg, Check: recordID(teamMemberAddr, &id)},
		{
			PreConfig: func() { answer("accept") },
			Config:    cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(teamMemberAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
			},
		},
		{
			// Removed in the TagoIO admin: the plan invites the address again.
			PreConfig: func() {
				if err := env.client.Team.Delete(ctx, profile, id); err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg,
			ConfigPlanChecks: plans(teamMemberAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(teamMemberAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
			},
		},
		{
			// The new invitation declined: invited once more.
			PreConfig:        func() { answer("decline") },
			Config:           cfg,
			ConfigPlanChecks: plans(teamMemberAddr, plancheck.ResourceActionCreate),
		},
	}))
}

// A bad import ID fails before any request, naming both accepted forms.
func TestAccProfileTeamMember_importIDFormat(t *testing.T) {
	env := newAccEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: withImportBlock(env.config(`
resource "tagoio_profile_team_member" "test" {
  email = "tfacc-ana@example.com"
}`), teamMemberAddr, "ana"),
			ExpectError: regexp.MustCompile(`(?s)e-mail address.*account ID`),
			PlanOnly:    true,
		}},
	})
}
