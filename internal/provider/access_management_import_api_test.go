package provider

import (
	"strconv"
	"testing"
)

// Access policies made through the API, with every target form (an empty tag key and value among
// them, which TagoIO stores), both effects and many resources, import loss-free with generated
// configuration.
func TestAccAccessManagement_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	type obj = map[string]any
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
	var targets []importTarget
	var objects []apiObject
	for i, p := range policies {
		p["name"] = "tfacc-policy-" + strconv.Itoa(i)
		id := env.apiID("/am", p)
		targets = append(targets, importTarget{Type: "tagoio_access_management", Name: "p" + strconv.Itoa(i), ID: id})
		objects = append(objects, apiObject{Path: "/am/" + id})
	}
	env.importWithGeneratedConfig(targets, objects)
}
