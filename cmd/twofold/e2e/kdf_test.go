//go:build !js

package e2e

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/crypto/argon2"

	"twofold.app/app/importers/importer"
	"twofold.app/app/kdf"
	"twofold.app/app/vault"
)

// siteCSP is the part of the site's Content-Security-Policy that matters to
// the KDF worker. The test server sends it with every response, the worker
// script included, so the tests also show that the worker needs no inline
// script, no eval and no blob: URL.
const siteCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'"

// kdfPageJS is the test page's script. It counts the ticks of a 10 ms
// interval (the harness reads them around each derivation), counts the
// workers that are started and terminated, and starts the harness.
const kdfPageJS = `"use strict";
let ticks = 0, last = performance.now(), maxGap = 0;
setInterval(() => {
	const now = performance.now();
	maxGap = Math.max(maxGap, now - last);
	last = now;
	ticks++;
}, 10);
window.tickMark = () => { ticks = 0; maxGap = 0; last = performance.now(); };
window.tickRead = () => ({ ticks, maxGapMs: Math.max(maxGap, performance.now() - last) });

window.workerStats = { started: 0, terminated: 0 };
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
	constructor(url, options) {
		super(url, options);
		workerStats.started++;
		this.addEventListener("message", (e) => {
			if (e.data && typeof e.data.loadMs === "number") {
				workerStats.loadMs = e.data.loadMs;
				workerStats.runMs = e.data.runMs;
			}
		});
	}
	terminate() { workerStats.terminated++; super.terminate(); }
};

const go = new Go();
WebAssembly.instantiateStreaming(fetch("/web/harness.wasm"), go.importObject)
	.then((r) => go.run(r.instance))
	.catch((err) => { window.harnessError = String(err); console.error(err); });
`

const kdfPageHTML = `<!doctype html>
<meta charset="utf-8">
<title>kdf worker harness</title>
<script src="/wasm_exec.js"></script>
<script src="/page.js"></script>
`

// newKDFSite builds kdf.wasm and the harness, lays them out as the built site
// does (/wasm_exec.js, /web/kdf-worker.js, /web/kdf.wasm), adds the test page
// and two broken copies of the worker script, and serves it all with the
// site's CSP, with any extra files a benchmark adds. It returns the base
// URL.
//
//	/nowasm/kdf-worker.js   has no kdf.wasm beside it
//	/a/b/kdf-worker.js      finds no ../wasm_exec.js
func newKDFSite(t testing.TB, extra ...siteFile) string {
	t.Helper()
	dir := t.TempDir()
	buildWasm(t, "twofold.app/wasm/kdfworker", filepath.Join(dir, "web", "kdf.wasm"))
	buildWasm(t, "twofold.app/wasm/importkdf", filepath.Join(dir, "web", "import-kdf.wasm"))
	buildWasm(t, "twofold.app/wasm/kdf/internal/harness", filepath.Join(dir, "web", "harness.wasm"))
	copyFile(t, filepath.Join(dir, "wasm_exec.js"), wasmExecJS(t))
	worker := filepath.Join(moduleRoot(t), "static", "kdf-worker.js")
	copyFile(t, filepath.Join(dir, "web", "kdf-worker.js"), worker)
	copyFile(t, filepath.Join(dir, "nowasm", "kdf-worker.js"), worker)
	copyFile(t, filepath.Join(dir, "a", "b", "kdf-worker.js"), worker)
	writeFile(t, filepath.Join(dir, "index.html"), kdfPageHTML)
	writeFile(t, filepath.Join(dir, "page.js"), kdfPageJS)
	for _, f := range extra {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(f.name)), f.data)
	}
	return serveStatic(t, dir, http.Header{"Content-Security-Policy": {siteCSP}})
}

// siteFile is a file a test adds to a site, by its path there.
type siteFile struct{ name, data string }

// openHarness opens the test page in a new tab of the browser of ctx and
// waits until the harness is ready. The tab closes at the end of t.
func openHarness(t testing.TB, ctx context.Context, base string) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	logConsoleOnFailure(t, tab)
	wctx, wcancel := context.WithTimeout(tab, 30*time.Second)
	defer wcancel()
	err := chromedp.Do(wctx, chromedp.Navigate(base+"/"))
	if err == nil {
		_, err = chromedp.Run(wctx, chromedp.Poll[bool]("window.kdfHarnessReady === true || window.harnessError !== undefined"))
	}
	if err != nil {
		t.Fatalf("loading the harness page: %v", err)
	}
	if msg, _ := chromedp.Run(tab, chromedp.Evaluate[string](`String(window.harnessError || "")`)); msg != "" {
		t.Fatalf("starting the harness: %s", msg)
	}
	return tab
}

// kdfJob is the argument of kdfHarness.derive. Password and Salt are hex.
type kdfJob struct {
	Mode      string `json:"mode"` // "worker" or "inpage"
	Password  string `json:"password"`
	Salt      string `json:"salt"`
	T         uint32 `json:"t"`
	M         uint32 `json:"m"`
	P         uint8  `json:"p"`
	URL       string `json:"url,omitempty"`
	TimeoutMs int    `json:"timeoutMs,omitempty"`
	// An import's derivation (modes "import" and "importhere").
	Alg    string `json:"alg,omitempty"`
	KeyLen int    `json:"keyLen,omitempty"`
	Iter   int    `json:"iter,omitempty"`
	N      int    `json:"n,omitempty"`
	R      int    `json:"r,omitempty"`
}

func newKDFJob(mode string, password, salt []byte, p vault.Params) kdfJob {
	return kdfJob{Mode: mode, Password: hex.EncodeToString(password), Salt: hex.EncodeToString(salt),
		T: p.Time, M: p.MemoryKiB, P: p.Threads}
}

// kdfResult is what kdfHarness.derive resolves to, plus the page's counts of
// workers started and terminated so far.
type kdfResult struct {
	Hex        string  `json:"hex"`
	Ms         float64 `json:"ms"`
	Ticks      int     `json:"ticks"`
	MaxGapMs   float64 `json:"maxGapMs"`
	Error      string  `json:"error"`
	IsStart    bool    `json:"isStart"`
	IsWorker   bool    `json:"isWorker"`
	IsTimeout  bool    `json:"isTimeout"`
	IsParams   bool    `json:"isParams"`
	LoadMs     float64 `json:"loadMs"` // in the worker: fetching and instantiating kdf.wasm
	RunMs      float64 `json:"runMs"`  // in the worker: running it
	Started    int     `json:"started"`
	Terminated int     `json:"terminated"`
}

// kdfDerive runs one job in the harness page of tab.
func kdfDerive(t testing.TB, tab context.Context, job kdfJob) kdfResult {
	t.Helper()
	arg, err := json.Marshal(job)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tab, 3*time.Minute)
	defer cancel()
	res, err := chromedp.Run(ctx, chromedp.Evaluate[kdfResult](
		fmt.Sprintf("workerStats.loadMs = workerStats.runMs = 0, kdfHarness.derive(%s).then((r) => Object.assign(r, workerStats))", arg),
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("kdfHarness.derive: %v", err)
	}
	return res
}

// defaultVector is the key for password "correct horse battery staple", salt
// "kdfbench-salt-16" and DefaultParams, as seven implementations computed it
// (shared notes, measured/argon2id-in-the-browser.md).
const defaultVector = "27a2a0d5ee6f6ed57a2987b513dc8f8e6857374420d78e4f9faf8cb0fd942990"

func TestKDFWorker(t *testing.T) {
	base := newKDFSite(t)
	browser := newBrowser(t)

	t.Run("key", func(t *testing.T) {
		binary := make([]byte, 1000)
		for i := range binary {
			binary[i] = byte(i * 7)
		}
		tests := []struct {
			name     string
			password []byte
			salt     []byte
			params   vault.Params
			want     string // if set, also checked against this vector
		}{
			{"default params", []byte("correct horse battery staple"), []byte("kdfbench-salt-16"), vault.DefaultParams, defaultVector},
			{"cheap", []byte("hunter2"), []byte("0123456789abcdef"), vault.Params{Time: 1, MemoryKiB: 64, Threads: 1}, ""},
			{"four lanes", []byte("pässwörd"), []byte("saltsaltsaltsalt"), vault.Params{Time: 2, MemoryKiB: 1024, Threads: 4}, ""},
			{"empty password", nil, []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, vault.Params{Time: 1, MemoryKiB: 256, Threads: 1}, ""},
			{"binary password with zeros", binary, binary[:32], vault.Params{Time: 3, MemoryKiB: 512, Threads: 2}, ""},
		}
		tab := openHarness(t, browser, base)
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				native := hex.EncodeToString(argon2.IDKey(tt.password, tt.salt, tt.params.Time, tt.params.MemoryKiB, tt.params.Threads, 32))
				if tt.want != "" && native != tt.want {
					t.Fatalf("native argon2.IDKey = %s, want the vector %s", native, tt.want)
				}
				got := kdfDerive(t, tab, newKDFJob("worker", tt.password, tt.salt, tt.params))
				if got.Error != "" {
					t.Fatalf("Derive: %s", got.Error)
				}
				if got.Hex != native {
					t.Errorf("worker key = %s, want %s (native argon2.IDKey)", got.Hex, native)
				}
				// One worker per derivation, and each one terminated.
				if got.Started != i+1 || got.Terminated != i+1 {
					t.Errorf("after %d derivations: %d workers started, %d terminated; want %d and %d",
						i+1, got.Started, got.Terminated, i+1, i+1)
				}
				t.Logf("%.0f ms (in the worker: %.0f ms loading kdf.wasm, %.0f ms running it)", got.Ms, got.LoadMs, got.RunMs)
			})
		}
	})

	t.Run("import", func(t *testing.T) {
		// An import's derivation runs import-kdf.wasm in the worker, and
		// gives the key that package importer derives natively.
		tab := openHarness(t, browser, base)
		salt := []byte("import-salt-0123")
		for _, tt := range []struct {
			job  kdfJob
			spec importer.KeySpec
		}{
			{kdfJob{Alg: "pbkdf2-sha1", KeyLen: 32, Iter: 1000}, importer.KeySpec{KDF: importer.PBKDF2SHA1, KeyLen: 32, Iterations: 1000}},
			{kdfJob{Alg: "pbkdf2-sha256", KeyLen: 32, Iter: 10000}, importer.KeySpec{KDF: importer.PBKDF2SHA256, KeyLen: 32, Iterations: 10000}},
			{kdfJob{Alg: "pbkdf2-sha512", KeyLen: 64, Iter: 2000}, importer.KeySpec{KDF: importer.PBKDF2SHA512, KeyLen: 64, Iterations: 2000}},
			{kdfJob{Alg: "scrypt", KeyLen: 32, N: 1 << 12, R: 8, P: 1}, importer.KeySpec{KDF: importer.Scrypt, KeyLen: 32, N: 1 << 12, R: 8, P: 1}},
			{kdfJob{Alg: "argon2id", KeyLen: 32, T: 3, M: 4096, P: 4}, importer.KeySpec{KDF: importer.Argon2id, KeyLen: 32, Iterations: 3, MemoryKiB: 4096, Threads: 4}},
		} {
			t.Run(tt.job.Alg, func(t *testing.T) {
				password := []byte("test")
				tt.spec.Salt = salt
				native, err := importer.DeriveHere(password, tt.spec)
				if err != nil {
					t.Fatal(err)
				}
				job := tt.job
				job.Mode, job.Password, job.Salt = "importtwice", hex.EncodeToString(password), hex.EncodeToString(salt)
				got := kdfDerive(t, tab, job)
				if got.Error != "" {
					t.Fatalf("DeriveImport: %s", got.Error)
				}
				if got.Hex != hex.EncodeToString(native) {
					t.Errorf("worker key = %s, want %x (importer.DeriveHere)", got.Hex, native)
				}
				t.Logf("%.0f ms (in the worker: %.0f ms loading import-kdf.wasm, %.0f ms running it)", got.Ms, got.LoadMs, got.RunMs)
			})
		}
		// A cost beyond the bounds never starts a worker.
		job := kdfJob{Mode: "import", Alg: "argon2id", KeyLen: 32, T: 3, M: 4 << 20, P: 1, Password: "00", Salt: hex.EncodeToString(salt)}
		if got := kdfDerive(t, tab, job); !got.IsParams {
			t.Errorf("4 GiB of Argon2id: error %q, want ErrKeyCost", got.Error)
		}
	})

	t.Run("page keeps ticking", func(t *testing.T) {
		password, salt := []byte("correct horse battery staple"), []byte("kdfbench-salt-16")
		tab := openHarness(t, browser, base)
		w := kdfDerive(t, tab, newKDFJob("worker", password, salt, vault.DefaultParams))
		if w.Error != "" || w.Hex != defaultVector {
			t.Fatalf("worker derivation: key %q, error %q", w.Hex, w.Error)
		}
		expected := w.Ms / 10
		t.Logf("worker: %.0f ms (%.0f loading, %.0f running), %d ticks of 10 ms (%.0f%% of %.0f expected), longest gap %.0f ms",
			w.Ms, w.LoadMs, w.RunMs, w.Ticks, 100*float64(w.Ticks)/expected, expected, w.MaxGapMs)
		if float64(w.Ticks) < expected/2 {
			t.Errorf("the page ticked %d times in %.0f ms while the worker derived; want at least %.0f (half of the 10 ms ticks)",
				w.Ticks, w.Ms, expected/2)
		}

		// Control: the same measure must see the freeze of an in-page
		// derivation, or it proves nothing above.
		p := kdfDerive(t, tab, newKDFJob("inpage", password, salt, vault.DefaultParams))
		if p.Error != "" || p.Hex != defaultVector {
			t.Fatalf("in-page derivation: key %q, error %q", p.Hex, p.Error)
		}
		expected = p.Ms / 10
		t.Logf("in-page: %.0f ms, %d ticks (%.0f%% of %.0f expected), longest gap %.0f ms",
			p.Ms, p.Ticks, 100*float64(p.Ticks)/expected, expected, p.MaxGapMs)
		if float64(p.Ticks) >= expected/2 {
			t.Errorf("control failed: the page ticked %d times during an in-page derivation of %.0f ms; the tick measure cannot tell a frozen page",
				p.Ticks, p.Ms)
		}
	})

	t.Run("bad params", func(t *testing.T) {
		tests := []struct {
			name   string
			params vault.Params
		}{
			{"zero passes", vault.Params{Time: 0, MemoryKiB: 64 * 1024, Threads: 1}},
			{"too many passes", vault.Params{Time: vault.MaxTime + 1, MemoryKiB: 64, Threads: 1}},
			{"memory under 8 KiB", vault.Params{Time: 1, MemoryKiB: 7, Threads: 1}},
			{"memory under 8 KiB per lane", vault.Params{Time: 1, MemoryKiB: 31, Threads: 4}},
			{"memory over the cap", vault.Params{Time: 1, MemoryKiB: vault.MaxMemoryKiB + 1, Threads: 1}},
			{"zero lanes", vault.Params{Time: 1, MemoryKiB: 64, Threads: 0}},
			{"too many lanes", vault.Params{Time: 1, MemoryKiB: 1024, Threads: vault.MaxThreads + 1}},
		}
		tab := openHarness(t, browser, base)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if tt.params.Check() == nil {
					t.Fatalf("test bug: %+v passes Params.Check", tt.params)
				}
				got := kdfDerive(t, tab, newKDFJob("worker", []byte("pw"), []byte("0123456789abcdef"), tt.params))
				if !got.IsParams || !strings.Contains(got.Error, "argon2id parameters out of bounds") {
					t.Errorf("error = %q (errors.Is ErrParams: %v), want vault.ErrParams", got.Error, got.IsParams)
				}
				if got.Hex != "" {
					t.Errorf("got a key %s with bad params", got.Hex)
				}
				if got.Started != 0 {
					t.Errorf("%d workers started for bad params, want none", got.Started)
				}
			})
		}
	})

	t.Run("failures", func(t *testing.T) {
		tests := []struct {
			name        string
			url         string
			before      string // script run in the page before the derivation
			timeoutMs   int
			wantErr     string
			wantStart   bool
			wantTimeout bool
			wantWorkers int // started, and so terminated
		}{
			{name: "missing kdf.wasm", url: "/nowasm/kdf-worker.js", wantErr: "kdf: worker failed to start: loading /nowasm/kdf.wasm: HTTP 404", wantStart: true, wantWorkers: 1},
			{name: "missing worker script", url: "/missing/kdf-worker.js", wantErr: "kdf: worker failed to start: could not load /missing/kdf-worker.js", wantStart: true, wantWorkers: 1},
			{name: "missing wasm_exec.js", url: "/a/b/kdf-worker.js", wantErr: "kdf: worker failed to start: loading wasm_exec.js: NetworkError", wantStart: true, wantWorkers: 1},
			{name: "cross-origin worker script", url: "http://localhost:9/kdf-worker.js", wantErr: "kdf: worker failed to start: SecurityError", wantStart: true, wantWorkers: 0},
			{name: "no Worker in the page", before: "window.Worker = undefined", wantErr: "kdf: worker failed to start: Web Workers are not available", wantStart: true, wantWorkers: 0},
			{name: "timeout", timeoutMs: 1, wantErr: "kdf: worker timed out after 1ms", wantTimeout: true, wantWorkers: 1},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tab := openHarness(t, browser, base)
				if tt.before != "" {
					if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](tt.before)); err != nil {
						t.Fatal(err)
					}
				}
				job := newKDFJob("worker", []byte("correct horse battery staple"), []byte("kdfbench-salt-16"), vault.DefaultParams)
				job.URL = tt.url
				// A failure must be reported at once, not end in the time-out.
				job.TimeoutMs = 20_000
				if tt.timeoutMs != 0 {
					job.TimeoutMs = tt.timeoutMs
				}
				got := kdfDerive(t, tab, job)
				if !strings.HasPrefix(got.Error, tt.wantErr) {
					t.Errorf("error = %q, want it to start with %q", got.Error, tt.wantErr)
				}
				if got.IsStart != tt.wantStart || got.IsTimeout != tt.wantTimeout || got.IsWorker || got.IsParams {
					t.Errorf("errors.Is: ErrStart %v, ErrTimeout %v, ErrWorker %v, ErrParams %v; want %v, %v, false, false",
						got.IsStart, got.IsTimeout, got.IsWorker, got.IsParams, tt.wantStart, tt.wantTimeout)
				}
				if got.Hex != "" {
					t.Errorf("got a key %s", got.Hex)
				}
				if got.Started != tt.wantWorkers || got.Terminated != tt.wantWorkers {
					t.Errorf("%d workers started, %d terminated; want %d and %d", got.Started, got.Terminated, tt.wantWorkers, tt.wantWorkers)
				}
				if got.Ms > 10_000 {
					t.Errorf("the error took %.0f ms", got.Ms)
				}
				t.Logf("%q after %.0f ms", got.Error, got.Ms)
			})
		}
	})
}

// TestKDFWorkerImports checks that the worker's program and the page-side
// package stay small: neither may depend on go-app.
func TestKDFWorkerImports(t *testing.T) {
	for _, pkg := range []string{"twofold.app/wasm/kdfworker", "twofold.app/wasm/kdf"} {
		cmd := exec.Command("go", "list", "-deps", pkg)
		cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if strings.HasPrefix(dep, "github.com/maxence-charriere/go-app") {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}

// BenchmarkDerive measures, in one browser, the wall time of derivations
// with DefaultParams:
//
//   - worker: through a new worker each time, as the app does;
//   - inpage-warm: with vault.Argon2id in one page, again and again (its
//     wasm memory already grown, its code already optimized);
//   - inpage-cold: with vault.Argon2id as the first derivation of a fresh
//     page, as an unlock in the page would be;
//   - worker-cheap: a worker with almost no work, its fixed cost (start,
//     load and compile kdf.wasm, start the Go runtime);
//   - worker-stronger: through a new worker with kdf.Stronger, the cost
//     Settings offers beside the default;
//   - interleaved: worker, inpage-warm and inpage-cold in turn in each op,
//     reporting the ratios of their total times.
//
// page-ms/op is measured in the page; ns/op also counts the round trip to
// the browser, and for inpage-cold not the opening of the tab. cold-ms is the
// first call of each case, before the timed ones; tick-% is the share of the
// 10 ms ticks that the page ran during the derivations; load-ms and run-ms
// split a worker's time into loading kdf.wasm and running it.
//
//	go test ./cmd/twofold/e2e -run '^$' -bench Derive -benchtime 10x
func BenchmarkDerive(b *testing.B) {
	base := newKDFSite(b)
	browser := newBrowser(b)
	password, salt := []byte("correct horse battery staple"), []byte("kdfbench-salt-16")
	cases := []struct {
		name     string
		mode     string
		params   vault.Params
		freshTab bool
	}{
		{"worker", "worker", vault.DefaultParams, false},
		{"inpage-warm", "inpage", vault.DefaultParams, false},
		{"inpage-cold", "inpage", vault.DefaultParams, true},
		{"worker-cheap", "worker", vault.Params{Time: 1, MemoryKiB: 8, Threads: 1}, false},
		// The cost offered in Settings to those who accept a slower unlock.
		{"worker-stronger", "worker", kdf.Stronger, false},
	}
	means := map[string]float64{}
	for _, c := range cases {
		want := hex.EncodeToString(argon2.IDKey(password, salt, c.params.Time, c.params.MemoryKiB, c.params.Threads, 32))
		b.Run(c.name, func(b *testing.B) {
			job := newKDFJob(c.mode, password, salt, c.params)
			run := func(tab context.Context) kdfResult {
				r := kdfDerive(b, tab, job)
				if r.Error != "" || r.Hex != want {
					b.Fatalf("key %q, error %q", r.Hex, r.Error)
				}
				return r
			}
			tab := openHarness(b, browser, base)
			cold := run(tab)
			var ms, ticks, expected, load, exec float64
			n := 0
			for b.Loop() {
				if c.freshTab {
					b.StopTimer()
					chromedp.Cancel(tab) // frees the old page's wasm memory
					tab = openHarness(b, browser, base)
					b.StartTimer()
				}
				r := run(tab)
				ms += r.Ms
				ticks += float64(r.Ticks)
				expected += r.Ms / 10
				load += r.LoadMs
				exec += r.RunMs
				n++
			}
			means[c.name] = ms / float64(n)
			b.ReportMetric(cold.Ms, "cold-ms")
			b.ReportMetric(ms/float64(n), "page-ms/op")
			b.ReportMetric(100*ticks/expected, "tick-%")
			if c.mode == "worker" {
				b.ReportMetric(load/float64(n), "load-ms/op")
				b.ReportMetric(exec/float64(n), "run-ms/op")
			}
		})
	}
	if w, warm, cold := means["worker"], means["inpage-warm"], means["inpage-cold"]; w > 0 && warm > 0 && cold > 0 {
		b.Logf("DefaultParams, mean page-ms: worker %.0f, in-page warm %.0f, in-page cold %.0f; worker ÷ warm %.2f, worker ÷ cold %.2f; worker fixed cost %.0f",
			w, warm, cold, w/warm, w/cold, means["worker-cheap"])
	}

	// The cases above run one after the other, so on a shared machine their
	// load can differ. Here each op runs all three side by side, which gives
	// steadier ratios.
	b.Run("interleaved", func(b *testing.B) {
		job := newKDFJob("worker", password, salt, vault.DefaultParams)
		run := func(tab context.Context, mode string) float64 {
			job.Mode = mode
			r := kdfDerive(b, tab, job)
			if r.Error != "" || r.Hex != defaultVector {
				b.Fatalf("%s: key %q, error %q", mode, r.Hex, r.Error)
			}
			return r.Ms
		}
		warmTab := openHarness(b, browser, base)
		run(warmTab, "worker")
		run(warmTab, "inpage")
		var worker, warm, cold float64
		for b.Loop() {
			worker += run(warmTab, "worker")
			warm += run(warmTab, "inpage")
			b.StopTimer()
			tab := openHarness(b, browser, base)
			b.StartTimer()
			cold += run(tab, "inpage")
			chromedp.Cancel(tab)
		}
		b.ReportMetric(worker/warm, "worker/inpage-warm")
		b.ReportMetric(worker/cold, "worker/inpage-cold")
	})
}

// BenchmarkImportKDF measures, in the import worker, the costliest
// derivations the exports Twofold reads ask for: Ente Auth's, which depend
// on the phone that made the export (libsodium's "sensitive" 1 GiB and 4
// passes, halved in memory and doubled in passes until the phone can give
// it; 256 MiB and 16 passes is common), and scrypt at Aegis's cost. The
// 1 GiB case also shows whether the browser gives a worker that much.
//
//	go test ./cmd/twofold/e2e -run '^$' -bench ImportKDF -benchtime 1x
func BenchmarkImportKDF(b *testing.B) {
	base := newKDFSite(b)
	browser := newBrowser(b)
	salt := hex.EncodeToString([]byte("import-salt-0123"))
	for _, tt := range []struct {
		name string
		job  kdfJob
	}{
		{"aegis-scrypt-N32768", kdfJob{Alg: "scrypt", KeyLen: 32, N: 1 << 15, R: 8, P: 1}},
		{"ente-256MiB-t16", kdfJob{Alg: "argon2id", KeyLen: 32, T: 16, M: 256 << 10, P: 1}},
		{"ente-1GiB-t4", kdfJob{Alg: "argon2id", KeyLen: 32, T: 4, M: 1 << 20, P: 1}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			tab := openHarness(b, browser, base)
			var ms, gap float64
			for i := 0; i < b.N; i++ {
				job := tt.job
				job.Mode, job.Password, job.Salt = "import", "74657374", salt
				got := kdfDerive(b, tab, job)
				if got.Error != "" {
					b.Fatalf("DeriveImport: %s", got.Error)
				}
				ms += got.Ms
				gap = max(gap, got.MaxGapMs)
			}
			b.ReportMetric(ms/float64(b.N), "page-ms/op")
			b.ReportMetric(gap, "gap-ms")
		})
	}
}
