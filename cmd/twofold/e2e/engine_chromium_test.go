//go:build !js

package e2e

// The Chromium driver of the cross-engine journeys: a fresh browser context
// of the Chromium the other tests share, driven by chromedp over the
// DevTools protocol.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

type chromiumDriver struct{}

func (chromiumDriver) name() string { return "chromium" }

func (d chromiumDriver) open(t testing.TB, opts tabOptions) (tab, error) {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		if _, err := exec.LookPath("chromium"); err != nil {
			missingEngine(t, d, "no chromium (Debian package chromium)")
		}
	}
	rec := &recorder{origin: "none"}
	ctx, cancel := chromedp.NewContext(sharedBrowser(t), chromedp.WithNewBrowserContext(), chromedp.WithListener(rec.listen))
	c := &chromiumTab{ctx: ctx, cancel: cancel, rec: rec}
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	t.Cleanup(cancel)
	err := c.step(
		chromedp.EmulateViewport(int64(opts.Width), int64(opts.Height)),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior:         browser.SetDownloadBehaviorBehaviorAllow,
				BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
				DownloadPath:     opts.Downloads,
			})
			return err
		}),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: pageInit})
			return err
		}),
	)
	if err != nil {
		cancel()
		return nil, err
	}
	return c, nil
}

type chromiumTab struct {
	ctx    context.Context
	cancel context.CancelFunc
	rec    *recorder
}

func (c *chromiumTab) step(actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(c.ctx, stepTimeout)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

func (c *chromiumTab) navigate(url string) error { return c.step(chromedp.Navigate(url)) }

func (c *chromiumTab) reload() error { return c.step(chromedp.Reload()) }

func (c *chromiumTab) eval(js string, out any) error {
	ctx, cancel := context.WithTimeout(c.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return err
	}
	if out == nil || len(v) == 0 {
		return nil
	}
	return json.Unmarshal(v, out)
}

func (c *chromiumTab) click(sel string) error {
	var n int
	if err := c.eval(`document.querySelectorAll(`+jsString(sel)+`).length`, &n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("no element %s", sel)
	}
	return retryReplaced(func() error { return c.step(chromedp.Click(chromedp.CSS(sel))) })
}

func (c *chromiumTab) typeText(sel, s string) error {
	// Typing replaces the whole value, so it can start again.
	return retryReplaced(func() error {
		return c.step(
			chromedp.Focus(chromedp.CSS(sel)),
			chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`),
			chromedp.KeyEvent("\b"),
			chromedp.SendKeys(chromedp.CSS(sel), s),
		)
	})
}

// retryReplaced runs f again, up to twice, when it failed because the
// element it found was replaced before chromedp used it (the app replacing
// the form the boot script drew as it starts).
func retryReplaced(f func() error) error {
	for try := 0; ; try++ {
		err := f()
		if err == nil || try == 2 || !strings.Contains(err.Error(), "Could not find node with given id") {
			return err
		}
	}
}

func (c *chromiumTab) press(key string) error {
	k, ok := map[string]string{"Enter": "\r", "Escape": "\u001b", "Tab": "\t", "Backspace": "\b", " ": " ",
		"PageUp": kb.PageUp, "PageDown": kb.PageDown, "Home": kb.Home, "End": kb.End}[key]
	if !ok {
		return fmt.Errorf("press: no key %q", key)
	}
	return c.step(chromedp.KeyEvent(k))
}

func (c *chromiumTab) setFiles(sel string, paths ...string) error {
	return c.step(chromedp.SetUploadFiles(chromedp.CSS(sel), paths))
}

func (c *chromiumTab) screenshot() ([]byte, error) {
	ctx, cancel := context.WithTimeout(c.ctx, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.CaptureScreenshot())
}

func (c *chromiumTab) reports() (requests, problems []string, seen reportKinds) {
	c.rec.mu.Lock()
	defer c.rec.mu.Unlock()
	return append([]string(nil), c.rec.requests...), append([]string(nil), c.rec.problems...), reportKinds{Requests: true, Console: true, Early: true}
}

func (c *chromiumTab) close() error {
	c.cancel()
	return nil
}
