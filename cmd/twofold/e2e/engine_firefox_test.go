//go:build !js

package e2e

import "testing"

// firefoxDriver is being written.
type firefoxDriver struct{}

func (firefoxDriver) name() string { return "firefox" }

func (d firefoxDriver) open(t testing.TB, opts tabOptions) (tab, error) {
	missingEngine(t, d, "the Firefox driver is not written yet")
	return nil, nil
}
