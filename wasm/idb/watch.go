//go:build js && wasm

package idb

import "syscall/js"

// channelName is the BroadcastChannel on which stores announce writes.
// Messages carry the database name only, never data.
const channelName = "twofold-store"

// channel returns the store's BroadcastChannel, or undefined where the
// browser has none. One channel both sends and listens, and a channel does
// not hear its own messages, so a tab is told only of other tabs' writes.
func (s *Store) channel() js.Value {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch.IsUndefined() {
		if bc := js.Global().Get("BroadcastChannel"); !bc.IsUndefined() {
			s.ch = bc.New(channelName)
		}
	}
	return s.ch
}

func (s *Store) notify() {
	if ch := s.channel(); !ch.IsUndefined() {
		ch.Call("postMessage", s.name)
	}
}

// Watch calls changed, on a new goroutine, whenever another tab of this
// origin writes to the same database, until stop is called. In a browser
// without BroadcastChannel it never calls changed.
func (s *Store) Watch(changed func()) (stop func()) {
	ch := s.channel()
	if ch.IsUndefined() {
		return func() {}
	}
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) > 0 && args[0].Get("data").Equal(js.ValueOf(s.name)) {
			go changed()
		}
		return nil
	})
	ch.Call("addEventListener", "message", f)
	return func() {
		ch.Call("removeEventListener", "message", f)
		f.Release()
	}
}
