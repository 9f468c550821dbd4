package importers_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
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

func TestUnknownZip(t *testing.T) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	w.Create("backup.db")
	w.Close()
	_, err := importers.Detect(buf.Bytes())
	if !errors.Is(err, importers.ErrUnknownFormat) || !strings.Contains(err.Error(), "zip archive") {
		t.Errorf("Detect = %v, want ErrUnknownFormat saying it is a zip archive", err)
	}
}
