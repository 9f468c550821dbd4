//go:build !js

package e2e

// The WebKitGTK driver of the cross-engine journeys: Debian's MiniBrowser in
// automation mode on an Xvfb display of its own, driven by WebKitWebDriver
// over W3C WebDriver classic, in plain HTTP and JSON. This file is the tab;
// engine_webkit_linux_test.go starts and stops its processes.
//
// A MiniBrowser in automation mode keeps its website data in memory, so
// each open is a fresh profile. It saves downloads without asking into the
// XDG download folder, which open points at opts.Downloads; it shows a bar
// above the page when a download starts, and the tab then resizes the window
// to keep the viewport its size. It runs full screen, which hides its
// toolbar (without a window manager the window keeps the size it is given),
// so the window is no larger than the viewport; still, it cannot be
// narrower than 334 pixels.
//
// What the tab reports is what the page itself could see, from listeners
// the driver adds to each document: WebDriver classic has no console or
// network events and cannot run a script before a page's own, and WebKit
// prints no console messages for an ephemeral session, which automation
// sessions are. navigate and reload add the listeners a few milliseconds
// after the new document's first scripts ran (they poll for it, with the
// page load strategy none), every other step adds them to a document the
// page has loaded by itself, and they gather console.error calls, uncaught
// exceptions, unhandled rejections and CSP violations from then on: so
// seen.Console and seen.Early are false. The requests are each document's
// URL and its resource timing entries: what the page fetched, not its
// workers' own requests. A document's findings are read before the driver
// replaces it; a document that the page replaces by itself between two
// steps loses what it had found.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

type webkitDriver struct{}

func (webkitDriver) name() string { return "webkit" }

// webkitScreenWidth and webkitScreenHeight are the size of each tab's Xvfb
// screen: a tab's window must fit in it.
const webkitScreenWidth, webkitScreenHeight = 1920, 1200

// webkitTab is the one window of a MiniBrowser in an automation session.
type webkitTab struct {
	base    string       // the session's URL: http://127.0.0.1:port/session/id
	stop    func() error // stops the processes and removes their folder
	session bool         // a session was created and not yet deleted

	width, height int  // the viewport's size
	fitting       bool // setViewport is under way

	mu       sync.Mutex
	requests []string
	problems []string

	closeOnce sync.Once
	closeErr  error
}

// startSession starts a session on the driver at root, with a window whose
// viewport is width×height.
func (w *webkitTab) startSession(root string, width, height int) error {
	ms := stepTimeout.Milliseconds()
	caps := map[string]any{
		"capabilities": map[string]any{"alwaysMatch": map[string]any{
			// navigate and reload wait for the load themselves, to add
			// the listeners to the new document as early as they can.
			"pageLoadStrategy": "none",
			"timeouts":         map[string]any{"script": ms, "pageLoad": ms, "implicit": 0},
		}},
	}
	var created struct {
		SessionID string `json:"sessionId"`
	}
	if err := webdriverRequest(http.MethodPost, root+"/session", caps, &created); err != nil {
		return fmt.Errorf("creating a session: %w", err)
	}
	if created.SessionID == "" {
		return errors.New("creating a session: no session id")
	}
	w.base = root + "/session/" + created.SessionID
	w.session = true
	w.width, w.height = width, height
	return w.setViewport(width, height)
}

// setViewport sizes the window so that its web view is width×height CSS
// pixels, and moves it to the middle of the screen, under the pointer: X
// without a window manager gives the keyboard focus to the window under the
// pointer, and document.hasFocus() (which the clipboard asks) follows it.
func (w *webkitTab) setViewport(width, height int) error {
	w.fitting = true
	defer func() { w.fitting = false }()
	// Whatever the window shows besides the page (a downloads bar) takes
	// the rest: it is measured, not assumed.
	ww, wh := width, height
	for range 4 {
		x, y := max(0, (webkitScreenWidth-ww)/2), max(0, (webkitScreenHeight-wh)/2)
		var rect struct{ Width, Height int }
		if err := w.cmd(http.MethodPost, "/window/rect", map[string]int{"x": x, "y": y, "width": ww, "height": wh}, &rect); err != nil {
			return fmt.Errorf("sizing the window to %d×%d: %w", ww, wh, err)
		}
		if rect.Width != ww || rect.Height != wh {
			return fmt.Errorf("a viewport of %d×%d needs a window of %d×%d, and MiniBrowser made it %d×%d", width, height, ww, wh, rect.Width, rect.Height)
		}
		inner, err := w.settledViewport(width, height)
		if err != nil {
			return err
		}
		if inner == [2]int{width, height} {
			return nil
		}
		ww, wh = rect.Width+width-inner[0], rect.Height+height-inner[1]
		if ww <= 0 || wh <= 0 || ww > webkitScreenWidth || wh > webkitScreenHeight {
			return fmt.Errorf("a viewport of %d×%d would need a window of %d×%d (the screen is %d×%d)", width, height, ww, wh, webkitScreenWidth, webkitScreenHeight)
		}
	}
	return fmt.Errorf("could not make the viewport %d×%d", width, height)
}

// settledViewport returns the viewport's size once it is width×height, or
// once it has not changed for a while: the page learns of a new window size
// a little after the window has it.
func (w *webkitTab) settledViewport(width, height int) ([2]int, error) {
	var last [2]int
	same := 0
	for range 50 {
		var v struct{ W, H int }
		if err := w.script(`({W: innerWidth, H: innerHeight})`, &v); err != nil {
			return last, fmt.Errorf("reading the viewport's size: %w", err)
		}
		now := [2]int{v.W, v.H}
		if now == [2]int{width, height} {
			return now, nil
		}
		if now == last {
			same++
		} else {
			same = 0
		}
		if same == 5 {
			return now, nil
		}
		last = now
		time.Sleep(20 * time.Millisecond)
	}
	return last, nil
}

// webdriverError is an error a WebDriver endpoint answered with.
type webdriverError struct {
	Code    string `json:"error"`
	Message string `json:"message"`
}

func (e *webdriverError) Error() string { return e.Code + ": " + e.Message }

// errStaleElement is the WebDriver error of a command on an element that
// is no longer in the document: errors.Is matches a webdriverError with
// its code.
var errStaleElement = &webdriverError{Code: "stale element reference"}

// Is reports whether target is a webdriverError with e's code.
func (e *webdriverError) Is(target error) bool {
	t, ok := target.(*webdriverError)
	return ok && t.Code == e.Code
}

// webdriverRequest sends a WebDriver command to url and decodes the value
// of its answer into out (which may be nil). It gives up after stepTimeout.
func webdriverRequest(method, url string, body, out any) error {
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var answer struct{ Value json.RawMessage }
	if err := json.Unmarshal(b, &answer); err != nil {
		return fmt.Errorf("%s %s: HTTP %s: %s", method, url, resp.Status, abbreviate(string(b)))
	}
	if resp.StatusCode != http.StatusOK {
		e := &webdriverError{}
		if err := json.Unmarshal(answer.Value, e); err != nil || e.Code == "" {
			return fmt.Errorf("%s %s: HTTP %s: %s", method, url, resp.Status, abbreviate(string(b)))
		}
		return e
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(answer.Value, out)
}

// cmd sends a command of the session: path is relative to it.
func (w *webkitTab) cmd(method, path string, body, out any) error {
	return webdriverRequest(method, w.base+path, body, out)
}

// reportInit adds the listeners whose findings reports reads to the
// document, once per document. window.__twofoldReports.problems gathers the
// problems; resource timing keeps the requests.
const reportInit = `if (!window.__twofoldReports) {
	const r = window.__twofoldReports = { problems: [], resources: 0, document: false };
	const text = (v) => {
		if (v instanceof Error) return String(v) + (v.stack ? "\n" + v.stack : "");
		if (typeof v === "object" && v !== null) { try { return JSON.stringify(v); } catch {} }
		return String(v);
	};
	const consoleError = console.error;
	console.error = function (...args) {
		r.problems.push("console.error: " + args.map(text).join(" "));
		return consoleError.apply(this, args);
	};
	addEventListener("error", (e) => {
		if (e.error !== undefined || e.message) r.problems.push("uncaught exception: " + (e.error !== undefined ? text(e.error) : e.message) + " at " + e.filename + ":" + e.lineno);
	});
	addEventListener("unhandledrejection", (e) => r.problems.push("unhandled rejection: " + text(e.reason)));
	document.addEventListener("securitypolicyviolation", (e) => {
		r.problems.push("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " in " + e.sourceFile + ":" + e.lineNumber);
	});
	performance.setResourceTimingBufferSize(100000);
}`

// reportTake returns what the document's listeners found since the last
// call: {requests, problems}.
const reportTake = `(() => {
	const r = window.__twofoldReports;
	if (!r) return { requests: [], problems: [] };
	const requests = performance.getEntriesByType("resource").slice(r.resources).map((e) => e.name);
	r.resources += requests.length;
	if (!r.document) {
		r.document = true;
		if (location.protocol !== "about:") requests.unshift(location.href);
	}
	return { requests, problems: r.problems.splice(0) };
})()`

// collect reads what the current document's listeners found into w's
// reports. It fails quietly: a document that is gone has nothing to give.
func (w *webkitTab) collect() {
	var found struct{ Requests, Problems []string }
	if err := w.script(reportTake, &found); err != nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.requests = append(w.requests, found.Requests...)
	w.problems = append(w.problems, found.Problems...)
}

// script runs js, an expression, in the top document as Execute Async
// Script, first adding the report listeners if the document has none. A
// promise is awaited; the value comes back as JSON text, and a throw or
// rejection as an error with its message. When the viewport is no longer
// the tab's size (MiniBrowser shows a bar above the page when a download
// starts), script resizes the window to make it so again.
func (w *webkitTab) script(js string, out any) error {
	body := `const done = arguments[arguments.length - 1];
try { ` + reportInit + ` } catch {}
const reply = (r) => done(Object.assign(r, { w: innerWidth, h: innerHeight }));
(async () => (
` + js + `
))().then(
	(v) => { let s; try { s = JSON.stringify(v); } catch (e) { reply({ error: "the value cannot be written as JSON: " + String(e) }); return; } reply({ json: s === undefined ? "null" : s }); },
	(e) => reply({ error: e !== null && typeof e === "object" && "message" in e ? (e.name || "Error") + ": " + e.message : "thrown: " + String(e) }),
);`
	var res struct {
		JSON  *string
		Error *string
		W, H  int
	}
	if err := w.cmd(http.MethodPost, "/execute/async", map[string]any{"script": body, "args": []any{}}, &res); err != nil {
		return err
	}
	if w.width > 0 && !w.fitting && (res.W != w.width || res.H != w.height) {
		if err := w.setViewport(w.width, w.height); err != nil {
			return fmt.Errorf("the viewport became %d×%d: %w", res.W, res.H, err)
		}
	}
	if res.Error != nil {
		return errors.New(*res.Error)
	}
	if res.JSON == nil {
		return errors.New("the script gave no result")
	}
	return jsonOut(*res.JSON, out)
}

func (w *webkitTab) navigate(url string) error {
	return w.load("loading "+url, "/url", map[string]string{"url": url}, url)
}

func (w *webkitTab) reload() error {
	return w.load("reloading", "/refresh", struct{}{}, "")
}

// load sends the command that replaces the document (navigate or reload),
// then waits until a new document has finished its load event. url is the
// one asked for (empty for the old one's): a load that fails leaves
// MiniBrowser on about:blank, which is an error unless it was asked for.
// The session does not wait for loads (its page load strategy is none):
// polling from the start, the driver adds its listeners to the new document
// a few milliseconds after its first scripts ran, rather than after it
// loaded.
func (w *webkitTab) load(what, path string, body any, url string) error {
	w.collect()
	// The old document says it is leaving, so that a poll that reaches it
	// before the new one comes is not taken for the new one.
	var old string
	if err := w.script(`(window.__twofoldReports.leaving = true, location.href)`, &old); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if url == "" {
		url = old
	}
	if err := w.cmd(http.MethodPost, path, body, nil); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	// A poll sent while the old document goes can get no answer until
	// WebKitWebDriver's own script timeout (30 s) ends it, and the request
	// times out at the same moment (seen twice in whole runs of the
	// suite, once on a quiet machine, the page loaded meanwhile): the load
	// has the time of two more polls after one lost.
	wait := 3 * stepTimeout
	deadline := time.Now().Add(wait)
	for {
		var state struct {
			Leaving, Loaded bool
			URL             string
		}
		err := w.script(`(() => {
			const nav = performance.getEntriesByType("navigation")[0];
			return {
				Leaving: Boolean(window.__twofoldReports.leaving),
				Loaded: document.readyState === "complete" && (!nav || nav.loadEventEnd > 0),
				URL: location.href,
			};
		})()`, &state)
		switch {
		case err == nil && !state.Leaving && state.Loaded && state.URL == "about:blank" && url != "about:blank":
			// What MiniBrowser shows when a load fails.
			return fmt.Errorf("%s: the load failed: the tab shows about:blank", what)
		case err == nil && !state.Leaving && state.Loaded:
			return nil
		case time.Now().After(deadline) && err != nil:
			return fmt.Errorf("%s: no new document loaded in %v (last error: %w)", what, wait, err)
		case time.Now().After(deadline):
			return fmt.Errorf("%s: no new document loaded in %v (the tab shows %s)", what, wait, state.URL)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (w *webkitTab) eval(js string, out any) error { return w.script(js, out) }

// find returns the WebDriver reference of the first element matching the
// CSS selector sel.
func (w *webkitTab) find(sel string) (string, error) {
	w.script(`null`, nil) // listeners in a document the page has replaced
	var el map[string]string
	if err := w.cmd(http.MethodPost, "/element", map[string]string{"using": "css selector", "value": sel}, &el); err != nil {
		return "", fmt.Errorf("finding %s: %w", sel, err)
	}
	// The key of an element reference is fixed by the standard.
	id := el["element-6066-11e4-a52e-4f735466cecf"]
	if id == "" {
		return "", fmt.Errorf("finding %s: no element reference in %v", sel, el)
	}
	return id, nil
}

func (w *webkitTab) click(sel string) error {
	// The element may be replaced between the moment it is found and the
	// moment it is clicked, before any event reached it: the app replaces
	// the form the boot script drew when it starts. The click is then
	// tried again on the new element, once or twice.
	for try := 0; ; try++ {
		id, err := w.find(sel)
		if err != nil {
			return err
		}
		err = w.cmd(http.MethodPost, "/element/"+id+"/click", struct{}{}, nil)
		if try < 2 && errors.Is(err, errStaleElement) {
			continue
		}
		return err
	}
}

func (w *webkitTab) typeText(sel, s string) error {
	var focused bool
	if err := w.script(selectForTyping(sel), &focused); err != nil {
		return err
	}
	if !focused {
		return fmt.Errorf("no element %s to type into", sel)
	}
	return w.keys(replacingKeys(s)...)
}

// keys presses and releases each of keys in turn, each one character or
// the WebDriver code of a key, in the focused element.
func (w *webkitTab) keys(keys ...string) error {
	var actions []any
	for _, k := range keys {
		actions = append(actions, map[string]string{"type": "keyDown", "value": k}, map[string]string{"type": "keyUp", "value": k})
	}
	body := map[string]any{"actions": []any{map[string]any{"type": "key", "id": "keyboard", "actions": actions}}}
	return w.cmd(http.MethodPost, "/actions", body, nil)
}

func (w *webkitTab) press(key string) error {
	k, ok := webdriverKeys[key]
	if !ok {
		return fmt.Errorf("press: no key %q", key)
	}
	w.script(`null`, nil)
	return w.keys(k)
}

func (w *webkitTab) setFiles(sel string, paths ...string) error {
	id, err := w.find(sel)
	if err != nil {
		return err
	}
	return w.cmd(http.MethodPost, "/element/"+id+"/value", map[string]string{"text": strings.Join(paths, "\n")}, nil)
}

func (w *webkitTab) screenshot() ([]byte, error) {
	// Two animation frames, so that what the page changed last has been
	// painted; a page that paints no frames waits at most 200 ms.
	if err := w.script(`new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); setTimeout(r, 200); })`, nil); err != nil {
		return nil, err
	}
	var s string
	if err := w.cmd(http.MethodGet, "/screenshot", nil, &s); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(s)
}

func (w *webkitTab) reports() (requests, problems []string, seen reportKinds) {
	w.collect()
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.requests...), append([]string(nil), w.problems...), reportKinds{Requests: true}
}

// close deletes the session, stops the browser, its driver and its X
// server, and removes the tab's folder. Only the first call does anything.
func (w *webkitTab) close() error {
	w.closeOnce.Do(func() {
		var errs []error
		if w.session {
			w.session = false
			if err := w.cmd(http.MethodDelete, "", nil, nil); err != nil {
				errs = append(errs, fmt.Errorf("deleting the session: %w", err))
			}
		}
		if w.stop != nil {
			errs = append(errs, w.stop())
		}
		w.closeErr = errors.Join(errs...)
	})
	return w.closeErr
}

// tailBuffer keeps the last max bytes written to it, for error messages.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append([]byte(nil), t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.b))
}
