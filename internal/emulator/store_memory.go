package emulator

import (
	"errors"
	"sort"
	"sync"
)

// memoryStore keeps everything in maps under one RWMutex. Update holds the write lock
// and keeps an undo log, so a failing (or panicking) transaction leaves no trace.
type memoryStore struct {
	mu     sync.RWMutex
	colls  map[string]map[string][]byte
	closed bool
}

func newMemoryStore() *memoryStore {
	return &memoryStore{colls: map[string]map[string][]byte{}}
}

var errStoreClosed = errors.New("store: closed")

func (s *memoryStore) View(fn func(tx Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return errStoreClosed
	}
	return fn(&memoryTx{s: s})
}

func (s *memoryStore) Update(fn func(tx Tx) error) (err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errStoreClosed
	}
	tx := &memoryTx{s: s, writable: true}
	defer func() {
		if r := recover(); r != nil {
			tx.rollback()
			panic(r)
		}
		if err != nil {
			tx.rollback()
		}
	}()
	return fn(tx)
}

func (s *memoryStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

type undoEntry struct {
	coll, id string
	prev     []byte // nil: did not exist
}

type memoryTx struct {
	s        *memoryStore
	writable bool
	undo     []undoEntry
}

func (tx *memoryTx) rollback() {
	for i := len(tx.undo) - 1; i >= 0; i-- {
		u := tx.undo[i]
		if u.prev == nil {
			delete(tx.s.colls[u.coll], u.id)
		} else {
			tx.s.colls[u.coll][u.id] = u.prev
		}
	}
	tx.undo = nil
}

func (tx *memoryTx) Get(coll, id string) ([]byte, error) {
	b, ok := tx.s.colls[coll][id]
	if !ok {
		return nil, nil
	}
	return append([]byte(nil), b...), nil
}

func (tx *memoryTx) Put(coll, id string, doc []byte) error {
	if !tx.writable {
		return errReadOnlyTx
	}
	c := tx.s.colls[coll]
	if c == nil {
		c = map[string][]byte{}
		tx.s.colls[coll] = c
	}
	tx.undo = append(tx.undo, undoEntry{coll: coll, id: id, prev: c[id]})
	c[id] = append([]byte(nil), doc...)
	return nil
}

func (tx *memoryTx) Delete(coll, id string) error {
	if !tx.writable {
		return errReadOnlyTx
	}
	c := tx.s.colls[coll]
	prev, ok := c[id]
	if !ok {
		return nil
	}
	tx.undo = append(tx.undo, undoEntry{coll: coll, id: id, prev: prev})
	delete(c, id)
	return nil
}

func (tx *memoryTx) ForEach(coll string, fn func(id string, doc []byte) error) error {
	c := tx.s.colls[coll]
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b, ok := c[k]
		if !ok { // deleted by fn during the walk
			continue
		}
		if err := fn(k, append([]byte(nil), b...)); err != nil {
			if errors.Is(err, errStopIteration) {
				return nil
			}
			return err
		}
	}
	return nil
}
