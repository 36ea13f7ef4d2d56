package provider

import "testing"

// Dictionaries made through the API import loss-free with generated configuration: one with
// active and inactive languages (one without expressions), and one with no language yet.
func TestAccDictionary_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	full := env.apiID("/dictionary", obj{"name": "tfacc-dictionary", "slug": "TFACC", "fallback": "en-US"})
	env.apiCall("PUT", "/dictionary/"+full+"/en-US", obj{"dictionary": obj{"HELLO": "Hello", "BYE_NOW": "Bye $0$"}, "active": true})
	env.apiCall("PUT", "/dictionary/"+full+"/pt-BR", obj{"dictionary": obj{"HELLO": "Olá"}, "active": false})
	env.apiCall("PUT", "/dictionary/"+full+"/es", obj{"dictionary": obj{}, "active": true})
	bare := env.apiID("/dictionary", obj{"name": "tfacc-bare-dictionary", "slug": "TFACCBARE", "fallback": "en-US"})
	env.importWithGeneratedConfig(
		[]importTarget{{Type: "tagoio_dictionary", Name: "full", ID: full}, {Type: "tagoio_dictionary", Name: "bare", ID: bare}},
		[]apiObject{{Path: "/dictionary/" + full}, {Path: "/dictionary/" + full + "/en-US"}, {Path: "/dictionary/" + full + "/pt-BR"},
			{Path: "/dictionary/" + full + "/es"}, {Path: "/dictionary/" + bare}})
}
