package main

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"twofold.app/app/kdf"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/transfer"
	"twofold.app/app/vault"
)

// cheapParams are the cheapest Argon2id parameters a transfer accepts.
var cheapParams = kdf.Params{Time: 1, MemoryKiB: 8, Threads: 1}

// cheapTransferKDF makes "transfer send" seal with cheapParams for the rest
// of the test.
func cheapTransferKDF(t *testing.T) {
	t.Helper()
	p := cheapParams
	testOnlyTransferParams = &p
	t.Cleanup(func() { testOnlyTransferParams = nil })
}

// transferURIs are accounts of every type the URI list carries.
const transferURIs = `# every type
otpauth://totp/ACME%20Co:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30
otpauth://totp/Example:bob?secret=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU&issuer=Example&algorithm=SHA256&digits=8&period=60
otpauth://totp/Big%20Bank:carol?secret=MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK&issuer=Big%20Bank&algorithm=SHA512&digits=7&period=30
otpauth://hotp/Air%20Canada:Benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Air%20Canada&algorithm=SHA256&digits=7&counter=50
otpauth://hotp/Counter:zero?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Counter&algorithm=SHA1&digits=6&counter=0
otpauth://steam/Steam:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Steam&algorithm=SHA1&digits=5&period=30
otpauth://totp/no-issuer@example.com?secret=ORSXG5A&algorithm=SHA1&digits=6&period=30
otpauth://hotp/Vault%20Corp:ops%2Bteam@example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Vault%20Corp&algorithm=SHA512&digits=8&counter=18446744073709551615
otpauth://totp/GitHub:octocat?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=GitHub&algorithm=SHA1&digits=6&period=30
otpauth://totp/Cloud%20Provider:root-account@example.net?secret=NB2W45DFOIZA4LTFORSXG5DJNZTTEMBSGUXDCMRXGAYDIOJWMQ&issuer=Cloud%20Provider&algorithm=SHA256&digits=6&period=15
otpauth://totp/%C3%9Cnic%C3%B6de:d%C3%A9j%C3%A0%20vu?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=%C3%9Cnic%C3%B6de&algorithm=SHA1&digits=6&period=30
`

// wantAccounts returns the accounts of a list of URIs.
func wantAccounts(t *testing.T, uris string) []otpauth.Account {
	t.Helper()
	var as []otpauth.Account
	for line := range strings.Lines(uris) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		as = append(as, mustAccount(t, line))
	}
	return as
}

// newTransferEnv returns an environment whose standard input holds stdin,
// the buffers of its output, and the number of keys it has derived.
func newTransferEnv(stdin string) (transferEnv, *bytes.Buffer, *bytes.Buffer, *int) {
	var stdout, stderr bytes.Buffer
	derivations := 0
	return transferEnv{
		stdin:  strings.NewReader(stdin),
		stdout: &stdout,
		stderr: &stderr,
		rand:   rand.Reader,
		derive: func(password, salt []byte, p kdf.Params) ([]byte, error) {
			derivations++
			return kdf.Argon2id(password, salt, p)
		},
	}, &stdout, &stderr, &derivations
}

// sent is the result of a "transfer send".
type sent struct {
	code   string   // the first line of its output
	images []string // the images, in order
	stderr string
}

// sendTransfer runs "transfer send" on uris with the given flags, writing to
// a new folder, and checks what it prints.
func sendTransfer(t *testing.T, uris string, flags ...string) sent {
	t.Helper()
	dir := t.TempDir()
	list := filepath.Join(dir, "uris.txt")
	if err := os.WriteFile(list, []byte(uris), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "codes") // made by send
	env, stdout, stderr, derivations := newTransferEnv("")
	args := append(append([]string{"send", "-o", out}, flags...), list)
	if err := runTransfer(args, env); err != nil {
		t.Fatalf("send: %v\n%s", err, stderr)
	}
	if *derivations != 2 {
		t.Errorf("send derived %d keys, want 2 (seal, then verify)", *derivations)
	}
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("send printed %d lines, want 2:\n%s", len(lines), stdout)
	}
	if _, err := transfer.ParseCode(lines[0]); err != nil {
		t.Errorf("first line %q is not a verification code: %v", lines[0], err)
	}
	images, err := filepath.Glob(filepath.Join(out, "transfer-*.png"))
	if err != nil || len(images) == 0 {
		t.Fatalf("no images written (%v)", err)
	}
	want := "1 code: " + images[0]
	if len(images) > 1 {
		want = fmt.Sprintf("%d codes: %s to %s", len(images), images[0], images[len(images)-1])
	}
	if lines[1] != want {
		t.Errorf("send printed %q, want %q", lines[1], want)
	}
	if strings.Contains(stderr.String(), lines[0]) || strings.Contains(stderr.String(), "JBSWY3DPEHPK3PXP") {
		t.Errorf("standard error holds the code or a secret: %q", stderr)
	}
	return sent{code: lines[0], images: images, stderr: stderr.String()}
}

// sameAccounts compares printed accounts with the wanted ones field by
// field.
func sameAccounts(t *testing.T, got, want []otpauth.Account) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d accounts, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		for _, f := range []struct {
			field     string
			got, want any
		}{
			{"issuer", g.Issuer, w.Issuer},
			{"name", g.Name, w.Name},
			{"type", g.Type, w.Type},
			{"algorithm", g.Algorithm, w.Algorithm},
			{"digits", g.Digits, w.Digits},
			{"period", g.Period, w.Period},
			{"counter", g.Counter, w.Counter},
			{"secret", string(g.Secret), string(w.Secret)},
		} {
			if f.got != f.want {
				t.Errorf("account %d (%s): %s %v, want %v", i+1, w.Name, f.field, f.got, f.want)
			}
		}
	}
}

// parseOutput reads what receive printed, URIs or JSON, back into
// accounts.
func parseOutput(t *testing.T, out string, asJSON bool) []otpauth.Account {
	t.Helper()
	if !asJSON {
		return wantAccounts(t, out)
	}
	var js []jsonAccount
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	var as []otpauth.Account
	for _, j := range js {
		a := otpauth.Account{Issuer: j.Issuer, Name: j.Name}
		switch j.Type {
		case "totp":
			a.Type = otp.TOTP
		case "hotp":
			a.Type = otp.HOTP
		case "steam":
			a.Type = otp.Steam
		default:
			t.Errorf("type %q", j.Type)
		}
		for _, alg := range []otp.Algorithm{otp.SHA1, otp.SHA256, otp.SHA512} {
			if alg.String() == j.Algorithm {
				a.Algorithm = alg
			}
		}
		a.Digits = j.Digits
		if j.Period != nil {
			a.Period = *j.Period
		}
		if j.Counter != nil {
			a.Counter = *j.Counter
		}
		var err error
		if a.Secret, err = secretBase32.DecodeString(j.Secret); err != nil {
			t.Errorf("secret %q: %v", j.Secret, err)
		}
		as = append(as, a)
	}
	return as
}

// TestTransferRoundTrip sends accounts of every type and receives them
// back, in every situation, printed as URIs and as JSON.
func TestTransferRoundTrip(t *testing.T) {
	cheapTransferKDF(t)
	want := wantAccounts(t, transferURIs)
	for _, tc := range []struct {
		name      string
		send      []string
		codeFile  bool // the code in a file, typed in lower case without dashes
		asJSON    bool
		minImages int
	}{
		{name: "screen", send: nil, minImages: 1},
		{name: "camera, JSON", send: []string{"--for", "camera"}, asJSON: true, minImages: 1},
		{name: "old camera, code file", send: []string{"--for", "old-camera"}, codeFile: true, minImages: 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := sendTransfer(t, transferURIs, tc.send...)
			if len(s.images) < tc.minImages {
				t.Fatalf("%d images, want at least %d", len(s.images), tc.minImages)
			}
			args := []string{"receive", "--code", s.code}
			if tc.codeFile {
				f := filepath.Join(t.TempDir(), "code")
				typed := strings.ToLower(strings.ReplaceAll(s.code, "-", "")) + "\r\n"
				if err := os.WriteFile(f, []byte(typed), 0o600); err != nil {
					t.Fatal(err)
				}
				args = []string{"receive", "--code-file", f}
			}
			if tc.asJSON {
				args = append(args, "--json")
			}
			env, stdout, stderr, derivations := newTransferEnv("")
			if err := runTransfer(append(args, s.images...), env); err != nil {
				t.Fatalf("receive: %v\n%s", err, stderr)
			}
			if *derivations != 1 {
				t.Errorf("receive derived %d keys, want 1", *derivations)
			}
			sameAccounts(t, parseOutput(t, stdout.String(), tc.asJSON), want)
			if !strings.Contains(stderr.String(), "twofold: "+count(len(want), "account")+" from "+count(len(s.images), "code")) {
				t.Errorf("stderr %q does not count the accounts and codes", stderr)
			}
		})
	}
}

// TestTransferSendImages checks that the images are crisp: two colours,
// and square modules of a whole number of pixels.
func TestTransferSendImages(t *testing.T) {
	cheapTransferKDF(t)
	s := sendTransfer(t, transferURIs, "--for", "old-camera")
	for i, name := range s.images {
		if want := fmt.Sprintf("transfer-%02d.png", i+1); filepath.Base(name) != want {
			t.Errorf("image %d is %s, want %s", i+1, filepath.Base(name), want)
		}
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		// The layout of old cameras is version 10: 57 modules and a
		// quiet zone of 4 on each side.
		if side := (57 + 8) * pixelsPerModule; b.Dx() != side || b.Dy() != side {
			t.Fatalf("%s is %v, want %d×%d", name, b, side, side)
		}
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				if (r != 0 && r != 0xffff) || r != g || g != bl {
					t.Fatalf("%s: pixel (%d, %d) is neither black nor white", name, x, y)
				}
				r0, _, _, _ := img.At(x-x%pixelsPerModule, y-y%pixelsPerModule).RGBA()
				if r != r0 {
					t.Fatalf("%s: pixel (%d, %d) differs from its module's first pixel", name, x, y)
				}
			}
		}
		// The quiet zone is white.
		if r, _, _, _ := img.At(4*pixelsPerModule-1, 4*pixelsPerModule-1).RGBA(); r != 0xffff {
			t.Errorf("%s: no quiet zone", name)
		}
	}
}

// writePNG writes img to dir/name and returns its path.
func writePNG(t *testing.T, dir, name string, img image.Image) string {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readPNG(t *testing.T, name string) image.Image {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// sideBySide returns an image of the images in a row on white.
func sideBySide(images ...image.Image) image.Image {
	w, h := 0, 0
	for _, img := range images {
		w += img.Bounds().Dx()
		h = max(h, img.Bounds().Dy())
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	x := 0
	for _, img := range images {
		b := img.Bounds()
		draw.Draw(out, image.Rect(x, 0, x+b.Dx(), b.Dy()), img, b.Min, draw.Src)
		x += b.Dx()
	}
	return out
}

// TestTransferReceive feeds receive the images of one transfer in other
// orders, with some missing, mixed with other images, and with wrong or
// mistyped codes.
func TestTransferReceive(t *testing.T) {
	cheapTransferKDF(t)
	s := sendTransfer(t, transferURIs, "--for", "old-camera")
	n := len(s.images)
	if n < 3 {
		t.Fatalf("%d images, want at least 3", n)
	}
	img := s.images
	dir := t.TempDir()

	// A code of another transfer, of the same layout.
	otherCode, err := transfer.NewCode(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	otherAccounts := []vault.Account{{Issuer: "Other", Name: "x", Key: mustAccount(t, "otpauth://totp/O:x?secret=ORSXG5A").Key}}
	m, err := transfer.Seal(otherAccounts, otherCode, cheapParams, rand.Reader, kdf.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	layout := transfer.LayoutFor(transfer.OldCamera)
	otherPNG, _, err := transfer.Image(m.Frames(layout)[0], layout, pixelsPerModule)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.png")
	if err := os.WriteFile(other, otherPNG, 0o644); err != nil {
		t.Fatal(err)
	}
	account := qrFile(t, dir, "account.png", "png", "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP")
	notImage := filepath.Join(dir, "notes.png")
	if err := os.WriteFile(notImage, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	pair := writePNG(t, dir, "pair.png", sideBySide(readPNG(t, img[0]), readPNG(t, img[1])))

	// A mistyped code: the last character changed.
	typo := s.code[:len(s.code)-1] + "2"
	if typo == s.code {
		typo = s.code[:len(s.code)-1] + "3"
	}
	wrong, err := transfer.NewCode(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}

	shuffled := slices.Clone(img)
	slices.Reverse(shuffled)
	shuffled[0], shuffled[n/2] = shuffled[n/2], shuffled[0]
	without2 := slices.Concat(img[:1], img[2:])
	want := wantAccounts(t, transferURIs)

	for _, tc := range []struct {
		name        string
		code        string
		files       []string
		err         error    // nil: the accounts are printed
		errText     string   // in the error
		problems    []string // substrings, one per problem; the accounts are printed
		derivations int
	}{
		{name: "in order", code: s.code, files: img, derivations: 1},
		{name: "shuffled", code: s.code, files: shuffled, derivations: 1},
		{name: "repeated", code: s.code, files: slices.Concat(img, img[:2]), derivations: 1},
		{name: "two codes in one image", code: s.code, files: slices.Concat([]string{pair}, img[2:]), derivations: 1},
		{name: "code typed loosely", code: " " + strings.ToLower(s.code) + " ", files: img, derivations: 1},
		{name: "missing one", code: s.code, files: without2,
			err: transfer.ErrIncomplete, errText: fmt.Sprintf("missing code 2 of %d", n)},
		{name: "missing two", code: s.code, files: img[1 : n-1],
			err: transfer.ErrIncomplete, errText: fmt.Sprintf("missing codes 1, %d of %d", n, n)},
		{name: "wrong code", code: wrong.String(), files: shuffled,
			err: transfer.ErrWrongCode, errText: "wrong verification code", derivations: 1},
		{name: "typo", code: typo, files: slices.Concat(img, []string{filepath.Join(dir, "absent.png")}),
			err: transfer.ErrCodeTypo, errText: "verification code mistyped: a character is wrong"},
		{name: "too short", code: s.code[:len(s.code)-1], files: img,
			err: transfer.ErrCodeTypo, errText: "it has 11 characters, not 12"},
		{name: "other transfer first", code: s.code, files: slices.Concat([]string{other}, shuffled), derivations: 1,
			problems: []string{"other.png: code of another transfer"}},
		{name: "other transfer among", code: s.code, files: slices.Concat(img[:1], []string{other}, img[1:]), derivations: 1,
			problems: []string{"other.png: code of another transfer"}},
		{name: "account code and not an image", code: s.code, files: slices.Concat([]string{account}, img, []string{notImage}), derivations: 1,
			problems: []string{"account.png: not a transfer code", "notes.png: not a PNG, JPEG, WebP or GIF image"}},
		{name: "only other codes", code: s.code, files: []string{account},
			errText: "no transfer code in the images"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, stdout, stderr, derivations := newTransferEnv("")
			err := runTransfer(append([]string{"receive", "--code", tc.code}, tc.files...), env)
			if *derivations != tc.derivations {
				t.Errorf("derived %d keys, want %d", *derivations, tc.derivations)
			}
			if strings.Contains(stderr.String()+fmt.Sprint(err), "JBSWY3DPEHPK3PXP") {
				t.Errorf("a secret was printed on standard error")
			}
			if tc.errText != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errText) || (tc.err != nil && !errors.Is(err, tc.err)) {
					t.Fatalf("receive: %v, want an error saying %q", err, tc.errText)
				}
				if stdout.Len() != 0 {
					t.Errorf("receive printed accounts with an error:\n%s", stdout)
				}
				return
			}
			sameAccounts(t, parseOutput(t, stdout.String(), false), want)
			if len(tc.problems) == 0 {
				if err != nil || stderr.String() != fmt.Sprintf("twofold: %d accounts from %d codes\n", len(want), n) {
					t.Fatalf("receive: %v\n%s", err, stderr)
				}
				return
			}
			var te *ProblemsError
			if !errors.As(err, &te) || len(te.Problems) != len(tc.problems) {
				t.Fatalf("error %v, want a TransferError with %d problems\n%s", err, len(tc.problems), stderr)
			}
			for i, p := range tc.problems {
				if !strings.Contains(te.Problems[i], p) || !strings.Contains(stderr.String(), te.Problems[i]) {
					t.Errorf("problem %d %q does not contain %q (stderr %q)", i, te.Problems[i], p, stderr)
				}
			}
		})
	}
}

// TestTransferReceiveGroupsNotes receives a transfer made by the app, whose
// accounts have groups and notes, which URIs do not carry.
func TestTransferReceiveGroupsNotes(t *testing.T) {
	code, err := transfer.NewCode(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	a := mustAccount(t, "otpauth://hotp/Bank:me?secret=KRSXG5CTMVRXEZLU&counter=7")
	accounts := []vault.Account{
		{Issuer: a.Issuer, Name: a.Name, Key: a.Key, Group: "Money", Note: "the old card"},
		{Issuer: "Plain", Name: "you", Key: a.Key},
	}
	m, err := transfer.Seal(accounts, code, cheapParams, rand.Reader, kdf.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	layout := transfer.LayoutFor(transfer.Screen)
	frames := m.Frames(layout)
	if len(frames) != 1 {
		t.Fatalf("%d frames, want 1", len(frames))
	}
	data, _, err := transfer.Image(frames[0], layout, 4)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "from-the-app.png")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	env, stdout, stderr, _ := newTransferEnv(code.String() + "\n")
	if err := runTransfer([]string{"receive", file, "--code-file", "-"}, env); err != nil {
		t.Fatalf("receive: %v\n%s", err, stderr)
	}
	want := []otpauth.Account{a, {Issuer: "Plain", Name: "you", Key: a.Key}}
	sameAccounts(t, parseOutput(t, stdout.String(), false), want)
	if !strings.Contains(stderr.String(), "groups and notes of 1 account are not printed") {
		t.Errorf("stderr %q does not say that groups and notes are left out", stderr)
	}
}

func TestTransferSendRefuses(t *testing.T) {
	cheapTransferKDF(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	uris := write("uris.txt", transferURIs)
	bad := write("bad.txt", transferURIs+"otpauth://totp/X:y?secret=SECRET1SECRET\nnot a uri\n")
	empty := write("empty.txt", "# nothing\n")
	used := filepath.Join(dir, "used")
	if err := os.Mkdir(used, 0o700); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(used, "transfer-07.png")
	if err := os.WriteFile(old, []byte("an older code"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		out  string // "": a new folder
		args []string
		want string
	}{
		{"older codes in the folder", used, []string{uris}, "holds transfer-07.png already"},
		{"bad lines", "", []string{bad}, "2 lines could not be read"},
		{"no accounts", "", []string{empty}, "no otpauth"},
		{"unknown situation", "", []string{"--for", "phone", uris}, `unknown situation "phone"`},
		{"no file", "", nil, "needs one URIS.txt"},
		{"two files", "", []string{uris, uris}, "needs one URIS.txt"},
		{"missing file", "", []string{filepath.Join(dir, "missing.txt")}, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := tc.out
			if out == "" {
				out = filepath.Join(t.TempDir(), "codes")
			}
			env, stdout, stderr, derivations := newTransferEnv("")
			err := runTransfer(append([]string{"send", "-o", out}, tc.args...), env)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("send: %v, want an error saying %q", err, tc.want)
			}
			if *derivations != 0 || stdout.Len() != 0 {
				t.Errorf("send derived %d keys and printed %q despite the error", *derivations, stdout)
			}
			images, _ := filepath.Glob(filepath.Join(out, "transfer-*.png"))
			if len(images) > 0 && !slices.Equal(images, []string{old}) {
				t.Errorf("images written despite the error: %v", images)
			}
			if strings.Contains(stderr.String()+err.Error(), "SECRET1") {
				t.Error("a secret was printed")
			}
		})
	}
	if data, _ := os.ReadFile(old); string(data) != "an older code" {
		t.Error("an older image was changed")
	}
}

func TestTransferUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string // in the error; "" for success
	}{
		{"nothing", nil, "send or receive"},
		{"unknown", []string{"show"}, "unknown transfer command"},
		{"help", []string{"help"}, ""},
		{"flag help", []string{"receive", "-h"}, ""},
		{"receive without code", []string{"receive", "a.png"}, "--code or --code-file"},
		{"receive with two codes", []string{"receive", "--code", "X", "--code-file", "f", "a.png"}, "not both"},
		{"receive without image", []string{"receive", "--code", "X"}, "at least one image"},
		{"unknown flag", []string{"send", "--verbose", "x"}, "not defined"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, stdout, stderr, _ := newTransferEnv("")
			err := runTransfer(tc.args, env)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
			} else if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("%v, want an error saying %q", err, tc.want)
			}
			if !strings.Contains(stdout.String()+stderr.String(), "twofold transfer receive") {
				t.Error("no usage printed")
			}
		})
	}
}
