package emulator

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Immutable devices keep their records in time chunks of the device's chunk_period
// (TagoIO's chunk management docs): the chunk list, deleting a chunk, and converting a
// device between mutable and immutable. Exports to Files live in device_exports.go.
func (e *Emulator) registerDeviceChunks(r *Router) {
	r.Handle("GET", "/device/{id}/chunk", e.listChunks, kindProfile)
	r.Handle("DELETE", "/device/{id}/chunk/{chunkID}", e.deleteChunk, kindProfile)
	r.Handle("POST", "/device/{id}/convert", e.convertDevice, kindProfile)
}

// chunkTimeLayout is how chunk bounds are written: milliseconds and a "+00:00" offset
// (the API's chunk list example), unlike every other date of the API.
const chunkTimeLayout = "2006-01-02T15:04:05.000+00:00"

// chunk is one time chunk of a device: [from, to], both inclusive, to the millisecond.
type chunk struct {
	from, to time.Time
}

// id is "<from Unix seconds>_<to Unix seconds>", e.g. 1658102400_1658707199.
func (ch chunk) id() string { return fmt.Sprintf("%d_%d", ch.from.Unix(), ch.to.Unix()) }

// deviceChunks are the chunks the device keeps: the current one and chunk_retention
// before it, newest first (the order of the API's example).
func deviceChunks(d *deviceDoc, now time.Time) []chunk {
	from, _ := retentionWindow(d, now)
	var out []chunk
	for start := from; !start.After(now); start = addChunks(start, d.ChunkPeriod, 1) {
		out = append([]chunk{{from: start, to: addChunks(start, d.ChunkPeriod, 1).Add(-time.Millisecond)}}, out...)
	}
	return out
}

// parseChunkID reads "<from>_<to>" and checks that it is one of the device's chunk
// boundaries (a chunk of its period), wherever it lies in time.
func parseChunkID(d *deviceDoc, id string) (chunk, error) {
	a, b, ok := strings.Cut(id, "_")
	from, err1 := strconv.ParseInt(a, 10, 64)
	to, err2 := strconv.ParseInt(b, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return chunk{}, badRequest("Invalid chunk ID %q: expected <from>_<to> in Unix seconds", id)
	}
	start := time.Unix(from, 0).UTC()
	ch := chunk{from: start, to: addChunks(start, d.ChunkPeriod, 1).Add(-time.Millisecond)}
	if !chunkStart(start, d.ChunkPeriod).Equal(start) || ch.to.Unix() != to {
		return chunk{}, badRequest("Invalid chunk ID %q: not a %s chunk of this device", id, d.ChunkPeriod)
	}
	return ch, nil
}

// loadChunkedDevice loads a device whose records are chunked (immutable or hybrid).
func loadChunkedDevice(tx Tx, id string) (*deviceDoc, error) {
	d, err := loadDevice(tx, id)
	if err != nil {
		return nil, err
	}
	if !d.chunked() {
		return nil, badRequest("Chunks are only available for immutable devices")
	}
	return d, nil
}

// chunkRecords are the records of the device inside the chunk; the caller holds the
// index lock.
func (e *Emulator) chunkRecords(deviceID string, ch chunk) []*dataDoc {
	r := e.data.devices[deviceID]
	if r == nil {
		return nil
	}
	var out []*dataDoc
	walk(r.spans(nil, ch.from.UnixMilli(), ch.to.UnixMilli()), true, func(d *dataDoc) bool {
		out = append(out, d)
		return true
	})
	return out
}

func (e *Emulator) listChunks(c *Ctx) (int, any, error) {
	var d *deviceDoc
	if err := e.store.View(func(tx Tx) (err error) {
		d, err = loadChunkedDevice(tx, c.Param("id"))
		return err
	}); err != nil {
		return 0, nil, err
	}
	e.data.mu.RLock()
	defer e.data.mu.RUnlock()
	chunks := deviceChunks(d, c.Now)
	out := make([]record, 0, len(chunks))
	for _, ch := range chunks {
		out = append(out, record{
			"id": ch.id(), "from": ch.from.Format(chunkTimeLayout), "to": ch.to.Format(chunkTimeLayout),
			"amount": len(e.chunkRecords(d.ID, ch)),
		})
	}
	return http.StatusOK, out, nil
}

// deleteChunk removes every record of the chunk; the chunk itself stays in the list
// (with amount 0) for as long as the retention keeps it.
func (e *Emulator) deleteChunk(c *Ctx) (int, any, error) {
	chunkID := c.Param("chunkID")
	err := e.writeData(func(tx Tx, ch *dataChanges) error {
		d, err := loadChunkedDevice(tx, c.Param("id"))
		if err != nil {
			return err
		}
		span, err := parseChunkID(d, chunkID)
		if err != nil {
			return err
		}
		rules := rulesFor(d, c.Now)
		for _, rec := range e.chunkRecords(d.ID, span) {
			if rules.mutable(rec.Variable) { // a hybrid device's mutable side is not chunked
				continue
			}
			if err := tx.Delete(collData, dataKey(d.ID, rec.ID)); err != nil {
				return err
			}
			ch.removed = append(ch.removed, rec)
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Chunk " + chunkID + " deleted", nil
}

// convertDevice is POST /device/{id}/convert: {type: "mutable"} or {type:
// "immutable", chunk_period, chunk_retention}. The API's description: the device must
// be empty and disabled first; its tokens are kept.
func (e *Emulator) convertDevice(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	typ, _, err := body.str("type")
	if err != nil {
		return 0, nil, badRequest("type must be a string")
	}
	if typ != typeMutable && typ != typeImmutable {
		return 0, nil, badRequest("type must be mutable or immutable")
	}
	var period string
	var retention int
	if typ == typeImmutable {
		p, present, err := body.str("chunk_period")
		if err != nil || !present {
			return 0, nil, badRequest("chunk_period is required when converting to immutable (day, week, month or quarter)")
		}
		most, ok := chunkRetentionMax[p]
		if !ok {
			return 0, nil, badRequest("chunk_period must be day, week, month or quarter")
		}
		n, present, err := body.integer("chunk_retention")
		if err != nil || !present {
			return 0, nil, badRequest("chunk_retention is required when converting to immutable and must be an integer")
		}
		if n < 0 || n > most {
			return 0, nil, badRequest("chunk_retention must be between 0 and %d for chunk_period %s", most, p)
		}
		period, retention = p, n
	}
	err = e.writeData(func(tx Tx, _ *dataChanges) error {
		d, err := loadDevice(tx, c.Param("id"))
		if err != nil {
			return err
		}
		if d.Active {
			return badRequest("The device must be disabled before being converted")
		}
		if r := e.data.devices[d.ID]; r != nil && len(r.all) > 0 {
			return badRequest("The device must be empty before being converted")
		}
		d.Type, d.ChunkPeriod, d.ChunkRetention, d.MutableVariableRegex = typ, "", nil, ""
		if typ == typeImmutable {
			d.ChunkPeriod, d.ChunkRetention = period, &retention
		}
		d.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collDevices, d.ID, d)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Device type/chunk was converted", nil
}
