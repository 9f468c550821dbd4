//go:build js && wasm

// Package idb keeps the vault in the browser's IndexedDB, behind the
// [store.Store] interface, and tells other tabs when it changed.
//
// Each key is one record {rev, data, sum} in one object store, sum being the
// SHA-256 of data, checked on every Get. Every Put runs
// in a single readwrite transaction that reads the stored revision, compares
// it and writes: IndexedDB serialises such transactions across tabs, so the
// compare-and-set is atomic, and a failed or aborted transaction leaves the
// old record in place.
//
// Its methods wait on IndexedDB events: call them from a goroutine, never
// from inside a js.Func callback, which would deadlock the page.
package idb

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"syscall/js"

	"github.com/hack-pad/go-indexeddb/idb"

	"twofold.app/app/store"
)

const (
	objectStore = "records"
	dbVersion   = 1
)

// Store is a [store.Store] on one IndexedDB database.
type Store struct {
	name string

	mu sync.Mutex
	db *idb.Database
	ch js.Value // BroadcastChannel, made on first use
}

var _ store.Store = (*Store)(nil)

// Open returns the store kept in the IndexedDB database called name. The
// database is created on first use.
func Open(name string) *Store {
	return &Store{name: name}
}

func (s *Store) database(ctx context.Context) (*idb.Database, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db != nil {
		return s.db, nil
	}
	if js.Global().Get("indexedDB").IsUndefined() {
		return nil, errors.New("this browser has no IndexedDB (a private window may disable it)")
	}
	req, err := idb.Global().Open(ctx, s.name, dbVersion, func(db *idb.Database, oldVersion, newVersion uint) error {
		_, err := db.CreateObjectStore(objectStore, idb.ObjectStoreOptions{})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("opening IndexedDB: %w", err)
	}
	db, err := req.Await(ctx)
	if err != nil {
		return nil, fmt.Errorf("opening IndexedDB: %w", err)
	}
	s.db = db
	return db, nil
}

// forget drops the connection, so that the next call opens a new one. A
// transaction cannot start on a connection the browser closed: another tab
// upgraded or deleted the database, or the site's data was cleared (then
// the browser says "the database connection is closing", as a plain
// error rather than an InvalidStateError).
func (s *Store) forget() {
	s.mu.Lock()
	s.db = nil
	s.mu.Unlock()
}

func (s *Store) txn(ctx context.Context, mode idb.TransactionMode) (*idb.Transaction, *idb.ObjectStore, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for attempt := 0; ; attempt++ {
		db, err := s.database(ctx)
		if err != nil {
			return nil, nil, err
		}
		txn, err := db.TransactionWithOptions(idb.TransactionOptions{Mode: mode, Durability: idb.DurabilityStrict}, objectStore)
		if err != nil {
			// Whatever the reason, one new connection is tried: an
			// error that is not the connection's comes back again.
			s.forget()
			if attempt == 0 {
				continue
			}
			return nil, nil, fmt.Errorf("starting IndexedDB transaction: %w", err)
		}
		os, err := txn.ObjectStore(objectStore)
		if err != nil {
			return nil, nil, fmt.Errorf("starting IndexedDB transaction: %w", err)
		}
		return txn, os, nil
	}
}

// decode reads a stored {rev, data, sum} object. damaged reports a sum
// that does not match the data; records written before sums were kept
// have none and are never damaged.
func decode(v js.Value) (rec store.Record, ok, damaged bool) {
	if v.IsUndefined() || v.IsNull() {
		return store.Record{}, false, false
	}
	rec = store.Record{Revision: uint64(v.Get("rev").Float()), Data: bytesOf(v.Get("data"))}
	if sum := v.Get("sum"); !sum.IsUndefined() {
		want := sha256.Sum256(rec.Data)
		damaged = !bytes.Equal(bytesOf(sum), want[:])
	}
	return rec, true, damaged
}

func bytesOf(u8 js.Value) []byte {
	b := make([]byte, u8.Get("length").Int())
	js.CopyBytesToGo(b, u8)
	return b
}

func encode(data []byte, rev uint64) js.Value {
	obj := js.Global().Get("Object").New()
	obj.Set("rev", float64(rev))
	obj.Set("data", u8Of(data))
	sum := sha256.Sum256(data)
	obj.Set("sum", u8Of(sum[:]))
	return obj
}

func u8Of(b []byte) js.Value {
	u8 := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u8, b)
	return u8
}

// Get implements [store.Store].
func (s *Store) Get(ctx context.Context, key string) (store.Record, error) {
	_, os, err := s.txn(ctx, idb.TransactionReadOnly)
	if err != nil {
		return store.Record{}, err
	}
	req, err := os.Get(js.ValueOf(key))
	if err != nil {
		return store.Record{}, fmt.Errorf("reading %q: %w", key, err)
	}
	v, err := req.Await(ctx)
	if err != nil {
		return store.Record{}, fmt.Errorf("reading %q: %w", key, err)
	}
	rec, ok, damaged := decode(v)
	if !ok {
		return store.Record{}, fmt.Errorf("reading %q: %w", key, store.ErrNotFound)
	}
	if damaged {
		return rec, fmt.Errorf("reading %q: %w", key, store.ErrDamaged)
	}
	return rec, nil
}

// Put implements [store.Store].
func (s *Store) Put(ctx context.Context, key string, data []byte, rev uint64) (uint64, error) {
	value := encode(data, rev+1)
	err := s.update(ctx, key, rev, func(os *idb.ObjectStore) error {
		_, err := os.PutKey(js.ValueOf(key), value)
		return err
	})
	if err != nil {
		return 0, err
	}
	s.notify()
	return rev + 1, nil
}

// Delete implements [store.Store].
func (s *Store) Delete(ctx context.Context, key string, rev uint64) error {
	err := s.update(ctx, key, rev, func(os *idb.ObjectStore) error {
		_, err := os.Delete(js.ValueOf(key))
		return err
	})
	if err != nil {
		return err
	}
	s.notify()
	return nil
}

// update runs write in one transaction if the stored revision of key is rev.
func (s *Store) update(ctx context.Context, key string, rev uint64, write func(*idb.ObjectStore) error) error {
	txn, os, err := s.txn(ctx, idb.TransactionReadWrite)
	if err != nil {
		return err
	}
	req, err := os.Get(js.ValueOf(key))
	if err != nil {
		return fmt.Errorf("writing %q: %w", key, err)
	}
	v, err := req.Await(ctx)
	if err != nil {
		return fmt.Errorf("writing %q: %w", key, err)
	}
	cur, _, _ := decode(v)
	if cur.Revision != rev {
		_ = txn.Abort()
		return fmt.Errorf("writing %q: %w (stored %d, expected %d)", key, store.ErrConflict, cur.Revision, rev)
	}
	if err := write(os); err != nil {
		_ = txn.Abort()
		return fmt.Errorf("writing %q: %w", key, mapErr(err))
	}
	if err := txn.Await(ctx); err != nil {
		return fmt.Errorf("writing %q: %w", key, mapErr(err))
	}
	return nil
}

// mapErr turns the browser's quota error into [store.ErrQuota].
func mapErr(err error) error {
	if errors.Is(err, idb.NewDOMException("QuotaExceededError")) {
		return fmt.Errorf("%w: %v", store.ErrQuota, err)
	}
	return err
}

// DeleteDatabase removes the database called name, for tests.
func DeleteDatabase(ctx context.Context, name string) error {
	req, err := idb.Global().DeleteDatabase(name)
	if err != nil {
		return err
	}
	return req.Await(ctx)
}
