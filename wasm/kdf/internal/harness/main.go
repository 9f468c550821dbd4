//go:build js && wasm

// Command harness is the test page program of the browser tests in
// cmd/twofold/e2e. It exposes window.kdfHarness.derive(job), which returns a
// Promise of the result of one derivation, either through [kdf.Worker] (mode
// "worker") or with [vault.Argon2id] in the page (mode "inpage"), together
// with how long it took and how often the page's 10 ms ticker (set up by the
// test page's script as window.tickMark and window.tickRead) ran meanwhile.
//
// A job is {mode, password, salt (hex), t, m, p, url, timeoutMs}. Mode
// "import" derives an import's key through [kdf.Worker.DeriveImport] with
// the further fields alg (as in import-kdf.wasm's jobs), keyLen, iter, n
// and r; "importtwice" asks for it twice in one batch and checks that both
// keys are the same; "importhere" derives it with [importer.DeriveHere]. The result
// is {hex, ms, ticks, maxGapMs, error, isStart, isWorker, isTimeout,
// isParams}, where the is… fields report errors.Is against the sentinels, so
// the tests check what a caller can branch on.
package main

import (
	"encoding/hex"
	"errors"
	"syscall/js"
	"time"

	"twofold.app/app/importers/importer"
	"twofold.app/app/vault"
	"twofold.app/wasm/kdf"
)

func main() {
	js.Global().Set("kdfHarness", js.ValueOf(map[string]any{
		"derive": js.FuncOf(derive),
	}))
	js.Global().Set("kdfHarnessReady", true)
	select {}
}

// derive reads the job synchronously and runs it in a goroutine, because
// kdf.Worker.Derive must not block inside this callback.
func derive(_ js.Value, args []js.Value) any {
	job := args[0]
	mode := job.Get("mode").String()
	password, err1 := hex.DecodeString(job.Get("password").String())
	salt, err2 := hex.DecodeString(job.Get("salt").String())
	p := vault.Params{
		Time:      uint32(job.Get("t").Int()),
		MemoryKiB: uint32(job.Get("m").Int()),
		Threads:   uint8(job.Get("p").Int()),
	}
	spec := importer.KeySpec{
		KDF:        importKDFs[stringField(job, "alg")],
		Salt:       salt,
		KeyLen:     intField(job, "keyLen"),
		Iterations: intField(job, "iter"),
		MemoryKiB:  int(p.MemoryKiB),
		Threads:    int(p.Threads),
		N:          intField(job, "n"),
		R:          intField(job, "r"),
		P:          int(p.Threads),
	}
	if spec.KDF == importer.Argon2id {
		spec.Iterations = int(p.Time)
	}
	w := kdf.Worker{}
	if u := job.Get("url"); u.Type() == js.TypeString {
		w.URL = u.String()
	}
	if ms := job.Get("timeoutMs"); ms.Type() == js.TypeNumber {
		w.Timeout = time.Duration(ms.Int()) * time.Millisecond
	}

	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, a []js.Value) any {
		resolve := a[0]
		go func() {
			defer executor.Release()
			if err := errors.Join(err1, err2); err != nil {
				resolve.Invoke(map[string]any{"error": "bad job: " + err.Error()})
				return
			}
			js.Global().Call("tickMark")
			start := time.Now()
			var key []byte
			var err error
			switch mode {
			case "worker":
				key, err = w.Derive(password, salt, p)
			case "inpage":
				key, err = vault.Argon2id(password, salt, p)
			case "import":
				var keys [][]byte
				if keys, err = w.DeriveImport(password, []importer.KeySpec{spec}); err == nil {
					key = keys[0]
				}
			case "importtwice":
				// Twice in one batch: the same key must come back twice.
				var keys [][]byte
				keys, err = w.DeriveImport(password, []importer.KeySpec{spec, spec})
				if err == nil {
					key = keys[0]
					if string(keys[1]) != string(key) {
						err = errors.New("the batch's two keys differ")
					}
				}
			case "importhere":
				key, err = importer.DeriveHere(password, spec)
			default:
				err = errors.New("unknown mode " + mode)
			}
			elapsed := time.Since(start)
			ticks := js.Global().Call("tickRead")
			res := map[string]any{
				"ms":       float64(elapsed.Microseconds()) / 1000,
				"ticks":    ticks.Get("ticks"),
				"maxGapMs": ticks.Get("maxGapMs"),
				"hex":      hex.EncodeToString(key),
			}
			if err != nil {
				res["error"] = err.Error()
				res["isStart"] = errors.Is(err, kdf.ErrStart)
				res["isWorker"] = errors.Is(err, kdf.ErrWorker)
				res["isTimeout"] = errors.Is(err, kdf.ErrTimeout)
				res["isParams"] = errors.Is(err, vault.ErrParams) || errors.Is(err, importer.ErrKeyCost)
			}
			resolve.Invoke(res)
		}()
		return nil
	})
	return js.Global().Get("Promise").New(executor)
}

// importKDFs maps a job's alg to the importer's names. For Argon2id, the
// job's t is the passes; for scrypt, its p is the parallelism.
var importKDFs = map[string]importer.KDF{
	"pbkdf2-sha1":   importer.PBKDF2SHA1,
	"pbkdf2-sha256": importer.PBKDF2SHA256,
	"pbkdf2-sha512": importer.PBKDF2SHA512,
	"scrypt":        importer.Scrypt,
	"argon2id":      importer.Argon2id,
}

// intField returns job[name], or 0 if it is not a number.
func intField(job js.Value, name string) int {
	if v := job.Get(name); v.Type() == js.TypeNumber {
		return v.Int()
	}
	return 0
}

// stringField returns job[name], or "" if it is not a string.
func stringField(job js.Value, name string) string {
	if v := job.Get(name); v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}
