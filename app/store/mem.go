package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"sync"
)

// Mem is a [Store] in memory, for tests and for running without a browser.
// It copies data in and out, so callers may change their slices freely.
// The zero Mem is not ready for use; call [NewMem].
//
// A Mem is safe for concurrent use.
type Mem struct {
	mu      sync.Mutex
	records map[string]Record
	sums    map[string][sha256.Size]byte
}

var _ Store = (*Mem)(nil)

// NewMem returns an empty Mem.
func NewMem() *Mem {
	return &Mem{records: make(map[string]Record), sums: make(map[string][sha256.Size]byte)}
}

// Get implements [Store].
func (m *Mem) Get(ctx context.Context, key string) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.records[key]
	if !ok {
		return Record{}, fmt.Errorf("reading %q: %w", key, ErrNotFound)
	}
	rec := Record{Data: bytes.Clone(r.Data), Revision: r.Revision}
	if sha256.Sum256(r.Data) != m.sums[key] {
		return rec, fmt.Errorf("reading %q: %w", key, ErrDamaged)
	}
	return rec, nil
}

// Put implements [Store].
func (m *Mem) Put(ctx context.Context, key string, data []byte, rev uint64) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if cur := m.records[key].Revision; cur != rev {
		return 0, fmt.Errorf("writing %q at revision %d, stored %d: %w", key, rev, cur, ErrConflict)
	}
	m.records[key] = Record{Data: append([]byte{}, data...), Revision: rev + 1}
	m.sums[key] = sha256.Sum256(data)
	return rev + 1, nil
}

// Delete implements [Store].
func (m *Mem) Delete(ctx context.Context, key string, rev uint64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if cur := m.records[key].Revision; cur != rev {
		return fmt.Errorf("deleting %q at revision %d, stored %d: %w", key, rev, cur, ErrConflict)
	}
	delete(m.records, key)
	delete(m.sums, key)
	return nil
}

// Damage flips the lowest bit of the stored byte at offset of key's data
// behind the store's back, as a failing disk would, for tests. It reports
// whether there was such a byte.
func (m *Mem) Damage(key string, offset int) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.records[key]
	if !ok || offset < 0 || offset >= len(r.Data) {
		return false
	}
	r.Data[offset] ^= 1
	return true
}
