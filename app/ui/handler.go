package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
)

// CSP is the Content-Security-Policy of every page: scripts and wasm only
// from our own origin, no inline scripts or styles, no connections, frames
// or form posts anywhere else.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'; worker-src 'self'; " +
	"manifest-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

// Handler returns the go-app handler that describes the app: its title,
// icons, styles, the files the service worker caches, and its version.
// version must change whenever any file of the site changes.
func Handler(version string) *app.Handler {
	return &app.Handler{
		Name:            i18n.English.T(i18n.AppName),
		ShortName:       i18n.English.T(i18n.AppName),
		Title:           "Twofold",
		Description:     i18n.English.T(i18n.AppDescription),
		Lang:            "en",
		Author:          "Twofold",
		BackgroundColor: "#f7f7f8",
		ThemeColor:      "#2f5bd3",
		// The label shows before the app knows the person's language, so
		// it has no words.
		LoadingLabel: "Twofold {progress}%",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-maskable-512.png",
			SVG:      "/web/icon.svg",
		},
		Styles:  []string{"/web/twofold.css"},
		Scripts: []string{"/web/boot.js defer", "/web/countdown.js defer"},
		CacheableResources: []string{
			"/web/icon.svg",
			"/web/kdf.wasm",
			"/web/import-kdf.wasm",
			"/web/kdf-worker.js",
			"/web/scan.wasm",
			"/web/scan-worker.js",
		},
		RawHeaders: []string{
			`<meta http-equiv="Content-Security-Policy" content="` + CSP + `">`,
			`<meta name="referrer" content="no-referrer">`,
		},
		Version:               version,
		ServiceWorkerTemplate: serviceWorker,
	}
}

// serviceWorker replaces go-app's default worker: installation and
// activation are awaited with waitUntil, so a page is never controlled by a
// worker whose cache is incomplete, and the cache is looked up ignoring the
// query string. It keeps go-app's placeholders.
const serviceWorker = `// Twofold service worker: cache-first, everything from our own origin.
const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    await cache.addAll(resourcesToCache);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== cacheName) {
        await caches.delete(key);
      }
    }
  })());
  // No clients.claim(): a page is controlled from its next load on, so the
  // first install is not mistaken for an update (go-app reports an update
  // when a worker activates while the page already has a controller).
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") {
    return;
  }
  event.respondWith((async () => {
    const cached = await caches.match(event.request, { ignoreSearch: true });
    return cached || fetch(event.request);
  })());
});
`
