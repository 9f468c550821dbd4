//go:build js && wasm

// Package kdfjob reads the job object that static/kdf-worker.js hands to the
// worker programs kdfworker and importkdf. It imports only syscall/js, so
// that the programs stay small.
package kdfjob

import (
	"errors"
	"math"
	"syscall/js"
)

// TakeBytes copies the Uint8Array job[name] into Go memory and zeroes the
// array, so the only copy left is the returned one.
func TakeBytes(job js.Value, name string) ([]byte, error) {
	v := job.Get(name)
	if !v.InstanceOf(js.Global().Get("Uint8Array")) {
		return nil, errors.New(name + " is not a Uint8Array")
	}
	b := make([]byte, v.Length())
	js.CopyBytesToGo(b, v)
	v.Call("fill", 0)
	return b, nil
}

// Number returns job[name] if it is an integer in [0, max].
func Number(job js.Value, name string, max float64) (float64, error) {
	v := job.Get(name)
	if v.Type() != js.TypeNumber {
		return 0, errors.New(name + " is not a number")
	}
	f := v.Float()
	if f < 0 || f > max || f != math.Trunc(f) {
		return 0, errors.New(name + " is not an integer in range")
	}
	return f, nil
}

// Reply sets job.key to a copy of key, or job.error to err's text, and
// wipes key.
func Reply(job js.Value, key []byte, err error) {
	if err != nil {
		job.Set("error", err.Error())
		return
	}
	out := js.Global().Get("Uint8Array").New(len(key))
	js.CopyBytesToJS(out, key)
	clear(key)
	job.Set("key", out)
}
