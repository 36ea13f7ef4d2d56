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

const dictionaryAddr = "tagoio_dictionary.test"

// dictionaryTexts reads a language's expressions through the API.
func (e *accEnv) dictionaryTexts(t *testing.T, id, code string) map[string]string {
	t.Helper()
	texts, err := e.client.Dictionaries.Language(context.Background(), id, code)
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

func TestAccDictionary_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	cfg := func(slug, fallback, languages string) string {
		return env.config(`
resource "tagoio_dictionary" "test" {
  name      = "tfacc-admin"
  slug      = %q
  fallback  = %q
  languages = %s
}`, slug, fallback, languages)
	}
	created := cfg("TFACCADM", "en-US", `{
    "en-US" = { expressions = { HELLO = "Hello", BYE = "Bye" } }
    "pt-BR" = { active = false, expressions = { HELLO = "Olá" } }
  }`)
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_dictionary", existsByID(env.client.Dictionaries.Get), []resource.TestStep{
		{
			Config: created,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(dictionaryAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				statecheck.ExpectKnownValue(dictionaryAddr, tfjsonpath.New("languages").AtMapKey("pt-BR").AtMapKey("active"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(dictionaryAddr, tfjsonpath.New("languages").AtMapKey("en-US").AtMapKey("active"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(dictionaryAddr, tfjsonpath.New("languages").AtMapKey("en-US").AtMapKey("expressions"),
					knownvalue.MapExact(map[string]knownvalue.Check{"HELLO": knownvalue.StringExact("Hello"), "BYE": knownvalue.StringExact("Bye")})),
				sameID.AddStateValue(dictionaryAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				id = s.RootModule().Resources[dictionaryAddr].Primary.ID
				if got := env.dictionaryTexts(t, id, "pt-BR"); got["HELLO"] != "Olá" || len(got) != 1 {
					t.Errorf("TagoIO holds pt-BR = %v", got)
				}
				return nil
			},
		},
		importVerifies(dictionaryAddr),
		{
			// New slug, new fallback, the old fallback removed, one text changed: in place.
			Config: cfg("TFACCADM2", "pt-BR", `{
    "pt-BR" = { expressions = { HELLO = "Oi", BYE = "Tchau" } }
    "es-ES" = {}
  }`),
			ConfigPlanChecks: plans(dictionaryAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(dictionaryAddr, tfjsonpath.New("slug"), knownvalue.StringExact("TFACCADM2")),
				statecheck.ExpectKnownValue(dictionaryAddr, tfjsonpath.New("fallback"), knownvalue.StringExact("pt-BR")),
				statecheck.ExpectKnownValue(dictionaryAddr, tfjsonpath.New("languages"), knownvalue.MapSizeExact(2)),
				statecheck.ExpectKnownValue(dictionaryAddr, tfjsonpath.New("languages").AtMapKey("es-ES").AtMapKey("expressions"), knownvalue.MapSizeExact(0)),
				sameID.AddStateValue(dictionaryAddr, tfjsonpath.New("id")),
			},
			Check: apiHolds(recorded(&id), env.client.Dictionaries.Get, func(d *client.Dictionary) error {
				if d.Fallback != "pt-BR" || len(d.Languages) != 2 {
					t.Errorf("TagoIO holds fallback %s and languages %v", d.Fallback, d.Languages)
				}
				if got := env.dictionaryTexts(t, id, "pt-BR"); got["BYE"] != "Tchau" {
					t.Errorf("TagoIO holds pt-BR = %v", got)
				}
				return nil
			}),
		},
	}))
}

func TestAccDictionary_outOfBandChanges(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	cfg := env.config(`
resource "tagoio_dictionary" "test" {
  name      = "tfacc-oob"
  slug      = "TFACCOOB"
  fallback  = "en-US"
  languages = { "en-US" = { expressions = { HELLO = "Hello" } } }
}`)
	var id string
	resource.ParallelTest(t, env.testCheckingGone("tagoio_dictionary", existsByID(env.client.Dictionaries.Get), []resource.TestStep{
		{Config: cfg, Check: recordID(dictionaryAddr, &id)},
		{
			// A text edited and a language added in the TagoIO admin: the plan puts them back.
			PreConfig: func() {
				if err := env.client.Dictionaries.EditLanguage(ctx, id, "en-US", client.DictionaryLanguageEdit{
					Expressions: map[string]string{"HELLO": "Hi there", "EXTRA": "x"}, Active: true}); err != nil {
					t.Fatal(err)
				}
				if err := env.client.Dictionaries.EditLanguage(ctx, id, "fr-FR", client.DictionaryLanguageEdit{Active: true}); err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg,
			ConfigPlanChecks: plans(dictionaryAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				if got := env.dictionaryTexts(t, id, "en-US"); len(got) != 1 || got["HELLO"] != "Hello" {
					t.Errorf("TagoIO holds en-US = %v", got)
				}
				d, err := env.client.Dictionaries.Get(ctx, id)
				if err != nil {
					return err
				}
				if len(d.Languages) != 1 {
					t.Errorf("the language added outside Terraform is still there: %v", d.Languages)
				}
				return nil
			},
		},
		// Deleted in the TagoIO admin: the plan creates it again, without an error.
		recreatedAfterDelete(t, cfg, dictionaryAddr, &id, func() error { return env.client.Dictionaries.Delete(ctx, id) }),
	}))
}

// A dictionary made through the API is adopted by an import block: the plan only imports,
// apply changes nothing on the server, the next plan is empty; the data source finds it by slug.
func TestAccDictionary_importBlockOfAPIObject(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	id := env.madeID(env.client.Dictionaries.Create(ctx, client.DictionaryCreate{Name: "tfacc-handmade", Slug: "TFACCHAND", Fallback: "en-US"}))
	for code, texts := range map[string]map[string]string{"en-US": {"TITLE": "Plant", "UNIT": "°C"}, "de-DE": {"TITLE": "Anlage"}} {
		if err := env.client.Dictionaries.EditLanguage(ctx, id, code, client.DictionaryLanguageEdit{Expressions: texts, Active: code == "en-US"}); err != nil {
			t.Fatal(err)
		}
	}
	before, err := env.client.Dictionaries.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	cfg := env.config(`
resource "tagoio_dictionary" "test" {
  name     = "tfacc-handmade"
  slug     = "TFACCHAND"
  fallback = "en-US"
  languages = {
    "en-US" = { expressions = { TITLE = "Plant", UNIT = "°C" } }
    "de-DE" = { active = false, expressions = { TITLE = "Anlage" } }
  }
}

data "tagoio_dictionary" "by_slug" {
  slug = tagoio_dictionary.test.slug
}`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, ResourceName: dictionaryAddr, ImportStateId: id, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportPlanChecks: resource.ImportPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(dictionaryAddr, plancheck.ResourceActionNoop)},
			}},
			{
				Config:           withImportBlock(cfg, dictionaryAddr, id),
				ConfigPlanChecks: plans(dictionaryAddr, plancheck.ResourceActionNoop),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tagoio_dictionary.by_slug", tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue("data.tagoio_dictionary.by_slug", tfjsonpath.New("languages").AtMapKey("de-DE").AtMapKey("expressions").AtMapKey("TITLE"),
						knownvalue.StringExact("Anlage")),
				},
				Check: func(*terraform.State) error {
					after, err := env.client.Dictionaries.Get(ctx, id)
					if err != nil {
						return err
					}
					if after.UpdatedAt != before.UpdatedAt {
						t.Errorf("the import changed the dictionary on the server (updated_at %s -> %s)", before.UpdatedAt, after.UpdatedAt)
					}
					return nil
				},
			},
			plansNothing(cfg),
		},
	})
}
