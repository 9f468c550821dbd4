//go:build !js

package e2e

// The scanner reads QR codes in the scan worker (static/scan-worker.js
// running scan.wasm), never in the page: the page's program holds no
// decoder, every frame and image is handed to the worker, and a worker
// that cannot be loaded is said to be so.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"twofold.app/app/i18n"
	"twofold.app/app/ui"
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
// (slash-separated, under dir) and their compressed copies, which the
// server would send in their place (a site written by twofold site has
// them), its other files linked rather than copied.
func siteWithout(t testing.TB, dir string, rel ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	skip := map[string]bool{}
	for _, r := range rel {
		for _, ext := range []string{"", ".br", ".gz"} {
			skip[filepath.FromSlash(r+ext)] = true
		}
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
	for r := range skip {
		if _, err := os.Stat(filepath.Join(out, r)); !os.IsNotExist(err) {
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

// scanFormatsPage runs in TestScanWorkerFormats's page. scanFormats(jobs)
// starts the scan worker from /web/scan-worker.js, hands it each job as the
// page's reader would, and resolves to what the worker said: its ready
// message, and each job's texts or error. A job is {name, kind, format,
// width, height, stride, data (base64)}: kind "frame" makes a VideoFrame of
// the data in that format, "pixels" sends the bytes as they are, and
// "image" sends them as a PNG file.
const scanFormatsPage = `window.scanFormats = async (jobs) => {
	const worker = new Worker("/web/scan-worker.js");
	const ready = await new Promise((resolve) => worker.addEventListener("message", (e) => resolve(e.data), { once: true }));
	let next = 0;
	const ask = (msg, transfer) => new Promise((resolve) => {
		const id = ++next;
		const on = (e) => {
			if (e.data && e.data.id === id) {
				worker.removeEventListener("message", on);
				resolve(e.data);
			}
		};
		worker.addEventListener("message", on);
		msg.id = id;
		worker.postMessage(msg, transfer || []);
	});
	const results = [];
	for (const j of jobs) {
		const bytes = Uint8Array.from(atob(j.data), (c) => c.charCodeAt(0));
		let r;
		if (j.kind === "frame") {
			const f = new VideoFrame(bytes, { format: j.format, codedWidth: j.width, codedHeight: j.height, timestamp: 0 });
			r = await ask({ kind: "frame", frame: f, stream: 1 }, [f]);
		} else if (j.kind === "image") {
			r = await ask({ kind: "image", blob: new Blob([bytes], { type: "image/png" }), maxSide: 3000, thorough: true });
		} else {
			r = await ask({ kind: "pixels", data: bytes, format: j.format, width: j.width, height: j.height, stride: j.stride, stream: 2 }, [bytes.buffer]);
		}
		results.push({ name: j.name, texts: r.texts || [], error: r.error || "" });
	}
	worker.terminate();
	return { ready, results };
};
window.scanFormatsReady = true;
`

// TestScanWorkerFormats hands the scan worker, as the page's reader does,
// VideoFrames of every pixel format a camera or a screen capture gives,
// pixels the page read itself, and image files, each holding one QR code,
// and checks the text it reads. The RGB frames are coloured so that a
// channel read for another one leaves no contrast: dark modules (0, 128,
// 100) and light ones (255, 128, 3) have the same luma with red and blue
// swapped. A frame without a code gives no text, and a file that is no
// image the error that says so.
func TestScanWorkerFormats(t *testing.T) {
	s := testSite(t)
	dir := t.TempDir()
	for _, f := range []string{"web/scan-worker.js", "web/scan.wasm", "wasm_exec.js"} {
		copyFile(t, filepath.Join(dir, filepath.FromSlash(f)), filepath.Join(s.Dir, filepath.FromSlash(f)))
	}
	writeFile(t, filepath.Join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>scan worker formats</title><script src="/page.js"></script>`)
	writeFile(t, filepath.Join(dir, "page.js"), scanFormatsPage)
	base := serveStatic(t, dir, http.Header{"Content-Security-Policy": {ui.CSP}})

	const text = "otpauth://totp/Formats:erin@example.org?secret=JBSWY3DPEHPK3PXP&issuer=Formats"
	code := qrImage(t, text, 4)
	const w, h = 320, 240
	frame := frameWith(w, h, code, (w-code.Rect.Dx())/2, (h-code.Rect.Dy())/2)
	blank := frameWith(w, h, image.NewGray(image.Rect(0, 0, 0, 0)), 0, 0)
	b64 := base64.StdEncoding.EncodeToString

	// yuv writes g as an I420 or NV12 frame: its luma, then neutral
	// chroma.
	yuv := func(g *image.Gray) []byte {
		out := append([]byte(nil), g.Pix...)
		return append(out, bytes.Repeat([]byte{128}, w*h/2)...)
	}
	// rgb writes g as 4-byte pixels, red, green and blue at the offsets
	// r, gr, b, in the colours of the doc comment.
	rgb := func(g *image.Gray, r, gr, b int) []byte {
		out := make([]byte, 4*w*h)
		for i, v := range g.Pix {
			c := [3]byte{0, 128, 100}
			if v > 127 {
				c = [3]byte{255, 128, 3}
			}
			p := out[4*i : 4*i+4]
			p[r], p[gr], p[b], p[6-r-gr-b] = c[0], c[1], c[2], 255
		}
		return out
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, frame); err != nil {
		t.Fatal(err)
	}

	type job struct {
		Name    string `json:"name"`
		Kind    string `json:"kind"`
		Format  string `json:"format"`
		Width   int    `json:"width"`
		Height  int    `json:"height"`
		Stride  int    `json:"stride"`
		Data    string `json:"data"`
		want    string // the text, or "" for none
		wantErr string // a part of the error
	}
	jobs := []job{
		{Name: "I420", Kind: "frame", Format: "I420", Data: b64(yuv(frame)), want: text},
		{Name: "NV12", Kind: "frame", Format: "NV12", Data: b64(yuv(frame)), want: text},
		{Name: "RGBA", Kind: "frame", Format: "RGBA", Data: b64(rgb(frame, 0, 1, 2)), want: text},
		{Name: "RGBX", Kind: "frame", Format: "RGBX", Data: b64(rgb(frame, 0, 1, 2)), want: text},
		{Name: "BGRA", Kind: "frame", Format: "BGRA", Data: b64(rgb(frame, 2, 1, 0)), want: text},
		{Name: "BGRX", Kind: "frame", Format: "BGRX", Data: b64(rgb(frame, 2, 1, 0)), want: text},
		{Name: "no code", Kind: "frame", Format: "I420", Data: b64(yuv(blank))},
		{Name: "pixels read by the page", Kind: "pixels", Format: "RGBA", Stride: 4 * w, Data: b64(rgb(frame, 0, 1, 2)), want: text},
		{Name: "image file", Kind: "image", Data: b64(pngData.Bytes()), want: text},
		{Name: "not an image", Kind: "image", Data: b64([]byte("not a picture at all")), wantErr: "this file is not an image the browser can read"},
	}
	for i := range jobs {
		jobs[i].Width, jobs[i].Height = w, h
	}
	arg, err := json.Marshal(jobs)
	if err != nil {
		t.Fatal(err)
	}

	tab, cancel := chromedp.NewContext(sharedBrowser(t), chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	logConsoleOnFailure(t, tab)
	ctx, cancelStep := context.WithTimeout(tab, scanTimeout)
	defer cancelStep()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool]("window.scanFormatsReady === true")); err != nil {
		t.Fatalf("loading the page: %v", err)
	}
	type result struct {
		Name  string
		Texts []string
		Error string
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Ready struct {
			Ready    bool
			Protocol int
			Canvas   bool
		}
		Results []result
	}]("scanFormats("+string(arg)+")", chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("scanFormats: %v", err)
	}
	if !got.Ready.Ready || got.Ready.Protocol < 1 || !got.Ready.Canvas {
		t.Fatalf("the worker said %+v, want it ready, with a protocol and a canvas", got.Ready)
	}
	if len(got.Results) != len(jobs) {
		t.Fatalf("%d results for %d jobs", len(got.Results), len(jobs))
	}
	for i, j := range jobs {
		r := got.Results[i]
		switch {
		case j.wantErr != "":
			if !strings.Contains(r.Error, j.wantErr) || len(r.Texts) > 0 {
				t.Errorf("%s: texts %q, error %q; want the error %q", j.Name, r.Texts, r.Error, j.wantErr)
			}
		case j.want == "":
			if r.Error != "" || len(r.Texts) > 0 {
				t.Errorf("%s: texts %q, error %q; want nothing", j.Name, r.Texts, r.Error)
			}
		default:
			if r.Error != "" || len(r.Texts) != 1 || r.Texts[0] != j.want {
				t.Errorf("%s: texts %q, error %q; want %q", j.Name, r.Texts, r.Error, j.want)
			}
		}
	}
}
