//go:build !js

package e2e

// The Firefox driver of the cross-engine journeys: a Firefox ESR of its own
// per tab, on a fresh profile, driven over WebDriver BiDi, which Firefox
// serves itself on a websocket when started with --remote-debugging-port.
// The BiDi client is ours and small: commands carry ids, replies are matched
// to them by id, and events go to one listener.
//
// Firefox runs with MOZ_DISABLE_NONLOCAL_CONNECTIONS=1, which makes it crash,
// saying where it meant to connect, rather than connect anywhere beyond this
// machine, and lets the profile's prefs point its remote settings nowhere.

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"
)

type firefoxDriver struct{}

func (firefoxDriver) name() string { return "firefox" }

// firefoxBinary is where Debian's firefox-esr package puts Firefox.
const firefoxBinary = "/usr/bin/firefox-esr"

// firefoxStartTimeout bounds starting Firefox until its BiDi session is
// open and its tab is set up.
const firefoxStartTimeout = 60 * time.Second

func (d firefoxDriver) open(t testing.TB, opts tabOptions) (tab, error) {
	t.Helper()
	bin := firefoxBinary
	if _, err := os.Stat(bin); err != nil {
		p, err := exec.LookPath("firefox-esr")
		if err != nil {
			missingEngine(t, d, "no firefox-esr (Debian package firefox-esr)")
		}
		bin = p
	}
	profile, err := os.MkdirTemp("", "twofold-firefox-")
	if err != nil {
		return nil, fmt.Errorf("making a profile folder: %w", err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(firefoxPrefs(opts.Downloads)), 0o644); err != nil {
		os.RemoveAll(profile)
		return nil, fmt.Errorf("writing the profile's prefs: %w", err)
	}
	f := &firefoxTab{profile: profile, exited: make(chan struct{})}
	t.Cleanup(func() { f.close() })
	if err := f.start(bin, opts); err != nil {
		f.close()
		return nil, err
	}
	return f, nil
}

// firefoxPrefs is the user.js of a profile that saves downloads into dir
// without asking and makes no request of its own: no updates, telemetry,
// experiments, remote settings, safe browsing lists, captive portal or
// connectivity checks, push server, first-run or new tab pages, nor
// speculative connections. The machines the tests run on reach no further
// than the test's own server.
func firefoxPrefs(dir string) string {
	prefs := []struct {
		name  string
		value any
	}{
		// Downloads: saved into dir, silently, whatever their type.
		{"browser.download.dir", dir},
		{"browser.download.folderList", 2},
		{"browser.download.useDownloadDir", true},
		{"browser.download.always_ask_before_handling_new_types", false},
		{"browser.download.start_downloads_in_tmp_dir", false},
		{"browser.download.alwaysOpenPanel", false},
		{"browser.download.panel.shown", true},
		{"browser.download.open_pdf_attachments_inline", false},
		{"browser.helperApps.neverAsk.saveToDisk", "text/plain,application/octet-stream,application/json,text/csv,application/zip,image/png"},
		{"pdfjs.disabled", true},

		// Start on a blank page, with nothing to welcome or restore.
		{"browser.startup.page", 0},
		{"browser.startup.homepage", "about:blank"},
		{"browser.startup.homepage_override.mstone", "ignore"},
		{"startup.homepage_welcome_url", "about:blank"},
		{"startup.homepage_welcome_url.additional", ""},
		{"startup.homepage_override_url", ""},
		{"browser.aboutwelcome.enabled", false},
		{"browser.newtabpage.enabled", false},
		{"browser.newtab.preload", false},
		{"browser.newtabpage.activity-stream.feeds.system.topstories", false},
		{"browser.newtabpage.activity-stream.feeds.section.topstories", false},
		{"browser.newtabpage.activity-stream.feeds.snippets", false},
		{"browser.newtabpage.activity-stream.feeds.topsites", false},
		{"browser.newtabpage.activity-stream.feeds.telemetry", false},
		{"browser.newtabpage.activity-stream.telemetry", false},
		{"browser.newtabpage.activity-stream.default.sites", ""},
		{"browser.topsites.contile.enabled", false},
		{"browser.shell.checkDefaultBrowser", false},
		{"browser.sessionstore.resume_from_crash", false},
		{"browser.tabs.warnOnClose", false},
		{"browser.uitour.enabled", false},
		{"datareporting.policy.firstRunURL", ""},
		{"toolkit.telemetry.reportingpolicy.firstRun", false},

		// Updates of Firefox, its add-ons and its plugins.
		{"app.update.disabledForTesting", true},
		{"app.update.auto", false},
		{"app.update.checkInstallTime", false},
		{"extensions.update.enabled", false},
		{"extensions.update.autoUpdateDefault", false},
		{"extensions.getAddons.cache.enabled", false},
		{"extensions.systemAddon.update.enabled", false},
		{"extensions.systemAddon.update.url", ""},
		{"extensions.blocklist.enabled", false},
		{"media.gmp-manager.url", ""},
		{"media.gmp-gmpopenh264.enabled", false},
		{"media.gmp-widevinecdm.enabled", false},
		{"media.gmp-widevinecdm.visible", false},
		{"media.gmp-manager.chromium-update-url", ""},
		{"media.gmp-provider.enabled", false},
		{"media.eme.enabled", false},

		// Telemetry, studies, experiments and remote settings.
		{"datareporting.healthreport.uploadEnabled", false},
		{"datareporting.policy.dataSubmissionEnabled", false},
		{"datareporting.usage.uploadEnabled", false},
		{"toolkit.telemetry.enabled", false},
		{"toolkit.telemetry.unified", false},
		{"toolkit.telemetry.archive.enabled", false},
		{"toolkit.telemetry.server", "data:,"},
		{"toolkit.crashreporter.enabled", false},
		{"browser.ping-centre.telemetry", false},
		{"app.normandy.enabled", false},
		{"app.normandy.api_url", ""},
		{"app.shield.optoutstudies.enabled", false},
		{"messaging-system.rsexperimentloader.enabled", false},
		{"nimbus.rsexperimentloader.enabled", false},
		{"services.settings.server", "data:,#remote-settings-dummy/v1"},
		{"security.remote_settings.crlite_filters.enabled", false},
		{"security.remote_settings.intermediates.enabled", false},
		{"browser.translations.enable", false},
		{"browser.ml.enable", false},
		{"browser.discovery.enabled", false},
		{"extensions.pocket.enabled", false},
		{"identity.fxaccounts.enabled", false},
		{"browser.search.update", false},
		{"browser.region.network.url", ""},
		{"browser.region.update.enabled", false},
		{"geo.provider.network.url", ""},
		{"browser.contentblocking.report.monitor.enabled", false},

		// Safe browsing and tracking protection lists.
		{"browser.safebrowsing.malware.enabled", false},
		{"browser.safebrowsing.phishing.enabled", false},
		{"browser.safebrowsing.downloads.enabled", false},
		{"browser.safebrowsing.downloads.remote.enabled", false},
		{"browser.safebrowsing.blockedURIs.enabled", false},
		{"browser.safebrowsing.provider.google.updateURL", ""},
		{"browser.safebrowsing.provider.google4.updateURL", ""},
		{"browser.safebrowsing.provider.mozilla.updateURL", ""},
		{"browser.safebrowsing.provider.google.gethashURL", ""},
		{"browser.safebrowsing.provider.google4.gethashURL", ""},
		{"browser.safebrowsing.provider.mozilla.gethashURL", ""},
		{"privacy.trackingprotection.enabled", false},

		// Checks of the network, and connections made ahead of time.
		{"network.captive-portal-service.enabled", false},
		{"captivedetect.canonicalURL", ""},
		{"network.connectivity-service.enabled", false},
		{"network.trr.mode", 5},
		{"network.dns.disablePrefetch", true},
		{"network.prefetch-next", false},
		{"network.predictor.enabled", false},
		{"network.http.speculative-parallel-limit", 0},
		{"browser.urlbar.speculativeConnect.enabled", false},
		{"browser.places.speculativeConnect.enabled", false},
		{"security.OCSP.enabled", 0},
		{"dom.push.connection.enabled", false},
		{"dom.push.serverURL", ""},

		// Nothing to throttle, hang on or ask about.
		{"dom.min_background_timeout_value", 4},
		{"dom.timeout.enable_budget_timer_throttling", false},
		{"dom.max_script_run_time", 0},
		{"dom.ipc.reportProcessHangs", false},
		{"hangmonitor.timeout", 0},
		{"signon.rememberSignons", false},
		{"dom.disable_open_during_load", false},
	}
	var b strings.Builder
	for _, p := range prefs {
		v, _ := json.Marshal(p.value)
		fmt.Fprintf(&b, "user_pref(%q, %s);\n", p.name, v)
	}
	return b.String()
}

// firefoxTab is one Firefox process with one tab.
type firefoxTab struct {
	profile string
	cmd     *exec.Cmd
	exited  chan struct{} // closed once cmd has been waited for
	stderr  tailWriter    // the last lines Firefox printed, for errors
	bidi    *bidiConn
	context string // the tab's browsing context id

	mu       sync.Mutex
	requests []string
	problems []string

	closeOnce sync.Once
	closeErr  error
}

// bidiListening is what Firefox prints on stderr once its BiDi server is up.
var bidiListening = regexp.MustCompile(`WebDriver BiDi listening on (ws://[^\s]+)`)

// start runs Firefox on f's profile, connects to it and sets up its tab.
func (f *firefoxTab) start(bin string, opts tabOptions) error {
	ctx, cancel := context.WithTimeout(context.Background(), firefoxStartTimeout)
	defer cancel()
	f.cmd = exec.Command(bin, "--headless", "--no-remote", "--profile", f.profile, "--remote-debugging-port", "0", "about:blank")
	f.cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1", "MOZ_DISABLE_NONLOCAL_CONNECTIONS=1")
	f.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // close kills its children too
	// A pipe of our own, not StderrPipe: Wait, on its own goroutine, must
	// not close it while its last lines are being read.
	out, w, err := os.Pipe()
	if err != nil {
		return err
	}
	f.cmd.Stdout, f.cmd.Stderr = &f.stderr, w
	err = f.cmd.Start()
	w.Close()
	if err != nil {
		out.Close()
		return fmt.Errorf("starting firefox: %w", err)
	}
	go func() {
		f.cmd.Wait()
		close(f.exited)
	}()
	found := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(out)
		for lines.Scan() {
			line := lines.Text()
			f.stderr.Write([]byte(line + "\n"))
			if m := bidiListening.FindStringSubmatch(line); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
		io.Copy(io.Discard, out) // a line too long for the scanner: keep the pipe flowing
		out.Close()
	}()
	var url string
	select {
	case url = <-found:
	case <-f.exited:
		return fmt.Errorf("firefox exited before serving BiDi: %s", f.stderr.String())
	case <-ctx.Done():
		return fmt.Errorf("firefox did not serve BiDi in %v: %s", firefoxStartTimeout, f.stderr.String())
	}

	f.bidi, err = dialBiDi(ctx, url+"/session", f.event)
	if err != nil {
		return err
	}
	if err := f.bidi.call(ctx, "session.new", map[string]any{"capabilities": map[string]any{}}, nil); err != nil {
		return err
	}
	var tree struct {
		Contexts []struct{ Context string }
	}
	if err := f.bidi.call(ctx, "browsingContext.getTree", map[string]any{"maxDepth": 0}, &tree); err != nil {
		return err
	}
	if len(tree.Contexts) == 0 {
		return errors.New("firefox has no tab")
	}
	f.context = tree.Contexts[0].Context
	steps := []struct {
		method string
		params map[string]any
	}{
		{"session.subscribe", map[string]any{"events": []string{"log.entryAdded", "network.beforeRequestSent"}}},
		{"browsingContext.setViewport", map[string]any{"context": f.context, "viewport": map[string]int{"width": opts.Width, "height": opts.Height}}},
		{"script.addPreloadScript", map[string]any{"functionDeclaration": "() => {\n" + pageInit + "\n}"}},
	}
	for _, s := range steps {
		if err := f.bidi.call(ctx, s.method, s.params, nil); err != nil {
			return err
		}
	}
	return nil
}

// event records what the tab's documents and workers reported.
func (f *firefoxTab) event(method string, params json.RawMessage) {
	switch method {
	case "network.beforeRequestSent":
		var e struct {
			Request struct{ URL string }
		}
		if json.Unmarshal(params, &e) == nil {
			f.mu.Lock()
			f.requests = append(f.requests, e.Request.URL)
			f.mu.Unlock()
		}
	case "log.entryAdded":
		var e struct {
			Type, Level, Text, Method string
			StackTrace                struct {
				CallFrames []struct {
					URL        string
					LineNumber int
				}
			}
		}
		if json.Unmarshal(params, &e) != nil || e.Level != "error" {
			return
		}
		line := "console." + e.Method + ": " + e.Text
		if e.Type != "console" {
			line = e.Type + ": " + e.Text
		}
		if fr := e.StackTrace.CallFrames; len(fr) > 0 {
			line += fmt.Sprintf(" (%s:%d)", fr[0].URL, fr[0].LineNumber+1)
		}
		f.mu.Lock()
		f.problems = append(f.problems, line)
		f.mu.Unlock()
	}
}

// call sends one command, bounded by stepTimeout.
func (f *firefoxTab) call(method string, params map[string]any, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	err := f.bidi.call(ctx, method, params, result)
	if errors.Is(err, errBiDiClosed) {
		return fmt.Errorf("%w; firefox printed: %s", err, f.stderr.String())
	}
	return err
}

func (f *firefoxTab) navigate(url string) error {
	return f.call("browsingContext.navigate", map[string]any{"context": f.context, "url": url, "wait": "complete"}, nil)
}

func (f *firefoxTab) reload() error {
	return f.call("browsingContext.reload", map[string]any{"context": f.context, "wait": "complete"}, nil)
}

// remoteValue is the part of a BiDi script result the driver reads.
type remoteValue struct {
	Type     string
	Value    json.RawMessage
	SharedID string `json:"sharedId"`
}

// evaluate evaluates expr in the tab's top document, awaiting a promise.
// An exception is an error of its message.
func (f *firefoxTab) evaluate(expr string) (remoteValue, error) {
	var r struct {
		Type             string
		Result           remoteValue
		ExceptionDetails struct {
			Text      string
			Exception remoteValue
		}
	}
	err := f.call("script.evaluate", map[string]any{
		"expression":      expr,
		"target":          map[string]string{"context": f.context},
		"awaitPromise":    true,
		"resultOwnership": "none",
	}, &r)
	if err != nil {
		return remoteValue{}, err
	}
	if r.Type == "exception" {
		d := r.ExceptionDetails
		msg := d.Text
		var s string
		if d.Exception.Type == "string" && json.Unmarshal(d.Exception.Value, &s) == nil && !strings.Contains(msg, s) {
			msg += ": " + s
		}
		return remoteValue{}, errors.New(msg)
	}
	return r.Result, nil
}

func (f *firefoxTab) eval(js string, out any) error {
	// The value crosses as JSON text, so that what a page returns decodes
	// as it does from the other engines; undefined is null.
	js = strings.TrimRight(js, " \t\n;")
	v, err := f.evaluate("(async () => { const v = await (\n" + js + "\n); return v === undefined ? \"null\" : (JSON.stringify(v) ?? \"null\"); })()")
	if err != nil {
		return fmt.Errorf("evaluating %s: %w", abbreviate(js), err)
	}
	var text string
	if v.Type != "string" || json.Unmarshal(v.Value, &text) != nil {
		return fmt.Errorf("evaluating %s: a %s, not JSON text", abbreviate(js), v.Type)
	}
	return jsonOut(text, out)
}

func (f *firefoxTab) click(sel string) error {
	var at *struct{ X, Y float64 }
	err := f.eval(`(() => {
		const e = document.querySelector(`+jsString(sel)+`);
		if (e === null) return null;
		e.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
		let r = e.getBoundingClientRect();
		// Firefox centres an inline element's line box, which may be
		// far taller than the element: centre the element itself.
		const dx = r.left + r.width / 2 - innerWidth / 2, dy = r.top + r.height / 2 - innerHeight / 2;
		if (Math.abs(dx) > innerWidth / 2 - 1 || Math.abs(dy) > innerHeight / 2 - 1) {
			scrollBy({ left: dx, top: dy, behavior: "instant" });
			r = e.getBoundingClientRect();
		}
		return { X: r.left + r.width / 2, Y: r.top + r.height / 2 };
	})()`, &at)
	if err != nil {
		return err
	}
	if at == nil {
		return fmt.Errorf("no element %s", sel)
	}
	return f.perform(map[string]any{
		"type":       "pointer",
		"id":         "mouse",
		"parameters": map[string]string{"pointerType": "mouse"},
		"actions": []map[string]any{
			{"type": "pointerMove", "x": int(at.X), "y": int(at.Y), "origin": "viewport"},
			{"type": "pointerDown", "button": 0},
			{"type": "pointerUp", "button": 0},
		},
	})
}

// perform runs one input source's actions and releases what they left
// pressed.
func (f *firefoxTab) perform(source map[string]any) error {
	if err := f.call("input.performActions", map[string]any{"context": f.context, "actions": []any{source}}, nil); err != nil {
		return err
	}
	return f.call("input.releaseActions", map[string]any{"context": f.context}, nil)
}

// keys presses and releases each of values, one after another.
func (f *firefoxTab) keys(values ...string) error {
	actions := make([]map[string]any, 0, 2*len(values))
	for _, v := range values {
		actions = append(actions, map[string]any{"type": "keyDown", "value": v}, map[string]any{"type": "keyUp", "value": v})
	}
	return f.perform(map[string]any{"type": "key", "id": "keyboard", "actions": actions})
}

func (f *firefoxTab) typeText(sel, s string) error {
	var focused bool
	if err := f.eval(selectForTyping(sel), &focused); err != nil {
		return err
	}
	if !focused {
		return fmt.Errorf("no element %s to type into", sel)
	}
	return f.keys(replacingKeys(s)...)
}

func (f *firefoxTab) press(key string) error {
	v, ok := webdriverKeys[key]
	if !ok {
		return fmt.Errorf("press: no key %q", key)
	}
	return f.keys(v)
}

func (f *firefoxTab) setFiles(sel string, paths ...string) error {
	v, err := f.evaluate(`document.querySelector(` + jsString(sel) + `)`)
	if err != nil {
		return fmt.Errorf("finding %s: %w", sel, err)
	}
	if v.Type != "node" || v.SharedID == "" {
		return fmt.Errorf("no element %s", sel)
	}
	return f.call("input.setFiles", map[string]any{
		"context": f.context,
		"element": map[string]string{"sharedId": v.SharedID},
		"files":   paths,
	}, nil)
}

func (f *firefoxTab) screenshot() ([]byte, error) {
	var r struct{ Data string }
	if err := f.call("browsingContext.captureScreenshot", map[string]any{"context": f.context}, &r); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(r.Data)
}

// reports says what Firefox's BiDi events showed, from the subscription
// made before the first navigation, so problems during a document's load
// are there. Requests are those of documents and their dedicated workers,
// including the ones a service worker answered; Firefox reports neither the
// fetches of a service worker itself (what its install caches) nor that of
// its script. Console errors, uncaught exceptions and unhandled rejections
// are its log entries of level error, and so are CSP violations, which
// Firefox logs itself (pageInit's listener logs them a second time).
func (f *firefoxTab) reports() (requests, problems []string, seen reportKinds) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...), append([]string(nil), f.problems...), reportKinds{Requests: true, Console: true, Early: true}
}

// close asks Firefox to close, kills it and its children if it has not
// exited in a few seconds, and removes its profile.
func (f *firefoxTab) close() error {
	f.closeOnce.Do(func() {
		if f.bidi != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			f.bidi.call(ctx, "browser.close", map[string]any{}, nil)
			cancel()
			f.bidi.close()
		}
		if f.cmd != nil && f.cmd.Process != nil {
			select {
			case <-f.exited:
			case <-time.After(5 * time.Second):
			}
			syscall.Kill(-f.cmd.Process.Pid, syscall.SIGKILL)
			<-f.exited
		}
		f.closeErr = os.RemoveAll(f.profile)
	})
	return f.closeErr
}

// tailWriter keeps the last few kilobytes written to it.
type tailWriter struct {
	mu  sync.Mutex
	buf []byte
}

func (w *tailWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	if over := len(w.buf) - 4096; over > 0 {
		w.buf = append([]byte(nil), w.buf[over:]...)
	}
	return len(p), nil
}

func (w *tailWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.TrimSpace(string(w.buf))
}

// bidiConn is a WebDriver BiDi connection: it sends commands with ids,
// hands each reply to the call waiting for its id, and every event to one
// listener, called on the connection's reading goroutine.
type bidiConn struct {
	ws      *websocket.Conn
	onEvent func(method string, params json.RawMessage)

	mu      sync.Mutex
	nextID  int64
	waiting map[int64]chan bidiMessage
	err     error         // why reading stopped
	done    chan struct{} // closed when reading stops
}

// bidiMessage is any message from the remote end: a command's success or
// error, or an event.
type bidiMessage struct {
	Type    string // "success", "error" or "event"
	ID      *int64
	Result  json.RawMessage
	Error   string
	Message string
	Method  string
	Params  json.RawMessage
}

// errBiDiClosed is a call's error once the connection has stopped.
var errBiDiClosed = errors.New("bidi connection closed")

// dialBiDi connects to the BiDi websocket at url.
func dialBiDi(ctx context.Context, url string, onEvent func(string, json.RawMessage)) (*bidiConn, error) {
	ws, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", url, err)
	}
	ws.SetReadLimit(-1) // screenshots are megabytes
	c := &bidiConn{ws: ws, onEvent: onEvent, waiting: make(map[int64]chan bidiMessage), done: make(chan struct{})}
	go c.read()
	return c, nil
}

func (c *bidiConn) read() {
	var err error
	for {
		var data []byte
		_, data, err = c.ws.Read(context.Background())
		if err != nil {
			break
		}
		var m bidiMessage
		if err = json.Unmarshal(data, &m); err != nil {
			err = fmt.Errorf("decoding a bidi message: %w", err)
			break
		}
		if m.Type == "event" {
			c.onEvent(m.Method, m.Params)
			continue
		}
		if m.ID == nil {
			continue // an error about no command in particular
		}
		c.mu.Lock()
		ch := c.waiting[*m.ID]
		delete(c.waiting, *m.ID)
		c.mu.Unlock()
		if ch != nil {
			ch <- m
		}
	}
	c.mu.Lock()
	c.err = fmt.Errorf("%w: %w", errBiDiClosed, err)
	c.mu.Unlock()
	close(c.done)
}

// call sends the command method with params and decodes its result into
// result, which may be nil. The remote end's error is returned with its
// message.
func (c *bidiConn) call(ctx context.Context, method string, params, result any) error {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return fmt.Errorf("%s: %w", method, c.err)
	}
	c.nextID++
	id := c.nextID
	ch := make(chan bidiMessage, 1)
	c.waiting[id] = ch
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.waiting, id)
		c.mu.Unlock()
	}()

	data, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	if err := c.ws.Write(ctx, websocket.MessageText, data); err != nil {
		return fmt.Errorf("%s: sending: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Type == "error" {
			return fmt.Errorf("%s: %s: %s", method, m.Error, m.Message)
		}
		if result == nil {
			return nil
		}
		if err := json.Unmarshal(m.Result, result); err != nil {
			return fmt.Errorf("%s: decoding %s: %w", method, abbreviate(string(m.Result)), err)
		}
		return nil
	case <-c.done:
		c.mu.Lock()
		defer c.mu.Unlock()
		return fmt.Errorf("%s: %w", method, c.err)
	case <-ctx.Done():
		return fmt.Errorf("%s: no reply: %w", method, ctx.Err())
	}
}

// close closes the websocket, which stops reading.
func (c *bidiConn) close() {
	c.ws.Close(websocket.StatusNormalClosure, "")
	select {
	case <-c.done:
	case <-time.After(2 * time.Second):
		c.ws.CloseNow()
	}
}
