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

// TestVectorsClaimedOnce checks that the encrypted exports the packages'
// make_vectors.py scripts wrote, which have no interop file, are each
// claimed by their own importer and no other.
func TestVectorsClaimedOnce(t *testing.T) {
	for pkg, app := range map[string]string{
		"bitwarden": "Bitwarden",
		"ente":      "Ente Auth",
		"proton":    "Proton Authenticator",
	} {
		files, err := filepath.Glob(filepath.Join(pkg, "testdata", "*.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no vectors (%v)", pkg, err)
		}
		for _, f := range files {
			if filepath.Base(f) == "secretstream.json" {
				continue // raw secretstream vectors, not an export
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var claims []string
			for _, imp := range importers.All() {
				if imp.Detect(data) {
					claims = append(claims, imp.Name())
				}
			}
			if len(claims) != 1 || claims[0] != app {
				t.Errorf("%s is claimed by %q, want %s alone", f, claims, app)
			}
		}
	}
}

// TestGeneratedClaimedOnce checks that the test vectors the importers'
// packages generate for formats without an interop file are each claimed
// by exactly the importer they were made for.
func TestGeneratedClaimedOnce(t *testing.T) {
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
