package emulator

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"sync"
)

// dataIndex is the in-memory index of every device data record, the read path of the
// data plane. The store keeps the records durably (collData); the index is rebuilt
// from it when the emulator opens (loadDataIndex) and changed only by writeData, after
// the store transaction committed. Per device it keeps every record sorted by
// (time, id), once for the whole device and once per variable, so that "the newest N
// records of a variable" is a binary search and N steps whatever the device holds.
//
// Records in the index are never modified: an edit replaces the record. Readers hold
// the read lock while they look and build their answer.
type dataIndex struct {
	mu      sync.RWMutex
	devices map[string]*deviceRecords
	// mutableLimit is maxMutableRecords; tests lower it to exercise the cap quickly.
	mutableLimit int
}

type deviceRecords struct {
	all  []*dataDoc            // sorted by (time, id)
	vars map[string][]*dataDoc // per variable, sorted by (time, id)
	byID map[string]*dataDoc
}

func newDataIndex() *dataIndex {
	return &dataIndex{devices: map[string]*deviceRecords{}, mutableLimit: maxMutableRecords}
}

// recLess orders records by time, then id (ids of one device are unique).
func recLess(a, b *dataDoc) bool {
	if a.ms != b.ms {
		return a.ms < b.ms
	}
	return a.ID < b.ID
}

// dataChanges are index changes staged inside a store transaction; writeData applies
// them once the transaction committed.
type dataChanges struct {
	added   []*dataDoc
	removed []*dataDoc // the very records held by the index
	dropped []string   // devices whose records all go away
}

// writeData runs fn in one store transaction while holding the index's write lock,
// and applies the index changes fn staged only when the transaction committed. Every
// data write goes through it, so the index and the store never disagree and one
// request is one (bbolt) transaction.
func (e *Emulator) writeData(fn func(tx Tx, ch *dataChanges) error) error {
	e.data.mu.Lock()
	defer e.data.mu.Unlock()
	ch := &dataChanges{}
	if err := e.store.Update(func(tx Tx) error {
		*ch = dataChanges{}
		return fn(tx, ch)
	}); err != nil {
		return err
	}
	e.data.apply(ch)
	return nil
}

// loadDataIndex rebuilds the index from the store (called once by New).
func (e *Emulator) loadDataIndex() error {
	ch := &dataChanges{}
	err := e.store.View(func(tx Tx) error {
		return tx.ForEach(collData, func(id string, b []byte) error {
			d := new(dataDoc)
			if err := json.Unmarshal(b, d); err != nil {
				return fmt.Errorf("store: decode %s/%s: %w", collData, id, err)
			}
			d.setTime(d.Time.Time())
			ch.added = append(ch.added, d)
			return nil
		})
	})
	if err != nil {
		return err
	}
	e.data.mu.Lock()
	defer e.data.mu.Unlock()
	e.data.apply(ch)
	return nil
}

// deleteDeviceData removes every record of a device from the store in tx and stages
// dropping them from the index. It must run inside writeData.
func (e *Emulator) deleteDeviceData(tx Tx, ch *dataChanges, deviceID string) error {
	if r := e.data.devices[deviceID]; r != nil {
		for _, d := range r.all {
			if err := tx.Delete(collData, dataKey(deviceID, d.ID)); err != nil {
				return err
			}
		}
	}
	ch.dropped = append(ch.dropped, deviceID)
	return nil
}

// deviceDataCount is the number of records a device holds.
func (e *Emulator) deviceDataCount(deviceID string) int {
	e.data.mu.RLock()
	defer e.data.mu.RUnlock()
	if r := e.data.devices[deviceID]; r != nil {
		return len(r.all)
	}
	return 0
}

// apply changes the index; the caller holds the write lock.
func (x *dataIndex) apply(ch *dataChanges) {
	for _, id := range ch.dropped {
		delete(x.devices, id)
	}
	type seriesKey struct{ device, variable string }
	if len(ch.removed) > 0 {
		byDevice := map[string][]*dataDoc{}
		bySeries := map[seriesKey][]*dataDoc{}
		for _, d := range ch.removed {
			byDevice[d.Device] = append(byDevice[d.Device], d)
			k := seriesKey{d.Device, d.Variable}
			bySeries[k] = append(bySeries[k], d)
		}
		for dev, docs := range byDevice {
			r := x.devices[dev]
			if r == nil {
				continue
			}
			for _, d := range docs {
				delete(r.byID, d.ID)
			}
			r.all = removeDocs(r.all, docs)
		}
		for k, docs := range bySeries {
			if r := x.devices[k.device]; r != nil {
				if s := removeDocs(r.vars[k.variable], docs); len(s) > 0 {
					r.vars[k.variable] = s
				} else {
					delete(r.vars, k.variable)
				}
			}
		}
	}
	if len(ch.added) > 0 {
		byDevice := map[string][]*dataDoc{}
		bySeries := map[seriesKey][]*dataDoc{}
		for _, d := range ch.added {
			byDevice[d.Device] = append(byDevice[d.Device], d)
			k := seriesKey{d.Device, d.Variable}
			bySeries[k] = append(bySeries[k], d)
		}
		for dev, docs := range byDevice {
			r := x.devices[dev]
			if r == nil {
				r = &deviceRecords{vars: map[string][]*dataDoc{}, byID: map[string]*dataDoc{}}
				x.devices[dev] = r
			}
			for _, d := range docs {
				r.byID[d.ID] = d
			}
			r.all = mergeSorted(r.all, docs)
		}
		for k, docs := range bySeries {
			r := x.devices[k.device]
			r.vars[k.variable] = mergeSorted(r.vars[k.variable], docs)
		}
	}
	for dev, r := range x.devices {
		if len(r.all) == 0 {
			delete(x.devices, dev)
		}
	}
}

// mergeSorted adds docs (any order) to the sorted slice s. Appending in time order,
// the common case, costs only the append.
func mergeSorted(s, docs []*dataDoc) []*dataDoc {
	if !slices.IsSortedFunc(docs, cmpRec) {
		docs = slices.Clone(docs)
		slices.SortFunc(docs, cmpRec)
	}
	if len(s) == 0 || !recLess(docs[0], s[len(s)-1]) {
		return append(s, docs...)
	}
	out := make([]*dataDoc, 0, len(s)+len(docs))
	i, j := 0, 0
	for i < len(s) && j < len(docs) {
		if recLess(docs[j], s[i]) {
			out = append(out, docs[j])
			j++
		} else {
			out = append(out, s[i])
			i++
		}
	}
	out = append(out, s[i:]...)
	return append(out, docs[j:]...)
}

func cmpRec(a, b *dataDoc) int {
	switch {
	case recLess(a, b):
		return -1
	case recLess(b, a):
		return 1
	}
	return 0
}

// removeDocs deletes docs from the sorted slice s: by binary search for a few, in one
// filtering pass for many.
func removeDocs(s, docs []*dataDoc) []*dataDoc {
	if len(docs) <= 64 {
		for _, d := range docs {
			i := sort.Search(len(s), func(i int) bool { return !recLess(s[i], d) })
			if i < len(s) && s[i].ID == d.ID {
				s = slices.Delete(s, i, i+1)
			}
		}
		return s
	}
	gone := make(map[string]bool, len(docs))
	for _, d := range docs {
		gone[d.ID] = true
	}
	return slices.DeleteFunc(s, func(d *dataDoc) bool { return gone[d.ID] })
}

// span is the part [lo, hi) of one sorted series inside a time range.
type span struct {
	s      []*dataDoc
	lo, hi int
}

// spans returns the series to read for the given variables (all of the device's
// records when none), cut to [fromMs, toMs] by binary search.
func (r *deviceRecords) spans(variables []string, fromMs, toMs int64) []span {
	if r == nil {
		return nil
	}
	var series [][]*dataDoc
	if len(variables) == 0 {
		series = append(series, r.all)
	} else {
		seen := map[string]bool{}
		for _, v := range variables {
			if s := r.vars[v]; len(s) > 0 && !seen[v] {
				seen[v] = true
				series = append(series, s)
			}
		}
	}
	out := make([]span, 0, len(series))
	for _, s := range series {
		lo := sort.Search(len(s), func(i int) bool { return s[i].ms >= fromMs })
		hi := sort.Search(len(s), func(i int) bool { return s[i].ms > toMs })
		if lo < hi {
			out = append(out, span{s: s, lo: lo, hi: hi})
		}
	}
	return out
}

// walk visits the records of the spans merged in (time, id) order, ascending or
// descending, until fn returns false. Each step costs O(number of spans).
func walk(spans []span, asc bool, fn func(*dataDoc) bool) {
	if len(spans) == 1 {
		sp := spans[0]
		if asc {
			for i := sp.lo; i < sp.hi; i++ {
				if !fn(sp.s[i]) {
					return
				}
			}
			return
		}
		for i := sp.hi - 1; i >= sp.lo; i-- {
			if !fn(sp.s[i]) {
				return
			}
		}
		return
	}
	pos := make([]int, len(spans)) // next index to read in each span
	for i, sp := range spans {
		if asc {
			pos[i] = sp.lo
		} else {
			pos[i] = sp.hi - 1
		}
	}
	for {
		best := -1
		var bestDoc *dataDoc
		for i, sp := range spans {
			if pos[i] < sp.lo || pos[i] >= sp.hi {
				continue
			}
			d := sp.s[pos[i]]
			if best < 0 || (asc && recLess(d, bestDoc)) || (!asc && recLess(bestDoc, d)) {
				best, bestDoc = i, d
			}
		}
		if best < 0 || !fn(bestDoc) {
			return
		}
		if asc {
			pos[best]++
		} else {
			pos[best]--
		}
	}
}
