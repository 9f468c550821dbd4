package importers_test

import (
	"os"
	"path/filepath"
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
