package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	skip "github.com/skip2/go-qrcode"

	"twofold.app/app/migration"
	"twofold.app/app/otpauth"
)

// sharedFrame returns the path of a file of ../shared/testdata/frames next
// to the module root, or skips the test loudly.
func sharedFrame(t *testing.T, name string) string {
	t.Helper()
	p := foreignExport(t, filepath.Join("..", "frames", name))
	return p
}

// qrFile writes text as a QR code image in the given format ("png",
// "jpeg" or "gif") to dir and returns its path.
func qrFile(t *testing.T, dir, name, format, text string) string {
	t.Helper()
	q, err := skip.New(text, skip.Medium)
	if err != nil {
		t.Fatal(err)
	}
	img := q.Image(-5)
	var buf bytes.Buffer
	switch format {
	case "png":
		err = png.Encode(&buf, img)
	case "jpeg":
		rgba := image.NewRGBA(img.Bounds())
		for y := 0; y < img.Bounds().Dy(); y++ {
			for x := 0; x < img.Bounds().Dx(); x++ {
				rgba.Set(x, y, img.At(x, y))
			}
		}
		err = jpeg.Encode(&buf, rgba, &jpeg.Options{Quality: 85})
	case "gif":
		err = gif.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runScanTest(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = runScan(args, scanEnv{stdout: &out, stderr: &errOut})
	return out.String(), errOut.String(), err
}

func mustAccount(t *testing.T, uri string) otpauth.Account {
	t.Helper()
	a, err := otpauth.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestScanGoogleExportPhoto(t *testing.T) {
	p := sharedFrame(t, "extract_otp_secrets-googleauth_export.png")
	stdout, stderr, err := runScanTest(t, "--json", p)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	want := []struct{ issuer, name, secret string }{
		{"Test1", "test1@example1.com", "JBSWY3DPEHPK3PXP"},
		{"Test2", "test2@example2.com", "JBSWY3DPEHPK3PXQ"},
		{"Test3", "test3@example3.com", "JBSWY3DPEHPK3PXR"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d accounts, want %d:\n%s", len(got), len(want), stdout)
	}
	for i, w := range want {
		g := got[i]
		if g["type"] != "totp" || g["issuer"] != w.issuer || g["name"] != w.name || g["secret"] != w.secret ||
			g["algorithm"] != "SHA1" || g["digits"] != 6.0 || g["period"] != 30.0 {
			t.Errorf("account %d: got %v, want %+v", i, g, w)
		}
	}
}

func TestScanNotAnAccount(t *testing.T) {
	p := sharedFrame(t, "extract_otp_secrets-qr_but_without_otp.png")
	stdout, stderr, err := runScanTest(t, p)
	var se *ProblemsError
	if !errors.As(err, &se) || len(se.Problems) != 1 {
		t.Fatalf("error %v, want a ScanError with one problem", err)
	}
	if stdout != "" {
		t.Errorf("printed %q", stdout)
	}
	if !strings.Contains(stderr, "holds no authenticator account") {
		t.Errorf("stderr %q does not say the code holds no account", stderr)
	}
}

func TestScanFormatsAndBatch(t *testing.T) {
	dir := t.TempDir()
	a1 := mustAccount(t, "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP")
	a2 := mustAccount(t, "otpauth://hotp/Example:bob?secret=KRSXG5CTMVRXEZLU&counter=42&digits=8&algorithm=SHA256")
	a3 := mustAccount(t, "otpauth://totp/Other:carol?secret=MFRGGZDFMZTWQ2LK&algorithm=SHA512")
	uris, skipped := migration.Split([]otpauth.Account{a1, a2, a3}, 1, 12345)
	if len(uris) != 3 || len(skipped) != 0 {
		t.Fatalf("split: %d codes, %v skipped", len(uris), skipped)
	}
	single := qrFile(t, dir, "single.gif", "gif", otpauth.Format(a1))
	part1 := qrFile(t, dir, "part1.png", "png", uris[0])
	part2 := qrFile(t, dir, "part2.jpg", "jpeg", uris[1])
	part3 := qrFile(t, dir, "part3.png", "png", uris[2])
	text := qrFile(t, dir, "text.png", "png", "https://example.com/setup")

	tests := []struct {
		name     string
		files    []string
		want     []otpauth.Account
		problems []string // substrings, one per problem
	}{
		{name: "one account, GIF", files: []string{single}, want: []otpauth.Account{a1}},
		{name: "export in another order", files: []string{part3, part1, part2}, want: []otpauth.Account{a1, a2, a3}},
		{name: "export part repeated", files: []string{part2, part1, part2, part3}, want: []otpauth.Account{a1, a2, a3}},
		{name: "repeated account printed once", files: []string{single, part1, part2, part3}, want: []otpauth.Account{a1, a2, a3}},
		{name: "export incomplete", files: []string{part1, part3, single}, want: []otpauth.Account{a1},
			problems: []string{"2 of 3 codes scanned, missing code 2"}},
		{name: "text and missing file", files: []string{text, filepath.Join(dir, "nothing.png"), single}, want: []otpauth.Account{a1},
			problems: []string{"holds no authenticator account: \"https://example.com/setup\"", "nothing.png"}},
		{name: "not an image", files: []string{filepath.Join(dir, "notimage.png"), single}, want: []otpauth.Account{a1},
			problems: []string{"not a PNG, JPEG, WebP or GIF image"}},
	}
	if err := os.WriteFile(filepath.Join(dir, "notimage.png"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, err := runScanTest(t, tt.files...)
			var want strings.Builder
			for _, a := range tt.want {
				want.WriteString(otpauth.Format(a) + "\n")
			}
			if stdout != want.String() {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want.String())
			}
			if len(tt.problems) == 0 {
				if err != nil {
					t.Fatalf("error %v\n%s", err, stderr)
				}
				return
			}
			var se *ProblemsError
			if !errors.As(err, &se) || len(se.Problems) != len(tt.problems) {
				t.Fatalf("error %v, want a ScanError with %d problems\n%s", err, len(tt.problems), stderr)
			}
			for i, p := range tt.problems {
				if !strings.Contains(se.Problems[i], p) || !strings.Contains(stderr, se.Problems[i]) {
					t.Errorf("problem %d %q does not contain %q (stderr %q)", i, se.Problems[i], p, stderr)
				}
			}
			if strings.Contains(stderr, "JBSWY3DPEHPK3PXP") {
				t.Errorf("stderr holds a secret: %q", stderr)
			}
		})
	}
}

func TestScanOtherExport(t *testing.T) {
	dir := t.TempDir()
	a1 := mustAccount(t, "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP")
	a2 := mustAccount(t, "otpauth://totp/ACME:bob?secret=KRSXG5CTMVRXEZLU")
	u1, _ := migration.Split([]otpauth.Account{a1, a2}, 1, 1)
	u2, _ := migration.Split([]otpauth.Account{a2, a1}, 1, 1) // same batch id, other content
	f1 := qrFile(t, dir, "a.png", "png", u1[0])
	f2 := qrFile(t, dir, "b.png", "png", u2[0])
	_, stderr, err := runScanTest(t, f1, f2)
	var se *ProblemsError
	if !errors.As(err, &se) {
		t.Fatalf("error %v, want a ScanError", err)
	}
	if !strings.Contains(stderr, "another export") {
		t.Errorf("stderr %q does not say the code is from another export", stderr)
	}
}

func TestScanWebP(t *testing.T) {
	// A WebP of the ZXing samples: an inverted code holding plain text.
	p := sharedFrame(t, filepath.Join("zxing", "zxing-cpp-samples-qrcode-2-qr-inv-2.webp"))
	_, stderr, err := runScanTest(t, p)
	var se *ProblemsError
	if !errors.As(err, &se) || !strings.Contains(stderr, "holds no authenticator account") {
		t.Fatalf("error %v, stderr %q: want the code read and found to hold no account", err, stderr)
	}
}

func TestScanUsage(t *testing.T) {
	_, stderr, err := runScanTest(t)
	if err == nil || !strings.Contains(stderr, "usage:") {
		t.Fatalf("error %v, stderr %q", err, stderr)
	}
	if _, _, err := runScanTest(t, "-h"); err != nil {
		t.Fatalf("-h: %v", err)
	}
}
