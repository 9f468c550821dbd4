//go:build !js

package e2e

// The scanner reads QR codes in the scan worker (static/scan-worker.js
// running scan.wasm), never in the page: the page's program holds no
// decoder, every frame and image is handed to the worker, and a worker
// that cannot be loaded is said to be so.

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"twofold.app/app/i18n"
)

// scanWorkerProbe runs in every document before the page's scripts. It
// records, in window.twofoldScanWorker, the scan workers the page starts
// and terminates, the jobs it posts them (frames of a capture; images; and
// by kind: "frame" for a VideoFrame, "pixels" for pixels the page read),
// whether each said it was ready, and the texts of their replies.
const scanWorkerProbe = `(() => {
	const seen = window.twofoldScanWorker = { started: 0, terminated: 0, ready: 0, frames: 0, images: 0, kinds: {}, texts: [] };
	const NativeWorker = window.Worker;
	window.Worker = class extends NativeWorker {
		constructor(url, options) {
			super(url, options);
			this.scan = new URL(String(url), location.href).pathname === "/web/scan-worker.js";
			if (!this.scan) return;
			seen.started++;
			this.addEventListener("message", (e) => {
				const d = e.data || {};
				if (d.ready) seen.ready++;
				if (Array.isArray(d.texts)) seen.texts.push(...d.texts);
			});
		}
		postMessage(msg, transfer) {
			if (this.scan && msg && msg.thorough) seen.images++;
			else if (this.scan && msg) seen.frames++;
			if (this.scan && msg) seen.kinds[msg.kind] = (seen.kinds[msg.kind] || 0) + 1;
			return super.postMessage(msg, transfer);
		}
		terminate() {
			if (this.scan) seen.terminated++;
			return super.terminate();
		}
	};
})();`

// busyScreenStub stands in for getDisplayMedia: a 1280×720 capture, at 10
// frames a second, of a busy page that changes on every frame (text lines,
// boxes, an image) and holds no QR code.
const busyScreenStub = `(() => {
	const md = navigator.mediaDevices;
	if (!md) return;
	md.getDisplayMedia = async () => {
		const c = document.createElement("canvas");
		c.width = 1280;
		c.height = 720;
		const g = c.getContext("2d");
		let n = 0;
		const draw = () => {
			n++;
			g.fillStyle = "#f4f4f6";
			g.fillRect(0, 0, 1280, 720);
			for (let i = 0; i < 40; i++) {
				const y = 20 + i * 17;
				g.fillStyle = i % 7 === 0 ? "#2f5bd3" : "#222";
				g.font = (i % 5 === 0 ? "bold " : "") + "13px sans-serif";
				g.fillText("Line " + i + " of a page that is not a QR code, frame " + n + " " + "lorem ipsum dolor sit amet ".repeat(1 + i % 3), 40 + (i * 37 + n) % 60, y);
			}
			for (let i = 0; i < 12; i++) {
				g.fillStyle = "hsl(" + ((i * 47 + n * 3) % 360) + ", 40%, " + (30 + i * 4) + "%)";
				g.fillRect(820 + (i % 3) * 140, 40 + Math.floor(i / 3) * 160, 120, 130);
			}
		};
		draw();
		setInterval(draw, 100);
		return c.captureStream(10);
	};
})();`

// scanWorkerSeen is what scanWorkerProbe recorded.
type scanWorkerSeen struct {
	Started, Terminated, Ready, Frames, Images int
	Kinds                                      map[string]int
	Texts                                      []string
}

func (p *page) scanWorker() scanWorkerSeen {
	p.t.Helper()
	return evalJS[scanWorkerSeen](p, `window.twofoldScanWorker`)
}

// expectReadInWorker checks that a text starting with prefix was read in
// the scan worker: the page started it, it said it was ready (scan.wasm
// runs), it was handed frames (or, for images, images), and one of its
// replies holds the text.
func (p *page) expectReadInWorker(prefix string, images bool) {
	p.t.Helper()
	seen := p.scanWorker()
	if seen.Started == 0 || seen.Ready == 0 {
		p.t.Fatalf("the scan worker was started %d times and ready %d times, want both at least once", seen.Started, seen.Ready)
	}
	if images && seen.Images == 0 || !images && seen.Frames == 0 {
		p.t.Errorf("the scan worker was handed %d frames and %d images", seen.Frames, seen.Images)
	}
	for _, t := range seen.Texts {
		if strings.HasPrefix(t, prefix) {
			return
		}
	}
	p.t.Errorf("the scan worker read %q, none starting with %q", seen.Texts, prefix)
}

// TestScanDecoderInWorker checks the built site: the app's program holds
// no QR decoder (neither app/qr nor gozxing, whose function names a Go
// program keeps even stripped), and the scan worker's does.
func TestScanDecoderInWorker(t *testing.T) {
	s := testSite(t)
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join(s.Dir, "web", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	app, worker := read("app.wasm"), read("scan.wasm")
	for _, name := range []string{"twofold.app/app/qr.", "github.com/makiuchi-d/gozxing"} {
		if bytes.Contains(app, []byte(name)) {
			t.Errorf("app.wasm holds %s", name)
		}
		if !bytes.Contains(worker, []byte(name)) {
			t.Errorf("scan.wasm does not hold %s: is the check looking for the right names?", name)
		}
	}
}

// siteWithout returns a copy of the site in dir without the files rel
// (slash-separated, under dir), its other files linked rather than copied.
func siteWithout(t testing.TB, dir string, rel ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	skip := map[string]bool{}
	for _, r := range rel {
		skip[filepath.FromSlash(r)] = true
	}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		r, err := filepath.Rel(dir, path)
		if err != nil || skip[r] {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(out, r), 0o755)
		}
		return os.Link(path, filepath.Join(out, r))
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rel {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(r))); !os.IsNotExist(err) {
			t.Fatalf("the copy still has %s", r)
		}
	}
	return out
}

// TestScanWorkerMissing scans from a site whose scan worker cannot serve
// the page: its scan.wasm is missing, as an offline page finds it when the
// worker was never cached, or its worker is of another version than the
// page, as an open page finds it after an update replaced the cache. An
// image, and then a screen capture (in a worker tried anew), each say that
// the reader could not be loaded and why, in the words of the catalogue,
// and the capture is released.
func TestScanWorkerMissing(t *testing.T) {
	s := testSite(t)
	script, err := os.ReadFile(filepath.Join(s.Dir, "web", "scan-worker.js"))
	if err != nil {
		t.Fatal(err)
	}
	const protocol = "protocol: scanner.protocol,"
	if !bytes.Contains(script, []byte(protocol)) {
		t.Fatalf("scan-worker.js no longer reports the protocol as %q", protocol)
	}
	for _, tt := range []struct {
		name   string
		site   func() string
		detail string
		ready  bool // the worker says it is ready (of another version)
	}{
		{"scan.wasm missing", func() string { return siteWithout(t, s.Dir, "web/scan.wasm") },
			"loading /web/scan.wasm: HTTP 404", false},
		{"another version", func() string {
			dir := siteWithout(t, s.Dir, "web/scan-worker.js")
			other := bytes.Replace(script, []byte(protocol), []byte("protocol: scanner.protocol + 1,"), 1)
			if err := os.WriteFile(filepath.Join(dir, "web", "scan-worker.js"), other, 0o644); err != nil {
				t.Fatal(err)
			}
			return dir
		}, "it belongs to another version of Twofold than this page", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := i18n.English.F(i18n.DecoderMissing, tt.detail)
			p := openPage(t, newServer(t, tt.site()))
			p.initScript(busyScreenStub) // a busy page, no code
			p.initScript(keepStreams)    // after the stub, which it wraps
			p.initScript(scanWorkerProbe)
			p.navigate("/")
			p.click("#setup-transfer")
			p.waitVisible("#scan-file", stepTimeout)

			png := filepath.Join(t.TempDir(), "code.png")
			if err := os.WriteFile(png, codePNG(t, "otpauth://totp/Missing:worker?secret=JBSWY3DPEHPK3PXP"), 0o644); err != nil {
				t.Fatal(err)
			}
			p.chooseFile("#scan-file", png)
			p.waitVisible("#scan-error", scanTimeout)
			if got := p.text("#scan-error"); got != want {
				t.Errorf("an image gives %q, want %q", got, want)
			}

			p.click("#scan-screen")
			p.waitFor("the screen scan's problem", `(document.getElementById("scan-error") || {}).textContent === `+jsString(want), scanTimeout)
			if p.exists("#scan-stop") {
				t.Error("the screen capture still runs after the reader failed")
			}
			p.expectReleased("after the reader failed")
			seen := p.scanWorker()
			if seen.Started < 2 || (seen.Ready > 0) != tt.ready || len(seen.Texts) > 0 {
				t.Errorf("the scan worker was started %d times, said it was ready %d times and read %q; want a new one tried for the screen after the image's failure, ready %v, and nothing read",
					seen.Started, seen.Ready, seen.Texts, tt.ready)
			}
		})
	}
}
