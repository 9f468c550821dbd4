package store

import (
	"bytes"
	"context"
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
}

var _ Store = (*Mem)(nil)

// NewMem returns an empty Mem.
func NewMem() *Mem {
	return &Mem{records: make(map[string]Record)}
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
	return Record{Data: bytes.Clone(r.Data), Revision: r.Revision}, nil
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
	return nil
}
