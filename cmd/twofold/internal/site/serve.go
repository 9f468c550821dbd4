package site

import (
	"mime"
	"net/http"
	"path"
	"strconv"
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
//
// A compressible file is sent as its brotli copy (file.br) to a browser
// whose Accept-Encoding allows br, else as its gzip copy (file.gz) to one
// that allows gzip, else as it is, with Vary: Accept-Encoding in every
// case. The copies are not files of the site: asking for one by its own
// name is a 404.
func Handler(dir string) http.Handler {
	root := http.Dir(dir)
	files := http.FileServer(root)
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
		if strings.HasSuffix(r.URL.Path, ".html") && r.URL.Path != "/index.html" ||
			strings.HasSuffix(r.URL.Path, ".br") || strings.HasSuffix(r.URL.Path, ".gz") {
			http.NotFound(w, r)
			return
		}
		name := r.URL.Path
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		} else if strings.HasSuffix(name, "/index.html") {
			name = "" // the file server redirects it to its folder
		}
		if ext := path.Ext(name); name != "" && compressible[ext] {
			h.Add("Vary", "Accept-Encoding")
			if serveEncoded(w, r, root, name) {
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}

// serveEncoded sends the compressed copy of the file name that the
// request accepts, and reports whether there was one.
func serveEncoded(w http.ResponseWriter, r *http.Request, root http.FileSystem, name string) bool {
	accepted := acceptedEncodings(r.Header.Get("Accept-Encoding"))
	for _, e := range encodings {
		if !accepted(e.name) {
			continue
		}
		f, err := root.Open(name + e.ext)
		if err != nil {
			continue
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil || info.IsDir() {
			continue
		}
		h := w.Header()
		if h.Get("Content-Type") == "" {
			h.Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
		}
		h.Set("Content-Encoding", e.name)
		http.ServeContent(w, r, name, info.ModTime(), f)
		return true
	}
	return false
}

// acceptedEncodings parses an Accept-Encoding header (RFC 9110, 12.5.3)
// and returns whether it allows a content coding: named with a q above 0,
// or not named while * is allowed.
func acceptedEncodings(header string) func(coding string) bool {
	q := map[string]float64{}
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		weight := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					weight = f
				} else {
					weight = 0
				}
			}
		}
		q[coding] = weight
	}
	return func(coding string) bool {
		if w, ok := q[coding]; ok {
			return w > 0
		}
		return q["*"] > 0
	}
}
