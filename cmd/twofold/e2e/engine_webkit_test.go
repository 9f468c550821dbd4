//go:build !js

package e2e

import "testing"

// webkitDriver is being written.
type webkitDriver struct{}

func (webkitDriver) name() string { return "webkit" }

func (d webkitDriver) open(t testing.TB, opts tabOptions) (tab, error) {
	missingEngine(t, d, "the WebKit driver is not written yet")
	return nil, nil
}
