//go:build !js

package e2e

// The account list's benchmarks. Each runs on the site under test and,
// when TWOFOLD_BASELINE names another build's site (main's, say), on that
// one too, in turns within the same run, and logs the ratios: the machine
// is shared, so only figures measured side by side compare.
//
//	TWOFOLD_BASELINE=/tmp/main/out/site go test -run '^$' -bench 'List' -benchtime 1x ./cmd/twofold/e2e/

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// listSites returns the sites the list benchmarks compare: "this", the
// site under test, and "baseline" when TWOFOLD_BASELINE names one.
func listSites(b *testing.B) []struct{ name, dir string } {
	sites := []struct{ name, dir string }{{"this", testSite(b).Dir}}
	if dir := os.Getenv("TWOFOLD_BASELINE"); dir != "" {
		if _, err := readWorker(dir); err != nil {
			b.Fatalf("TWOFOLD_BASELINE=%s: %v", dir, err)
		}
		sites = append([]struct{ name, dir string }{{"baseline", dir}}, sites...)
	}
	return sites
}

// listBenchInit runs in every document of the list benchmarks' pages. In
// window.listMarks it records the time of the first code shown and of the
// first time the list showed n accounts (see listedJS: a windowed list
// once it holds the rows near the screen), for each n of listWant.
const listBenchInit = `(() => {
	const marks = window.listMarks = {};
	const want = window.listWant = [1, 1000, 10000];
	new MutationObserver(() => {
		const now = performance.now();
		if (!("code" in marks)) {
			const c = document.querySelector("#accounts > li.account .code");
			if (c && c.textContent !== "") marks.code = now;
		}
		const n = (` + listedJS + `)();
		for (const w of want) if (!(("rows" + w) in marks) && n >= w) marks["rows" + w] = now;
	}).observe(document, { childList: true, subtree: true, characterData: true, attributeFilter: ["aria-busy"] });
	window.addEventListener("submit", () => { marks.submit = performance.now(); }, true);
	// When the key derivation's worker answers: the time after it is the
	// page's own work, which the derivation's swings (another job on the
	// machine's cores) do not blur.
	const W = window.Worker;
	window.Worker = function (url, opts) {
		const w = new W(url, opts);
		if (String(url).includes("kdf-worker")) {
			w.addEventListener("message", () => { marks.derived = performance.now(); });
		}
		return w;
	};
	window.Worker.prototype = W.prototype;
})();`

// unlockList unlocks a vault of n accounts on the site in dir and returns
// the times from submitting the password to the first code shown and to
// all n rows in the list, and from the key derivation's answer to the
// first code, in milliseconds.
func unlockList(b *testing.B, dir string, sealed []byte, rev uint64, n int) (code, all, afterKDF float64, p *page) {
	p = openPage(b, newServer(b, dir))
	p.addInit(listBenchInit)
	p.storeVault(sealed, rev)
	p.navigate("/")
	// On a loaded machine the page may take longer than a step to start.
	p.submitUnlock(benchPassword, 3*time.Minute)
	rows := fmt.Sprintf("rows%d", n)
	p.waitFor(rows, `window.listMarks && `+jsString(rows)+` in window.listMarks && "code" in window.listMarks`, 5*time.Minute)
	// A page busy drawing ten thousand rows may take longer than a step
	// to answer.
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Minute)
	defer cancel()
	m, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](
		`({...window.listMarks, count: (`+listedJS+`)()})`))
	if err != nil {
		b.Fatalf("reading the marks: %v", err)
	}
	if got := int(m["count"]); got != n {
		b.Fatalf("%d accounts listed, want %d", got, n)
	}
	if m["derived"] <= m["submit"] || m["derived"] > m["code"] {
		b.Fatalf("the key derivation answered at %.0f ms, the password was submitted at %.0f and the first code shown at %.0f", m["derived"], m["submit"], m["code"])
	}
	return m["code"] - m["submit"], m[rows] - m["submit"], m["code"] - m["derived"], p
}

// BenchmarkListUnlock unlocks a vault of one account and one of 1,000
// and 10,000, and reports from the submission of the password the time to
// the first code in the list (the list can be used) and to the whole
// list shown (every row, or for a windowed list those near the screen,
// drawn), and how much later than with one account each comes. It reports
// the times from the key derivation's answer to the first code and to the
// whole list too: the page's own work, which the derivation's swings do
// not blur (on a shared machine they are larger than the difference
// sought).
//
// LIST_SIZES (for example "1,1000") picks the sizes.
func BenchmarkListUnlock(b *testing.B) {
	sizes := []int{1, 1000, 10000}
	if v := os.Getenv("LIST_SIZES"); v != "" {
		sizes = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(f)
			if err != nil {
				b.Fatalf("LIST_SIZES=%s: %v", v, err)
			}
			sizes = append(sizes, n)
		}
	}
	vaults := map[int][]byte{}
	revs := map[int]uint64{}
	for _, n := range sizes {
		vaults[n], revs[n] = benchVault(b, n)
	}
	sites := listSites(b)
	type key struct {
		site string
		n    int
	}
	codes, alls, afters, allAfters := map[key][]float64{}, map[key][]float64{}, map[key][]float64{}, map[key][]float64{}
	for i := 0; i < b.N; i++ {
		for _, n := range sizes {
			for _, s := range sites {
				code, all, after, _ := unlockList(b, s.dir, vaults[n], revs[n], n)
				afters[key{s.name, n}] = append(afters[key{s.name, n}], after)
				codes[key{s.name, n}] = append(codes[key{s.name, n}], code)
				alls[key{s.name, n}] = append(alls[key{s.name, n}], all)
				allAfters[key{s.name, n}] = append(allAfters[key{s.name, n}], all-code+after)
			}
		}
	}
	for _, s := range sites {
		small, smallAfter, smallAll := mean(alls[key{s.name, 1}]), mean(afters[key{s.name, 1}]), median(allAfters[key{s.name, 1}])
		for _, n := range sizes {
			code, all, after := mean(codes[key{s.name, n}]), mean(alls[key{s.name, n}]), mean(afters[key{s.name, n}])
			b.ReportMetric(code, fmt.Sprintf("%s-%d-code-ms", s.name, n))
			b.ReportMetric(all, fmt.Sprintf("%s-%d-all-ms", s.name, n))
			b.ReportMetric(after, fmt.Sprintf("%s-%d-derived-code-ms", s.name, n))
			allAfter := median(allAfters[key{s.name, n}])
			b.ReportMetric(allAfter, fmt.Sprintf("%s-%d-derived-all-ms", s.name, n))
			b.Logf("%s, %d accounts: first code %.0f ms, all rows %.0f ms after submit (%+.0f ms and %+.0f ms against one account); first code %.0f ms after the key derivation (%+.0f ms against one account; %s); the whole list a median %.0f ms after it (%+.0f ms against one account; %s)",
				s.name, n, code, all, code-small, all-small, after, after-smallAfter, formatMs(afters[key{s.name, n}]), allAfter, allAfter-smallAll, formatMs(allAfters[key{s.name, n}]))
		}
	}
	if len(sites) == 2 {
		for _, n := range sizes[1:] {
			base, this := key{"baseline", n}, key{"this", n}
			b.Logf("%d accounts, this / baseline: first code %.2f, all rows %.2f; extra over one account %.0f → %.0f ms (first code), %.0f → %.0f ms (all rows)", n,
				mean(codes[this])/mean(codes[base]), mean(alls[this])/mean(alls[base]),
				mean(codes[base])-mean(alls[key{"baseline", 1}]), mean(codes[this])-mean(alls[key{"this", 1}]),
				mean(alls[base])-mean(alls[key{"baseline", 1}]), mean(alls[this])-mean(alls[key{"this", 1}]))
		}
	}
}

// keystrokeJS types one character into the search (or deletes the last
// one, for "\b") as the input event of a key does, and resolves, once the
// page has been still for half a second, to the times from the event to
// the frame that shows the page's last change to what the list shows (its
// layout done), and to the first task after the frame after its last
// change of any kind, the aria-busy mark included, which also counts the
// tasks that came before that task, and to the first frame that shows a
// change to the list (the first rows of a long list drawn in parts). The
// countdowns' ticks are not changes to the list.
const keystrokeJS = `(ch) => new Promise((resolve) => {
	const input = document.getElementById("search");
	const t0 = performance.now();
	let shown = t0, last = t0, first = 0, painted = 0, settled = 0;
	const timer = (r) => r.target.closest ? r.target.closest(".timer") : r.target.parentElement && r.target.parentElement.closest(".timer");
	const mo = new MutationObserver((records) => {
		records = records.filter((r) => !timer(r));
		if (records.length === 0) return;
		const now = performance.now();
		const seen = records.some((r) => r.attributeName !== "aria-busy");
		last = now;
		if (seen) shown = now;
		requestAnimationFrame(() => {
			// The frame that shows the change: its layout, which the
			// browser would do next, done here.
			document.body.offsetHeight;
			if (seen) { painted = performance.now(); if (!first) first = painted; }
			setTimeout(() => { settled = performance.now(); }, 0);
		});
	});
	mo.observe(document.querySelector("section.vault"), { subtree: true, childList: true, attributes: true, characterData: true });
	input.value = ch === "\b" ? input.value.slice(0, -1) : input.value + ch;
	input.dispatchEvent(new Event("input", { bubbles: true }));
	const check = () => {
		if (performance.now() - last > 500 && settled >= last) { mo.disconnect(); resolve(shown === t0 ? [-1, -1, -1] : [painted - t0, settled - t0, first - t0]); }
		else if (last === t0 && performance.now() - t0 > 5000) { mo.disconnect(); resolve([-1, -1, -1]); }
		else setTimeout(check, 50);
	};
	setTimeout(check, 50);
})`

// BenchmarkListSearch types into the search of a list of 1,000 accounts,
// "1", "2", "3" (about 270, 30 and 1 rows of the benchmark vault), then deletes
// them one by one back to all 1,000, and reports the time of each
// keystroke from its input event to the frame that shows the list it
// leaves (…-ms), to the first frame that shows a change (…-first-ms: a
// long list shows its first rows first), and to the frame after the list's
// last change, which may be only the aria-busy mark taken off it a few
// frames later (…-settled-ms): medians of five rounds of the six
// keystrokes in each unlocked page.
//
// LIST_SEARCH_N (for example 10000) sets the number of accounts.
func BenchmarkListSearch(b *testing.B) {
	const searchRounds = 5
	n := 1000
	if v := os.Getenv("LIST_SEARCH_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("LIST_SEARCH_N=%s: %v", v, err)
		}
	}
	sealed, rev := benchVault(b, n)
	sites := listSites(b)
	keys := []string{"1", "2", "3", "\b", "\b", "\b"}
	names := []string{"1", "12", "123", "12-back", "1-back", "all"}
	times := map[string][][]float64{}
	for i := 0; i < b.N; i++ {
		for _, s := range sites {
			_, _, _, p := unlockList(b, s.dir, sealed, rev, n)
			time.Sleep(time.Second) // a long list may still settle
			for range searchRounds {
				var row []float64
				for _, k := range keys {
					// A keystroke in a long list on a loaded machine may
					// take longer than a step.
					ctx, cancel := context.WithTimeout(p.ctx, 5*time.Minute)
					ms, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64]("("+keystrokeJS+")("+jsString(k)+")", chromedp.EvalAwaitPromise))
					cancel()
					if err != nil {
						b.Fatalf("%s: the keystroke %q: %v", s.name, k, err)
					}
					if ms[0] < 0 {
						b.Fatalf("%s: the list did not change after the keystroke %q", s.name, k)
					}
					row = append(row, ms...)
				}
				times[s.name] = append(times[s.name], row)
			}
		}
	}
	for _, s := range sites {
		var parts []string
		var worst float64
		for j := range keys {
			var xs, ys, zs []float64
			for _, row := range times[s.name] {
				xs, ys, zs = append(xs, row[3*j]), append(ys, row[3*j+1]), append(zs, row[3*j+2])
			}
			m, settled, first := median(xs), median(ys), median(zs)
			worst = max(worst, m)
			b.ReportMetric(m, fmt.Sprintf("%s-to-%s-ms", s.name, names[j]))
			b.ReportMetric(first, fmt.Sprintf("%s-to-%s-first-ms", s.name, names[j]))
			b.ReportMetric(settled, fmt.Sprintf("%s-to-%s-settled-ms", s.name, names[j]))
			parts = append(parts, fmt.Sprintf("→ %q %.0f ms (%.0f–%.0f; first frame %.0f, settled %.0f)", names[j], m, slices.Min(xs), slices.Max(xs), first, settled))
		}
		b.Logf("%s, search in %d accounts: %s (slowest %.0f ms)", s.name, n, strings.Join(parts, ", "), worst)
	}
}

// scrollJS scrolls the page from the top to the bottom and back in steps
// of 100 px a frame, and resolves to the intervals between its frames.
const scrollJS = `new Promise((resolve) => {
	window.scrollTo(0, 0);
	const gaps = [];
	let last = performance.now(), down = true;
	const step = (now) => {
		gaps.push(now - last);
		last = now;
		const end = document.documentElement.scrollHeight - window.innerHeight;
		if (down) { window.scrollBy(0, 100); if (window.scrollY >= end) down = false; }
		else { window.scrollBy(0, -100); if (window.scrollY <= 0) { resolve(gaps.slice(1)); return; } }
		requestAnimationFrame(step);
	};
	requestAnimationFrame(step);
})`

// BenchmarkListScroll scrolls a list of 1,000 accounts from top to bottom
// and back, 100 px a frame, and reports the mean and the longest interval
// between frames, and the frames that took longer than 50 ms.
func BenchmarkListScroll(b *testing.B) {
	sealed, rev := benchVault(b, 1000)
	sites := listSites(b)
	for i := 0; i < b.N; i++ {
		for _, s := range sites {
			_, _, _, p := unlockList(b, s.dir, sealed, rev, 1000)
			time.Sleep(time.Second)
			// A thousand rows are some 1,800 frames down and back: longer
			// than a step.
			ctx, cancel := context.WithTimeout(p.ctx, 5*time.Minute)
			gaps, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](scrollJS, chromedp.EvalAwaitPromise))
			cancel()
			if err != nil {
				b.Fatalf("%s: scrolling: %v", s.name, err)
			}
			var worst float64
			long := 0
			for _, g := range gaps {
				worst = max(worst, g)
				if g > 50 {
					long++
				}
			}
			b.ReportMetric(mean(gaps), s.name+"-frame-ms")
			b.ReportMetric(worst, s.name+"-longest-frame-ms")
			b.ReportMetric(float64(long), s.name+"-long-frames")
			b.Logf("%s, scrolling 1000 accounts: %d frames, mean %.1f ms, median %.1f ms, longest %.0f ms, %d over 50 ms",
				s.name, len(gaps), mean(gaps), median(gaps), worst, long)
		}
	}
}
