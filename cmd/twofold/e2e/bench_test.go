//go:build !js

package e2e

// The browser benchmarks. Each reports its figures as custom metrics and
// logs a one-line summary. Run them as make bench does:
//
//	go test -run '^$' -bench . -benchtime 1x ./cmd/twofold/e2e/

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"

	"twofold.app/app/backup"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// BenchmarkWasmSize reports the size of the site's four wasm programs as
// served, and gzipped (level 9) and brotli-compressed (quality 11), as a
// static host would send them. A site of another version named by
// TWOFOLD_SITE may lack some of them (before the scan worker, scan.wasm).
func BenchmarkWasmSize(b *testing.B) {
	s := testSite(b)
	type sizes struct{ raw, gz, br int }
	var got map[string]sizes
	for i := 0; i < b.N; i++ {
		got = map[string]sizes{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, name := range wasmNames {
			data, err := os.ReadFile(filepath.Join(s.Dir, "web", name+".wasm"))
			if errors.Is(err, fs.ErrNotExist) && os.Getenv("TWOFOLD_SITE") != "" {
				b.Logf("%s.wasm is not in %s, a site of another version", name, s.Dir)
				continue
			}
			if err != nil {
				b.Fatal(err)
			}
			// Brotli's best quality takes most of a minute on the app:
			// compress the files side by side.
			wg.Go(func() {
				gz, br := compressed(b, data)
				mu.Lock()
				got[name] = sizes{len(data), gz, br}
				mu.Unlock()
			})
		}
		wg.Wait()
	}
	var line []string
	for _, name := range wasmNames {
		z, ok := got[name]
		if !ok {
			continue
		}
		b.ReportMetric(float64(z.raw), name+"-raw-B")
		b.ReportMetric(float64(z.gz), name+"-gzip-B")
		b.ReportMetric(float64(z.br), name+"-br-B")
		line = append(line, fmt.Sprintf("%s.wasm %.2f MiB raw, %.2f MiB gzip, %.2f MiB brotli", name, mib(z.raw), mib(z.gz), mib(z.br)))
	}
	b.Logf("wasm size: %s", strings.Join(line, "; "))
}

// wasmNames are the site's wasm programs, web/<name>.wasm.
var wasmNames = []string{"app", "kdf", "import-kdf", "scan"}

// compressed returns the length of data gzipped at level 9 and compressed
// with brotli at quality 11.
func compressed(b *testing.B, data []byte) (gz, br int) {
	var zb, bb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zb, gzip.BestCompression)
	bw := brotli.NewWriterLevel(&bb, brotli.BestCompression)
	for _, w := range []io.WriteCloser{zw, bw} {
		if _, err := w.Write(data); err != nil {
			b.Error(err)
		}
		if err := w.Close(); err != nil {
			b.Error(err)
		}
	}
	return zb.Len(), bb.Len()
}

func mib(n int) float64 { return float64(n) / (1 << 20) }

// benchPassword is the password of the benchmarks' vaults.
const benchPassword = "benchmark password"

// benchVault returns a vault of n accounts (every tenth one HOTP, the rest
// TOTP), sealed natively with the default Argon2id cost, and its revision.
func benchVault(b testing.TB, n int) ([]byte, uint64) {
	b.Helper()
	accounts := make([]vault.Account, n)
	for i := range accounts {
		key := totpKey(nil)
		if i%10 == 9 {
			key = otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: uint64(i)}
		}
		accounts[i] = newAccount(b, fmt.Sprintf("Service %04d", i), fmt.Sprintf("user%04d@example.com", i), key)
	}
	return sealVault(b, benchPassword, accounts)
}

// seen waits until the page's probe name has fired and returns its time,
// and the time of the last form submission, in milliseconds since the
// document's navigation began.
func (p *page) seen(name string, timeout time.Duration) (at, submitAt float64) {
	p.t.Helper()
	p.waitFor("probe "+name, `window.twofoldSeen && `+jsString(name)+` in window.twofoldSeen`, timeout)
	t := p.probes()
	return t.Seen[name], t.SubmitAt
}

// BenchmarkNavigateToUnlock measures the time from the start of a
// navigation to the unlock form in the page and usable (the probe
// "unlockForm": laid out, enabled, not under go-app's loading screen), with
// a vault in storage and the preference that says this browser holds one
// (as the app leaves them): cold (first visit, everything from the network and
// compiled afresh) and warm (a reload served by the service worker). When
// TWOFOLD_BASE_SITE names another site (main's, say), each op measures it
// too, the two sites in turn, and the ratios are reported.
func BenchmarkNavigateToUnlock(b *testing.B) {
	sites := []builtSite{testSite(b)}
	if dir := os.Getenv("TWOFOLD_BASE_SITE"); dir != "" {
		w, err := readWorker(dir)
		if err != nil {
			b.Fatalf("TWOFOLD_BASE_SITE=%s: %v", dir, err)
		}
		sites = append(sites, builtSite{Dir: dir, Version: w.Version})
	}
	sealed, rev := benchVault(b, 1)
	cold := make([][]float64, len(sites))
	warm := make([][]float64, len(sites))
	for i := 0; i < b.N; i++ {
		for j, s := range sites {
			w, err := readWorker(s.Dir)
			if err != nil {
				b.Fatal(err)
			}
			p := openPage(b, newServer(b, s.Dir))
			p.storeVault(sealed, rev)
			p.markHeld()
			p.navigate("/")
			at, _ := p.seen("unlockForm", stepTimeout)
			cold[j] = append(cold[j], at)
			b.Logf("%s cold: %s", s.Dir, evalJS[string](p, bootTimes))
			p.waitCached(w)
			p.reload()
			at, _ = p.seen("unlockForm", stepTimeout)
			if !evalJS[bool](p, `navigator.serviceWorker.controller !== null`) {
				b.Fatal("the reload was not served by the service worker")
			}
			warm[j] = append(warm[j], at)
			b.Logf("%s warm: %s", s.Dir, evalJS[string](p, bootTimes))
		}
	}
	b.ReportMetric(mean(cold[0]), "cold-ms")
	b.ReportMetric(mean(warm[0]), "warm-ms")
	b.Logf("navigation to unlock form: cold %.0f ms (median %.0f; %s), warm (service worker) %.0f ms (median %.0f; %s) (mean of %d)",
		mean(cold[0]), median(cold[0]), formatMs(cold[0]), mean(warm[0]), median(warm[0]), formatMs(warm[0]), b.N)
	if len(sites) > 1 {
		b.ReportMetric(mean(cold[1]), "base-cold-ms")
		b.ReportMetric(mean(warm[1]), "base-warm-ms")
		b.ReportMetric(mean(cold[0])/mean(cold[1]), "cold-ratio")
		b.ReportMetric(mean(warm[0])/mean(warm[1]), "warm-ratio")
		b.Logf("base site %s: cold %.0f ms (median %.0f; %s), warm %.0f ms (median %.0f; %s); ratios cold %.2f, warm %.2f",
			sites[1].Dir, mean(cold[1]), median(cold[1]), formatMs(cold[1]), mean(warm[1]), median(warm[1]), formatMs(warm[1]),
			mean(cold[0])/mean(cold[1]), mean(warm[0])/mean(warm[1]))
	}
}

// bootTimes says when, in ms since the navigation, the page's scripts ran,
// the boot script drew its form (static/boot.js), the app's program
// arrived, and the unlock form was first seen usable.
const bootTimes = `(() => {
	const r = (name) => { const e = performance.getEntriesByType("resource").find((e) => e.name.endsWith(name)); return e ? Math.round(e.responseEnd) : -1; };
	const b = window.twofoldBoot || {};
	return "boot.js loaded " + r("/web/boot.js") + ", ran " + Math.round(b.started ?? -1) + ", form drawn " + Math.round(b.drawn ?? -1) +
		"; IndexedDB answered " + Math.round(b.answered ?? -1) + "; app.wasm loaded " + r("/web/app.wasm") + "; probe " + Math.round(window.twofoldSeen.unlockForm) + "; dom loaded " + Math.round(performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd);
})()`

// submitUnlock types password into the app's unlock form and submits it,
// once the app runs: a benchmark times an unlock from a submit the app
// handles, not one the boot script (static/boot.js) holds until app.wasm
// has arrived.
func (p *page) submitUnlock(password string, timeout time.Duration) {
	p.t.Helper()
	p.waitVisible("#unlock-password", timeout)
	p.waitFor("the app running", appRunning, timeout)
	p.typeText("#unlock-password", password)
	p.click("#unlock-submit")
}

// BenchmarkUnlockToFirstCode measures the time from submitting the right
// password to the first code in the page: the key derivation with the
// default Argon2id cost in the worker, decryption and the first render.
// Each op unlocks three times (a reload between) and reports the median.
func BenchmarkUnlockToFirstCode(b *testing.B) {
	s := testSite(b)
	sealed, rev := benchVault(b, 1)
	var medians []float64
	var all []float64
	for i := 0; i < b.N; i++ {
		p := openPage(b, newServer(b, s.Dir))
		p.storeVault(sealed, rev)
		p.navigate("/")
		var runs []float64
		for j := 0; j < 3; j++ {
			if j > 0 {
				p.reload()
			}
			p.submitUnlock(benchPassword, stepTimeout)
			at, submit := p.seen("firstCode", kdfTimeout)
			if submit == 0 || at < submit {
				b.Fatalf("first code at %.0f ms, submitted at %.0f ms", at, submit)
			}
			runs = append(runs, at-submit)
		}
		all = append(all, runs...)
		medians = append(medians, median(runs))
	}
	b.ReportMetric(mean(medians), "ms")
	b.Logf("unlock to first code: %.0f ms (median of %s ms)", mean(medians), formatMs(all))
}

// Benchmark1000Accounts unlocks a vault of 1,000 accounts and reports the
// unlock (submit to the vault screen), the list (submit to all 1,000 rows
// in the page), and the main thread's busy time per second while the list
// sits idle and its codes and countdowns refresh every second.
func Benchmark1000Accounts(b *testing.B) {
	s := testSite(b)
	sealed, rev := benchVault(b, 1000)
	var unlock, list, busy, script []float64
	for i := 0; i < b.N; i++ {
		p := openPage(b, newServer(b, s.Dir))
		p.storeVault(sealed, rev)
		p.navigate("/")
		p.submitUnlock(benchPassword, stepTimeout)
		vaultAt, submit := p.seen("vault", 3*time.Minute)
		listAt, _ := p.seen("accounts1000", 3*time.Minute)
		unlock = append(unlock, vaultAt-submit)
		list = append(list, listAt-submit)
		if n := evalJS[int](p, "("+listedJS+")()"); n != 1000 {
			b.Fatalf("%d accounts listed, want 1000", n)
		}
		task, scr := p.idleLoad(10 * time.Second)
		busy = append(busy, task)
		script = append(script, scr)
	}
	b.ReportMetric(mean(unlock), "unlock-ms")
	b.ReportMetric(mean(list), "list-ms")
	b.ReportMetric(mean(busy), "idle-main-thread-ms/s")
	b.ReportMetric(mean(script), "idle-script-ms/s")
	b.Logf("1000 accounts: unlock %.0f ms, list drawn %.0f ms after submit, idle refresh %.0f ms/s of main thread (%.0f ms/s script)",
		mean(unlock), mean(list), mean(busy), mean(script))
}

// idleLoad measures the page's main thread over d while nobody touches it:
// the task time and the script time per second, in ms/s, from the
// Performance domain's TaskDuration and ScriptDuration. It also checks that
// the countdown moved meanwhile, so the figure is of a page that refreshes.
func (p *page) idleLoad(d time.Duration) (taskMsPerS, scriptMsPerS float64) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, d+stepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, performance.Enable, performance.EnableParams{}); err != nil {
		p.t.Fatalf("enabling performance metrics: %v", err)
	}
	metrics := func() map[string]float64 {
		res, err := chromedp.Call(ctx, performance.GetMetrics, cdp.Empty{})
		if err != nil {
			p.t.Fatalf("reading performance metrics: %v", err)
		}
		m := map[string]float64{}
		for _, x := range res.Metrics {
			m[x.Name] = x.Value
		}
		return m
	}
	before := p.text("#accounts > li.account .seconds")
	m0 := metrics()
	time.Sleep(d)
	m1 := metrics()
	after := p.text("#accounts > li.account .seconds")
	if before == after {
		p.t.Errorf("the countdown did not move in %v (%s)", d, before)
	}
	secs := m1["Timestamp"] - m0["Timestamp"]
	if secs <= 0 {
		p.t.Fatalf("performance metrics give no elapsed time")
	}
	return (m1["TaskDuration"] - m0["TaskDuration"]) * 1000 / secs, (m1["ScriptDuration"] - m0["ScriptDuration"]) * 1000 / secs
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

func formatMs(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.0f", x)
	}
	return strings.Join(parts, ", ")
}

// backupBenchInit runs in every document of BenchmarkBackup1000's pages. It
// records each key derivation of the KDF worker with the run and load
// times the worker reports (static/kdf-worker.js), and in window.benchMarks
// the time of each form's submission ("submit:<form id>"), of a file chosen
// ("file:<input id>"), and of the first appearance of the marked elements.
const backupBenchInit = `(() => {
	const runs = window.kdfRuns = [];
	const NativeWorker = window.Worker;
	window.Worker = class extends NativeWorker {
		constructor(url, options) {
			super(url, options);
			this.addEventListener("message", (e) => {
				if (e.data && typeof e.data.runMs === "number") {
					runs.push({ at: performance.now(), runMs: e.data.runMs, loadMs: e.data.loadMs || 0 });
				}
			});
		}
	};
	const marks = window.benchMarks = {};
	window.addEventListener("submit", (e) => { marks["submit:" + e.target.id] = performance.now(); }, true);
	window.addEventListener("change", (e) => {
		if (e.target.type === "file") marks["file:" + e.target.id] = performance.now();
	}, true);
	const watch = {
		"bk-done": () => document.getElementById("bk-done") !== null,
		"rs-found": () => document.getElementById("rs-found") !== null,
		"rs-count": () => document.getElementById("rs-count") !== null,
		"accounts1000": () => (` + listedJS + `)() >= 1000,
	};
	new MutationObserver(() => {
		const now = performance.now();
		for (const k in watch) if (!(k in marks) && watch[k]()) marks[k] = now;
	}).observe(document, { childList: true, subtree: true, attributeFilter: ["aria-busy"] });
})();`

// addInit makes js run in every new document of p's tab, before the page's
// own scripts.
func (p *page) addInit(js string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
		p.t.Fatalf("adding an init script: %v", err)
	}
}

// benchMarks is what backupBenchInit recorded in the current document.
type benchMarks struct {
	Marks map[string]float64
	Runs  []struct{ At, RunMs, LoadMs float64 }
}

func (p *page) benchMarks() benchMarks {
	p.t.Helper()
	return evalJS[benchMarks](p, `({ Marks: window.benchMarks || {}, Runs: window.kdfRuns || [] })`)
}

// span returns the time from mark from to mark to, and the key derivations
// that ended in between: their count, and the sums of their run and load
// times. It fails the test when a mark is missing.
func (m benchMarks) span(t testing.TB, from, to string) (total, kdf, load float64, n int) {
	t.Helper()
	a, okA := m.Marks[from]
	z, okZ := m.Marks[to]
	if !okA || !okZ || z < a {
		t.Fatalf("marks %s (%v) and %s (%v) do not make a span: %v", from, okA, to, okZ, m.Marks)
	}
	for _, r := range m.Runs {
		if r.At >= a && r.At <= z {
			kdf += r.RunMs
			load += r.LoadMs
			n++
		}
	}
	return z - a, kdf, load, n
}

// BenchmarkBackup1000 backs up a vault of 1,000 accounts in the page with
// the vault password (two key derivations with the default Argon2id cost:
// the password check and the seal, whose key also reads the file back),
// and restores the file in a fresh profile (one derivation to open it, one
// to create the vault). It reports each step's time from the user's action
// to its result in the page, the part of it spent deriving keys in the
// worker (the worker's own run times), and the rest (starting the workers,
// encoding, encrypting, the download, the list of 1,000 rows).
func BenchmarkBackup1000(b *testing.B) {
	s := testSite(b)
	sealed, rev := benchVault(b, 1000)
	metrics := map[string][]float64{}
	add := func(name string, v float64) { metrics[name] = append(metrics[name], v) }
	for i := 0; i < b.N; i++ {
		p := openPage(b, newServer(b, s.Dir))
		p.addInit(backupBenchInit)
		p.storeVault(sealed, rev)
		p.navigate("/")
		p.unlock(benchPassword)
		p.waitFor("1000 accounts", "("+listedJS+")() >= 1000", 3*time.Minute)
		p.openSettings()
		p.click("#open-backup")
		p.waitVisible("#bk-pass", stepTimeout)
		name, file := p.backUp(benchPassword, false)
		total, kdf, load, n := p.benchMarks().span(b, "submit:backup-form", "bk-done")
		if n != 2 {
			b.Errorf("the backup derived %d keys, want 2", n)
		}
		add("backup-ms", total)
		add("backup-kdf-ms", kdf)
		add("backup-rest-ms", total-kdf)
		add("backup-worker-load-ms", load)
		add("backup-kB", float64(len(file))/1000)
		if bk, err := backup.Open(file, []byte(benchPassword), vault.Argon2id); err != nil || len(bk.Contents.Accounts) != 1000 {
			b.Fatalf("the backup of 1000 accounts: %v", err)
		}
		path := filepath.Join(b.TempDir(), name)
		if err := os.WriteFile(path, file, 0o600); err != nil {
			b.Fatal(err)
		}

		q := openPage(b, newServer(b, s.Dir))
		q.addInit(backupBenchInit)
		q.navigate("/")
		q.waitVisible("#setup-password", stepTimeout)
		q.click("#setup-restore")
		q.waitVisible("label[for=rs-file]", stepTimeout)
		q.upload("#rs-file", path)
		q.waitVisible("#rs-passphrase", stepTimeout)
		q.typeText("#rs-passphrase", benchPassword)
		q.click("#rs-open")
		q.waitVisible("#rs-count", kdfTimeout)
		q.typeText("#rs-password", benchPassword)
		q.typeText("#rs-confirm", benchPassword)
		q.click("#rs-submit")
		q.waitFor("1000 restored accounts", "("+listedJS+")() >= 1000", 3*time.Minute)
		m := q.benchMarks()
		read, _, _, _ := m.span(b, "file:rs-file", "rs-found")
		open, openKDF, _, n1 := m.span(b, "submit:rs-decrypt", "rs-count")
		create, createKDF, _, n2 := m.span(b, "submit:rs-create", "accounts1000")
		if n1 != 1 || n2 != 1 {
			b.Errorf("the restore derived %d keys to open the file and %d to create the vault, want 1 and 1", n1, n2)
		}
		add("restore-read-ms", read)
		add("restore-open-ms", open)
		add("restore-open-kdf-ms", openKDF)
		add("restore-create-ms", create)
		add("restore-create-kdf-ms", createKDF)
		add("restore-rest-ms", read+open+create-openKDF-createKDF)
	}
	names := make([]string, 0, len(metrics))
	for name := range metrics {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		b.ReportMetric(mean(metrics[name]), name)
	}
	v := func(name string) float64 { return mean(metrics[name]) }
	b.Logf("1000 accounts: backup %.0f ms (key derivations %.0f ms, rest %.0f ms, of which worker loading %.0f ms; file %.0f kB); "+
		"restore: read %.0f ms, open %.0f ms (derivation %.0f ms), create %.0f ms (derivation %.0f ms, then 1000 rows)",
		v("backup-ms"), v("backup-kdf-ms"), v("backup-rest-ms"), v("backup-worker-load-ms"), v("backup-kB"),
		v("restore-read-ms"), v("restore-open-ms"), v("restore-open-kdf-ms"), v("restore-create-ms"), v("restore-create-kdf-ms"))
}
