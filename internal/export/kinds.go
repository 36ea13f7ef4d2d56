package export

import (
	"fmt"
	"slices"
	"strings"
)

// kind is one kind of object the exporter writes, as named on the command line.
type kind string

const (
	kindDevice           kind = "devices"
	kindDeviceToken      kind = "device_tokens"
	kindBucket           kind = "buckets"
	kindSecret           kind = "secrets"
	kindAction           kind = "actions"
	kindAnalysis         kind = "analyses"
	kindDashboard        kind = "dashboards"
	kindWidget           kind = "widgets"
	kindRunUser          kind = "run_users"
	kindAccessManagement kind = "access_management"
	kindRun              kind = "run"
	kindDictionary       kind = "dictionaries"
	kindEntity           kind = "entities"

	kindServiceAuthorization kind = "service_authorizations"
	kindNetwork              kind = "networks"
	kindConnector            kind = "connectors"
	kindFile                 kind = "files"
	kindTeamMember           kind = "team_members"
	kindRunCustomDomain      kind = "run_custom_domain"
)

// kinds is every kind, in the order the files and import blocks are written.
var kinds = []kind{
	kindDevice, kindDeviceToken, kindBucket, kindSecret, kindAnalysis, kindAction, kindDashboard, kindWidget,
	kindRunUser, kindAccessManagement, kindRun, kindDictionary, kindEntity, kindServiceAuthorization,
	kindNetwork, kindConnector, kindFile, kindTeamMember, kindRunCustomDomain,
}

// Kinds lists the kind names --include and --exclude take.
func Kinds() []string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	return names
}

// resourceTypes maps a kind to its Terraform resource type.
var resourceTypes = map[kind]string{
	kindDevice:           "tagoio_device",
	kindDeviceToken:      "tagoio_device_token",
	kindBucket:           "tagoio_bucket",
	kindSecret:           "tagoio_secret",
	kindAction:           "tagoio_action",
	kindAnalysis:         "tagoio_analysis",
	kindDashboard:        "tagoio_dashboard",
	kindWidget:           "tagoio_dashboard_widget",
	kindRunUser:          "tagoio_run_user",
	kindAccessManagement: "tagoio_access_management",
	kindRun:              "tagoio_run",
	kindDictionary:       "tagoio_dictionary",
	kindEntity:           "tagoio_entity",

	kindServiceAuthorization: "tagoio_service_authorization",
	kindNetwork:              "tagoio_network",
	kindConnector:            "tagoio_connector",
	kindFile:                 "tagoio_file",
	kindTeamMember:           "tagoio_profile_team_member",
	kindRunCustomDomain:      "tagoio_run_custom_domain",
}

// kindSet is the kinds to export.
type kindSet map[kind]bool

func (s kindSet) has(k kind) bool { return s[k] }

// selectKinds resolves --include and --exclude: everything when include is empty, minus exclude.
func selectKinds(include, exclude []string) (kindSet, error) {
	set := kindSet{}
	if len(include) == 0 {
		for _, k := range kinds {
			set[k] = true
		}
	}
	for _, name := range include {
		k, err := parseKind(name)
		if err != nil {
			return nil, err
		}
		set[k] = true
	}
	for _, name := range exclude {
		k, err := parseKind(name)
		if err != nil {
			return nil, err
		}
		delete(set, k)
	}
	if len(set) == 0 {
		return nil, fmt.Errorf("nothing to export: every kind is excluded")
	}
	return set, nil
}

func parseKind(name string) (kind, error) {
	k := kind(strings.TrimSpace(name))
	if !slices.Contains(kinds, k) {
		return "", fmt.Errorf("unknown kind %q: use one of %s", name, strings.Join(Kinds(), ", "))
	}
	return k, nil
}
