package importers_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"twofold.app/app/importers"
	"twofold.app/app/importers/internal/importtest"
)

// random returns n bytes that look encrypted, the same every run.
func random(n int) []byte {
	b := make([]byte, n)
	r := rand.NewChaCha8([32]byte{1})
	r.Read(b)
	return b
}

func zipOf(t *testing.T, names ...string) []byte {
	return zipWith(t, 0, names...)
}

// zipWith makes a zip of the named entries with the given flags (1:
// encrypted, as ZipCrypto marks it).
func zipWith(t *testing.T, flags uint16, names ...string) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, n := range names {
		f, err := w.CreateHeader(&zip.FileHeader{Name: n, Flags: flags, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte("x"))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testDB reads a database of internal/sqlite's test vectors.
func testDB(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("internal", "sqlite", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// claimedAnyway names, by the name of a case of TestIdentify, the importer
// that claims its data all the same: formats with no magic number whose
// files look like it (andOTP's encrypted backups are random bytes, TOTP
// Authenticator's backups base64). Identify still describes the data.
var claimedAnyway = map[string]string{
	"sqlcipher":     "andOTP",
	"encrypted":     "andOTP",
	"little random": "andOTP",
	"base64":        "TOTP Authenticator",
}

func TestIdentify(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		// looks is what UnknownError.Looks must contain; "" for a bare
		// ErrUnknownFormat.
		looks string
	}{
		{"empty", nil, "an empty file"},
		{"white space", []byte(" \r\n\t"), "an empty file"},
		{"a byte order mark alone", []byte("\ufeff\n"), "an empty file"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "a PNG image: scan its QR codes instead, with Add account → Open an image or with twofold scan"},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), "a JPEG image: scan its QR codes"},
		{"gif", []byte("GIF89a\x01\x00"), "a GIF image"},
		{"webp", []byte("RIFF\x24\x00\x00\x00WEBPVP8 "), "a WebP image"},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`), "an SVG image"},
		{"pdf", []byte("%PDF-1.7\n%âãÏÓ\n"), "a PDF document"},
		{"kdbx", []byte("\x03\xd9\xa2\x9a\x67\xfb\x4b\xb5\x01\x00\x04\x00"), "a KeePass database (KDBX)"},
		{"android backup", []byte("ANDROID BACKUP\n5\n1\nnone\n"), "an Android backup"},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00"), "gzip-compressed"},
		{"utf-16", []byte("\xff\xfeo\x00t\x00p\x00"), "UTF-16 text"},
		{"java serialisation", []byte("\xac\xed\x00\x05sr\x00\x11java.util.HashMap"), "Java-serialised"},
		// Databases written by SQLite itself (internal/sqlite's vectors).
		{"sqlite", testDB(t, "types.db"), `an SQLite database of no app Twofold knows, with the tables "values", "pk", "notalias", "wr"`},
		{"sqlite in WAL mode", testDB(t, "wal.db"), "it is in WAL mode"},
		{"sqlite, damaged", append([]byte("SQLite format 3\x00"), make([]byte, 100)...), "an SQLite database that cannot be read"},
		{"sqlite wal", append([]byte("\x37\x7f\x06\x82\x00\x2d\xe2\x18"), make([]byte, 32)...), "an SQLite write-ahead log"},
		{"sqlite shm", append([]byte("\x18\xe2\x2d\x00"), make([]byte, 32764)...), "an SQLite shared-memory index"},
		{"sqlcipher", random(8192), "an encrypted database (SQLCipher"},
		{"encrypted", random(3000), "encrypted or compressed data"},
		{"little random", random(100), ""},
		{"zip", zipOf(t, "a.txt", "b/c.json", "d", "e", "f", "g", "h"), `a zip archive of no app Twofold knows, holding "a.txt", "b/c.json", "d", "e", "f" and 2 more`},
		{"empty zip", zipOf(t), "an empty zip archive"},
		{"encrypted zip", zipWith(t, 1, "accounts.db"), `a password-protected zip archive of no app Twofold knows, holding "accounts.db"`},
		{"zip cut short", zipOf(t, "a.txt", "b.txt")[:60], "a zip archive that cannot be read"},
		{"zip with its directory cut", func() []byte { z := zipOf(t, "a.txt", "b.txt"); return append(z[:len(z)-22-46-5], z[len(z)-22:]...) }(), `holding "a.txt"`},
		{"broken zip", []byte("PK\x03\x04broken"), "a zip archive that cannot be read"},
		{"json object", []byte(`{"db": {"x": 1}, "accounts": [], "version": 3}`), `JSON of no app Twofold knows, with the keys "db", "accounts", "version"`},
		{"json array", []byte(`[{"label": "a", "key": "JBSWY3DPEHPK3PXP"}, {}]`), `a JSON array of 2 objects of no app Twofold knows, the first with the keys "label", "key"`},
		{"json array of strings", []byte(`["a", "b"]`), "a JSON array of 2 items"},
		{"empty json", []byte(" {} "), "an empty JSON object"},
		{"empty json array", []byte("\ufeff[]"), "an empty JSON array"},
		{"xml", []byte("<?xml version='1.0'?>\n<!-- c -->\n<database><x/></database>"), `XML of no app Twofold knows, with the root element "database"`},
		{"android preferences", []byte(`<?xml version='1.0' encoding='utf-8' standalone='yes' ?><map><string name="tokens">[]</string><int name="v" value="1" /></map>`),
			`Android preferences (a <map> file) of no app Twofold knows, with the entries "tokens", "v"`},
		{"csv", []byte("Name,Secret Key,Issuer\r\nalice,JBSWY3DPEHPK3PXP,GitHub\r\n"), `a CSV file of no app Twofold knows, with the columns "Name", "Secret Key", "Issuer"`},
		{"csv without a header", []byte("JBSWY3DPEHPK3PXP,GEZDGNBV\n"), ""},
		{"links inside lines", []byte("1. otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\n"), "text with otpauth:// links, but not one to a line"},
		{"base64", []byte(strings.Repeat("u51d1LQbPDtXbvihHPguTkF6klbc5rJg", 4)), "a block of base64 text"},
		{"text", []byte("Lorem ipsum dolor sit amet"), ""},
		{"broken json", []byte(`{"a":`), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			imp, err := importers.Detect(tc.data)
			if app := claimedAnyway[tc.name]; app != "" {
				if imp == nil || imp.Name() != app {
					t.Fatalf("Detect = %v, %v; want %s", imp, err, app)
				}
				err = importers.Identify(tc.data)
			} else if imp != nil || !errors.Is(err, importers.ErrUnknownFormat) {
				t.Fatalf("Detect = %v, %v; want ErrUnknownFormat", imp, err)
			}
			if err2 := importers.Identify(tc.data); err2.Error() != err.Error() {
				t.Errorf("Identify = %v, Detect's error %v", err2, err)
			}
			var u *importers.UnknownError
			if tc.looks == "" {
				if err != importers.ErrUnknownFormat {
					t.Fatalf("error = %v, want ErrUnknownFormat itself", err)
				}
				return
			}
			if !errors.As(err, &u) || !strings.Contains(u.Looks, tc.looks) {
				t.Fatalf("error = %v, want one saying %q", err, tc.looks)
			}
			if !strings.HasPrefix(err.Error(), importers.ErrUnknownFormat.Error()+"; it looks like ") {
				t.Errorf("message = %q", err)
			}
			if strings.Contains(err.Error(), "JBSWY3DPEHPK3PXP") {
				t.Errorf("the message quotes a secret: %v", err)
			}
		})
	}
}

// Every shared file that no importer reads yet is described, but the one
// that is plain prose.
func TestIdentifyForeign(t *testing.T) {
	dir := importtest.RequireDir(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		_, err = importers.Detect(data)
		if err == nil {
			continue
		}
		var u *importers.UnknownError
		if !errors.As(err, &u) && e.Name() != "extract_otp_secrets-wrong_content.txt" {
			t.Errorf("%s: %v, with no description", e.Name(), err)
		}
		t.Logf("%s: %v", e.Name(), err)
	}
}
