package emulator

import (
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// boltStore keeps one bbolt bucket per collection. bbolt commits fsync by default,
// so a returned Update is on disk; a crash mid-transaction leaves the previous state.
type boltStore struct {
	db *bolt.DB
}

func openBoltStore(path string) (*boltStore, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &boltStore{db: db}, nil
}

func (s *boltStore) View(fn func(tx Tx) error) error {
	return s.db.View(func(btx *bolt.Tx) error { return fn(boltTx{btx}) })
}

func (s *boltStore) Update(fn func(tx Tx) error) error {
	return s.db.Update(func(btx *bolt.Tx) error { return fn(boltTx{btx}) })
}

func (s *boltStore) Close() error { return s.db.Close() }

type boltTx struct{ tx *bolt.Tx }

func (t boltTx) Get(coll, id string) ([]byte, error) {
	b := t.tx.Bucket([]byte(coll))
	if b == nil {
		return nil, nil
	}
	v := b.Get([]byte(id))
	if v == nil {
		return nil, nil
	}
	return append([]byte(nil), v...), nil
}

func (t boltTx) Put(coll, id string, doc []byte) error {
	if !t.tx.Writable() {
		return errReadOnlyTx
	}
	b, err := t.tx.CreateBucketIfNotExists([]byte(coll))
	if err != nil {
		return err
	}
	return b.Put([]byte(id), doc)
}

func (t boltTx) Delete(coll, id string) error {
	if !t.tx.Writable() {
		return errReadOnlyTx
	}
	b := t.tx.Bucket([]byte(coll))
	if b == nil {
		return nil
	}
	return b.Delete([]byte(id))
}

func (t boltTx) ForEach(coll string, fn func(id string, doc []byte) error) error {
	b := t.tx.Bucket([]byte(coll))
	if b == nil {
		return nil
	}
	// Collect first: fn may modify the bucket, which a live cursor does not allow.
	type kv struct {
		k string
		v []byte
	}
	var all []kv
	if err := b.ForEach(func(k, v []byte) error {
		all = append(all, kv{string(k), append([]byte(nil), v...)})
		return nil
	}); err != nil {
		return err
	}
	for _, e := range all {
		if err := fn(e.k, e.v); err != nil {
			if errors.Is(err, errStopIteration) {
				return nil
			}
			return err
		}
	}
	return nil
}
