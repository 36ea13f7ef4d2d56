package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
)

// serveIngestAndExportHelpers serves the /_emulator/ helpers of network ingest,
// device exports and profile backups (contracts in docs/emulator.md) and reports
// whether the path was one of them:
//
//   - POST /_emulator/network-token {network, name?} -> {token}: a network token of a
//     network (the API's POST /integration/network/token is not served yet);
//   - POST /_emulator/authorization {name?} -> {token}: an authorization key ("at...")
//     of the profile, for network ingest;
//   - GET /_emulator/exports/<path>: a file of Files (an upload or a backup's CSV);
//   - GET /_emulator/backups/<key>: the zip behind a backup download link;
//   - GET /_emulator/team-invitations: [{email, token}] of the pending team invitations, the
//     tokens the invitation e-mails' accept and decline links carry.
func (e *Emulator) serveIngestAndExportHelpers(w http.ResponseWriter, r *http.Request) bool {
	p := normalizePath(r.URL.Path)
	switch {
	case p == "/_emulator/network-token":
		e.helperPost(w, r, func(body map[string]string) (string, error) {
			name := body["name"]
			if name == "" {
				name = "Emulator network token"
			}
			return e.newNetworkToken(body["network"], name)
		})
	case p == "/_emulator/authorization":
		e.helperPost(w, r, func(body map[string]string) (string, error) {
			name := body["name"]
			if name == "" {
				name = "Emulator authorization"
			}
			return e.newAuthorizationKey(name)
		})
	case strings.HasPrefix(p, "/_emulator/exports/") && r.Method == http.MethodGet:
		e.serveExportFile(w, strings.TrimPrefix(p, "/_emulator/exports/"))
	case strings.HasPrefix(p, backupLinksPrefix) && r.Method == http.MethodGet:
		e.serveBackupFile(w, r)
	case p == "/_emulator/team-invitations" && r.Method == http.MethodGet:
		e.serveTeamInvitations(w)
	default:
		return false
	}
	return true
}

// helperPost runs a POST helper taking a flat JSON object of strings and answering
// {token}.
func (e *Emulator) helperPost(w http.ResponseWriter, r *http.Request, mint func(map[string]string) (string, error)) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, errorf(http.StatusMethodNotAllowed, "Method %s not allowed on %s", r.Method, r.URL.Path))
		return
	}
	body := map[string]string{}
	if b, err := readBody(r); err != nil {
		writeError(w, err)
		return
	} else if len(strings.TrimSpace(string(b))) > 0 {
		if err := json.Unmarshal(b, &body); err != nil {
			writeError(w, badRequest("The body must be a JSON object of strings: %v", err))
			return
		}
	}
	token, err := mint(body)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"token": token})
}
