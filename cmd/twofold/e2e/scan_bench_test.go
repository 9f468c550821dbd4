//go:build !js

package e2e

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// scanBenchSpan is how long BenchmarkScanMainThread watches each scan.
const scanBenchSpan = 10 * time.Second

// scanBenchProbe runs in every document of BenchmarkScanMainThread's page.
// It counts the VideoFrames made (one for each frame handed to the
// decoder, wherever it decodes: the scanner makes one of the video's
// current frame for each decode), keeps every long task (50 ms or more)
// that a PerformanceObserver sees, and records the scan worker's replies:
// its start time, and the time it spent reading and decoding each frame.
const scanBenchProbe = `(() => {
	const bench = window.twofoldBench = { frames: 0, long: [], worker: null, replies: 0, readMs: 0, decodeMs: 0, memoryBytes: 0 };
	if (typeof VideoFrame === "function") {
		window.VideoFrame = new Proxy(VideoFrame, {
			construct(target, args, newTarget) {
				bench.frames++;
				return Reflect.construct(target, args, newTarget);
			},
		});
	}
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) bench.long.push({ start: e.startTime, ms: e.duration });
	}).observe({ type: "longtask", buffered: true });
	const NativeWorker = window.Worker;
	window.Worker = class extends NativeWorker {
		constructor(url, options) {
			super(url, options);
			if (!String(url).endsWith("scan-worker.js")) return;
			this.addEventListener("message", (e) => {
				const d = e.data || {};
				if (d.ready) bench.worker = { loadMs: d.loadMs };
				if (Array.isArray(d.texts)) {
					bench.replies++;
					bench.readMs += d.readMs;
					bench.decodeMs += d.decodeMs;
					bench.memoryBytes = d.memoryBytes;
				}
			});
		}
	};
})();`

// scanBenchVideo writes a 1280×720 video for the fake camera: a desk in
// uneven light with dark shapes on it (text, a keyboard, the edge of a
// screen) and noise, that moves a little from frame to frame, and no QR
// code.
func scanBenchVideo(b *testing.B) string {
	const w, h, n = 1280, 720, 10
	rng := rand.New(rand.NewPCG(7, 8))
	var frames []*image.Gray
	for f := range n {
		img := image.NewGray(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				img.Pix[y*w+x] = uint8(140 + 60*x/w + 30*y/h + rng.IntN(9))
			}
		}
		shapes := rand.New(rand.NewPCG(9, 10)) // the same shapes in every frame
		for range 60 {
			x, y := shapes.IntN(w)+f, shapes.IntN(h)
			r := image.Rect(x, y, x+10+shapes.IntN(w/8), y+4+shapes.IntN(h/20))
			draw.Draw(img, r, &image.Uniform{color.Gray{uint8(40 + shapes.IntN(60))}}, image.Point{}, draw.Src)
		}
		frames = append(frames, img)
	}
	path := filepath.Join(b.TempDir(), "desk.y4m")
	writeY4M(b, path, 10, frames)
	return path
}

// BenchmarkScanMainThread measures what scanning costs the page's main
// thread, and how many frames a second are decoded, with a camera
// (Chromium's fake camera playing a 1280×720 video) and a screen capture (a
// stubbed getDisplayMedia giving a 1280×720 canvas stream), neither showing
// a code, each scanned for scanBenchSpan from the transfer screen of a fresh
// profile. From a trace of every task of the renderer's main thread over
// the span (the Tracing domain's RunTask events), not only those of 50 ms
// or more, it reports:
//
//   - longest-app-task-ms: the longest task that ran the site's own
//     scripts (the app's Go program, go-app), in wall time, and
//     longest-app-task-cpu-ms the most CPU time the main thread spent in
//     one of them: on a shared machine a task's wall time also counts the
//     time its thread waited for a core;
//   - longest-task-ms: the longest task of all, which includes the test's
//     stand-ins: the screen capture is a canvas that the page itself draws
//     and captures, which a real capture of the screen does not cost it;
//   - long-tasks: the tasks of 50 ms or more, of all, that a
//     PerformanceObserver of "longtask" saw over the span;
//   - frames/s: the VideoFrames the scanner made a second, one for each
//     frame decoded, in the page or in the scan worker;
//   - and, where the scan worker runs, its start (worker-load-ms: fetching,
//     compiling and starting scan.wasm), its memory at the end
//     (worker-memory-MiB), and the mean time it spent reading a frame's
//     pixels and decoding them.
//
// Run against another build's site with TWOFOLD_SITE to compare:
//
//	go test -run '^$' -bench ScanMainThread -benchtime 1x ./cmd/twofold/e2e/
func BenchmarkScanMainThread(b *testing.B) {
	s := testSite(b)
	video := scanBenchVideo(b)
	for _, run := range []struct {
		source   string
		throttle float64 // the CPU slowdown emulated, 1 for none
	}{{"camera", 1}, {"screen", 1}, {"camera", 4}, {"screen", 4}} {
		source := run.source
		name := source
		if run.throttle > 1 {
			name = fmt.Sprintf("%s/cpu%gx", source, run.throttle)
		}
		b.Run(name, func(b *testing.B) {
			var appMs, appCPU, longest, longCount, fps, loadMs, readMs, decodeMs, memMiB []float64
			for range b.N {
				browser := scanBrowser(b,
					chromedp.Flag("use-fake-ui-for-media-stream", true),
					chromedp.Flag("use-fake-device-for-media-stream", true),
					chromedp.Flag("use-file-for-fake-video-capture", video),
				)
				p := openPageOn(b, browser, newServer(b, s.Dir))
				p.initScript(busyScreenStub)
				p.initScript(scanBenchProbe)
				if run.throttle > 1 {
					ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
					_, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: run.throttle})
					cancel()
					if err != nil {
						b.Fatalf("slowing the CPU down: %v", err)
					}
				}
				p.navigate("/")
				p.click("#setup-transfer")
				p.waitVisible("#scan-screen", stepTimeout)
				p.click("#scan-" + source)
				p.waitFor("frames handed to the decoder", `window.twofoldBench.frames >= 5`, scanTimeout)
				if p.exists("#scan-error") {
					b.Fatalf("the scanner says %q", p.text("#scan-error"))
				}

				type counts struct {
					Now, Frames, Replies, ReadMs, DecodeMs, MemoryBytes float64
					Worker                                              *struct{ LoadMs float64 }
				}
				read := func() counts {
					return evalJS[counts](p, `(() => { const b = window.twofoldBench;
						return { Now: performance.now(), Frames: b.frames, Replies: b.replies, ReadMs: b.readMs, DecodeMs: b.decodeMs, MemoryBytes: b.memoryBytes, Worker: b.worker }; })()`)
				}
				tr := p.startTrace()
				c0 := read()
				time.Sleep(scanBenchSpan)
				c1 := read()
				tasks := tr.stop()
				long := evalJS[[]struct{ Start, Ms float64 }](p, `window.twofoldBench.long`)

				n := 0
				for _, l := range long {
					if l.Start >= c0.Now && l.Start < c1.Now {
						n++
					}
				}
				secs := (c1.Now - c0.Now) / 1000
				appMs = append(appMs, tasks.app.ms)
				appCPU = append(appCPU, tasks.appCPU.cpuMs)
				longest = append(longest, tasks.longest.ms)
				longCount = append(longCount, float64(n))
				fps = append(fps, (c1.Frames-c0.Frames)/secs)
				if c1.Worker != nil {
					loadMs = append(loadMs, c1.Worker.LoadMs)
					memMiB = append(memMiB, mib(int(c1.MemoryBytes)))
					if r := c1.Replies - c0.Replies; r > 0 {
						readMs = append(readMs, (c1.ReadMs-c0.ReadMs)/r)
						decodeMs = append(decodeMs, (c1.DecodeMs-c0.DecodeMs)/r)
					}
				}
				b.Logf("%s: %d tasks on the main thread over %.1f s; of the app's, the longest %.1f ms (%.1f ms CPU), the most CPU %.1f ms; of all, the longest %s ms, %d of 50 ms or more; %.1f frames a second decoded",
					source, tasks.count, secs, tasks.app.ms, tasks.app.cpuMs, tasks.appCPU.cpuMs, formatMs(tasks.top), n, (c1.Frames-c0.Frames)/secs)
			}
			b.ReportMetric(mean(appMs), "longest-app-task-ms")
			b.ReportMetric(mean(appCPU), "longest-app-task-cpu-ms")
			b.ReportMetric(mean(longest), "longest-task-ms")
			b.ReportMetric(mean(longCount), "long-tasks")
			b.ReportMetric(mean(fps), "frames/s")
			if len(loadMs) > 0 {
				b.ReportMetric(mean(loadMs), "worker-load-ms")
				b.ReportMetric(mean(readMs), "worker-read-ms")
				b.ReportMetric(mean(decodeMs), "worker-decode-ms")
				b.ReportMetric(mean(memMiB), "worker-memory-MiB")
				b.Logf("%s: the scan worker started in %.0f ms and holds %.1f MiB; a frame took %.1f ms to read and %.1f ms to decode there",
					source, mean(loadMs), mean(memMiB), mean(readMs), mean(decodeMs))
			}
		})
	}
}

// trace is a trace of the browser's tasks in progress.
type trace struct {
	mu   sync.Mutex
	raw  [][]byte
	done chan struct{}
	stop func() taskStats
}

// task is one task of a renderer's main thread: its wall time and the
// thread's CPU time in it, and whether it ran the site's own scripts.
type task struct {
	ms, cpuMs float64
	app       bool
}

// taskStats is what a trace says of the tasks of renderers' main threads.
type taskStats struct {
	count int
	// longest is the longest task, in wall time; app the longest that ran
	// the site's own scripts (not the test's stand-ins, the canvas of the
	// screen capture and its drawing), and appCPU the most CPU time of
	// those.
	longest, app, appCPU task
	top                  []float64 // the five longest tasks, in ms
}

// startTrace starts tracing the browser's tasks; stop ends it and returns
// what the trace says of the tasks run on a renderer's main thread (the
// thread named CrRendererMain) meanwhile.
func (p *page) startTrace() *trace {
	p.t.Helper()
	tr := &trace{done: make(chan struct{})}
	ctx, cancel := context.WithCancel(p.ctx)
	data := chromedp.Events(ctx, tracing.DataCollected)
	complete := chromedp.Events(ctx, tracing.TracingComplete)
	go func() {
		for ev, err := range data {
			if err != nil {
				return
			}
			tr.mu.Lock()
			for _, v := range ev.Value {
				tr.raw = append(tr.raw, []byte(v))
			}
			tr.mu.Unlock()
		}
	}()
	go func() {
		for _, err := range complete {
			if err == nil {
				close(tr.done)
			}
			return
		}
	}()
	sctx, scancel := context.WithTimeout(p.ctx, stepTimeout)
	defer scancel()
	_, err := chromedp.Call(sctx, tracing.Start, tracing.StartParams{
		TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig: &tracing.TraceConfig{
			IncludedCategories: []string{"toplevel", "disabled-by-default-devtools.timeline", "devtools.timeline", "__metadata"},
		},
	})
	if err != nil {
		cancel()
		p.t.Fatalf("starting a trace: %v", err)
	}
	tr.stop = func() taskStats {
		p.t.Helper()
		defer cancel()
		ectx, ecancel := context.WithTimeout(p.ctx, stepTimeout)
		defer ecancel()
		if _, err := chromedp.Call(ectx, tracing.End, struct{}{}); err != nil {
			p.t.Fatalf("ending the trace: %v", err)
		}
		select {
		case <-tr.done:
		case <-time.After(stepTimeout):
			p.t.Fatal("the trace did not complete")
		}
		time.Sleep(200 * time.Millisecond) // the last data events, queued apart
		tr.mu.Lock()
		defer tr.mu.Unlock()
		return tasksOf(p.t, tr.raw, p.srv.URL+"/")
	}
	return tr
}

// tasksOf reads the trace events and returns what they say of the RunTask
// events of the threads named CrRendererMain. A task ran the site's own
// scripts when a FunctionCall inside it is of a script whose URL starts
// with origin.
func tasksOf(t testing.TB, raw [][]byte, origin string) taskStats {
	type event struct {
		Name string  `json:"name"`
		Ph   string  `json:"ph"`
		Pid  int     `json:"pid"`
		Tid  int     `json:"tid"`
		Ts   float64 `json:"ts"`   // µs
		Dur  float64 `json:"dur"`  // µs
		TDur float64 `json:"tdur"` // µs of the thread's CPU time
		Args struct {
			Name string `json:"name"`
			Data struct {
				URL string `json:"url"`
			} `json:"data"`
		} `json:"args"`
	}
	type thread struct{ pid, tid int }
	var events []event
	main := map[thread]bool{}
	for _, r := range raw {
		var e event
		if err := json.Unmarshal(r, &e); err != nil {
			t.Fatalf("a trace event: %v: %s", err, r)
		}
		if e.Ph == "M" && e.Name == "thread_name" && e.Args.Name == "CrRendererMain" {
			main[thread{e.Pid, e.Tid}] = true
		}
		if e.Ph == "X" {
			events = append(events, e)
		}
	}
	if len(main) == 0 {
		t.Fatalf("the trace of %d events names no renderer main thread", len(events))
	}
	// Per thread in time order, a task's events follow it until it ends.
	slices.SortStableFunc(events, func(a, b event) int {
		if a.Pid != b.Pid {
			return a.Pid - b.Pid
		}
		if a.Tid != b.Tid {
			return a.Tid - b.Tid
		}
		if a.Ts != b.Ts {
			return cmp.Compare(a.Ts, b.Ts)
		}
		return cmp.Compare(b.Dur, a.Dur) // the enclosing event first
	})
	var tasks []task
	var cur *event
	for i := range events {
		e := &events[i]
		th := thread{e.Pid, e.Tid}
		if !main[th] {
			continue
		}
		if e.Name == "RunTask" && (cur == nil || cur.Pid != e.Pid || cur.Tid != e.Tid || e.Ts >= cur.Ts+cur.Dur) {
			cur = e
			tasks = append(tasks, task{ms: e.Dur / 1000, cpuMs: e.TDur / 1000})
			continue
		}
		if cur != nil && cur.Pid == e.Pid && cur.Tid == e.Tid && e.Ts < cur.Ts+cur.Dur &&
			e.Name == "FunctionCall" && strings.HasPrefix(e.Args.Data.URL, origin) {
			tasks[len(tasks)-1].app = true
		}
	}
	if len(tasks) == 0 {
		t.Fatalf("the trace of %d events has no task of a renderer's main thread", len(events))
	}
	s := taskStats{count: len(tasks)}
	var all []float64
	for _, k := range tasks {
		all = append(all, k.ms)
		if k.ms > s.longest.ms {
			s.longest = k
		}
		if k.app && k.ms > s.app.ms {
			s.app = k
		}
		if k.app && k.cpuMs > s.appCPU.cpuMs {
			s.appCPU = k
		}
	}
	slices.Sort(all)
	slices.Reverse(all)
	s.top = all[:min(5, len(all))]
	return s
}
