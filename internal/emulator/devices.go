package emulator

import (
	"encoding/base64"
	"net/http"
	"regexp"
	"strings"
)

// deviceDoc is a stored device (docs/api-notes.md §2.3).
type deviceDoc struct {
	ID                   string   `json:"id"`
	Name                 string   `json:"name"`
	Description          *string  `json:"description"`
	Active               bool     `json:"active"`
	Visible              bool     `json:"visible"`
	Profile              string   `json:"profile"`
	Type                 string   `json:"type"`
	Connector            string   `json:"connector"`
	Network              string   `json:"network"`
	PayloadDecoder       *string  `json:"payload_decoder"`
	Tags                 []tag    `json:"tags"`
	ChunkPeriod          string   `json:"chunk_period,omitempty"`
	ChunkRetention       *int     `json:"chunk_retention,omitempty"`
	MutableVariableRegex string   `json:"mutable_variable_regex,omitempty"`
	SerieNumber          *string  `json:"serie_number"`
	ConnectorParse       bool     `json:"connector_parse"`
	ParseFunction        *string  `json:"parse_function"`
	LastInput            *apiTime `json:"last_input"`
	LastOutput           *apiTime `json:"last_output"`
	InspectedAt          *apiTime `json:"inspected_at"`
	LastRetention        *apiTime `json:"last_retention"`
	CreatedAt            apiTime  `json:"created_at"`
	UpdatedAt            apiTime  `json:"updated_at"`
}

const (
	typeMutable   = "mutable"
	typeImmutable = "immutable"
	typeHybrid    = "hybrid"
	typeLegacy    = "legacy"
)

// chunkRetentionMax is the per-period chunk_retention range (OAS/DOCS, docs/api-notes.md §5).
var chunkRetentionMax = map[string]int{"day": 31, "week": 26, "month": 36, "quarter": 36}

func (d *deviceDoc) chunked() bool { return d.Type == typeImmutable || d.Type == typeHybrid }

// deviceInfo is the DeviceInfo object of GET /device/{id} and GET /info.
func deviceInfo(d *deviceDoc) record {
	tags := d.Tags
	if tags == nil {
		tags = []tag{}
	}
	r := record{
		"id": d.ID, "name": d.Name, "description": d.Description, "active": d.Active,
		"visible": d.Visible, "profile": d.Profile, "type": d.Type,
		"connector": d.Connector, "network": d.Network, "payload_decoder": d.PayloadDecoder,
		"tags": tags, "bucket": record{"id": d.ID, "name": d.Name},
		"serie_number": d.SerieNumber, "connector_parse": d.ConnectorParse,
		"parse_function": d.ParseFunction, "rpm": nil,
		"last_input": d.LastInput, "last_output": d.LastOutput, "inspected_at": d.InspectedAt,
		"last_retention": d.LastRetention, "created_at": d.CreatedAt, "updated_at": d.UpdatedAt,
	}
	if d.chunked() {
		r["chunk_period"] = d.ChunkPeriod
		r["chunk_retention"] = d.ChunkRetention
	}
	if d.Type == typeHybrid {
		r["mutable_variable_regex"] = d.MutableVariableRegex
	}
	if d.Type == typeLegacy {
		r["data_retention"] = "forever"
		r["data_retention_ignore"] = []string{}
	}
	return r
}

// deviceListRecord is a list item: DeviceInfo with bucket as a plain ID (JS
// DeviceListItem, docs/api-notes.md §2.3).
func deviceListRecord(d *deviceDoc) record {
	r := deviceInfo(d)
	r["bucket"] = d.ID
	return r
}

// Default list fields: the JS SDK sends [id,name,tags], the Python SDK [id,name], and
// the OAS example items carry {id,name,connector,network,tags}. The emulator returns
// the union, since clients ignore keys they did not ask for but break on missing ones.
var deviceListSpec = listSpec{
	defaultFields: []string{"id", "name", "tags", "connector", "network"},
	alwaysFields:  []string{"id"},
	defaultOrder:  "name,asc",
	filters: map[string]filterKind{
		"id": filterString, "name": filterString, "type": filterString,
		"connector": filterString, "network": filterString, "serie_number": filterString,
		"visible": filterBool, "active": filterBool, "tags": filterTags,
		"created_at": filterDate, "updated_at": filterDate,
		"last_input": filterDate, "last_output": filterDate,
	},
}

func (e *Emulator) registerDevices(r *Router) {
	r.Handle("GET", "/device", e.listDevices, kindProfile)
	r.Handle("POST", "/device", e.createDevice, kindProfile)
	r.Handle("GET", "/device/{id}", e.getDevice, kindProfile)
	r.Handle("PUT", "/device/{id}", e.editDevice, kindProfile)
	r.Handle("DELETE", "/device/{id}", e.deleteDevice, kindProfile)
	r.Handle("GET", "/device/{id}/data_amount", e.deviceDataAmount, kindProfile)
}

// loadDevice validates the id and loads the device, or answers 400/404.
func loadDevice(tx Tx, id string) (*deviceDoc, error) {
	if !isObjectID(id) {
		return nil, badRequest("Invalid Device ID")
	}
	d, err := getDoc[deviceDoc](tx, collDevices, id)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, notFound("Device not found")
	}
	return d, nil
}

func (e *Emulator) listDevices(c *Ctx) (int, any, error) {
	var docs []*deviceDoc
	serialOwners := map[string]bool{}
	serial := c.Query.String("serial")
	err := e.store.View(func(tx Tx) (err error) {
		if docs, err = listDocs[deviceDoc](tx, collDevices, nil); err != nil || serial == "" {
			return err
		}
		_, err = listDocs[tokenDoc](tx, collTokens, func(t *tokenDoc) bool {
			if t.Kind == tokenKindDevice && t.SerieNumber != nil && strings.EqualFold(*t.SerieNumber, serial) {
				serialOwners[t.DeviceID] = true
			}
			return false
		})
		return err
	})
	if err != nil {
		return 0, nil, err
	}
	resolveBucket, _ := c.Query.Get("resolveBucketName").Bool()
	resolveConnector, _ := c.Query.Get("resolveConnectorName").Bool()
	var connectorNames map[string]string
	if resolveConnector {
		connectorNames = e.connectorNames()
	}
	items := make([]record, 0, len(docs))
	for _, d := range docs {
		// serial= (JS SDK, only when set): devices whose serial number, or one of whose
		// tokens' serial numbers, equals it.
		if serial != "" && !serialOwners[d.ID] && (d.SerieNumber == nil || !strings.EqualFold(*d.SerieNumber, serial)) {
			continue
		}
		r := deviceListRecord(d)
		// The resolve flags add the names next to the IDs (the older SDK's list type
		// carries "bucket_name"); the ID fields keep their string type.
		if resolveBucket {
			r["bucket_name"] = d.Name
		}
		if resolveConnector {
			r["connector_name"] = connectorNames[d.Connector]
		}
		items = append(items, r)
	}
	spec := deviceListSpec
	if resolveBucket || resolveConnector {
		spec.alwaysFields = append([]string{"bucket_name", "connector_name"}, spec.alwaysFields...)
	}
	out, err := runList(c.Query, items, spec, c.Now)
	return http.StatusOK, out, err
}

func (e *Emulator) connectorNames() map[string]string {
	names := map[string]string{}
	_ = e.store.View(func(tx Tx) error {
		_, err := listDocs[connectorDoc](tx, collConnectors, func(d *connectorDoc) bool {
			names[d.ID] = d.Name
			return false
		})
		return err
	})
	return names
}

func (e *Emulator) getDevice(c *Ctx) (int, any, error) {
	var d *deviceDoc
	if err := e.store.View(func(tx Tx) (err error) {
		d, err = loadDevice(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, deviceInfo(d), nil
}

func (e *Emulator) deviceDataAmount(c *Ctx) (int, any, error) {
	if err := e.store.View(func(tx Tx) error {
		_, err := loadDevice(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, e.deviceDataCount(c.Param("id")), nil
}

func (e *Emulator) createDevice(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	now := apiTime(c.Now)
	d := &deviceDoc{
		ID: newObjectID(), Active: true, Visible: true, Profile: e.profileID,
		Tags: []tag{}, CreatedAt: now, UpdatedAt: now,
	}
	params, _, err := parseConfigParams(body)
	if err != nil {
		return 0, nil, err
	}
	tok := &tokenDoc{
		Token: newUUID(), Kind: tokenKindDevice, Name: "Default", Permission: "full",
		CreatedAt: now, DeviceID: d.ID,
	}
	err = e.store.Update(func(tx Tx) error {
		if err := applyDeviceBody(tx, d, body, true, false); err != nil {
			return err
		}
		tok.SerieNumber = d.SerieNumber
		if err := putDoc(tx, collDevices, d.ID, d); err != nil {
			return err
		}
		if err := putDoc(tx, collTokens, tok.Token, tok); err != nil {
			return err
		}
		for _, p := range params {
			p.ID, p.DeviceID, p.CreatedAt = newObjectID(), d.ID, now
			if err := putDoc(tx, collParams, p.ID, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	// docs/api-notes.md §8.1: SDK types use {device_id, bucket_id, token}; the emulator emits
	// those (bucket_id = device id for non-legacy devices).
	return http.StatusCreated, record{"device_id": d.ID, "bucket_id": d.ID, "token": tok.Token}, nil
}

func (e *Emulator) editDevice(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		d, err := loadDevice(tx, c.Param("id"))
		if err != nil {
			return err
		}
		hasTokens := false
		if _, err := listDocs[tokenDoc](tx, collTokens, func(t *tokenDoc) bool {
			hasTokens = hasTokens || (t.Kind == tokenKindDevice && t.DeviceID == d.ID)
			return false
		}); err != nil {
			return err
		}
		if err := applyDeviceBody(tx, d, body, false, hasTokens); err != nil {
			return err
		}
		d.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collDevices, d.ID, d)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Updated", nil
}

func (e *Emulator) deleteDevice(c *Ctx) (int, any, error) {
	// writeData: the device's data records go in the same transaction (data_index.go).
	err := e.writeData(func(tx Tx, ch *dataChanges) error {
		d, err := loadDevice(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if err := e.deleteDeviceData(tx, ch, d.ID); err != nil {
			return err
		}
		return deleteDeviceCascade(tx, d.ID)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Successfully Removed", nil
}

// deleteDeviceCascade removes a device with its tokens and params, in the caller's
// transaction (so it is all or nothing).
func deleteDeviceCascade(tx Tx, id string) error {
	toks, err := listDocs[tokenDoc](tx, collTokens, func(t *tokenDoc) bool {
		return t.Kind == tokenKindDevice && t.DeviceID == id
	})
	if err != nil {
		return err
	}
	for _, t := range toks {
		if err := tx.Delete(collTokens, t.Token); err != nil {
			return err
		}
	}
	params, err := listDocs[paramDoc](tx, collParams, func(p *paramDoc) bool { return p.DeviceID == id })
	if err != nil {
		return err
	}
	for _, p := range params {
		if err := tx.Delete(collParams, p.ID); err != nil {
			return err
		}
	}
	return tx.Delete(collDevices, id)
}

// applyDeviceBody validates body and applies it to d (create: d is new; edit: d is
// the stored device). Unknown keys are ignored; arrays (tags) replace, never merge.
func applyDeviceBody(tx Tx, d *deviceDoc, body jsonBody, create, hasTokens bool) error {
	// name
	if name, present, err := body.str("name"); err != nil {
		return err
	} else if present || create {
		if strings.TrimSpace(name) == "" {
			return badRequest("name is required and must be a non-empty string")
		}
		d.Name = name
	}
	if v, present, err := body.nullableStr("description"); err != nil {
		return err
	} else if present {
		d.Description = v
	}
	if v, present, err := body.boolean("active"); err != nil {
		return err
	} else if present {
		d.Active = v
	}
	if v, present, err := body.boolean("visible"); err != nil {
		return err
	} else if present {
		d.Visible = v
	}

	if err := applyStorage(d, body, create); err != nil {
		return err
	}
	if err := applyConnectorNetwork(tx, d, body, create, hasTokens); err != nil {
		return err
	}

	if v, present, err := body.tags("tags"); err != nil {
		return err
	} else if present {
		d.Tags = v // replace, not merge
	}
	if v, present, err := body.nullableStr("payload_decoder"); err != nil {
		return badRequest("payload_decoder must be a base64 string or null")
	} else if present {
		if v != nil && *v != "" && !isBase64(*v) {
			return badRequest("payload_decoder must be a base64-encoded string")
		}
		if v != nil && *v == "" {
			v = nil
		}
		d.PayloadDecoder = v
	}
	if v, present, err := body.boolean("connector_parse"); err != nil {
		return err
	} else if present {
		d.ConnectorParse = v
	}
	if v, present, err := body.nullableStr("parse_function"); err != nil {
		return err
	} else if present {
		d.ParseFunction = v
	}
	return nil
}

// applyStorage handles type, chunk_period, chunk_retention and mutable_variable_regex.
func applyStorage(d *deviceDoc, body jsonBody, create bool) error {
	typ, typePresent, err := body.str("type")
	if err != nil {
		return err
	}
	if create {
		if !typePresent || typ == "" {
			// docs/api-notes.md §8.4: JS says the default is legacy, OAS makes type required, MCP
			// defaults to mutable. Legacy creation is blocked for new profiles, so a
			// client that omits type survives only with mutable: the emulator uses it.
			typ = typeMutable
		}
		switch typ {
		case typeMutable, typeImmutable, typeHybrid:
		case typeLegacy:
			// docs/api-notes.md §8.4: the changelog blocks legacy creation unless the profile
			// already has a legacy bucket. The emulator accepts it, so that old clients
			// that rely on the JS default keep working.
		default:
			return badRequest("type must be one of: mutable, immutable, hybrid, legacy")
		}
		d.Type = typ
	} else if typePresent && typ != d.Type {
		return badRequest("type cannot be changed (use POST /device/{id}/convert)")
	}

	if !d.chunked() {
		// chunk_* and mutable_variable_regex only mean something for immutable/hybrid
		// devices; the OAS edit example sends chunk_retention to any device, so they are
		// ignored here rather than refused.
		return nil
	}

	period, periodPresent, err := body.str("chunk_period")
	if err != nil {
		return err
	}
	if create {
		if !periodPresent || period == "" {
			return badRequest("chunk_period is required for %s devices (day, week, month or quarter)", d.Type)
		}
		if _, ok := chunkRetentionMax[period]; !ok {
			return badRequest("chunk_period must be one of: day, week, month, quarter")
		}
		d.ChunkPeriod = period
	} else if periodPresent && period != d.ChunkPeriod {
		return badRequest("chunk_period cannot be changed")
	}

	ret, retPresent, err := body.integer("chunk_retention")
	if err != nil {
		return err
	}
	if create && !retPresent {
		return badRequest("chunk_retention is required for %s devices", d.Type)
	}
	if retPresent {
		if hi := chunkRetentionMax[d.ChunkPeriod]; ret < 0 || ret > hi {
			return badRequest("chunk_retention must be between 0 and %d for chunk_period %q", hi, d.ChunkPeriod)
		}
		d.ChunkRetention = &ret
	}

	if d.Type != typeHybrid {
		return nil
	}
	rx, rxPresent, err := body.str("mutable_variable_regex")
	if err != nil {
		return err
	}
	if create && (!rxPresent || rx == "") {
		return badRequest("mutable_variable_regex is required for hybrid devices")
	}
	if rxPresent {
		// Editable only while the device is empty; devices hold no data in this slice.
		re, err := regexp.Compile(rx)
		if err != nil {
			return badRequest("mutable_variable_regex is not a valid regular expression: %v", err)
		}
		if re.MatchString("") {
			return badRequest("mutable_variable_regex must not match every variable")
		}
		d.MutableVariableRegex = rx
	}
	return nil
}

// applyConnectorNetwork validates connector, network and serie_number.
func applyConnectorNetwork(tx Tx, d *deviceDoc, body jsonBody, create, hasTokens bool) error {
	conn, connPresent, err := body.str("connector")
	if err != nil {
		return err
	}
	netw, netPresent, err := body.str("network")
	if err != nil {
		return err
	}
	changed := false
	switch {
	case create:
		if !connPresent || conn == "" {
			return badRequest("connector is required")
		}
		if !netPresent || netw == "" {
			return badRequest("network is required")
		}
		changed = true
	case connPresent != netPresent:
		return badRequest("connector and network must be sent together")
	case connPresent && (conn != d.Connector || netw != d.Network):
		if hasTokens {
			return badRequest("connector and network can only be changed when the device has no tokens; delete its tokens first")
		}
		changed = true
	}

	network, err := loadNetworkFor(tx, d, conn, netw, changed)
	if err != nil {
		return err
	}

	sn, snPresent, err := body.nullableStr("serie_number")
	if err != nil {
		return err
	}
	if snPresent {
		d.SerieNumber = sn
	}
	if network != nil && network.SerialNumber.Required && (changed || snPresent) &&
		(d.SerieNumber == nil || strings.TrimSpace(*d.SerieNumber) == "") {
		return badRequest("serie_number is required by the network %s", network.Name)
	}
	return nil
}

// loadNetworkFor checks a new connector/network pair (when changed) and returns the
// device's network (nil if it is unknown and unchanged).
func loadNetworkFor(tx Tx, d *deviceDoc, conn, netw string, changed bool) (*networkDoc, error) {
	if !changed {
		return getDoc[networkDoc](tx, collNetworks, d.Network)
	}
	if !isObjectID(conn) {
		return nil, badRequest("Invalid Connector ID")
	}
	if !isObjectID(netw) {
		return nil, badRequest("Invalid Network ID")
	}
	connector, err := getDoc[connectorDoc](tx, collConnectors, conn)
	if err != nil {
		return nil, err
	}
	if connector == nil {
		return nil, badRequest("Connector not found")
	}
	network, err := getDoc[networkDoc](tx, collNetworks, netw)
	if err != nil {
		return nil, err
	}
	if network == nil {
		return nil, badRequest("Network not found")
	}
	supported := false
	for _, n := range connector.Networks {
		supported = supported || n == netw
	}
	if !supported {
		return nil, badRequest("network %s is not supported by connector %s", netw, conn)
	}
	d.Connector, d.Network = conn, netw
	return network, nil
}

func isBase64(s string) bool {
	s = strings.TrimSpace(s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if _, err := enc.DecodeString(s); err == nil {
			return true
		}
	}
	return false
}
