//go:build !js

package e2e

// This file is what the cross-engine journeys (journeys_test.go) know of a
// browser: a driver starts an engine's fresh profile with one tab, and a tab
// does the few things a person does (load a page, click, type, pick a file)
// plus what a test needs to look (evaluate a script, take a screenshot, see
// what the page reported). Each engine implements it over its own protocol:
// Chromium over the DevTools protocol (chromedp, engine_chromium_test.go),
// Firefox over WebDriver BiDi (engine_firefox_test.go), WebKitGTK over W3C
// WebDriver classic (engine_webkit_test.go). TestDriverContract holds every
// driver to the same behaviour on a small page of its own.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A driver starts browsers of one engine.
type driver interface {
	// name is the engine's name in test names and messages: "chromium",
	// "firefox" or "webkit".
	name() string
	// open starts a fresh profile (no storage, caches, service workers or
	// cookies from any other profile) with one tab, its viewport
	// opts.Width×opts.Height CSS pixels, saving every download into
	// opts.Downloads without asking. Everything it started is stopped and
	// removed at the end of t, or by the tab's close.
	open(t testing.TB, opts tabOptions) (tab, error)
}

// tabOptions are what a driver's open sets up.
type tabOptions struct {
	Width, Height int
	Downloads     string // an existing, empty folder
}

// A tab is the one tab of a profile. Its methods block until the browser has
// done what they ask, and return an error, never panic or fail a test: the
// caller says what it was doing.
type tab interface {
	// navigate loads url and returns once its document has loaded (the
	// load event), or with an error after a timeout of the driver's.
	navigate(url string) error
	// reload reloads the document and returns once it has loaded.
	reload() error
	// eval evaluates the JavaScript expression js in the top document,
	// awaits it if it is a promise, and decodes its value as JSON into
	// out; out may be nil. A thrown exception or rejected promise is an
	// error that carries its message.
	eval(js string, out any) error
	// click scrolls the element matched by the CSS selector sel into view
	// and clicks the middle of it with a primary pointer, as trusted input
	// events (event.isTrusted), so that a page's checks for a user gesture
	// pass.
	click(sel string) error
	// typeText focuses the text field sel and replaces its value with s,
	// typed as trusted key events, one character after another, so that
	// the page sees an input event per character. s may be empty, which
	// only empties the field.
	typeText(sel, s string) error
	// press sends one key, by its name in the KeyboardEvent.key values
	// ("Enter", "Escape", "Tab"), to the focused element as a trusted key
	// press.
	press(key string) error
	// setFiles gives the <input type=file> sel the files at the absolute
	// paths, as picking them in the file chooser does: the input fires its
	// input and change events.
	setFiles(sel string, paths ...string) error
	// screenshot returns a PNG of the viewport.
	screenshot() ([]byte, error)
	// reports returns what the engine reported of the tab's documents since
	// it opened: the URL of every request they sent (from the page and its
	// workers, as far as the engine reports them) and every problem: console
	// errors, uncaught exceptions, unhandled rejections, CSP violations.
	// seen says what the engine let the driver see: an engine that reports
	// no requests returns requests == nil with seen.Requests false.
	reports() (requests, problems []string, seen reportKinds)
	// close stops the browser and removes its profile.
	close() error
}

// reportKinds says which kinds of report a driver can give.
type reportKinds struct {
	Requests bool // requests made by documents and workers
	Console  bool // console errors, reported by the engine itself
	Early    bool // problems before and during a document's load, not only after
}

// partialDownload reports whether a file in a downloads folder is a download
// still under way, by the names the engines give them.
func partialDownload(name string) bool {
	for _, suffix := range []string{".crdownload", ".part", ".download", ".wkdownload"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

// webdriverKeys are the code points that stand for keys in WebDriver's key
// actions (W3C WebDriver, "Keyboard actions"), by their KeyboardEvent.key
// names, for the drivers that speak WebDriver (BiDi or classic).
var webdriverKeys = map[string]string{
	"Backspace":  "\uE003",
	"Tab":        "\uE004",
	"Enter":      "\uE007",
	"Escape":     "\uE00C",
	" ":          " ",
	"PageUp":     "\uE00E",
	"PageDown":   "\uE00F",
	"End":        "\uE010",
	"Home":       "\uE011",
	"ArrowLeft":  "\uE012",
	"ArrowUp":    "\uE013",
	"ArrowRight": "\uE014",
	"ArrowDown":  "\uE015",
	"Delete":     "\uE017",
}

// selectForTyping returns a script that focuses the text field sel and
// selects what it holds, so that the Backspace a typing starts with empties
// it, and gives whether the field has the focus.
func selectForTyping(sel string) string {
	return `(() => {
		const e = document.querySelector(` + jsString(sel) + `);
		if (!e) return false;
		e.scrollIntoView({ block: "nearest" });
		e.focus();
		if (typeof e.select === "function") e.select();
		return document.activeElement === e;
	})()`
}

// replacingKeys returns the WebDriver keys that replace the selected text
// of a field by s: a Backspace, then a key per character (a character, not
// a UTF-16 half: WebKit drops halves).
func replacingKeys(s string) []string {
	keys := []string{webdriverKeys["Backspace"]}
	for _, r := range s {
		keys = append(keys, string(r))
	}
	return keys
}

// engines are the drivers of the journeys, in the order they run.
var engines = []driver{chromiumDriver{}, firefoxDriver{}, webkitDriver{}}

// missingEngine ends t when d's engine cannot run here: it skips, naming
// what is missing, or fails under CI=true, where make test must have
// installed it.
func missingEngine(t testing.TB, d driver, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s cannot run, and CI=true: %s (make test installs it with apt-get as root)", d.name(), what)
	}
	t.Skipf("%s cannot run: %s; make test installs it with apt-get as root", d.name(), what)
}

// contractPage is the page TestDriverContract drives: a field, a button, a
// file input and a download link, each recording what it saw in window.seen.
const contractPage = `<!doctype html>
<meta charset="utf-8">
<title>contract</title>
<style>body { margin: 0 } #far { margin-top: 2000px }</style>
<input id="field" value="old">
<button id="near" type="button">near</button>
<input id="files" type="file" multiple>
<a id="download" download="hello.txt" href="#">download</a>
<button id="far" type="button">far</button>
<script>
window.seen = { clicks: [], inputs: 0, keys: [], files: [], fileEvents: [] };
for (const id of ["near", "far"]) {
	document.getElementById(id).addEventListener("click", (e) => seen.clicks.push(id + ":" + e.isTrusted));
}
const field = document.getElementById("field");
field.addEventListener("input", (e) => { if (e.isTrusted) seen.inputs++; });
document.addEventListener("keydown", (e) => seen.keys.push(e.key + ":" + e.isTrusted));
const files = document.getElementById("files");
for (const type of ["input", "change"]) {
	files.addEventListener(type, async () => {
		seen.fileEvents.push(type);
		if (type === "change") seen.files = await Promise.all([...files.files].map(async (f) => f.name + ":" + (await f.text())));
	});
}
document.getElementById("download").addEventListener("click", (e) => {
	e.currentTarget.href = URL.createObjectURL(new Blob(["hello, downloads"], { type: "text/plain" }));
});
</script>`

// TestDriverContract checks that every driver does what the tab interface
// promises, on a page of its own: a driver that clicked with untrusted
// events, lost typed characters or a download would make the journeys pass
// or fail for reasons of its own.
func TestDriverContract(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, contractPage)
	})
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!doctype html><meta charset="utf-8"><title>error</title><p>error</p><script>setTimeout(() => console.error("planted problem"), 50);</script>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	for _, d := range engines {
		t.Run(d.name(), func(t *testing.T) {
			dl := t.TempDir()
			tb, err := d.open(t, tabOptions{Width: 800, Height: 600, Downloads: dl})
			if err != nil {
				t.Fatalf("opening %s: %v", d.name(), err)
			}
			defer tb.close()
			must := func(what string, err error) {
				t.Helper()
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
			}
			must("navigate", tb.navigate(srv.URL+"/"))

			var v struct {
				Width, Height int
				Title         string
			}
			must("eval", tb.eval(`({Width: innerWidth, Height: innerHeight, Title: document.title})`, &v))
			if v.Title != "contract" || v.Width != 800 || v.Height != 600 {
				t.Errorf("eval: title %q, viewport %d×%d; want contract, 800×600", v.Title, v.Width, v.Height)
			}
			var n float64
			must("eval of a promise", tb.eval(`new Promise((r) => setTimeout(() => r(41 + 1), 10))`, &n))
			if n != 42 {
				t.Errorf("eval of a promise gave %v, want 42", n)
			}
			if err := tb.eval(`Promise.reject(new Error("planted rejection"))`, nil); err == nil || !strings.Contains(err.Error(), "planted rejection") {
				t.Errorf("eval of a rejected promise: error %v, want one carrying its message", err)
			}
			if err := tb.eval(`(() => { throw new Error("planted throw"); })()`, nil); err == nil || !strings.Contains(err.Error(), "planted throw") {
				t.Errorf("eval of a throw: error %v, want one carrying its message", err)
			}

			must("click near", tb.click("#near"))
			must("click far", tb.click("#far"))
			if err := tb.click("#nothing-here"); err == nil {
				t.Error("click on no element succeeded")
			}
			const typed = "Hi, 日本 & <x> +1"
			must("typeText", tb.typeText("#field", typed))
			must("press Enter", tb.press("Enter"))
			var s struct {
				Clicks []string
				Inputs int
				Keys   []string
				Value  string
			}
			must("eval", tb.eval(`({Clicks: seen.clicks, Inputs: seen.inputs, Keys: seen.keys, Value: document.getElementById("field").value})`, &s))
			if strings.Join(s.Clicks, " ") != "near:true far:true" {
				t.Errorf("clicks seen: %q, want near:true far:true", s.Clicks)
			}
			if s.Value != typed {
				t.Errorf("typed %q, the field holds %q", typed, s.Value)
			}
			if s.Inputs < len([]rune(typed)) {
				t.Errorf("typing %d characters fired %d trusted input events", len([]rune(typed)), s.Inputs)
			}
			if len(s.Keys) == 0 || s.Keys[len(s.Keys)-1] != "Enter:true" {
				t.Errorf("keys seen end with %q, want Enter:true", s.Keys)
			}
			must("typeText empty", tb.typeText("#field", ""))
			must("eval", tb.eval(`document.getElementById("field").value`, &s.Value))
			if s.Value != "" {
				t.Errorf("typing nothing left %q in the field", s.Value)
			}

			a, b := filepath.Join(t.TempDir(), "a.txt"), filepath.Join(t.TempDir(), "b.txt")
			os.WriteFile(a, []byte("first"), 0o644)
			os.WriteFile(b, []byte("second"), 0o644)
			must("setFiles", tb.setFiles("#files", a, b))
			var f struct{ Files, Events []string }
			must("reading the files", waitEval(tb, `seen.files.length === 2`, 10*time.Second))
			must("eval", tb.eval(`({Files: seen.files, Events: seen.fileEvents})`, &f))
			if strings.Join(f.Files, " ") != "a.txt:first b.txt:second" || strings.Join(f.Events, " ") != "input change" {
				t.Errorf("the file input got %q with events %q, want a.txt:first b.txt:second with input change", f.Files, f.Events)
			}

			must("click download", tb.click("#download"))
			got, err := waitDownload(dl, 20*time.Second)
			must("download", err)
			if string(got.data) != "hello, downloads" || got.name != "hello.txt" {
				t.Errorf("downloaded %s with %q, want hello.txt with %q", got.name, got.data, "hello, downloads")
			}

			png, err := tb.screenshot()
			must("screenshot", err)
			if len(png) < 8 || string(png[1:4]) != "PNG" {
				t.Errorf("the screenshot is not a PNG: %d bytes", len(png))
			}

			must("navigate to the error page", tb.navigate(srv.URL+"/error"))
			must("reload", tb.reload())
			time.Sleep(300 * time.Millisecond)
			requests, problems, seen := tb.reports()
			if !strings.Contains(strings.Join(problems, "\n"), "planted problem") {
				t.Errorf("reports: problems %q miss the page's console.error", problems)
			}
			if seen.Requests && !strings.Contains(strings.Join(requests, "\n"), srv.URL+"/error") {
				t.Errorf("reports: requests %q miss the error page", requests)
			}
			t.Logf("%s reports %+v: %d requests, %d problems", d.name(), seen, len(requests), len(problems))
		})
	}
}

// waitEval polls the JavaScript condition cond in tb until it is true or
// timeout passes. A condition that throws counts as false.
func waitEval(tb tab, cond string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var last error
	for {
		var ok bool
		err := tb.eval(`(() => { try { return Boolean(`+cond+`); } catch { return false; } })()`, &ok)
		if err == nil && ok {
			return nil
		}
		if err != nil {
			last = err // a navigation under the poll: try again
		}
		if time.Now().After(deadline) {
			if last != nil {
				return fmt.Errorf("%s not true in %v (last error: %w)", cond, timeout, last)
			}
			return fmt.Errorf("%s not true in %v", cond, timeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// download is a file a browser saved.
type download struct {
	name string
	data []byte
}

// errManyDownloads is waitDownload's error when more than one file arrived.
var errManyDownloads = errors.New("more than one file was downloaded")

// waitDownload waits until dir holds one finished download and none under
// way, and returns it.
func waitDownload(dir string, timeout time.Duration) (download, error) {
	for deadline := time.Now().Add(timeout); ; time.Sleep(50 * time.Millisecond) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return download{}, err
		}
		var done []string
		partial := 0
		for _, e := range entries {
			if partialDownload(e.Name()) || e.IsDir() {
				partial++
			} else {
				done = append(done, e.Name())
			}
		}
		if len(done) > 1 {
			return download{}, fmt.Errorf("%w: %q", errManyDownloads, done)
		}
		if len(done) == 1 && partial == 0 {
			data, err := os.ReadFile(filepath.Join(dir, done[0]))
			if err != nil {
				return download{}, err
			}
			// Firefox makes the file empty first, then writes it whole.
			if len(data) > 0 {
				return download{name: done[0], data: data}, nil
			}
		}
		if time.Now().After(deadline) {
			return download{}, fmt.Errorf("no finished download in %v (%d under way)", timeout, partial)
		}
	}
}

// jsonOut is a helper for drivers that get a JSON text from the browser.
func jsonOut(text string, out any) error {
	if out == nil {
		return nil
	}
	if err := json.Unmarshal([]byte(text), out); err != nil {
		return fmt.Errorf("decoding %s: %w", abbreviate(text), err)
	}
	return nil
}
