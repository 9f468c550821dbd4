// Package store defines where a sealed vault is kept: a small key-value
// interface with revision numbers, so that two writers (two browser tabs)
// never overwrite each other's changes unseen.
//
// Implementations: [Mem] here, and the IndexedDB adapter in the wasm build.
// Both pass the conformance suite in package storetest.
package store

import (
	"context"
	"errors"
)

// ErrNotFound is returned by [Store.Get] when nothing is stored under a key.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned by [Store.Put] when the stored revision is not the
// one the caller read: someone else wrote in between. The caller must read
// again, merge or redo its change, and retry.
var ErrConflict = errors.New("stored revision changed")

// ErrQuota is returned by [Store.Put] when the storage is full. Nothing was
// written: the old value is still stored.
var ErrQuota = errors.New("storage is full")

// ErrDamaged is returned by [Store.Get], with the record it read, when the
// stored data no longer matches the checksum the store wrote beside it: a
// byte changed at rest, on a failing disk or by another program. Records
// written without a checksum are never reported damaged.
var ErrDamaged = errors.New("stored data does not match its checksum")

// Record is a value with its revision. Revisions start at 1 and grow by one
// with every successful Put; 0 means "nothing stored".
type Record struct {
	Data     []byte
	Revision uint64
}

// Store keeps opaque values under string keys.
//
// Put is atomic: a reader sees either the old value or the new one, never a
// mix, and a failed Put leaves the old value readable.
type Store interface {
	// Get returns the record stored under key, or an error satisfying
	// errors.Is(err, ErrNotFound). A record whose data fails its checksum
	// is returned whole, with an error satisfying errors.Is(err,
	// ErrDamaged), so that the caller can still try to read it and replace
	// it at its revision.
	Get(ctx context.Context, key string) (Record, error)

	// Put stores data under key if the stored revision is still rev (0 when
	// the caller saw nothing stored), and returns the new revision, rev+1.
	// Otherwise it stores nothing and returns an error satisfying
	// errors.Is(err, ErrConflict).
	Put(ctx context.Context, key string, data []byte, rev uint64) (uint64, error)

	// Delete removes key if the stored revision is still rev, with the same
	// conflict rule as Put. Deleting a missing key with rev 0 is not an error.
	Delete(ctx context.Context, key string, rev uint64) error
}
