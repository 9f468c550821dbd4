package main

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"twofold.app/app/backup"
	"twofold.app/app/listing"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// testEnv returns an environment whose terminal answers with the given
// passphrases in turn, and the buffers for its output.
func testEnv(t *testing.T, stdin string, answers ...string) (backupEnv, *bytes.Buffer, *bytes.Buffer, *int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	asked := 0
	return backupEnv{
		stdin:  strings.NewReader(stdin),
		stdout: &stdout,
		stderr: &stderr,
		askPassphrase: func(prompt string) ([]byte, error) {
			if asked >= len(answers) {
				t.Errorf("asked for a passphrase once too often: %q", prompt)
				return nil, errors.New("no terminal in the test")
			}
			asked++
			return []byte(answers[asked-1]), nil
		},
		kdf:  vault.Argon2id,
		rand: rand.Reader,
		now:  func() time.Time { return time.Date(2026, 11, 25, 10, 4, 48, 0, time.UTC) },
	}, &stdout, &stderr, &asked
}

// backupVector is a test vector of app/backup: the file, its passphrase and
// what opening it gives.
type backupVector struct {
	name, expect, passphrase string
	file                     []byte
}

func readBackupVectors(t *testing.T) []backupVector {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "app", "backup", "testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no backup vectors found (%v)", err)
	}
	var vs []backupVector
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		head, file, ok := bytes.Cut(data, []byte("\n\n"))
		if !ok {
			t.Fatalf("%s: no blank line after the header", f)
		}
		v := backupVector{name: strings.TrimSuffix(filepath.Base(f), ".txt"), file: file}
		for _, line := range strings.Split(string(head), "\n") {
			k, val, _ := strings.Cut(line, ":")
			val = strings.TrimPrefix(val, " ")
			switch k {
			case "expect":
				v.expect = val
			case "passphrase":
				v.passphrase = val
			}
		}
		vs = append(vs, v)
	}
	return vs
}

var backupSentinels = map[string]error{
	"wrong passphrase": backup.ErrWrongPassphrase,
	"damaged":          backup.ErrDamaged,
	"not a backup":     backup.ErrNotBackup,
	"unsupported":      backup.ErrUnsupportedVersion,
}

// TestBackupDecryptVectors runs "backup decrypt" on every vector of
// app/backup, with the passphrase in a file.
func TestBackupDecryptVectors(t *testing.T) {
	dir := t.TempDir()
	for _, v := range readBackupVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			file := filepath.Join(dir, v.name+".txt")
			pass := filepath.Join(dir, v.name+".pass")
			if err := os.WriteFile(file, v.file, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(pass, []byte(v.passphrase+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			env, stdout, _, _ := testEnv(t, "")
			err := runBackup([]string{"decrypt", "--passphrase-file", pass, file}, env)
			if v.expect != "success" {
				if !errors.Is(err, backupSentinels[v.expect]) {
					t.Fatalf("decrypt: %v, want %s", err, v.expect)
				}
				if !strings.HasPrefix(err.Error(), file+": ") {
					t.Errorf("error %q does not name the file", err)
				}
				if stdout.Len() != 0 {
					t.Errorf("decrypt printed %d bytes with an error", stdout.Len())
				}
				return
			}
			if err != nil {
				t.Fatalf("decrypt: %v", err)
			}
			b, err := backup.Open(v.file, []byte(v.passphrase), vault.Argon2id)
			if err != nil {
				t.Fatal(err)
			}
			// In the order of the app's list, which for a backup of
			// version 1 is the order of the vault.
			var listed []vault.Account
			for _, i := range listing.Rows(b.Contents.Accounts, listing.Query{Sort: b.Contents.Settings.Sort}) {
				listed = append(listed, b.Contents.Accounts[i])
			}
			if want := backup.Text(listed); !bytes.Equal(stdout.Bytes(), want) {
				t.Errorf("decrypt printed:\n%s\nwant:\n%s", stdout, want)
			}
			if h, _ := backup.Inspect(v.file); h.Version == 1 && !bytes.Equal(stdout.Bytes(), backup.Text(b.Contents.Accounts)) {
				t.Error("a backup of version 1 is not printed in the order of the vault")
			}
		})
	}
}

// TestBackupDecryptKnownURI checks one line of the success vector against
// a URI written by hand: the first account's secret is the RFC 4226 test
// key "12345678901234567890".
func TestBackupDecryptKnownURI(t *testing.T) {
	env, stdout, stderr, _ := testEnv(t, "correct horse battery staple\n")
	file := filepath.Join("..", "..", "app", "backup", "testdata", "success_crlf.txt")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := bytes.Cut(data, []byte("\n\n"))
	tmp := filepath.Join(t.TempDir(), "backup.txt")
	os.WriteFile(tmp, body, 0o600)
	// The flag after the file works too.
	if err := runBackup([]string{"decrypt", tmp, "--passphrase-file", "-"}, env); err != nil {
		t.Fatal(err)
	}
	const want = "otpauth://totp/Example:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example&algorithm=SHA1&digits=6&period=30\n"
	if !strings.HasPrefix(stdout.String(), want) || strings.Count(stdout.String(), "\n") != 4 {
		t.Errorf("decrypt printed:\n%s\nwant 4 lines starting with:\n%s", stdout, want)
	}
	if !strings.Contains(stderr.String(), "4 accounts from a backup made 2026-11-25 10:04:48 UTC") {
		t.Errorf("stderr: %q", stderr)
	}
}

// TestBackupDecryptOrder lists a backup of version 2 with and without the
// flags that choose the order and the accounts.
func TestBackupDecryptOrder(t *testing.T) {
	key := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte("12345678901234567890")}
	used := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	c := &vault.Contents{Settings: vault.Settings{Sort: vault.SortAlphabetical}}
	for i, a := range []vault.Account{
		{Issuer: "Cloud", Group: "Work", LastUsed: used},
		{Issuer: "bank", Note: "card reader"},
		{Issuer: "Steam", Group: "Games", Favourite: true},
		{Issuer: "Amazon", Group: "Work", LastUsed: used.Add(time.Hour)},
	} {
		a.ID, a.Name, a.Key = fmt.Sprint("id", i), "me", key
		if err := c.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	file, pass := filepath.Join(dir, "backup.txt"), filepath.Join(dir, "pass")
	data, err := backup.Seal(c, []byte("pw"), vault.Params{Time: 1, MemoryKiB: 64, Threads: 1}, vault.Argon2id, rand.Reader, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(file, data, 0o600)
	os.WriteFile(pass, []byte("pw\n"), 0o600)
	for _, tc := range []struct {
		name  string
		flags []string
		want  string // the issuers printed, in order
		count string
	}{
		{"the backup's order", nil, "Steam Amazon bank Cloud", "4 accounts"},
		{"manual", []string{"--sort", "manual"}, "Steam Cloud bank Amazon", "4 accounts"},
		{"recent", []string{"--sort", "recent"}, "Steam Amazon Cloud bank", "4 accounts"},
		{"group", []string{"--group", "Work"}, "Amazon Cloud", "2 of 4 accounts"},
		{"no group", []string{"--group", ""}, "bank", "1 of 4 accounts"},
		{"search", []string{"--search", "CARD"}, "bank", "1 of 4 accounts"},
		{"nothing found", []string{"--search", "nothing"}, "", "0 of 4 accounts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, stdout, stderr, _ := testEnv(t, "")
			if err := runBackup(append([]string{"decrypt", "--passphrase-file", pass, file}, tc.flags...), env); err != nil {
				t.Fatal(err)
			}
			var issuers []string
			for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
				if issuer, _, ok := strings.Cut(strings.TrimPrefix(line, "otpauth://totp/"), ":"); ok {
					issuers = append(issuers, issuer)
				}
			}
			if got := strings.Join(issuers, " "); got != tc.want {
				t.Errorf("printed %q, want %q", got, tc.want)
			}
			if !strings.Contains(stderr.String(), "twofold: "+tc.count+" from a backup") {
				t.Errorf("stderr %q does not say %q", stderr, tc.count)
			}
		})
	}
	env, _, _, _ := testEnv(t, "")
	if err := runBackup([]string{"decrypt", "--passphrase-file", pass, "--sort", "random", file}, env); err == nil {
		t.Error("--sort random: no error")
	}
}

const testURIs = `# three accounts
otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30
otpauth://hotp/Air%20Canada:Benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Air+Canada&algorithm=SHA256&digits=7&counter=50

otpauth://steam/Boeing:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing&algorithm=SHA1&digits=5&period=30
`

// TestBackupCreateDecrypt writes a backup from URIs, with the passphrase
// asked twice, and decrypts it back to the same URIs.
func TestBackupCreateDecrypt(t *testing.T) {
	dir := t.TempDir()
	uris := filepath.Join(dir, "uris.txt")
	if err := os.WriteFile(uris, []byte(testURIs), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "twofold-backup.txt")
	env, stdout, stderr, asked := testEnv(t, "", "pässphrase", "pässphrase")
	if err := runBackup([]string{"create", "-o", out, uris}, env); err != nil {
		t.Fatal(err)
	}
	if *asked != 2 || stdout.Len() != 0 || !strings.Contains(stderr.String(), "3 accounts") {
		t.Errorf("asked %d times, stdout %q, stderr %q", *asked, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, want 0600", fi.Mode().Perm())
	}
	h, err := backup.Inspect(data)
	if err != nil {
		t.Fatal(err)
	}
	if h.Params != vault.DefaultParams || !h.Created.Equal(env.now()) {
		t.Errorf("header %+v, want the default parameters and the time of creation", h)
	}

	env, stdout, _, _ = testEnv(t, "", "pässphrase")
	if err := runBackup([]string{"decrypt", out}, env); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(testURIs, "issuer=Air+Canada", "issuer=Air%20Canada", 1)
	want = strings.Replace(strings.Replace(want, "# three accounts\n", "", 1), "\n\n", "\n", 1)
	if stdout.String() != want {
		t.Errorf("decrypt printed:\n%s\nwant:\n%s", stdout, want)
	}

	// The HOTP counter survived.
	b, err := backup.Open(data, []byte("pässphrase"), vault.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	if c := b.Contents.Accounts[1].Counter; c != 50 {
		t.Errorf("counter %d, want 50", c)
	}
	for _, a := range b.Contents.Accounts {
		if len(a.ID) != 32 {
			t.Errorf("account id %q is not 32 hex digits", a.ID)
		}
	}

	// A second create does not overwrite the backup.
	env, _, _, _ = testEnv(t, "")
	err = runBackup([]string{"create", "-o", out, uris}, env)
	if err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("create over an existing file: %v", err)
	}
	if again, _ := os.ReadFile(out); !bytes.Equal(again, data) {
		t.Error("the existing backup was changed")
	}
}

func TestBackupCreateToStdout(t *testing.T) {
	dir := t.TempDir()
	pass := filepath.Join(dir, "pass")
	os.WriteFile(pass, []byte("secret words\r\n"), 0o600)
	env, stdout, _, _ := testEnv(t, testURIs)
	if err := runBackup([]string{"create", "--passphrase-file", pass, "-"}, env); err != nil {
		t.Fatal(err)
	}
	// The CR LF at the end of the passphrase file is not part of it.
	b, err := backup.Open(stdout.Bytes(), []byte("secret words"), vault.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Contents.Accounts) != 3 {
		t.Errorf("%d accounts, want 3", len(b.Contents.Accounts))
	}
}

func TestBackupCreateRefuses(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	uris := write("uris.txt", testURIs)
	bad := write("bad.txt", testURIs+"otpauth://totp/X:y?secret=SECRET1SECRET\nnot a uri\n")
	empty := write("empty.txt", "# nothing\n")
	emptyPass := write("empty.pass", "\n")
	for _, tc := range []struct {
		name    string
		args    []string
		answers []string
		want    string
	}{
		{"passphrases differ", []string{"create", uris}, []string{"one", "two"}, "differ"},
		{"empty passphrase", []string{"create", uris}, []string{"", ""}, "empty"},
		{"empty passphrase file", []string{"create", "--passphrase-file", emptyPass, uris}, nil, "empty"},
		{"bad lines", []string{"create", bad}, nil, "2 lines could not be read"},
		{"no accounts", []string{"create", empty}, nil, "no otpauth"},
		{"both from stdin", []string{"create", "--passphrase-file", "-", "-"}, nil, "standard input"},
		{"no file", []string{"create"}, nil, "needs one"},
		{"two files", []string{"create", uris, uris}, nil, "needs one"},
		{"missing file", []string{"create", filepath.Join(dir, "missing.txt")}, nil, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".backup")
			env, stdout, stderr, _ := testEnv(t, "", tc.answers...)
			err := runBackup(append([]string{tc.args[0], "-o", out}, tc.args[1:]...), env)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("create: %v, want an error saying %q", err, tc.want)
			}
			if _, err := os.Stat(out); err == nil || stdout.Len() != 0 {
				t.Error("a backup was written despite the error")
			}
			if strings.Contains(stderr.String()+err.Error(), "SECRET1") {
				t.Error("a secret was printed")
			}
			if tc.name == "bad lines" && (!strings.Contains(stderr.String(), "line 6:") || !strings.Contains(stderr.String(), "line 7:")) {
				t.Errorf("stderr does not name the bad lines:\n%s", stderr)
			}
		})
	}
}

// TestBackupDecryptDamagedAsksNothing checks that a damaged file is
// reported before the passphrase is asked for.
func TestBackupDecryptDamagedAsksNothing(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cut.txt")
	os.WriteFile(file, []byte("-----BEGIN TWOFOLD BACKUP-----\nVersion: 1\n"), 0o600)
	env, _, _, asked := testEnv(t, "")
	err := runBackup([]string{"decrypt", file}, env)
	if !errors.Is(err, backup.ErrDamaged) || *asked != 0 {
		t.Errorf("decrypt: %v after %d questions, want damaged before any", err, *asked)
	}
}

func TestBackupUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string // in the error; "" for success
	}{
		{"nothing", nil, "decrypt or create"},
		{"unknown", []string{"restore"}, "unknown backup command"},
		{"decrypt without file", []string{"decrypt"}, "needs one FILE"},
		{"unknown flag", []string{"decrypt", "--verbose", "x"}, "not defined"},
		{"help", []string{"help"}, ""},
		{"flag help", []string{"decrypt", "-h"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, stdout, stderr, _ := testEnv(t, "")
			err := runBackup(tc.args, env)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
			} else if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("%v, want an error saying %q", err, tc.want)
			}
			if !strings.Contains(stdout.String()+stderr.String(), "twofold backup decrypt") {
				t.Error("no usage printed")
			}
		})
	}
}

// TestBackupCmd runs the entry point itself, on a file that is not a
// backup (so that it prints nothing on the real standard output).
func TestBackupCmd(t *testing.T) {
	file := filepath.Join(t.TempDir(), "photo.png")
	os.WriteFile(file, []byte("\x89PNG\r\n\x1a\n"), 0o600)
	err := backupCmd([]string{"decrypt", "--passphrase-file", os.DevNull, file})
	if !errors.Is(err, backup.ErrNotBackup) || !strings.Contains(err.Error(), "BEGIN TWOFOLD BACKUP") {
		t.Errorf("backupCmd: %v, want not a backup", err)
	}
}

// TestBackupDerivations counts the key derivations of each command: one to
// create a backup (Seal reads the file back with the key it derived), one
// to decrypt it, with the right passphrase or not, and none for a damaged
// file, which is refused before the passphrase is asked for.
func TestBackupDerivations(t *testing.T) {
	dir := t.TempDir()
	uris := filepath.Join(dir, "uris.txt")
	if err := os.WriteFile(uris, []byte(testURIs), 0o600); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "backup.txt")
	env, _, _, _ := testEnv(t, "", "pw", "pw")
	if err := runBackup([]string{"create", "-o", file, uris}, env); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.txt")
	if err := os.WriteFile(cut, data[:len(data)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		args    []string
		answers []string
		want    error // errors.Is, or nil for success
		n       int
	}{
		{"create", []string{"create", "-o", filepath.Join(dir, "new.txt"), uris}, []string{"pw", "pw"}, nil, 1},
		{"decrypt", []string{"decrypt", file}, []string{"pw"}, nil, 1},
		{"decrypt with a wrong passphrase", []string{"decrypt", file}, []string{"PW"}, backup.ErrWrongPassphrase, 1},
		{"decrypt a truncated file", []string{"decrypt", cut}, nil, backup.ErrDamaged, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, _, _, _ := testEnv(t, "", tc.answers...)
			n := 0
			env.kdf = func(password, salt []byte, p vault.Params) ([]byte, error) {
				n++
				return vault.Argon2id(password, salt, p)
			}
			err := runBackup(tc.args, env)
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if n != tc.n {
				t.Errorf("%d key derivations, want %d", n, tc.n)
			}
		})
	}
}
