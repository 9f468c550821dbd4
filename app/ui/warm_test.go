package ui

import (
	"testing"

	"twofold.app/app/i18n"
)

// TestWarm checks that the warm-up goes all the way: it opens its made-up
// vault and draws its rows, in either language (a step that failed would
// leave the code after it to be compiled while the person waits).
func TestWarm(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.English, i18n.Japanese} {
		if err := warm(l); err != nil {
			t.Errorf("%s: %v", l.Tag(), err)
		}
	}
}
