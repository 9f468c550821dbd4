//go:build !js

// Package e2e holds Twofold's end-to-end tests: native Go tests that build
// wasm programs, serve them from a loopback server and drive a real headless
// Chromium with chromedp. They need the chromium package
// (apt-get install -y chromium); without it they skip, except under CI=true,
// where a missing browser fails them.
//
// This file has the helpers shared by all of them: [newBrowser],
// [buildWasm], [serveStatic], [moduleRoot] and [wasmExecJS].
package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// chromiumPath returns the Chromium binary: /usr/bin/chromium, or chromium
// on PATH. It skips t when there is none, or fails it under CI=true.
func chromiumPath(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not installed, and CI=true: the CI script must install it (apt-get install -y chromium)")
	}
	t.Skip("chromium not installed: run make test, which installs it")
	return ""
}

// newBrowser starts a headless Chromium for t and returns the chromedp
// context of a tab in a fresh browser context (its own profile, cookies,
// caches, storage and service workers). opts are added to the allocator's
// options, after ours. Closing the tab and stopping the browser is left to
// t.Cleanup. Each call starts its own browser process; a test that needs
// several pages should open more tabs with chromedp.NewContext(ctx).
func newBrowser(t testing.TB, opts ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocatorOptions(chromiumPath(t), opts...)...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		t.Fatalf("starting chromium: %v", err)
	}
	ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel) // runs before the browser's cleanup
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab in a new browser context: %v", err)
	}
	return ctx
}

// logConsoleOnFailure records what the page of ctx writes to its console
// (console calls, uncaught exceptions, browser log entries) and logs it when
// t has failed, to explain the failure. It must be called before the page
// is loaded.
func logConsoleOnFailure(t testing.TB, ctx context.Context) {
	t.Helper()
	var (
		mu    sync.Mutex
		lines []string
		done  = make(chan struct{})
	)
	ctx, cancel := context.WithCancel(ctx)
	msgs := chromedp.Console(ctx)
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			mu.Lock()
			lines = append(lines, m.String())
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		if t.Failed() && len(lines) > 0 {
			t.Logf("browser console:\n\t%s", strings.Join(lines, "\n\t"))
		}
	})
}

// buildWasm builds the Go package pkg (an import path, such as
// twofold.app/wasm/kdfworker) for GOOS=js GOARCH=wasm with -trimpath into the
// file out.
func buildWasm(t testing.TB, pkg, out string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-trimpath", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go build %s: %v\n%s", pkg, err, b)
	}
}

// goEnv returns the value of the go env variable name.
func goEnv(t testing.TB, name string) string {
	t.Helper()
	b, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(b))
}

// moduleRoot returns the directory of the twofold.app module.
func moduleRoot(t testing.TB) string {
	t.Helper()
	gomod := goEnv(t, "GOMOD")
	if gomod == "" || gomod == os.DevNull {
		t.Fatal("not inside the twofold.app module")
	}
	return filepath.Dir(gomod)
}

// wasmExecJS returns the path of the wasm_exec.js of the Go toolchain that
// builds the wasm, the file that go-app serves as /wasm_exec.js.
func wasmExecJS(t testing.TB) string {
	t.Helper()
	return filepath.Join(goEnv(t, "GOROOT"), "lib", "wasm", "wasm_exec.js")
}

// copyFile copies the file src to dst, making dst's directory.
func copyFile(t testing.TB, dst, src string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// writeFile writes data to the file name, making its directory.
func writeFile(t testing.TB, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// serveStatic serves the directory dir on a loopback address (127.0.0.1)
// until the end of t and returns its base URL, without a final slash. Every
// response carries header (for example a Content-Security-Policy), and .wasm
// files are served as application/wasm, which
// WebAssembly.instantiateStreaming requires.
func serveStatic(t testing.TB, dir string, header http.Header) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
