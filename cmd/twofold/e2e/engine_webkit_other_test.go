//go:build !js && !linux

package e2e

import "testing"

func (d webkitDriver) open(t testing.TB, opts tabOptions) (tab, error) {
	t.Helper()
	missingEngine(t, d, "WebKitGTK's MiniBrowser and WebKitWebDriver run here only on Linux")
	return nil, nil
}
