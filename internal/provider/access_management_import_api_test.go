package provider

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

// Access policies made through the API, with every target form (an empty tag key and value among
// them, which TagoIO stores), both effects and every resource and action of the catalog, import
// loss-free with generated configuration.
func TestAccAccessManagement_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	analysis := env.apiID("/analysis", obj{"name": "tfacc-am-analysis", "runtime": "node-rt2025"})
	policies := []obj{
		{"targets": [][]string{{"run_user"}}, "active": false, "tags": []obj{{"key": "team", "value": "ops"}},
			"permissions": []obj{{"effect": "allow", "action": []string{"access", "edit"}, "resource": []string{"dashboard"}},
				{"effect": "deny", "action": []string{"delete"}, "resource": []string{"device", "tag.key", "site", "tag.value", "north"}}}},
		{"targets": [][]string{{"run_user", "tag.key", "", "tag.value", ""}, {"analysis", "id", analysis}},
			"permissions": []obj{{"effect": "allow", "action": []string{"get_data", "send_data"}, "resource": []string{"device", "tag_match", "site"}}}},
		{"targets": [][]string{{"analysis"}},
			"permissions": []obj{{"effect": "allow", "action": []string{"access"}, "resource": []string{"file", "path", "reports/"}},
				{"effect": "allow", "action": []string{"access_profile"}, "resource": []string{"account"}}}},
	}
	// Every resource of the catalog with every one of its actions, one policy per resource (the
	// effect and target kind alternating). A policy TagoIO refuses cannot be in an account to import:
	// it is logged and left out.
	var refused, catalog []string
	for i, resource := range accessResources() {
		p := obj{"name": "tfacc-policy-" + resource, "targets": [][]string{{accessTargetKinds[i%2]}},
			"permissions": []obj{{"effect": accessEffects[i%2], "action": accessActions[resource], "resource": []string{resource}}}}
		var made struct {
			ID string `json:"am_id"`
		}
		if err := env.client.Do(context.Background(), client.Request{Method: "POST", Path: "/am", Body: p}, &made); err != nil {
			refused = append(refused, err.Error())
			continue
		}
		catalog = append(catalog, made.ID)
	}
	if len(refused) > 0 {
		t.Logf("catalog entries TagoIO refuses:\n%s", strings.Join(refused, "\n"))
	}
	var targets []importTarget
	var objects []apiObject
	for i, p := range policies {
		p["name"] = "tfacc-policy-" + strconv.Itoa(i)
		id := env.apiID("/am", p)
		targets = append(targets, importTarget{Type: "tagoio_access_management", Name: "p" + strconv.Itoa(i), ID: id})
		objects = append(objects, apiObject{Path: "/am/" + id})
	}
	for i, id := range catalog {
		targets = append(targets, importTarget{Type: "tagoio_access_management", Name: "c" + strconv.Itoa(i), ID: id})
		objects = append(objects, apiObject{Path: "/am/" + id})
	}
	if len(catalog) < len(accessActions)/2 {
		t.Fatalf("TagoIO refused most of the catalog (%d of %d made)", len(catalog), len(accessActions))
	}
	env.importWithGeneratedConfig(targets, objects)
}
