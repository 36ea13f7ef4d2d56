package emulator

import "testing"

func TestDictionaryLifecycle(t *testing.T) {
	e := newEmu(t)
	tok := e.ProfileToken()
	var made struct {
		Dictionary string `json:"dictionary"`
	}
	req(t, e, "POST", "/dictionary", tok, map[string]any{"name": "Admin", "slug": "ADM", "fallback": "en-US"}).ok(t, 201, &made)
	if !isObjectID(made.Dictionary) {
		t.Fatalf("create returned %q", made.Dictionary)
	}
	id := made.Dictionary
	info := getMap(t, e, "/dictionary/"+id)
	if info["slug"] != "ADM" || info["fallback"] != "en-US" || info["name"] != "Admin" {
		t.Fatalf("info = %v", info)
	}
	langs := as[[]any](t, info["languages"])
	if len(langs) != 1 || as[map[string]any](t, langs[0])["code"] != "en-US" || as[map[string]any](t, langs[0])["active"] != true {
		t.Fatalf("the fallback is the first language, active: %v", langs)
	}

	// Expressions per language; a new language is added by its first edit.
	req(t, e, "PUT", "/dictionary/"+id+"/en-US", tok, map[string]any{"dictionary": map[string]string{"HELLO": "Hello", "BYE": "Bye"}, "active": true}).ok(t, 200, nil)
	req(t, e, "PUT", "/dictionary/"+id+"/pt-BR", tok, map[string]any{"dictionary": map[string]string{"HELLO": "Olá"}, "active": false}).ok(t, 200, nil)
	got := getMap(t, e, "/dictionary/"+id+"/pt-BR")
	if len(got) != 1 || got["HELLO"] != "Olá" {
		t.Fatalf("pt-BR = %v", got)
	}
	// fallback=true fills what the language lacks from the fallback language; by slug too.
	got = getMap(t, e, "/dictionary/ADM/pt-BR?fallback=true")
	if got["HELLO"] != "Olá" || got["BYE"] != "Bye" {
		t.Fatalf("pt-BR with fallback = %v", got)
	}
	langs = as[[]any](t, getMap(t, e, "/dictionary/"+id)["languages"])
	if len(langs) != 2 || as[map[string]any](t, langs[1])["active"] != false {
		t.Fatalf("languages = %v", langs)
	}

	// Bad input answers 400 naming the field, and changes nothing.
	req(t, e, "POST", "/dictionary", tok, map[string]any{"name": "x", "slug": "lower"}).fail(t, 400, "slug")
	req(t, e, "POST", "/dictionary", tok, map[string]any{"name": "x", "slug": "ADM"}).fail(t, 400, "already used")
	req(t, e, "POST", "/dictionary", tok, map[string]any{"slug": "NONAME"}).fail(t, 400, "name is required")
	req(t, e, "PUT", "/dictionary/"+id+"/en-US", tok, map[string]any{"dictionary": map[string]string{"bad key": "x"}}).fail(t, 400, "bad key")
	req(t, e, "PUT", "/dictionary/"+id, tok, map[string]any{"fallback": "fr-FR"}).fail(t, 400, "fallback")
	req(t, e, "DELETE", "/dictionary/"+id+"/en-US", tok, nil).fail(t, 400, "fallback")

	// The fallback moves to another language, after which the first can go.
	req(t, e, "PUT", "/dictionary/"+id, tok, map[string]any{"fallback": "pt-BR", "name": "Admin 2", "slug": "ADM2"}).ok(t, 200, nil)
	req(t, e, "DELETE", "/dictionary/"+id+"/en-US", tok, nil).ok(t, 200, nil)
	info = getMap(t, e, "/dictionary/"+id)
	if info["fallback"] != "pt-BR" || info["slug"] != "ADM2" || len(as[[]any](t, info["languages"])) != 1 {
		t.Fatalf("after edits: %v", info)
	}
	if l := getList(t, e, "/dictionary?filter[slug]=ADM2&fields=id,slug"); len(l) != 1 || l[0]["id"] != id {
		t.Fatalf("list by slug = %v", l)
	}
	req(t, e, "DELETE", "/dictionary/"+id, tok, nil).ok(t, 200, nil)
	req(t, e, "GET", "/dictionary/"+id, tok, nil).fail(t, 404, "not found")
	req(t, e, "GET", "/dictionary/ADM2/pt-BR", tok, nil).fail(t, 404, "not found")
}

// dictionaryContractCases exercise the dictionary routes for TestOpenAPIContract.
func dictionaryContractCases(t *testing.T, e *Emulator) []contractCase {
	t.Helper()
	tok := e.ProfileToken()
	var made struct {
		Dictionary string `json:"dictionary"`
	}
	req(t, e, "POST", "/dictionary", tok, map[string]any{"name": "Contract", "slug": "CON", "fallback": "en-US"}).ok(t, 201, &made)
	id := made.Dictionary
	return []contractCase{
		{name: "list dictionaries", method: "GET", path: "/dictionary?fields=id,name,slug,languages,fallback,created_at,updated_at", token: tok, wantStatus: 200},
		{name: "create dictionary", method: "POST", path: "/dictionary", token: tok, wantStatus: 201,
			body: map[string]any{"name": "dic.DICT", "slug": "DIC", "fallback": "fr-FR", "languages": []map[string]string{{"code": "fr-FR", "message": "true"}}}},
		{name: "dictionary info", method: "GET", path: "/dictionary/" + id, token: tok, wantStatus: 200,
			sdkFields: []string{"$.result.id"}}, // the SDK's DictionaryInfo has id
		{name: "edit dictionary", method: "PUT", path: "/dictionary/" + id, token: tok, wantStatus: 200,
			body: map[string]any{"name": "updated.test", "languages": []map[string]any{{"code": "pt-BR", "active": true}}}},
		{name: "edit dictionary language", method: "PUT", path: "/dictionary/" + id + "/en-US", token: tok, wantStatus: 200,
			body: map[string]any{"dictionary": map[string]string{"TEST": "teste"}}, specPath: "/dictionary/{dictionary_id}/{language}"},
		{name: "dictionary language by slug", method: "GET", path: "/dictionary/CON/en-US", token: tok, wantStatus: 200, specPath: "/dictionary/{slug_or_dictionary_id}/{language}",
			sdkFields: []string{"$.result.*"}}, // the spec's {key: value} stands for every expression
		{name: "delete dictionary", method: "DELETE", path: "/dictionary/" + id, token: tok, wantStatus: 200},
	}
}
