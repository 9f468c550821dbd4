package importers_test

import (
	"os"
	"path/filepath"
	"testing"

	"twofold.app/app/importers"
)

// TestVectorsClaimedOnce checks that the test vectors the importers'
// packages generate for formats without an interop file are each claimed
// by exactly the importer they were made for.
func TestVectorsClaimedOnce(t *testing.T) {
	for file, app := range map[string]string{
		"lastpass/testdata/lastpass_android.json": "LastPass Authenticator",
		"lastpass/testdata/lastpass_ios.json":     "LastPass Authenticator",
		"winauth/testdata/winauth.txt":            "WinAuth",
		"winauth/testdata/winauth.zip":            "WinAuth",
		"winauth/testdata/winauth_plain.zip":      "WinAuth",
	} {
		data, err := os.ReadFile(filepath.FromSlash(file))
		if err != nil {
			t.Fatal(err)
		}
		var claim []string
		for _, imp := range importers.All() {
			if imp.Detect(data) {
				claim = append(claim, imp.Name())
			}
		}
		if len(claim) != 1 || claim[0] != app {
			t.Errorf("%s is claimed by %v, want only %s", file, claim, app)
		}
	}
}
