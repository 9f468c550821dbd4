//go:build js && wasm

package idb_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"twofold.app/app/store"
	"twofold.app/app/store/storetest"
	"twofold.app/wasm/idb"
)

var dbCount atomic.Int64

// TestConformance runs the store suite against real IndexedDB in headless
// Chromium, each test on a database of its own.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		name := fmt.Sprintf("twofold-test-%d", dbCount.Add(1))
		t.Cleanup(func() {
			if err := idb.DeleteDatabase(context.Background(), name); err != nil {
				t.Errorf("deleting test database: %v", err)
			}
		})
		return idb.Open(name)
	})
}
