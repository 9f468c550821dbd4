//go:build js && wasm

package idb

import (
	"context"
	"errors"
	"syscall/js"
	"testing"

	"github.com/hack-pad/go-indexeddb/idb"

	"twofold.app/app/store"
)

// Damage implements storetest.Damager: it flips a bit of the stored data
// in a transaction of its own, leaving the record's sum as it was.
func (s *Store) Damage(key string, offset int) bool {
	ctx := context.Background()
	txn, os, err := s.txn(ctx, idb.TransactionReadWrite)
	if err != nil {
		return false
	}
	req, err := os.Get(js.ValueOf(key))
	if err != nil {
		return false
	}
	v, err := req.Await(ctx)
	if err != nil || v.IsUndefined() {
		_ = txn.Abort()
		return false
	}
	data := v.Get("data")
	if offset < 0 || offset >= data.Get("length").Int() {
		_ = txn.Abort()
		return false
	}
	data.SetIndex(offset, data.Index(offset).Int()^1)
	if _, err := os.PutKey(js.ValueOf(key), v); err != nil {
		return false
	}
	return txn.Await(ctx) == nil
}

// TestUnsummedRecord reads a record as vaults were stored before the store
// kept sums: {rev, data} alone is read as it is, never as damaged.
func TestUnsummedRecord(t *testing.T) {
	ctx := context.Background()
	s := Open("twofold-test-unsummed")
	t.Cleanup(func() {
		if err := DeleteDatabase(ctx, "twofold-test-unsummed"); err != nil {
			t.Errorf("deleting test database: %v", err)
		}
	})
	txn, os, err := s.txn(ctx, idb.TransactionReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	old := js.Global().Get("Object").New()
	old.Set("rev", 4)
	old.Set("data", u8Of([]byte("sealed vault")))
	if _, err := os.PutKey(js.ValueOf("vault"), old); err != nil {
		t.Fatal(err)
	}
	if err := txn.Await(ctx); err != nil {
		t.Fatal(err)
	}
	rec, err := s.Get(ctx, "vault")
	if err != nil || string(rec.Data) != "sealed vault" || rec.Revision != 4 {
		t.Fatalf("Get of a record without a sum = %q at %d, %v; want it read as it is", rec.Data, rec.Revision, err)
	}
	// The next Put adds the sum, and a damage is then seen.
	if _, err := s.Put(ctx, "vault", rec.Data, 4); err != nil {
		t.Fatal(err)
	}
	s.Damage("vault", 0)
	if _, err := s.Get(ctx, "vault"); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("Get after Put and Damage: %v, want store.ErrDamaged", err)
	}
}
