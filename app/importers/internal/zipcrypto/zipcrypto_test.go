package zipcrypto

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
)

// text is the content of the entry "a.txt" of make_vectors.py's archives.
var text = strings.Repeat("otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno\n", 3)

func vector(t testing.TB, name string) []byte { return importtest.Vector(t, name) }

// first opens data and returns its first entry.
func first(t *testing.T, data []byte) *zip.File {
	t.Helper()
	r, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.File) == 0 {
		t.Fatal("no entries")
	}
	return r.File[0]
}

func TestReadFile(t *testing.T) {
	for _, tc := range []struct {
		file, password string
		want           string
		err            error
	}{
		{"zipcrypto_deflate.zip", "test2", "", importer.ErrWrongPassword},
		{"zipcrypto_deflate.zip", "", "", importer.ErrPasswordNeeded},
		{"zipcrypto_deflate.zip", "test", text, nil},
		{"zipcrypto_store.zip", "test", text, nil},
		{"zipcrypto_descriptor.zip", "tesT", "", importer.ErrWrongPassword},
		{"zipcrypto_descriptor.zip", "test", text, nil},
		{"zipcrypto_descriptor_crccheck.zip", "test", text, nil},
		// The check byte passes and the CRC-32 fails: to the reader, a
		// wrong password (one in 256 pass the check byte) or damage.
		{"zipcrypto_badcrc.zip", "test", "", importer.ErrWrongPassword},
		{"infozip.zip", "wrong", "", importer.ErrWrongPassword},
		{"infozip.zip", "test", "hello from Info-ZIP\n", nil},
		{"infozip_stream.zip", "test", "streamed\n", nil},
		{"aes256_ae2.zip", "test2", "", importer.ErrWrongPassword},
		{"aes256_ae2.zip", "", "", importer.ErrPasswordNeeded},
		{"aes256_ae2.zip", "test", text, nil},
		{"aes192_ae1.zip", "test", text, nil},
		{"aes128_ae1_store.zip", "test", text, nil},
		{"sevenzip_aes256.zip", "Test", "", importer.ErrWrongPassword},
		{"sevenzip_aes256.zip", "test", "made by 7-Zip\n", nil},
		{"plain.zip", "", text, nil},
		{"plain.zip", "ignored", text, nil},
	} {
		t.Run(tc.file+"/"+tc.password, func(t *testing.T) {
			f := first(t, vector(t, tc.file))
			if got := Encrypted(f); got != (tc.file != "plain.zip") {
				t.Errorf("Encrypted = %v", got)
			}
			got, err := ReadFile(f, []byte(tc.password))
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("error = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Fatalf("= %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// flip changes one byte of data at the given offset from the end.
func flip(data []byte, fromEnd int) []byte {
	b := bytes.Clone(data)
	b[len(b)-fromEnd] ^= 0x40
	return b
}

func TestDamaged(t *testing.T) {
	plain := vector(t, "plain.zip")
	r, _ := Open(plain)
	second := r.File[1]
	if got, err := ReadFile(second, nil); err != nil || string(got) != "second\n" {
		t.Fatalf("second entry = %q, %v", got, err)
	}

	// The last 10 bytes of the AES entry's data are its authentication
	// code; the central directory (with the entry's extra field, 11
	// bytes) and the end record (22) follow it.
	aes := vector(t, "aes256_ae2.zip")
	central := 46 + len("a.txt") + 11 + 22
	f := first(t, flip(aes, central+15))
	if _, err := ReadFile(f, []byte("test")); !errors.Is(err, importer.ErrCorrupt) {
		t.Errorf("changed AES data: %v, want ErrCorrupt", err)
	}

	if _, err := Open([]byte("PK\x03\x04 not really")); !errors.Is(err, importer.ErrCorrupt) {
		t.Errorf("Open(garbage) = %v", err)
	}
}

func TestBounds(t *testing.T) {
	// A bomb: 17 MiB of zeros deflate to a few kilobytes.
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	e, _ := w.Create("bomb.txt")
	e.Write(make([]byte, MaxSize+1<<20))
	w.Close()
	f := first(t, buf.Bytes())
	if _, err := ReadFile(f, nil); !errors.Is(err, importer.ErrUnsupported) {
		t.Errorf("bomb: %v, want ErrUnsupported", err)
	}
	// The same with a lying directory that declares a small size.
	data := buf.Bytes()
	i := bytes.LastIndex(data, []byte("PK\x01\x02"))
	copy(data[i+24:], []byte{1, 0, 0, 0}) // uncompressed size: 1
	f = first(t, data)
	if _, err := ReadFile(f, nil); !errors.Is(err, importer.ErrUnsupported) {
		t.Errorf("lying bomb: %v, want ErrUnsupported", err)
	}

	buf.Reset()
	w = zip.NewWriter(&buf)
	for range MaxEntries + 1 {
		w.Create("x")
	}
	w.Close()
	if _, err := Open(buf.Bytes()); !errors.Is(err, importer.ErrUnsupported) {
		t.Errorf("too many entries: %v, want ErrUnsupported", err)
	}

	buf.Reset()
	w = zip.NewWriter(&buf)
	w.RegisterCompressor(12, func(w io.Writer) (io.WriteCloser, error) { return nopCloser{w}, nil })
	w.CreateHeader(&zip.FileHeader{Name: "bz", Method: 12})
	w.Close()
	if _, err := ReadFile(first(t, buf.Bytes()), nil); !errors.Is(err, importer.ErrUnsupported) {
		t.Errorf("bzip2 method: %v, want ErrUnsupported", err)
	}
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

func TestIsZip(t *testing.T) {
	for _, name := range []string{"plain.zip", "aes256_ae2.zip", "infozip_stream.zip"} {
		if !IsZip(vector(t, name)) {
			t.Errorf("IsZip(%s) = false", name)
		}
	}
	if IsZip([]byte("[]")) {
		t.Error("IsZip([]) = true")
	}
}

func FuzzReadFile(f *testing.F) {
	importtest.Seed(f, "aegis-importers-authenticator_plus.zip")
	for _, name := range []string{"zipcrypto_deflate.zip", "zipcrypto_descriptor.zip", "aes256_ae2.zip", "aes128_ae1_store.zip", "plain.zip", "infozip_stream.zip", "sevenzip_aes256.zip"} {
		f.Add(vector(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Open(data)
		if err != nil {
			return
		}
		for _, file := range r.File {
			for _, pw := range []string{"", "test"} {
				out, err := ReadFile(file, []byte(pw))
				if err != nil {
					importtest.Check(t, "", importer.Result{}, err)
					continue
				}
				if len(out) > MaxSize {
					t.Fatalf("%d bytes read", len(out))
				}
			}
		}
	})
}
