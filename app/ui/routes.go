// Package ui holds Twofold's go-app components. They reach the browser only
// through [Services], so they render natively for prerendering and tests.
package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Register routes the app's single page to a [Shell] using svc. It must be
// called in both builds: natively to prerender, in the browser to run.
func Register(svc Services) {
	app.Route("/", func() app.Composer { return &Shell{svc: svc} })
}
