package provider

import (
	"strconv"
	"testing"
)

// Entities and service authorizations made through the API import loss-free with generated
// configuration: entity fields of every type, required or not, with and without indexes and
// tags; authorizations of every permission, with and without a verification code (which the
// generated configuration shows as `null # sensitive` and the import apply must keep).
func TestAccEntityServiceAuthorization_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	fields := obj{}
	for i, kind := range entityFieldTypes {
		fields["f_"+kind] = obj{"action": "create", "type": kind, "required": i%2 == 0}
	}
	full := env.apiID("/entity", obj{"name": "tfacc-entity-full", "tags": []obj{{"key": "team", "value": "ops"}}, "schema": fields,
		"index": obj{"by_string": obj{"action": "create", "fields": []string{"f_string"}},
			"by_pair": obj{"action": "create", "fields": []string{"f_int", "f_timestamp"}}}})
	bare := env.apiID("/entity", obj{"name": "tfacc-entity-bare"})
	targets := []importTarget{{Type: "tagoio_entity", Name: "full", ID: full}, {Type: "tagoio_entity", Name: "bare", ID: bare}}
	objects := []apiObject{{Path: "/entity/" + full}, {Path: "/entity/" + bare}}

	for _, permission := range []string{"full", "write", "read"} {
		for _, code := range []string{"", "s3cret-" + permission} {
			name := "tfacc-serviceauth-" + permission
			body := obj{"name": name, "permission": permission}
			if code != "" {
				name += "-code"
				body["name"], body["verification_code"] = name, code
			}
			env.apiCall("POST", "/serviceauth", body)
			targets = append(targets, importTarget{Type: "tagoio_service_authorization", Name: "s" + strconv.Itoa(len(targets)), ID: name})
		}
	}
	objects = append(objects, apiObject{Path: "/serviceauth", Query: fieldsQuery("name", "token", "permission", "verification_code", "created_at")})
	env.importWithGeneratedConfig(targets, objects)
}
