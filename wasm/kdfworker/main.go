//go:build js && wasm

// Command kdfworker is the Go program that static/kdf-worker.js runs in a
// dedicated Web Worker to derive one Argon2id key off the page's main thread.
// It is built to /web/kdf.wasm:
//
//	GOOS=js GOARCH=wasm go build -trimpath -o out/site/web/kdf.wasm ./wasm/kdfworker
//
// The worker script sets the global kdfJob to an object with the fields
// password and salt (Uint8Array) and t, m and p (numbers, as in
// [kdf.Params]) before it runs the program. The program sets kdfJob.key to
// a new 32-byte Uint8Array, or kdfJob.error to a string, wipes its copies of
// the secrets and of the job's arrays, and returns from main, so the Go
// runtime exits and holds nothing more. The worker is then closed, which frees
// the wasm memory that Argon2id grew.
//
// The program runs once per worker and has no callbacks. It must stay small:
// it imports neither go-app nor anything beyond syscall/js and the vault's
// KDF, because every unlock downloads (or reads from the cache) and compiles
// it.
package main

import (
	"math"
	"syscall/js"

	"twofold.app/app/kdf"
	"twofold.app/wasm/kdfworker/kdfjob"
)

func main() {
	job := js.Global().Get("kdfJob")
	if job.Type() != js.TypeObject {
		// Nowhere to report to; the worker script sees neither key nor error.
		return
	}
	key, err := derive(job)
	kdfjob.Reply(job, key, err)
}

// derive reads the job, wipes the job's password and salt arrays, and runs
// [kdf.Argon2id].
func derive(job js.Value) ([]byte, error) {
	password, err := kdfjob.TakeBytes(job, "password")
	if err != nil {
		return nil, err
	}
	defer clear(password)
	salt, err := kdfjob.TakeBytes(job, "salt")
	if err != nil {
		return nil, err
	}
	defer clear(salt)

	t, err := kdfjob.Number(job, "t", math.MaxUint32)
	if err != nil {
		return nil, err
	}
	m, err := kdfjob.Number(job, "m", math.MaxUint32)
	if err != nil {
		return nil, err
	}
	p, err := kdfjob.Number(job, "p", math.MaxUint8)
	if err != nil {
		return nil, err
	}
	// kdf.Argon2id checks the bounds too; checking here keeps an
	// out-of-bounds job from reaching argon2 whatever vault does later.
	params := kdf.Params{Time: uint32(t), MemoryKiB: uint32(m), Threads: uint8(p)}
	if err := params.Check(); err != nil {
		return nil, err
	}
	return kdf.Argon2id(password, salt, params)
}
