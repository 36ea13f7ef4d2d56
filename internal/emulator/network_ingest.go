package emulator

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// Network ingest (TagoIO's "Network Ingest" API): a custom network's middleware holds
// a network token and delivers data on behalf of the network's devices. It resolves a
// device's serial number to the device's token, edits the device's configuration
// parameters, and sends data that lands on the device the serial resolves to.
//
// The emulator runs no network payload parser: POST /integration/network/data stores
// the items as sent, each on the device named by its metadata.serial (the field the
// parser is documented to set). Network tokens and authorization keys are minted with
// the /_emulator/network-token and /_emulator/authorization helpers (docs/emulator.md).
func (e *Emulator) registerNetworkIngest(r *Router) {
	r.Handle("GET", "/integration/network/resolve/{serial}", e.resolveSerial, kindNetwork)
	r.Handle("GET", "/integration/network/resolve/{serial}/{authorization}", e.resolveSerial, kindNetwork)
	r.Handle("POST", "/integration/network/{id}/params", e.networkSetParams, kindNetwork)
	r.Handle("POST", "/integration/network/data", e.networkIngest, kindNetwork)
}

// tokenKindAuthorization marks an authorization key (the "at..." token a profile
// gives a network). It authenticates no API call by itself: kind() knows it not.
const tokenKindAuthorization = "authorization"

// checkAuthorizationKey answers 401 unless key is an authorization key of the profile.
func checkAuthorizationKey(tx Tx, key string) error {
	if key == "" {
		return errorf(http.StatusUnauthorized, "Authorization token is required")
	}
	t, err := getDoc[tokenDoc](tx, collTokens, key)
	if err != nil {
		return err
	}
	if t == nil || t.Kind != tokenKindAuthorization {
		return errorf(http.StatusUnauthorized, "Invalid authorization token")
	}
	return nil
}

// resolveDeviceToken finds the token of the network's device with this serial number:
// a device token registered with the serial, else a token of a device whose own
// serie_number is the serial. When several devices match, the newest device wins (the
// API's documented rule for duplicated serials).
func resolveDeviceToken(tx Tx, networkID, serial string) (*tokenDoc, error) {
	devices := map[string]*deviceDoc{}
	if _, err := listDocs[deviceDoc](tx, collDevices, func(d *deviceDoc) bool {
		if d.Network == networkID {
			devices[d.ID] = d
		}
		return false
	}); err != nil {
		return nil, err
	}
	var bySerial, byDevice []*tokenDoc
	if _, err := listDocs[tokenDoc](tx, collTokens, func(t *tokenDoc) bool {
		d := devices[t.DeviceID]
		if t.Kind != tokenKindDevice || d == nil {
			return false
		}
		switch {
		case t.SerieNumber != nil && *t.SerieNumber == serial:
			bySerial = append(bySerial, t)
		case d.SerieNumber != nil && *d.SerieNumber == serial:
			byDevice = append(byDevice, t)
		}
		return false
	}); err != nil {
		return nil, err
	}
	candidates := bySerial
	if len(candidates) == 0 {
		candidates = byDevice
	}
	if len(candidates) == 0 {
		return nil, notFound("No device with serial number %s on this network", serial)
	}
	sort.SliceStable(candidates, func(i, j int) bool {
		a, b := devices[candidates[i].DeviceID], devices[candidates[j].DeviceID]
		if !a.CreatedAt.Time().Equal(b.CreatedAt.Time()) {
			return a.CreatedAt.Time().After(b.CreatedAt.Time())
		}
		return a.ID > b.ID
	})
	return candidates[0], nil
}

func (e *Emulator) resolveSerial(c *Ctx) (int, any, error) {
	var tok *tokenDoc
	err := e.store.View(func(tx Tx) (err error) {
		if c.Params["authorization"] != "" {
			if err := checkAuthorizationKey(tx, c.Param("authorization")); err != nil {
				return err
			}
		}
		tok, err = resolveDeviceToken(tx, c.Auth.Token.NetworkID, c.Param("serial"))
		return err
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, tok.Token, nil
}

// networkSetParams is the device params edit of POST /device/{id}/params, for a device
// of the token's network only.
func (e *Emulator) networkSetParams(c *Ctx) (int, any, error) {
	if err := e.store.View(func(tx Tx) error {
		d, err := loadDevice(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if d.Network != c.Auth.Token.NetworkID {
			return errDenied()
		}
		return nil
	}); err != nil {
		return 0, nil, err
	}
	if _, _, err := e.setDeviceParams(c); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Device Configuration Parameter Updated", nil
}

// networkIngest is POST /integration/network/data?authorization_token=at...: one item
// or an array, each stored on the device its metadata.serial resolves to. Items are
// validated like POST /data; nothing is stored unless every serial resolves.
func (e *Emulator) networkIngest(c *Ctx) (int, any, error) {
	items, err := insertBody(c)
	if err != nil {
		return 0, nil, err
	}
	bySerial := map[string][]jsonBody{}
	var serials []string
	for i, it := range items {
		serial := itemSerial(it)
		if serial == "" {
			return 0, nil, badRequest("data[%d].metadata.serial is required: the network payload parser must set the device's serial number", i)
		}
		if _, seen := bySerial[serial]; !seen {
			serials = append(serials, serial)
		}
		bySerial[serial] = append(bySerial[serial], it)
	}
	devices := map[string]string{}
	err = e.store.View(func(tx Tx) error {
		if err := checkAuthorizationKey(tx, strings.TrimSpace(c.Query.String("authorization_token"))); err != nil {
			return err
		}
		for _, s := range serials {
			t, err := resolveDeviceToken(tx, c.Auth.Token.NetworkID, s)
			if err != nil {
				return err
			}
			devices[s] = t.DeviceID
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	added := 0
	for _, s := range serials {
		n, err := e.insertRecords(dataTarget{deviceID: devices[s], deviceToken: true}, bySerial[s], c.Now)
		if err != nil {
			return 0, nil, err
		}
		added += n
	}
	return http.StatusOK, pluralDataAdded(added), nil
}

func pluralDataAdded(n int) string { return strconv.Itoa(n) + " Data Added" }

// itemSerial is the item's metadata.serial ("" when absent or not a string).
func itemSerial(it jsonBody) string {
	var meta struct {
		Serial any `json:"serial"`
	}
	if raw, ok := it["metadata"]; !ok || json.Unmarshal(raw, &meta) != nil {
		return ""
	}
	s, _ := meta.Serial.(string)
	return strings.TrimSpace(s)
}

// newNetworkToken stores a network token for the network (the /_emulator helper).
func (e *Emulator) newNetworkToken(networkID, name string) (string, error) {
	doc := &tokenDoc{
		Token: newUUID(), Kind: tokenKindNetwork, Name: name, Permission: "full",
		CreatedAt: apiTime(nowTime()), NetworkID: networkID,
	}
	err := e.store.Update(func(tx Tx) error {
		if !isObjectID(networkID) {
			return badRequest("Invalid Network ID")
		}
		if n, err := getDoc[networkDoc](tx, collNetworks, networkID); err != nil {
			return err
		} else if n == nil {
			return notFound("Network not found")
		}
		return putDoc(tx, collTokens, doc.Token, doc)
	})
	return doc.Token, err
}

// newAuthorizationKey stores an authorization key of the profile (the /_emulator helper).
func (e *Emulator) newAuthorizationKey(name string) (string, error) {
	doc := &tokenDoc{
		Token: "at" + strings.ReplaceAll(newUUID(), "-", ""), Kind: tokenKindAuthorization, Name: name,
		Permission: "full", CreatedAt: apiTime(nowTime()),
	}
	err := e.store.Update(func(tx Tx) error { return putDoc(tx, collTokens, doc.Token, doc) })
	return doc.Token, err
}
