//go:build !js

package e2e

// This file is the harness of the app's end-to-end tests and benchmarks
// (app_test.go, backup_test.go, import_test.go, scan_test.go,
// bench_test.go): the site, built once per test binary; a loopback server
// per test that can go offline or switch to another site; one Chromium
// shared by the tests, with a fresh browser context (profile) per test; and
// a page type that records every request, console error and CSP violation
// of its tabs and fails the test on them, and can choose files for an
// <input type=file> and catch the files the page downloads.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"twofold.app/app/keeper"
	"twofold.app/app/otp"
	"twofold.app/app/store"
	"twofold.app/app/vault"
	"twofold.app/cmd/twofold/internal/site"
)

// stepTimeout bounds one ordinary browser step: a click, a wait for an
// element, an evaluation.
const stepTimeout = 30 * time.Second

// kdfTimeout bounds a step that waits for a key derivation (creating or
// unlocking a vault) on a slow, shared machine.
const kdfTimeout = 90 * time.Second

func TestMain(m *testing.M) {
	code := m.Run()
	closeBrowser()
	scratchMu.Lock()
	if scratch != "" {
		os.RemoveAll(scratch)
	}
	scratchMu.Unlock()
	os.Exit(code)
}

var (
	scratchMu sync.Mutex
	scratch   string // this test binary's temporary folder, removed by TestMain
)

// scratchDir returns a new folder under this test binary's temporary
// folder. Unlike t.TempDir, it outlives the test that made it, for the
// site that all tests share.
func scratchDir(name string) (string, error) {
	scratchMu.Lock()
	defer scratchMu.Unlock()
	if scratch == "" {
		dir, err := os.MkdirTemp("", "twofold-e2e-")
		if err != nil {
			return "", err
		}
		scratch = dir
	}
	return os.MkdirTemp(scratch, name+"-")
}

// builtSite is a website written by site.Build.
type builtSite struct {
	Dir     string
	Version string
}

var (
	siteOnce   sync.Once
	sharedSite builtSite
	siteErr    error
)

// testSite returns the site every browser test serves. It is built once
// per test binary, from the working tree (the wasm programs and static/),
// or read from the folder named by TWOFOLD_SITE when that is set (make bench
// sets it to the site it has just built).
func testSite(t testing.TB) builtSite {
	t.Helper()
	siteOnce.Do(func() {
		start := time.Now()
		sharedSite, siteErr = loadOrBuildSite()
		if siteErr == nil {
			fmt.Fprintf(os.Stderr, "e2e: site %s (version %s) ready in %v\n", sharedSite.Dir, sharedSite.Version, time.Since(start).Round(time.Millisecond))
		}
	})
	if siteErr != nil {
		t.Fatalf("building the site: %v", siteErr)
	}
	return sharedSite
}

func loadOrBuildSite() (builtSite, error) {
	if dir := os.Getenv("TWOFOLD_SITE"); dir != "" {
		w, err := readWorker(dir)
		if err != nil {
			return builtSite{}, fmt.Errorf("TWOFOLD_SITE=%s: %w", dir, err)
		}
		return builtSite{Dir: dir, Version: w.Version}, nil
	}
	root, err := findModuleRoot()
	if err != nil {
		return builtSite{}, err
	}
	tmp, err := scratchDir("site")
	if err != nil {
		return builtSite{}, err
	}
	appWasm := filepath.Join(tmp, "build", "app.wasm")
	kdfWasm := filepath.Join(tmp, "build", "kdf.wasm")
	importKDFWasm := filepath.Join(tmp, "build", "import-kdf.wasm")
	scanWasm := filepath.Join(tmp, "build", "scan.wasm")
	builds := []struct{ pkg, out string }{
		{"./wasm", appWasm}, {"./wasm/kdfworker", kdfWasm}, {"./wasm/importkdf", importKDFWasm}, {"./wasm/scanworker", scanWasm},
	}
	var wg sync.WaitGroup
	errs := make([]error, len(builds))
	for i, b := range builds {
		wg.Go(func() { errs[i] = goBuildWasm(root, b.pkg, b.out) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return builtSite{}, err
	}
	dir := filepath.Join(tmp, "site")
	v, err := site.Build(dir, site.Inputs{AppWasm: appWasm, KDFWasm: kdfWasm, ImportKDFWasm: importKDFWasm, ScanWasm: scanWasm, Static: filepath.Join(root, "static")})
	if err != nil {
		return builtSite{}, fmt.Errorf("site.Build: %w", err)
	}
	return builtSite{Dir: dir, Version: v}, nil
}

// goBuildWasm builds the package pkg (relative to the module root) for the
// browser, as make site does.
func goBuildWasm(root, pkg, out string) error {
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", out, pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("GOOS=js GOARCH=wasm go build %s: %w\n%s", pkg, err, b)
	}
	return nil
}

// findModuleRoot returns the folder of the twofold.app module.
var findModuleRoot = sync.OnceValues(func() (string, error) {
	b, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(b))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside the twofold.app module")
	}
	return filepath.Dir(gomod), nil
})

// worker is what the site's app-worker.js says.
type worker struct {
	Version   string
	Resources []string // resourcesToCache
}

var (
	workerVersionRE   = regexp.MustCompile(`const cacheName = "app-" \+ "([^"]+)";`)
	workerResourcesRE = regexp.MustCompile(`const resourcesToCache = (\[.*?\]);`)
)

func readWorker(dir string) (worker, error) {
	b, err := os.ReadFile(filepath.Join(dir, "app-worker.js"))
	if err != nil {
		return worker{}, err
	}
	var w worker
	m := workerVersionRE.FindSubmatch(b)
	if m == nil {
		return worker{}, errors.New("app-worker.js names no cache version")
	}
	w.Version = string(m[1])
	m = workerResourcesRE.FindSubmatch(b)
	if m == nil {
		return worker{}, errors.New("app-worker.js has no resourcesToCache list")
	}
	if err := json.Unmarshal(m[1], &w.Resources); err != nil {
		return worker{}, fmt.Errorf("app-worker.js resourcesToCache: %w", err)
	}
	return w, nil
}

// server serves a site on a loopback address with the production handler
// (site.Handler). It can drop every connection, as a network that is gone,
// and switch to another site at the same origin, as a deploy does.
type server struct {
	URL     string // http://127.0.0.1:port, no final slash
	offline atomic.Bool

	mu       sync.Mutex
	handler  http.Handler
	requests []string                 // "GET /path", in order, including dropped ones
	held     map[string]chan struct{} // path → closed when its requests may go on
	instead  map[string]http.Handler  // path → what answers it instead of the site
}

// newServer serves dir until the end of t.
func newServer(t testing.TB, dir string) *server {
	t.Helper()
	s := &server{handler: site.Handler(dir)}
	hs := httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	t.Cleanup(hs.Close)
	s.URL = hs.URL
	return s
}

func (s *server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.Method+" "+r.URL.RequestURI())
	h := s.handler
	gate := s.held[r.URL.Path]
	s.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-r.Context().Done():
			return
		}
	}
	if s.offline.Load() {
		panic(http.ErrAbortHandler) // drop the connection, send nothing
	}
	s.mu.Lock()
	if other := s.instead[r.URL.Path]; other != nil {
		h = other
	}
	s.mu.Unlock()
	if r.URL.Path == blankPath {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>e2e</title>`)
		return
	}
	h.ServeHTTP(w, r)
}

// hold makes the server keep every request for path waiting, as a slow
// network would, until release is called (or the test ends).
func (s *server) hold(t testing.TB, path string) (release func()) {
	gate := make(chan struct{})
	s.mu.Lock()
	if s.held == nil {
		s.held = map[string]chan struct{}{}
	}
	s.held[path] = gate
	s.mu.Unlock()
	release = sync.OnceFunc(func() {
		s.mu.Lock()
		delete(s.held, path)
		s.mu.Unlock()
		close(gate)
	})
	t.Cleanup(release)
	return release
}

// answerInstead makes the server answer every request for path with h
// instead of the site, until the end of t; a request held back (see hold)
// gets h's answer if it is released after this call.
func (s *server) answerInstead(t testing.TB, path string, h http.Handler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.instead == nil {
		s.instead = map[string]http.Handler{}
	}
	s.instead[path] = h
	t.Cleanup(func() {
		s.mu.Lock()
		delete(s.instead, path)
		s.mu.Unlock()
	})
}

// blankPath is a page of the test server's own, not of the site: an empty
// document of the site's origin, where a test can set up storage before the
// app first runs.
const blankPath = "/e2e-blank.html"

// setOffline makes the server drop (true) or serve (false) every request.
func (s *server) setOffline(off bool) { s.offline.Store(off) }

// serve switches the server to the site in dir.
func (s *server) serve(dir string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handler = site.Handler(dir)
}

// requestCount returns how many requests the server has seen so far.
func (s *server) requestCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// requestsSince returns the requests after the first n.
func (s *server) requestsSince(n int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests[n:]...)
}

var (
	browserMu     sync.Mutex
	browserCtx    context.Context
	browserCancel context.CancelFunc
)

// allocatorOptions are the options of every Chromium the tests start,
// at path, followed by extra: headless, without a GPU or traffic of its
// own (updates, sync, QUIC), and with no tab throttled as a background
// tab, as the tabs of the two-tab test run side by side.
func allocatorOptions(path string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.WindowSize(1024, 768),
	)
	return append(opts, extra...)
}

// sharedBrowser returns the chromedp context of the Chromium that this test
// binary's app tests share, starting it on first use. Tests isolate
// themselves with a new browser context each (see openPage). It skips t
// without Chromium, or fails it under CI=true.
func sharedBrowser(t testing.TB) context.Context {
	t.Helper()
	path := chromiumPath(t)
	browserMu.Lock()
	defer browserMu.Unlock()
	if browserCtx != nil && browserCtx.Err() == nil {
		return browserCtx
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocatorOptions(path)...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		cancelBrowser()
		cancelAlloc()
		t.Fatalf("starting chromium: %v", err)
	}
	browserCtx = bctx
	browserCancel = func() {
		cancelBrowser()
		cancelAlloc()
	}
	return browserCtx
}

func closeBrowser() {
	browserMu.Lock()
	defer browserMu.Unlock()
	if browserCancel != nil {
		browserCancel()
		browserCancel, browserCtx = nil, nil
	}
}

// pageInit runs in every document of a test page before its own scripts.
// It turns CSP violations into console errors (which the recorder reports)
// and times named probes for benchmarks: window.twofoldSeen[name] is the
// performance.now() at which the probe's condition first held, checked on
// every DOM change. window.twofoldSubmitAt is the time of the last form
// submission.
const pageInit = `(() => {
	document.addEventListener("securitypolicyviolation", (e) => {
		console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " in " + e.sourceFile + ":" + e.lineNumber);
	}, true);
	const seen = window.twofoldSeen = {};
	// usable: the input is in the page, laid out, enabled, and not under
	// go-app's loading screen, whoever drew it (the app, or the boot script
	// before the app runs).
	const usable = (id) => {
		const el = document.getElementById(id);
		if (el === null || el.disabled || el.getClientRects().length === 0) return false;
		const loader = document.getElementById("app-wasm-loader");
		return loader === null || getComputedStyle(loader).display === "none";
	};
	const probes = {
		unlockForm: () => usable("unlock-password"),
		setupForm: () => usable("setup-password"),
		vault: () => document.querySelector("section.vault") !== null,
		firstCode: () => { const c = document.querySelector("li.account .code"); return c !== null && c.textContent !== ""; },
		accounts1000: () => (` + listedJS + `)() >= 1000,
	};
	// A probe's time is that of the first frame drawn after its condition
	// held (requestAnimationFrame runs just before the frame is painted):
	// a page that changes its DOM and then keeps the main thread busy is
	// timed when the person can see the change.
	const held = {};
	const check = () => {
		for (const name in probes) {
			if (!(name in held) && probes[name]()) {
				held[name] = true;
				requestAnimationFrame(() => { seen[name] = performance.now(); });
			}
		}
	};
	new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true, attributeFilter: ["aria-busy"] });
	window.addEventListener("submit", () => { window.twofoldSubmitAt = performance.now(); }, true);
})();`

// listedJS is a JavaScript function that returns the number of accounts
// the list shows: the rows in the page, or for a windowed list, whose rows
// say the size of the whole list (aria-setsize) and which holds only those
// near the screen, that size once the list is drawn (not aria-busy).
const listedJS = `() => {
	const ul = document.getElementById("accounts");
	const r = ul && ul.querySelector(":scope > li.account");
	if (!r) return 0;
	const size = r.getAttribute("aria-setsize");
	if (size === null) return ul.querySelectorAll(":scope > li.account").length;
	return ul.hasAttribute("aria-busy") ? 0 : Number(size);
}`

// recorder keeps what the tabs of one test did: every request they sent and
// every console line. It is filled by a chromedp listener and checked when
// the test ends.
type recorder struct {
	origin string

	mu       sync.Mutex
	requests []string // URLs
	console  []string // every console line, for failure logs
	problems []string // console errors, uncaught exceptions, CSP violations
	allowed  []*regexp.Regexp
}

func (r *recorder) listen(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		r.requests = append(r.requests, ev.Request.URL)
	case *runtime.EventConsoleAPICalled:
		line := "console." + string(ev.Type) + ": " + argsText(ev.Args)
		r.console = append(r.console, line)
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			r.problems = append(r.problems, line)
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		line := "uncaught: " + d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			line += " " + d.Exception.Description
		}
		line += fmt.Sprintf(" (%s:%d)", d.URL, d.LineNumber+1)
		r.console = append(r.console, line)
		r.problems = append(r.problems, line)
	case *log.EventEntryAdded:
		e := ev.Entry
		line := fmt.Sprintf("browser %s (%s): %s %s", e.Level, e.Source, e.Text, e.URL)
		r.console = append(r.console, line)
		if e.Level == log.EntryLevelError {
			r.problems = append(r.problems, line)
		}
	}
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a.Type == runtime.RemoteObjectTypeString:
			var s string
			if json.Unmarshal(a.Value, &s) == nil {
				parts = append(parts, s)
				continue
			}
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
			continue
		}
		parts = append(parts, a.Description)
	}
	return strings.Join(parts, " ")
}

// allow stops console errors matching the regular expression pattern from
// failing the test.
func (r *recorder) allow(pattern string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.allowed = append(r.allowed, regexp.MustCompile(pattern))
}

// check fails t for every request to another origin and every console
// error that was not allowed.
func (r *recorder) check(t testing.TB) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, u := range r.requests {
		if !r.sameOrigin(u) {
			t.Errorf("the page sent a request to another origin: %s", u)
		}
	}
	for _, p := range r.problems {
		ok := false
		for _, re := range r.allowed {
			ok = ok || re.MatchString(p)
		}
		if !ok {
			t.Errorf("the browser reported a problem: %s", p)
		}
	}
	if t.Failed() && len(r.console) > 0 {
		t.Logf("browser console:\n\t%s", strings.Join(r.console, "\n\t"))
	}
}

func (r *recorder) sameOrigin(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "chrome-extension":
		return true
	case "about":
		return raw == "about:blank"
	}
	return u.Scheme+"://"+u.Host == r.origin
}

// page is one tab of a test, in a browser context of its own, on a server
// of its own.
type page struct {
	t   testing.TB
	ctx context.Context // the tab's chromedp context
	srv *server
	rec *recorder
}

// openPage opens a blank tab in a new browser context (fresh storage,
// caches and service workers) for t, recording everything for srv's origin.
// The tab and its browser context close at the end of t, after the
// recorder's checks; a failed test leaves a screenshot named after it.
func openPage(t testing.TB, srv *server) *page {
	t.Helper()
	return openPageOn(t, sharedBrowser(t), srv)
}

// openPageOn is openPage in the browser of browserCtx (see scanBrowser)
// instead of the shared one.
func openPageOn(t testing.TB, browserCtx context.Context, srv *server) *page {
	t.Helper()
	rec := &recorder{origin: srv.URL}
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext(), chromedp.WithListener(rec.listen))
	t.Cleanup(cancel)
	p := &page{t: t, ctx: ctx, srv: srv, rec: rec}
	p.start()
	failShot := failShotName(t)
	t.Cleanup(func() {
		if t.Failed() {
			saveScreenshot(t, p.ctx, failShot)
		}
		rec.check(t)
	})
	return p
}

// failShots counts the pages each test has opened, so that each page
// leaves its own screenshot when the test fails: a test's second page's
// overwrote its first's, and showed the wrong page.
var failShots struct {
	sync.Mutex
	n map[string]int
}

// failShotName returns the name of the screenshot that the page t opens
// next leaves if t fails, failed-<test> for its first page and
// failed-<test>-<k> for its k-th, and removes a previous run's.
func failShotName(t testing.TB) string {
	failShots.Lock()
	if failShots.n == nil {
		failShots.n = map[string]int{}
	}
	failShots.n[t.Name()]++
	k := failShots.n[t.Name()]
	failShots.Unlock()
	name := "failed-" + strings.ReplaceAll(t.Name(), "/", "-")
	if k > 1 {
		name += fmt.Sprintf("-%d", k)
	}
	if root, err := findModuleRoot(); err == nil {
		os.Remove(filepath.Join(root, "out", "e2e", "screenshots", name+".png"))
	}
	return name
}

// newTab opens another tab in p's browser context, recorded with p's. It
// closes at the end of the test.
func (p *page) newTab() *page {
	p.t.Helper()
	ctx, cancel := chromedp.NewContext(p.ctx, chromedp.WithListener(p.rec.listen))
	p.t.Cleanup(cancel)
	q := &page{t: p.t, ctx: ctx, srv: p.srv, rec: p.rec}
	q.start()
	return q
}

func (p *page) start() {
	p.t.Helper()
	// The first action on a context opens its tab and ties the tab's life
	// to the context it is given: that must be the tab's own, with no
	// timeout.
	if err := chromedp.Do(p.ctx); err != nil {
		p.t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: pageInit}); err != nil {
		p.t.Fatalf("adding the page's init script: %v", err)
	}
}

// do runs actions, failing the test with what on error.
func (p *page) do(what string, timeout time.Duration, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, timeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v%s", what, err, p.describe())
	}
}

// describe returns what the page shows, to explain a failure.
func (p *page) describe() string {
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : "(no body)"`))
	if err != nil {
		return ""
	}
	return "\npage text:\n\t" + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n\t")
}

// evalJS evaluates the JavaScript expression js in the tab of p, awaiting it
// if it is a promise, and decodes its value as T.
func evalJS[T any](p *page, js string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", abbreviate(js), err)
	}
	return v
}

func abbreviate(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

// jsString returns s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// navigate loads path (such as "/") from the test's server.
func (p *page) navigate(path string) {
	p.t.Helper()
	p.do("loading "+path, stepTimeout, chromedp.Navigate(p.srv.URL+path))
}

// reload reloads the page.
func (p *page) reload() {
	p.t.Helper()
	p.do("reloading", stepTimeout, chromedp.Reload())
}

// waitVisible waits until the element sel (a CSS selector) is visible.
func (p *page) waitVisible(sel string, timeout time.Duration) {
	p.t.Helper()
	p.do("waiting for "+sel, timeout, chromedp.WaitVisible(chromedp.CSS(sel)))
}

// waitGone waits until no element matches sel.
func (p *page) waitGone(sel string, timeout time.Duration) {
	p.t.Helper()
	p.do("waiting for "+sel+" to go", timeout, chromedp.WaitNotPresent(chromedp.CSS(sel)))
}

// waitFor waits until the JavaScript expression cond is true.
func (p *page) waitFor(what, cond string, timeout time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		// A poll fails when the page navigates under it: poll again in the
		// new document until the time is up. A condition that throws (an
		// element not drawn yet) counts as false: thrown inside the poll,
		// it would leave the poll's promise unsettled until the deadline.
		ctx, cancel := context.WithDeadline(p.ctx, deadline)
		_, err := chromedp.Run(ctx, chromedp.Poll[bool]("(() => { try { return Boolean("+cond+"); } catch { return false; } })()", chromedp.WithPollingInterval(50*time.Millisecond)))
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) || p.ctx.Err() != nil {
			p.t.Fatalf("waiting for %s: %v%s", what, err, p.describe())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// click clicks the element sel with the mouse, once the account list, if
// one is shown, is drawn (see waitSettled): chromedp computes where to
// press from the layout, and a row just placed in the list takes clicks
// on its buttons only once the browser has drawn it.
func (p *page) click(sel string) {
	p.t.Helper()
	p.waitSettled()
	// The element may be replaced between the moment chromedp finds it and
	// the moment it asks where it is, with no mouse event sent yet: the
	// app replaces the form the boot script drew when it starts. Then the
	// click is tried again on the new element, once or twice.
	for try := 0; ; try++ {
		ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
		err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel)))
		cancel()
		if err == nil {
			return
		}
		if try < 2 && strings.Contains(err.Error(), "Could not find node with given id") {
			p.t.Logf("clicking %s: the element was replaced (%v): again", sel, err)
			continue
		}
		p.t.Fatalf("clicking %s: %v%s", sel, err, p.describe())
	}
}

// text returns the text content of the element sel, or fails the test if
// there is none.
func (p *page) text(sel string) string {
	p.t.Helper()
	v := evalJS[*string](p, `(() => { const e = document.querySelector(`+jsString(sel)+`); return e ? e.textContent : null; })()`)
	if v == nil {
		p.t.Fatalf("no element %s%s", sel, p.describe())
	}
	return *v
}

// exists reports whether an element matches sel.
func (p *page) exists(sel string) bool {
	p.t.Helper()
	return evalJS[bool](p, `document.querySelector(`+jsString(sel)+`) !== null`)
}

// count returns how many elements match sel.
func (p *page) count(sel string) int {
	p.t.Helper()
	return evalJS[int](p, `document.querySelectorAll(`+jsString(sel)+`).length`)
}

// countShown returns the number of elements matching sel that the page
// shows: not hidden by display: none, theirs or an ancestor's, and so
// neither focusable nor in the accessibility tree.
func (p *page) countShown(sel string) int {
	p.t.Helper()
	return evalJS[int](p, `[...document.querySelectorAll(`+jsString(sel)+`)].filter((e) => e.checkVisibility()).length`)
}

// typeText replaces the text of the input sel by s, typed key by key, as a
// person does: every key fires the input events go-app listens to.
func (p *page) typeText(sel, s string) {
	p.t.Helper()
	// Typing replaces the whole value, so it can start again on a field
	// replaced under it (see retryReplaced).
	err := retryReplaced(func() error {
		ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
		defer cancel()
		return chromedp.Do(ctx,
			chromedp.Focus(chromedp.CSS(sel)),
			chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`),
			chromedp.KeyEvent("\b"), // clear the selection, also when s is empty
			chromedp.SendKeys(chromedp.CSS(sel), s))
	})
	if err != nil {
		p.t.Fatalf("typing into %s: %v%s", sel, err, p.describe())
	}
	if got := evalJS[string](p, `document.querySelector(`+jsString(sel)+`).value`); got != s {
		p.t.Fatalf("typing into %s left %d characters, want %d", sel, len(got), len(s))
	}
}

// paste replaces the text of the input sel by s at once, as a paste does:
// one input event.
func (p *page) paste(sel, s string) {
	p.t.Helper()
	p.do("pasting into "+sel, stepTimeout,
		chromedp.Focus(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: s})
			return err
		}))
	if got := evalJS[string](p, `document.querySelector(`+jsString(sel)+`).value`); got != s {
		p.t.Fatalf("pasting into %s left %d characters, want %d", sel, len(got), len(s))
	}
}

// choose selects value in the <select> sel. go-app listens to change
// events, which setting the value from a script does not fire, so it
// dispatches one, as the browser does when a person picks an option.
func (p *page) choose(sel, value string) {
	p.t.Helper()
	ok := evalJS[bool](p, `(() => {
		const s = document.querySelector(`+jsString(sel)+`);
		if (!s || ![...s.options].some((o) => o.value === `+jsString(value)+`)) return false;
		s.focus();
		s.value = `+jsString(value)+`;
		s.dispatchEvent(new Event("input", { bubbles: true }));
		s.dispatchEvent(new Event("change", { bubbles: true }));
		return true;
	})()`)
	if !ok {
		p.t.Fatalf("no option %q in %s%s", value, sel, p.describe())
	}
}

// upload gives the file input sel the file at path, as picking it in the
// browser's file chooser does: the input fires its input and change events.
func (p *page) upload(sel, path string) {
	p.t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		p.t.Fatal(err)
	}
	p.do("choosing "+filepath.Base(path)+" in "+sel, stepTimeout, chromedp.SetUploadFiles(chromedp.CSS(sel), []string{abs}))
}

// downloads is a folder where the browser context of a page saves the
// files it downloads.
type downloads struct {
	p   *page
	dir string
}

// allowDownloads makes the browser context of p save every download, without
// asking, into a new empty folder, and returns that folder. A later call
// moves the downloads to another new folder, so that each one can be told
// apart even when the page gives two files the same name.
func (p *page) allowDownloads() *downloads {
	p.t.Helper()
	dir := p.t.TempDir()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllow,
		BrowserContextID: chromedp.FromContext(p.ctx).BrowserContextID,
		DownloadPath:     dir,
	})
	if err != nil {
		p.t.Fatalf("allowing downloads: %v", err)
	}
	return &downloads{p: p, dir: dir}
}

// files returns the names of the files in d: the finished downloads, and
// those under way (Chromium names them *.crdownload until they are done).
func (d *downloads) files() (done, partial []string) {
	d.p.t.Helper()
	entries, err := os.ReadDir(d.dir)
	if err != nil {
		d.p.t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".crdownload") {
			partial = append(partial, e.Name())
		} else {
			done = append(done, e.Name())
		}
	}
	return done, partial
}

// wait waits until d holds one finished download and nothing under way, and
// returns its name and bytes. It fails the test after timeout, or when more
// than one file arrived.
func (d *downloads) wait(what string, timeout time.Duration) (string, []byte) {
	d.p.t.Helper()
	for deadline := time.Now().Add(timeout); ; time.Sleep(50 * time.Millisecond) {
		done, partial := d.files()
		if len(done) > 1 {
			d.p.t.Fatalf("waiting for %s: %d files were downloaded: %q", what, len(done), done)
		}
		if len(done) == 1 && len(partial) == 0 {
			data, err := os.ReadFile(filepath.Join(d.dir, done[0]))
			if err != nil {
				d.p.t.Fatal(err)
			}
			return done[0], data
		}
		if time.Now().After(deadline) {
			d.p.t.Fatalf("waiting for %s: no download in %v (%d under way)%s", what, timeout, len(partial), d.p.describe())
		}
	}
}

// screenshot writes a full-page PNG of the tab of ctx to
// out/e2e/screenshots/<name>.png under the module root and logs its path.
func screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	if path, err := writeScreenshot(ctx, name); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	} else {
		t.Logf("screenshot: %s", path)
	}
}

// saveScreenshot is screenshot for cleanups: it only logs errors.
func saveScreenshot(t testing.TB, ctx context.Context, name string) {
	if path, err := writeScreenshot(ctx, name); err != nil {
		t.Logf("screenshot %s: %v", name, err)
	} else {
		t.Logf("screenshot: %s", path)
	}
}

func writeScreenshot(ctx context.Context, name string) (string, error) {
	return writeShot(ctx, name, chromedp.FullScreenshot(100))
}

// writeShot writes the picture that take takes as the screenshot name.
func writeShot(ctx context.Context, name string, take chromedp.Action[[]byte]) (string, error) {
	root, err := findModuleRoot()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "out", "e2e", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, take)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, name+".png")
	return path, os.WriteFile(path, png, 0o644)
}

// shot is screenshot for p's tab.
func (p *page) shot(name string) {
	p.t.Helper()
	screenshot(p.t, p.ctx, name)
}

// shotScreen saves a screenshot of what p's tab shows on the screen, not
// of the whole page: a long list's page is too tall for one picture.
func (p *page) shotScreen(name string) {
	p.t.Helper()
	if path, err := writeShot(p.ctx, name, chromedp.CaptureScreenshot()); err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	} else {
		p.t.Logf("screenshot: %s", path)
	}
}

// seedVault seals a new vault holding accounts under password, natively
// with the app's own packages and the default Argon2id cost, and stores it
// in the IndexedDB of the server's origin where the app keeps it (database
// twofold, object store records, key vault, value {rev, data}). The tab is
// left on a page of the origin that does not run the app; load "/" next.
func (p *page) seedVault(password string, accounts []vault.Account) {
	p.t.Helper()
	sealed, rev := sealVault(p.t, password, accounts)
	p.storeVault(sealed, rev)
}

// storeVault stores a sealed vault with its revision as the app does, in
// the IndexedDB of the server's origin (see seedVault).
func (p *page) storeVault(sealed []byte, rev uint64) {
	p.t.Helper()
	p.navigate(blankPath) // the origin, without the app
	n := evalJS[int](p, storeVaultJS(sealed, rev))
	if n != len(sealed) {
		p.t.Fatalf("stored %d bytes of the vault, want %d", n, len(sealed))
	}
}

// markHeld sets the preference by which the app knows that this browser
// holds a vault (twofold.vault-since, a date), as the app does when it
// creates or first unlocks one. It is on the origin's blank page.
func (p *page) markHeld() {
	p.t.Helper()
	p.navigate(blankPath)
	evalJS[any](p, `localStorage.setItem("twofold.vault-since", "2026-12-01")`)
}

// sealVault returns a vault holding accounts under password, sealed by the
// keeper into a memory store at the default cost, and its revision there.
func sealVault(t testing.TB, password string, accounts []vault.Account) ([]byte, uint64) {
	t.Helper()
	return sealVaultAt(t, vault.DefaultParams, password, accounts)
}

// sealVaultAt is sealVault at the Argon2id cost params.
func sealVaultAt(t testing.TB, params vault.Params, password string, accounts []vault.Account) ([]byte, uint64) {
	t.Helper()
	ctx := context.Background()
	mem := store.NewMem()
	k, err := keeper.Create(ctx, mem, []byte(password), params, vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatalf("creating a vault: %v", err)
	}
	defer k.Lock()
	if len(accounts) > 0 {
		err := k.Update(ctx, func(c *vault.Contents) error {
			for _, a := range accounts {
				if err := c.Add(a); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("adding accounts: %v", err)
		}
	}
	rec, err := mem.Get(ctx, keeper.Key)
	if err != nil {
		t.Fatalf("reading the sealed vault: %v", err)
	}
	return rec.Data, rec.Revision
}

// newAccount returns an account with a fresh ID and a random 20-byte secret.
func newAccount(t testing.TB, issuer, name string, key otp.Key) vault.Account {
	t.Helper()
	id, err := vault.NewID(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if key.Secret == nil {
		key.Secret = randomSecret(t)
	}
	now := time.Now().UTC().Truncate(time.Second)
	return vault.Account{ID: id, Issuer: issuer, Name: name, Key: key, Created: now, Modified: now}
}

func randomSecret(t testing.TB) []byte {
	t.Helper()
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func totpKey(secret []byte) otp.Key {
	return otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: secret}
}

// unlock types password into the unlock form, submits it and waits for the
// vault screen.
func (p *page) unlock(password string) {
	p.t.Helper()
	p.waitVisible("#unlock-password", stepTimeout)
	p.typeText("#unlock-password", password)
	p.click("#unlock-submit")
	p.waitVisible("section.vault", kdfTimeout)
	p.waitSettled()
}

// waitSettled waits until the account list, if one is shown, is drawn
// whole and painted: wasm/rows marks it aria-busy while a long list is
// drawn a part a frame, and after rows were added or moved until the
// browser has drawn them (rows are content-visibility: auto, and the
// inside of a row just placed is laid out, and takes clicks, only then).
func (p *page) waitSettled() {
	p.t.Helper()
	p.waitFor("the list drawn whole", `document.querySelector("#accounts[aria-busy]") === null`, kdfTimeout)
}

// row is an account as the list shows it.
type row struct {
	ID, Issuer, Name, Code, Copied string
	Seconds                        string // "" for HOTP
	Next                           bool   // has a Next button (HOTP)
}

// listView is the account list with the page's clock when it was read.
type listView struct {
	Now  int64 // the page's Date.now()
	Rows []row
}

// listJS reads the account list as a listView, with the page's clock.
const listJS = `(() => {
		const text = (li, sel) => { const e = li.querySelector(sel); return e ? e.textContent : ""; };
		return {
			Now: Date.now(),
			Rows: [...document.querySelectorAll("#accounts > li.account")].map((li) => ({
				ID: li.dataset.id, Issuer: text(li, ".issuer"), Name: text(li, ".name"),
				Code: text(li, ".code"), Copied: text(li, ".copied"), Seconds: text(li, ".seconds"),
				Next: li.querySelector("button.next") !== null,
			})),
		};
	})()`

func (p *page) list() listView {
	p.t.Helper()
	return evalJS[listView](p, listJS)
}

// find returns the row whose issuer is issuer.
func (v listView) find(issuer string) (row, bool) {
	for _, r := range v.Rows {
		if r.Issuer == issuer {
			return r, true
		}
	}
	return row{}, false
}

// expectCode checks that the row of issuer shows key's code at the page's
// own clock. The app redraws codes on whole seconds, so just after a period
// boundary it may show the previous code for under a second: then it reads
// again, and the code must match exactly.
func (p *page) expectCode(issuer string, key otp.Key) string {
	p.t.Helper()
	for attempt := 0; ; attempt++ {
		v := p.list()
		r, ok := v.find(issuer)
		if !ok {
			p.t.Fatalf("no account %q in the list%s", issuer, p.describe())
		}
		now := time.UnixMilli(v.Now)
		want, err := key.Code(now)
		if err != nil {
			p.t.Fatalf("computing the code of %q: %v", issuer, err)
		}
		if r.Code == otp.Group(want) {
			return want
		}
		if key.Type != otp.HOTP && attempt < 3 && justTurned(key, now) {
			time.Sleep(time.Second)
			continue
		}
		p.t.Fatalf("%q shows code %q at %v, want %q", issuer, r.Code, now.Format(time.RFC3339Nano), otp.Group(want))
	}
}

// justTurned reports whether a period of key began within the last 1.5 s
// before now.
func justTurned(key otp.Key, now time.Time) bool {
	period := time.Duration(key.Period) * time.Second
	return now.Truncate(period) != now.Add(-1500*time.Millisecond).Truncate(period)
}

// probeTimes returns the page's twofoldSeen probe times and its last submit
// time, in milliseconds since navigation.
type probeTimes struct {
	Seen     map[string]float64
	SubmitAt float64
}

func (p *page) probes() probeTimes {
	p.t.Helper()
	return evalJS[probeTimes](p, `({ Seen: window.twofoldSeen || {}, SubmitAt: window.twofoldSubmitAt || 0 })`)
}

// storageDump is everything the origin keeps in web storage and IndexedDB,
// with every byte array base64-encoded in a {"bytes": …} object.
const storageDump = `(async () => {
	const enc = (v) => {
		if (v instanceof ArrayBuffer) v = new Uint8Array(v);
		if (ArrayBuffer.isView(v)) {
			const b = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
			let s = "";
			for (const x of b) s += String.fromCharCode(x);
			return { bytes: btoa(s) };
		}
		if (Array.isArray(v)) return v.map(enc);
		if (v && typeof v === "object") {
			const o = {};
			for (const k of Object.keys(v)) o[k] = enc(v[k]);
			return o;
		}
		return v;
	};
	const out = { url: location.href, local: {}, session: {}, idb: [] };
	for (let i = 0; i < localStorage.length; i++) out.local[localStorage.key(i)] = localStorage.getItem(localStorage.key(i));
	for (let i = 0; i < sessionStorage.length; i++) out.session[sessionStorage.key(i)] = sessionStorage.getItem(sessionStorage.key(i));
	for (const info of await indexedDB.databases()) {
		const db = await new Promise((resolve, reject) => {
			const req = indexedDB.open(info.name);
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		for (const name of db.objectStoreNames) {
			const tx = db.transaction(name, "readonly");
			const st = tx.objectStore(name);
			const [keys, values] = await Promise.all([st.getAllKeys(), st.getAll()].map((req) => new Promise((resolve, reject) => {
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error);
			})));
			keys.forEach((k, i) => out.idb.push({ db: info.name, store: name, key: enc(k), value: enc(values[i]) }));
		}
		db.close();
	}
	return JSON.stringify(out);
})()`

// dumpedBytes returns every byte array in a storageDump, decoded.
func dumpedBytes(v any) [][]byte {
	var out [][]byte
	switch v := v.(type) {
	case map[string]any:
		if s, ok := v["bytes"].(string); ok && len(v) == 1 {
			if b, err := base64.StdEncoding.DecodeString(s); err == nil {
				out = append(out, b)
			}
		}
		for _, x := range v {
			out = append(out, dumpedBytes(x)...)
		}
	case []any:
		for _, x := range v {
			out = append(out, dumpedBytes(x)...)
		}
	}
	return out
}

// containsBytes reports whether any of blobs holds needle.
func containsBytes(blobs [][]byte, needle []byte) bool {
	for _, b := range blobs {
		if bytes.Contains(b, needle) {
			return true
		}
	}
	return false
}

// TestHarness checks that the harness sees what it must fail tests on: a
// request to another origin, a console error, a CSP violation. Without it,
// a recorder that missed everything would let every test pass.
func TestHarness(t *testing.T) {
	r := &recorder{origin: "http://127.0.0.1:8123"}
	for _, tt := range []struct {
		url  string
		same bool
	}{
		{"http://127.0.0.1:8123/", true},
		{"http://127.0.0.1:8123/web/app.wasm?x=1", true},
		{"data:image/png;base64,AAAA", true},
		{"blob:http://127.0.0.1:8123/1234", true},
		{"about:blank", true},
		{"http://127.0.0.1:8124/", false},
		{"https://127.0.0.1:8123/", false},
		{"http://localhost:8123/", false},
		{"https://fonts.example.com/font.woff2", false},
		{"about:srcdoc", false},
	} {
		if got := r.sameOrigin(tt.url); got != tt.same {
			t.Errorf("sameOrigin(%q) = %v, want %v", tt.url, got, tt.same)
		}
	}

	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	p.navigate("/")
	p.waitVisible("#setup-password", stepTimeout)
	evalJS[chromedp.Void](p, `(() => {
		console.error("harness self-test");
		const s = document.createElement("script");
		s.textContent = "window.inlineRan = true";
		document.head.append(s);
	})()`)
	if evalJS[bool](p, `window.inlineRan === true`) {
		t.Error("an inline script ran despite the CSP")
	}
	has := func(list []string, sub string) bool {
		for _, s := range list {
			if strings.Contains(s, sub) {
				return true
			}
		}
		return false
	}
	// The events arrive a little after the evaluation returns.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		p.rec.mu.Lock()
		done := has(p.rec.problems, "harness self-test") && has(p.rec.problems, "CSP violation")
		p.rec.mu.Unlock()
		if done {
			break
		}
	}
	p.rec.mu.Lock()
	defer p.rec.mu.Unlock()
	if !has(p.rec.problems, "harness self-test") {
		t.Errorf("the recorder missed a console error; it has %q", p.rec.problems)
	}
	if !has(p.rec.problems, "CSP violation: script-src") {
		t.Errorf("the recorder missed a CSP violation; it has %q", p.rec.problems)
	}
	if !has(p.rec.requests, p.srv.URL+"/web/app.wasm") {
		t.Errorf("the recorder missed the request for app.wasm; it has %q", p.rec.requests)
	}
	// All seen: now keep them from failing this test.
	p.rec.problems = nil
}
