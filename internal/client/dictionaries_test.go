package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const dictionaryID = "63ea6bd581db210009ff8f1d"

func TestDictionaries_CreateReadsTheDictionaryKey(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		ok(w, map[string]any{"dictionary": dictionaryID})
	})
	c, _ := newTestClient(t, api.URL)
	id, err := c.Dictionaries.Create(context.Background(), client.DictionaryCreate{Name: "Admin", Slug: "ADM", Fallback: "en-US"})
	if err != nil {
		t.Fatal(err)
	}
	if id != dictionaryID {
		t.Errorf("id = %q, want %q", id, dictionaryID)
	}
	req := api.Requests()[0]
	var body map[string]any
	if err := json.Unmarshal([]byte(req.Body), &body); err != nil {
		t.Fatal(err)
	}
	if req.Method != http.MethodPost || req.Path != "/dictionary" || body["slug"] != "ADM" || body["fallback"] != "en-US" {
		t.Errorf("request = %s %s %s", req.Method, req.Path, req.Body)
	}
}

func TestDictionaries_LanguageRoutes(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.Method == http.MethodGet {
			ok(w, map[string]string{"HELLO": "Olá"})
			return
		}
		ok(w, "Dictionary language Successfully Updated")
	})
	c, _ := newTestClient(t, api.URL)
	ctx := context.Background()
	got, err := c.Dictionaries.Language(ctx, "ADM", "pt-BR")
	if err != nil {
		t.Fatal(err)
	}
	if got["HELLO"] != "Olá" {
		t.Errorf("expressions = %v", got)
	}
	if err := c.Dictionaries.EditLanguage(ctx, dictionaryID, "pt-BR", client.DictionaryLanguageEdit{Active: false}); err != nil {
		t.Fatal(err)
	}
	reqs := api.Requests()
	if reqs[0].Path != "/dictionary/ADM/pt-BR" || reqs[0].Query != "fallback=false" {
		t.Errorf("read = %s?%s: the expressions must be the language's own", reqs[0].Path, reqs[0].Query)
	}
	// An empty language still sends an object, and active false is sent, not omitted.
	if reqs[1].Method != http.MethodPut || reqs[1].Body != `{"dictionary":{},"active":false}` {
		t.Errorf("edit = %s %s", reqs[1].Method, reqs[1].Body)
	}
}
