//go:build js && wasm

package idb_test

import (
	"context"
	"testing"
	"time"

	"twofold.app/wasm/idb"
)

// TestWatch checks that a write through one store is announced to another
// store on the same database (another tab) and not to the writer itself.
func TestWatch(t *testing.T) {
	ctx := context.Background()
	const name = "twofold-test-watch"
	t.Cleanup(func() { idb.DeleteDatabase(ctx, name) })
	writer, other, unrelated := idb.Open(name), idb.Open(name), idb.Open(name+"-other")
	self, heard, wrong := make(chan struct{}, 4), make(chan struct{}, 4), make(chan struct{}, 4)
	defer writer.Watch(func() { self <- struct{}{} })()
	defer other.Watch(func() { heard <- struct{}{} })()
	defer unrelated.Watch(func() { wrong <- struct{}{} })()

	if _, err := writer.Put(ctx, "vault", []byte("x"), 0); err != nil {
		t.Fatal(err)
	}
	select {
	case <-heard:
	case <-time.After(5 * time.Second):
		t.Fatal("the other store was not told of the write")
	}
	select {
	case <-self:
		t.Fatal("the writer was told of its own write")
	case <-wrong:
		t.Fatal("a store on another database was told of the write")
	case <-time.After(300 * time.Millisecond):
	}
}
