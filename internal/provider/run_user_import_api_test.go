package provider

import (
	"strconv"
	"testing"
)

// Run users made through the API, with every option the SDK has and every date format (equal separators and a single
// separator among them, which TagoIO stores), import loss-free with generated configuration.
func TestAccRunUser_importFromAPI(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	users := []obj{
		{"name": "tfacc-full", "company": "ACME", "phone": "+5511999999999", "language": "pt-BR", "active": false,
			"tags":    []obj{{"key": "tenant", "value": "north"}},
			"options": obj{"decimal_separator": ",", "thousand_separator": ".", "date_format": "DD/MM/YYYY", "time_format": "24"}},
		{"name": "tfacc-same-separators", "options": obj{"decimal_separator": ".", "thousand_separator": ".", "date_format": "YYYY-MM-DD", "time_format": "12"}},
		{"name": "tfacc-one-separator", "options": obj{"decimal_separator": ","}},
		{"name": "tfacc-bare"},
	}
	// Every date format and both places for the last-update time.
	for i, format := range runUserDateFormats {
		users = append(users, obj{"name": "tfacc-date-" + strconv.Itoa(i),
			"options": obj{"date_format": format, "show_last_updated_at": runUserLastUpdatedPlaces[i%len(runUserLastUpdatedPlaces)]}})
	}
	var targets []importTarget
	var objects []apiObject
	for i, u := range users {
		u["email"] = "tfacc-user" + strconv.Itoa(i) + "@example.com"
		u["password"] = "Secret#123456"
		u["timezone"] = "America/Sao_Paulo"
		id := env.apiID("/run/users", u)
		targets = append(targets, importTarget{Type: "tagoio_run_user", Name: "u" + strconv.Itoa(i), ID: id})
		objects = append(objects, apiObject{Path: "/run/users/" + id})
	}
	env.importWithGeneratedConfig(targets, objects)
}
