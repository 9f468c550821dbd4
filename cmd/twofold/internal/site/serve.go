package site

import (
	"mime"
	"net/http"
	"strings"

	"twofold.app/app/ui"
)

func init() {
	// Browsers instantiate wasm only when it is served with this type, and
	// some systems' mime tables lack it.
	_ = mime.AddExtensionType(".wasm", "application/wasm")
	_ = mime.AddExtensionType(".webmanifest", "application/manifest+json")
}

// Handler serves the site in dir with the headers a static host should
// send: the Content-Security-Policy (also as a header, where it can forbid
// framing), no caching without revalidation, and no type sniffing.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ui.CSP+"; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(self), display-capture=(self), microphone=(), geolocation=()")
		if r.URL.Path == "/" || r.URL.Path == "/index.html" {
			h.Set("Content-Type", "text/html; charset=utf-8")
		}
		if strings.HasSuffix(r.URL.Path, ".html") && r.URL.Path != "/index.html" {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
}
