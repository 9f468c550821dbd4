//go:build !js

package e2e

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/crypto/argon2"

	"twofold.app/app/vault"
)

// libsodiumVersion is the release of libsodium.js that BenchmarkDeriveLibsodium
// measures the KDF worker against. It is fetched from the npm registry at
// test time and served by the test's own server, never by the app.
const libsodiumVersion = "0.8.4"

// sodiumWorkerJS derives one key with libsodium's crypto_pwhash (Argon2id
// v1.3, one lane) in a worker, as kdf-worker.js does with kdf.wasm: it loads
// libsodium, then answers one message. It reports whether libsodium ran its
// WebAssembly build, since libsodium.js falls back to asm.js without a word.
const sodiumWorkerJS = `"use strict";
const started = performance.now();
let wasm = false;
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = function (...args) {
	return instantiate.apply(this, args).then((r) => { wasm = true; return r; });
};
importScripts("libsodium-sumo.js", "libsodium-wrappers.js");
self.onmessage = async (e) => {
	await sodium.ready;
	const loadMs = performance.now() - started;
	const { password, salt, t, m } = e.data;
	const t0 = performance.now();
	const key = sodium.crypto_pwhash(32, sodium.from_hex(password), sodium.from_hex(salt), t, m * 1024, sodium.crypto_pwhash_ALG_ARGON2ID13);
	const runMs = performance.now() - t0;
	postMessage({ hex: sodium.to_hex(key), loadMs, runMs, wasm });
};
`

// sodiumDeriveJS starts a worker of sodiumWorkerJS for one job, as the app
// starts a KDF worker for each derivation, and resolves to its answer and the
// whole time from the worker's creation to the key.
const sodiumDeriveJS = `(job) => new Promise((resolve, reject) => {
	const start = performance.now();
	const w = new Worker("/sodium/worker.js");
	w.onerror = (e) => { w.terminate(); reject(new Error(e.message)); };
	w.onmessage = (e) => { w.terminate(); resolve(Object.assign(e.data, { ms: performance.now() - start })); };
	w.postMessage(job);
})`

// sodiumResult is what sodiumDeriveJS resolves to.
type sodiumResult struct {
	Hex    string  `json:"hex"`
	Ms     float64 `json:"ms"`
	LoadMs float64 `json:"loadMs"`
	RunMs  float64 `json:"runMs"`
	Wasm   bool    `json:"wasm"`
}

// BenchmarkDeriveLibsodium measures the KDF worker against libsodium.js's
// Argon2id in a worker of the same page, and against native Go in this
// process, at the vault's default parameters. Each op runs the three in
// turn (native, kdf.wasm worker, libsodium worker), each worker new as in
// the app, so that the ratios come from the same moments of a shared
// machine. All three must give the same key.
//
//	go test ./cmd/twofold/e2e -run '^$' -bench DeriveLibsodium -benchtime 10x
//
// Metrics: go-ms, sodium-ms and native-ms per op; gowasm/sodium and
// gowasm/native as ratios of the whole worker time (start, load, derive)
// and of the derivation alone (run-).
func BenchmarkDeriveLibsodium(b *testing.B) {
	files, err := npmFiles(moduleRoot(b), "libsodium-sumo", libsodiumVersion, "dist/modules-sumo/libsodium-sumo.js")
	if err == nil {
		var w map[string][]byte
		w, err = npmFiles(moduleRoot(b), "libsodium-wrappers-sumo", libsodiumVersion, "dist/modules-sumo/libsodium-wrappers.js")
		for k, v := range w {
			files[k] = v
		}
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			b.Fatalf("libsodium.js: %v", err)
		}
		b.Skipf("LIBSODIUM.JS NOT AVAILABLE (%v): the comparison did NOT run", err)
	}
	base := newKDFSite(b,
		siteFile{"sodium/worker.js", sodiumWorkerJS},
		siteFile{"sodium/libsodium-sumo.js", string(files["dist/modules-sumo/libsodium-sumo.js"])},
		siteFile{"sodium/libsodium-wrappers.js", string(files["dist/modules-sumo/libsodium-wrappers.js"])})

	p := vault.DefaultParams
	password, salt := []byte("correct horse battery staple"), []byte("kdfbench-salt-16")
	want := hex.EncodeToString(argon2.IDKey(password, salt, p.Time, p.MemoryKiB, p.Threads, 32))
	job := newKDFJob("worker", password, salt, p)

	browser := newBrowser(b)
	tab := openHarness(b, browser, base)
	sodium := func() sodiumResult {
		arg, err := json.Marshal(job)
		if err != nil {
			b.Fatal(err)
		}
		r, err := chromedp.Run(tab, chromedp.Evaluate[sodiumResult]("("+sodiumDeriveJS+")("+string(arg)+")", chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatalf("libsodium worker: %v", err)
		}
		if r.Hex != want {
			b.Fatalf("libsodium gave key %q, want %q", r.Hex, want)
		}
		if !r.Wasm {
			b.Fatal("libsodium.js ran its asm.js fallback, not WebAssembly")
		}
		return r
	}
	goWorker := func() kdfResult {
		r := kdfDerive(b, tab, job)
		if r.Error != "" || r.Hex != want {
			b.Fatalf("kdf worker: key %q, error %q", r.Hex, r.Error)
		}
		return r
	}
	native := func() float64 {
		start := time.Now()
		if got := hex.EncodeToString(argon2.IDKey(password, salt, p.Time, p.MemoryKiB, p.Threads, 32)); got != want {
			b.Fatalf("native key %q", got)
		}
		return float64(time.Since(start).Microseconds()) / 1000
	}
	// One of each first, so that no timed op pays for the first fetch.
	native()
	goWorker()
	sodium()
	var goMs, goRun, sodMs, sodRun, natMs float64
	n := 0
	for b.Loop() {
		natMs += native()
		g := goWorker()
		goMs += g.Ms
		goRun += g.RunMs
		s := sodium()
		sodMs += s.Ms
		sodRun += s.RunMs
		n++
	}
	f := float64(n)
	b.ReportMetric(goMs/f, "go-ms/op")
	b.ReportMetric(sodMs/f, "sodium-ms/op")
	b.ReportMetric(natMs/f, "native-ms/op")
	b.ReportMetric(goMs/sodMs, "gowasm/sodium")
	b.ReportMetric(goRun/sodRun, "run-gowasm/sodium")
	b.ReportMetric(goMs/natMs, "gowasm/native")
	b.ReportMetric(goRun/natMs, "run-gowasm/native")
	b.Logf("Argon2id t=%d m=%d KiB p=%d, means over %d: kdf.wasm worker %.0f ms (deriving %.0f), libsodium.js worker %.0f ms (deriving %.0f), native Go %.0f ms",
		p.Time, p.MemoryKiB, p.Threads, n, goMs/f, goRun/f, sodMs/f, sodRun/f, natMs/f)
}
