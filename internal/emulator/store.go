package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Collections. Each holds JSON documents keyed by id (or token string).
const (
	collMeta       = "meta"       // emulator state: profile id, default profile token
	collTokens     = "tokens"     // every token (profile, device, analysis), keyed by token
	collDevices    = "devices"    // keyed by device id
	collParams     = "params"     // device configuration params, keyed by param id
	collConnectors = "connectors" // integration catalog
	collNetworks   = "networks"   // integration catalog

	collDashboards       = "dashboards"        // keyed by dashboard id
	collWidgets          = "widgets"           // keyed by widget id; each names its dashboard
	collRun              = "run"               // TagoRUN settings, keyed by profile id
	collRunUsers         = "run_users"         // keyed by run user id
	collRunUserTokens    = "run_user_tokens"   // login-as tokens, keyed by token
	collAccessManagement = "access_management" // policies, keyed by policy id

	collLegacyBuckets   = "legacy_buckets"     // pre-2024 /bucket objects, keyed by bucket id
	collSecrets         = "secrets"            // keyed by secret id
	collActions         = "actions"            // keyed by action id
	collAnalyses        = "analyses"           // keyed by analysis id
	collAnalysisScripts = "analysis_scripts"   // script versions, keyed "<analysis id>/<version, 10 digits>"
	collScriptDownloads = "analysis_downloads" // script download links, keyed by their random key

	collData             = "data"              // device data records, keyed "<device id>/<record id>"
	collNotifications    = "notifications"     // account notifications, keyed by id
	collRunNotifications = "run_notifications" // TagoRUN user notifications, keyed by id
)

// Store is the emulator's durable state: collections of JSON documents.
//
// Every write happens inside Update, which is atomic (all or nothing) and, for the
// bbolt store, durable (fsynced) when it returns; handlers answer only after that.
// Reads happen inside View and see a consistent snapshot.
//
// The store is deliberately dumb: it knows documents, not objects. Hot paths that need
// more than a scan (the "newest N records of a variable" over millions of device data
// records, data_index.go) keep an in-memory index next to it, rebuilt from the store
// with ForEach when the emulator opens and maintained by the same code that calls
// Update; such collections can use composite keys (device/variable/time/id) so that
// bbolt's ordered keys serve range scans too.
type Store interface {
	View(fn func(tx Tx) error) error
	Update(fn func(tx Tx) error) error
	Close() error
}

// Tx is one transaction. Documents passed to Put are copied; slices returned by Get
// and ForEach are owned by the caller.
type Tx interface {
	// Get returns the document, or nil and no error when it does not exist.
	Get(coll, id string) ([]byte, error)
	Put(coll, id string, doc []byte) error
	// Delete removes a document; deleting a missing one is not an error.
	Delete(coll, id string) error
	// ForEach visits every document of a collection in ascending key order. Returning
	// errStopIteration from fn ends the walk early without error.
	ForEach(coll string, fn func(id string, doc []byte) error) error
}

var (
	errStopIteration = errors.New("stop iteration")
	errReadOnlyTx    = errors.New("store: write in a read-only transaction")
)

// getDoc loads and decodes a document; it returns nil, nil when absent.
func getDoc[T any](tx Tx, coll, id string) (*T, error) {
	b, err := tx.Get(coll, id)
	if err != nil || b == nil {
		return nil, err
	}
	v := new(T)
	if err := json.Unmarshal(b, v); err != nil {
		return nil, fmt.Errorf("store: decode %s/%s: %w", coll, id, err)
	}
	return v, nil
}

func putDoc(tx Tx, coll, id string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("store: encode %s/%s: %w", coll, id, err)
	}
	return tx.Put(coll, id, b)
}

// listDocs decodes every document of a collection that keep accepts (nil keeps all).
func listDocs[T any](tx Tx, coll string, keep func(*T) bool) ([]*T, error) {
	var out []*T
	err := tx.ForEach(coll, func(id string, b []byte) error {
		v := new(T)
		if err := json.Unmarshal(b, v); err != nil {
			return fmt.Errorf("store: decode %s/%s: %w", coll, id, err)
		}
		if keep == nil || keep(v) {
			out = append(out, v)
		}
		return nil
	})
	return out, err
}
