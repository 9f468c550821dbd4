// Package storetest is the conformance suite for implementations of
// [store.Store]: [store.Mem] runs it natively, and the IndexedDB adapter runs
// it in a browser.
//
// The suite uses only the standard library and plain goroutines, and waits on
// nothing but the store itself (no sleeps, no deadlines), so it behaves the
// same under GOOS=js, where there is one thread.
package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"twofold.app/app/store"
)

// Run runs every conformance test as a subtest. newStore must return an
// empty store that no other test uses; it may register cleanup with t.
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		run  func(t *testing.T, s store.Store)
	}{
		{"GetMissing", testGetMissing},
		{"PutAndGet", testPutAndGet},
		{"StaleRevision", testStaleRevision},
		{"Delete", testDelete},
		{"Copies", testCopies},
		{"KeysIndependent", testKeysIndependent},
		{"LargeValue", testLargeValue},
		{"EmptyValue", testEmptyValue},
		{"AllByteValues", testAllByteValues},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Cancelled", testCancelled},
		{"Damaged", testDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.run(t, newStore(t))
		})
	}
}

const key = "vault"

// put stores data under k at rev and checks that the new revision is rev+1.
func put(t *testing.T, s store.Store, k string, data []byte, rev uint64) uint64 {
	t.Helper()
	got, err := s.Put(context.Background(), k, data, rev)
	if err != nil {
		t.Fatalf("Put(%q, rev %d): %v", k, rev, err)
	}
	if got != rev+1 {
		t.Fatalf("Put(%q, rev %d) returned revision %d, want %d", k, rev, got, rev+1)
	}
	return got
}

// expect checks that k holds data at revision rev.
func expect(t *testing.T, s store.Store, k string, data []byte, rev uint64) {
	t.Helper()
	r, err := s.Get(context.Background(), k)
	if err != nil {
		t.Fatalf("Get(%q): %v", k, err)
	}
	if r.Revision != rev {
		t.Errorf("Get(%q): revision %d, want %d", k, r.Revision, rev)
	}
	if !bytes.Equal(r.Data, data) {
		t.Errorf("Get(%q): %d bytes %s, want %d bytes %s", k, len(r.Data), preview(r.Data), len(data), preview(data))
	}
}

// expectMissing checks that nothing is stored under k.
func expectMissing(t *testing.T, s store.Store, k string) {
	t.Helper()
	r, err := s.Get(context.Background(), k)
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get(%q): record with revision %d and error %v, want ErrNotFound", k, r.Revision, err)
	}
}

// expectConflict checks that err is a conflict.
func expectConflict(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("%s: %v, want ErrConflict", what, err)
	}
}

func preview(b []byte) string {
	if len(b) > 16 {
		return fmt.Sprintf("%q…", b[:16])
	}
	return fmt.Sprintf("%q", b)
}

func testGetMissing(t *testing.T, s store.Store) {
	expectMissing(t, s, key)
	expectMissing(t, s, "")
}

func testPutAndGet(t *testing.T, s store.Store) {
	rev := put(t, s, key, []byte("one"), 0)
	expect(t, s, key, []byte("one"), 1)
	rev = put(t, s, key, []byte("two"), rev)
	rev = put(t, s, key, []byte("three"), rev)
	expect(t, s, key, []byte("three"), 3)
	if rev != 3 {
		t.Errorf("revision %d after three puts", rev)
	}
}

func testStaleRevision(t *testing.T, s store.Store) {
	ctx := context.Background()
	_, err := s.Put(ctx, key, []byte("x"), 1)
	expectConflict(t, "Put on a missing key with rev 1", err)
	expectMissing(t, s, key)

	rev := put(t, s, key, []byte("first"), 0)
	rev = put(t, s, key, []byte("second"), rev)
	for _, stale := range []uint64{0, 1, 3, 100} {
		_, err := s.Put(ctx, key, []byte("lost"), stale)
		expectConflict(t, fmt.Sprintf("Put with rev %d over rev 2", stale), err)
		expect(t, s, key, []byte("second"), rev)
	}
}

func testDelete(t *testing.T, s store.Store) {
	ctx := context.Background()
	if err := s.Delete(ctx, key, 0); err != nil {
		t.Errorf("Delete of a missing key with rev 0: %v", err)
	}
	expectConflict(t, "Delete of a missing key with rev 1", s.Delete(ctx, key, 1))

	rev := put(t, s, key, []byte("a"), 0)
	rev = put(t, s, key, []byte("b"), rev)
	for _, stale := range []uint64{0, 1, 3} {
		expectConflict(t, fmt.Sprintf("Delete with rev %d over rev 2", stale), s.Delete(ctx, key, stale))
		expect(t, s, key, []byte("b"), rev)
	}
	if err := s.Delete(ctx, key, rev); err != nil {
		t.Fatalf("Delete with the current revision: %v", err)
	}
	expectMissing(t, s, key)
	if err := s.Delete(ctx, key, 0); err != nil {
		t.Errorf("Delete of a deleted key with rev 0: %v", err)
	}
	expectConflict(t, "Delete of a deleted key with its old revision", s.Delete(ctx, key, rev))

	// A deleted key starts again from nothing.
	_, err := s.Put(ctx, key, []byte("c"), rev)
	expectConflict(t, "Put on a deleted key with its old revision", err)
	put(t, s, key, []byte("c"), 0)
	expect(t, s, key, []byte("c"), 1)
}

func testCopies(t *testing.T, s store.Store) {
	data := []byte("original")
	put(t, s, key, data, 0)
	copy(data, "CHANGED!")
	expect(t, s, key, []byte("original"), 1)

	r, err := s.Get(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	copy(r.Data, "CHANGED!")
	expect(t, s, key, []byte("original"), 1)

	// Two reads do not share memory either.
	r1, _ := s.Get(context.Background(), key)
	r2, _ := s.Get(context.Background(), key)
	if len(r1.Data) > 0 && len(r2.Data) > 0 {
		r1.Data[0] = 'X'
		if r2.Data[0] == 'X' {
			t.Error("two Gets returned the same slice")
		}
	}
}

func testKeysIndependent(t *testing.T, s store.Store) {
	keys := []string{"vault", "Vault", "vault.bak", "vault/old", "ünïcødé 日本", ""}
	for i, k := range keys {
		put(t, s, k, []byte(k+"-1"), 0)
		for _, other := range keys[i+1:] {
			expectMissing(t, s, other)
		}
	}
	put(t, s, "vault", []byte("vault-2"), 1)
	for _, k := range keys[1:] {
		expect(t, s, k, []byte(k+"-1"), 1)
	}
	if err := s.Delete(context.Background(), "Vault", 1); err != nil {
		t.Fatal(err)
	}
	expectMissing(t, s, "Vault")
	expect(t, s, "vault", []byte("vault-2"), 2)
	for _, k := range keys[2:] {
		expect(t, s, k, []byte(k+"-1"), 1)
	}
}

func testLargeValue(t *testing.T, s store.Store) {
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(i*7 + i>>8 + i>>16)
	}
	rev := put(t, s, key, data, 0)
	expect(t, s, key, data, rev)
	data[len(data)-1] ^= 0xff
	rev = put(t, s, key, data, rev)
	expect(t, s, key, data, rev)
}

func testEmptyValue(t *testing.T, s store.Store) {
	put(t, s, key, []byte{}, 0)
	expect(t, s, key, nil, 1) // bytes.Equal treats nil and empty alike
	put(t, s, "nil", nil, 0)
	expect(t, s, "nil", nil, 1)
	put(t, s, key, []byte("x"), 1)
	put(t, s, key, []byte{}, 2)
	expect(t, s, key, nil, 3)
}

func testAllByteValues(t *testing.T, s store.Store) {
	data := make([]byte, 512)
	for i := range data {
		data[i] = byte(i)
	}
	put(t, s, key, data, 0)
	expect(t, s, key, data, 1)
}

// testConcurrentWriters starts two writers from the same revision, round
// after round: exactly one must win each time.
func testConcurrentWriters(t *testing.T, s store.Store) {
	const rounds = 10
	var rev uint64
	for round := range rounds {
		start := make(chan struct{})
		var wg sync.WaitGroup
		var revs [2]uint64
		var errs [2]error
		for w := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				revs[w], errs[w] = s.Put(context.Background(), key, []byte(fmt.Sprintf("round %d writer %d", round, w)), rev)
			}()
		}
		close(start)
		wg.Wait()

		winner := -1
		for w := range 2 {
			switch {
			case errs[w] == nil:
				if winner >= 0 {
					t.Fatalf("round %d: both writers won from revision %d", round, rev)
				}
				winner = w
				if revs[w] != rev+1 {
					t.Errorf("round %d: winner got revision %d, want %d", round, revs[w], rev+1)
				}
			case !errors.Is(errs[w], store.ErrConflict):
				t.Fatalf("round %d: writer %d: %v, want success or ErrConflict", round, w, errs[w])
			}
		}
		if winner < 0 {
			t.Fatalf("round %d: neither writer won from revision %d", round, rev)
		}
		rev++
		expect(t, s, key, []byte(fmt.Sprintf("round %d writer %d", round, winner)), rev)
	}
}

func testCancelled(t *testing.T, s store.Store) {
	put(t, s, key, []byte("kept"), 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	if _, err := s.Get(ctx, key); !errors.Is(err, context.Canceled) {
		t.Errorf("Get with a cancelled context: %v, want context.Canceled", err)
	}
	if _, err := s.Put(ctx, key, []byte("lost"), 1); !errors.Is(err, context.Canceled) {
		t.Errorf("Put with a cancelled context: %v, want context.Canceled", err)
	}
	if _, err := s.Put(ctx, "new", []byte("lost"), 0); !errors.Is(err, context.Canceled) {
		t.Errorf("Put of a new key with a cancelled context: %v, want context.Canceled", err)
	}
	if err := s.Delete(ctx, key, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("Delete with a cancelled context: %v, want context.Canceled", err)
	}
	expect(t, s, key, []byte("kept"), 1)
	expectMissing(t, s, "new")
}

// Damager is a store whose tests can change a stored byte behind its back.
// Damage flips the lowest bit of the byte at offset of key's stored data
// and reports whether there was such a byte. Every store of Twofold keeps a
// checksum and implements it; the suite fails a store that does not.
type Damager interface {
	Damage(key string, offset int) bool
}

func testDamaged(t *testing.T, s store.Store) {
	d, ok := s.(Damager)
	if !ok {
		t.Fatalf("%T cannot be damaged in tests: every store keeps a checksum and implements storetest.Damager", s)
	}
	data := []byte(`{"format":"twofold-vault","slots":[{"key":"AAAA"}]}`)
	for _, offset := range []int{0, 30, len(data) - 1} {
		t.Run(fmt.Sprint(offset), func(t *testing.T) {
			k := fmt.Sprintf("damaged-%d", offset)
			rev := put(t, s, k, data, 0)
			if !d.Damage(k, offset) {
				t.Fatalf("Damage(%q, %d) found no byte", k, offset)
			}
			rec, err := s.Get(context.Background(), k)
			if !errors.Is(err, store.ErrDamaged) {
				t.Fatalf("Get of a damaged record: %v, want store.ErrDamaged", err)
			}
			want := bytes.Clone(data)
			want[offset] ^= 1
			if !bytes.Equal(rec.Data, want) || rec.Revision != rev {
				t.Errorf("Get of a damaged record returned %s at revision %d, want %s at %d", preview(rec.Data), rec.Revision, preview(want), rev)
			}
			// Replacing it at its revision heals it.
			put(t, s, k, data, rev)
			expect(t, s, k, data, rev+1)
		})
	}
	if d.Damage("missing", 0) {
		t.Error("Damage of a missing key found a byte")
	}
}
