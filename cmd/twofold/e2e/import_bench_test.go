//go:build !js

package e2e

import (
	"encoding/base32"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// aegisVault writes a plain Aegis vault of n TOTP accounts, as Aegis
// exports it, into dir.
func aegisVault(b *testing.B, dir string, n int) string {
	b.Helper()
	type info struct {
		Secret string `json:"secret"`
		Algo   string `json:"algo"`
		Digits int    `json:"digits"`
		Period int    `json:"period"`
	}
	type entry struct {
		Type   string `json:"type"`
		UUID   string `json:"uuid"`
		Name   string `json:"name"`
		Issuer string `json:"issuer"`
		Icon   any    `json:"icon"`
		Info   info   `json:"info"`
	}
	entries := make([]entry, n)
	for i := range entries {
		entries[i] = entry{
			Type: "totp", UUID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			Name: fmt.Sprintf("user%d@example.com", i), Issuer: fmt.Sprintf("Service %d", i),
			Info: info{Secret: base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(randomSecret(b)),
				Algo: "SHA1", Digits: 6, Period: 30},
		}
	}
	doc := map[string]any{
		"version": 1,
		"header":  map[string]any{"slots": nil, "params": nil},
		"db":      map[string]any{"version": 2, "entries": entries},
	}
	data, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "aegis-export.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkImport times an import through the page, from the file chosen
// to the review drawn (password and key derivation included for an
// encrypted file) and from the confirmation to the accounts added: for the
// largest of the shared exports and for a generated Aegis vault of 1,000
// accounts.
func BenchmarkImport(b *testing.B) {
	s := testSite(b)
	foreign := filepath.Join(moduleRoot(b), "..", "shared", "testdata", "foreign")
	largest, size := "", int64(0)
	if list, err := os.ReadDir(foreign); err == nil {
		for _, e := range list {
			info, err := e.Info()
			if err == nil && info.Size() > size && !strings.Contains(e.Name(), "example_output") &&
				!strings.Contains(e.Name(), "wrong_") && !strings.Contains(e.Name(), "plain.txt") {
				largest, size = filepath.Join(foreign, e.Name()), info.Size()
			}
		}
	}
	files := []struct{ name, path string }{{"aegis-1000", aegisVault(b, b.TempDir(), 1000)}}
	if largest != "" {
		files = append(files, struct{ name, path string }{"largest-shared", largest})
	} else if os.Getenv("CI") == "true" {
		b.Fatalf("the shared interop files are missing (%s)", foreign)
	} else {
		b.Logf("INTEROP FILES NOT FOUND in %s: the largest shared export was NOT benchmarked", foreign)
	}
	sealed, rev := benchVault(b, 0)
	for _, f := range files {
		b.Run(f.name, func(b *testing.B) {
			var review, add time.Duration
			var rows int
			for i := 0; i < b.N; i++ {
				p := openPage(b, newServer(b, s.Dir))
				p.storeVault(sealed, rev)
				p.navigate("/")
				p.unlock(benchPassword)
				p.waitVisible("#empty", stepTimeout)
				p.openImport()
				start := time.Now()
				p.upload("#im-file", f.path)
				p.waitFor("the review or a password", `document.getElementById("im-list") || document.getElementById("im-password")`, kdfTimeout)
				if p.exists("#im-password") {
					p.typeText("#im-password", "test")
					p.click("#im-open")
					p.waitVisible("#im-list", kdfTimeout)
				}
				review += time.Since(start)
				rows = p.count("#im-list > li")
				start = time.Now()
				p.click("#im-confirm")
				p.waitVisible("#im-done", kdfTimeout)
				add += time.Since(start)
			}
			if rows == 0 {
				b.Fatal("the review listed no account")
			}
			b.ReportMetric(float64(review.Milliseconds())/float64(b.N), "review-ms")
			b.ReportMetric(float64(add.Milliseconds())/float64(b.N), "add-ms")
			b.Logf("%s (%s): %d accounts, file chosen → review %v, confirm → added %v (wall time, including the test's polling)",
				f.name, filepath.Base(f.path), rows, review/time.Duration(b.N), add/time.Duration(b.N))
		})
	}
}

// gapProbe is a script that starts a 10 ms ticker in the page and keeps the
// longest gap between its ticks in window.gapProbe.max: how long the main
// thread was held at once while the probe ran.
const gapProbe = `(() => {
	const g = window.gapProbe = { last: performance.now(), max: 0 };
	g.timer = setInterval(() => {
		const now = performance.now();
		g.max = Math.max(g.max, now - g.last);
		g.last = now;
	}, 10);
})()`

// encryptedShared are the encrypted exports of ../shared/testdata/foreign
// and their passwords, as its README gives them.
var encryptedShared = []struct{ file, password string }{
	{"aegis-testdata-aegis_encrypted.json", "test"},                 // scrypt
	{"aegis-testdata-2fas_authenticator_encrypted_v4.2fas", "test"}, // PBKDF2-SHA256
	{"aegis-testdata-andotp_encrypted.bin", "test"},                 // PBKDF2-SHA1
	{"aegis-importers-andotp_encrypted_old.bin", "test"},            // SHA-256
	{"aegis-importers-authenticator_plus.zip", "testtesttest"},      // ZipCrypto
	{"aegis-importers-authy_encrypted.xml", "testtest"},             // PBKDF2-SHA1 per entry
	{"aegis-importers-freeotp_v2_api34.xml", "test"},                // PBKDF2-SHA512
	{"aegis-importers-stratum_encrypted.bin", "test"},               // Argon2id
	{"aegis-importers-stratum_encrypted_legacy.bin", "test"},        // PBKDF2-SHA1
	{"aegis-importers-totp_authenticator.bin", "Testtest1"},         // SHA-256
}

// BenchmarkImportEncrypted imports each encrypted shared export through the
// page, password included, and reports the time from the password given to
// the review drawn (review-ms) and the longest time the page's main thread
// was held meanwhile (gap-ms): the key derivations run in a Web Worker, so
// the page keeps answering.
//
//	go test ./cmd/twofold/e2e -run '^$' -bench ImportEncrypted -benchtime 3x
func BenchmarkImportEncrypted(b *testing.B) {
	s := testSite(b)
	sealed, rev := benchVault(b, 0)
	for _, f := range encryptedShared {
		path := foreignFile(b, f.file)
		b.Run(strings.TrimPrefix(f.file, "aegis-"), func(b *testing.B) {
			var review time.Duration
			var gap float64
			for i := 0; i < b.N; i++ {
				p := openPage(b, newServer(b, s.Dir))
				p.storeVault(sealed, rev)
				p.navigate("/")
				p.unlock(benchPassword)
				p.waitVisible("#empty", stepTimeout)
				p.openImport()
				p.upload("#im-file", path)
				p.waitVisible("#im-password", kdfTimeout)
				p.typeText("#im-password", f.password)
				evalJS[any](p, gapProbe)
				start := time.Now()
				p.click("#im-open")
				p.waitFor("the review or an error", `document.getElementById("im-list") || document.getElementById("im-error")`, kdfTimeout)
				review += time.Since(start)
				gap = max(gap, evalJS[float64](p, `(clearInterval(window.gapProbe.timer), window.gapProbe.max)`))
				if p.exists("#im-error") {
					b.Fatalf("%s: %s", f.file, p.text("#im-error"))
				}
			}
			b.ReportMetric(float64(review.Milliseconds())/float64(b.N), "review-ms")
			b.ReportMetric(gap, "gap-ms")
		})
	}
}
