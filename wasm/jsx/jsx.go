//go:build js && wasm

// Package jsx holds the small helpers every browser adapter needs: waiting
// for a promise, and turning a thrown JavaScript value into a Go error.
package jsx

import (
	"errors"
	"syscall/js"
)

// Error is a JavaScript exception or promise rejection: its name (such as
// "NotAllowedError") and message.
type Error struct {
	Name, Message string
}

func (e *Error) Error() string {
	if e.Name == "" {
		return e.Message
	}
	return e.Name + ": " + e.Message
}

// ErrorFrom converts a rejected or thrown value to an *Error.
func ErrorFrom(v js.Value) error {
	if v.Type() == js.TypeObject && !v.IsNull() {
		return &Error{Name: v.Get("name").String(), Message: v.Get("message").String()}
	}
	return &Error{Message: v.String()}
}

// IsName reports whether err is a JavaScript error with the given name.
func IsName(err error, name string) bool {
	var e *Error
	return errors.As(err, &e) && e.Name == name
}

// Await waits for promise to settle. It blocks, so call it from a
// goroutine, never from inside a js.Func callback.
func Await(promise js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(this js.Value, args []js.Value) any {
		var v js.Value
		if len(args) > 0 {
			v = args[0]
		}
		ch <- result{v: v}
		return nil
	})
	catch := js.FuncOf(func(this js.Value, args []js.Value) any {
		var v js.Value
		if len(args) > 0 {
			v = args[0]
		}
		ch <- result{err: ErrorFrom(v)}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	promise.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}
