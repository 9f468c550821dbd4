//go:build js && wasm

// Command importkdf is the Go program that static/kdf-worker.js runs in a
// dedicated Web Worker to derive the key of another app's encrypted export
// off the page's main thread. It is built to /web/import-kdf.wasm.
//
// It is the counterpart of twofold.app/wasm/kdfworker, which derives the
// vault's Argon2id keys. It is a program of its own because the PBKDF2 and
// scrypt of other apps' exports bring in the standard library's hashes,
// which would make every unlock load a larger program for a derivation
// that only an import needs.
//
// The worker script sets the global kdfJob to an object with the fields
// password (Uint8Array), alg ("batch") and specs, an array of derivations,
// each with the fields salt (Uint8Array), keyLen, and alg: "pbkdf2-sha1",
// "pbkdf2-sha256" or "pbkdf2-sha512" with iter, "scrypt" with n, r and p,
// or "argon2id" with t, m and p. The program sets kdfJob.keys to an array
// of new Uint8Arrays, one for each spec, or kdfJob.error to a string, wipes
// its copies of the secrets and of the job's arrays, and returns from main.
//
// The page has checked the cost against package importer's bounds; the
// program checks it again with the same bounds, repeated here because
// importing that package would make the program several times larger.
package main

import (
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"hash"
	"syscall/js"

	"twofold.app/wasm/kdfworker/kdfjob"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/scrypt"
)

// Bounds of a derivation, as in package importer.
const (
	maxIterations = 10_000_000
	maxPasses     = 64
	maxMemoryKiB  = 1 << 20
	maxThreads    = 16
	maxScryptMem  = 256 << 20
	maxScryptP    = 16
	maxKeyLen     = 128
)

func main() {
	job := js.Global().Get("kdfJob")
	if job.Type() != js.TypeObject {
		return
	}
	keys, err := deriveAll(job)
	if err != nil {
		job.Set("error", err.Error())
		return
	}
	out := js.Global().Get("Array").New()
	for _, k := range keys {
		v := js.Global().Get("Uint8Array").New(len(k))
		js.CopyBytesToJS(v, k)
		clear(k)
		out.Call("push", v)
	}
	job.Set("keys", out)
}

// deriveAll reads the job's password, wipes the job's array, and runs each
// of its specs.
func deriveAll(job js.Value) ([][]byte, error) {
	password, err := kdfjob.TakeBytes(job, "password")
	if err != nil {
		return nil, err
	}
	defer clear(password)
	specs := job.Get("specs")
	if !specs.InstanceOf(js.Global().Get("Array")) {
		return nil, errors.New("specs is not an array")
	}
	var keys [][]byte
	for i := range specs.Length() {
		k, err := derive(specs.Index(i), password)
		if err != nil {
			for _, k := range keys {
				clear(k)
			}
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// derive runs the derivation that spec names on password, and wipes the
// spec's salt array.
func derive(job js.Value, password []byte) ([]byte, error) {
	salt, err := kdfjob.TakeBytes(job, "salt")
	if err != nil {
		return nil, err
	}
	defer clear(salt)
	alg := job.Get("alg")
	if alg.Type() != js.TypeString {
		return nil, errors.New("alg is not a string")
	}
	keyLen, err := kdfjob.Number(job, "keyLen", maxKeyLen)
	if err != nil || keyLen < 1 {
		return nil, errors.New("keyLen is not a key length")
	}
	n := int(keyLen)
	switch a := alg.String(); a {
	case "pbkdf2-sha1", "pbkdf2-sha256", "pbkdf2-sha512":
		iter, err := kdfjob.Number(job, "iter", maxIterations)
		if err != nil || iter < 1 {
			return nil, errors.New("iter is not an iteration count in range")
		}
		h := map[string]func() hash.Hash{"pbkdf2-sha1": sha1.New, "pbkdf2-sha256": sha256.New, "pbkdf2-sha512": sha512.New}[a]
		return pbkdf2.Key(h, string(password), salt, int(iter), n)
	case "scrypt":
		N, err1 := kdfjob.Number(job, "n", maxScryptMem/128)
		r, err2 := kdfjob.Number(job, "r", maxScryptMem/128)
		p, err3 := kdfjob.Number(job, "p", maxScryptP)
		if errors.Join(err1, err2, err3) != nil || r < 1 || p < 1 || N*r*128 > maxScryptMem {
			return nil, errors.New("scrypt parameters out of range")
		}
		return scrypt.Key(password, salt, int(N), int(r), int(p), n)
	case "argon2id":
		t, err1 := kdfjob.Number(job, "t", maxPasses)
		m, err2 := kdfjob.Number(job, "m", maxMemoryKiB)
		p, err3 := kdfjob.Number(job, "p", maxThreads)
		if errors.Join(err1, err2, err3) != nil || t < 1 || p < 1 || m < 8*p {
			return nil, errors.New("argon2id parameters out of range")
		}
		return argon2.IDKey(password, salt, uint32(t), uint32(m), uint8(p), uint32(n)), nil
	default:
		return nil, errors.New("unknown derivation " + a)
	}
}
