package e2e

import (
	"bytes"
	"fmt"
	"image"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// transferProbe records, on the receiving page, the Date.now() at which
// every code was in (the verification code's field appeared) and the
// performance.now() of the review (the list of the accounts received, with
// the new vault's password, on a fresh browser), beside the submission
// time that pageInit keeps.
const transferProbe = `(() => {
	const t = window.twofoldTransfer = {};
	const check = () => {
		if (!t.all && document.getElementById("tr-verify")) t.all = Date.now();
		if (!t.review && document.getElementById("received-list")) t.review = performance.now();
	};
	new MutationObserver(check).observe(document, { childList: true, subtree: true });
	check();
})()`

// transferTimes are the times of one benchmarked transfer, in milliseconds.
type transferTimes struct {
	received, review float64
}

// receiveTimed waits on b for every code, from the Date.now() start at
// which the first code was shown or filmed, then types code and waits for
// the review.
func (r *page) receiveTimed(start int64, code string) transferTimes {
	r.t.Helper()
	r.waitFor("every code", `(window.twofoldTransfer || {}).all > 0`, transferTimeout)
	all := evalJS[float64](r, `window.twofoldTransfer.all`)
	r.typeText("#tr-verify", code)
	r.click("#tr-open")
	r.waitFor("the review", `(window.twofoldTransfer || {}).review > 0`, kdfTimeout)
	review := evalJS[float64](r, `window.twofoldTransfer.review - window.twofoldSubmitAt`)
	return transferTimes{received: all - float64(start), review: review}
}

// openReceiver opens the transfer screen of a fresh browser on r, with the
// probe.
func (r *page) openReceiver() {
	r.t.Helper()
	r.navigate("/")
	r.waitVisible("#setup-transfer", stepTimeout)
	r.click("#setup-transfer")
	r.waitVisible("#scan-screen", stepTimeout)
	evalJS[any](r, transferProbe)
}

// BenchmarkTransferScreen moves 100 accounts by auto-play from one browser
// context to another that captures the sender's tab: from the first code
// shown to every code received, and from the verification code submitted
// to the review.
func BenchmarkTransferScreen(b *testing.B) {
	s := testSite(b)
	srv := newServer(b, s.Dir)
	accounts := transferAccounts(b, 100)
	var received, review, rate []float64
	codes := 0
	for i := range b.N {
		title := "Twofold bench sender " + strconv.Itoa(i) + " " + strconv.FormatInt(time.Now().UnixNano(), 36)
		// A browser per run, closed before the next starts: with two
		// running, the second's screen-share picker was not always
		// answered.
		bctx, closeBrowser := ownBrowser(b, chromedp.Flag("auto-select-tab-capture-source-by-title", title), chromedp.WindowSize(1280, 960))
		a := openPageOn(b, bctx, srv)
		a.openSender(accounts, "screen")
		evalJS[string](a, `document.title = `+jsString(title))
		_, codes = a.sentCount()
		code := ""

		r := openPageOn(b, bctx, srv)
		r.openReceiver()
		if got := evalJS[string](a, `document.title`); got != title {
			b.Fatalf("the sender's title is %q, want %q", got, title)
		}
		r.front()
		r.click("#scan-screen")
		r.waitFor("the screen capture", `(document.getElementById("scan-status") || {}).textContent.startsWith("Looking for")`, stepTimeout)
		start := evalJS[int64](a, `(() => {
			window.twofoldShownCodes = 0;
			new MutationObserver(() => window.twofoldShownCodes++).observe(document.getElementById("tr-image"), { attributes: true, attributeFilter: ["src"] });
			document.getElementById("tr-play").click();
			return Date.now();
		})()`)
		a.waitVisible("#tr-code", stepTimeout)
		code = a.text("#tr-code")
		tt := r.receiveTimed(start, code)
		shownCodes := evalJS[int](a, `window.twofoldShownCodes`)
		rate = append(rate, float64(shownCodes)/(tt.received/1000))
		received, review = append(received, tt.received), append(review, tt.review)
		closeBrowser()
	}
	b.ReportMetric(float64(codes), "codes")
	b.ReportMetric(mean(received), "received-ms")
	b.ReportMetric(mean(review), "review-ms")
	b.ReportMetric(mean(rate), "shown/s")
	b.Logf("100 accounts screen to screen, auto-play: %d codes; first code shown → all received %.0f ms (the sender showed %.1f codes a second), code submitted → review %.0f ms (mean of %d)",
		codes, mean(received), mean(rate), mean(review), b.N)
}

// BenchmarkTransferCamera moves 100 accounts by auto-play filmed by a fake
// camera: the sender's stream of codes, each for two frames of a 10 frames
// a second video (the sender's 5 codes a second), looping. It measures
// from the camera's start, at a random point of the loop, to every code
// received, and from the code submitted to the review.
func BenchmarkTransferCamera(b *testing.B) {
	s := testSite(b)
	srv := newServer(b, s.Dir)
	accounts := transferAccounts(b, 100)

	a := openPage(b, srv)
	a.openSender(accounts, "camera")
	_, count := a.sentCount()
	a.click("#tr-play")
	a.waitVisible("#tr-code", stepTimeout)
	code := a.text("#tr-code")
	// Film the stream: every new picture of the code, for about twice the
	// step-by-step count.
	var frames []*image.Gray
	var last []byte
	deadline := time.Now().Add(transferTimeout)
	for len(frames) < 2*(2*count+4) && time.Now().Before(deadline) {
		shot := a.elementShot("#tr-image")
		if bytes.Equal(shot, last) {
			time.Sleep(30 * time.Millisecond)
			continue
		}
		last = shot
		f := cameraFrame(b, shot, 600, uint64(len(frames)))
		frames = append(frames, f, f)
	}
	video := filepath.Join(b.TempDir(), "stream.y4m")
	writeY4M(b, video, 10, frames)

	var received, review []float64
	for range b.N {
		bctx, closeBrowser := ownBrowser(b,
			chromedp.Flag("use-fake-ui-for-media-stream", true),
			chromedp.Flag("use-fake-device-for-media-stream", true),
			chromedp.Flag("use-file-for-fake-video-capture", video),
		)
		r := openPageOn(b, bctx, srv)
		r.openReceiver()
		start := evalJS[int64](r, `(() => { document.getElementById("scan-camera").click(); return Date.now(); })()`)
		tt := r.receiveTimed(start, code)
		received, review = append(received, tt.received), append(review, tt.review)
		closeBrowser()
	}
	b.ReportMetric(float64(count), "codes")
	b.ReportMetric(float64(len(frames)/2), "filmed")
	b.ReportMetric(mean(received), "received-ms")
	b.ReportMetric(mean(review), "review-ms")
	b.Logf("100 accounts by a fake camera, auto-play: %d codes step by step, %s filmed; camera started → all received %.0f ms, code submitted → review %.0f ms (mean of %d)",
		count, fmt.Sprint(len(frames)/2), mean(received), mean(review), b.N)
}
