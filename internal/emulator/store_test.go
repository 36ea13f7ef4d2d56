package emulator

import (
	"errors"
	"path/filepath"
	"testing"
)

// storeImpls returns a fresh store of each implementation.
func storeImpls(t *testing.T) map[string]Store {
	t.Helper()
	bs, err := openBoltStore(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = bs.Close() })
	return map[string]Store{"memory": newMemoryStore(), "bolt": bs}
}

func TestStoreCRUDAndOrder(t *testing.T) {
	t.Parallel()
	for name, s := range storeImpls(t) {
		t.Run(name, func(t *testing.T) {
			err := s.Update(func(tx Tx) error {
				for _, id := range []string{"c", "a", "b"} {
					if err := tx.Put("things", id, []byte(`"`+id+`"`)); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			err = s.View(func(tx Tx) error {
				if b, err := tx.Get("things", "b"); err != nil || string(b) != `"b"` {
					t.Errorf("Get b = %q %v", b, err)
				}
				if b, err := tx.Get("things", "zz"); err != nil || b != nil {
					t.Errorf("Get missing = %q %v", b, err)
				}
				if b, err := tx.Get("nothing", "zz"); err != nil || b != nil {
					t.Errorf("Get missing collection = %q %v", b, err)
				}
				if err := tx.Put("things", "x", nil); err == nil {
					t.Error("Put in a View succeeded")
				}
				return tx.ForEach("things", func(id string, _ []byte) error {
					keys = append(keys, id)
					return nil
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			if !eqStrings(keys, []string{"a", "b", "c"}) {
				t.Fatalf("ForEach order %v", keys)
			}
			// early stop
			n := 0
			_ = s.View(func(tx Tx) error {
				return tx.ForEach("things", func(string, []byte) error { n++; return errStopIteration })
			})
			if n != 1 {
				t.Fatalf("errStopIteration visited %d", n)
			}
			// delete during iteration, and deleting a missing key
			err = s.Update(func(tx Tx) error {
				if err := tx.Delete("things", "nope"); err != nil {
					return err
				}
				return tx.ForEach("things", func(id string, _ []byte) error { return tx.Delete("things", id) })
			})
			if err != nil {
				t.Fatal(err)
			}
			_ = s.View(func(tx Tx) error {
				return tx.ForEach("things", func(id string, _ []byte) error { t.Errorf("left %s", id); return nil })
			})
		})
	}
}

func TestStoreRollback(t *testing.T) {
	t.Parallel()
	for name, s := range storeImpls(t) {
		t.Run(name, func(t *testing.T) {
			if err := s.Update(func(tx Tx) error { return tx.Put("c", "keep", []byte("1")) }); err != nil {
				t.Fatal(err)
			}
			boom := errors.New("boom")
			err := s.Update(func(tx Tx) error {
				_ = tx.Put("c", "new", []byte("2"))
				_ = tx.Put("c", "keep", []byte("changed"))
				_ = tx.Delete("c", "keep")
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("Update error %v", err)
			}
			_ = s.View(func(tx Tx) error {
				if b, _ := tx.Get("c", "keep"); string(b) != "1" {
					t.Errorf("keep = %q after rollback", b)
				}
				if b, _ := tx.Get("c", "new"); b != nil {
					t.Errorf("new = %q after rollback", b)
				}
				return nil
			})
		})
	}
}

func TestMemoryStoreRollbackOnPanic(t *testing.T) {
	t.Parallel()
	s := newMemoryStore()
	func() {
		defer func() { _ = recover() }()
		_ = s.Update(func(tx Tx) error {
			_ = tx.Put("c", "x", []byte("1"))
			panic("boom")
		})
	}()
	_ = s.View(func(tx Tx) error {
		if b, _ := tx.Get("c", "x"); b != nil {
			t.Errorf("write survived a panic: %q", b)
		}
		return nil
	})
	_ = s.Close()
	if err := s.View(func(Tx) error { return nil }); !errors.Is(err, errStoreClosed) {
		t.Fatalf("View after Close: %v", err)
	}
}

func TestStoreCopiesDocuments(t *testing.T) {
	t.Parallel()
	for name, s := range storeImpls(t) {
		t.Run(name, func(t *testing.T) {
			buf := []byte("abc")
			_ = s.Update(func(tx Tx) error { return tx.Put("c", "k", buf) })
			buf[0] = 'X'
			_ = s.View(func(tx Tx) error {
				b, _ := tx.Get("c", "k")
				if string(b) != "abc" {
					t.Errorf("stored doc aliased the caller's buffer: %q", b)
				}
				b[0] = 'Y'
				b2, _ := tx.Get("c", "k")
				if string(b2) != "abc" {
					t.Errorf("returned doc aliased the store: %q", b2)
				}
				return nil
			})
		})
	}
}

func TestBoltStorePersistsAndLocks(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := openBoltStore(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx Tx) error { return putDoc(tx, "c", "k", map[string]int{"n": 7}) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := openBoltStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s2.Close() }()
	var got *map[string]int
	_ = s2.View(func(tx Tx) (err error) { got, err = getDoc[map[string]int](tx, "c", "k"); return err })
	if got == nil || (*got)["n"] != 7 {
		t.Fatalf("reopened doc = %v", got)
	}
}
