package emulator

import (
	"archive/zip"
	"bytes"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Profile backups (TagoIO's "Backup" API): a zip of the profile's resource
// configurations, listed, downloaded through a time-limited link, and deleted. The
// API generates a backup in a queue; the emulator builds it before it answers, so a
// new backup is "completed" at once. The download link points at the emulator itself
// (/_emulator/backups/<key>, docs/emulator.md), valid for two hours like the API's.
//
// The API documents the create and download answers' fields at the top level of the
// body; the emulator answers them inside the usual {status, result} envelope, as
// every other route (and every SDK's reader) has them.
func (e *Emulator) registerProfileBackups(r *Router) {
	r.Handle("POST", "/profile/{id}/backup", e.createBackup, kindProfile)
	r.Handle("GET", "/profile/{id}/backup", e.listBackups, kindProfile)
	r.Handle("POST", "/profile/{id}/backup/{backupID}/download", e.downloadBackup, kindProfile)
	r.Handle("DELETE", "/profile/{id}/backup/{backupID}", e.deleteBackup, kindProfile)
}

const (
	collBackups     = "profile_backups"  // keyed by backup id
	collBackupLinks = "backup_downloads" // download links, keyed by their random key

	backupLinkLifetime = 2 * time.Hour
	backupLinksPrefix  = "/_emulator/backups/"
)

type backupDoc struct {
	ID        string  `json:"id"`
	Profile   string  `json:"profile"`
	FilePath  string  `json:"file_path"`
	VersionID string  `json:"version_id"`
	Status    string  `json:"status"`
	Zip       []byte  `json:"zip"`
	CreatedAt apiTime `json:"created_at"`
}

type backupLinkDoc struct {
	Key      string  `json:"key"`
	BackupID string  `json:"backup_id"`
	ExpireAt apiTime `json:"expire_at"`
}

func backupRecord(b *backupDoc) record {
	return record{
		"id": b.ID, "profile": b.Profile, "file_path": b.FilePath, "version_id": b.VersionID,
		"file_size": len(b.Zip), "status": b.Status, "error_message": nil, "created_at": b.CreatedAt,
	}
}

// backupCollections are the resource configurations a backup holds, one JSON file
// each. Tokens, data records and secret values are not configurations.
var backupCollections = []struct{ file, coll string }{
	{"devices.json", collDevices}, {"dashboards.json", collDashboards}, {"widgets.json", collWidgets},
	{"actions.json", collActions}, {"analysis.json", collAnalyses}, {"access_management.json", collAccessManagement},
	{"networks.json", collNetworks}, {"connectors.json", collConnectors},
}

// buildBackupZip writes one JSON array per collection.
func buildBackupZip(tx Tx) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, bc := range backupCollections {
		docs := []json.RawMessage{}
		if err := tx.ForEach(bc.coll, func(_ string, b []byte) error {
			docs = append(docs, json.RawMessage(b))
			return nil
		}); err != nil {
			return nil, err
		}
		b, err := json.MarshalIndent(docs, "", "  ")
		if err != nil {
			return nil, err
		}
		f, err := zw.Create(bc.file)
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(b); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (e *Emulator) createBackup(c *Ctx) (int, any, error) {
	if err := e.matchProfileParam(c.Param("id")); err != nil {
		return 0, nil, err
	}
	b := &backupDoc{ID: newObjectID(), Profile: e.profileID, Status: "completed", VersionID: newObjectID()[:12], CreatedAt: apiTime(c.Now)}
	b.FilePath = fmt.Sprintf("profile/%s/versioning/backup/backup-%s.zip", e.profileID, b.ID)
	err := e.store.Update(func(tx Tx) (err error) {
		if b.Zip, err = buildBackupZip(tx); err != nil {
			return err
		}
		return putDoc(tx, collBackups, b.ID, b)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{
		"message":   "Backup generation has been queued and will be processed shortly. You can check the status using the list backups endpoint.",
		"profile":   e.profileID,
		"backup_id": b.ID,
	}, nil
}

var backupListSpec = listSpec{
	defaultFields: []string{"id", "profile", "file_path", "version_id", "file_size", "status", "error_message", "created_at"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "created_at,desc",
}

func (e *Emulator) listBackups(c *Ctx) (int, any, error) {
	if err := e.matchProfileParam(c.Param("id")); err != nil {
		return 0, nil, err
	}
	var docs []*backupDoc
	if err := e.store.View(func(tx Tx) (err error) {
		docs, err = listDocs[backupDoc](tx, collBackups, nil)
		return err
	}); err != nil {
		return 0, nil, err
	}
	items := make([]record, 0, len(docs))
	for _, b := range docs {
		items = append(items, backupRecord(b))
	}
	out, err := runList(c.Query, items, backupListSpec, c.Now)
	return http.StatusOK, out, err
}

// checkPassword verifies the body's account password (both backup routes ask for it).
func (e *Emulator) checkPassword(c *Ctx) error {
	body, err := c.object()
	if err != nil {
		return err
	}
	password, present, err := body.str("password")
	if err != nil || !present || password == "" {
		return badRequest("password is required")
	}
	if ot, present, err := body.str("otp_type"); err != nil || present && ot != "authenticator" && ot != "sms" && ot != "email" {
		return badRequest("otp_type must be authenticator, sms or email")
	}
	if subtle.ConstantTimeCompare([]byte(password), []byte(e.AccountPassword())) != 1 {
		return errorf(http.StatusUnauthorized, "Invalid password")
	}
	return nil
}

func loadBackup(tx Tx, id, action string) (*backupDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Backup ID")
	}
	b, err := getDoc[backupDoc](tx, collBackups, id)
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, notFound("Backup not found or you don't have permission to %s it.", action)
	}
	return b, nil
}

func (e *Emulator) downloadBackup(c *Ctx) (int, any, error) {
	if err := e.matchProfileParam(c.Param("id")); err != nil {
		return 0, nil, err
	}
	if err := e.checkPassword(c); err != nil {
		return 0, nil, err
	}
	key := make([]byte, 32)
	mustRandom(key)
	link := &backupLinkDoc{Key: hex.EncodeToString(key), ExpireAt: apiTime(c.Now.Add(backupLinkLifetime))}
	var b *backupDoc
	err := e.store.Update(func(tx Tx) (err error) {
		if b, err = loadBackup(tx, c.Param("backupID"), "access"); err != nil {
			return err
		}
		if b.Status != "completed" {
			return badRequest("Backup is not ready for download. Current status: %s", b.Status)
		}
		link.BackupID = b.ID
		return putDoc(tx, collBackupLinks, link.Key, link)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{
		"url": requestBaseURL(c.R) + backupLinksPrefix + link.Key, "size": len(b.Zip), "size_unit": "bytes",
		"file_size_mb": fmt.Sprintf("%.2f", float64(len(b.Zip))/(1024*1024)),
		"expire_at":    link.ExpireAt, "backup_id": b.ID, "created_at": b.CreatedAt,
	}, nil
}

func (e *Emulator) deleteBackup(c *Ctx) (int, any, error) {
	if err := e.matchProfileParam(c.Param("id")); err != nil {
		return 0, nil, err
	}
	if err := e.checkPassword(c); err != nil {
		return 0, nil, err
	}
	err := e.store.Update(func(tx Tx) error {
		b, err := loadBackup(tx, c.Param("backupID"), "delete")
		if err != nil {
			return err
		}
		return tx.Delete(collBackups, b.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Backup successfully removed", nil
}

// serveBackupFile answers GET /_emulator/backups/<key> with the zip while the link
// is valid and the backup exists.
func (e *Emulator) serveBackupFile(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(r.URL.Path, backupLinksPrefix)
	var b *backupDoc
	err := e.store.View(func(tx Tx) error {
		link, err := getDoc[backupLinkDoc](tx, collBackupLinks, key)
		if err != nil || link == nil || !time.Now().Before(link.ExpireAt.Time()) {
			return err
		}
		b, err = getDoc[backupDoc](tx, collBackups, link.BackupID)
		return err
	})
	if err != nil {
		writeError(w, err)
		return
	}
	if b == nil {
		writeError(w, notFound("This download link is not valid (expired, or its backup was deleted)"))
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="backup-`+b.ID+`.zip"`)
	_, _ = w.Write(b.Zip)
}
