package emulator

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// amDoc is a stored Access Management policy (docs/api-notes.md §2.12). Profile tokens bypass
// policies entirely; the emulator stores and validates them but evaluates none.
type amDoc struct {
	ID          string         `json:"id"`
	Profile     string         `json:"profile"`
	Name        string         `json:"name"`
	Active      bool           `json:"active"`
	Tags        []tag          `json:"tags"`
	Targets     [][]string     `json:"targets"`
	Permissions []amPermission `json:"permissions"`
	CreatedAt   apiTime        `json:"created_at"`
	UpdatedAt   apiTime        `json:"updated_at"`
}

// amPermission is one rule: effect on actions of the resources a tuple selects.
type amPermission struct {
	Effect   string   `json:"effect"`
	Action   []string `json:"action"`
	Resource []string `json:"resource"`
}

// amTupleMax: the API reads tuple positions 0 to 4 and drops the rest (docs/api-notes.md
// §2.12), so longer targets and resources are truncated, not refused.
const amTupleMax = 5

var amTargetTypes = []string{"run_user", "analysis"}

// amCRUD is the action set every management resource has in the console.
var amCRUD = []string{"access", "create", "edit", "delete"}

// amActions is the permission catalog: resource -> its closed set of actions. The
// API checks the resource name and each action against closed enums but not the
// tuple arity, nor which target kind (run_user or analysis) can use an action, so a
// resource's set here is the union over both kinds (dashboard "arrangement" is a
// run-user action, "duplicate" an analysis one).
//
// Sources: device, dashboard and account actions are those of docs/api-notes.md §2.12. The
// other resources are the ones docs/api-notes.md and the JS SDK's "check policy
// <Resource> / <Action> in Access Management" notes name; their extra actions are
// those notes' console labels in snake_case (docs/api-notes.md gives no wire names for
// them), and each has the console's access/create/edit/delete where the SDK shows it.
var amActions = map[string][]string{
	"device": {
		"access", "create", "edit", "delete", "token_access", "get_data", "send_data",
		"edit_data", "delete_data", "manage_chunks", "export_data", "import_data",
	},
	"dashboard":             {"access", "create", "edit", "delete", "duplicate", "related_devices", "related_analysis", "arrangement"},
	"account":               {"access_profile"},
	"analysis":              append(slices.Clone(amCRUD), "run_analysis", "upload_analysis_script", "download_analysis_script"),
	"run_user":              append(slices.Clone(amCRUD), "login_as_user", "access_notification", "create_notification", "edit_notification", "delete_notification"),
	"action":                amCRUD,
	"entity":                amCRUD,
	"access_management":     amCRUD,
	"dictionary":            amCRUD,
	"secret":                amCRUD,
	"service_authorization": amCRUD,
	"file":                  {"access", "edit", "upload"},
	"sql":                   {"access", "execute"},
	"connector":             {"access"},
	"network":               {"access"},
	"profile": {
		"access_tagorun_settings", "edit_tagorun_settings", "access_notification",
		"create_notification", "edit_notification", "delete_notification",
	},
}

// amInfo is the full policy of GET /am/{id}: permissions come back allow before deny
// (the API sorts rules by effect), each group in the order it was written.
func amInfo(p *amDoc) record {
	perms := slices.Clone(p.Permissions)
	if perms == nil {
		perms = []amPermission{}
	}
	sort.SliceStable(perms, func(i, j int) bool { return perms[i].Effect == "allow" && perms[j].Effect != "allow" })
	targets := p.Targets
	if targets == nil {
		targets = [][]string{}
	}
	return record{
		"id": p.ID, "profile": p.Profile, "name": p.Name, "active": p.Active,
		"tags": tagsOrEmpty(p.Tags), "targets": targets, "permissions": perms,
		"created_at": p.CreatedAt, "updated_at": p.UpdatedAt,
	}
}

// amListRecord is a list item: the list route reads only the policy table, so it
// never carries permissions or targets, whatever fields asks for.
func amListRecord(p *amDoc) record {
	return record{
		"id": p.ID, "profile": p.Profile, "name": p.Name, "active": p.Active,
		"tags": tagsOrEmpty(p.Tags), "created_at": p.CreatedAt, "updated_at": p.UpdatedAt,
	}
}

var amListSpec = listSpec{
	defaultFields: []string{"id", "name", "tags"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "name,asc",
	filters: map[string]filterKind{
		"id": filterString, "name": filterString, "active": filterBool, "tags": filterTags,
		"created_at": filterDate, "updated_at": filterDate,
	},
}

func (e *Emulator) registerAccessManagement(r *Router) {
	r.Handle("GET", "/am", e.listPolicies, kindProfile)
	r.Handle("POST", "/am", e.createPolicy, kindProfile)
	r.Handle("GET", "/am/{id}", e.getPolicy, kindProfile)
	r.Handle("PUT", "/am/{id}", e.editPolicy, kindProfile)
	r.Handle("DELETE", "/am/{id}", e.deletePolicy, kindProfile)
}

// loadPolicy validates the id and loads the policy, or answers 400/404.
func loadPolicy(tx Tx, id string) (*amDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Access Management ID")
	}
	p, err := getDoc[amDoc](tx, collAccessManagement, id)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, notFound("Access Management not found")
	}
	return p, nil
}

func (e *Emulator) listPolicies(c *Ctx) (int, any, error) {
	var docs []*amDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[amDoc](tx, collAccessManagement, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, p := range docs {
		items = append(items, amListRecord(p))
	}
	out, err := runList(c.Query, items, amListSpec, c.Now)
	return http.StatusOK, out, err
}

func (e *Emulator) getPolicy(c *Ctx) (int, any, error) {
	var p *amDoc
	if err := e.store.View(func(tx Tx) (err error) {
		p, err = loadPolicy(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, amInfo(p), nil
}

func (e *Emulator) createPolicy(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	now := apiTime(c.Now)
	// active: the OAS requires it, the JS type does not; a policy one creates is meant
	// to apply, so an omitted active is true (as in the MCP server's mock).
	p := &amDoc{ID: newObjectID(), Profile: e.profileID, Active: true, Tags: []tag{}, CreatedAt: now, UpdatedAt: now}
	if err := applyPolicyBody(p, body, true); err != nil {
		return 0, nil, err
	}
	if err := e.store.Update(func(tx Tx) error { return putDoc(tx, collAccessManagement, p.ID, p) }); err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, record{"am_id": p.ID}, nil
}

func (e *Emulator) editPolicy(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		p, err := loadPolicy(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if err := applyPolicyBody(p, body, false); err != nil {
			return err
		}
		p.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collAccessManagement, p.ID, p)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Access Management Successfully Updated", nil
}

// deletePolicy answers "Successfully Removed" (JS doc and the MCP server's mock); the
// OAS says "Access Management Successfully Deleted" (docs/api-notes.md §8.7). Clients do not
// parse it; the emulator follows the two sources that agree with every other delete.
func (e *Emulator) deletePolicy(c *Ctx) (int, any, error) {
	err := e.store.Update(func(tx Tx) error {
		p, err := loadPolicy(tx, c.Param("id"))
		if err != nil {
			return err
		}
		return tx.Delete(collAccessManagement, p.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

// applyPolicyBody validates body and applies it to p. permissions and targets, when
// present, replace the stored lists wholesale; the profile key is ignored.
func applyPolicyBody(p *amDoc, body jsonBody, create bool) error {
	if name, present, err := body.str("name"); err != nil {
		return err
	} else if present || create {
		if strings.TrimSpace(name) == "" {
			return badRequest("name is required and must be a non-empty string")
		}
		p.Name = name
	}
	if v, present, err := body.boolean("active"); err != nil {
		return err
	} else if present {
		p.Active = v
	}
	if v, present, err := body.tags("tags"); err != nil {
		return err
	} else if present {
		p.Tags = v
	}
	if raw, present := body["targets"]; present || create {
		targets, err := parseTargets(raw)
		if err != nil {
			return err
		}
		p.Targets = targets
	}
	if raw, present := body["permissions"]; present || create {
		perms, err := parsePermissions(raw)
		if err != nil {
			return err
		}
		p.Permissions = perms
	}
	return nil
}

// parseTargets reads targets: a non-empty array of string tuples whose first element
// is run_user or analysis. Arity and separator words are not checked (the API does
// not either); tuples longer than five are truncated.
func parseTargets(raw json.RawMessage) ([][]string, error) {
	var targets [][]string
	if raw == nil || json.Unmarshal(raw, &targets) != nil || len(targets) == 0 {
		return nil, badRequest("targets is required and must be a non-empty array of string arrays like [\"run_user\"] or [\"analysis\", \"id\", \"<id>\"]")
	}
	for i, t := range targets {
		if len(t) == 0 || !slices.Contains(amTargetTypes, t[0]) {
			first := ""
			if len(t) > 0 {
				first = t[0]
			}
			return nil, badRequest("targets[%d][0] must be one of: run_user, analysis (got %q)", i, first)
		}
		targets[i] = truncateTuple(t)
	}
	return targets, nil
}

// parsePermissions reads permissions: an array (possibly empty) of {effect, action[],
// resource[]}. effect is allow or deny (the OAS update example's "denied" contradicts
// the OAS enum and the SDK type, and is refused); the resource's first element must
// be a known resource and every action one of that resource's actions.
func parsePermissions(raw json.RawMessage) ([]amPermission, error) {
	var items []json.RawMessage
	if raw == nil || json.Unmarshal(raw, &items) != nil || strings.TrimSpace(string(raw)) == "null" {
		return nil, badRequest("permissions is required and must be an array of {effect, action, resource}")
	}
	perms := make([]amPermission, 0, len(items))
	for i, it := range items {
		prefix := "permissions[" + strconv.Itoa(i) + "]."
		obj, err := parseObject(it)
		if err != nil {
			return nil, badRequest("permissions[%d] must be an object {effect, action, resource}", i)
		}
		var p amPermission
		if p.Effect, _, err = obj.str("effect"); err != nil || (p.Effect != "allow" && p.Effect != "deny") {
			return nil, badRequest("%seffect must be one of: allow, deny", prefix)
		}
		resource, err := fieldStrings(obj, "resource")
		if err != nil || len(resource) == 0 {
			return nil, badRequest("%sresource is required and must be a non-empty array of strings like [\"device\"]", prefix)
		}
		actions, known := amActions[resource[0]]
		if !known {
			return nil, badRequest("%sresource: unknown resource %q (known: %s)", prefix, resource[0], strings.Join(slices.Sorted(maps.Keys(amActions)), ", "))
		}
		p.Resource = truncateTuple(resource)
		if p.Action, err = fieldStrings(obj, "action"); err != nil || len(p.Action) == 0 {
			return nil, badRequest("%saction is required and must be a non-empty array of strings like [\"access\"]", prefix)
		}
		for _, a := range p.Action {
			if !slices.Contains(actions, a) {
				return nil, badRequest("%saction: unknown action %q for resource %q (known: %s)", prefix, a, resource[0], strings.Join(actions, ", "))
			}
		}
		perms = append(perms, p)
	}
	return perms, nil
}

func truncateTuple(t []string) []string {
	if len(t) > amTupleMax {
		return t[:amTupleMax]
	}
	return t
}
