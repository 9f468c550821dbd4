package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"twofold.app/app/ui"
)

// buildFakeSite writes a site from small fake inputs: wasm files of
// repeated text (large enough to be compressed), a stylesheet and a script
// under minCompressSize. It returns the site's folder and version.
func buildFakeSite(t *testing.T, compress bool) (string, string) {
	t.Helper()
	in := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(in, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	inputs := Inputs{
		AppWasm:       write("app.wasm", "\x00asm"+strings.Repeat("the app's code ", 2000)),
		KDFWasm:       write("kdf.wasm", "\x00asm"+strings.Repeat("the worker ", 500)),
		ImportKDFWasm: write("import-kdf.wasm", "\x00asm"+strings.Repeat("the other worker ", 500)),
		ScanWasm:      write("scan.wasm", "\x00asm"+strings.Repeat("the decoder ", 500)),
		Static:        filepath.Join(in, "static"),
		Compress:      compress,
	}
	write("static/twofold.css", strings.Repeat("body { margin: 0 }\n", 200))
	write("static/small.js", "console.log(1)\n")
	out := filepath.Join(t.TempDir(), "site")
	version, err := Build(out, inputs)
	if err != nil {
		t.Fatal(err)
	}
	return out, version
}

// decode undoes a Content-Encoding.
func decode(t *testing.T, encoding string, body []byte) []byte {
	t.Helper()
	var r io.Reader
	switch encoding {
	case "":
		return body
	case "br":
		r = brotli.NewReader(bytes.NewReader(body))
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("the gzip body does not decompress: %v", err)
		}
		r = zr
	default:
		t.Fatalf("unexpected Content-Encoding %q", encoding)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("the %s body does not decompress: %v", encoding, err)
	}
	return data
}

// Handler sends the compressed copy the request's Accept-Encoding allows,
// with the original's type, Vary on every compressible file, and the
// security headers; the bytes decompress to the file.
func TestHandlerEncodings(t *testing.T) {
	dir, _ := buildFakeSite(t, true)
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	// The transport would ask for gzip and undo it itself.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}

	files := []struct {
		path, file, contentType string
		compressed              bool
	}{
		{"/web/app.wasm", "web/app.wasm", "application/wasm", true},
		{"/web/twofold.css", "web/twofold.css", "text/css; charset=utf-8", true},
		{"/", "index.html", "text/html; charset=utf-8", true},
		{"/app.js", "app.js", "text/javascript; charset=utf-8", true},
		{"/web/small.js", "web/small.js", "text/javascript; charset=utf-8", false},
	}
	tests := []struct {
		accept, encoding string
	}{
		{"br", "br"},
		{"gzip", "gzip"},
		{"gzip, br", "br"},
		{"br;q=0, gzip", "gzip"},
		{"gzip;q=0.5, br;q=0.8", "br"},
		{"*", "br"},
		{"*, br;q=0", "gzip"},
		{"", ""},
		{"identity", ""},
	}
	for _, f := range files {
		want, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.file)))
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			req, err := http.NewRequest("GET", srv.URL+f.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.accept != "" {
				req.Header.Set("Accept-Encoding", tt.accept)
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			wantEncoding := tt.encoding
			if !f.compressed {
				wantEncoding = ""
			}
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s with Accept-Encoding %q: status %d", f.path, tt.accept, resp.StatusCode)
				continue
			}
			if got := resp.Header.Get("Content-Encoding"); got != wantEncoding {
				t.Errorf("%s with Accept-Encoding %q: Content-Encoding %q, want %q", f.path, tt.accept, got, wantEncoding)
			}
			if got := resp.Header.Values("Vary"); len(got) != 1 || got[0] != "Accept-Encoding" {
				t.Errorf("%s with Accept-Encoding %q: Vary %q, want Accept-Encoding", f.path, tt.accept, got)
			}
			if got := resp.Header.Get("Content-Type"); got != f.contentType {
				t.Errorf("%s with Accept-Encoding %q: Content-Type %q, want %q", f.path, tt.accept, got, f.contentType)
			}
			if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%s with Accept-Encoding %q: X-Content-Type-Options %q, want nosniff", f.path, tt.accept, got)
			}
			if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
				t.Errorf("%s with Accept-Encoding %q: no Content-Security-Policy", f.path, tt.accept)
			}
			if got := decode(t, resp.Header.Get("Content-Encoding"), body); !bytes.Equal(got, want) {
				t.Errorf("%s with Accept-Encoding %q: the body is not the file (%d bytes, want %d)", f.path, tt.accept, len(got), len(want))
			}
		}
	}
}

// The compressed copies are not files of their own: asking for one by name
// is a 404. Pictures get no Vary.
func TestHandlerCopiesNotServed(t *testing.T) {
	dir, _ := buildFakeSite(t, true)
	h := Handler(dir)
	for _, path := range []string{"/web/app.wasm.br", "/web/app.wasm.gz", "/web/twofold.css.br"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path))); err != nil {
			t.Errorf("Build wrote no %s: %v", path, err)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, w.Code)
		}
	}
	for _, path := range []string{"/web/small.js.br", "/web/small.js.gz"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path))); err == nil {
			t.Errorf("Build compressed the small file %s", path)
		}
	}
}

// Ranges and conditional requests work on the compressed copy.
func TestHandlerEncodedRangeAndConditional(t *testing.T) {
	dir, _ := buildFakeSite(t, true)
	h := Handler(dir)
	full, err := os.ReadFile(filepath.Join(dir, "web", "app.wasm.br"))
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/web/app.wasm", nil)
	req.Header.Set("Accept-Encoding", "br")
	req.Header.Set("Range", "bytes=0-9")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusPartialContent || !bytes.Equal(w.Body.Bytes(), full[:10]) {
		t.Errorf("a range of the brotli copy: status %d, body %x, want 206 and %x", w.Code, w.Body.Bytes(), full[:10])
	}

	lastModified := w.Header().Get("Last-Modified")
	req = httptest.NewRequest("GET", "/web/app.wasm", nil)
	req.Header.Set("Accept-Encoding", "br")
	req.Header.Set("If-Modified-Since", lastModified)
	w = httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusNotModified {
		t.Errorf("a conditional request for the brotli copy: status %d, want 304", w.Code)
	}
}

// A site written without the compressed copies is served plainly, with
// Vary still set, whatever the browser accepts; and its version is the
// compressed site's.
func TestHandlerWithoutCopies(t *testing.T) {
	dir, version := buildFakeSite(t, false)
	_, compressedVersion := buildFakeSite(t, true)
	if version != compressedVersion {
		t.Errorf("the version is %s with compressed copies, %s without", compressedVersion, version)
	}
	matches, err := filepath.Glob(filepath.Join(dir, "web", "*.br"))
	if err != nil || len(matches) > 0 {
		t.Errorf("Build without Compress wrote %v", matches)
	}
	want, err := os.ReadFile(filepath.Join(dir, "web", "app.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/web/app.wasm", nil)
	req.Header.Set("Accept-Encoding", "br, gzip")
	w := httptest.NewRecorder()
	Handler(dir).ServeHTTP(w, req)
	if w.Code != http.StatusOK || w.Header().Get("Content-Encoding") != "" || !bytes.Equal(w.Body.Bytes(), want) {
		t.Errorf("status %d, Content-Encoding %q, %d bytes; want the plain file of %d bytes", w.Code, w.Header().Get("Content-Encoding"), w.Body.Len(), len(want))
	}
	if got := w.Header().Get("Content-Type"); got != "application/wasm" {
		t.Errorf("Content-Type %q, want application/wasm", got)
	}
	if got := w.Header().Get("Vary"); got != "Accept-Encoding" {
		t.Errorf("Vary %q, want Accept-Encoding", got)
	}
}

// The service worker caches the files, never their compressed copies.
func TestWorkerCachesNoCopies(t *testing.T) {
	dir, _ := buildFakeSite(t, true)
	worker, err := os.ReadFile(filepath.Join(dir, "app-worker.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(worker, []byte("/web/app.wasm")) {
		t.Fatalf("app-worker.js does not list /web/app.wasm:\n%s", worker)
	}
	for _, copy := range []string{".br\"", ".gz\""} {
		if bytes.Contains(worker, []byte(copy)) {
			t.Errorf("app-worker.js lists a %s file:\n%s", copy, worker)
		}
	}
}

// Every response, the page's, a file's or a 404, carries the security
// headers: the page's CSP with frame-ancestors (which a meta tag cannot
// set), no type sniffing, no referrer, no opener from another origin, and
// the camera and screen capture for this origin only; and every file is
// revalidated. The page holds the
// same CSP in its meta tag.
func TestHandlerSecurityHeaders(t *testing.T) {
	dir, _ := buildFakeSite(t, true)
	h := Handler(dir)
	want := map[string]string{
		"Content-Security-Policy":    ui.CSP + "; frame-ancestors 'none'",
		"X-Content-Type-Options":     "nosniff",
		"Referrer-Policy":            "no-referrer",
		"Cross-Origin-Opener-Policy": "same-origin",
		"Cache-Control":              "no-cache",
		"Permissions-Policy":         "camera=(self), display-capture=(self), microphone=(), geolocation=()",
	}
	for _, path := range []string{"/", "/index.html", "/web/app.wasm", "/web/twofold.css", "/app-worker.js", "/web/app.wasm.br", "/missing"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		for name, value := range want {
			if name == "Cache-Control" && w.Code == http.StatusNotFound {
				continue // the file server drops it from errors
			}
			if got := w.Header().Get(name); got != value {
				t.Errorf("GET %s (status %d): %s %q, want %q", path, w.Code, name, got, value)
			}
		}
	}

	// The policy itself: nothing from elsewhere, no inline code, no eval
	// but WebAssembly's, no plugins, no <base>, no form posts.
	directives := map[string]string{}
	for _, d := range strings.Split(want["Content-Security-Policy"], ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	for name, value := range map[string]string{
		"default-src":     "'self'",
		"script-src":      "'self' 'wasm-unsafe-eval'",
		"style-src":       "'self'",
		"connect-src":     "'self'",
		"worker-src":      "'self'",
		"object-src":      "'none'",
		"base-uri":        "'none'",
		"form-action":     "'none'",
		"frame-ancestors": "'none'",
	} {
		if directives[name] != value {
			t.Errorf("CSP %s is %q, want %q", name, directives[name], value)
		}
	}

	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if meta := `<meta http-equiv="Content-Security-Policy" content="` + ui.CSP + `">`; !strings.Contains(w.Body.String(), meta) {
		t.Errorf("the page has no meta tag with the CSP %q", ui.CSP)
	}
}
