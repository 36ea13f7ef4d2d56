package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
)

// GET /tags/keys/{type}: the tag keys in use on one kind of object of the profile
// (TagoIO's "List Used Tags"). The API's docs name the types Analysis, Device, User,
// Dashboard and Action; the JS SDK sends lowercase names and adds bucket, secrets,
// run_users and tcore. The type is read case-insensitively.
func (e *Emulator) registerTagKeys(r *Router) {
	r.Handle("GET", "/tags/keys/{type}", e.listTagKeys, kindProfile)
}

// tagKeyCollections maps a type to the collection whose objects carry the tags. ""
// is a type the emulator has no objects of (TagoCore): it has no keys in use.
var tagKeyCollections = map[string]string{
	"device": collDevices, "bucket": collDevices, "dashboard": collDashboards,
	"action": collActions, "analysis": collAnalyses, "user": collRunUsers,
	"run_users": collRunUsers, "run_user": collRunUsers, "secrets": collSecrets,
	"access_management": collAccessManagement, "am": collAccessManagement, "tcore": "",
}

func (e *Emulator) listTagKeys(c *Ctx) (int, any, error) {
	typ := strings.ToLower(strings.TrimSpace(c.Param("type")))
	coll, ok := tagKeyCollections[typ]
	if !ok {
		return 0, nil, badRequest("Invalid type %q: use device, dashboard, action, analysis, user, secrets, bucket or tcore", c.Param("type"))
	}
	keys := []string{}
	if coll == "" {
		return http.StatusOK, keys, nil
	}
	seen := map[string]bool{}
	err := e.store.View(func(tx Tx) error {
		return tx.ForEach(coll, func(_ string, b []byte) error {
			var doc struct {
				Tags []tag `json:"tags"`
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				return err
			}
			for _, t := range doc.Tags {
				if !seen[t.Key] {
					seen[t.Key] = true
					keys = append(keys, t.Key)
				}
			}
			return nil
		})
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, keys, nil
}
